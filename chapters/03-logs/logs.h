/* SPDX-License-Identifier: GPL-2.0 */
/* 03-logs: a container's log, copied and followed (logs_follow.c). */
#ifndef MYDOCKER_LOGS_H
#define MYDOCKER_LOGS_H

struct record;

/* Copy what @log_fd holds from its offset on to stdout; 0 or -EIO. */
int copy_new_output(int log_fd);
/* Copy, then what @rec's container adds at @path, until it exits. */
int follow_log(const struct record *rec, const char *path, int log_fd);

#endif
