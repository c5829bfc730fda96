/* SPDX-License-Identifier: GPL-2.0 */
/* 03-logs: a pidfd of a container's PID 1. */
#ifndef MYDOCKER_PIDFD_H
#define MYDOCKER_PIDFD_H

struct record;

/* A pidfd of @rec's PID 1 while it is the container's and runs; else -1. */
int container_pidfd(const struct record *rec);

#endif
