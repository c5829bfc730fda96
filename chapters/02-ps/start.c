// SPDX-License-Identifier: GPL-2.0
/*
 * Starting the container: clone it, and say whether it started.
 * 01-detach: the child reports its set-up over a pipe, so the parent
 * knows the command started (or why not) before a detached run returns.
 * 02-ps: a started container gets a record, with its PID's start time.
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
#include "err.h"
#include "liveness.h"
#include "state.h"

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
	if (write(STDERR_FILENO, report, len) < 0)
		errmsg("report of pid %d lost", pid);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_MYDOCKER;
}

/* EXERCISE record: Once the command runs, write the container's record ($MYDOCKER_RUN/NAME/config.json) with the start time of its PID 1; if the record cannot be written, kill the container and fail with 125. */
/* HINT: proc_start_time() (liveness.h) before read_report(): once the child is reaped its /proc entry is gone (start time 0 then: the record says "exited"). state_record_write() writes the record atomically. */
/* The start time must be read before anyone can reap the child. */
static int container_started(struct container *c, int report_fd)
{
	char state;
	int status;

	if (proc_start_time(c->pid, &c->start_time, &state))
		c->start_time = 0;	/* the record will say "exited" */
	status = read_report(report_fd, c->pid);
	if (status == 0 && state_record_write(c)) {
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
		status = EXIT_MYDOCKER;
	}
	return status;
}
/* END EXERCISE record */

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
		status = container_started(c, report[0]);
	}
	close(report[0]);
	return status;
}
