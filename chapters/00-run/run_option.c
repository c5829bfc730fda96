// SPDX-License-Identifier: GPL-2.0
/*
 * run's arguments, parsed over the options of the chapter's tree
 * (run_option.h): one getopt table made of all of theirs, each option handed
 * to the file that defines it; and run's usage and --help, made of their
 * words.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "err.h"
#include "names.h"
#include "run_option.h"

extern const struct command cmd_run;

/* Long options of all the run_options together, at most. */
#define MAX_LONGOPTS 64

static void append(char *buf, size_t size, const char *text)
{
	size_t len = strlen(buf);

	snprintf(buf + len, size - len, "%s", text);
}

/* Options without a value come first in the synopsis: "[-d | -it]". */
static bool flags_only(const struct run_option *o)
{
	const struct option *l;

	for (l = o->longopts; l->name; l++)
		if (l->has_arg != no_argument)
			return false;
	return true;
}

const char *run_usage(void)
{
	static char usage[2048];
	const struct run_option *const *o;
	int flags;

	if (usage[0])
		return usage;
	append(usage, sizeof(usage), "run");
	for (flags = 1; flags >= 0; flags--)
		for (o = run_option_table; *o; o++)
			if (flags_only(*o) == flags) {
				append(usage, sizeof(usage), " ");
				append(usage, sizeof(usage), (*o)->usage);
			}
	append(usage, sizeof(usage), " IMAGE CMD [ARG...]");
	return usage;
}

const char *run_help(void)
{
	static char help[4096];
	const struct run_option *const *o;

	if (!help[0])
		for (o = run_option_table; *o; o++)
			append(help, sizeof(help), (*o)->help);
	return help;
}

/* The run_option that defines @opt, as getopt returned it. */
static const struct run_option *owner(int opt)
{
	const struct run_option *const *o;
	const struct option *l;

	for (o = run_option_table; *o; o++)
		for (l = (*o)->longopts; l->name; l++)
			if (l->val == opt)
				return *o;
	return NULL;
}

/* getopt's tables: every option's letters and long options together. */
static void getopt_tables(char *letters, size_t size, struct option *longopts)
{
	const struct run_option *const *o;
	const struct option *l;
	size_t n = 0;

	letters[0] = '\0';
	for (o = run_option_table; *o; o++) {
		if ((*o)->letters)
			append(letters, size, (*o)->letters);
		for (l = (*o)->longopts; l->name && n < MAX_LONGOPTS; l++)
			longopts[n++] = *l;
	}
	memset(&longopts[n], 0, sizeof(longopts[n]));
}

static int parse_operands(int argc, char **argv, struct run_options *opts)
{
	const struct run_option *const *o;
	int ret;

	if (argc - optind < 2) {
		command_usage_error(&cmd_run, "%s", argc == optind ?
				    "no image given" : "no command given");
		return -EINVAL;
	}
	for (o = run_option_table; *o; o++)
		if ((*o)->check && (ret = (*o)->check(opts)))
			return ret;
	opts->image = argv[optind];
	opts->argv = argv + optind + 1;
	if (name_validate(opts->image)) {
		errmsg("invalid image name '%s'", opts->image);
		return -EINVAL;
	}
	return 0;
}

int parse_run_options(int argc, char **argv, struct run_options *opts)
{
	static struct option longopts[MAX_LONGOPTS + 1];
	const struct run_option *const *o, *own;
	char letters[32];
	int opt, ret;

	memset(opts, 0, sizeof(*opts));
	for (o = run_option_table; *o; o++)
		if ((*o)->init && (ret = (*o)->init(opts, argc)))
			return ret;
	getopt_tables(letters, sizeof(letters), longopts);
	/* Options end at IMAGE: the rest is the command's. */
	while ((opt = command_getopt(&cmd_run, argc, argv, letters, longopts,
				     &ret)) != -1) {
		/* After --help there is nothing left to do. */
		if (opt == COMMAND_EXIT && ret == 0)
			exit(0);
		if (opt == COMMAND_EXIT)
			return -EINVAL;
		own = owner(opt);
		ret = own ? own->parse(opt, optarg, opts) : -EINVAL;
		if (ret)
			return ret;
	}
	return parse_operands(argc, argv, opts);
}

void *run_option_room(size_t n, size_t size)
{
	void *room = calloc(n, size);

	if (!room)
		errmsg("%s", strerror(ENOMEM));
	return room;
}

void run_options_free(struct run_options *opts)
{
	const struct run_option *const *o;

	for (o = run_option_table; *o; o++)
		if ((*o)->release)
			(*o)->release(opts);
}
