/* SPDX-License-Identifier: GPL-2.0 */
/* 02-ps: a container's PID 1 is known by its start time too. */
#ifndef MYDOCKER_CONTAINER_H
#define MYDOCKER_CONTAINER_H

#include <limits.h>
#include <sys/types.h>

#include "cgroup.h"
#include "child.h"	/* its start, in the child */
#include "names.h"
#include "run.h"

struct container {
	char id[ID_LEN + 1];
	const char *name;
	const struct run_options *opts;
	char layer[PATH_MAX];	/* the image, unpacked: overlay's lower dir */
	char dir[PATH_MAX];	/* upper/, work/ and merged/ live here */
	struct cgroup cgroup;
	pid_t pid;		/* PID 1 of the container, seen from the host */
	unsigned long long start_time;	/* of that PID: see liveness.h */
	int creator_fd;		/* pidfd of run, for the child: see child.c */
};

int container_create(struct container *c, const struct run_options *opts);
/* 0 once the command runs, or the exit status of a failed start. */
int container_start(struct container *c);
/* Wait for @pid, passing on SIGTERM and SIGHUP; its exit status. */
int wait_forwarding_signals(pid_t pid);
void container_destroy(struct container *c);

#endif
