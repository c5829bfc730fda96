// SPDX-License-Identifier: GPL-2.0
/*
 * 06-rm: removing a container: its cgroup, its directory under the data
 * root, and last its record, so that a failure half way leaves something
 * rm can find again.
 * 07-commit: the directory is the container's writable layer; should its
 * overlay still be mounted on the host, it is unmounted first.
 */
#include <errno.h>
#include <string.h>
#include <sys/mount.h>

#include "cgroup.h"
#include "err.h"
#include "fileio.h"
#include "paths.h"
#include "record.h"
#include "remove.h"
#include "state.h"

/* Undo what run made, in the reverse order. */
int remove_container(const struct record *rec)
{
	char path[PATH_MAX], dir[PATH_MAX];
	struct cgroup cg;
	int ret;

	ret = cgroup_from_path(&cg, rec->cgroup);
	if (ret)
		errmsg("cgroup: detect the hierarchy: %s", strerror(-ret));
	else
		ret = cgroup_destroy(&cg);
	if (ret)
		return ret;	/* said why; the record stays for rm -f */
	ret = container_dir(dir, rec->id);
	/* EXERCISE unmount: Before the container's directory is removed, unmount an overlay that was left mounted on the host at containers/ID/merged; when nothing is mounted there, that is fine. */
	/* HINT: umount2(path, MNT_DETACH); EINVAL (not a mount point) and ENOENT (no such directory) are not errors. */
	if (!ret)
		ret = pathf(path, "%s/merged", dir);
	/* Normally mounted only in the container's namespace, gone with it. */
	if (!ret && umount2(path, MNT_DETACH) < 0 && errno != EINVAL &&
	    errno != ENOENT)
		ret = -errno;
	/* END EXERCISE unmount */
	if (!ret)
		ret = pathf(path, "%s", dir);
	if (!ret)
		ret = remove_tree(path);
	if (!ret)
		ret = record_dir(path, rec->name);
	if (!ret)
		ret = state_remove_dir(rec->name);
	if (ret)
		errmsg("remove %s: %s", path, strerror(-ret));
	return ret;
}
