/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 00-run: the steps of a container's creation, in the parent. A file that
 * gives a container something on the host (its directories, its cgroup;
 * in later chapters its name, its log) defines a struct container_step
 * named container_step_<name> at the start of a line; the build lists
 * those of the chapter's tree (scripts/command-table), and container.c
 * makes them in the order of their .order, undoes them in reverse. So a
 * chapter that adds a step adds it in the file of its concern, and
 * container.c stays as it is.
 */
#ifndef MYDOCKER_CONTAINER_STEP_H
#define MYDOCKER_CONTAINER_STEP_H

struct container;

struct container_step {
	int order;	/* its place among the others; each has its own */
	/* 0, or -errno once reported; on failure it undoes itself. */
	int (*make)(struct container *c);
	/* Optional: undo make, should a later step fail, or at the end. */
	void (*undo)(struct container *c);
	/* Optional: in the parent, once the command runs: 0, or the exit
	 * status of a failed start. */
	int (*started)(struct container *c);
};

/* The chapter's steps, in the order the chapters added them; NULL ends. */
extern const struct container_step *const container_step_table[];

/* Every step's started hook, in order: 0, or the first one's status. */
int container_started(struct container *c);

#endif
