// SPDX-License-Identifier: GPL-2.0
/*
 * 05-stop: mydocker stop [-t SECONDS] CONTAINER... asks each container's
 * PID 1 to end (SIGTERM), waits up to SECONDS, then kills it (SIGKILL):
 * container_stop() in stop_container.c.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "command.h"
#include "err.h"
#include "record.h"
#include "stop.h"

extern const struct command cmd_stop;

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
