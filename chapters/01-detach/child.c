// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: the container's set-up, step by step, then its command.
 * 01-detach: a detached container leaves the caller's session.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/prctl.h>
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

/*
 * A detached container outlives run: once its set-up is complete there is
 * nothing left for run to undo. run records its PID a moment later; should
 * run die in between, its record says "creating" with run dead ("dead" in
 * ps), and rm -f kills what is in the container's cgroup.
 */
static int outlive_creator(const struct run_options *opts)
{
	if (opts->detach && prctl(PR_SET_PDEATHSIG, 0) < 0) {
		errmsg("prctl PR_SET_PDEATHSIG: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

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
	    STEP(leave_session(c->opts)) ||
	    STEP(set_stdio(c)) ||
	    STEP(set_environment(c)) ||
	    STEP(outlive_creator(c->opts)))
		return setup_failed();
	return exec_command(c->opts->argv);
}
