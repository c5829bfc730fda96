// SPDX-License-Identifier: GPL-2.0
/*
 * 06-rm: mydocker rm [-f] CONTAINER... removes what a container left:
 * its cgroup, its directory under the data root and its record. A
 * running container is refused unless -f, which kills it first.
 * 09-monitor: rm lets the container's monitor finish first, so that
 * nothing writes into what rm removes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "cgroup.h"
#include "command.h"
#include "err.h"
#include "fileio.h"
#include "liveness.h"
#include "monitor.h"
#include "paths.h"
#include "record.h"
#include "remove.h"
#include "state.h"
#include "stop.h"

extern const struct command cmd_rm;

/*
 * Its monitor may still be writing how it ended (or, for run --rm, be
 * removing it): wait for the monitor to exit, then for anyone waiting
 * for the record (wait_record.c) to have read it.
 */
static int remove_when_monitor_done(const struct record *rec)
{
	int pidfd = -1, pin, ret;
	struct record now;

	if (monitor_is_running(rec))
		pidfd = pidfd_open(rec->monitor_pid, 0);
	if (pidfd >= 0) {
		struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

		while (poll(&pfd, 1, 10 * 1000) < 0 && errno == EINTR)
			;
		close(pidfd);
	}
	pin = record_pin(rec->name, LOCK_EX);
	ret = pin == -ENOENT ? -ENOENT : record_read(rec->name, &now);
	if (ret == -ENOENT) {
		ret = 0;	/* its monitor has removed it (run --rm) */
	} else {
		if (!ret)
			record_free(&now);
		ret = remove_container(rec);
	}
	if (pin >= 0)
		close(pin);
	return ret;
}

static int rm_one(const char *name_or_id, bool force)
{
	struct record rec;
	int ret;

	ret = record_find(name_or_id, &rec);
	if (ret == -EINVAL && force)
		return rm_unreadable(name_or_id);
	if (ret) {
		record_lookup_failed(name_or_id, ret);
		return ret;
	}
	err_container = rec.name;
	/* What is derived from its ID must be its own alone. */
	ret = state_id_unique(rec.id, rec.name);
	/* A half-made one is its run's, while that run lives. */
	if (!ret && state_is_creating(&rec))
		ret = rm_creating(&rec);
	if (ret)
		goto out_free;
	if (process_is_container(rec.pid, rec.start_time, rec.id)) {
		if (force)
			ret = container_stop(&rec, 0);	/* SIGKILL at once */
		else {
			errmsg("is running: stop it first, or use rm -f");
			ret = -EBUSY;
		}
	}
	/*
	 * What its record may not name; and then its monitor ends soon.
	 * Without -f, a container whose cgroup is in use is running, even
	 * should its record name another PID: no waiting for its monitor.
	 */
	if (!ret)
		ret = rm_empty_cgroup(rec.id, force);
	if (!ret)
		ret = remove_when_monitor_done(&rec);
out_free:
	record_free(&rec);
	err_container = NULL;
	return ret;
}

static int rm_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	bool force = false;
	int opt, i, failed = 0;

	while ((opt = command_getopt(&cmd_rm, argc, argv, "f", options,
				     &failed)) != -1) {
		if (opt == COMMAND_EXIT)
			return failed;
		force = true;
	}
	if (optind == argc)
		return command_usage_error(&cmd_rm, "no container given");
	/* One bad name does not keep the others from going. */
	for (i = optind; i < argc; i++) {
		if (rm_one(argv[i], force))
			failed = 1;
		else
			printf("%s\n", argv[i]);
	}
	return failed;
}

const struct command cmd_rm = {
	.name = "rm",
	.main = rm_main,
	.usage = "rm [-f] CONTAINER...",
	.help = "  -f, --force  stop a running container first\n",
};
