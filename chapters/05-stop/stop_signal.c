// SPDX-License-Identifier: GPL-2.0
/*
 * 05-stop: ending a container's PID 1 through its pidfd: SIGTERM, a grace
 * period, then SIGKILL.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/pidfd.h>

#include "stop.h"

/* EXERCISE wait-exit: Wait until the process behind @pidfd has exited, at most @timeout_ms; true if it has. No sleep-and-check loop: a pidfd becomes readable when its process exits. */
/* HINT: poll() on the pidfd for POLLIN with the timeout; a signal may interrupt it (EINTR): try again. */
/* Sleep in poll() until the process behind @pidfd exits: no busy loop. */
static bool wait_exit(int pidfd, int timeout_ms)
{
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	int n;

	do
		n = poll(&pfd, 1, timeout_ms);
	while (n < 0 && errno == EINTR);
	return n > 0;
}
/* END EXERCISE wait-exit */

/*
 * PID 1 of a PID namespace gets no default action for signals it has
 * not set a handler for: a plain "sleep" as PID 1 does not die of
 * SIGTERM (nor of SIGINT). Only SIGKILL, from outside the namespace,
 * always ends it. Hence the grace period and the fallback.
 */
int terminate(int pidfd, int grace_seconds)
{
	if (pidfd_send_signal(pidfd, SIGTERM, NULL, 0) < 0 && errno != ESRCH)
		return -errno;
	if (wait_exit(pidfd, grace_seconds * 1000))
		return 0;
	/* EXERCISE sigkill: The grace period is over and PID 1 still runs (without a handler it never dies of SIGTERM): kill it with SIGKILL, through the pidfd, and wait until it is gone. */
	/* HINT: pidfd_send_signal(pidfd, SIGKILL, NULL, 0) (ESRCH: it has just exited, fine), then wait_exit() with a bound of some seconds; -ETIMEDOUT if it is not gone by then. */
	if (pidfd_send_signal(pidfd, SIGKILL, NULL, 0) < 0 && errno != ESRCH)
		return -errno;
	return wait_exit(pidfd, 10 * 1000) ? 0 : -ETIMEDOUT;
	/* END EXERCISE sigkill */
}
