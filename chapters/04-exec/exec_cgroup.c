// SPDX-License-Identifier: GPL-2.0
/* 04-exec: the exec'd command in the container's cgroup, under its limits. */
#include <string.h>

#include "cgroup.h"
#include "err.h"
#include "exec.h"
#include "record.h"

/* The command joins the cgroup first, so the limits hold for it. */
/* EXERCISE cgroup: Move this process (and so the command it forks) into the container's cgroup, so that the container's limits hold for the command too. */
/* HINT: the record has the cgroup's path (rec->cgroup); common/cgroup.h turns it into a struct cgroup and enters it. */
int join_cgroup(const struct record *rec)
{
	struct cgroup cg;
	int ret;

	ret = cgroup_from_path(&cg, rec->cgroup);
	if (ret) {
		errmsg("cgroup %s: %s", rec->cgroup, strerror(-ret));
		return ret;
	}
	return cgroup_enter(&cg);
}
/* END EXERCISE cgroup */
