// SPDX-License-Identifier: GPL-2.0
/*
 * A container, seen from the parent: its ID, its directories and its
 * cgroup are made before it starts and removed after it.
 * 02-ps: the container claims its name first (state.c) and gives it
 * back last.
 * 03-logs: a detached container's container.log is opened here, where
 * the host's paths still work.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "container.h"
#include "err.h"
#include "fileio.h"
#include "paths.h"
#include "record.h"
#include "rootfs.h"
#include "state.h"
#include "volume.h"

/* EXERCISE log: Open a detached container's log, $MYDOCKER_RUN/NAME/container.log, in the parent (after pivot_root the child cannot reach the host's paths) for set_stdio() to put on the child's stdout and stderr: one open file that appends, so that the two streams' lines stay in order. */
/* HINT: record_file() gives the path; open() it write-only, created, with O_APPEND and O_CLOEXEC, into c->log_fd. A foreground container has no log: c->log_fd stays -1. */
/*
 * The parent opens the log where the host's paths still work; the child
 * puts it on its stdout and stderr. O_APPEND keeps the two streams'
 * writes in the order they were made.
 */
static int open_log(struct container *c)
{
	char path[PATH_MAX];
	int ret;

	if (!c->opts->detach)
		return 0;	/* in the foreground the output is the caller's */
	ret = record_file(path, c->name, "container.log");
	if (ret)
		return ret;
	c->log_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
			 0640);
	if (c->log_fd < 0) {
		ret = -errno;
		errmsg("create %s: %s", path, strerror(-ret));
	}
	return ret;
}
/* END EXERCISE log */

int container_create(struct container *c, const struct run_options *opts)
{
	int ret;

	memset(c, 0, sizeof(*c));
	c->opts = opts;
	c->pid = -1;
	c->log_fd = -1;
	/* For the child to tell whether we died before it could know. */
	c->creator_fd = pidfd_open(getpid(), 0);
	ret = id_generate(c->id);
	if (ret) {
		errmsg("generate an ID: %s", strerror(-ret));
		return ret;
	}
	c->name = opts->name ? opts->name : c->id;

	ret = image_layer_get(opts->image, c->layer);
	if (ret)
		return ret;
	err_container = c->name;	/* from here on, messages name it */
	ret = opts->name ? state_name_not_an_id(c->name) : 0;
	if (!ret)
		ret = state_claim_name(c);
	if (ret)
		return ret;
	ret = volumes_prepare(opts);
	if (ret)
		goto out_release_name;
	ret = rootfs_dirs_create(c);
	if (ret)
		goto out_release_name;
	ret = open_log(c);
	if (ret)
		goto out_remove_dirs;
	ret = cgroup_create(&c->cgroup, c->id);
	if (ret)
		goto out_close_log;
	ret = cgroup_apply_limits(&c->cgroup, &opts->limits);
	if (ret)
		goto out_destroy_cgroup;
	return 0;

out_destroy_cgroup:
	cgroup_destroy(&c->cgroup);
out_close_log:
	if (c->log_fd >= 0)
		close(c->log_fd);
out_remove_dirs:
	remove_tree(c->dir);
out_release_name:
	state_release_name(c->name);
	return ret;
}

/*
 * The container's mounts lived in its own mount namespace and went with
 * it; what is left is its cgroup and its directories.
 */
void container_destroy(struct container *c)
{
	int ret;

	if (c->creator_fd >= 0)
		close(c->creator_fd);
	cgroup_destroy(&c->cgroup);
	ret = remove_tree(c->dir);
	if (ret)
		errmsg("remove %s: %s", c->dir, strerror(-ret));
	state_release_name(c->name);
}
