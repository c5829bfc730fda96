/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 10-harden: what runc and Docker do to a container's process that the
 * book does not, each step against one escape:
 *   caps.c      Docker's 14 capabilities, not all 41 of root's
 *   masks.c     /proc's dangerous files masked or read-only, /sys and the
 *               container's own cgroup read-only, device nodes useless
 *   seccomp.c   no_new_privs, and a filter of the system calls that
 *               reach the whole kernel (modules, reboot, keys, mount...)
 *   pids.c      a pids limit, so a fork bomb stops inside its cgroup
 *   security.c  run's options for all of them; exec copies PID 1's
 */
#ifndef MYDOCKER_HARDEN_H
#define MYDOCKER_HARDEN_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

struct cgroup;

/* A set of capabilities, bit N for capability N (linux/capability.h). */
typedef unsigned long long capset_t;
#define CAP_BIT(cap) ((capset_t)1 << (cap))

/* Docker's default pids limit is none; ours stops a fork bomb. */
#define PIDS_LIMIT_DEFAULT 1024

struct security_options {
	bool privileged;	/* --privileged: none of the steps below */
	bool seccomp;		/* false: --security-opt seccomp=unconfined */
	bool cgroupns;		/* --cgroupns private: a cgroup namespace */
	capset_t cap_add;	/* --cap-add, bits */
	capset_t cap_drop;	/* --cap-drop, bits */
	bool cap_add_all;	/* --cap-add ALL */
	bool cap_drop_all;	/* --cap-drop ALL */
	long pids_limit;	/* --pids-limit; -1: none */
};

/* What exec copies from the container's PID 1 (/proc/PID/status). */
struct security_state {
	capset_t bounding, permitted, effective, inheritable;
	bool no_new_privs;
	bool seccomp;		/* "Seccomp: 2": our filter */
};

/* run's options, after its own letters: rows for its getopt table. */
enum {
	OPT_CAP_ADD = 0x100, OPT_CAP_DROP, OPT_PRIVILEGED, OPT_SECURITY_OPT,
	OPT_PIDS_LIMIT, OPT_CGROUPNS,
};
#define SECURITY_LONG_OPTIONS \
	{ "cap-add", required_argument, NULL, OPT_CAP_ADD }, \
	{ "cap-drop", required_argument, NULL, OPT_CAP_DROP }, \
	{ "privileged", no_argument, NULL, OPT_PRIVILEGED }, \
	{ "security-opt", required_argument, NULL, OPT_SECURITY_OPT }, \
	{ "pids-limit", required_argument, NULL, OPT_PIDS_LIMIT }, \
	{ "cgroupns", required_argument, NULL, OPT_CGROUPNS }
#define SECURITY_HELP \
	"  --privileged           every capability, no seccomp, /proc and /sys as before\n" \
	"  --cap-add CAP          keep CAP (NET_ADMIN, CAP_NET_ADMIN, ALL) too\n" \
	"  --cap-drop CAP         drop CAP (or ALL) from Docker's default set\n" \
	"  --security-opt seccomp=unconfined  no seccomp filter\n" \
	"  --pids-limit N         at most N processes (default 1024; -1: none)\n" \
	"  --cgroupns host|private  a cgroup namespace of its own (private)\n"
#define SECURITY_USAGE "[--privileged] [--cap-add CAP]... [--cap-drop CAP]... " \
	"[--security-opt seccomp=unconfined] [--pids-limit N] [--cgroupns host|private]"

/* security.c */
/* run's options: 0 when @opt was one of ours, -EINVAL on a bad value. */
int security_option(int opt, const char *arg, struct security_options *sec);
void security_defaults(struct security_options *sec);
/* In the new container, once in its cgroup: --cgroupns private. */
int cgroupns_enter(const struct security_options *sec);
/* In the new container, the last step before exec. */
int security_apply(const struct security_options *sec);
/*
 * For exec: read PID 1's from the host's /proc (0, -ESRCH unsaid when it
 * has gone, or -errno once said), then apply it to us.
 */
int security_state_read(pid_t pid, struct security_state *st);
int security_state_apply(const struct security_state *st);

/* caps.c */
int cap_from_name(const char *name);	/* the number, or -EINVAL */
capset_t caps_docker_default(void);
capset_t caps_for(const struct security_options *sec);
capset_t caps_permitted(void);
/* Bounding set, ambient set, then effective, permitted and inheritable. */
int caps_apply(capset_t bounding, capset_t permitted, capset_t effective,
	       capset_t inheritable);

/* seccomp.c: set no_new_privs, then load the filter (when @filter). */
int seccomp_apply(bool no_new_privs, bool filter);

/* masks.c */
/* Before pivot_root: /sys read-only, the cgroup's own directory in it. */
int sys_mount_readonly(const struct cgroup *cg, const char *merged);
/* After: runc's masked and read-only paths of /proc; nodev on / and /dev. */
int proc_mask(void);

/* pids.c: the limit in the container's cgroup; pids_enter on v1. */
int pids_limit_apply(const struct cgroup *cg, long limit);
int pids_enter(const struct cgroup *cg);
/* 0, or -errno once said. */
int pids_destroy(const struct cgroup *cg);
/* pids' own v1 directory of @cg, or the v2 one; for sys_mount_readonly. */
int pids_dir(const struct cgroup *cg, char dir[PATH_MAX]);

#endif
