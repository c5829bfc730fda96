// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tool.h"

/* Keep the first line; read the rest too, so the tool never blocks on us. */
static void collect_first_line(int fd, char *why, size_t size)
{
	char buf[4096];
	size_t len = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		if (len < size - 1) {
			size_t take = (size_t)n < size - 1 - len ? (size_t)n :
								      size - 1 - len;

			memcpy(why + len, buf, take);
			len += take;
		}
	}
	why[len] = '\0';
	why[strcspn(why, "\n")] = '\0';
}

int run_tool(char *const argv[], char *why, size_t size)
{
	int err[2], status;
	pid_t pid;

	why[0] = '\0';
	if (pipe2(err, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		close(err[0]);
		close(err[1]);
		return -errno;
	}
	if (pid == 0) {
		dup2(err[1], STDERR_FILENO);
		execvp(argv[0], argv);
		dprintf(STDERR_FILENO, "cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	close(err[1]);
	collect_first_line(err[0], why, size);
	close(err[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}
