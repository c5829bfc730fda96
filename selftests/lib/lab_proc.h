/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lab_proc.h: cgroups and processes as the kernel shows them, and the
 * zombies a test holds on purpose. Part of lab.h.
 */
#ifndef LAB_PROC_H
#define LAB_PROC_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* cgroups */
/* true when /sys/fs/cgroup itself is cgroup2 (a unified host). */
bool lab_cgroup_v2(void);
/*
 * From the text of a /proc/PID/cgroup, the path of @controller's
 * hierarchy ("memory", "cpu", ...; "" for the v2 "0::" line).
 */
int lab_cgroup_path(const char *proc_cgroup, const char *controller,
		    char *path, size_t size);
/*
 * The directory of @controller's cgroup @path: /sys/fs/cgroup/<path> on
 * v2, /sys/fs/cgroup/<controller>/<path> on v1.
 */
int lab_cgroup_dir(const char *controller, const char *path,
		   char dir[PATH_MAX]);

/* Detached containers (chapter 01 on) */
/*
 * The host PID of container @id's PID 1: the process in its cgroup
 * mydocker/<id> whose NSpid (in /proc/PID/status) ends in 1. -ESRCH when
 * there is none (it has exited).
 */
int lab_container_pid(const char *id, pid_t *pid);
/* Wait up to @timeout_ms for @pid to exit (pidfd + poll); 0 or -ETIMEDOUT. */
int lab_wait_gone(pid_t pid, int timeout_ms);
/*
 * The same for the process @pid that started at @start_time (a record's
 * pid and start_time): 0 too when another process has that PID now.
 */
int lab_wait_same_gone(pid_t pid, unsigned long long start_time,
		       int timeout_ms);
/* Field 4 of /proc/PID/stat. */
int lab_ppid(pid_t pid, pid_t *ppid);
/* Fields 3 (the state: R, S, Z...) and 22 (the start time, in clock
 * ticks) of /proc/PID/stat; either pointer may be NULL. -ESRCH. */
int lab_proc_stat(pid_t pid, char *state, unsigned long long *start_time);
/*
 * Wait up to @timeout_ms until @pid has a handler for @sig: the SigCgt
 * mask of /proc/PID/status. A container's PID 1 that has none drops the
 * signal, so a test that signals a shell before its trap is set measures
 * a race. 0, -ESRCH (it ended) or -ETIMEDOUT.
 */
int lab_wait_signal_caught(pid_t pid, int sig, int timeout_ms);

/*
 * Zombies and reused PIDs, made by the test and not left to the timing
 * of this machine's PID 1.
 * lab_hold_orphans(): this test process becomes a child subreaper, so a
 * container's PID 1 whose mydocker has exited is re-parented here and,
 * once it ends, stays a zombie until the test (or lab_destroy()) reaps it.
 * lab_kill_hold_zombie(): SIGKILL @pid, one of ours, and wait until it is
 * a zombie, without reaping it. From 09-monitor on, its parent is its
 * monitor: that is stopped (SIGSTOP) to hold it, until lab_reap_held().
 * lab_reap_held(): reap every zombie child of the test, the held ones
 * too: what ended is then gone, as it is soon on any machine.
 */
int lab_hold_orphans(void);
int lab_kill_hold_zombie(pid_t pid, int timeout_ms);
void lab_reap_held(void);

#endif
