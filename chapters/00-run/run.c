// SPDX-License-Identifier: GPL-2.0
/*
 * mydocker run: once its options are parsed (run_option.c), create, start
 * and wait for the container, and clean up after it.
 */
#include <stdlib.h>

#include "command.h"
#include "container.h"
#include "err.h"
#include "run_option.h"

static int run_main(int argc, char **argv)
{
	struct run_options opts;
	struct container c;
	int status = EXIT_MYDOCKER;

	if (parse_run_options(argc, argv, &opts))
		goto out_free;
	if (container_create(&c, &opts))
		goto out_free;
	if (!container_start(&c))
		status = wait_forwarding_signals(c.pid);
	container_destroy(&c);
out_free:
	run_options_free(&opts);
	return status;
}

const struct command cmd_run = {
	.name = "run",
	.main = run_main,
	.get_usage = run_usage,
	.get_help = run_help,
	.usage_status = EXIT_MYDOCKER,
	/*
	 * Long options with one dash too, so the book's "-name bird -mem
	 * 100m -cpuset 1" works as written, while "-it" still splits into
	 * -i -t because no long option is called "it".
	 */
	.long_only = true,
};
