// SPDX-License-Identifier: GPL-2.0
/*
 * lab: run mydocker to its end, its output and its status collected
 * within a time limit. See lab_run.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lab.h"
#include "lab_internal.h"

/*
 * How long to keep reading after mydocker itself has exited. Its container
 * is gone by then (PID 1's exit kills the namespace), so whoever still holds
 * our pipes is a leaked process: stop waiting for it.
 */
#define LAB_DRAIN_MS 1000

struct buf {
	char *data;
	size_t len, cap;
};

static int buf_reserve(struct buf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 4096;
	char *data;

	while (cap < b->len + more + 1)
		cap *= 2;
	if (cap == b->cap)
		return 0;
	data = realloc(b->data, cap);
	if (!data)
		return -ENOMEM;
	b->data = data;
	b->cap = cap;
	return 0;
}

/* Read what is there; 1 at end of file. Past LAB_OUTPUT_MAX, drop it but
 * keep reading, so a chatty container never blocks on a full pipe. */
static int buf_read(struct buf *b, int fd)
{
	char chunk[65536];
	ssize_t n = read(fd, chunk, sizeof(chunk));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -errno;
	if (n == 0)
		return 1;
	if (b->len + n > LAB_OUTPUT_MAX)
		n = LAB_OUTPUT_MAX - b->len;
	if (buf_reserve(b, n))
		return -ENOMEM;
	memcpy(b->data + b->len, chunk, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

/* The child's side of lab_start(): become "mydocker ARGS..." in the lab. */
static void __attribute__((noreturn))
lab_exec(const struct lab *lab, char **argv, int in, int out, int err)
{
	/* Its own process group, so a timeout can kill it and whatever
	 * container processes stayed in that group. */
	setpgid(0, 0);
	/* And if the test process dies first (the harness's own timeout),
	 * mydocker goes with it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* The test ignores SIGPIPE; an ignored signal survives exec, and
	 * mydocker must see the default a shell would give it. */
	signal(SIGPIPE, SIG_DFL);
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(125);
	if (setenv("MYDOCKER_ROOT", lab->root, 1) ||
	    setenv("MYDOCKER_RUN", lab->run, 1))
		_exit(125);
	execv(lab->bin, argv);
	dprintf(2, "lab: exec %s: %m\n", lab->bin);
	_exit(127);
}

/*
 * Start "mydocker ARGS..." with stdout and stderr on pipes, and stdin on a
 * pipe (@interactive) or /dev/null.
 */
int lab_start(struct lab *lab, const char *const argv[],
		     bool interactive, struct lab_proc *proc)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	char **args;
	size_t n = 0;
	int ret;

	while (argv[n])
		n++;
	args = calloc(n + 2, sizeof(*args));
	if (!args)
		return -ENOMEM;
	args[0] = lab->bin;
	memcpy(args + 1, argv, n * sizeof(*args));

	/* We write to a stdin that may be closed already: see an error,
	 * not a SIGPIPE that kills the test. */
	signal(SIGPIPE, SIG_IGN);
	if (interactive) {
		if (pipe2(in, O_CLOEXEC))
			goto out_errno;
	} else {
		in[0] = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (in[0] < 0)
			goto out_errno;
	}
	if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
		goto out_errno;

	/* Flush first, or the child's exit would print our buffers twice. */
	fflush(stdout);
	fflush(stderr);
	proc->pid = fork();
	if (proc->pid < 0)
		goto out_errno;
	if (proc->pid == 0)
		lab_exec(lab, args, in[0], out[1], err[1]);
	/* Also here: whichever of the two runs first, the group exists
	 * before we might signal it. */
	setpgid(proc->pid, proc->pid);

	close_fd(&in[0]);
	close_fd(&out[1]);
	close_fd(&err[1]);
	proc->in = in[1];
	proc->out = out[0];
	proc->err = err[0];
	free(args);
	return 0;

out_errno:
	ret = -errno;
	close_fd(&in[0]);
	close_fd(&in[1]);
	close_fd(&out[0]);
	close_fd(&out[1]);
	close_fd(&err[0]);
	close_fd(&err[1]);
	free(args);
	proc->pid = 0;
	return ret;
}

static int status_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}

/*
 * Read stdout and stderr to their end and reap mydocker, within
 * @timeout_ms. A pidfd in the same poll() tells us when it exits.
 */
int lab_collect(struct lab_proc *proc, struct lab_result *res,
		       int timeout_ms)
{
	struct buf out = { 0 }, err = { 0 };
	long long deadline = now_ms() + timeout_ms;
	long long drain_end = 0;
	int pidfd, status = 0, ret = 0;
	bool reaped = false;

	memset(res, 0, sizeof(*res));
	close_fd(&proc->in);
	pidfd = syscall(SYS_pidfd_open, proc->pid, 0);
	if (pidfd < 0)
		return -errno;

	while (proc->out >= 0 || proc->err >= 0 || !reaped) {
		struct pollfd fds[3] = {
			{ .fd = proc->out, .events = POLLIN },
			{ .fd = proc->err, .events = POLLIN },
			{ .fd = reaped ? -1 : pidfd, .events = POLLIN },
		};
		long long end = reaped ? drain_end : deadline;
		long long left = end - now_ms();
		int r;

		if (left <= 0) {
			if (reaped)
				break;	/* a leaked process holds our pipes */
			res->timed_out = true;
			kill(-proc->pid, SIGKILL);
			kill(proc->pid, SIGKILL);
			if (waitpid(proc->pid, &status, 0) == proc->pid)
				reaped = true;
			ret = -ETIMEDOUT;
			break;
		}
		if (poll(fds, 3, left) < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (fds[0].revents) {
			r = buf_read(&out, proc->out);
			if (r)
				close_fd(&proc->out);
		}
		if (fds[1].revents) {
			r = buf_read(&err, proc->err);
			if (r)
				close_fd(&proc->err);
		}
		if (fds[2].revents && waitpid(proc->pid, &status, 0) == proc->pid) {
			reaped = true;
			drain_end = now_ms() + LAB_DRAIN_MS;
		}
	}
	close(pidfd);
	close_fd(&proc->out);
	close_fd(&proc->err);
	proc->pid = 0;

	/* Empty output is "", never NULL: tests strcmp() it as it is. */
	if (buf_reserve(&out, 0) || buf_reserve(&err, 0)) {
		free(out.data);
		free(err.data);
		return -ENOMEM;
	}
	out.data[out.len] = '\0';
	err.data[err.len] = '\0';
	res->out = out.data;
	res->out_len = out.len;
	res->err = err.data;
	res->err_len = err.len;
	res->status = reaped ? status_code(status) : -1;
	return ret;
}

int lab_runv(struct lab *lab, struct lab_result *res, const char *const argv[])
{
	struct lab_proc proc = { .in = -1, .out = -1, .err = -1 };
	int ret;

	memset(res, 0, sizeof(*res));
	res->status = -1;
	ret = lab_start(lab, argv, false, &proc);
	if (ret)
		return ret;
	ret = lab_collect(&proc, res, lab->timeout_ms);
	lab_remember_started(lab, argv, res);
	return ret;
}

void lab_result_free(struct lab_result *res)
{
	free(res->out);
	free(res->err);
	res->out = res->err = NULL;
	res->out_len = res->err_len = 0;
}
