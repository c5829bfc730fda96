// SPDX-License-Identifier: GPL-2.0
/*
 * 00-run: run -m, --cpus and --cpuset are limits written into the
 * container's cgroup, in the files of v2 or of the v1 controllers.
 */
#include <stdio.h>
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
