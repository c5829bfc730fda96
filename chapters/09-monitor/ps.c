// SPDX-License-Identifier: GPL-2.0
/*
 * 02-ps: mydocker ps [-q] lists the containers from their records
 * (ps_list.c), each one's status worked out now, not read from the file.
 * 09-monitor: an exited container's status has its exit code and how
 * long ago it ended; -a is accepted (ps lists every container anyway).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "err.h"
#include "monitor.h"
#include "paths.h"
#include "ps.h"
#include "record.h"
#include "state.h"

extern const struct command cmd_ps;

#define STATUS_WIDTH 30

static void print_table(struct record *recs, size_t n, bool quiet)
{
	char command[COMMAND_WIDTH + 64], status[64];
	size_t i;

	if (!quiet)
		printf("%-12s  %-16s  %-7s  %-*s  %-*s  %s\n", "ID", "NAME",
		       "PID", STATUS_WIDTH, "STATUS", COMMAND_WIDTH, "COMMAND",
		       "CREATED");
	for (i = 0; i < n; i++) {
		if (quiet) {
			printf("%s\n", recs[i].id);
			continue;
		}
		format_command(recs[i].command, command, sizeof(command));
		container_status_text(&recs[i], status, sizeof(status));
		printf("%-12s  %-16s  %-7d  %-*s  %-*s  %s\n", recs[i].id,
		       recs[i].name, recs[i].pid, STATUS_WIDTH, status,
		       COMMAND_WIDTH, command, recs[i].created);
	}
}

static int ps_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	struct record *recs;
	bool quiet = false;
	size_t n;
	int opt, ret;

	while ((opt = command_getopt(&cmd_ps, argc, argv, "qa", options,
				     &ret)) != -1) {
		if (opt == COMMAND_EXIT)
			return ret;
		/* -a: stopped ones too; they always are. */
		if (opt == 'q')
			quiet = true;
	}
	if (optind < argc)
		return command_usage_error(&cmd_ps, "unexpected argument '%s'",
					   argv[optind]);
	ret = list_records(&recs, &n);
	if (ret) {
		errmsg("read %s: %s", state_root(), strerror(-ret));
		return 1;
	}
	print_table(recs, n, quiet);
	free_records(recs, n);
	return 0;
}

const struct command cmd_ps = {
	.name = "ps",
	.main = ps_main,
	.usage = "ps [-q] [-a]",
	.help = "  -a, --all    every container (as without it)\n"
		"  -q, --quiet  only the IDs\n",
};
