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
#include <stdbool.h>
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
	/* 09-monitor: written only when set, so older records read the same. */
	bool has_exit_code;		/* the monitor recorded how it ended */
	int exit_code;			/* its status, 128+N for signal N */
	pid_t monitor_pid;		/* who waits for it; 0: nobody */
	unsigned long long monitor_start_time;
	char **env;			/* -e entries; NULL: none recorded */
	/* 02-ps: while "creating", the run that makes it; 0 once it runs. */
	pid_t creator_pid;
	unsigned long long creator_start_time;
};

/* $MYDOCKER_RUN/<name> and the files in it. */
int record_dir(char path[PATH_MAX], const char *name);
int record_file(char path[PATH_MAX], const char *name, const char *file);

int record_write(const struct record *rec);
/* The same, into $MYDOCKER_RUN/@dir_name, which may not be its name yet. */
int record_write_in(const struct record *rec, const char *dir_name);
/* Read the record of the container called @name (not an ID). */
int record_read(const char *name, struct record *rec);
/*
 * Read the record of a container given its name or its ID: -ENOENT when
 * there is none, -EINVAL when the one of that name cannot be parsed.
 */
int record_find(const char *name_or_id, struct record *rec);
/*
 * record_find() for a command taking a container: on failure it has said
 * why in one line, "no such container: X" only when there is none, else
 * the file and what is wrong in it.
 */
int record_lookup(const char *name_or_id, struct record *rec);
/* The line record_lookup() prints for record_find()'s error @err. */
void record_lookup_failed(const char *name_or_id, int err);
void record_free(struct record *rec);

void strv_free(char **strv);

/* The current time as RFC 3339 in UTC. */
void rfc3339_now(char buf[40]);

#endif
