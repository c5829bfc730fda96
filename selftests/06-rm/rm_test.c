// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 06: "mydocker rm [-f] NAME...". Each test starts detached
 * containers and makes one claim about removing them: nothing is left
 * of a removed container (its record in $MYDOCKER_RUN, its cgroups, its
 * directory under $MYDOCKER_ROOT/containers, its mounts), a running one
 * is refused without -f and killed with it, its name is free again, and
 * a bad name does not keep the others from going.
 *
 * Needs root; run through selftests/run.sh, which sets MYDOCKER_BIN and
 * MYDOCKER_IMAGE.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE

static const char *const v1_controllers[] = { "memory", "cpu", "cpuset" };

LAB_FIXTURE();

/* The container's cgroup dirs, from the kernel's /proc/PID/cgroup. */
static void find_cgroups(struct __test_metadata *_metadata, struct box *box)
{
	bool v2 = lab_cgroup_v2();
	char file[64], text[8192], path[PATH_MAX];
	int i, ret;

	snprintf(file, sizeof(file), "/proc/%d/cgroup", box->pid);
	ret = lab_read_file(file, text, sizeof(text));
	ASSERT_EQ(0, ret) TH_LOG("cannot read %s: %s", file, strerror(-ret));
	box->n_cgroups = v2 ? 1 : 3;
	for (i = 0; i < box->n_cgroups; i++) {
		ret = lab_cgroup_path(text, v2 ? "" : v1_controllers[i], path,
				      sizeof(path));
		ASSERT_EQ(0, ret)
			TH_LOG("no %s line in %s", v2 ? "v2" : v1_controllers[i],
			       file);
		ASSERT_EQ(0, lab_cgroup_dir(v1_controllers[i], path,
					    box->cgroups[i]));
		ASSERT_NE(NULL, strstr(path, box->id))
			TH_LOG("the container's %s cgroup %s should be its own (mydocker/<ID>)",
			       v2 ? "" : v1_controllers[i], path);
	}
}

/*
 * "mydocker run -d --name NAME busybox ARGS...", asserted to work; @box gets
 * its ID, paths and, from the kernel, its PID 1.
 */
#define START(box, name, ...) do { \
	BOX_START(box, name, IMG, __VA_ARGS__); \
	BOX_PID(box); \
	find_cgroups(_metadata, box); \
} while (0)

/* A container running "sleep 1000". */
#define START_SLEEPER(box, name) START(box, name, "sleep", "1000")

/* Stop it (SIGKILL at once) and make sure it is down before rm. */
static void stop(struct __test_metadata *_metadata, FIXTURE_DATA(lab) *self,
		 struct box *box)
{
	MYDOCKER("stop", "-t", "0", box->name);
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 0 %s: " STATUS_FMT, box->name,
		       STATUS_ARGS);
	ASSERT_EQ(0, lab_wait_gone(box->pid, 5000))
		TH_LOG("container %s still runs after stop", box->name);
}

/* A started and stopped container, with its leftovers checked to be
 * there before rm: their absence after rm then means something. */
static void start_stopped(struct __test_metadata *_metadata,
			  FIXTURE_DATA(lab) *self, struct box *box,
			  const char *name)
{
	int i;

	START_SLEEPER(box, name);
	stop(_metadata, self, box);
	ASSERT_TRUE(lab_exists(box->state))
		TH_LOG("a stopped container keeps its record %s", box->state);
	for (i = 0; i < box->n_cgroups; i++) {
		ASSERT_TRUE(lab_exists(box->cgroups[i]))
			TH_LOG("before rm, the stopped container's cgroup %s should still be there",
			       box->cgroups[i]);
	}
}

/* Is @name or @id in the output of "mydocker ps"? */
static bool ps_lists(struct __test_metadata *_metadata,
		     FIXTURE_DATA(lab) *self, const struct box *box)
{
	char *line, *save = NULL, *tok, *tsave;
	bool header = true;

	MYDOCKER("ps");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker ps: " STATUS_FMT, STATUS_ARGS);
	for (line = strtok_r(self->res.out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), header = false) {
		if (header)
			continue;
		for (tok = strtok_r(line, " \t", &tsave); tok;
		     tok = strtok_r(NULL, " \t", &tsave))
			if (!strcmp(tok, box->name) || !strcmp(tok, box->id))
				return true;
	}
	return false;
}

#define EXPECT_NO_RECORD(box, what) \
	EXPECT_FALSE(lab_exists((box)->state)) \
		TH_LOG("%s: the container's record %s is still there", what, \
		       (box)->state)

static void expect_no_cgroups(struct __test_metadata *_metadata,
			      const struct box *box, const char *what)
{
	int i;

	for (i = 0; i < box->n_cgroups; i++) {
		EXPECT_FALSE(lab_exists(box->cgroups[i]))
			TH_LOG("%s: the container's cgroup %s is still there",
			       what, box->cgroups[i]);
	}
}

/* ---- nothing left of a removed container ---- */

TEST_F(lab, rm_removes_record)
{
	struct box box;

	start_stopped(_metadata, self, &box, "gone");
	MYDOCKER("rm", "gone");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker rm gone (a stopped container): " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("gone\\n", OUT)
		TH_LOG("rm should print the name of the container it removed");
	EXPECT_NO_RECORD(&box, "mydocker rm gone");
}

TEST_F(lab, rm_removes_cgroups)
{
	struct box box;

	start_stopped(_metadata, self, &box, "gone");
	MYDOCKER("rm", "gone");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker rm gone: " STATUS_FMT, STATUS_ARGS);
	expect_no_cgroups(_metadata, &box, "mydocker rm gone");
}

TEST_F(lab, rm_removes_layer_dir)
{
	struct box box;

	start_stopped(_metadata, self, &box, "gone");
	MYDOCKER("rm", "gone");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker rm gone: " STATUS_FMT, STATUS_ARGS);
	EXPECT_FALSE(lab_exists(box.layer))
		TH_LOG("mydocker rm gone: the container's directory %s (its writable layer) is still there",
		       box.layer);
}

TEST_F(lab, rm_leaves_no_mounts)
{
	struct box box;

	start_stopped(_metadata, self, &box, "gone");
	MYDOCKER("rm", "gone");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker rm gone: " STATUS_FMT, STATUS_ARGS);
	EXPECT_EQ(0, lab_mounts_mentioning(self->lab.dir))
		TH_LOG("after rm, the host still has mounts that mention %s (see /proc/self/mountinfo)",
		       self->lab.dir);
}

TEST_F(lab, rm_removes_exited_container)
{
	json_t *root;
	json_error_t error;
	char path[PATH_MAX], state[PATH_MAX];
	pid_t pid;

	MYDOCKER("run", "-d", "--name", "done", IMG, "true");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker run -d --name done busybox true: " STATUS_FMT,
		       STATUS_ARGS);
	PATHF(state, "%s/done", self->lab.run);
	PATHF(path, "%s/config.json", state);
	root = json_load_file(path, 0, &error);
	ASSERT_NE(NULL, root) TH_LOG("cannot read %s: %s", path, error.text);
	pid = json_integer_value(json_object_get(root, "pid"));
	json_decref(root);
	ASSERT_LT(0, pid) TH_LOG("%s has no \"pid\"", path);
	ASSERT_EQ(0, lab_wait_gone(pid, 10000))
		TH_LOG("the container's 'true' (host PID %d) did not end", pid);

	MYDOCKER("rm", "done");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("a container whose command ended by itself needs no -f: mydocker rm done: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_FALSE(lab_exists(state))
		TH_LOG("mydocker rm done: the record %s is still there", state);
}

/* ---- running containers ---- */

/* A child of the test that waits, moved into the cgroup dir @dir. */
static pid_t squat_cgroup(struct __test_metadata *_metadata, const char *dir)
{
	char procs[PATH_MAX], pid_text[32];
	pid_t pid;
	int ret;

	PATHF(procs, "%s/cgroup.procs", dir);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		pause();
		_exit(0);
	}
	snprintf(pid_text, sizeof(pid_text), "%d", pid);
	ret = lab_write_file(procs, pid_text);
	if (ret) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	ASSERT_EQ(0, ret)
		TH_LOG("cannot move a process into %s: %s", procs, strerror(-ret));
	return pid;
}

/*
 * The record is what rm finds a container by: it goes last, once the
 * cgroup and the layer are gone, so that an rm that fails half way (here
 * the cgroup cannot go, a process is left in it) can be finished later.
 */
TEST_F(lab, rm_keeps_record_until_cgroup_gone)
{
	struct box box;
	pid_t squatter;

	start_stopped(_metadata, self, &box, "stuck");
	squatter = squat_cgroup(_metadata, box.cgroups[0]);
	MYDOCKER("rm", "stuck");
	kill(squatter, SIGKILL);
	waitpid(squatter, NULL, 0);
	EXPECT_ERROR(1, "mydocker rm stuck (a process is left in its cgroup)");
	ASSERT_TRUE(lab_exists(box.state))
		TH_LOG("rm could not remove the cgroup %s (a process is left in it), yet it removed the record %s: now nothing names the cgroup and the layer that are left. Remove the record last, once the rest is gone",
		       box.cgroups[0], box.state);

	MYDOCKER("rm", "-f", "stuck");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("once the cgroup is empty, mydocker rm -f stuck should finish the job: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_NO_RECORD(&box, "mydocker rm -f stuck, after a failed rm");
	expect_no_cgroups(_metadata, &box, "mydocker rm -f stuck, after a failed rm");
	EXPECT_FALSE(lab_exists(box.layer))
		TH_LOG("mydocker rm -f stuck, after a failed rm: the container's directory %s is still there",
		       box.layer);
}

TEST_F(lab, rm_refuses_running)
{
	struct box box;
	int i;

	START_SLEEPER(&box, "busy");
	MYDOCKER("rm", "busy");
	EXPECT_ERROR(1, "mydocker rm busy (running, no -f)");
	EXPECT_STREQ("", OUT)
		TH_LOG("rm removed nothing, so it should print no name");
	EXPECT_EQ(-ETIMEDOUT, lab_wait_gone(box.pid, 200))
		TH_LOG("a refused rm should leave the container running, but its PID 1 (host PID %d) is gone",
		       box.pid);
	EXPECT_TRUE(lab_exists(box.state))
		TH_LOG("a refused rm removed the record %s of a running container",
		       box.state);
	for (i = 0; i < box.n_cgroups; i++) {
		EXPECT_TRUE(lab_exists(box.cgroups[i]))
			TH_LOG("a refused rm removed the cgroup %s of a running container",
			       box.cgroups[i]);
	}
	EXPECT_TRUE(lab_exists(box.layer))
		TH_LOG("a refused rm removed the directory %s of a running container",
		       box.layer);
}

TEST_F(lab, rm_force_kills_running)
{
	const struct timespec pause = { 0, 10 * 1000 * 1000 };
	char procs[PATH_MAX], pids[4096];
	pid_t seen[8];
	int n = 0, i, tries;
	struct box box;
	char *line, *save = NULL;

	/* busybox sh execs the last command: PID 1 sleep, PID 2 sleep. */
	START(&box, "busy", "sh", "-c", "sleep 1000 & sleep 1000");
	PATHF(procs, "%s/cgroup.procs", box.cgroups[0]);
	for (tries = 0; tries < 500 && n < 2; tries++) {
		if (tries)
			nanosleep(&pause, NULL);
		ASSERT_EQ(0, lab_read_file(procs, pids, sizeof(pids)))
			TH_LOG("cannot read %s", procs);
		n = lab_count_lines(pids, strlen(pids));
	}
	ASSERT_LE(2, n)
		TH_LOG("the container should have two processes in %s, it has '%s'",
		       procs, pids);
	n = 0;
	for (line = strtok_r(pids, "\n", &save); line && n < 8;
	     line = strtok_r(NULL, "\n", &save))
		seen[n++] = atoi(line);

	MYDOCKER("rm", "-f", "busy");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker rm -f busy (running): " STATUS_FMT, STATUS_ARGS);
	for (i = 0; i < n; i++) {
		EXPECT_EQ(0, lab_wait_gone(seen[i], 2000))
			TH_LOG("host PID %d of the container is still running after rm -f returned",
			       seen[i]);
	}
	EXPECT_NO_RECORD(&box, "mydocker rm -f busy");
	expect_no_cgroups(_metadata, &box, "mydocker rm -f busy");
}

/* ---- names and IDs ---- */

TEST_F(lab, name_reusable_after_rm)
{
	struct box box;

	start_stopped(_metadata, self, &box, "again");
	MYDOCKER("rm", "again");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker rm again: " STATUS_FMT, STATUS_ARGS);
	MYDOCKER("run", "--name", "again", IMG, "hostname");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("after rm, the name 'again' should be free: mydocker run --name again busybox hostname: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("again\\n", OUT);
}

TEST_F(lab, rm_by_id)
{
	struct box box;

	start_stopped(_metadata, self, &box, "byid");
	MYDOCKER("rm", box.id);
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker rm %s (the ID run -d printed): " STATUS_FMT,
		       box.id, STATUS_ARGS);
	EXPECT_NO_RECORD(&box, "mydocker rm <ID>");
	expect_no_cgroups(_metadata, &box, "mydocker rm <ID>");
}

TEST_F(lab, unknown_name_others_still_removed)
{
	struct box a, b;

	start_stopped(_metadata, self, &a, "first");
	start_stopped(_metadata, self, &b, "second");
	MYDOCKER("rm", "first", "nosuchbox", "second");
	EXPECT_ERROR(1, "mydocker rm first nosuchbox second");
	EXPECT_NE(NULL, strstr(self->res.err, "nosuchbox"))
		TH_LOG("the error should name the unknown container: '%s'", ERR);
	EXPECT_STREQ("first\\nsecond\\n", OUT)
		TH_LOG("rm should print the name of each container it removed");
	EXPECT_NO_RECORD(&a, "first, before an unknown name");
	EXPECT_NO_RECORD(&b, "second, after an unknown name");
	expect_no_cgroups(_metadata, &a, "first, before an unknown name");
	expect_no_cgroups(_metadata, &b, "second, after an unknown name");
}

/*
 * A record damaged by hand: rm names it and keeps it; rm -f removes that
 * record, and only that, so that the name can be used again.
 */
TEST_F(lab, unparsable_record_kept_then_removed_with_f)
{
	char state[PATH_MAX], file[PATH_MAX];
	struct box kept;

	START_SLEEPER(&kept, "kept");
	PATHF(state, "%s/broken", self->lab.run);
	PATHF(file, "%s/config.json", state);
	ASSERT_EQ(0, mkdir(state, 0700));
	ASSERT_EQ(0, lab_write_file(file, "{ not json"));

	MYDOCKER("rm", "broken");
	EXPECT_ERROR(1, "mydocker rm broken (config.json not JSON)");
	EXPECT_NE(NULL, strstr(self->res.err, "config.json"))
		TH_LOG("the error should name the record that cannot be read: '%s'",
		       ERR);
	EXPECT_TRUE(lab_exists(file))
		TH_LOG("rm without -f should leave a damaged record for a human to look at");

	MYDOCKER("rm", "-f", "broken");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker rm -f broken (config.json not JSON): " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_FALSE(lab_exists(state))
		TH_LOG("rm -f broken should remove %s", state);
	EXPECT_TRUE(lab_exists(kept.state))
		TH_LOG("rm -f broken removed the record of another container, 'kept'");
	EXPECT_EQ(0, kill(kept.pid, 0))
		TH_LOG("rm -f broken should leave the container 'kept' running");
}

/* A PID that no process has: a child of the test, reaped. */
static pid_t dead_pid(struct __test_metadata *_metadata)
{
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

/*
 * The record of a run that died half way: status "creating", no PID of
 * the container (0), and a creator that is gone. Its process, cgroup and
 * layer are there all the same.
 */
static void make_half_made(struct __test_metadata *_metadata,
			   const struct box *box)
{
	char file[PATH_MAX];
	json_t *root;

	PATHF(file, "%s/config.json", box->state);
	root = json_load_file(file, 0, NULL);
	ASSERT_NE(NULL, root) TH_LOG("cannot parse %s", file);
	json_object_set_new(root, "status", json_string("creating"));
	json_object_set_new(root, "pid", json_integer(0));
	json_object_set_new(root, "start_time", json_integer(0));
	json_object_set_new(root, "creator",
			    json_pack("{s:i, s:i}", "pid", dead_pid(_metadata),
				      "start_time", 1));
	ASSERT_EQ(0, json_dump_file(root, file, 0));
	json_decref(root);
}

static void expect_all_gone(struct __test_metadata *_metadata,
			    const struct box *box, const char *what)
{
	EXPECT_EQ(0, lab_wait_gone(box->pid, 5000))
		TH_LOG("%s: its process %d, in its cgroup, still runs", what,
		       box->pid);
	EXPECT_NO_RECORD(box, what);
	expect_no_cgroups(_metadata, box, what);
	EXPECT_FALSE(lab_exists(box->layer))
		TH_LOG("%s: the container's directory %s is still there", what,
		       box->layer);
}

/*
 * A run killed half way: ps says "dead" without a word on stderr, and
 * rm -f kills what is in its cgroup and removes the rest, all by its ID.
 */
TEST_F(lab, rm_force_removes_half_made)
{
	struct box box;

	START_SLEEPER(&box, "half");
	make_half_made(_metadata, &box);
	MYDOCKER("ps");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker ps with a half-made container: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("", self->res.err)
		TH_LOG("ps should list a half-made container, not warn about it: '%s'",
		       ERR);
	EXPECT_NE(NULL, strstr(self->res.out, " dead "))
		TH_LOG("a container whose run died while making it is 'dead' in ps: '%s'",
		       self->res.out);
	MYDOCKER("rm", "-f", "half");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker rm -f of a half-made container: " STATUS_FMT,
		       STATUS_ARGS);
	expect_all_gone(_metadata, &box, "rm -f of a half-made container");
}

/*
 * A damaged record names no PID, but its directory still has the ID the
 * claim linked there: rm -f removes what that ID names, and nothing else.
 */
TEST_F(lab, rm_force_unreadable_removes_by_id)
{
	char file[PATH_MAX];
	struct box box, kept;

	START_SLEEPER(&kept, "kept");
	START_SLEEPER(&box, "broken");
	PATHF(file, "%s/config.json", box.state);
	ASSERT_EQ(0, lab_write_file(file, "{ not json"));
	MYDOCKER("rm", "-f", "broken");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker rm -f broken (config.json not JSON): " STATUS_FMT,
		       STATUS_ARGS);
	expect_all_gone(_metadata, &box, "rm -f of an unreadable record");
	EXPECT_EQ(0, kill(kept.pid, 0))
		TH_LOG("rm -f broken should leave the container 'kept' running");
}

/*
 * A record copied under another name, with the ID of a live container:
 * rm -f of the copy must not kill or remove what that ID names.
 */
TEST_F(lab, rm_force_refuses_an_id_not_its_own)
{
	char from[PATH_MAX], dir[PATH_MAX], to[PATH_MAX];
	struct box kept;
	json_t *root;

	START_SLEEPER(&kept, "kept");
	PATHF(from, "%s/config.json", kept.state);
	PATHF(dir, "%s/copy", self->lab.run);
	PATHF(to, "%s/config.json", dir);
	ASSERT_EQ(0, mkdir(dir, 0755));
	root = json_load_file(from, 0, NULL);
	ASSERT_NE(NULL, root) TH_LOG("cannot parse %s", from);
	json_object_set_new(root, "name", json_string("copy"));
	ASSERT_EQ(0, json_dump_file(root, to, 0));
	json_decref(root);

	MYDOCKER("rm", "-f", "copy");
	EXPECT_ERROR(1, "mydocker rm -f copy (the ID of 'kept')");
	EXPECT_EQ(0, kill(kept.pid, 0))
		TH_LOG("rm -f of a record with another container's ID killed that container");
	EXPECT_TRUE(lab_exists(kept.layer))
		TH_LOG("rm -f of a record with another container's ID removed its layer %s",
		       kept.layer);
	EXPECT_TRUE(lab_exists(kept.state))
		TH_LOG("rm -f copy removed the record of 'kept'");
}

/* "mydocker run -d --name half ...", SIGKILLed at its first clone. */
static void run_killed_at_clone(struct __test_metadata *_metadata,
				FIXTURE_DATA(lab) *self)
{
	char wrapper[PATH_MAX], bin[PATH_MAX];

	PATHF(wrapper, "%s/killed-at-clone", self->lab.dir);
	ASSERT_EQ(0, lab_strace_wrapper(wrapper, self->lab.bin,
					"-e inject=clone,clone3:signal=SIGKILL:when=1"));
	snprintf(bin, sizeof(bin), "%s", self->lab.bin);
	snprintf(self->lab.bin, sizeof(self->lab.bin), "%s", wrapper);
	MYDOCKER("run", "-d", "--name", "half", IMG, "sleep", "1000");
	snprintf(self->lab.bin, sizeof(self->lab.bin), "%s", bin);
	ASSERT_EQ(128 + SIGKILL, self->res.status)
		TH_LOG("mydocker run -d --name half should have been killed at its first clone; " STATUS_FMT,
		       STATUS_ARGS);
}

/* Is anything left in @dir? Its first name, or "". */
static void first_entry(const char *dir, char *buf, size_t size)
{
	struct dirent *e;
	DIR *d = opendir(dir);

	buf[0] = '\0';
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(buf, size, "%s", e->d_name);
			break;
		}
	}
	if (d)
		closedir(d);
}

/*
 * A run killed half way (SIGKILL, injected by strace when it clones: its
 * name, layer and cgroup are made, its container is not) leaves a record
 * that says so: ps lists it, "dead", without a word on stderr, and rm -f
 * removes it with everything its ID names.
 */
TEST_F(lab, killed_run_listed_dead_then_removed)
{
	char id[64] = "", dir[PATH_MAX], left[PATH_MAX];

	if (!lab_has_strace())
		SKIP(return, "needs " LAB_STRACE " for its fault injection");

	/* Once, so that the image is unpacked before the killed run. */
	MYDOCKER("run", "--name", "warm", IMG, "true");
	ASSERT_EQ(0, self->res.status) TH_LOG("run warm: " STATUS_FMT,
					      STATUS_ARGS);
	run_killed_at_clone(_metadata, self);

	MYDOCKER("ps");
	EXPECT_EQ(0, self->res.status) TH_LOG("ps: " STATUS_FMT, STATUS_ARGS);
	EXPECT_STREQ("", self->res.err)
		TH_LOG("ps after a run killed half way should list it, not warn: '%s'",
		       ERR);
	EXPECT_NE(NULL, strstr(OUT, " dead "))
		TH_LOG("a run killed half way leaves a container ps calls 'dead': '%s'",
		       OUT);
	MYDOCKER("ps", "-q");
	if (self->res.out)
		sscanf(self->res.out, "%63s", id);

	MYDOCKER("rm", "-f", "half");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("rm -f of a run killed half way: " STATUS_FMT, STATUS_ARGS);
	PATHF(dir, "%s/half", self->lab.run);
	EXPECT_FALSE(lab_exists(dir)) TH_LOG("rm -f left its record %s", dir);
	PATHF(dir, "%s/containers", self->lab.root);
	first_entry(dir, left, sizeof(left));
	EXPECT_STREQ("", left)
		TH_LOG("rm -f of a run killed half way left its layer in %s", dir);
	ASSERT_NE('\0', id[0]) TH_LOG("ps -q did not list the half-made container");
	PATHF(left, "/mydocker/%s", id);
	ASSERT_EQ(0, lab_cgroup_dir("cpu", left, dir));
	EXPECT_FALSE(lab_exists(dir))
		TH_LOG("rm -f of a run killed half way left its cgroup %s", dir);
}

TEST_F(lab, ps_no_longer_lists_removed)
{
	struct box gone, kept;

	start_stopped(_metadata, self, &gone, "gone");
	START_SLEEPER(&kept, "kept");
	ASSERT_TRUE(ps_lists(_metadata, self, &gone))
		TH_LOG("before rm, mydocker ps should list the stopped container 'gone'");
	MYDOCKER("rm", "gone");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker rm gone: " STATUS_FMT, STATUS_ARGS);
	EXPECT_FALSE(ps_lists(_metadata, self, &gone))
		TH_LOG("after rm gone, mydocker ps still lists it (by name %s or ID %s)",
		       gone.name, gone.id);
	EXPECT_TRUE(ps_lists(_metadata, self, &kept))
		TH_LOG("rm gone should leave the other container 'kept' in mydocker ps");
}

/*
 * exec entering a container that rm -f removes: rm -f ends the container
 * and removes its cgroup while exec is held (by strace, RACE_HELD) at its
 * first write, the one that joins the cgroup. exec then finds the cgroup
 * gone: that is "not running", exit 1, one line; not a cgroup error.
 */
TEST_F(lab, exec_entering_while_rm_f_is_not_running)
{
	struct box box;

	if (!lab_has_strace())
		SKIP(return, "needs " LAB_STRACE " to hold exec at a system call");
	START_SLEEPER(&box, "entered");
	RACE_HELD("-e trace=write -e inject=write:delay_enter=" LAB_HOLD_US ":when=1",
		  SYS_write, ARGV("exec", "entered", "true"),
		  ARGV("rm", "-f", "entered"));
	EXPECT_ERROR(1, "exec into a container rm -f removed while exec entered it");
	EXPECT_NE(NULL, strstr(self->res.err, "is not running"))
		TH_LOG("exec should say the container is not running, not why joining failed: '%s'",
		       ERR);
}

TEST_HARNESS_MAIN
