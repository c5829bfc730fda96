// SPDX-License-Identifier: GPL-2.0
/*
 * 06-rm: removing a container: its cgroup, its directory under the data
 * root, and last its record, so that a failure half way leaves something
 * rm can find again.
 */
#include <errno.h>
#include <string.h>

#include "cgroup.h"
#include "err.h"
#include "fileio.h"
#include "paths.h"
#include "record.h"
#include "remove.h"
#include "state.h"

/* EXERCISE remove: Remove what run made for the container, in the reverse order of its making: its cgroup (in every hierarchy; possible only once no process is left in it), its directory under the data root, and last its record, so that a failure half way leaves something rm can find again. */
/* HINT: cgroup_from_path() and cgroup_destroy() (common/cgroup.h) for the cgroup; remove_tree() (fileio.h) for $MYDOCKER_ROOT/containers/ID and for the record's directory, record_dir(). */
/* Undo what run made, in the reverse order. */
int remove_container(const struct record *rec)
{
	char path[PATH_MAX];
	struct cgroup cg;
	int ret;

	ret = cgroup_from_path(&cg, rec->cgroup);
	if (ret)
		errmsg("cgroup: detect the hierarchy: %s", strerror(-ret));
	else
		ret = cgroup_destroy(&cg);
	if (ret)
		return ret;	/* said why; the record stays for rm -f */
	ret = container_dir(path, rec->id);
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
/* END EXERCISE remove */
