/* SPDX-License-Identifier: GPL-2.0 */
/* 06-rm: removing what run made for a container (rm, rm -f). */
#ifndef MYDOCKER_REMOVE_H
#define MYDOCKER_REMOVE_H

#include <stdbool.h>

struct record;

/* Its cgroup, its directory, its record: 0, or -errno once reported. */
int remove_container(const struct record *rec);

/*
 * rm_force.c: cgroup mydocker/@id holds no live process: with @force,
 * SIGKILL them until it is empty; without, -EBUSY, reported.
 */
int rm_empty_cgroup(const char *id, bool force);
/* A half-made one: 0 once its run has died, else -EBUSY, reported. */
int rm_creating(const struct record *rec);
/* rm -f of a record that cannot be parsed: 0, or -errno once reported. */
int rm_unreadable(const char *name);

#endif
