// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "err.h"
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

/*
 * Make the missing entry @name in the directory @parent_fd: a directory,
 * or an empty file. One already there (a symlink to nowhere, say) is left
 * as it is: the caller looks again.
 */
static int make_entry(int parent_fd, const char *name, bool dir)
{
	int fd;

	if (dir)
		return mkdirat(parent_fd, name, 0755) < 0 && errno != EEXIST ?
			       -errno : 0;
	fd = openat(parent_fd, name,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno == EEXIST ? 0 : -errno;
	close(fd);
	return 0;
}

/* @path as if @root_fd were "/": symlinks and ".." never leave it. */
static int resolve_in_root(int root_fd, const char *path)
{
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int fd = syscall(SYS_openat2, root_fd, path, &how, sizeof(how));

	return fd < 0 ? -errno : fd;
}

static int open_in_root_depth(int root_fd, const char *path, bool dir,
			      int depth);

/*
 * @name in the directory @at (@at_fd) is a symlink to nothing yet: go on
 * from where it points, inside the root, with the @rest of the path.
 */
static int follow_dangling(int root_fd, const char *at, int at_fd,
			   const char *name, const char *rest, bool dir,
			   int depth)
{
	char link[PATH_MAX], path[PATH_MAX];
	ssize_t n;
	int len;

	if (depth >= 40)	/* as the kernel's own limit on symlinks */
		return -ELOOP;
	n = readlinkat(at_fd, name, link, sizeof(link) - 1);
	if (n < 0)
		return -errno;
	link[n] = '\0';
	len = snprintf(path, sizeof(path), "%s/%s/%s",
		       link[0] == '/' ? "" : at, link, rest);
	if (len < 0 || (size_t)len >= sizeof(path))
		return -ENAMETOOLONG;
	return open_in_root_depth(root_fd, path, dir, depth + 1);
}

static int open_in_root_depth(int root_fd, const char *path, bool dir,
			      int depth)
{
	char prefix[PATH_MAX] = "", name[NAME_MAX + 1];
	size_t len = 0, n;
	int parent, fd, ret;
	bool last;

	parent = fcntl(root_fd, F_DUPFD_CLOEXEC, 0);
	if (parent < 0)
		return -errno;
	for (path += strspn(path, "/"); *path; path += strspn(path, "/")) {
		n = strcspn(path, "/");
		if (n > NAME_MAX || len + 1 + n >= sizeof(prefix)) {
			ret = -ENAMETOOLONG;
			goto out_close;
		}
		memcpy(name, path, n);
		name[n] = '\0';
		path += n;
		last = !path[strspn(path, "/")];
		/* Each step from the root, so a symlink met on the way resolves
		 * the way the container will see it. */
		sprintf(prefix + len, "/%s", name);
		fd = resolve_in_root(root_fd, prefix);
		if (fd == -ENOENT) {
			ret = make_entry(parent, name, dir || !last);
			if (ret)
				goto out_close;
			fd = resolve_in_root(root_fd, prefix);
		}
		if (fd == -ENOENT) {
			prefix[len] = '\0';
			ret = follow_dangling(root_fd, prefix, parent, name, path,
					      dir, depth);
			goto out_close;
		}
		if (fd < 0) {
			ret = fd;
			goto out_close;
		}
		len += 1 + n;
		close(parent);
		parent = fd;
	}
	return parent;
out_close:
	close(parent);
	return ret;
}

int open_in_root(int root_fd, const char *path, bool dir)
{
	return open_in_root_depth(root_fd, path, dir, 0);
}

int mount_in_root(int root_fd, const char *source, const char *target,
		  const char *type, unsigned long flags, const char *data)
{
	const char *what = type ? "mount" : "bind";
	char at[32];
	struct stat st;
	bool dir = true;
	int fd, ret;

	if (!type) {
		if (stat(source, &st) < 0) {
			ret = -errno;
			errmsg("bind %s on %s: %s", source, target, strerror(-ret));
			return ret;
		}
		dir = S_ISDIR(st.st_mode);
		flags |= MS_BIND | MS_REC;
	}
	fd = open_in_root(root_fd, target, dir);
	if (fd < 0) {
		errmsg("%s %s on %s: create the mount point: %s", what, source,
		       target, strerror(-fd));
		return fd;
	}
	/* mount(2) wants a path: this one names exactly what fd resolved. */
	snprintf(at, sizeof(at), "/proc/self/fd/%d", fd);
	ret = mount(source, at, type, flags, data) < 0 ? -errno : 0;
	if (ret)
		errmsg("%s %s on %s: %s", what, source, target, strerror(-ret));
	close(fd);
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
