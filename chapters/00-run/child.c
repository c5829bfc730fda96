// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: the container's set-up, step by step, then its command.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <unistd.h>

#include "container.h"
#include "err.h"
#include "mounts.h"
#include "paths.h"
#include "rootfs.h"
#include "volume.h"

/* Only returns on failure, with the exit status Docker would give. */
static int exec_command(char **argv)
{
	close_inherited_fds();	/* only stdio reaches the command */
	execvp(argv[0], argv);	/* searches the container's PATH */
	return exec_failed(argv[0], errno);
}

int container_main(struct container *c)
{
	char merged[PATH_MAX];

	setup_begin();
	if (STEP(die_with_creator(c)) ||
	    STEP(cgroup_enter(&c->cgroup)) ||
	    STEP(make_mounts_private()) ||
	    STEP(set_hostname(c->name)) ||
	    STEP(pathf(merged, "%s/merged", c->dir)) ||
	    STEP(rootfs_mount(c, merged)) ||
	    STEP(volumes_mount(c->opts, merged)) ||
	    STEP(rootfs_pivot(merged)) ||
	    STEP(set_stdio(c)) ||
	    STEP(set_environment(c)))
		return setup_failed();
	return exec_command(c->opts->argv);
}
