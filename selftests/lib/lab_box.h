/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lab_box.h: a detached container a test started with "run -d", and what
 * the test knows of it. Started with BOX_START() or DETACH() (in
 * lab_fixture.h), which assert that run -d worked. Part of lab.h.
 */
#ifndef LAB_BOX_H
#define LAB_BOX_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define LAB_ID_LEN 12		/* the IDs run -d prints: lowercase hex */

struct lab;

struct box {
	char id[64];		/* what run -d printed */
	char name[64];		/* --name, or the ID */
	pid_t pid;		/* its PID 1 on the host; 0 until looked up */
	char state[PATH_MAX];	/* $MYDOCKER_RUN/<name> */
	char layer[PATH_MAX];	/* $MYDOCKER_ROOT/containers/<id> */
	/* Its cgroup dirs, for the tests that look them up: memory, cpu
	 * and cpuset on a v1 host, the one unified dir on v2. */
	char cgroups[3][PATH_MAX];
	int n_cgroups;
};

/* Is @out exactly one line of LAB_ID_LEN lowercase hex characters? */
bool lab_is_id_line(const char *out, size_t len);
/*
 * "run -d --name box busybox sh -c 'a b'" from an argv, quoted as a shell
 * would need it, for messages. Returns @buf.
 */
const char *lab_show_argv(const char *const argv[], char *buf, size_t size);
/*
 * Fill @box from run -d's @argv and the first @len bytes of its stdout,
 * @id: the ID, the name (--name's, or the ID), the paths of its record
 * and its layer. -EINVAL when @id is empty or too long.
 */
int lab_box_fill(const struct lab *lab, struct box *box,
		 const char *const argv[], const char *id, size_t len);

#endif
