// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: what the command reads and writes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "container.h"
#include "err.h"

/* Without -i the command reads /dev/null, as in Docker. */
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
	return 0;
}
