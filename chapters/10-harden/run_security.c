// SPDX-License-Identifier: GPL-2.0
/* 10-harden: run's security options (harden.h), read by security.c. */
#include "harden.h"
#include "run_option.h"

static const struct option security_longopts[] = {
	SECURITY_LONG_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

static int init_security(struct run_options *opts, int argc)
{
	(void)argc;
	security_defaults(&opts->security);
	return 0;
}

static int parse_security(int opt, const char *arg, struct run_options *opts)
{
	return security_option(opt, arg, &opts->security);
}

const struct run_option run_option_security = {
	.usage = SECURITY_USAGE,
	.help = SECURITY_HELP,
	.longopts = security_longopts,
	.parse = parse_security,
	.init = init_security,
};
