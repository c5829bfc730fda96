/* SPDX-License-Identifier: GPL-2.0 */
/* 06-rm: removing what run made for a container (rm, rm -f). */
#ifndef MYDOCKER_REMOVE_H
#define MYDOCKER_REMOVE_H

struct record;

/* Its cgroup, its directory, its record: 0, or -errno once reported. */
int remove_container(const struct record *rec);

#endif
