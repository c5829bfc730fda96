// SPDX-License-Identifier: GPL-2.0
/*
 * mydocker: the command table. Adding a command is adding a file and a
 * row here.
 */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "mydocker.h"

static const struct command *const commands[] = {
	&cmd_run,
	&cmd_ps,
	&cmd_logs,
	&cmd_exec,
	&cmd_stop,
	&cmd_rm,
	&cmd_commit,
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage:\n");
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  mydocker %s\n", commands[i]->usage);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		errmsg("no command given; try 'mydocker help'");
		return 1;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < N_COMMANDS; i++) {
		if (strcmp(argv[1], commands[i]->name))
			continue;
		err_command = commands[i]->name;
		return commands[i]->main(argc - 1, argv + 1);
	}
	errmsg("'%s' is not a mydocker command; try 'mydocker help'", argv[1]);
	return 1;
}
