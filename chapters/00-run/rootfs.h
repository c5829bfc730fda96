/* SPDX-License-Identifier: GPL-2.0 */
/* 00-run: the container's root: an overlay of its image, pivoted into. */
#ifndef MYDOCKER_ROOTFS_H
#define MYDOCKER_ROOTFS_H

#include <limits.h>

struct container;

int image_layer_get(const char *image, char layer[PATH_MAX]);
/* $MYDOCKER_ROOT/containers/<id>/{upper,work,merged}, in c->dir. */
int rootfs_dirs_create(struct container *c);
/* "lowerdir=@layer,upperdir=@dir/upper,workdir=@dir/work"; -ENAMETOOLONG. */
#define OVERLAY_OPTIONS_MAX (3 * PATH_MAX + 64)
int overlay_options(char options[OVERLAY_OPTIONS_MAX], const char *layer,
		    const char *dir);
int rootfs_mount(const struct container *c, const char *merged);
int rootfs_pivot(const char *merged);

#endif
