// SPDX-License-Identifier: GPL-2.0
/*
 * 09-monitor: mydocker-shim PID MYDOCKER NAME ID [--rm], a program of its
 * own (not linked into mydocker): what the monitor becomes once the
 * container runs (monitor.c). The container PID is its child; it waits
 * for it, blocked in waitpid(), using no CPU and as little memory as a
 * process can, then hands the status to "MYDOCKER monitor-exit", which
 * records it (and removes the container, with --rm).
 *
 * Like containerd-shim or conmon, it is small on purpose: one of these
 * runs for every container, for as long as the container runs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* EXERCISE shim-wait: Wait for the container, our child, blocked in the kernel (never polling); return its exit code, or 128+N when signal N killed it. */
/* HINT: waitpid(pid, &wstatus, 0), again on EINTR (-1 on another error); WIFSIGNALED()/WTERMSIG() and WEXITSTATUS() tell the two apart. */
static int wait_for_exit(pid_t pid)
{
	int wstatus;

	while (waitpid(pid, &wstatus, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "mydocker-shim: wait for pid %d: %s\n",
				pid, strerror(errno));
			return -1;
		}
	}
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return WEXITSTATUS(wstatus);
}
/* END EXERCISE shim-wait */

int main(int argc, char **argv)
{
	char code[16];
	int status;

	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: mydocker-shim PID MYDOCKER NAME ID [--rm] (started by mydocker run -d)\n");
		return 1;
	}
	status = wait_for_exit(atoi(argv[1]));
	if (status < 0)
		return 1;
	snprintf(code, sizeof(code), "%d", status);
	execl(argv[2], "mydocker", "monitor-exit", argv[3], argv[4], code,
	      argc == 6 ? argv[5] : NULL, (char *)NULL);
	fprintf(stderr, "mydocker-shim: container %s exited with %s, but exec %s failed: %s\n",
		argv[3], code, argv[2], strerror(errno));
	return 1;
}
