/* SPDX-License-Identifier: GPL-2.0 */
/* 09-monitor: the monitor of a container, and waiting for its record. */
#ifndef MYDOCKER_MONITOR_H
#define MYDOCKER_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct container;
struct record;

/* monitor.c */
/* run -d: start the container under a monitor; print its ID. */
int monitor_start(struct container *c);
/* Write how the container ended (exit code and time) into its record. */
int monitor_record_exit(const char *name, const char *id, int status);
bool monitor_is_running(const struct record *rec);
/* NAME/monitor: written at the start, removed once the exit is recorded. */
int monitor_mark_started(const char *name, pid_t pid);
bool monitor_died_first(const struct record *rec);

/* wait_record.c: mydocker wait, and waiting for a record */
/* Lock a container's record directory (LOCK_SH or LOCK_EX); an fd. */
int record_pin(const char *name, int how);
/*
 * Until the record of @name says how it ended (0, @rec filled): -ENOENT
 * when it is gone, -ESRCH when it ended and nobody recorded it,
 * -ETIMEDOUT after @timeout_ms (-1: no limit).
 */
int wait_recorded(const char *name, struct record *rec, int timeout_ms);

/* status.c: "exited (137) 5 seconds ago", for ps. */
void container_status_text(const struct record *rec, char *buf, size_t size);

#endif
