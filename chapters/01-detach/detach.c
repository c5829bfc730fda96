// SPDX-License-Identifier: GPL-2.0
/*
 * 01-detach: in the child, what a detached container does that one in
 * the foreground does not: steps of the chain in child.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "detach.h"
#include "err.h"

/* A detached container leaves our session: no signals from our terminal. */
/* EXERCISE session: A detached container (-d) leaves the caller's session, so that Ctrl-C or a hang-up of the caller's terminal cannot reach it; a foreground one stays. */
/* HINT: setsid(2) in the child; it is not a process group leader, so setsid() works. */
int leave_session(const struct run_options *opts)
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
int outlive_creator(const struct run_options *opts)
{
	if (opts->detach && prctl(PR_SET_PDEATHSIG, 0) < 0) {
		errmsg("prctl PR_SET_PDEATHSIG: %s", strerror(errno));
		return -errno;
	}
	return 0;
}
