// SPDX-License-Identifier: GPL-2.0
/*
 * reap-now: run COMMAND as a child subreaper that collects every orphan
 * the moment it exits, as the lab's guest (vm/init.c) and systemd do.
 *
 *	reap-now COMMAND [ARG...]
 *
 * This host's PID 1 leaves a re-parented process a zombie for about a
 * second; a test whose verdict depends on that zombie passes here and
 * fails elsewhere. `make test REAP=now` runs every test program under
 * this, so such a test shows. Exits with COMMAND's status (128 + N when
 * signal N killed it); orphans still running then go on to PID 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

int main(int argc, char *argv[])
{
	pid_t child, pid;
	int status;

	if (argc < 2) {
		fprintf(stderr, "usage: reap-now COMMAND [ARG...]\n");
		return 2;
	}
	if (prctl(PR_SET_CHILD_SUBREAPER, 1)) {
		perror("reap-now: PR_SET_CHILD_SUBREAPER");
		return 1;
	}
	child = fork();
	if (child < 0) {
		perror("reap-now: fork");
		return 1;
	}
	if (child == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "reap-now: %s: %m\n", argv[1]);
		_exit(127);
	}
	/* Every child, the command or an orphan, as soon as it ends. */
	for (;;) {
		pid = wait(&status);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			return 1;
		if (pid == child)
			break;
	}
	/* Collect the orphans that ended with it, then let PID 1 have the rest. */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	return exit_code(status);
}
