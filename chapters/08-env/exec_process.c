// SPDX-License-Identifier: GPL-2.0
/*
 * 04-exec: the process the exec'd command runs as. What it takes from
 * the container's PID 1 is read on the host, before joining; what it is
 * given is set inside the container, just before execvp: here a clean
 * environment, never the caller's.
 * 08-env: the command gets the environment of the container's PID 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "exec.h"

extern char **environ;

/* PID 1's environment, read by exec_prepare for exec_in_container. */
static char env_buf[1 << 20];
static char **pid1_env;

/* EXERCISE exec-env: Give the exec'd command the container's environment, the one its PID 1 was started with, not mydocker's: read /proc/PID/environ (NUL-separated KEY=VALUE strings) into @buf, from the host's /proc, and return a NULL-terminated array of them (NULL on failure). */
/* HINT: read() the whole file into buf (at most size - 1 bytes, then a NUL); count the NULs, calloc() the array and point its entries into buf. */
/*
 * An exec'd process is our child, so it would inherit *our* environment.
 * The container's is the one its PID 1 was started with: read it from
 * /proc/PID/environ, NUL-separated "KEY=VALUE" strings.
 */
static char **container_environ(pid_t pid, char *buf, size_t size)
{
	size_t len = 0, n = 0, i;
	char path[64], **env;
	ssize_t got;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/environ", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	while (len < size - 1 && (got = read(fd, buf + len, size - 1 - len)) > 0)
		len += got;
	close(fd);
	buf[len] = '\0';
	for (i = 0; i < len; i++)
		n += buf[i] == '\0';
	env = calloc(n + 2, sizeof(*env));
	for (i = 0, n = 0; env && i < len; i += strlen(buf + i) + 1)
		env[n++] = buf + i;
	return env;
}
/* END EXERCISE exec-env */

/* Read here, from the host's /proc. */
int exec_prepare(pid_t pid, int pidfd)
{
	char path[64];

	pid1_env = container_environ(pid, env_buf, sizeof(env_buf));
	if (!pid1_env) {
		int err = errno;	/* snprintf() may change errno */

		snprintf(path, sizeof(path), "/proc/%d/environ", pid);
		return pid1_read_failed(pidfd, path, err);
	}
	return 0;
}

int exec_in_container(char **argv)
{
	environ = pid1_env;	/* execvp searches the container's PATH */
	execvp(argv[0], argv);
	return exec_failed(argv[0], errno);
}
