/* SPDX-License-Identifier: GPL-2.0 */
/* 09-monitor: stop and a container's monitor, its record's one writer. */
#ifndef MYDOCKER_STOP_MONITOR_H
#define MYDOCKER_STOP_MONITOR_H

struct record;

/* Before the signal: a note that tells the monitor stop ended it. */
int leave_stop_note(const struct record *rec);
/* After it: until the monitor has recorded the end, in @rec. */
int await_monitor(struct record *rec);

#endif
