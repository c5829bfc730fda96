// SPDX-License-Identifier: GPL-2.0
/*
 * The container's root file system: the image, unpacked once into a
 * read-only layer, under a writable layer of the container's own, joined
 * by overlayfs; then pivot_root into it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "container.h"
#include "err.h"
#include "fileio.h"
#include "mounts.h"
#include "paths.h"
#include "rootfs.h"
#include "tool.h"

/*
 * layers/IMAGE is unpacked into a temporary directory and renamed into
 * place, so a half-unpacked image is never used; two runs racing to
 * unpack the same image both succeed and one copy is dropped.
 */
static int image_unpack(const char *image, const char *tarball,
			const char *layer)
{
	char layers[PATH_MAX], tmp[PATH_MAX], why[512] = "";
	int ret;

	ret = pathf(layers, "%s/layers", data_root());
	if (!ret)
		ret = pathf(tmp, "%s/.%s.XXXXXX", layers, image);
	if (!ret)
		ret = mkdir_p(layers, 0700);
	if (ret) {
		errmsg("unpack image %s: create %s: %s", image, layers,
		       strerror(-ret));
		return ret;
	}
	if (!mkdtemp(tmp)) {
		ret = -errno;
		errmsg("unpack image %s: mkdtemp in %s: %s", image, layers,
		       strerror(-ret));
		return ret;
	}
	ret = run_tool((char *const[]){ "tar", "-xf", (char *)tarball, "-C",
					tmp, NULL },
		       why, sizeof(why));
	if (ret) {
		errmsg("unpack image %s from %s: %s", image, tarball,
		       why[0] ? why : "tar failed");
		goto out_remove;
	}
	if (rename(tmp, layer) == 0)
		return 0;
	ret = errno == EEXIST || errno == ENOTEMPTY ? 0 : -errno;
	if (ret)
		errmsg("unpack image %s: rename to %s: %s", image, layer,
		       strerror(-ret));
out_remove:
	remove_tree(tmp);
	return ret;
}

int image_layer_get(const char *image, char layer[PATH_MAX])
{
	char tarball[PATH_MAX];
	struct stat st;
	int ret;

	ret = pathf(tarball, "%s/images/%s.tar", data_root(), image);
	if (!ret)
		ret = pathf(layer, "%s/layers/%s", data_root(), image);
	if (ret) {
		errmsg("image %s: %s", image, strerror(-ret));
		return ret;
	}
	if (stat(tarball, &st) < 0) {
		ret = -errno;
		if (ret == -ENOENT)
			errmsg("image '%s' not found in %s/images", image,
			       data_root());
		else
			errmsg("image %s: %s", tarball, strerror(-ret));
		return ret;
	}
	if (stat(layer, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return image_unpack(image, tarball, layer);
}

/* The few device nodes a program expects, bound from the host's /dev. */
static int mount_dev(const char *merged)
{
	static const char *const nodes[] = { "/dev/null", "/dev/zero",
					     "/dev/full", "/dev/random",
					     "/dev/urandom", "/dev/tty" };
	static const char *const links[][2] = {
		{ "/proc/self/fd", "fd" },	{ "/proc/self/fd/0", "stdin" },
		{ "/proc/self/fd/1", "stdout" }, { "/proc/self/fd/2", "stderr" },
	};
	size_t i;
	int root_fd, dev, ret;

	root_fd = open(merged, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0) {
		ret = -errno;
		errmsg("open %s: %s", merged, strerror(-ret));
		return ret;
	}
	ret = mount_in_root(root_fd, "tmpfs", "/dev", "tmpfs",
			    MS_NOSUID | MS_NOEXEC, "mode=755,size=64k");
	for (i = 0; !ret && i < sizeof(nodes) / sizeof(nodes[0]); i++)
		ret = mount_in_root(root_fd, nodes[i], nodes[i], NULL, 0, NULL);
	if (ret)
		goto out_close;
	/* Opened again: now it is the fresh tmpfs, no longer the image's. */
	dev = open_in_root(root_fd, "/dev", true);
	if (dev < 0) {
		ret = dev;
		errmsg("open /dev: %s", strerror(-ret));
		goto out_close;
	}
	for (i = 0; !ret && i < sizeof(links) / sizeof(links[0]); i++) {
		if (symlinkat(links[i][0], dev, links[i][1]) < 0) {
			ret = -errno;
			errmsg("symlink /dev/%s: %s", links[i][1], strerror(-ret));
		}
	}
	close(dev);
out_close:
	close(root_fd);
	return ret;
}

/* $MYDOCKER_ROOT/containers/<id>/{upper,work,merged} */
int rootfs_dirs_create(struct container *c)
{
	static const char *const subdirs[] = { "upper", "work", "merged" };
	char path[PATH_MAX];
	size_t i;
	int ret;

	ret = container_dir(c->dir, c->id);
	if (!ret)
		ret = mkdir_p(c->dir, 0755);
	for (i = 0; !ret && i < 3; i++) {
		ret = pathf(path, "%s/%s", c->dir, subdirs[i]);
		if (!ret && mkdir(path, 0755) < 0)
			ret = -errno;
	}
	if (ret) {
		errmsg("create %s: %s", c->dir, strerror(-ret));
		remove_tree(c->dir);
	}
	return ret;
}

/* The overlay of @layer, read-only, under @dir's upper/ and work/. */
int overlay_options(char options[OVERLAY_OPTIONS_MAX], const char *layer,
		    const char *dir)
{
	int n = snprintf(options, OVERLAY_OPTIONS_MAX,
			 "lowerdir=%s,upperdir=%s/upper,workdir=%s/work", layer,
			 dir, dir);

	return n < 0 || n >= OVERLAY_OPTIONS_MAX ? -ENAMETOOLONG : 0;
}

/* Runs in the container's mount namespace: overlay, then /dev. */
int rootfs_mount(const struct container *c, const char *merged)
{
	/* EXERCISE overlay: Mount the container's root at merged: an overlay of the image's layer (c->layer, read-only) under the container's own upper/ and work/ (in c->dir), so that its writes never reach the image. */
	/* HINT: mount_fs("overlay", merged, 0, options); overlay_options() writes the options, "lowerdir=...,upperdir=...,workdir=...". */
	char options[OVERLAY_OPTIONS_MAX];

	if (overlay_options(options, c->layer, c->dir)) {
		errmsg("overlay options: %s", strerror(ENAMETOOLONG));
		return -ENAMETOOLONG;
	}
	if (mount_fs("overlay", merged, 0, options))
		return -EIO;
	/* END EXERCISE overlay */
	return mount_dev(merged);
}

/*
 * pivot_root(".", ".") stacks the old root on top of the new one at
 * the same place; unmounting "." then takes the old root away, and with
 * it every host mount the container could otherwise still reach.
 */
static int fail(const char *step, const char *what)
{
	int ret = -errno;

	errmsg("%s %s: %s", step, what, strerror(-ret));
	return ret;
}

int rootfs_pivot(const char *merged)
{
	int ret;

	if (chdir(merged) < 0)
		return fail("chdir", merged);
	/* EXERCISE pivot: Make merged (the current directory) the root, and take the old root away, and with it every host mount the container could still reach. */
	/* HINT: pivot_root(".", ".") (no glibc wrapper: syscall(SYS_pivot_root, ...)) stacks the old root on the new one; umount2(".", MNT_DETACH) then detaches it. fail() reports a step. */
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return fail("pivot_root into", merged);
	if (umount2(".", MNT_DETACH) < 0)
		return fail("detach the old root from", merged);
	/* END EXERCISE pivot */
	if (chdir("/") < 0)
		return fail("chdir", "/");
	/* A fresh proc shows the new PID namespace, not the host's. */
	ret = mkdir_p("/proc", 0555);
	if (ret) {
		errmsg("create /proc: %s", strerror(-ret));
		return ret;
	}
	return mount_fs("proc", "/proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
}
