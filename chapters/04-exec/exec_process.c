// SPDX-License-Identifier: GPL-2.0
/*
 * 04-exec: the process the exec'd command runs as. What it takes from
 * the container's PID 1 is read on the host, before joining; what it is
 * given is set inside the container, just before execvp: here a clean
 * environment, never the caller's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "exec.h"

/* Nothing yet: chapter 08 reads PID 1's environment here. */
int exec_prepare(pid_t pid, int pidfd)
{
	(void)pid;
	(void)pidfd;
	return 0;
}

int exec_in_container(char **argv)
{
	const char *term = getenv("TERM");
	char *keep_term = strdup(term ? term : "xterm");

	/* A clean environment: never the caller's (chapter 08: the container's). */
	if (!keep_term || clearenv() ||
	    setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1) ||
	    setenv("HOME", "/root", 1) || setenv("TERM", keep_term, 1)) {
		errmsg("set the environment: %s", strerror(ENOMEM));
		return EXIT_MYDOCKER;
	}
	execvp(argv[0], argv);
	return exec_failed(argv[0], errno);
}
