// SPDX-License-Identifier: GPL-2.0
/*
 * Waiting for a container in the foreground, passing on the signals
 * meant for it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "container.h"
#include "err.h"

static volatile pid_t forward_to;

/*
 * SIGTERM and SIGHUP for us are meant for the container. SIGINT and
 * SIGQUIT from a terminal reach the container by themselves (it is in
 * our process group); we only must not die of them before cleaning up.
 */
static void forward_signal(int sig)
{
	if (sig == SIGTERM || sig == SIGHUP)
		kill(forward_to, sig);
}

int wait_forwarding_signals(pid_t pid)
{
	static const int signals[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT };
	struct sigaction sa = { .sa_handler = forward_signal };
	int status;
	size_t i;

	forward_to = pid;
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaction(signals[i], &sa, NULL);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			errmsg("wait for pid %d: %s", pid, strerror(errno));
			return EXIT_MYDOCKER;
		}
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
