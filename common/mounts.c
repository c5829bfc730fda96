// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "fileio.h"
#include "mounts.h"

int mount_fs(const char *type, const char *target, unsigned long flags,
	     const char *data)
{
	if (mount(type, target, type, flags, data) < 0) {
		int ret = -errno;

		errmsg("mount %s on %s: %s", type, target, strerror(-ret));
		return ret;
	}
	return 0;
}

static int make_mount_point(const char *source, const char *target)
{
	struct stat st;
	int fd;

	if (stat(source, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return mkdir_p(target, 0755);
	fd = open(target, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

int bind_mount(const char *source, const char *target, unsigned long flags)
{
	int ret;

	ret = make_mount_point(source, target);
	if (ret) {
		errmsg("bind %s: create mount point %s: %s", source, target,
		       strerror(-ret));
		return ret;
	}
	if (mount(source, target, NULL, MS_BIND | MS_REC, NULL) < 0)
		goto fail;
	/* Bind mounts ignore most flags on creation: remount to apply them. */
	if (flags && mount(NULL, target, NULL, MS_BIND | MS_REMOUNT | flags,
			   NULL) < 0)
		goto fail;
	return 0;
fail:
	ret = -errno;
	errmsg("bind %s on %s: %s", source, target, strerror(-ret));
	return ret;
}

int make_mounts_private(void)
{
	/*
	 * A new mount namespace starts as a copy whose mounts still share
	 * events with the host's: without this, unmounting the container's
	 * /proc would unmount the host's too.
	 */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		int ret = -errno;

		errmsg("make / private: %s", strerror(-ret));
		return ret;
	}
	return 0;
}
