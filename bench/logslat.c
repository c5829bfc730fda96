// SPDX-License-Identifier: GPL-2.0
/*
 * logslat FIFO N CMD...: the latency of `logs -f`. CMD (mydocker logs -f
 * NAME) runs with its stdout on a pipe; a container's shell echoes every
 * line it reads from FIFO (a fifo inside its root) to its log. For each
 * of N lines: the time from writing it into the fifo to its bytes on
 * CMD's stdout. Prints one latency a line, in ms.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Read from @fd until @mark has been seen, for up to 5 s. */
static int read_until(int fd, const char *mark)
{
	static char buf[65536];
	static size_t len;
	double deadline = now_ms() + 5000;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;

	for (;;) {
		char *hit;

		buf[len] = '\0';
		hit = strstr(buf, mark);
		if (hit) {
			size_t rest = len - (hit - buf) - strlen(mark);

			memmove(buf, hit + strlen(mark), rest);
			len = rest;
			return 0;
		}
		if (len > sizeof(buf) / 2)
			len = 0;	/* nothing we wait for is that long */
		if (poll(&pfd, 1, deadline - now_ms()) != 1)
			return -ETIMEDOUT;
		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n <= 0)
			return -EPIPE;
		len += n;
	}
}

int main(int argc, char **argv)
{
	int out[2], fifo, i, n, ret = 0;
	char line[32];
	pid_t pid;

	if (argc < 4 || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: logslat FIFO N CMD...\n");
		return 2;
	}
	if (pipe(out))
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (!pid) {
		dup2(out[1], 1);
		close(out[0]);
		close(out[1]);
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	close(out[1]);
	fifo = open(argv[1], O_WRONLY);
	if (fifo < 0) {
		fprintf(stderr, "logslat: open %s: %s\n", argv[1], strerror(errno));
		ret = 1;
		goto out_kill;
	}
	/* The first line also waits for logs -f to be following. */
	for (i = -1; i < n; i++) {
		double t0 = now_ms();
		int len = snprintf(line, sizeof(line), "mark%d\n", i + 1);

		if (write(fifo, line, len) != len || read_until(out[0], line)) {
			fprintf(stderr, "logslat: line %d did not come out of logs -f\n", i + 1);
			ret = 1;
			break;
		}
		if (i >= 0)
			printf("%.3f\n", now_ms() - t0);
	}
	close(fifo);
out_kill:
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	return ret;
}
