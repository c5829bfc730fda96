// SPDX-License-Identifier: GPL-2.0
/*
 * 05-stop: mydocker stop [-t SECONDS] CONTAINER... asks each container's
 * PID 1 to end (SIGTERM), waits up to SECONDS, then kills it (SIGKILL).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "command.h"
#include "err.h"
#include "pidfd.h"
#include "record.h"
#include "state.h"
#include "stop.h"

extern const struct command cmd_stop;

#define DEFAULT_GRACE_SECONDS 10

/* EXERCISE wait-exit: Wait until the process behind @pidfd has exited, at most @timeout_ms; true if it has. No sleep-and-check loop: a pidfd becomes readable when its process exits. */
/* HINT: poll() on the pidfd for POLLIN with the timeout; a signal may interrupt it (EINTR): try again. */
/* Sleep in poll() until the process behind @pidfd exits: no busy loop. */
static bool wait_exit(int pidfd, int timeout_ms)
{
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	int n;

	do
		n = poll(&pfd, 1, timeout_ms);
	while (n < 0 && errno == EINTR);
	return n > 0;
}
/* END EXERCISE wait-exit */

/*
 * PID 1 of a PID namespace gets no default action for signals it has
 * not set a handler for: a plain "sleep" as PID 1 does not die of
 * SIGTERM (nor of SIGINT). Only SIGKILL, from outside the namespace,
 * always ends it. Hence the grace period and the fallback.
 */
static int terminate(int pidfd, int grace_seconds)
{
	if (pidfd_send_signal(pidfd, SIGTERM, NULL, 0) < 0 && errno != ESRCH)
		return -errno;
	if (wait_exit(pidfd, grace_seconds * 1000))
		return 0;
	/* EXERCISE sigkill: The grace period is over and PID 1 still runs (without a handler it never dies of SIGTERM): kill it with SIGKILL, through the pidfd, and wait until it is gone. */
	/* HINT: pidfd_send_signal(pidfd, SIGKILL, NULL, 0) (ESRCH: it has just exited, fine), then wait_exit() with a bound of some seconds; -ETIMEDOUT if it is not gone by then. */
	if (pidfd_send_signal(pidfd, SIGKILL, NULL, 0) < 0 && errno != ESRCH)
		return -errno;
	return wait_exit(pidfd, 10 * 1000) ? 0 : -ETIMEDOUT;
	/* END EXERCISE sigkill */
}

/* EXERCISE mark-stopped: Write into the container's record that stop ended it, and when: status "stopped" and the finished time, so that ps can tell it from a command that ended by itself. */
/* HINT: set rec->status and rec->finished (rfc3339_now() in record.h), then record_write(), which replaces the file atomically; report a failure with errmsg(). */
/* Record that stop ended it, and when: ps then says "stopped". */
static int mark_stopped(struct record *rec)
{
	int ret;

	snprintf(rec->status, sizeof(rec->status), "stopped");
	rfc3339_now(rec->finished);
	ret = record_write(rec);
	if (ret)
		errmsg("write its record: %s", strerror(-ret));
	return ret;
}
/* END EXERCISE mark-stopped */

int container_stop(struct record *rec, int grace_seconds)
{
	int pidfd, ret = 0;

	pidfd = container_pidfd(rec);
	if (pidfd >= 0) {
		ret = terminate(pidfd, grace_seconds);
		if (ret)
			errmsg("signal pid %d: %s", rec->pid, strerror(-ret));
		else
			ret = mark_stopped(rec);
	}
	/* Not running any more: nothing to do, and that is success. */
	if (pidfd >= 0)
		close(pidfd);
	return ret;
}

static int stop_one(const char *name_or_id, int grace_seconds)
{
	struct record rec;
	int ret;

	if (record_lookup(name_or_id, &rec))
		return -ENOENT;
	err_container = rec.name;
	ret = container_stop(&rec, grace_seconds);
	record_free(&rec);
	err_container = NULL;
	return ret;
}

static int parse_seconds(const char *text, int *seconds)
{
	char *end;
	long value;

	errno = 0;
	value = strtol(text, &end, 10);
	if (errno || end == text || *end || value < 0 || value > INT_MAX / 1000)
		return -EINVAL;
	*seconds = value;
	return 0;
}

static int stop_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "time", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	int grace = DEFAULT_GRACE_SECONDS, opt, i, failed = 0;

	while ((opt = command_getopt(&cmd_stop, argc, argv, "t:", options,
				     &failed)) != -1) {
		if (opt == COMMAND_EXIT)
			return failed;
		if (parse_seconds(optarg, &grace)) {
			errmsg("invalid -t '%s': expected whole seconds, 0 or more",
			       optarg);
			return 1;
		}
	}
	if (optind == argc)
		return command_usage_error(&cmd_stop, "no container given");
	/* One bad name does not keep the others running. */
	for (i = optind; i < argc; i++) {
		if (stop_one(argv[i], grace))
			failed = 1;
		else
			printf("%s\n", argv[i]);
	}
	return failed;
}

const struct command cmd_stop = {
	.name = "stop",
	.main = stop_main,
	.usage = "stop [-t SECONDS] CONTAINER...",
	.help = "  -t, --time SECONDS  the grace period before SIGKILL (10)\n",
};
