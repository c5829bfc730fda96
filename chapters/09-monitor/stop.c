// SPDX-License-Identifier: GPL-2.0
/*
 * 05-stop: mydocker stop [-t SECONDS] CONTAINER... asks each container's
 * PID 1 to end (SIGTERM), waits up to SECONDS, then kills it (SIGKILL).
 * 09-monitor: the record has one writer while the container runs, its
 * monitor. stop leaves it a note that stop ended the container, and
 * returns once the monitor has recorded how.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
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
#include "monitor.h"
#include "pidfd.h"
#include "record.h"
#include "state.h"
#include "stop.h"

extern const struct command cmd_stop;

#define DEFAULT_GRACE_SECONDS 10

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
	if (pidfd_send_signal(pidfd, SIGKILL, NULL, 0) < 0 && errno != ESRCH)
		return -errno;
	return wait_exit(pidfd, 10 * 1000) ? 0 : -ETIMEDOUT;
}

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

/* A note for the monitor: "stopped", not "exited", when it records. */
static int leave_stop_note(const struct record *rec)
{
	char path[PATH_MAX];
	int fd, ret;

	ret = record_file(path, rec->name, "stopped");
	if (ret)
		return ret;
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		ret = -errno;
		errmsg("create %s: %s", path, strerror(-ret));
		return ret;
	}
	close(fd);
	return 0;
}

/* The monitor writes the record; wait until it has (or is gone). */
static int await_monitor(struct record *rec)
{
	char name[NAME_MAX_LEN + 1];
	int ret;

	snprintf(name, sizeof(name), "%s", rec->name);
	record_free(rec);
	ret = wait_recorded(name, rec, 10 * 1000);
	if (!rec->name[0])	/* err_container points there */
		snprintf(rec->name, sizeof(rec->name), "%s", name);
	if (ret == -ESRCH)	/* it died first: write the record ourselves */
		return mark_stopped(rec);
	if (ret)
		errmsg("its monitor did not record its end: %s", strerror(-ret));
	return ret;
}

int container_stop(struct record *rec, int grace_seconds)
{
	bool monitored = monitor_is_running(rec);
	int pidfd, ret = 0;

	pidfd = container_pidfd(rec);
	if (pidfd >= 0) {
		if (monitored && (ret = leave_stop_note(rec)))
			goto out_close;
		ret = terminate(pidfd, grace_seconds);
		if (ret)
			errmsg("signal pid %d: %s", rec->pid, strerror(-ret));
		else if (monitored)
			ret = await_monitor(rec);
		else
			ret = mark_stopped(rec);
	}
	/* Not running any more: nothing to do, and that is success. */
out_close:
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
