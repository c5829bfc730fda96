/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One way to report errors: every message is one line on stderr,
 * "mydocker: <command>: <what failed>: <why>".
 */
#ifndef MYDOCKER_ERR_H
#define MYDOCKER_ERR_H

#include <stdbool.h>

/* Exit statuses shared by run and exec (Docker's convention). */
enum {
	EXIT_MYDOCKER = 125,	/* mydocker itself failed */
	EXIT_CANNOT_EXEC = 126,	/* the command exists but cannot be executed */
	EXIT_NOT_FOUND = 127,	/* the command does not exist */
};

/* The command being run ("run", "ps", ...), named in every message. */
extern const char *err_command;
/* The container it is about, once known; NULL before. */
extern const char *err_container;
/* Where messages go: stderr, or a pipe to the parent in a new container. */
extern int err_fd;
/* How many messages errmsg() has written, so a caller can tell it said nothing. */
extern unsigned int err_count;
/*
 * While true, errmsg() counts its messages but writes none. Run sets it
 * while it undoes a failure that has been said: one failure, one line.
 */
extern bool err_quiet;

void errmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Report that execvp(@file) failed with @err; Docker's exit status for it. */
int exec_failed(const char *file, int err);

#endif
