/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 00-run: run's options. A file that gives run options defines a struct
 * run_option named run_option_<name> at the start of a line; the build
 * lists those of the chapter's tree (scripts/command-table) in the order
 * the chapters added them, and run_option.c parses run's arguments over
 * that list and makes run's usage and --help of it. So a chapter that
 * adds an option adds its file, or changes the file of its relatives.
 */
#ifndef MYDOCKER_RUN_OPTION_H
#define MYDOCKER_RUN_OPTION_H

#include <getopt.h>

#include "run.h"

struct run_option {
	const char *usage;	/* its words in run's synopsis */
	const char *help;	/* its lines of run --help */
	const char *letters;	/* its short options, for getopt: "v:" */
	const struct option *longopts;	/* all of them; a NULL name ends */
	/* The option longopts[].val @opt, with its value @arg: 0, or -errno
	 * once reported. */
	int (*parse)(int opt, const char *arg, struct run_options *opts);
	/* Optional: before parsing, its defaults, room for @argc values. */
	int (*init)(struct run_options *opts, int argc);
	/* Optional: once all are parsed, whether they go together. */
	int (*check)(const struct run_options *opts);
	/* Optional: free what init and parse took. */
	void (*release)(struct run_options *opts);
};

/* The chapter's options, in the order they were added; NULL ends. */
extern const struct run_option *const run_option_table[];

/*
 * Parse run's arguments into @opts: 0, or -errno once reported (after
 * --help, exit 0). run_options_free() @opts in either case.
 */
int parse_run_options(int argc, char **argv, struct run_options *opts);
void run_options_free(struct run_options *opts);
/* For an init: room for @n values of @size, or NULL once reported. */
void *run_option_room(size_t n, size_t size);
/* run's synopsis and --help, made of the options' words. */
const char *run_usage(void);
const char *run_help(void);

#endif
