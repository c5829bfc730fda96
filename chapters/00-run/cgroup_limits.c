// SPDX-License-Identifier: GPL-2.0
/*
 * 00-run: run -m, --cpus and --cpuset are limits written into the
 * container's cgroup, in the files of v2 or of the v1 controllers.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "cgroup_limits.h"

static int apply_memory(const struct cgroup *cg, unsigned long long bytes)
{
	char value[32], path[PATH_MAX];
	int ret;

	snprintf(value, sizeof(value), "%llu", bytes);
	if (cg->mode == CGROUP_UNIFIED) {
		ret = cgroup_write(cg, "memory", "memory.max", value);
		/* Without swap.max = 0 the limit only moves pages to swap. */
		if (!ret && !cgroup_file(path, cg, "memory", "memory.swap.max") &&
		    access(path, F_OK) == 0)
			ret = cgroup_write(cg, "memory", "memory.swap.max", "0");
		return ret;
	}
	ret = cgroup_write(cg, "memory", "memory.limit_in_bytes", value);
	if (!ret && !cgroup_file(path, cg, "memory", "memory.memsw.limit_in_bytes") &&
	    access(path, F_OK) == 0)
		ret = cgroup_write(cg, "memory", "memory.memsw.limit_in_bytes",
			       value);
	return ret;
}

static int apply_cpu(const struct cgroup *cg, unsigned long long quota_us)
{
	char value[64];
	int ret;

	if (cg->mode == CGROUP_UNIFIED) {
		snprintf(value, sizeof(value), "%llu %llu", quota_us,
			 CGROUP_CPU_PERIOD_US);
		return cgroup_write(cg, "cpu", "cpu.max", value);
	}
	snprintf(value, sizeof(value), "%llu", CGROUP_CPU_PERIOD_US);
	ret = cgroup_write(cg, "cpu", "cpu.cfs_period_us", value);
	if (ret)
		return ret;
	snprintf(value, sizeof(value), "%llu", quota_us);
	return cgroup_write(cg, "cpu", "cpu.cfs_quota_us", value);
}

int cgroup_apply_limits(const struct cgroup *cg,
			const struct cgroup_limits *limits)
{
	int ret = 0;

	if (limits->memory_bytes)
		ret = apply_memory(cg, limits->memory_bytes);
	if (!ret && limits->cpu_quota_us)
		ret = apply_cpu(cg, limits->cpu_quota_us);
	if (!ret && limits->cpuset)
		ret = cgroup_write(cg, "cpuset", "cpuset.cpus", limits->cpuset);
	return ret;
}

/* ---- the limits as run's options spell them ---- */

/* "100m" -> 104857600; suffixes b, k, m, g in powers of 1024. */
int parse_size(const char *text, unsigned long long *bytes)
{
	unsigned long long value, unit = 1;
	char *end;

	if (!isdigit((unsigned char)text[0]))
		return -EINVAL;
	errno = 0;
	value = strtoull(text, &end, 10);
	if (errno)
		return -errno;
	switch (tolower((unsigned char)*end)) {
	case '\0':
	case 'b':
		break;
	case 'k':
		unit = 1ULL << 10;
		break;
	case 'm':
		unit = 1ULL << 20;
		break;
	case 'g':
		unit = 1ULL << 30;
		break;
	default:
		return -EINVAL;
	}
	if (*end && end[1])
		return -EINVAL;
	if (value == 0 || value > ~0ULL / unit)
		return -ERANGE;
	*bytes = value * unit;
	return 0;
}

/* "0.5" CPUs -> 50000 us of every 100000 us period. */
int parse_cpus(const char *text, unsigned long long *quota_us)
{
	double cpus;
	char *end;

	errno = 0;
	cpus = strtod(text, &end);
	if (errno || end == text || *end || !isfinite(cpus))
		return -EINVAL;
	/* The kernel's smallest quota is 1 ms. */
	if (cpus < 0.01 || cpus > 1024)
		return -ERANGE;
	*quota_us = (unsigned long long)(cpus * CGROUP_CPU_PERIOD_US);
	return 0;
}

/* "0-2,4": the kernel checks the numbers; we refuse anything else. */
int parse_cpuset(const char *text)
{
	if (!*text || strspn(text, "0123456789,-") != strlen(text))
		return -EINVAL;
	return 0;
}
