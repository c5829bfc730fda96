/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 04-exec: the steps of exec, one file per concern, so that a later
 * chapter copies only the one its lesson changes:
 *   exec.c          the command: find the container, fork, wait
 *   exec_enter.c    its cgroup, its namespaces and its root; only
 *                   stdio kept
 *   exec_cgroup.c   how to join its cgroup
 *   exec_process.c  what the command takes from the container's PID 1,
 *                   and what it is given just before execvp
 */
#ifndef MYDOCKER_EXEC_H
#define MYDOCKER_EXEC_H

#include <sys/types.h>

struct record;

/* exec_enter.c, in exec's child: each says why when it fails. */
/*
 * They return 0 (open_container_root: its fd) or -errno; -ESRCH: the
 * container ended meanwhile (container_ended() has said so).
 */
int container_ended(int pidfd, int wait_ms);
/*
 * Reading @path of PID 1 failed with @err: "not running" if it has ended
 * meanwhile, else one line naming @path; the -errno to return.
 */
int pid1_read_failed(int pidfd, const char *path, int err);
/* Its cgroup (join_cgroup), or "not running" if it ended meanwhile. */
int enter_cgroup(int pidfd, const struct record *rec);
/* After a failed fork into its PID namespace (errno): exec's status. */
int fork_failed(int pidfd);
/* /proc/PID/root, opened before the mount namespace is joined. */
int open_container_root(int pidfd, pid_t pid);
int join_namespaces(int pidfd, pid_t pid);
int enter_root(int root_fd);
int close_other_fds(void);

/* exec_cgroup.c: while the host's /sys/fs/cgroup is in sight; says why. */
int join_cgroup(const struct record *rec);

/* exec_process.c */
/* In the child, still on the host: read what the command takes from PID 1. */
int exec_prepare(pid_t pid, int pidfd);
/* In the grandchild, inside the PID namespace. Only returns on failure. */
int exec_in_container(char **argv);

#endif
