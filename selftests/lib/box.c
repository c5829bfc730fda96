// SPDX-License-Identifier: GPL-2.0
/*
 * lab: what a test knows of a detached container it started. See
 * lab_box.h; the asserting BOX_START() is in lab_fixture.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lab.h"

bool lab_is_id_line(const char *out, size_t len)
{
	return len == LAB_ID_LEN + 1 && out[LAB_ID_LEN] == '\n' &&
	       strspn(out, "0123456789abcdef") == LAB_ID_LEN;
}

const char *lab_show_argv(const char *const argv[], char *buf, size_t size)
{
	size_t len = 0, i;

	buf[0] = '\0';
	for (i = 0; argv[i] && len < size; i++) {
		const char *q = !argv[i][0] || strpbrk(argv[i], " \t'\"$;&|<>*") ?
					"'" : "";

		len += snprintf(buf + len, size - len, "%s%s%s%s",
				i ? " " : "", q, argv[i], q);
	}
	return buf;
}

int lab_box_fill(const struct lab *lab, struct box *box,
		 const char *const argv[], const char *id, size_t len)
{
	size_t i;

	memset(box, 0, sizeof(*box));
	if (!len || len >= sizeof(box->id))
		return -EINVAL;
	memcpy(box->id, id, len);
	box->id[len] = '\0';
	snprintf(box->name, sizeof(box->name), "%s", box->id);
	for (i = 0; argv[i]; i++)
		if (!strcmp(argv[i], "--name") && argv[i + 1])
			snprintf(box->name, sizeof(box->name), "%s", argv[i + 1]);
	if (lab_pathf(box->state, "%s/%s", lab->run, box->name) ||
	    lab_pathf(box->layer, "%s/containers/%s", lab->root, box->id))
		return -ENAMETOOLONG;
	return 0;
}
