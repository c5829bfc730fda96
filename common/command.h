/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A mydocker command is a file that defines one struct command named
 * cmd_<name>; the build lists those it finds in the chapter's tree
 * (scripts/command-table), and main.c runs the one named. command_getopt()
 * is the one option parser they share, so that every command reads its
 * options, --help and its usage errors the same way.
 */
#ifndef MYDOCKER_COMMAND_H
#define MYDOCKER_COMMAND_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

struct command {
	const char *name;
	int (*main)(int argc, char **argv);	/* argv[0] is the name */
	const char *usage;	/* one line: the synopsis */
	const char *help;	/* every option, one a line, for --help */
	/* Or made when asked (run's, from the options of several files). */
	const char *(*get_usage)(void);
	const char *(*get_help)(void);
	int usage_status;	/* exit status of a usage error; 0: 1 */
	bool long_only;		/* long options with one dash too (-name) */
};

/* The commands of this chapter, in the order they were added; NULL ends. */
extern const struct command *const commands[];

/* command_getopt() returned this: the command returns *status now. */
#define COMMAND_EXIT (-2)

/*
 * The next option in @argv (getopt_long() over @shortopts, with a '+':
 * options end at the first operand), or -1 after the last. -h and --help
 * print @cmd's usage on stdout (*status 0); an unknown option or one
 * without its value is reported by name (*status: @cmd's usage status).
 */
int command_getopt(const struct command *cmd, int argc, char **argv,
		   const char *shortopts, const struct option *longopts,
		   int *status);
/* Report "@fmt; usage: mydocker USAGE"; @cmd's usage status. */
int command_usage_error(const struct command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void command_usage(const struct command *cmd, FILE *out);
/* @cmd's synopsis: its usage, or what its get_usage() makes. */
const char *command_synopsis(const struct command *cmd);

#endif
