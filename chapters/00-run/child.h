/* SPDX-License-Identifier: GPL-2.0 */
/* 00-run: a container's start, and the child's set-up chain. */
#ifndef MYDOCKER_CHILD_H
#define MYDOCKER_CHILD_H

#include <sys/types.h>

struct container;

/* The steps of a start: clone.c, then in the child child.c's chain. */
pid_t clone_into_namespaces(int cgroup_fd);
/* Only returns on failure: the exit status. */
int container_main(struct container *c);
/* Steps of that chain (hostname.c, stdio.c, env.c): 0, or -errno once
 * reported. */
int set_hostname(const char *name);
int set_stdio(const struct container *c);
int set_environment(const struct container *c);

/*
 * setup.c: the chain names each step as it starts (STEP), so that
 * setup_failed() can name one that failed without a word.
 */
extern const char *setup_step;
extern int setup_ret;
#define STEP(call) (setup_step = #call, (setup_ret = (call)) != 0)
void setup_begin(void);
int setup_failed(void);
int die_with_creator(const struct container *c);
void close_inherited_fds(void);

#endif
