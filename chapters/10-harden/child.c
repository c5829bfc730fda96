// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: the container's set-up, step by step, then its command.
 * 01-detach: a detached container leaves the caller's session.
 * 10-harden: a pids limit, a read-only /sys, masked /proc, and last
 * capabilities, no_new_privs and seccomp (harden.h).
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
static int leave_session(const struct run_options *opts)
{
	if (opts->detach && setsid() < 0) {
		errmsg("setsid: %s", strerror(errno));
		return -EPERM;
	}
	return 0;
}

/* Only returns on failure, with the exit status Docker would give. */
static int exec_command(char **argv)
{
	execvp(argv[0], argv);	/* searches the container's PATH */
	return exec_failed(argv[0], errno);
}

/* --privileged leaves /proc and /sys as chapters 00 to 08 did. */
static int harden_mounts(const struct container *c, const char *merged)
{
	return c->opts->security.privileged ? 0 :
					      sys_mount_readonly(&c->cgroup, merged);
}

static int harden_proc(const struct container *c)
{
	return c->opts->security.privileged ? 0 : proc_mask();
}

int container_main(struct container *c)
{
	const struct security_options *sec = &c->opts->security;
	char merged[PATH_MAX];

	if (cgroup_enter(&c->cgroup) ||
	    pids_enter(&c->cgroup) ||
	    cgroupns_enter(sec) ||
	    make_mounts_private() ||
	    set_hostname(c->name) ||
	    pathf(merged, "%s/merged", c->dir) ||
	    rootfs_mount(c, merged) ||
	    volumes_mount(c->opts, merged) ||
	    harden_mounts(c, merged) ||
	    rootfs_pivot(merged) ||
	    harden_proc(c) ||
	    leave_session(c->opts) ||
	    set_stdio(c) ||
	    set_environment(c) ||
	    security_apply(sec))
		return EXIT_MYDOCKER;
	return exec_command(c->opts->argv);
}
