// SPDX-License-Identifier: GPL-2.0
/*
 * 10-harden: /proc, /sys and /dev as runc leaves them.
 *
 * /proc and /sys are the kernel's own interface, and most of what is in
 * them is not namespaced: /proc/sys/kernel/core_pattern is the host's,
 * /proc/keys lists keys of the whole machine, /sys/power/state suspends
 * it. The container gets them read-only, with the worst files hidden
 * under /dev/null or an empty read-only tmpfs (runc's "masked paths"),
 * and of the cgroup file system only its own cgroup, read-only.
 *
 * Docker's default capabilities keep CAP_MKNOD, so a container can make
 * the host disk's device node; the devices cgroup then refuses to open
 * it. Mounting the root and /dev nodev refuses it here, on cgroup v1 and
 * v2 alike.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "err.h"
#include "harden.h"
#include "mounts.h"
#include "paths.h"

#define NOSUID_NODEV_NOEXEC (MS_NOSUID | MS_NODEV | MS_NOEXEC)

/* runc's defaults (runc spec), with Docker's powercap. */
static const char *const masked_paths[] = {
	"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
	"/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
	"/proc/sched_debug", "/proc/scsi", "/sys/firmware",
	"/sys/devices/virtual/powercap",
};

static const char *const readonly_paths[] = {
	"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
	"/proc/sysrq-trigger",
};

/*
 * A bind mount takes the flags of the mount it copies: read-only needs
 * a second call, a remount of the new mount (opened again: now the path
 * is its root) with every flag it should keep.
 */
static int remount(int root_fd, const char *path, bool dir,
		   unsigned long flags)
{
	char at[32];
	int fd, ret = 0;

	fd = open_in_root(root_fd, path, dir);
	if (fd < 0) {
		errmsg("remount %s: %s", path, strerror(-fd));
		return fd;
	}
	snprintf(at, sizeof(at), "/proc/self/fd/%d", fd);
	if (mount(NULL, at, NULL, MS_REMOUNT | MS_BIND | flags, NULL) < 0) {
		ret = -errno;
		errmsg("remount %s: %s", path, strerror(-ret));
	}
	close(fd);
	return ret;
}

/* The cgroup's own directory of @controller ("" on v2) at @target. */
static int bind_cgroup_dir(int root_fd, const char *host_dir,
			   const char *target)
{
	int ret = mount_in_root(root_fd, host_dir, target, NULL, 0, NULL);

	return ret ? ret : remount(root_fd, target, true,
				   MS_RDONLY | NOSUID_NODEV_NOEXEC);
}

/*
 * v2: the container's cgroup directory is /sys/fs/cgroup. v1: a tmpfs
 * there, and in it each controller's directory of the container.
 */
static int cgroup_mount_readonly(const struct cgroup *cg, int root_fd)
{
	static const char *const v1[] = { "memory", "cpu", "cpuset" };
	char host[PATH_MAX], target[PATH_MAX];
	size_t i;
	int ret;

	if (cg->mode == CGROUP_UNIFIED) {
		ret = pathf(host, CGROUP_MOUNT "/%s", cg->path);
		return ret ? ret : bind_cgroup_dir(root_fd, host, CGROUP_MOUNT);
	}
	ret = mount_in_root(root_fd, "tmpfs", CGROUP_MOUNT, "tmpfs",
			    NOSUID_NODEV_NOEXEC, "mode=755,size=64k");
	for (i = 0; !ret && i < sizeof(v1) / sizeof(v1[0]); i++) {
		ret = pathf(host, CGROUP_MOUNT "/%s/%s", v1[i], cg->path);
		if (!ret)
			ret = pathf(target, CGROUP_MOUNT "/%s", v1[i]);
		if (!ret)
			ret = bind_cgroup_dir(root_fd, host, target);
	}
	if (!ret && !pids_dir(cg, host))
		ret = bind_cgroup_dir(root_fd, host, CGROUP_MOUNT "/pids");
	return ret ? ret : remount(root_fd, CGROUP_MOUNT, true,
				   MS_RDONLY | NOSUID_NODEV_NOEXEC);
}

int sys_mount_readonly(const struct cgroup *cg, const char *merged)
{
	int root_fd, ret;

	root_fd = open(merged, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0) {
		ret = -errno;
		errmsg("open %s: %s", merged, strerror(-ret));
		return ret;
	}
	/* EXERCISE sys-readonly: Mount a read-only sysfs on /sys, with the container's own cgroup in it, read-only too. */
	/* HINT: mount_in_root(root_fd, "sysfs", "/sys", "sysfs", MS_RDONLY | NOSUID_NODEV_NOEXEC, NULL), then cgroup_mount_readonly(cg, root_fd). */
	ret = mount_in_root(root_fd, "sysfs", "/sys", "sysfs",
			    MS_RDONLY | NOSUID_NODEV_NOEXEC, NULL);
	if (!ret)
		ret = cgroup_mount_readonly(cg, root_fd);
	/* END EXERCISE sys-readonly */
	close(root_fd);
	return ret;
}

/* A file under /dev/null, a directory under an empty read-only tmpfs. */
static int mask(int root_fd, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (S_ISDIR(st.st_mode))
		return mount_in_root(root_fd, "tmpfs", path, "tmpfs",
				     MS_RDONLY | NOSUID_NODEV_NOEXEC,
				     "size=0");
	return mount_in_root(root_fd, "/dev/null", path, NULL, 0, NULL);
}

/* Bound on itself, then remounted read-only. */
static int make_readonly(int root_fd, const char *path)
{
	struct stat st;
	int ret;

	if (stat(path, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	ret = mount_in_root(root_fd, path, path, NULL, 0, NULL);
	return ret ? ret : remount(root_fd, path, S_ISDIR(st.st_mode),
				   MS_RDONLY | NOSUID_NODEV_NOEXEC);
}

int proc_mask(void)
{
	size_t i;
	int root_fd, ret = 0;

	root_fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0) {
		errmsg("open /: %s", strerror(errno));
		return -errno;
	}
	/* EXERCISE masks: Hide masked_paths[], make readonly_paths[] read-only, and mount / and /dev nodev. */
	/* HINT: mask() and make_readonly() do one path each; remount(root_fd, "/", true, MS_NODEV) and remount(root_fd, "/dev", true, MS_NODEV | MS_NOSUID | MS_NOEXEC) keep each mount's other flags. */
	for (i = 0; !ret && i < sizeof(masked_paths) / sizeof(masked_paths[0]); i++)
		ret = mask(root_fd, masked_paths[i]);
	for (i = 0; !ret && i < sizeof(readonly_paths) / sizeof(readonly_paths[0]); i++)
		ret = make_readonly(root_fd, readonly_paths[i]);
	if (!ret)
		ret = remount(root_fd, "/", true, MS_NODEV);
	if (!ret)
		ret = remount(root_fd, "/dev", true,
			      MS_NODEV | MS_NOSUID | MS_NOEXEC);
	/* END EXERCISE masks */
	close(root_fd);
	return ret;
}
