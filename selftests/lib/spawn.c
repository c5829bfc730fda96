// SPDX-License-Identifier: GPL-2.0
/*
 * lab: a mydocker the test talks to while it runs. See lab_run.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lab.h"
#include "lab_internal.h"

#define LAB_STOP_MS 5000	/* lab_stop(): grace before SIGKILL */

int lab_spawnv(struct lab *lab, struct lab_proc **procp,
	       const char *const argv[])
{
	struct lab_proc *proc = NULL;
	int i, ret;

	for (i = 0; i < LAB_MAX_PROCS; i++) {
		if (!lab->procs[i].pid) {
			proc = &lab->procs[i];
			break;
		}
	}
	if (!proc)
		return -EBUSY;
	ret = lab_start(lab, argv, true, proc);
	if (ret)
		return ret;
	*procp = proc;
	return 0;
}

int lab_read_line(struct lab_proc *proc, char *line, size_t size,
		  int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	size_t len = 0;

	/* One byte at a time: whatever follows the newline stays in the
	 * pipe for the next call or for lab_finish(). */
	for (;;) {
		struct pollfd pfd = { .fd = proc->out, .events = POLLIN };
		long long left = deadline - now_ms();
		ssize_t n;
		char c;

		if (left <= 0)
			return -ETIMEDOUT;
		if (poll(&pfd, 1, left) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (!pfd.revents)
			continue;
		n = read(proc->out, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ENODATA;
		if (c == '\n')
			break;
		if (len + 1 < size)
			line[len++] = c;
	}
	if (size)
		line[len] = '\0';
	return 0;
}

int lab_finish(struct lab *lab, struct lab_proc *proc, struct lab_result *res)
{
	return lab_collect(proc, res, lab->timeout_ms);
}

const char *lab_ended_with(const struct lab_result *res, char *buf,
			   size_t size)
{
	char err[512];

	snprintf(buf, size, "it ended before that, with exit %d, stderr '%s'",
		 res->status, lab_escape(res->err, err, sizeof(err)));
	return buf;
}

void lab_stop(struct lab_proc *proc)
{
	int status;

	/* EOF on its stdin ends most interactive containers (read x) the
	 * gentle way, which lets mydocker clean up after itself. */
	close_fd(&proc->in);
	close_fd(&proc->out);
	close_fd(&proc->err);
	/* A pidfd wakes us when it exits, not the next tick of a sleep. */
	lab_wait_gone(proc->pid, LAB_STOP_MS);
	if (waitpid(proc->pid, &status, WNOHANG) == 0) {
		kill(-proc->pid, SIGKILL);
		kill(proc->pid, SIGKILL);
		waitpid(proc->pid, &status, 0);
	}
	proc->pid = 0;
}
