// SPDX-License-Identifier: GPL-2.0
/*
 * 06-rm: what rm -f does beyond stopping the container. Whatever is still
 * in the container's cgroup is killed: a run killed half way may have
 * left a process its record does not name, and a damaged record may
 * name a PID that is not the container's. The cgroup is the one derived
 * from the ID, so only what mydocker put there is killed. A record that
 * cannot be parsed still has its ID, linked by the claim (claim.c).
 */
#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cgroup.h"
#include "err.h"
#include "fileio.h"
#include "liveness.h"
#include "paths.h"
#include "record.h"
#include "remove.h"
#include "state.h"

/* The live processes of @procs (cgroup.procs); SIGKILL to each if @kill. */
static int live_listed(char *procs, bool kill_them)
{
	unsigned long long start;
	char *line, *save = NULL, state;
	int alive = 0;
	pid_t pid;

	for (line = strtok_r(procs, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		pid = atoi(line);
		/* A zombie is dead already; its parent reaps it. */
		if (pid <= 0 || proc_start_time(pid, &start, &state) ||
		    state == 'Z' || state == 'X')
			continue;
		if (kill_them)
			kill(pid, SIGKILL);
		alive++;
	}
	return alive;
}

/* How many live processes cgroup mydocker/@id holds; SIGKILL if @kill. */
static int cgroup_live(const char *id, bool kill_them)
{
	char path[PATH_MAX], procs[16384];
	struct cgroup cg;
	int ret;

	ret = cgroup_path_of(path, id);
	if (!ret)
		ret = cgroup_from_path(&cg, path);
	/* On v1 a process is in each hierarchy: one of them lists it. */
	if (!ret)
		ret = cgroup_file(path, &cg, "cpu", "cgroup.procs");
	if (!ret)
		ret = read_string(path, procs, sizeof(procs));
	/* No cgroup, or another rm -f removed it as we read: nothing in it. */
	if (ret == -ENOENT || ret == -ENODEV)
		return 0;
	return ret ? ret : live_listed(procs, kill_them);
}

int rm_empty_cgroup(const char *id, bool force)
{
	static const struct timespec tick = { 0, 10 * 1000 * 1000 };
	int n, tries;

	n = cgroup_live(id, force);
	if (n > 0 && !force) {
		/* Whatever PID its record names: the cgroup says it runs. */
		errmsg("is running (a process is in its cgroup): stop it first, or use rm -f");
		return -EBUSY;
	}
	/* SIGKILL lands at once, but the exit takes a moment: up to 5 s. */
	for (tries = 0; n > 0 && tries < 500; tries++) {
		nanosleep(&tick, NULL);
		n = cgroup_live(id, true);
	}
	if (n == 0)
		return 0;
	errmsg("kill what is left in its cgroup mydocker/%s: %s", id,
	       strerror(n > 0 ? EBUSY : -n));
	return n > 0 ? -EBUSY : n;
}

/* Half made: while its run makes it, it is run's to finish or undo. */
int rm_creating(const struct record *rec)
{
	if (!state_creator_alive(rec))
		return 0;	/* its run died: rm finishes the undoing */
	errmsg("is being created by mydocker run (pid %d): try again once it is done",
	       rec->creator_pid);
	return -EBUSY;
}

/*
 * A record that cannot be parsed names no PID to stop. Without -f it
 * stays for a human to look at; with -f what its ID names goes with it:
 * what runs in its cgroup, the cgroup, its layer. Without an ID (a
 * record older than the link), its directory alone.
 */
int rm_unreadable(const char *name)
{
	struct record rec = { 0 };
	char path[PATH_MAX];
	int ret;

	err_container = name;
	if (state_dir_id(name, rec.id) == 0 &&
	    cgroup_path_of(rec.cgroup, rec.id) == 0) {
		snprintf(rec.name, sizeof(rec.name), "%s", name);
		ret = rm_empty_cgroup(rec.id, true);
		if (!ret)
			ret = remove_container(&rec);
	} else {
		ret = state_remove_dir(name);
		if (ret && !record_dir(path, name))
			errmsg("remove %s: %s", path, strerror(-ret));
	}
	err_container = NULL;
	return ret;
}
