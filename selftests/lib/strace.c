// SPDX-License-Identifier: GPL-2.0
/*
 * lab: mydocker under strace's fault injection. See lab_strace.h.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lab.h"

bool lab_has_strace(void)
{
	return access(LAB_STRACE, X_OK) == 0;
}

int lab_strace_wrapper(const char *wrapper, const char *bin,
		       const char *options)
{
	char script[2 * PATH_MAX + 512];
	int n, ret;

	n = snprintf(script, sizeof(script),
		     "#!/bin/sh\nexec " LAB_STRACE " -f -o /dev/null %s '%s' \"$@\"\n",
		     options, bin);
	if (n < 0 || n >= (int)sizeof(script))
		return -ENAMETOOLONG;
	ret = lab_write_file(wrapper, script);
	if (!ret && chmod(wrapper, 0755) < 0)
		ret = -errno;
	return ret;
}

/*
 * Is @pid stopped by its tracer ('t') at the entry of system call @nr?
 * /proc/PID/syscall names the call a stopped task is in; the stop at
 * each system call is short, a delay_enter= lasts.
 */
static bool held_at(pid_t pid, long nr)
{
	char path[64], state;
	unsigned long long start;
	long in;
	FILE *f;
	int got;

	if (lab_proc_stat(pid, &state, &start) || state != 't')
		return false;
	snprintf(path, sizeof(path), "/proc/%d/syscall", pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	got = fscanf(f, "%ld", &in);
	fclose(f);
	return got == 1 && in == nr;
}

/* A process of group @pgid held at @nr, or 0. */
static pid_t find_held(pid_t pgid, long nr)
{
	struct dirent *e;
	pid_t pid, found = 0;
	DIR *proc = opendir("/proc");

	if (!proc)
		return 0;
	while (!found && (e = readdir(proc)) != NULL) {
		pid = atoi(e->d_name);
		if (pid > 0 && getpgid(pid) == pgid && held_at(pid, nr))
			found = pid;
	}
	closedir(proc);
	return found;
}

pid_t lab_wait_held_at(pid_t pgid, long nr, int timeout_ms)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	int waited = 0;
	pid_t pid;

	/* Twice in a row, 10 ms apart: a passing syscall stop is shorter. */
	for (;;) {
		pid = find_held(pgid, nr);
		if (pid) {
			nanosleep(&tick, NULL);
			if (held_at(pid, nr))
				return pid;
		}
		if (waited >= timeout_ms)
			return -ETIMEDOUT;
		nanosleep(&tick, NULL);
		waited += 10;
	}
}

int lab_spawn_heldv(struct lab *lab, struct lab_proc **procp,
		    const char *options, long nr, const char *const argv[])
{
	char wrapper[PATH_MAX], bin[PATH_MAX];
	pid_t held;
	int ret;

	ret = lab_pathf(wrapper, "%s/held-at-%ld", lab->dir, nr);
	if (!ret)
		ret = lab_strace_wrapper(wrapper, lab->bin, options);
	if (ret)
		return ret;
	snprintf(bin, sizeof(bin), "%s", lab->bin);
	snprintf(lab->bin, sizeof(lab->bin), "%s", wrapper);
	ret = lab_spawnv(lab, procp, argv);
	snprintf(lab->bin, sizeof(lab->bin), "%s", bin);
	if (ret)
		return ret;
	held = lab_wait_held_at((*procp)->pid, nr, LAB_READY_MS);
	return held < 0 ? held : 0;
}
