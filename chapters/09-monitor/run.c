// SPDX-License-Identifier: GPL-2.0
/*
 * mydocker run: once its options are parsed (run_option.c), create and
 * start the container; in the foreground wait for it and clean up, with
 * -d leave it running.
 * 09-monitor: -d hands the container to a monitor, which records how it
 * ended; in the foreground run records it itself. With --rm (its option
 * here) the monitor removes it then.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include "command.h"
#include "container.h"
#include "err.h"
#include "monitor.h"
#include "run_option.h"

static const struct option rm_options[] = {
	{ "rm", no_argument, NULL, 'r' },
	{ NULL, 0, NULL, 0 },
};

static int parse_rm(int opt, const char *arg, struct run_options *opts)
{
	(void)opt;
	(void)arg;
	opts->rm = true;
	return 0;
}

const struct run_option run_option_rm = {
	.usage = "[--rm]",
	.help = "  --rm                   remove it once it has exited\n",
	.longopts = rm_options,
	.parse = parse_rm,
};

static int run_main(int argc, char **argv)
{
	struct run_options opts;
	struct container c;
	int status = EXIT_MYDOCKER, pin = -1;

	if (parse_run_options(argc, argv, &opts))
		goto out_free;
	if (container_create(&c, &opts))
		goto out_free;
	if (opts.detach) {
		/* It runs on under its monitor; we print its ID. */
		status = monitor_start(&c);
		goto out_free;
	}
	status = container_start(&c);
	if (status == 0) {
		status = wait_forwarding_signals(c.pid);
		/* We are its monitor: `wait` learns the status from us. */
		pin = monitor_record_exit(c.name, c.id, status) ? -1 :
			record_pin(c.name, LOCK_EX);
	}
	/* In the foreground it is removed at its end, as if --rm. */
	container_destroy(&c);
	if (pin >= 0)
		close(pin);
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
