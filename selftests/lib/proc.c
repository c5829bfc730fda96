// SPDX-License-Identifier: GPL-2.0
/*
 * lab: cgroups and processes as the kernel shows them, zombies held on
 * purpose. See lab_proc.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/magic.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lab.h"
#include "lab_internal.h"

bool lab_cgroup_v2(void)
{
	struct statfs sfs;

	return !statfs("/sys/fs/cgroup", &sfs) &&
	       sfs.f_type == CGROUP2_SUPER_MAGIC;
}

/* Is @name one of the comma-separated @list ("cpu,cpuacct")? */
static bool list_has(const char *list, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *p = list, *end = list + len;

	while (p < end) {
		const char *comma = memchr(p, ',', end - p);
		size_t item = (comma ? comma : end) - p;

		if (item == n && !strncmp(p, name, n))
			return true;
		p += item + 1;
	}
	return false;
}

int lab_cgroup_path(const char *proc_cgroup, const char *controller,
		    char *path, size_t size)
{
	const char *line = proc_cgroup;

	/* Lines are "hierarchy-ID:controller-list:path". */
	while (line && *line) {
		const char *c1 = strchr(line, ':');
		const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		const char *nl = strchr(line, '\n');
		const char *end = nl ? nl : line + strlen(line);
		size_t len;

		if (c1 && c2 && c2 < end) {
			bool match = *controller ?
				list_has(c1 + 1, c2 - c1 - 1, controller) :
				c2 == c1 + 1 && c1 - line == 1 && line[0] == '0';

			if (match) {
				len = end - (c2 + 1);
				if (len >= size)
					return -ENAMETOOLONG;
				memcpy(path, c2 + 1, len);
				path[len] = '\0';
				return 0;
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	return -ENOENT;
}

int lab_cgroup_dir(const char *controller, const char *path,
		   char dir[PATH_MAX])
{
	int n;

	if (lab_cgroup_v2())
		n = snprintf(dir, PATH_MAX, "/sys/fs/cgroup%s", path);
	else
		n = snprintf(dir, PATH_MAX, "/sys/fs/cgroup/%s%s",
			     controller, path);
	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

/* ---- detached containers ---- */

static bool nspid_is_one(pid_t pid)
{
	char path[64], status[4096], *line;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (lab_read_file(path, status, sizeof(status)))
		return false;
	line = strstr(status, "\nNSpid:");
	if (!line)
		return false;
	line[strcspn(line + 1, "\n") + 1] = '\0';
	return strlen(line) > 2 && !strcmp(line + strlen(line) - 2, "\t1");
}

int lab_container_pid(const char *id, pid_t *pid)
{
	char rel[PATH_MAX], dir[PATH_MAX], procs[PATH_MAX], pids[4096];
	char *line, *save = NULL;

	if (lab_pathf(rel, "/mydocker/%s", id) ||
	    lab_cgroup_dir("memory", rel, dir) ||
	    lab_pathf(procs, "%s/cgroup.procs", dir))
		return -ENAMETOOLONG;
	if (lab_read_file(procs, pids, sizeof(pids)))
		return -ESRCH;
	for (line = strtok_r(pids, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (nspid_is_one(atoi(line))) {
			*pid = atoi(line);
			return 0;
		}
	}
	return -ESRCH;
}

int lab_wait_gone(pid_t pid, int timeout_ms)
{
	struct pollfd pfd = { .events = POLLIN };
	int n;

	pfd.fd = syscall(SYS_pidfd_open, pid, 0);
	if (pfd.fd < 0)
		return errno == ESRCH ? 0 : -errno;
	n = poll(&pfd, 1, timeout_ms);
	close(pfd.fd);
	return n > 0 ? 0 : -ETIMEDOUT;
}

int lab_wait_same_gone(pid_t pid, unsigned long long start_time,
		       int timeout_ms)
{
	struct pollfd pfd = { .events = POLLIN };
	unsigned long long now_start;
	int n;

	pfd.fd = syscall(SYS_pidfd_open, pid, 0);
	if (pfd.fd < 0)
		return errno == ESRCH ? 0 : -errno;
	/* Pinned by the pidfd: its start time says whose PID it is. */
	if (lab_proc_stat(pid, NULL, &now_start) || now_start != start_time) {
		close(pfd.fd);
		return 0;
	}
	n = poll(&pfd, 1, timeout_ms);
	close(pfd.fd);
	return n > 0 ? 0 : -ETIMEDOUT;
}

int lab_ppid(pid_t pid, pid_t *ppid)
{
	char path[64], stat[1024], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (lab_read_file(path, stat, sizeof(stat)))
		return -ESRCH;
	p = strrchr(stat, ')');
	if (!p || sscanf(p + 1, " %*c %d", ppid) != 1)
		return -EINVAL;
	return 0;
}

int lab_proc_stat(pid_t pid, char *state, unsigned long long *start_time)
{
	char path[64], stat[1024], *p;
	unsigned long long start;
	char st;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (lab_read_file(path, stat, sizeof(stat)))
		return -ESRCH;
	/* The command name, field 2, may hold ')': fields go on after the last. */
	p = strrchr(stat, ')');
	if (!p || sscanf(p + 1, " %c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
			 "%*u %*u %*d %*d %*d %*d %*d %*d %llu", &st, &start) != 2)
		return -EINVAL;
	if (state)
		*state = st;
	if (start_time)
		*start_time = start;
	return 0;
}

int lab_wait_signal_caught(pid_t pid, int sig, int timeout_ms)
{
	const struct timespec pause = { 0, 10 * 1000 * 1000 };
	long long deadline = now_ms() + timeout_ms;
	char path[64], status[4096], *line;
	unsigned long long caught;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	for (;;) {
		if (lab_read_file(path, status, sizeof(status)))
			return -ESRCH;
		line = strstr(status, "\nSigCgt:");
		if (!line)
			return -EINVAL;
		caught = strtoull(line + strlen("\nSigCgt:"), NULL, 16);
		if (caught & (1ULL << (sig - 1)))
			return 0;
		if (now_ms() > deadline)
			return -ETIMEDOUT;
		nanosleep(&pause, NULL);
	}
}

/* ---- zombies ---- */

int lab_hold_orphans(void)
{
	return prctl(PR_SET_CHILD_SUBREAPER, 1) ? -errno : 0;
}

/* A monitor the test stopped to hold its container's zombie. */
static pid_t held_monitor;

/*
 * From 09-monitor on a detached container's parent is its monitor,
 * mydocker-shim, not the test: stopped, it holds the zombie just as well.
 */
static int hold_by_monitor(pid_t monitor, long long deadline)
{
	char path[64], cmdline[2 * PATH_MAX] = "", state = 0;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", monitor);
	if (lab_read_file(path, cmdline, sizeof(cmdline)) ||
	    strcmp(cmdline, "mydocker-shim") || kill(monitor, SIGSTOP))
		return -ECHILD;		/* not ours to hold */
	held_monitor = monitor;
	while (!lab_proc_stat(monitor, &state, NULL) && state != 'T') {
		if (now_ms() > deadline)
			return -ETIMEDOUT;
		usleep(5000);
	}
	return 0;
}

int lab_kill_hold_zombie(pid_t pid, int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	char state = 0;
	pid_t ppid;
	int ret;

	if (lab_ppid(pid, &ppid))
		return -ECHILD;
	if (ppid != getpid() && (ret = hold_by_monitor(ppid, deadline)))
		return ret;
	if (kill(pid, SIGKILL))
		return -errno;
	/* waitid(WNOWAIT) would do, but it also returns for a stopped or
	 * traced child; /proc says Z only for an unreaped one. Its pidfd
	 * is readable once it has exited, so no sleep between looks. */
	while (!lab_proc_stat(pid, &state, NULL) && state != 'Z') {
		if (now_ms() > deadline)
			return -ETIMEDOUT;
		lab_wait_gone(pid, deadline - now_ms() + 1);
	}
	return state == 'Z' ? 0 : -ESRCH;
}

void lab_reap_held(void)
{
	if (held_monitor > 0)
		kill(held_monitor, SIGCONT);
	held_monitor = 0;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}
