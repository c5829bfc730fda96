/* SPDX-License-Identifier: GPL-2.0 */
/* 05-stop: ending a container, for stop and for rm -f. */
#ifndef MYDOCKER_STOP_H
#define MYDOCKER_STOP_H

struct record;

/* SIGTERM, up to @grace_seconds, SIGKILL; "stopped" in @rec. */
int container_stop(struct record *rec, int grace_seconds);

#endif
