// SPDX-License-Identifier: GPL-2.0
/*
 * run's options for what the container gets (run_option.h): its name, its
 * cgroup limits, the host directories bound into it.
 */
#include <errno.h>
#include <stdlib.h>

#include "err.h"
#include "names.h"
#include "run_option.h"

static const struct option name_options[] = {
	{ "name", required_argument, NULL, 'n' },
	{ NULL, 0, NULL, 0 },
};

static int parse_name(int opt, const char *arg, struct run_options *opts)
{
	(void)opt;
	if (name_validate(arg)) {
		errmsg("invalid container name '%s': use letters, digits, '_', '.', '-', at most %d, starting with a letter or digit",
		       arg, NAME_MAX_LEN);
		return -EINVAL;
	}
	opts->name = arg;
	return 0;
}

const struct run_option run_option_name = {
	.usage = "[--name NAME]",
	.help = "  --name NAME            its name (-name too); by default its ID\n",
	.longopts = name_options,
	.parse = parse_name,
};

static const struct option limit_options[] = {
	{ "memory", required_argument, NULL, 'm' },
	{ "mem", required_argument, NULL, 'm' },
	{ "cpus", required_argument, NULL, 'c' },
	{ "cpuset", required_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 },
};

static int parse_limit(int opt, const char *arg, struct run_options *opts)
{
	switch (opt) {
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
	}
	return -EINVAL;
}

const struct run_option run_option_limits = {
	.usage = "[-m SIZE] [--cpus N] [--cpuset LIST]",
	.help = "  -m, --memory SIZE      memory limit, such as 100m (-mem too)\n"
		"  --cpus N               CPU time, in CPUs, such as 0.5\n"
		"  --cpuset LIST          the CPUs it may use, such as 0-1,3\n",
	.letters = "m:",
	.longopts = limit_options,
	.parse = parse_limit,
};

static const struct option volume_options[] = {
	{ "volume", required_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 },
};

/* Room for a volume in each argument: there are no more. */
static int init_volumes(struct run_options *opts, int argc)
{
	opts->volumes = run_option_room(argc, sizeof(*opts->volumes));
	return opts->volumes ? 0 : -ENOMEM;
}

static int parse_volume(int opt, const char *arg, struct run_options *opts)
{
	(void)opt;
	return volume_parse(arg, &opts->volumes[opts->n_volumes++]);
}

static void free_volumes(struct run_options *opts)
{
	free(opts->volumes);
}

const struct run_option run_option_volume = {
	.usage = "[-v HOST:CTR]...",
	.help = "  -v, --volume HOST:CTR  bind the host directory HOST at CTR\n",
	.letters = "v:",
	.longopts = volume_options,
	.parse = parse_volume,
	.init = init_volumes,
	.release = free_volumes,
};
