// SPDX-License-Identifier: GPL-2.0
/*
 * 06-rm: mydocker rm [-f] CONTAINER... removes what a container left:
 * its cgroup, its directory under the data root and its record. A
 * running container is refused unless -f, which kills it first.
 * 07-commit: the directory is the container's writable layer; should its
 * overlay still be mounted on the host, it is unmounted first.
 * 10-harden: on cgroup v1, its cgroup in the pids hierarchy too.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

#include "cgroup.h"
#include "err.h"
#include "fileio.h"
#include "liveness.h"
#include "mydocker.h"
#include "paths.h"
#include "record.h"

/* Undo what run made, in the reverse order. */
static int remove_container(const struct record *rec)
{
	char path[PATH_MAX];
	struct cgroup cg;
	int ret;

	ret = cgroup_from_path(&cg, rec->cgroup);
	if (!ret)
		ret = cgroup_destroy(&cg);
	if (!ret)
		pids_destroy(&cg);
	if (ret)
		return ret;	/* cgroup_destroy said why */
	ret = pathf(path, "%s/containers/%s/merged", data_root(), rec->id);
	/* Normally mounted only in the container's namespace, gone with it. */
	if (!ret && umount2(path, MNT_DETACH) < 0 && errno != EINVAL &&
	    errno != ENOENT)
		ret = -errno;
	if (!ret)
		ret = pathf(path, "%s/containers/%s", data_root(), rec->id);
	if (!ret)
		ret = remove_tree(path);
	if (!ret)
		ret = record_dir(path, rec->name);
	if (!ret)
		ret = remove_tree(path);
	if (ret)
		errmsg("remove %s: %s", path, strerror(-ret));
	return ret;
}

/*
 * A record that cannot be parsed names no PID, cgroup or layer to undo.
 * Without -f it stays for a human to look at; with -f its directory goes,
 * and only that.
 */
static int rm_unreadable(const char *name, bool force)
{
	char path[PATH_MAX];
	int ret;

	err_container = name;
	ret = record_dir(path, name);
	if (!ret && !force) {
		errmsg("record %s/config.json cannot be parsed; rm -f removes the record alone",
		       path);
		ret = -EINVAL;
	} else if (!ret) {
		ret = remove_tree(path);
		if (ret)
			errmsg("remove %s: %s", path, strerror(-ret));
	}
	err_container = NULL;
	return ret;
}

static int rm_one(const char *name_or_id, bool force)
{
	struct record rec;
	int ret;

	ret = record_find(name_or_id, &rec);
	if (ret == -EINVAL)
		return rm_unreadable(name_or_id, force);
	if (ret) {
		errmsg("no such container: %s", name_or_id);
		return -ENOENT;
	}
	err_container = rec.name;
	if (process_is_running(rec.pid, rec.start_time)) {
		if (force)
			ret = container_stop(&rec, 0);	/* SIGKILL at once */
		else {
			errmsg("is running: stop it first, or use rm -f");
			ret = -EBUSY;
		}
	}
	if (!ret)
		ret = remove_container(&rec);
	record_free(&rec);
	err_container = NULL;
	return ret;
}

static int rm_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	bool force = false;
	int opt, i, failed = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+f", options, NULL)) != -1) {
		if (opt != 'f') {
			errmsg("unknown option '%s'; usage: mydocker %s",
			       argv[optind - 1], cmd_rm.usage);
			return 1;
		}
		force = true;
	}
	if (optind == argc) {
		errmsg("no container given; usage: mydocker %s", cmd_rm.usage);
		return 1;
	}
	/* One bad name does not keep the others from going. */
	for (i = optind; i < argc; i++) {
		if (rm_one(argv[i], force))
			failed = 1;
		else
			printf("%s\n", argv[i]);
	}
	return failed;
}

const struct command cmd_rm = {
	.name = "rm",
	.main = rm_main,
	.usage = "rm [-f] CONTAINER...",
};
