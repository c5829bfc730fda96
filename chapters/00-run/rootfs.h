/* SPDX-License-Identifier: GPL-2.0 */
/* 00-run: the container's root: an overlay of its image, pivoted into. */
#ifndef MYDOCKER_ROOTFS_H
#define MYDOCKER_ROOTFS_H

#include <limits.h>

struct container;

int image_layer_get(const char *image, char layer[PATH_MAX]);
int rootfs_mount(const struct container *c, const char *merged);
int rootfs_pivot(const char *merged);

#endif
