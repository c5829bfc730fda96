// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: the container's set-up, step by step, then its command.
 * 01-detach: a detached container leaves the caller's session.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "container.h"
#include "err.h"
#include "mounts.h"
#include "paths.h"
#include "rootfs.h"
#include "volume.h"

static int set_hostname(const char *name)
{
	if (sethostname(name, strlen(name)) < 0) {
		errmsg("sethostname %s: %s", name, strerror(errno));
		return -EPERM;
	}
	return 0;
}

/* A detached container leaves our session: no signals from our terminal. */
/* EXERCISE session: A detached container (-d) leaves the caller's session, so that Ctrl-C or a hang-up of the caller's terminal cannot reach it; a foreground one stays. */
/* HINT: setsid(2) in the child; it is not a process group leader, so setsid() works. */
static int leave_session(const struct run_options *opts)
{
	if (opts->detach && setsid() < 0) {
		errmsg("setsid: %s", strerror(errno));
		return -EPERM;
	}
	return 0;
}
/* END EXERCISE session */

/* Only returns on failure, with the exit status Docker would give. */
static int exec_command(char **argv)
{
	execvp(argv[0], argv);	/* searches the container's PATH */
	return exec_failed(argv[0], errno);
}

int container_main(struct container *c)
{
	char merged[PATH_MAX];

	if (cgroup_enter(&c->cgroup) ||
	    make_mounts_private() ||
	    set_hostname(c->name) ||
	    pathf(merged, "%s/merged", c->dir) ||
	    rootfs_mount(c, merged) ||
	    volumes_mount(c->opts, merged) ||
	    rootfs_pivot(merged) ||
	    leave_session(c->opts) ||
	    set_stdio(c) ||
	    set_environment(c))
		return EXIT_MYDOCKER;
	return exec_command(c->opts->argv);
}
