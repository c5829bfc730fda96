// SPDX-License-Identifier: GPL-2.0
/*
 * 02-ps: mydocker ps [-q] lists the containers from their records
 * (ps_list.c), each one's status worked out now, not read from the file.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "err.h"
#include "paths.h"
#include "ps.h"
#include "record.h"
#include "state.h"

extern const struct command cmd_ps;

static void print_table(struct record *recs, size_t n, bool quiet)
{
	char command[COMMAND_WIDTH + 64];
	size_t i;

	if (!quiet)
		printf("%-12s  %-16s  %-7s  %-7s  %-*s  %s\n", "ID", "NAME",
		       "PID", "STATUS", COMMAND_WIDTH, "COMMAND", "CREATED");
	for (i = 0; i < n; i++) {
		if (quiet) {
			printf("%s\n", recs[i].id);
			continue;
		}
		format_command(recs[i].command, command, sizeof(command));
		printf("%-12s  %-16s  %-7d  %-7s  %-*s  %s\n", recs[i].id,
		       recs[i].name, recs[i].pid, container_status(&recs[i]),
		       COMMAND_WIDTH, command, recs[i].created);
	}
}

static int ps_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct record *recs;
	bool quiet = false;
	size_t n;
	int opt, ret;

	while ((opt = command_getopt(&cmd_ps, argc, argv, "q", options,
				     &ret)) != -1) {
		if (opt == COMMAND_EXIT)
			return ret;
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
	.usage = "ps [-q]",
	.help = "  -q, --quiet  only the IDs\n",
};
