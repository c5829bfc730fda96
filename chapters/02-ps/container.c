// SPDX-License-Identifier: GPL-2.0
/*
 * A container, seen from the parent: its ID, its directories and its
 * cgroup are made before it starts and removed after it.
 * 02-ps: the container claims its name first (state.c) and gives it
 * back last.
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
#include "rootfs.h"
#include "state.h"
#include "volume.h"

int container_create(struct container *c, const struct run_options *opts)
{
	int ret;

	memset(c, 0, sizeof(*c));
	c->opts = opts;
	c->pid = -1;
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
	ret = cgroup_create(&c->cgroup, c->id);
	if (ret)
		goto out_remove_dirs;
	ret = cgroup_apply_limits(&c->cgroup, &opts->limits);
	if (ret)
		goto out_destroy_cgroup;
	return 0;

out_destroy_cgroup:
	cgroup_destroy(&c->cgroup);
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
