// SPDX-License-Identifier: GPL-2.0
/*
 * pidstop PIDFILE: the floor of `mydocker stop`: send the process whose
 * PID is in PIDFILE SIGTERM and wait for it to end through a pidfd,
 * nothing else. Exits 0 once it ended.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct pollfd pfd = { .events = POLLIN };
	int pid = 0;
	FILE *f;

	f = argc == 2 ? fopen(argv[1], "r") : NULL;
	if (!f || fscanf(f, "%d", &pid) != 1 || pid <= 0) {
		fprintf(stderr, "usage: pidstop PIDFILE\n");
		return 2;
	}
	fclose(f);
	pfd.fd = syscall(SYS_pidfd_open, pid, 0);
	if (pfd.fd < 0) {
		fprintf(stderr, "pidstop: pidfd_open %d: %s\n", pid, strerror(errno));
		return 1;
	}
	if (syscall(SYS_pidfd_send_signal, pfd.fd, SIGTERM, NULL, 0)) {
		fprintf(stderr, "pidstop: SIGTERM %d: %s\n", pid, strerror(errno));
		return 1;
	}
	/* POLLIN once the process has ended (zombie or gone). */
	if (poll(&pfd, 1, 10000) != 1) {
		fprintf(stderr, "pidstop: %d did not end within 10 s\n", pid);
		return 1;
	}
	return 0;
}
