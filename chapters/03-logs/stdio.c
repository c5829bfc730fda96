// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: what the command reads and writes.
 * 01-detach: a detached container lets go of the caller's terminal and
 * pipes.
 * 03-logs: a detached container writes its stdout and stderr to its
 * log.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "container.h"
#include "container_log.h"
#include "err.h"

/*
 * Without -i the command reads /dev/null, as in Docker. A detached
 * container writes to its log: it must not hold on to the caller's
 * terminal or pipes after run has returned.
 */
int set_stdio(const struct container *c)
{
	int fd;

	if (c->opts->interactive)
		return 0;
	fd = open("/dev/null", O_RDONLY);
	if (fd < 0 || dup2(fd, STDIN_FILENO) < 0) {
		errmsg("stdin from /dev/null: %s", strerror(errno));
		return -EIO;
	}
	close(fd);
	if (container_log_fd >= 0 &&
	    (dup2(container_log_fd, STDOUT_FILENO) < 0 ||
	     dup2(container_log_fd, STDERR_FILENO) < 0)) {
		errmsg("stdout and stderr to container.log: %s",
		       strerror(errno));
		return -EIO;
	}
	return 0;
}
