/* SPDX-License-Identifier: GPL-2.0 */
/* 09-monitor: logs --tail (logs_tail.c). */
#ifndef MYDOCKER_LOGS_TAIL_H
#define MYDOCKER_LOGS_TAIL_H

/* Put @log_fd at the start of its last @lines lines; 0 or -errno. */
int seek_tail(int log_fd, long lines);
/* "all" (-1) or a count of lines, 0 or more, in *@lines; 0 or -EINVAL. */
int parse_tail(const char *text, long *lines);

#endif
