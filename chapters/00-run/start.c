// SPDX-License-Identifier: GPL-2.0
/*
 * Starting the container: clone it, and say whether it started; then
 * what its steps do once it has (container_step.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "container.h"
#include "container_step.h"
#include "err.h"

int container_start(struct container *c)
{
	int cgroup_fd = cgroup_clone_fd(&c->cgroup);

	fflush(NULL);
	c->pid = clone_into_namespaces(cgroup_fd);
	if (c->pid == 0)
		_exit(container_main(c));
	if (cgroup_fd >= 0)
		close(cgroup_fd);
	if (c->pid < 0) {
		errmsg("clone into new namespaces: %s", strerror(errno));
		return -ECHILD;
	}
	return container_started(c);
}
