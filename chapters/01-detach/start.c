// SPDX-License-Identifier: GPL-2.0
/*
 * Starting the container: clone it, and say whether it started; then
 * what its steps do once it has (container_step.h).
 * 01-detach: the child reports its set-up over a pipe, so the parent
 * knows the command started (or why not) before a detached run returns.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "container.h"
#include "container_step.h"
#include "err.h"

/* EXERCISE report: Let run know whether the command started before it returns: the child's set-up errors go into a pipe that a successful execve() closes; the parent reads it to EOF. Nothing read: the command runs (0). Text: print it, reap the child, return its exit status. */
/* HINT: pipe2(O_CLOEXEC) before the clone; in the child close the read end and point err_fd (err.h) at the write end; in the parent close the write end and read() until it returns 0. */
/*
 * The child writes its error messages into @fd; on success execve()
 * closes it (O_CLOEXEC) without a word. So: EOF and nothing read means the
 * command runs; any text is the child's error, to be shown as ours.
 */
static int read_report(int fd, pid_t pid)
{
	char report[4096];
	size_t len = 0;
	ssize_t n;
	int status;

	while ((n = read(fd, report + len, sizeof(report) - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += n;
		if (len == sizeof(report))
			break;
	}
	if (len == 0)
		return 0;
	err_count++;	/* the child's message is ours now */
	if (write(STDERR_FILENO, report, len) < 0)
		errmsg("report of pid %d lost", pid);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_MYDOCKER;
}

int container_start(struct container *c)
{
	int cgroup_fd = cgroup_clone_fd(&c->cgroup);
	int report[2], status;

	if (pipe2(report, O_CLOEXEC) < 0) {
		errmsg("pipe: %s", strerror(errno));
		return EXIT_MYDOCKER;
	}
	fflush(NULL);
	c->pid = clone_into_namespaces(cgroup_fd);
	if (c->pid == 0) {
		close(report[0]);
		err_fd = report[1];
		_exit(container_main(c));
	}
	if (cgroup_fd >= 0)
		close(cgroup_fd);
	close(report[1]);
	if (c->pid < 0) {
		errmsg("clone into new namespaces: %s", strerror(errno));
		status = EXIT_MYDOCKER;
	} else {
		status = read_report(report[0], c->pid);
	}
	close(report[0]);
	return status ? status : container_started(c);
}
/* END EXERCISE report */
