// SPDX-License-Identifier: GPL-2.0
/*
 * 10-harden: run's security options, spelled as Docker spells them, and
 * the last step of the container's set-up: capabilities, then
 * no_new_privs, then the seccomp filter (it refuses mount, so it comes
 * after every mount; capset is not refused, but the filter is the one
 * step that must come last: each earlier one is a system call it could
 * refuse). An exec'd command gets what the container's PID 1 has, read
 * from the kernel (/proc/PID/status), not from a file anyone could edit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "fileio.h"
#include "harden.h"

void security_defaults(struct security_options *sec)
{
	memset(sec, 0, sizeof(*sec));
	sec->seccomp = true;
	sec->pids_limit = PIDS_LIMIT_DEFAULT;
}

/* --cap-add/--cap-drop NAME, or ALL. */
static int parse_cap(const char *arg, capset_t *set, bool *all)
{
	int cap;

	if (!strcasecmp(arg, "ALL")) {
		*all = true;
		return 0;
	}
	cap = cap_from_name(arg);
	if (cap < 0) {
		errmsg("unknown capability '%s': expected a name such as NET_ADMIN or CAP_NET_ADMIN, or ALL",
		       arg);
		return -EINVAL;
	}
	*set |= CAP_BIT(cap);
	return 0;
}

/* -1 and 0 mean no limit, as in Docker. */
static int parse_pids_limit(const char *arg, long *limit)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno || end == arg || *end || n < -1) {
		errmsg("invalid --pids-limit '%s': expected a number of processes, or -1 for no limit",
		       arg);
		return -EINVAL;
	}
	*limit = n == 0 ? -1 : n;
	return 0;
}

int security_option(int opt, const char *arg, struct security_options *sec)
{
	switch (opt) {
	case OPT_CAP_ADD:
		return parse_cap(arg, &sec->cap_add, &sec->cap_add_all);
	case OPT_CAP_DROP:
		return parse_cap(arg, &sec->cap_drop, &sec->cap_drop_all);
	case OPT_PRIVILEGED:
		sec->privileged = true;
		return 0;
	case OPT_SECURITY_OPT:
		if (!strcmp(arg, "seccomp=unconfined") ||
		    !strcmp(arg, "seccomp:unconfined")) {
			sec->seccomp = false;
			return 0;
		}
		errmsg("unsupported --security-opt '%s': only seccomp=unconfined",
		       arg);
		return -EINVAL;
	case OPT_PIDS_LIMIT:
		return parse_pids_limit(arg, &sec->pids_limit);
	case OPT_CGROUPNS:
		if (strcmp(arg, "host") && strcmp(arg, "private")) {
			errmsg("invalid --cgroupns '%s': expected host or private",
			       arg);
			return -EINVAL;
		}
		sec->cgroupns = !strcmp(arg, "private");
		return 0;
	}
	return -EINVAL;
}

/*
 * The container's cgroup becomes the root of what it sees of cgroups
 * (/proc/self/cgroup says "/"): made after joining the cgroup, so that
 * its root is the container's own.
 */
int cgroupns_enter(const struct security_options *sec)
{
	if (!sec->cgroupns || sec->privileged)
		return 0;
	if (unshare(CLONE_NEWCGROUP) < 0) {
		errmsg("new cgroup namespace: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

int security_apply(const struct security_options *sec)
{
	capset_t set;
	int ret;

	if (sec->privileged)
		return 0;	/* as chapters 00 to 08: root's every power */
	/*
	 * No inheritable capabilities (runc's fix for CVE-2022-24769):
	 * for root, exec gives permitted = bounding, which is the set.
	 */
	set = caps_for(sec) & caps_permitted();
	ret = caps_apply(set, set, set, 0);
	return ret ? ret : seccomp_apply(true, sec->seccomp);
}

/* "CapEff:\t00000000a80425fb" and the like; @key with its colon. */
static int status_field(const char *status, const char *key,
			unsigned long long *value, int base)
{
	const char *line = status;
	size_t n = strlen(key);

	for (; line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (strncmp(line, key, n))
			continue;
		*value = strtoull(line + n, NULL, base);
		return 0;
	}
	return -ENOENT;
}

int security_state_read(pid_t pid, struct security_state *st)
{
	unsigned long long nnp, seccomp;
	char path[64], status[8192];
	int ret;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	ret = read_string(path, status, sizeof(status));
	if (ret == -ENOENT || ret == -ESRCH)
		return -ESRCH;	/* PID 1 has gone: its caller says so */
	if (!ret)
		ret = status_field(status, "CapInh:", &st->inheritable, 16);
	if (!ret)
		ret = status_field(status, "CapPrm:", &st->permitted, 16);
	if (!ret)
		ret = status_field(status, "CapEff:", &st->effective, 16);
	if (!ret)
		ret = status_field(status, "CapBnd:", &st->bounding, 16);
	if (!ret)
		ret = status_field(status, "NoNewPrivs:", &nnp, 10);
	if (!ret)
		ret = status_field(status, "Seccomp:", &seccomp, 10);
	if (ret) {
		errmsg("read the security of its PID 1 in %s: %s", path,
		       strerror(-ret));
		return ret;
	}
	st->no_new_privs = nnp;
	st->seccomp = seccomp == 2;	/* SECCOMP_MODE_FILTER */
	return 0;
}

/* EXERCISE exec-security: Give an exec'd command exactly PID 1's capabilities, no_new_privs and seccomp filter (@st, read from its /proc/PID/status). */
/* HINT: caps_apply() takes the four sets; seccomp_apply() the other two. */
int security_state_apply(const struct security_state *st)
{
	int ret = caps_apply(st->bounding, st->permitted, st->effective,
			     st->inheritable);

	return ret ? ret : seccomp_apply(st->no_new_privs, st->seccomp);
}
/* END EXERCISE exec-security */
