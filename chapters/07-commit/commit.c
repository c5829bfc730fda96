// SPDX-License-Identifier: GPL-2.0
/*
 * 07-commit: mydocker commit CONTAINER IMAGE writes
 * $MYDOCKER_ROOT/images/IMAGE.tar from what the container sees as its
 * root: the image's layer with the container's own writes on top.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "err.h"
#include "fileio.h"
#include "mounts.h"
#include "paths.h"
#include "pidfd.h"
#include "record.h"
#include "rootfs.h"
#include "tool.h"

extern const struct command cmd_commit;

/* EXERCISE running-root: The root of a running container as the host can reach it: its overlay is mounted in the container's own mount namespace, where the host cannot see it, yet the kernel shows every process's root. */
/* HINT: /proc/PID/root, with PID 1 of the container from the record (pathf()). */
/*
 * A running container's root is mounted in its own mount namespace; the
 * host reaches it through /proc/PID/root. (Mounting a second overlay on
 * the same upper and work dirs while the first is in use is not allowed.)
 */
static int running_root(const struct record *rec, char root[PATH_MAX])
{
	return pathf(root, "/proc/%d/root", rec->pid);
}
/* END EXERCISE running-root */

/*
 * The running root, held open while a pidfd says its process is still
 * the container's: tar then reads that directory through /proc/self/fd,
 * whoever gets the PID afterwards. The descriptor is left to tar (no
 * O_CLOEXEC). *root_fd stays -1 when the container is not running.
 */
static int open_running_root(const struct record *rec, char root[PATH_MAX],
			     int *root_fd)
{
	int pidfd = container_pidfd(rec), ret;

	*root_fd = -1;
	if (pidfd < 0)
		return 0;
	ret = running_root(rec, root);
	if (!ret && (*root_fd = open(root, O_PATH | O_DIRECTORY)) < 0) {
		ret = -errno;
		errmsg("open %s: %s", root, strerror(-ret));
	}
	if (!ret && pidfd_send_signal(pidfd, 0, NULL, 0) < 0) {
		ret = -ESRCH;
		errmsg("it exited while its root was being opened");
	}
	if (!ret)
		ret = pathf(root, "/proc/self/fd/%d", *root_fd);
	close(pidfd);
	return ret;
}

/* EXERCISE stopped-root: A stopped container has no mount left: put its layers together again, read-only, at containers/ID/merged, in a mount namespace of commit's own, so that the mount goes when commit exits (even if it is killed) and nothing stays mounted on the host. */
/* HINT: the overlay options are run's, from overlay_options() (rootfs.h: layers/IMAGE as lowerdir, the container's upper/ and work/), and MS_RDONLY; unshare(CLONE_NEWNS) and make_mounts_private() before mount_fs(). */
/*
 * A stopped container has no mount: put its layers together again, in a
 * mount namespace of our own, so that the mount goes away with us even
 * if we are killed half way. Nothing is left mounted on the host.
 */
static int stopped_root(const struct record *rec, char root[PATH_MAX])
{
	char layer[PATH_MAX], dir[PATH_MAX], options[OVERLAY_OPTIONS_MAX];
	int ret;

	ret = pathf(layer, "%s/layers/%s", data_root(), rec->image);
	if (!ret)
		ret = container_dir(dir, rec->id);
	if (!ret)
		ret = pathf(root, "%s/merged", dir);
	if (ret)
		return ret;
	if (overlay_options(options, layer, dir))
		return -ENAMETOOLONG;
	if (unshare(CLONE_NEWNS) < 0) {
		errmsg("unshare a mount namespace: %s", strerror(errno));
		return -errno;
	}
	ret = make_mounts_private();
	if (!ret)
		ret = mount_fs("overlay", root, MS_RDONLY, options);
	return ret;
}
/* END EXERCISE stopped-root */

/* EXERCISE write-image: Archive @root into images/IMAGE.tar (@path) atomically: tar into a file that has no name yet, then give it its name with a link that never replaces an existing image. A failed or killed commit leaves nothing under images/. */
/* HINT: open() the images dir with O_TMPFILE | O_WRONLY (no O_CLOEXEC: tar writes to it as /proc/self/fd/N); run_tool() (tool.h) with tar --one-file-system --numeric-owner -C ROOT -cf /proc/self/fd/N . (--one-file-system leaves out /proc, /dev and volumes); fsync(); linkat(AT_FDCWD, "/proc/self/fd/N", AT_FDCWD, path, AT_SYMLINK_FOLLOW), which fails with EEXIST rather than replace. */
/*
 * tar into a file with no name (O_TMPFILE) in the images dir, then a
 * link that refuses to replace an existing file: a reader sees no image
 * or the whole one, a commit racing another for the same name cannot
 * overwrite it, and a commit killed half way leaves no file at all: the
 * nameless one goes with its last descriptor.
 */
static int write_image(const char *root, const char *image, const char *path)
{
	char dir[PATH_MAX], tmp[64], why[512];
	int fd, ret;

	ret = pathf(dir, "%s/images", data_root());
	if (ret)
		return ret;
	/* No O_CLOEXEC: tar opens it as /proc/self/fd/N. */
	fd = open(dir, O_TMPFILE | O_WRONLY, 0644);
	if (fd < 0 || fchmod(fd, 0644) < 0) {
		ret = -errno;
		errmsg("create an image file in %s: %s", dir, strerror(-ret));
		if (fd >= 0)
			close(fd);
		return ret;
	}
	snprintf(tmp, sizeof(tmp), "/proc/self/fd/%d", fd);
	/* --one-file-system: leave out /proc, /dev and the volumes. */
	ret = run_tool((char *const[]){ "tar", "--one-file-system",
					"--numeric-owner", "-C", (char *)root,
					"-cf", tmp, ".", NULL },
		       why, sizeof(why));
	if (ret)
		errmsg("tar %s: %s", root, why[0] ? why : "failed");
	if (!ret && fsync(fd) < 0) {
		ret = -errno;
		errmsg("fsync the image of %s: %s", root, strerror(-ret));
	}
	if (!ret && linkat(AT_FDCWD, tmp, AT_FDCWD, path,
			   AT_SYMLINK_FOLLOW) < 0) {
		ret = -errno;
		errmsg("image '%s' %s", image, ret == -EEXIST ?
			       "already exists" : strerror(-ret));
	}
	close(fd);
	return ret;
}
/* END EXERCISE write-image */

static int commit(const struct record *rec, const char *image)
{
	char root[PATH_MAX], path[PATH_MAX];
	int root_fd, ret;

	ret = pathf(path, "%s/images/%s.tar", data_root(), image);
	if (ret)
		return ret;
	if (access(path, F_OK) == 0) {
		errmsg("image '%s' already exists in %s/images", image,
		       data_root());
		return -EEXIST;
	}
	ret = open_running_root(rec, root, &root_fd);
	if (!ret && root_fd < 0)
		ret = stopped_root(rec, root);
	if (!ret)
		ret = write_image(root, image, path);
	if (root_fd >= 0)
		close(root_fd);
	return ret;
}

static int commit_main(int argc, char **argv)
{
	struct record rec;
	int ret;

	if (command_getopt(&cmd_commit, argc, argv, "", NULL, &ret) != -1)
		return ret;
	argc -= optind - 1;
	argv += optind - 1;
	if (argc != 3)
		return command_usage_error(&cmd_commit,
					   "expected a container and an image name");
	if (name_validate(argv[2])) {
		errmsg("invalid image name '%s': use letters, digits, '_', '.', '-', starting with a letter or digit",
		       argv[2]);
		return 1;
	}
	if (record_lookup(argv[1], &rec))
		return 1;
	err_container = rec.name;
	ret = commit(&rec, argv[2]);
	record_free(&rec);
	if (ret)
		return 1;
	printf("%s\n", argv[2]);
	return 0;
}

const struct command cmd_commit = {
	.name = "commit",
	.main = commit_main,
	.usage = "commit CONTAINER IMAGE",
};
