// SPDX-License-Identifier: GPL-2.0
/*
 * mydocker: run the command named by argv[1]. The commands are those of
 * the chapter's tree (command.h): a chapter adds one by adding its file.
 */
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "err.h"

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage:\n");
	for (i = 0; commands[i]; i++)
		fprintf(out, "  mydocker %s\n", command_synopsis(commands[i]));
	fprintf(out, "  mydocker COMMAND --help\n  mydocker --version\n");
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; commands[i]; i++)
		if (!strcmp(name, commands[i]->name))
			return commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2) {
		errmsg("no command given; try 'mydocker help'");
		return 1;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		cmd = argc > 2 ? find_command(argv[2]) : NULL;
		if (cmd)
			command_usage(cmd, stdout);
		else
			usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("mydocker %s (chapter %s)\n", MYDOCKER_VERSION,
		       MYDOCKER_CHAPTER);
		return 0;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		errmsg("'%s' is not a mydocker command; try 'mydocker help'",
		       argv[1]);
		return 1;
	}
	err_command = cmd->name;
	return cmd->main(argc - 1, argv + 1);
}
