/* SPDX-License-Identifier: GPL-2.0 */
/* 00-run: the limits run -m, --cpus and --cpuset put on a container. */
#ifndef MYDOCKER_CGROUP_LIMITS_H
#define MYDOCKER_CGROUP_LIMITS_H

struct cgroup;

struct cgroup_limits {
	unsigned long long memory_bytes;	/* 0: no limit */
	unsigned long long cpu_quota_us;	/* per CGROUP_CPU_PERIOD_US; 0: none */
	const char *cpuset;			/* "0-1,3"; NULL: all */
};

#define CGROUP_CPU_PERIOD_US 100000ULL

/* Write @limits into @cg: 0, or -errno once reported. */
int cgroup_apply_limits(const struct cgroup *cg,
			const struct cgroup_limits *limits);

/* The values of -m, --cpus and --cpuset: 0, or -EINVAL / -ERANGE. */
int parse_size(const char *text, unsigned long long *bytes);
int parse_cpus(const char *text, unsigned long long *quota_us);
int parse_cpuset(const char *text);

#endif
