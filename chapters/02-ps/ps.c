// SPDX-License-Identifier: GPL-2.0
/*
 * 02-ps: mydocker ps [-q] lists the containers from their records, with
 * each one's status worked out now, not read from the file.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "err.h"
#include "paths.h"
#include "record.h"
#include "state.h"

extern const struct command cmd_ps;

#define COMMAND_WIDTH 30

/* "sh -c 'echo hi'" as one short line for the COMMAND column. */
static void format_command(char *const *argv, char *out, size_t size)
{
	size_t len = 0, i;

	out[0] = '\0';
	for (i = 0; argv[i] && len < size; i++) {
		const char *quote = strpbrk(argv[i], " \t") || !argv[i][0] ?
					    "'" : "";

		len += snprintf(out + len, size - len, "%s%s%s%s",
				i ? " " : "", quote, argv[i], quote);
	}
	if (len > COMMAND_WIDTH)
		strcpy(out + COMMAND_WIDTH - 3, "...");
}

static int by_created(const void *a, const void *b)
{
	const struct record *x = a, *y = b;
	int order = strcmp(x->created, y->created);

	return order ? order : strcmp(x->name, y->name);
}

/* EXERCISE list: Read the record of every container: one directory per container in $MYDOCKER_RUN (none yet: no containers). A record that cannot be read is reported on stderr and skipped: it must not hide the others. */
/* HINT: opendir()/readdir() over state_root(), skipping names that start with '.'; record_read(entry->d_name, ...) for each; grow *recs with realloc(). */
/* Every readable record; an unreadable one is reported and skipped. */
static int read_records(struct record **recs, size_t *n)
{
	struct dirent *entry;
	size_t cap = 0;
	DIR *dir;
	int ret;

	*recs = NULL;
	*n = 0;
	dir = opendir(state_root());
	if (!dir)
		return errno == ENOENT ? 0 : -errno;
	while ((entry = readdir(dir)) != NULL) {
		if (entry->d_name[0] == '.')
			continue;
		if (*n == cap) {
			struct record *more;

			cap = cap ? 2 * cap : 16;
			more = realloc(*recs, cap * sizeof(**recs));
			if (!more) {
				closedir(dir);
				return -ENOMEM;
			}
			*recs = more;
		}
		ret = record_read(entry->d_name, &(*recs)[*n]);
		if (ret)
			errmsg("skipping %s/%s: its config.json cannot be read (%s)",
			       state_root(), entry->d_name,
			       ret == -EINVAL ? "not a valid record" :
						strerror(-ret));
		else
			(*n)++;
	}
	closedir(dir);
	return 0;
}
/* END EXERCISE list */

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
	size_t n, i;
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
	ret = read_records(&recs, &n);
	if (ret) {
		errmsg("read %s: %s", state_root(), strerror(-ret));
		return 1;
	}
	if (n > 1)	/* recs is NULL when there are none */
		qsort(recs, n, sizeof(*recs), by_created);
	print_table(recs, n, quiet);
	for (i = 0; i < n; i++)
		record_free(&recs[i]);
	free(recs);
	return 0;
}

const struct command cmd_ps = {
	.name = "ps",
	.main = ps_main,
	.usage = "ps [-q]",
	.help = "  -q, --quiet  only the IDs\n",
};
