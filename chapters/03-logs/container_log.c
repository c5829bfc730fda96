// SPDX-License-Identifier: GPL-2.0
/*
 * 03-logs: a detached container's container.log, a step of its creation
 * (container_step.h). The parent opens it where the host's paths still
 * work; the child puts it on its stdout and stderr (stdio.c); once the
 * child runs, the parent's copy is closed: the log is the container's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "container.h"
#include "container_log.h"
#include "container_step.h"
#include "err.h"
#include "record.h"

int container_log_fd = -1;

/* EXERCISE log: Open a detached container's log, $MYDOCKER_RUN/NAME/container.log, in the parent (after pivot_root the child cannot reach the host's paths) for set_stdio() to put on the child's stdout and stderr: one open file that appends, so that the two streams' lines stay in order. */
/* HINT: record_file() gives the path; open() it write-only, created, with O_APPEND and O_CLOEXEC, into container_log_fd (container_log.h). A foreground container has no log: container_log_fd stays -1. */
/*
 * The parent opens the log where the host's paths still work; the child
 * puts it on its stdout and stderr. O_APPEND keeps the two streams'
 * writes in the order they were made.
 */
static int open_log(struct container *c)
{
	char path[PATH_MAX];
	int ret;

	if (!c->opts->detach)
		return 0;	/* in the foreground the output is the caller's */
	ret = record_file(path, c->name, "container.log");
	if (ret)
		return ret;
	container_log_fd = open(path, O_WRONLY | O_CREAT | O_APPEND |
				O_CLOEXEC, 0640);
	if (container_log_fd < 0) {
		ret = -errno;
		errmsg("create %s: %s", path, strerror(-ret));
	}
	return ret;
}
/* END EXERCISE log */

static void close_log(struct container *c)
{
	(void)c;
	if (container_log_fd >= 0)
		close(container_log_fd);
	container_log_fd = -1;
}

/* The container has its own copy now. */
static int close_our_copy(struct container *c)
{
	close_log(c);
	return 0;
}

/* Once its directories are made; before its cgroup. */
const struct container_step container_step_log = {
	.order = 40,
	.make = open_log,
	.undo = close_log,
	.started = close_our_copy,
};
