/* SPDX-License-Identifier: GPL-2.0 */
/* 05-stop: ending a container, for stop and for rm -f. */
#ifndef MYDOCKER_STOP_H
#define MYDOCKER_STOP_H

struct record;

/* stop's grace period when -t is not given. */
#define DEFAULT_GRACE_SECONDS 10

/* stop_container.c: SIGTERM, up to @grace_seconds, SIGKILL; "stopped". */
int container_stop(struct record *rec, int grace_seconds);
/* stop_record.c: "stopped" and the finished time in @rec, written. */
int mark_stopped(struct record *rec);

/* stop_signal.c: end the process behind @pidfd; 0 once it is gone. */
int terminate(int pidfd, int grace_seconds);

#endif
