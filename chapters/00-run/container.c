// SPDX-License-Identifier: GPL-2.0
/*
 * A container, seen from the parent: its ID, its directories and its
 * cgroup are made before it starts and removed after it, each a step
 * (container_step.h) undone in the reverse order of its making.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "container.h"
#include "container_step.h"
#include "err.h"
#include "fileio.h"
#include "paths.h"
#include "rootfs.h"
#include "volume.h"

/*
 * The steps of this chapter, in their order. The numbers leave room for
 * the later chapters' steps between them.
 */
static int prepare_volumes(struct container *c)
{
	return volumes_prepare(c->opts);
}

const struct container_step container_step_volumes = {
	.order = 20,
	.make = prepare_volumes,
};

/* upper/, work/ and merged/ (rootfs.c). */
static void remove_dirs(struct container *c)
{
	int ret = remove_tree(c->dir);

	if (ret)
		errmsg("remove %s: %s", c->dir, strerror(-ret));
}

const struct container_step container_step_dirs = {
	.order = 30,
	.make = rootfs_dirs_create,
	.undo = remove_dirs,
};

static int create_cgroup(struct container *c)
{
	return cgroup_create(&c->cgroup, c->id);
}

static void destroy_cgroup(struct container *c)
{
	cgroup_destroy(&c->cgroup);
}

const struct container_step container_step_cgroup = {
	.order = 50,
	.make = create_cgroup,
	.undo = destroy_cgroup,
};

static int apply_limits(struct container *c)
{
	return cgroup_apply_limits(&c->cgroup, &c->opts->limits);
}

const struct container_step container_step_limits = {
	.order = 60,
	.make = apply_limits,
};

/* The step right after @s in their order (the first one after NULL). */
static const struct container_step *next_step(const struct container_step *s)
{
	const struct container_step *const *t, *next = NULL;

	for (t = container_step_table; *t; t++)
		if ((!s || (*t)->order > s->order) &&
		    (!next || (*t)->order < next->order))
			next = *t;
	return next;
}

/* The step right before @s (the last one before NULL). */
static const struct container_step *prev_step(const struct container_step *s)
{
	const struct container_step *const *t, *prev = NULL;

	for (t = container_step_table; *t; t++)
		if ((!s || (*t)->order < s->order) &&
		    (!prev || (*t)->order > prev->order))
			prev = *t;
	return prev;
}

/*
 * Undo every step made before @s (NULL: all of them), the last first.
 * One failure, one line: once a failure has been said, a removal that
 * fails too while undoing it is not a second message. What it left is
 * rm -f's to finish (chapter 06).
 */
static void undo_steps(struct container *c, const struct container_step *s)
{
	err_quiet = err_count > 0;
	while ((s = prev_step(s)))
		if (s->undo)
			s->undo(c);
	err_quiet = false;
}

int container_create(struct container *c, const struct run_options *opts)
{
	const struct container_step *s;
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
	for (s = next_step(NULL); s; s = next_step(s)) {
		ret = s->make(c);
		if (ret) {
			undo_steps(c, s);
			return ret;
		}
	}
	return 0;
}

int container_started(struct container *c)
{
	const struct container_step *s;
	int status;

	for (s = next_step(NULL); s; s = next_step(s))
		if (s->started && (status = s->started(c)))
			return status;
	return 0;
}

/*
 * The container's mounts lived in its own mount namespace and went with
 * it; what is left is what its steps made: its cgroup and its directories.
 */
void container_destroy(struct container *c)
{
	if (c->creator_fd >= 0)
		close(c->creator_fd);
	undo_steps(c, NULL);
}
