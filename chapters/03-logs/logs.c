// SPDX-License-Identifier: GPL-2.0
/*
 * 03-logs: mydocker logs [-f] NAME prints a detached container's
 * container.log; with -f it follows the file until the container ends
 * (logs_follow.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "err.h"
#include "logs.h"
#include "record.h"

extern const struct command cmd_logs;

static int logs_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "follow", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	char path[PATH_MAX];
	struct record rec;
	bool follow_it = false;
	int opt, log_fd, ret;

	while ((opt = command_getopt(&cmd_logs, argc, argv, "f", options,
				     &ret)) != -1) {
		if (opt == COMMAND_EXIT)
			return ret;
		follow_it = true;
	}
	if (argc - optind != 1)
		return command_usage_error(&cmd_logs, "expected one container");
	if (record_lookup(argv[optind], &rec))
		return 1;
	err_container = rec.name;
	ret = record_file(path, rec.name, "container.log");
	log_fd = ret ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	if (log_fd < 0) {
		if (errno == ENOENT)
			errmsg("has no log: it runs in the foreground, its output goes to its terminal (only run -d writes container.log)");
		else
			errmsg("open %s: %s", path, strerror(errno));
		record_free(&rec);
		return 1;
	}
	ret = follow_it ? follow_log(&rec, path, log_fd) :
			  copy_new_output(log_fd);
	if (ret == -EIO && ferror(stdout))
		errmsg("write to stdout: %s", strerror(errno));
	close(log_fd);
	record_free(&rec);
	return ret ? 1 : 0;
}

const struct command cmd_logs = {
	.name = "logs",
	.main = logs_main,
	.usage = "logs [-f] CONTAINER",
	.help = "  -f, --follow  go on printing until the container ends\n",
};
