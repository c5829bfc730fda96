// SPDX-License-Identifier: GPL-2.0
/*
 * 10-harden: a pids limit. A fork bomb in a container without one fills
 * the host's process table (kernel.pid_max, kernel.threads-max): then
 * nothing on the host can fork, not even a shell to stop it. The pids
 * controller counts the tasks of a cgroup and its children; at pids.max
 * fork() and clone() fail with EAGAIN inside the cgroup only.
 *
 * On v2 the controller is enabled with the others (common/cgroup.c) and
 * pids.max is in the container's one directory. On v1 it is a hierarchy
 * of its own, /sys/fs/cgroup/pids, in which the container gets its own
 * cgroup too: made here, joined by pids_enter, removed by pids_destroy.
 * The limit is a step of the container's creation (container_step.h),
 * after the other limits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "container.h"
#include "container_step.h"
#include "err.h"
#include "fileio.h"
#include "harden.h"
#include "paths.h"

int pids_dir(const struct cgroup *cg, char dir[PATH_MAX])
{
	if (cg->mode == CGROUP_UNIFIED)
		return pathf(dir, CGROUP_MOUNT "/%s", cg->path);
	return pathf(dir, CGROUP_MOUNT "/pids/%s", cg->path);
}

/* v1: mydocker/ and mydocker/<id> in the pids hierarchy. */
static int v1_create(const char *dir)
{
	char parent[PATH_MAX];
	int ret;

	ret = pathf(parent, "%s", dir);
	*strrchr(parent, '/') = '\0';
	if (!ret && mkdir(parent, 0755) < 0 && errno != EEXIST)
		ret = -errno;
	if (!ret && mkdir(dir, 0755) < 0 && errno != EEXIST)
		ret = -errno;
	return ret;
}

int pids_limit_apply(const struct cgroup *cg, long limit)
{
	char dir[PATH_MAX], file[PATH_MAX], value[32];
	int ret;

	/* EXERCISE pids: Write the pids limit into the container's pids.max ("max" for -1), making its v1 pids cgroup first. */
	/* HINT: pids_dir() names the directory; v1_create() makes it on v1 (cg->mode != CGROUP_UNIFIED); write_string() the value into DIR/pids.max. */
	ret = pids_dir(cg, dir);
	if (!ret && cg->mode != CGROUP_UNIFIED)
		ret = v1_create(dir);
	if (!ret)
		ret = pathf(file, "%s/pids.max", dir);
	if (limit < 0)
		snprintf(value, sizeof(value), "max");
	else
		snprintf(value, sizeof(value), "%ld", limit);
	if (!ret)
		ret = write_string(file, value);
	/* END EXERCISE pids */
	if (ret) {
		errmsg("cgroup: pids limit %s in %s: %s", value, dir,
		       strerror(-ret));
		err_quiet = true;	/* one failure, one line */
		pids_destroy(cg);
		err_quiet = false;
	}
	return ret;
}

/* v1: a single-threaded process moves itself, as cgroup_enter does. */
int pids_enter(const struct cgroup *cg)
{
	char dir[PATH_MAX], file[PATH_MAX];
	int ret;

	if (cg->mode == CGROUP_UNIFIED)
		return 0;	/* cgroup_enter, or clone3, put us there */
	ret = pids_dir(cg, dir);
	if (!ret)
		ret = pathf(file, "%s/tasks", dir);
	if (!ret)
		ret = write_string(file, "0");
	if (ret)
		errmsg("cgroup: join %s: %s", file, strerror(-ret));
	return ret;
}

/* v1 only; cgroup_destroy removes the others. */
int pids_destroy(const struct cgroup *cg)
{
	char dir[PATH_MAX];
	int ret;

	if (cg->mode == CGROUP_UNIFIED || pids_dir(cg, dir))
		return 0;
	ret = cgroup_rmdir(dir);
	if (ret)
		errmsg("cgroup: remove %s: %s", dir, strerror(-ret));
	return ret;
}

static int apply_pids_limit(struct container *c)
{
	return pids_limit_apply(&c->cgroup, c->opts->security.pids_limit);
}

static void destroy_pids(struct container *c)
{
	pids_destroy(&c->cgroup);
}

const struct container_step container_step_pids = {
	.order = 70,
	.make = apply_pids_limit,
	.undo = destroy_pids,
};
