// SPDX-License-Identifier: GPL-2.0
/*
 * run's options for how the container runs beside us: -i and -t.
 * 01-detach: or -d, away from us.
 */
#include <errno.h>
#include <stdbool.h>

#include "err.h"
#include "run_option.h"

static const struct option attach_options[] = {
	{ "interactive", no_argument, NULL, 'i' },
	{ "tty", no_argument, NULL, 't' },
	{ "detach", no_argument, NULL, 'd' },
	{ NULL, 0, NULL, 0 },
};

static int parse_attach(int opt, const char *arg, struct run_options *opts)
{
	(void)arg;	/* none of them takes a value */
	switch (opt) {
	case 'i':
		opts->interactive = true;
		break;
	case 't':
		/* The container shares our terminal; there is no pty to make. */
		opts->tty = true;
		break;
	case 'd':
		opts->detach = true;
		break;
	}
	return 0;
}

static int check_attach(const struct run_options *opts)
{
	if (opts->detach && (opts->interactive || opts->tty)) {
		errmsg("-d cannot be combined with -i or -t: a detached container has no terminal");
		return -EINVAL;
	}
	return 0;
}

const struct run_option run_option_attach = {
	.usage = "[-d | -it]",
	.help = "  -i, --interactive      the container gets our stdin\n"
		"  -t, --tty              it uses our terminal, as it is\n"
		"  -d, --detach           start it, print its ID, return\n",
	.letters = "dit",
	.longopts = attach_options,
	.parse = parse_attach,
	.check = check_attach,
};
