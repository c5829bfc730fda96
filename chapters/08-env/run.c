// SPDX-License-Identifier: GPL-2.0
/*
 * mydocker run: parse the options, then create and start the container;
 * in the foreground wait for it and clean up, with -d leave it running.
 * 08-env: -e KEY=VALUE and -e KEY add to the container's environment.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "container.h"
#include "err.h"

extern const struct command cmd_run;

/*
 * getopt_long_only() also takes long options with one dash, so the
 * book's "-name bird -mem 100m -cpuset 1" works as written, while
 * "-it" still splits into -i -t because no long option is called "it".
 */
static const struct option run_options[] = {
	{ "interactive", no_argument, NULL, 'i' },
	{ "tty", no_argument, NULL, 't' },
	{ "detach", no_argument, NULL, 'd' },
	{ "name", required_argument, NULL, 'n' },
	{ "memory", required_argument, NULL, 'm' },
	{ "mem", required_argument, NULL, 'm' },
	{ "cpus", required_argument, NULL, 'c' },
	{ "cpuset", required_argument, NULL, 's' },
	{ "volume", required_argument, NULL, 'v' },
	{ "env", required_argument, NULL, 'e' },
	{ NULL, 0, NULL, 0 },
};

/* For --help: every option above. */
#define RUN_HELP \
	"  -i, --interactive      the container gets our stdin\n" \
	"  -t, --tty              it uses our terminal, as it is\n" \
	"  -d, --detach           start it, print its ID, return\n" \
	"  --name NAME            its name (-name too); by default its ID\n" \
	"  -m, --memory SIZE      memory limit, such as 100m (-mem too)\n" \
	"  --cpus N               CPU time, in CPUs, such as 0.5\n" \
	"  --cpuset LIST          the CPUs it may use, such as 0-1,3\n" \
	"  -v, --volume HOST:CTR  bind the host directory HOST at CTR\n" \
	"  -e, --env KEY[=VALUE]  set a variable in its environment\n"

/* EXERCISE parse-env: Parse one -e: KEY=VALUE is kept as given (the value may hold spaces and '='); KEY alone takes the caller's value of KEY and is left out when the caller has none; an empty KEY is refused (one line, exit 125). */
/* HINT: append a copy to opts->env[opts->n_env++] (room for argc entries; run_main frees every one): strdup() a KEY=VALUE, getenv() and asprintf() for KEY alone. */
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

static int parse_option(int opt, const char *arg, struct run_options *opts)
{
	switch (opt) {
	case 'i':
		opts->interactive = true;
		return 0;
	case 't':
		/* The container shares our terminal; there is no pty to make. */
		opts->tty = true;
		return 0;
	case 'd':
		opts->detach = true;
		return 0;
	case 'n':
		if (name_validate(arg)) {
			errmsg("invalid container name '%s': use letters, digits, '_', '.', '-', at most %d, starting with a letter or digit",
			       arg, NAME_MAX_LEN);
			return -EINVAL;
		}
		opts->name = arg;
		return 0;
	case 'm':
		if (!parse_size(arg, &opts->limits.memory_bytes))
			return 0;
		errmsg("invalid memory size '%s': expected a number with an optional k, m or g, such as 100m",
		       arg);
		return -EINVAL;
	case 'c':
		if (!parse_cpus(arg, &opts->limits.cpu_quota_us))
			return 0;
		errmsg("invalid --cpus '%s': expected a number of CPUs from 0.01, such as 0.5",
		       arg);
		return -EINVAL;
	case 's':
		if (!parse_cpuset(arg)) {
			opts->limits.cpuset = arg;
			return 0;
		}
		errmsg("invalid --cpuset '%s': expected a CPU list such as 0-1,3",
		       arg);
		return -EINVAL;
	case 'v':
		return volume_parse(arg, &opts->volumes[opts->n_volumes++]);
	case 'e':
		return parse_env(arg, opts);
	}
	return -EINVAL;
}

static int parse_run_options(int argc, char **argv, struct run_options *opts)
{
	int opt, ret;

	memset(opts, 0, sizeof(*opts));
	opts->volumes = calloc(argc, sizeof(*opts->volumes));
	opts->env = calloc(argc, sizeof(*opts->env));
	if (!opts->volumes || !opts->env) {
		errmsg("%s", strerror(ENOMEM));
		return -ENOMEM;
	}
	/* Options end at IMAGE: the rest is the command's. */
	while ((opt = command_getopt(&cmd_run, argc, argv, "de:itm:v:",
				     run_options, &ret)) != -1) {
		/* After --help there is nothing left to do. */
		if (opt == COMMAND_EXIT && ret == 0)
			exit(0);
		if (opt == COMMAND_EXIT)
			return -EINVAL;
		ret = parse_option(opt, optarg, opts);
		if (ret)
			return ret;
	}
	if (argc - optind < 2) {
		command_usage_error(&cmd_run, "%s", argc == optind ?
				    "no image given" : "no command given");
		return -EINVAL;
	}
	if (opts->detach && (opts->interactive || opts->tty)) {
		errmsg("-d cannot be combined with -i or -t: a detached container has no terminal");
		return -EINVAL;
	}
	opts->image = argv[optind];
	opts->argv = argv + optind + 1;
	if (name_validate(opts->image)) {
		errmsg("invalid image name '%s'", opts->image);
		return -EINVAL;
	}
	return 0;
}

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
	free(opts.volumes);
	while (opts.n_env > 0)
		free(opts.env[--opts.n_env]);
	free(opts.env);
	return status;
}

const struct command cmd_run = {
	.name = "run",
	.main = run_main,
	.usage = "run [-d | -it] [--name NAME] [-m SIZE] [--cpus N] [--cpuset LIST] [-v HOST:CTR]... [-e KEY[=VALUE]]... IMAGE CMD [ARG...]",
	.help = RUN_HELP,
	.usage_status = EXIT_MYDOCKER,
	.long_only = true,
};
