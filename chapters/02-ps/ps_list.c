// SPDX-License-Identifier: GPL-2.0
/*
 * 02-ps: the containers ps lists: every record under $MYDOCKER_RUN that
 * can be read, oldest first.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "paths.h"
#include "ps.h"
#include "record.h"

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
		/* Gone since readdir: rm renames a record out of sight first. */
		if (ret == -ENOENT &&
		    faccessat(dirfd(dir), entry->d_name, F_OK,
			      AT_SYMLINK_NOFOLLOW) < 0)
			continue;
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

int list_records(struct record **recs, size_t *n)
{
	int ret = read_records(recs, n);

	if (!ret && *n > 1)	/* *recs is NULL when there are none */
		qsort(*recs, *n, sizeof(**recs), by_created);
	return ret;
}

void free_records(struct record *recs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		record_free(&recs[i]);
	free(recs);
}
