// SPDX-License-Identifier: GPL-2.0
/*
 * 10-harden: no_new_privs and a seccomp filter.
 *
 * no_new_privs: from now on no exec can give this process more than it
 * has: a setuid binary runs with our IDs, file capabilities are ignored.
 * It is inherited by every child and can never be unset.
 *
 * seccomp: capabilities say who may make a privileged call; the filter
 * says which calls reach the kernel at all. A container needs none of
 * those below, and each is a way into the whole kernel (a module, a
 * reboot, the keyrings, which are not namespaced, a BPF program...) or
 * out of the container (a new mount, a user namespace in which it would
 * hold every capability again). Each fails with EPERM, as in Docker's
 * default profile; everything else is allowed. libseccomp turns the list
 * into the BPF program the kernel runs on every system call.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/prctl.h>
#include <seccomp.h>

#include "err.h"
#include "harden.h"

/* Refused whatever their arguments. */
static const char *const denied[] = {
	/* the kernel itself: modules, a new kernel, the machine */
	"init_module", "finit_module", "delete_module", "kexec_load",
	"kexec_file_load", "reboot", "swapon", "swapoff", "iopl", "ioperm",
	/* the host's clock, accounting, kernel log, quotas */
	"settimeofday", "clock_settime", "acct", "syslog",
	"quotactl", "lookup_dcookie",
	/* keyrings are one per user, shared with the host */
	"keyctl", "add_key", "request_key",
	/* programs and counters that run in, or look into, the kernel */
	"bpf", "perf_event_open", "userfaultfd",
	/* mounts, once set-up is done; the new mount API too */
	"mount", "umount2", "pivot_root", "fsopen", "fsconfig", "fsmount",
	"fspick", "move_mount", "open_tree", "mount_setattr",
	/* a file by handle reaches past the container's root (Shocker) */
	"open_by_handle_at",
	/* other namespaces: joining one is never the container's business */
	"setns",
};

static int deny(scmp_filter_ctx ctx, const char *name)
{
	int nr = seccomp_syscall_resolve_name(name);

	if (nr == __NR_SCMP_ERROR)
		return 0;	/* this architecture has no such call */
	return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0);
}

/*
 * A user namespace gives its creator every capability inside it: deny
 * unshare and clone with CLONE_NEWUSER. clone3 passes its flags in
 * memory, where a filter cannot look: it says ENOSYS, and the C library
 * falls back to clone.
 */
static int deny_user_namespaces(scmp_filter_ctx ctx)
{
	int ret;

	ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(unshare),
			       1, SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_NEWUSER,
					  CLONE_NEWUSER));
	if (!ret)
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				       SCMP_SYS(clone), 1,
				       SCMP_A0(SCMP_CMP_MASKED_EQ,
					       CLONE_NEWUSER, CLONE_NEWUSER));
	if (!ret)
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS),
				       SCMP_SYS(clone3), 0);
	return ret;
}

static int load_filter(void)
{
	scmp_filter_ctx ctx;
	size_t i;
	int ret = 0;

	/* EXERCISE seccomp: Load a filter that allows every system call but those in denied[] and new user namespaces: EPERM. */
	/* HINT: seccomp_init(SCMP_ACT_ALLOW); seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0) (no_new_privs is ours to set); deny() for each name, deny_user_namespaces(), seccomp_load(); seccomp_release() in every case. libseccomp returns negative errnos. */
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx)
		return -ENOMEM;
	/*
	 * libseccomp would set no_new_privs itself; we did (or not), and
	 * the kernel refuses a filter from a process that has neither it
	 * nor CAP_SYS_ADMIN: an unprivileged filter could fool a setuid
	 * program.
	 */
	ret = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	for (i = 0; !ret && i < sizeof(denied) / sizeof(denied[0]); i++)
		ret = deny(ctx, denied[i]);
	if (!ret)
		ret = deny_user_namespaces(ctx);
	if (!ret)
		ret = seccomp_load(ctx);
	seccomp_release(ctx);
	/* END EXERCISE seccomp */
	return ret;
}

int seccomp_apply(bool no_new_privs, bool filter)
{
	int ret;

	if (no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		errmsg("set no_new_privs: %s", strerror(errno));
		return -errno;
	}
	if (!filter)
		return 0;
	ret = load_filter();
	if (ret)
		errmsg("load the seccomp filter: %s", strerror(-ret));
	return ret;
}
