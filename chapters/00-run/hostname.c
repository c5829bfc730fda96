// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: the container's hostname, in its own UTS namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "child.h"
#include "err.h"

/* EXERCISE hostname: Give the container its own hostname, its name (the ID when there is no --name); it is in a new UTS namespace, so the host's does not change. */
/* HINT: sethostname(2) takes the name and its length; on failure report the step with errmsg() and return a negative errno. */
int set_hostname(const char *name)
{
	if (sethostname(name, strlen(name)) < 0) {
		errmsg("sethostname %s: %s", name, strerror(errno));
		return -EPERM;
	}
	return 0;
}
/* END EXERCISE hostname */
