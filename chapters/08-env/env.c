// SPDX-License-Identifier: GPL-2.0
/*
 * In the child: the command's environment.
 * 08-env: run -e KEY=VALUE and -e KEY add to it: run's option -e, here.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "err.h"
#include "run_option.h"

static const struct option env_options[] = {
	{ "env", required_argument, NULL, 'e' },
	{ NULL, 0, NULL, 0 },
};

/* Room for a -e in each argument: there are no more. */
static int init_env(struct run_options *opts, int argc)
{
	opts->env = run_option_room(argc, sizeof(*opts->env));
	return opts->env ? 0 : -ENOMEM;
}

/* EXERCISE parse-env: Parse one -e: KEY=VALUE is kept as given (the value may hold spaces and '='); KEY alone takes the caller's value of KEY and is left out when the caller has none; an empty KEY is refused (one line, exit 125). */
/* HINT: append a copy to opts->env[opts->n_env++] (room for argc entries; free_env() frees every one): strdup() a KEY=VALUE, getenv() and asprintf() for KEY alone. */
/*
 * "KEY=VALUE" as it is (the value may hold spaces and '='); "KEY" takes
 * the value from our own environment, and is left out if we have none,
 * as Docker does.
 */
static int parse_env(const char *arg, struct run_options *opts)
{
	const char *value;
	char *entry;

	if (arg[0] == '\0' || arg[0] == '=') {
		errmsg("invalid -e '%s': expected KEY=VALUE or KEY, with a non-empty KEY",
		       arg);
		return -EINVAL;
	}
	if (strchr(arg, '=')) {
		entry = strdup(arg);
	} else {
		value = getenv(arg);
		if (!value)
			return 0;
		if (asprintf(&entry, "%s=%s", arg, value) < 0)
			entry = NULL;
	}
	if (!entry) {
		errmsg("-e %s: %s", arg, strerror(ENOMEM));
		return -ENOMEM;
	}
	opts->env[opts->n_env++] = entry;
	return 0;
}
/* END EXERCISE parse-env */

static int parse_env_option(int opt, const char *arg, struct run_options *opts)
{
	(void)opt;
	return parse_env(arg, opts);
}

static void free_env(struct run_options *opts)
{
	while (opts->n_env > 0)
		free(opts->env[--opts->n_env]);
	free(opts->env);
}

const struct run_option run_option_env = {
	.usage = "[-e KEY[=VALUE]]...",
	.help = "  -e, --env KEY[=VALUE]  set a variable in its environment\n",
	.letters = "e:",
	.longopts = env_options,
	.parse = parse_env_option,
	.init = init_env,
	.release = free_env,
};

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
