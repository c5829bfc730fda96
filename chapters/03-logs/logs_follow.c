// SPDX-License-Identifier: GPL-2.0
/*
 * 03-logs: copying a container's log to stdout, and following it (-f)
 * until the container ends.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "err.h"
#include "logs.h"
#include "pidfd.h"
#include "record.h"

/* Copy what the log holds from the current offset on; 0 or -errno. */
int copy_new_output(int log_fd)
{
	char buf[65536];
	ssize_t n;

	while ((n = read(log_fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || fwrite(buf, 1, n, stdout) != (size_t)n)
			return -EIO;
	}
	return fflush(stdout) ? -EIO : 0;
}

/* EXERCISE follow: logs -f: print the log, then what the container adds to it, until the container exits; then print the rest and return. No busy loop: sleep until there is something to do. */
/* HINT: poll() on an inotify watch of the log (inotify_init1(), inotify_add_watch(IN_MODIFY)) and on a pidfd of the container's PID 1 (container_pidfd() in pidfd.c: readable when it exits). Watch first, then copy: no write is missed. */
/*
 * Wait without spinning: inotify wakes us when the log is written, the
 * pidfd when the container exits. Then print whatever is left.
 */
int follow_log(const struct record *rec, const char *path, int log_fd)
{
	struct pollfd fds[2];
	char events[4096];
	int ret = 0;

	fds[0].fd = inotify_init1(IN_CLOEXEC);
	fds[1].fd = container_pidfd(rec);
	if (fds[0].fd < 0 || inotify_add_watch(fds[0].fd, path, IN_MODIFY) < 0) {
		errmsg("watch %s: %s", path, strerror(errno));
		ret = -EIO;
		goto out_close;
	}
	fds[0].events = fds[1].events = POLLIN;
	/* Watch first, then read: a write in between is not missed. */
	while (fds[1].fd >= 0 && !(ret = copy_new_output(log_fd))) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR) {
			ret = -errno;
			break;
		}
		if (fds[0].revents & POLLIN &&
		    read(fds[0].fd, events, sizeof(events)) < 0)
			ret = -errno;
		if (fds[1].revents & POLLIN)
			break;	/* exited: the last copy below */
	}
	if (!ret)
		ret = copy_new_output(log_fd);
out_close:
	if (fds[1].fd >= 0)
		close(fds[1].fd);
	if (fds[0].fd >= 0)
		close(fds[0].fd);
	return ret;
}
/* END EXERCISE follow */
