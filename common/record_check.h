/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A record is read back from a file that anything could have changed (a
 * bug, a half-written file, a student's experiment), and its fields
 * become paths, PIDs and signals. So nothing in it is trusted: the file
 * must be a regular file of a sane size, and every field is checked
 * before a command acts on it. A check that fails says which field in
 * record_why, for record_lookup()'s one line.
 */
#ifndef MYDOCKER_RECORD_CHECK_H
#define MYDOCKER_RECORD_CHECK_H

#include <jansson.h>

struct record;

/* Why the last record read was refused: "field 'pid' is ...". */
extern char record_why[200];

/* Set record_why from @fmt; returns -EINVAL. */
int record_invalid(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/*
 * Parse @path, never following a symlink, never blocking on a FIFO and
 * never reading what is not a regular file: -ENOENT when it is absent,
 * -EINVAL (record_why says why) when it is not a record file or not JSON.
 */
int record_load(const char *path, json_t **root);

/* The JSON values that would be truncated or mistyped when parsed. */
int record_check_json(json_t *root);

/*
 * Every field of @rec, read from $MYDOCKER_RUN/@dir_name: an ID, a name
 * equal to @dir_name, an image name, the cgroup derived from the ID.
 */
int record_check(const struct record *rec, const char *dir_name);

#endif
