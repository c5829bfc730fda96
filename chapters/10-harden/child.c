// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: the container's set-up, step by step, then its command.
 * 01-detach: a detached container leaves the caller's session and
 * outlives run (detach.c).
 * 10-harden: a pids limit, a read-only /sys, masked /proc, and last
 * capabilities, no_new_privs and seccomp (harden.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <unistd.h>

#include "container.h"
#include "detach.h"
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

	setup_begin();
	if (STEP(die_with_creator(c)) ||
	    STEP(cgroup_enter(&c->cgroup)) ||
	    STEP(pids_enter(&c->cgroup)) ||
	    STEP(cgroupns_enter(sec)) ||
	    STEP(make_mounts_private()) ||
	    STEP(set_hostname(c->name)) ||
	    STEP(pathf(merged, "%s/merged", c->dir)) ||
	    STEP(rootfs_mount(c, merged)) ||
	    STEP(volumes_mount(c->opts, merged)) ||
	    STEP(harden_mounts(c, merged)) ||
	    STEP(rootfs_pivot(merged)) ||
	    STEP(harden_proc(c)) ||
	    STEP(leave_session(c->opts)) ||
	    STEP(set_stdio(c)) ||
	    STEP(set_environment(c)) ||
	    STEP(outlive_creator(c->opts)) ||
	    STEP(security_apply(sec)))
		return setup_failed();
	return exec_command(c->opts->argv);
}
