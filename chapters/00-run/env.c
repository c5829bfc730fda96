// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: the command's environment.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "err.h"

/* A clean environment: nothing of the host's leaks in but TERM. */
int set_environment(const struct container *c)
{
	const char *term = getenv("TERM");
	char *keep_term = strdup(term ? term : "xterm");
	int ret = 0;

	if (!keep_term || clearenv() ||
	    setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1) ||
	    setenv("HOME", "/root", 1) || setenv("HOSTNAME", c->name, 1) ||
	    setenv("TERM", keep_term, 1)) {
		errmsg("set the environment: %s", strerror(ENOMEM));
		ret = -ENOMEM;
	}
	free(keep_term);
	return ret;
}
