/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lab_internal.h: what the lab's own files share, and no test uses.
 */
#ifndef LAB_INTERNAL_H
#define LAB_INTERNAL_H

#include <limits.h>
#include <stdbool.h>
#include <time.h>
#include <unistd.h>

#include "lab.h"

static inline long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static inline void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* run.c */
/* Start "mydocker ARGS..." with stdout and stderr on pipes, and stdin on
 * a pipe (@interactive) or /dev/null. */
int lab_start(struct lab *lab, const char *const argv[], bool interactive,
	      struct lab_proc *proc);
/* Read its stdout and stderr to their end and reap it, within @timeout_ms. */
int lab_collect(struct lab_proc *proc, struct lab_result *res, int timeout_ms);

/* spawn.c: end a spawned mydocker, gently (EOF on stdin) then SIGKILL. */
void lab_stop(struct lab_proc *proc);

/* lab.c: note the IDs that "run -d" and "ps -q" printed. */
void lab_remember_started(struct lab *lab, const char *const argv[],
			  const struct lab_result *res);

/* mounts.c */
void lab_unescape_octal(char *s);
bool lab_path_under(const char *path, const char *top);
int lab_mountinfo_point(const char *line, char point[PATH_MAX]);
/* Undo every mount at @dir or below it. */
void lab_unmount_all(const char *dir);
/* Undo every mount whose line in mountinfo names @text: an overlay's
 * options, a mount point, wherever the code under test made it. */
void lab_unmount_mentioning(const char *text);

#endif
