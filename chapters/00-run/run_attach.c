// SPDX-License-Identifier: GPL-2.0
/* run's options for how the container runs beside us: -i and -t. */
#include <stdbool.h>

#include "run_option.h"

static const struct option attach_options[] = {
	{ "interactive", no_argument, NULL, 'i' },
	{ "tty", no_argument, NULL, 't' },
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
	}
	return 0;
}

const struct run_option run_option_attach = {
	.usage = "[-it]",
	.help = "  -i, --interactive      the container gets our stdin\n"
		"  -t, --tty              it uses our terminal, as it is\n",
	.letters = "it",
	.longopts = attach_options,
	.parse = parse_attach,
};
