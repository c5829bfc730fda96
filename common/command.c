// SPDX-License-Identifier: GPL-2.0
/*
 * command_getopt(): getopt_long() with the errors of mydocker, so that
 * "ps -xq" says "unknown option '-x'" as "run -x" does.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "err.h"

static int usage_status(const struct command *cmd)
{
	return cmd->usage_status ? cmd->usage_status : 1;
}

const char *command_synopsis(const struct command *cmd)
{
	return cmd->get_usage ? cmd->get_usage() : cmd->usage;
}

void command_usage(const struct command *cmd, FILE *out)
{
	const char *help = cmd->get_help ? cmd->get_help() : cmd->help;

	fprintf(out, "usage: mydocker %s\n", command_synopsis(cmd));
	if (help)
		fputs(help, out);
}

int command_usage_error(const struct command *cmd, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	errmsg("%s; usage: mydocker %s", what, command_synopsis(cmd));
	return usage_status(cmd);
}

static bool is_help(const struct command *cmd, const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help") ||
	       (cmd->long_only && !strcmp(arg, "-help"));
}

/* The option as the user wrote it: "-x" inside "-xq", or "--foo". */
static void bad_option(const struct command *cmd, int opt, char **argv)
{
	char name[64];

	if (opt == '?' && optopt)
		snprintf(name, sizeof(name), "-%c", optopt);
	else
		snprintf(name, sizeof(name), "%.*s",
			 (int)strcspn(argv[optind - 1], "="), argv[optind - 1]);
	command_usage_error(cmd, "%s option '%s'",
			    opt == '?' ? "unknown" : "missing value for", name);
}

int command_getopt(const struct command *cmd, int argc, char **argv,
		   const char *shortopts, const struct option *longopts,
		   int *status)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	char optstring[64];
	int opt;

	if (optind < argc && is_help(cmd, argv[optind])) {
		command_usage(cmd, stdout);
		*status = 0;
		return COMMAND_EXIT;
	}
	/* '+': the operands and what follows are not ours. ':': quiet. */
	snprintf(optstring, sizeof(optstring), "+:%s", shortopts);
	opterr = 0;
	if (cmd->long_only)
		opt = getopt_long_only(argc, argv, optstring,
				       longopts ? longopts : none, NULL);
	else
		opt = getopt_long(argc, argv, optstring,
				  longopts ? longopts : none, NULL);
	if (opt == '?' || opt == ':') {
		bad_option(cmd, opt, argv);
		*status = usage_status(cmd);
		return COMMAND_EXIT;
	}
	return opt;
}
