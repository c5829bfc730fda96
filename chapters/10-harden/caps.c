// SPDX-License-Identifier: GPL-2.0
/*
 * 10-harden: capabilities. Root in a container is root on the host for
 * whatever the kernel checks with capable(): CAP_SYS_ADMIN mounts,
 * CAP_SYS_MODULE loads modules, CAP_SYS_BOOT reboots... Docker keeps 14
 * of the 41 and drops the rest from every set a process has:
 *   bounding     what any later exec can ever gain: dropped one by one
 *   ambient      what survives exec without file capabilities: cleared
 *   permitted,   what it has now, what is switched on, and what exec
 *   effective,   passes on: capset(2), three 64-bit masks in two
 *   inheritable  32-bit halves
 * For root, exec keeps permitted = bounding | inheritable, so after it
 * the command runs with exactly the set given here.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "err.h"
#include "harden.h"

/* Indexed by number, as linux/capability.h numbers them. */
static const char *const cap_names[] = {
	"CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID",
	"KILL", "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE",
	"NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW",
	"IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT",
	"SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
	"SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE",
	"AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE",
	"MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ",
	"PERFMON", "BPF", "CHECKPOINT_RESTORE",
};
#define N_CAPS ((int)(sizeof(cap_names) / sizeof(cap_names[0])))

/* Docker spells them "NET_ADMIN", "CAP_NET_ADMIN" or "net_admin". */
int cap_from_name(const char *name)
{
	int cap;

	if (!strncasecmp(name, "CAP_", 4))
		name += 4;
	for (cap = 0; cap < N_CAPS; cap++)
		if (!strcasecmp(name, cap_names[cap]))
			return cap;
	return -EINVAL;
}

capset_t caps_docker_default(void)
{
	return CAP_BIT(CAP_CHOWN) | CAP_BIT(CAP_DAC_OVERRIDE) |
	       CAP_BIT(CAP_FSETID) | CAP_BIT(CAP_FOWNER) |
	       CAP_BIT(CAP_MKNOD) | CAP_BIT(CAP_NET_RAW) |
	       CAP_BIT(CAP_SETGID) | CAP_BIT(CAP_SETUID) |
	       CAP_BIT(CAP_SETFCAP) | CAP_BIT(CAP_SETPCAP) |
	       CAP_BIT(CAP_NET_BIND_SERVICE) | CAP_BIT(CAP_SYS_CHROOT) |
	       CAP_BIT(CAP_KILL) | CAP_BIT(CAP_AUDIT_WRITE);
}

/* Docker's order: ALL dropped, then the added ones, then the dropped. */
capset_t caps_for(const struct security_options *sec)
{
	capset_t set = sec->cap_drop_all ? 0 : caps_docker_default();

	if (sec->cap_add_all)
		set = ~(capset_t)0;
	return (set | sec->cap_add) & ~sec->cap_drop;
}

/* Our own permitted set: no set can grow beyond it (--cap-add ALL). */
capset_t caps_permitted(void)
{
	struct __user_cap_header_struct header = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &header, data) < 0)
		return 0;
	return data[0].permitted | (capset_t)data[1].permitted << 32;
}

/*
 * PR_CAPBSET_DROP needs CAP_SETPCAP, so the bounding set goes first,
 * while we still have every capability. Past the kernel's last one the
 * kernel says EINVAL: that is where the loop ends.
 */
static int drop_bounding(capset_t keep)
{
	int cap;

	for (cap = 0; cap < 64; cap++) {
		if (keep & CAP_BIT(cap))
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0)
			continue;
		if (errno == EINVAL)
			break;
		errmsg("drop capability %d from the bounding set: %s", cap,
		       strerror(errno));
		return -errno;
	}
	return 0;
}

int caps_apply(capset_t bounding, capset_t permitted, capset_t effective,
	       capset_t inheritable)
{
	struct __user_cap_header_struct header = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	int i, ret;

	/* EXERCISE caps: Keep only the given capabilities: drop the others from the bounding set, clear the ambient set, then capset(2) the permitted, effective and inheritable sets. */
	/* HINT: drop_bounding() first (it needs CAP_SETPCAP); prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0); capset has no glibc wrapper: syscall(SYS_capset, &header, data), data[0] the low 32 bits of each set, data[1] the high. */
	ret = drop_bounding(bounding);
	if (ret)
		return ret;
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 &&
	    errno != EINVAL) {
		errmsg("clear the ambient capabilities: %s", strerror(errno));
		return -errno;
	}
	for (i = 0; i < 2; i++) {
		data[i].permitted = (__u32)(permitted >> (32 * i));
		data[i].effective = (__u32)(effective >> (32 * i));
		data[i].inheritable = (__u32)(inheritable >> (32 * i));
	}
	if (syscall(SYS_capset, &header, data) < 0) {
		errmsg("capset: %s", strerror(errno));
		return -errno;
	}
	/* END EXERCISE caps */
	return 0;
}
