// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>
#include <linux/magic.h>

#include "cgroup.h"
#include "err.h"
#include "fileio.h"
#include "paths.h"

#define CGROUP_PARENT "mydocker"

/* The v1 controllers a container uses; v2 has them all in one tree. */
static const char *const v1_controllers[] = { "memory", "cpu", "cpuset" };
#define N_V1 (sizeof(v1_controllers) / sizeof(v1_controllers[0]))

static int fs_type(const char *path, long *type)
{
	struct statfs sfs;

	if (statfs(path, &sfs) < 0)
		return -errno;
	*type = sfs.f_type;
	return 0;
}

int cgroup_detect(enum cgroup_mode *mode)
{
	long type = 0;
	int ret;

	ret = fs_type(CGROUP_MOUNT, &type);
	if (ret)
		return ret;
	if (type == CGROUP2_SUPER_MAGIC) {
		*mode = CGROUP_UNIFIED;
		return 0;
	}
	if (fs_type(CGROUP_MOUNT "/unified", &type) == 0 &&
	    type == CGROUP2_SUPER_MAGIC)
		*mode = CGROUP_HYBRID;
	else
		*mode = CGROUP_LEGACY;
	return 0;
}

int cgroup_file(char out[PATH_MAX], const struct cgroup *cg,
		const char *controller, const char *file)
{
	if (cg->mode == CGROUP_UNIFIED)
		return pathf(out, CGROUP_MOUNT "/%s/%s", cg->path, file);
	return pathf(out, CGROUP_MOUNT "/%s/%s/%s", controller, cg->path,
		     file);
}

int cgroup_write(const struct cgroup *cg, const char *controller,
		 const char *file, const char *value)
{
	char path[PATH_MAX];
	int ret;

	ret = cgroup_file(path, cg, controller, file);
	if (!ret)
		ret = write_string(path, value);
	if (ret)
		errmsg("cgroup: write '%s' to %s: %s", value, path,
		       strerror(-ret));
	return ret;
}

/*
 * A new v1 cpuset starts with no CPUs and no memory nodes, and a task
 * cannot join it until both are set: inherit them from the parent.
 */
static int cpuset_inherit(const char *dir)
{
	static const char *const files[] = { "cpuset.cpus", "cpuset.mems" };
	char path[PATH_MAX], parent[PATH_MAX], value[4096];
	size_t i;
	int ret;

	for (i = 0; i < 2; i++) {
		ret = pathf(path, "%s/%s", dir, files[i]);
		if (!ret)
			ret = pathf(parent, "%s/../%s", dir, files[i]);
		if (!ret)
			ret = read_string(path, value, sizeof(value));
		if (ret)
			return ret;
		if (value[0])
			continue;
		ret = read_string(parent, value, sizeof(value));
		if (!ret)
			ret = write_string(path, value);
		if (ret)
			return ret;
	}
	return 0;
}

static int make_dir(const char *path, const char *controller)
{
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (controller && !strcmp(controller, "cpuset"))
		return cpuset_inherit(path);
	return 0;
}

/*
 * On v2 a controller only appears in a child cgroup once its parent
 * lists it in cgroup.subtree_control. Enable each one on its own: a
 * write naming a controller the kernel lacks would fail as a whole.
 */
static void v2_enable_controllers(const char *dir)
{
	static const char *const wanted[] = { "+memory", "+cpu", "+cpuset",
					      "+pids" };
	char path[PATH_MAX];
	size_t i;

	if (pathf(path, "%s/cgroup.subtree_control", dir))
		return;
	for (i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++)
		write_string(path, wanted[i]);	/* missing ones show later */
}

static int create_in(const char *hierarchy, const char *controller,
		     const char *id)
{
	char parent[PATH_MAX], dir[PATH_MAX];
	int ret;

	ret = pathf(parent, "%s/" CGROUP_PARENT, hierarchy);
	if (!ret)
		ret = pathf(dir, "%s/%s", parent, id);
	if (ret)
		return ret;
	if (!controller)
		v2_enable_controllers(hierarchy);
	ret = make_dir(parent, controller);
	if (ret)
		goto fail;
	if (!controller)
		v2_enable_controllers(parent);
	if (mkdir(dir, 0755) < 0) {
		ret = -errno;
		goto fail;
	}
	if (controller && !strcmp(controller, "cpuset")) {
		ret = cpuset_inherit(dir);
		if (ret) {
			rmdir(dir);
			goto fail;
		}
	}
	return 0;
fail:
	errmsg("cgroup: create %s: %s", dir, strerror(-ret));
	return ret;
}

int cgroup_path_of(char path[PATH_MAX], const char *id)
{
	return pathf(path, CGROUP_PARENT "/%s", id);
}

int cgroup_from_path(struct cgroup *cg, const char *path)
{
	int ret = cgroup_detect(&cg->mode);

	return ret ? ret : pathf(cg->path, "%s", path);
}

bool cgroup_left(const char *id)
{
	char dir[PATH_MAX];
	struct dirent *e;
	bool left = false;
	DIR *top;

	if (!pathf(dir, CGROUP_MOUNT "/" CGROUP_PARENT "/%s", id) &&
	    access(dir, F_OK) == 0)
		return true;
	top = opendir(CGROUP_MOUNT);
	if (!top)
		return false;
	while (!left && (e = readdir(top)) != NULL)
		left = e->d_name[0] != '.' &&
		       !pathf(dir, CGROUP_MOUNT "/%s/" CGROUP_PARENT "/%s",
			      e->d_name, id) &&
		       access(dir, F_OK) == 0;
	closedir(top);
	return left;
}

int cgroup_create(struct cgroup *cg, const char *id)
{
	char hierarchy[PATH_MAX];
	size_t i;
	int ret;

	ret = cgroup_detect(&cg->mode);
	if (!ret)
		ret = cgroup_path_of(cg->path, id);
	if (ret) {
		errmsg("cgroup: detect " CGROUP_MOUNT ": %s", strerror(-ret));
		return ret;
	}
	if (cg->mode == CGROUP_UNIFIED)
		return create_in(CGROUP_MOUNT, NULL, id);

	for (i = 0; i < N_V1; i++) {
		ret = pathf(hierarchy, CGROUP_MOUNT "/%s", v1_controllers[i]);
		if (!ret)
			ret = create_in(hierarchy, v1_controllers[i], id);
		if (ret)
			goto out_destroy;
	}
	return 0;
out_destroy:
	cgroup_destroy(cg);
	return ret;
}

int cgroup_clone_fd(const struct cgroup *cg)
{
	char dir[PATH_MAX];
	int fd;

	if (cg->mode != CGROUP_UNIFIED)
		return -1;
	if (cgroup_file(dir, cg, "", ""))
		return -1;
	fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		errmsg("cgroup: open %s: %s", dir, strerror(errno));
	return fd;
}

/* True when /proc/self/cgroup already says we are in @cg (v2). */
static bool v2_already_in(const struct cgroup *cg)
{
	char self[PATH_MAX + 8], want[PATH_MAX + 8];

	if (read_string("/proc/self/cgroup", self, sizeof(self)))
		return false;
	snprintf(want, sizeof(want), "0::/%s", cg->path);
	return !strcmp(self, want);
}

int cgroup_enter(const struct cgroup *cg)
{
	size_t i;
	int ret;

	if (cg->mode == CGROUP_UNIFIED)
		return v2_already_in(cg) ? 0 :
					   cgroup_write(cg, "", "cgroup.procs", "0");
	for (i = 0; i < N_V1; i++) {
		ret = cgroup_write(cg, v1_controllers[i], "tasks", "0");
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * The last task of a cgroup can still be on its way out when its
 * parent has reaped it; rmdir then says EBUSY for a moment.
 */
int cgroup_rmdir(const char *dir)
{
	const struct timespec pause = { 0, 2 * 1000 * 1000 };
	int tries;

	for (tries = 0; tries < 500; tries++) {
		if (rmdir(dir) == 0 || errno == ENOENT)
			return 0;
		if (errno != EBUSY)
			break;
		nanosleep(&pause, NULL);
	}
	return -errno;
}

int cgroup_destroy(const struct cgroup *cg)
{
	char dir[PATH_MAX];
	size_t i;
	int ret, err = 0;

	for (i = 0; i < (cg->mode == CGROUP_UNIFIED ? 1 : N_V1); i++) {
		ret = cgroup_file(dir, cg, v1_controllers[i], "");
		if (!ret)
			ret = cgroup_rmdir(dir);
		if (ret) {
			errmsg("cgroup: remove %s: %s", dir, strerror(-ret));
			err = ret;
		}
	}
	return err;
}
