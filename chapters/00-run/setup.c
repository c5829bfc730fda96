// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: what every step of the set-up chain (child.c) shares.
 * Until the set-up is complete the child dies with its creator, and a
 * step that fails is named in one line even if it said nothing itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "container.h"
#include "err.h"

const char *setup_step;
int setup_ret;

/* Count this child's own messages: those of run before the clone are not. */
void setup_begin(void)
{
	err_count = 0;
}

/* No silent exit 125: a step that failed without a word is named. */
int setup_failed(void)
{
	if (!err_count)
		errmsg("set-up failed at %.*s%s%s (exit %d)",
		       (int)strcspn(setup_step, "("), setup_step,
		       setup_ret < 0 ? ": " : "",
		       setup_ret < 0 ? strerror(-setup_ret) : "", EXIT_MYDOCKER);
	return EXIT_MYDOCKER;
}

/*
 * Until its set-up is complete the container dies with run: a run killed
 * half way must not leave a process that nothing knows of. The signal
 * comes only for a death after prctl(), so the creator's pidfd (opened
 * before the clone; getppid() is 0 in a new PID namespace) tells whether
 * it died before.
 */
int die_with_creator(const struct container *c)
{
	struct pollfd creator = { .fd = c->creator_fd, .events = POLLIN };
	int ready, err;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0) {
		err = errno;	/* errmsg() may change errno */
		errmsg("prctl PR_SET_PDEATHSIG: %s", strerror(err));
		return -err;
	}
	ready = poll(&creator, 1, 0);
	if (ready < 0) {
		err = errno;
		errmsg("poll the pidfd of its creator: %s", strerror(err));
		return -err;
	}
	if (ready > 0)	/* readable: it has exited, nobody to tell */
		_exit(EXIT_MYDOCKER);
	close(c->creator_fd);
	return 0;
}

/*
 * Only stdio reaches the command: every other descriptor the caller left
 * open (a file, the write end of a "$(...)" pipe) is closed. All but the
 * report pipe (err_fd, from 01-detach on), which must stay open should
 * execve() fail, and closes by itself once it succeeds (O_CLOEXEC).
 */
void close_inherited_fds(void)
{
	unsigned int keep = err_fd > STDERR_FILENO ? err_fd : STDERR_FILENO;

	if (keep > 3)
		close_range(3, keep - 1, 0);
	close_range(keep + 1, ~0U, 0);
}
