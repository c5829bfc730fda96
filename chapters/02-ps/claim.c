// SPDX-License-Identifier: GPL-2.0
/*
 * 02-ps: claiming a container's name, and giving it back, so that at
 * every moment $MYDOCKER_RUN says what exists or is about to.
 *
 * The record comes first. It is made under a scratch name (a dot-name:
 * ps and lookups skip those), with the status "creating", the ID and the
 * run that makes it, then renamed to NAME in one step that fails when
 * the name is taken. Only then are the layer, the cgroup and the process
 * made, all named by that ID: a run killed at any point leaves a record
 * from which rm -f finds them. Removal is the same the other way round:
 * the record goes last, renamed out of sight before it is deleted.
 *
 * A scratch name is .claim-PID-START or .gone-PID-START, of the process
 * that uses it: once that process is gone, the next claim removes it.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "container.h"
#include "err.h"
#include "fileio.h"
#include "liveness.h"
#include "paths.h"
#include "record.h"
#include "state.h"

#define SCRATCH_LEN 64

/* ".WHAT-PID-START" of this process: no other live process has it. */
static int scratch_name(char out[SCRATCH_LEN], const char *what)
{
	unsigned long long start;
	char state;
	int ret;

	ret = proc_start_time(getpid(), &start, &state);
	if (!ret)
		snprintf(out, SCRATCH_LEN, ".%s-%d-%llu", what, getpid(), start);
	return ret;
}

/* Status "creating", its ID, and the run that makes it. */
static int claim_record_write(const struct container *c, const char *dir)
{
	struct record rec = {
		.command = c->opts->argv,
		.status = "creating",
		.creator_pid = getpid(),
	};
	char path[PATH_MAX], state;
	int ret;

	snprintf(rec.id, sizeof(rec.id), "%s", c->id);
	snprintf(rec.name, sizeof(rec.name), "%s", c->name);
	snprintf(rec.image, sizeof(rec.image), "%s", c->opts->image);
	rfc3339_now(rec.created);
	ret = cgroup_path_of(rec.cgroup, c->id);
	if (!ret)
		ret = proc_start_time(rec.creator_pid, &rec.creator_start_time,
				      &state);
	/* The ID once more, as a link, for rm -f of a damaged record. */
	if (!ret)
		ret = record_file(path, dir, "id");
	if (!ret && symlink(c->id, path) < 0)
		ret = -errno;
	return ret ? ret : record_write_in(&rec, dir);
}

/*
 * @check on the record of every container but $MYDOCKER_RUN/@skip,
 * until one returns non-zero (it has said why): that value, or 0.
 */
static int for_each_other(const char *skip, const char *what,
			  int (*check)(const struct record *, const char *))
{
	struct dirent *entry;
	struct record other;
	int ret = 0;
	DIR *dir;

	dir = opendir(state_root());
	if (!dir)
		return 0;	/* no records: no other */
	while (!ret && (entry = readdir(dir)) != NULL) {
		if (entry->d_name[0] == '.' ||
		    (skip && !strcmp(entry->d_name, skip)) ||
		    record_read(entry->d_name, &other))
			continue;
		ret = check(&other, what);
		record_free(&other);
	}
	closedir(dir);
	return ret;
}

static int id_differs(const struct record *other, const char *id)
{
	if (strcmp(other->id, id))
		return 0;
	errmsg("its ID %s is also the ID of container %s: IDs are unique, one of the records is wrong",
	       id, other->name);
	return -EEXIST;
}

/*
 * Everything of a container is derived from its ID, so two records with
 * one ID would let a command on one undo the other: refused, reported.
 */
int state_id_unique(const char *id, const char *name)
{
	return for_each_other(name, id, id_differs);
}

/* EXERCISE claim: Claim the container's name: its record, with status "creating", appears as $MYDOCKER_RUN/NAME in one step. Of two runs that want one name exactly one may win; the other fails with one line naming the container that has it, and leaves nothing. */
/* HINT: the record is written in a scratch directory first (claim_record_write()); renameat2(2) with RENAME_NOREPLACE moves it to NAME atomically, and fails with EEXIST when NAME is there. record_read() says whose it is. */
/* A scratch directory whose process has died is what a crash left. */
static bool scratch_is_stale(const char *entry)
{
	unsigned long long start;
	int pid, n = 0;

	if (sscanf(entry, ".claim-%d-%llu%n", &pid, &start, &n) != 2 &&
	    sscanf(entry, ".gone-%d-%llu%n", &pid, &start, &n) != 2)
		return false;
	return entry[n] == '\0' && !process_is_running(pid, start);
}

/*
 * Nothing but the directory was made under a scratch name (the layer
 * and the cgroup come after the claim, and go before the removal), so
 * removing it is all there is to clean. Best effort: the next try
 * removes what this one could not.
 */
static void scratch_sweep(void)
{
	char path[PATH_MAX];
	struct dirent *entry;
	DIR *dir;

	dir = opendir(state_root());
	if (!dir)
		return;
	while ((entry = readdir(dir)) != NULL) {
		if (scratch_is_stale(entry->d_name) &&
		    !record_dir(path, entry->d_name))
			remove_tree(path);
	}
	closedir(dir);
}

static int scratch_make(char scratch[SCRATCH_LEN], const char *what)
{
	char path[PATH_MAX];
	int ret;

	ret = scratch_name(scratch, what);
	if (!ret)
		ret = record_dir(path, scratch);
	if (!ret && mkdir(path, 0755) < 0)
		ret = -errno;
	return ret;
}

/* rename(2) alone would not do: it replaces an empty directory. */
static int claim_rename(const char *scratch, const char *name)
{
	char from[PATH_MAX], to[PATH_MAX];
	int ret;

	ret = record_dir(from, scratch);
	if (!ret)
		ret = record_dir(to, name);
	if (!ret && renameat2(AT_FDCWD, from, AT_FDCWD, to,
			      RENAME_NOREPLACE) < 0)
		ret = -errno;
	return ret;
}

static void claim_failed(const char *name, int ret)
{
	struct record other;

	if (ret == -EEXIST && record_read(name, &other) == 0) {
		errmsg("the name '%s' is already in use by container %s",
		       name, other.id);
		record_free(&other);
	} else if (ret == -EEXIST) {
		errmsg("the name '%s' is already in use (%s/%s exists)", name,
		       state_root(), name);
	} else {
		errmsg("claim %s/%s: %s", state_root(), name, strerror(-ret));
	}
}

int state_claim_name(const struct container *c)
{
	char scratch[SCRATCH_LEN], path[PATH_MAX];
	int ret;

	ret = mkdir_p(state_root(), 0755);
	if (!ret) {
		scratch_sweep();
		ret = state_id_unique(c->id, c->name);
		if (ret)
			return ret;	/* reported */
		ret = scratch_make(scratch, "claim");
	}
	if (ret) {
		claim_failed(c->name, ret);
		return ret;
	}
	ret = claim_record_write(c, scratch);
	if (!ret)
		ret = claim_rename(scratch, c->name);
	if (ret) {
		claim_failed(c->name, ret);
		if (!record_dir(path, scratch))
			remove_tree(path);
	}
	return ret;
}
/* END EXERCISE claim */

/*
 * @name is @id or the start of it (4 characters or more: "a" or "bad"
 * start one ID in 16 or 4096 and are meant as names): one would be
 * taken for the other.
 */
#define ID_PREFIX_MIN 4

static bool shadows(const char *name, const char *id)
{
	return strlen(name) >= ID_PREFIX_MIN && !strncmp(id, name, strlen(name));
}

/*
 * Names and IDs are one namespace: every command finds a container by
 * either, so a name that is another container's ID (or the start of
 * one) would shadow it.
 */
static int not_shadowed(const struct record *other, const char *name)
{
	if (!strcmp(other->name, name) || !shadows(name, other->id))
		return 0;
	errmsg("the name '%s' is %s the ID of container %s: names and IDs are one namespace",
	       name, strcmp(name, other->id) ? "the start of" : "exactly",
	       other->name);
	return -EEXIST;
}

int state_name_not_an_id(const char *name)
{
	return for_each_other(NULL, name, not_shadowed);
}

/*
 * Out of sight first, in one step: a removal killed half way leaves
 * either the whole record (rm again) or a scratch name, swept by the
 * next claim; so once renamed, the name is free, whatever follows.
 */
int state_remove_dir(const char *name)
{
	char scratch[SCRATCH_LEN], path[PATH_MAX], gone[PATH_MAX];
	int ret;

	ret = scratch_name(scratch, "gone");
	if (!ret)
		ret = record_dir(path, name);
	if (!ret)
		ret = record_dir(gone, scratch);
	if (!ret)
		remove_tree(gone);	/* one that failed before; else rename says */
	if (!ret && rename(path, gone) < 0)
		return errno == ENOENT ? 0 : -errno;	/* ENOENT: gone already */
	if (!ret && remove_tree(gone))
		remove_tree(gone);	/* once more; else the sweep's */
	return ret;
}

/*
 * What the run's undo could not remove (it said so) is tried once more,
 * by the ID; should it still be there, the record stays, for rm -f.
 */
static int release_leftovers(const char *name)
{
	char id[ID_LEN + 1], path[PATH_MAX];
	struct cgroup cg;
	int ret;

	if (state_dir_id(name, id))
		return 0;	/* no ID: nothing was made by it */
	ret = container_dir(path, id);
	if (!ret && remove_tree(path))
		ret = remove_tree(path);	/* once more, before giving up */
	if (!ret)
		ret = cgroup_path_of(path, id);
	if (!ret)
		ret = cgroup_from_path(&cg, path);
	if (!ret)
		ret = cgroup_destroy(&cg);
	/* A later chapter's hierarchy (10-harden's pids) counts too. */
	return !ret && cgroup_left(id) ? -EBUSY : ret;
}

/* What cannot be removed keeps the record, for rm -f to finish. */
void state_release_name(const char *name)
{
	int ret = release_leftovers(name);

	if (!ret && (ret = state_remove_dir(name)))
		errmsg("remove %s/%s: %s", state_root(), name, strerror(-ret));
}

int state_dir_id(const char *name, char id[ID_LEN + 1])
{
	char path[PATH_MAX];
	ssize_t n;
	int ret;

	ret = record_file(path, name, "id");
	if (ret)
		return ret;
	n = readlink(path, id, ID_LEN + 1);
	if (n < 0)
		return -errno;
	if (n > ID_LEN)
		return -EINVAL;
	id[n] = '\0';
	return id_validate(id);
}

bool state_is_creating(const struct record *rec)
{
	return !strcmp(rec->status, "creating");
}

bool state_creator_alive(const struct record *rec)
{
	return process_is_running(rec->creator_pid, rec->creator_start_time);
}
