/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 02-ps: is a container's process still the one we started? A PID alone
 * cannot tell: once the process has died its PID can be given to
 * another. A PID together with the process's start time (in clock
 * ticks after boot) names one process for the life of the machine.
 */
#ifndef MYDOCKER_LIVENESS_H
#define MYDOCKER_LIVENESS_H

#include <stdbool.h>
#include <sys/types.h>

/* Field 22 of /proc/PID/stat, and field 3 (the state letter). */
int proc_start_time(pid_t pid, unsigned long long *start_time, char *state);

/* True while @pid is alive, not a zombie, and started at @start_time. */
bool process_is_running(pid_t pid, unsigned long long start_time);

/*
 * True when @pid is in the cgroup of the container @id on some hierarchy
 * (mydocker/<id>, or below it): a PID and start time that a damaged
 * record copied from a host process do not make it the container's.
 */
bool process_in_cgroup(pid_t pid, const char *id);

/* Both: the process a record names is running, and it is the container's. */
bool process_is_container(pid_t pid, unsigned long long start_time,
			  const char *id);

#endif
