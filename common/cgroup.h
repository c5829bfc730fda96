/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One cgroup per container, "mydocker/<id>", on whichever hierarchy
 * the machine has: the unified v2 tree, or the v1 controllers memory,
 * cpu and cpuset (a hybrid machine has its controllers on v1).
 */
#ifndef MYDOCKER_CGROUP_H
#define MYDOCKER_CGROUP_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#define CGROUP_MOUNT "/sys/fs/cgroup"

enum cgroup_mode {
	CGROUP_UNIFIED,	/* /sys/fs/cgroup is cgroup2 */
	CGROUP_HYBRID,	/* v1 controllers, plus cgroup2 at .../unified */
	CGROUP_LEGACY,	/* v1 only */
};

struct cgroup {
	enum cgroup_mode mode;
	char path[PATH_MAX];	/* relative to each hierarchy: mydocker/<id> */
};

int cgroup_detect(enum cgroup_mode *mode);

/* "mydocker/<id>": a container's cgroup, derived from its ID. */
int cgroup_path_of(char path[PATH_MAX], const char *id);

/* The cgroup at @path ("mydocker/<id>", as in a record). */
int cgroup_from_path(struct cgroup *cg, const char *path);
/* Is mydocker/@id still there, in any hierarchy (a later chapter's too)? */
bool cgroup_left(const char *id);

/* Create the container's cgroup (in every v1 hierarchy we use). */
int cgroup_create(struct cgroup *cg, const char *id);
/* Path of @file in @cg; @controller only matters on v1. */
int cgroup_file(char out[PATH_MAX], const struct cgroup *cg,
		const char *controller, const char *file);
/* Write @value into @file of @cg, reported on failure. */
int cgroup_write(const struct cgroup *cg, const char *controller,
		 const char *file, const char *value);
/*
 * Joining a cgroup cheaply. Moving another process in costs a global
 * lock whose every use waits for an RCU grace period (about 10 ms). Two
 * ways avoid it: on v2, clone3(CLONE_INTO_CGROUP) starts the child
 * inside (cgroup_clone_fd gives the fd, or -1 on v1); on v1, a
 * single-threaded process moves itself by writing 0 to "tasks".
 * cgroup_enter is the second way, and a no-op where the first was used.
 */
int cgroup_clone_fd(const struct cgroup *cg);
int cgroup_enter(const struct cgroup *cg);
/* Remove it; it must hold no process any more. Missing is fine. */
int cgroup_destroy(const struct cgroup *cg);
/*
 * rmdir one cgroup directory, waiting out (up to 1 s) the EBUSY of a last
 * task still on its way out. Missing is fine. 0 or -errno, unsaid.
 */
int cgroup_rmdir(const char *dir);

#endif
