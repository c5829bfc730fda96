// SPDX-License-Identifier: GPL-2.0
/*
 * mydocker run: once its options are parsed (run_option.c), create and
 * start the container; in the foreground wait for it and clean up, with
 * -d leave it running.
 */
#include <stdio.h>
#include <stdlib.h>

#include "command.h"
#include "container.h"
#include "err.h"
#include "run_option.h"

/* EXERCISE detach: With -d, run returns as soon as the command runs: it prints the container's ID and exits without waiting and without cleaning up (the cgroup and the layer belong to the running container now); the kernel re-parents the container. */
/* HINT: once container_start() has returned 0: printf() c.id and skip both wait_forwarding_signals() and container_destroy(). A failed start is cleaned up as in the foreground. */
static int run_main(int argc, char **argv)
{
	struct run_options opts;
	struct container c;
	int status = EXIT_MYDOCKER;

	if (parse_run_options(argc, argv, &opts))
		goto out_free;
	if (container_create(&c, &opts))
		goto out_free;
	status = container_start(&c);
	if (status == 0 && opts.detach) {
		/* It runs on; its cgroup and layers stay with it. */
		printf("%s\n", c.id);
		goto out_free;
	}
	if (status == 0)
		status = wait_forwarding_signals(c.pid);
	container_destroy(&c);
out_free:
	run_options_free(&opts);
	return status;
}
/* END EXERCISE detach */

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
