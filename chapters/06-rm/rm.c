// SPDX-License-Identifier: GPL-2.0
/*
 * 06-rm: mydocker rm [-f] CONTAINER... removes what a container left:
 * its cgroup, its directory under the data root and its record. A
 * running container is refused unless -f, which kills it first.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cgroup.h"
#include "command.h"
#include "err.h"
#include "fileio.h"
#include "liveness.h"
#include "paths.h"
#include "record.h"
#include "remove.h"
#include "state.h"
#include "stop.h"

extern const struct command cmd_rm;

static int rm_one(const char *name_or_id, bool force)
{
	struct record rec;
	bool named;
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
	named = process_is_container(rec.pid, rec.start_time, rec.id);
	/* EXERCISE force: A running container is refused (one line, exit 1, nothing removed): its record is the only way to find it. With -f it is ended first, by chapter 05's stop without a grace period. */
	/* HINT: process_is_container(rec.pid, rec.start_time, rec.id) tells (its PID runs and is in its cgroup); container_stop(&rec, 0) sends SIGTERM and, at once, SIGKILL. */
	if (process_is_container(rec.pid, rec.start_time, rec.id)) {
		if (force)
			ret = container_stop(&rec, 0);	/* SIGKILL at once */
		else {
			errmsg("is running: stop it first, or use rm -f");
			ret = -EBUSY;
		}
	}
	/* END EXERCISE force */
	/* Not the PID its record names: what a half-made start left. */
	if (!ret && force && !named)
		ret = rm_empty_cgroup(rec.id, true);
	if (!ret)
		ret = remove_container(&rec);
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
