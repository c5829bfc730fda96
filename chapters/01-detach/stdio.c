// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: what the command reads and writes.
 * 01-detach: a detached container lets go of the caller's terminal and
 * pipes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "container.h"
#include "err.h"

/*
 * Without -i the command reads /dev/null, as in Docker. A detached
 * container also writes to /dev/null: it must not hold on to the
 * caller's terminal or pipes after run has returned.
 */
int set_stdio(const struct container *c)
{
	int fd, target;

	if (c->opts->interactive)
		return 0;
	fd = open("/dev/null", O_RDWR);
	if (fd < 0) {
		errmsg("open /dev/null: %s", strerror(errno));
		return -EIO;
	}
	for (target = 0; target <= (c->opts->detach ? 2 : 0); target++) {
		if (dup2(fd, target) < 0) {
			errmsg("redirect fd %d to /dev/null: %s", target,
			       strerror(errno));
			close(fd);
			return -EIO;
		}
	}
	close(fd);
	return 0;
}
