// SPDX-License-Identifier: GPL-2.0
/*
 * 04-exec: the exec'd command in the container's cgroup, under its limits.
 * 10-harden: on cgroup v1 in its pids cgroup too.
 */
#include <errno.h>
#include <string.h>

#include "cgroup.h"
#include "err.h"
#include "exec.h"
#include "harden.h"
#include "record.h"

/* The command joins the cgroup first, so the limits hold for it. */
int join_cgroup(const struct record *rec)
{
	struct cgroup cg;
	int ret;

	ret = cgroup_from_path(&cg, rec->cgroup);
	if (ret) {
		errmsg("cgroup %s: %s", rec->cgroup, strerror(-ret));
		return ret;
	}
	return cgroup_enter(&cg) || pids_enter(&cg) ? -EIO : 0;
}
