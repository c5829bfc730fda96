/* SPDX-License-Identifier: GPL-2.0 */
/* 03-logs: a detached container's log (container_log.c). */
#ifndef MYDOCKER_CONTAINER_LOG_H
#define MYDOCKER_CONTAINER_LOG_H

/*
 * container.log, opened by the parent for the child's stdout and stderr
 * (stdio.c), as err_fd is for its errors; -1: none, in the foreground.
 */
extern int container_log_fd;

#endif
