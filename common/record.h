/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's record: $MYDOCKER_RUN/<name>/config.json, written
 * atomically when the container starts and read by every command that
 * takes a container. Its "status" is what was last written; whether the
 * container runs now is worked out from pid + start_time (liveness.h).
 */
#ifndef MYDOCKER_RECORD_H
#define MYDOCKER_RECORD_H

#include <limits.h>
#include <sys/types.h>

#include "names.h"

struct record {
	char id[ID_LEN + 1];
	char name[NAME_MAX_LEN + 1];
	pid_t pid;
	unsigned long long start_time;	/* /proc/PID/stat field 22 */
	char **command;			/* argv, NULL-terminated */
	char created[40];		/* RFC 3339, UTC */
	char image[NAME_MAX_LEN + 1];
	char **volumes;			/* "HOST:CTR", NULL-terminated */
	char cgroup[PATH_MAX];		/* relative to each hierarchy */
	char status[16];		/* "running", "stopped", ... */
	char finished[40];		/* RFC 3339 when stopped, else "" */
};

/* $MYDOCKER_RUN/<name> and the files in it. */
int record_dir(char path[PATH_MAX], const char *name);
int record_file(char path[PATH_MAX], const char *name, const char *file);

int record_write(const struct record *rec);
/* Read the record of the container called @name (not an ID). */
int record_read(const char *name, struct record *rec);
/*
 * Read the record of a container given its name or its ID: -ENOENT when
 * there is none, -EINVAL when the one of that name cannot be parsed.
 */
int record_find(const char *name_or_id, struct record *rec);
void record_free(struct record *rec);

/* Copy a NULL-terminated string array (for command and volumes). */
char **strv_dup(char *const *strv);
void strv_free(char **strv);

/* The current time as RFC 3339 in UTC. */
void rfc3339_now(char buf[40]);

#endif
