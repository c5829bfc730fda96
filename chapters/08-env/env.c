// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: the command's environment.
 * 08-env: run -e adds to the environment.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "err.h"

/*
 * A clean environment, never the host's (the book's containers inherited
 * all of mydocker's): the defaults, then every -e in order, so that a
 * later value wins, and -e PATH=... replaces the default.
 */
int set_environment(const struct container *c)
{
	const char *term = getenv("TERM");
	char *keep_term = strdup(term ? term : "xterm");
	int ret = 0;
	size_t i;

	if (!keep_term || clearenv() ||
	    setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1) ||
	    setenv("HOME", "/root", 1) || setenv("HOSTNAME", c->name, 1) ||
	    setenv("TERM", keep_term, 1))
		ret = -ENOMEM;
	/* EXERCISE set-env: After the defaults, put every -e entry into the environment, in the order given, so that a later value wins and -e PATH=... replaces the default. */
	/* HINT: c->opts->env holds c->opts->n_env "KEY=VALUE" strings that live until exec: putenv() takes each as it is. */
	for (i = 0; !ret && i < c->opts->n_env; i++)
		if (putenv(c->opts->env[i]))
			ret = -ENOMEM;
	/* END EXERCISE set-env */
	if (ret)
		errmsg("set the environment: %s", strerror(-ret));
	free(keep_term);
	return ret;
}
