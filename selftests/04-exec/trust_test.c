// SPDX-License-Identifier: GPL-2.0
/*
 * exec trusts nothing it did not check (issue 12): a record damaged on
 * disk never makes it join or write into something outside the
 * container; only stdio reaches its command; and it lands in the
 * container's root even when mydocker itself runs in a chroot.
 *
 * Needs root (the lab); run through selftests/run.sh.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"
#include "damage.h"

#define IMG LAB_IMAGE

FIXTURE(lab) {
	LAB_FIXTURE_FIELDS;
	struct decoy decoy;
};

FIXTURE_SETUP(lab)
{
	LAB_FIXTURE_SETUP();
}

FIXTURE_TEARDOWN(lab)
{
	decoy_end(&self->decoy);
	LAB_FIXTURE_TEARDOWN();
}

#define START(box, ...) BOX_START(box, NULL, __VA_ARGS__)

/* Refused: exit 1, one line, and the command did not run. */
#define EXPECT_REFUSED(what) do { \
	EXPECT_ERROR(1, what); \
	EXPECT_STREQ("", OUT) \
		TH_LOG("%s: nothing should run, but stdout has '%s'", what, OUT); \
} while (0)

/*
 * The record's PID and start time are a live process of the host's (a
 * damaged record copied them): it is not in the container's cgroup, so
 * it is not the container, and exec must not join its namespaces.
 */
TEST_F(lab, refuses_pid_outside_container_cgroup)
{
	struct box box;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	DECOY_START(&self->decoy);
	RECORD_POINT_AT("box", &self->decoy);
	MYDOCKER("exec", "box", "echo", "ran");
	EXPECT_REFUSED("mydocker exec box echo ran (its record's PID is a host process, not in the container's cgroup)");
	EXPECT_TRUE(decoy_alive(&self->decoy))
		TH_LOG("the host process the record named (PID %d) was harmed",
		       self->decoy.pid);
}

/* 2^32 + PID: read into a pid_t it would be PID; it must be refused. */
TEST_F(lab, refuses_pid_that_does_not_fit)
{
	char pid[32], file[PATH_MAX];
	struct box box;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	DECOY_START(&self->decoy);
	RECORD_POINT_AT("box", &self->decoy);
	snprintf(pid, sizeof(pid), "%lld", (1LL << 32) + self->decoy.pid);
	RECORD_SET("box", "pid", pid);
	MYDOCKER("exec", "box", "echo", "ran");
	EXPECT_REFUSED("mydocker exec box echo ran (its pid is 2^32 + a host PID)");
	PATHF(file, "%s/box/config.json", self->lab.run);
	EXPECT_NE(NULL, strstr(self->res.err, file))
		TH_LOG("the error should name the record %s, got '%s'", file, ERR);
	EXPECT_NE(NULL, strstr(self->res.err, "'pid'"))
		TH_LOG("the error should name the field 'pid', got '%s'", ERR);
	EXPECT_TRUE(decoy_alive(&self->decoy))
		TH_LOG("the host process PID %d was harmed", self->decoy.pid);
}

/*
 * A cgroup path that leaves the hierarchy: exec must not write into
 * anything there (a "tasks" file of a directory of the test's).
 */
TEST_F(lab, refuses_cgroup_outside_hierarchy)
{
	char dir[PATH_MAX], tasks[PATH_MAX], cgroup[PATH_MAX + 32], text[64];
	struct box box;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	PATHF(dir, "%s/decoycg", self->lab.dir);
	ASSERT_EQ(0, mkdir(dir, 0755));
	PATHF(tasks, "%s/tasks", dir);
	ASSERT_EQ(0, lab_write_file(tasks, ""));
	PATHF(tasks, "%s/cgroup.procs", dir);
	ASSERT_EQ(0, lab_write_file(tasks, ""));
	/* From /sys/fs/cgroup or /sys/fs/cgroup/memory: up to /, then down. */
	snprintf(cgroup, sizeof(cgroup), "\"../../../..%s\"", dir);
	RECORD_SET("box", "cgroup", cgroup);
	MYDOCKER("exec", "box", "echo", "ran");
	EXPECT_REFUSED("mydocker exec box echo ran (its cgroup leaves the hierarchy)");
	EXPECT_NE(NULL, strstr(self->res.err, "'cgroup'"))
		TH_LOG("the error should name the field 'cgroup', got '%s'", ERR);
	ASSERT_EQ(0, lab_read_file(tasks, text, sizeof(text)));
	EXPECT_STREQ("", text)
		TH_LOG("exec wrote into %s, outside the cgroup hierarchy", tasks);
	PATHF(tasks, "%s/tasks", dir);
	ASSERT_EQ(0, lab_read_file(tasks, text, sizeof(text)));
	EXPECT_STREQ("", text)
		TH_LOG("exec wrote into %s, outside the cgroup hierarchy", tasks);
}

/*
 * A descriptor the caller left open (7>>FILE) does not reach the
 * command: it would let the container write a host file.
 */
TEST_F(lab, only_stdio_reaches_command)
{
	char file[PATH_MAX], text[64];
	struct box box;
	int fd;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	PATHF(file, "%s/fd7", self->lab.dir);
	fd = open(file, O_WRONLY | O_CREAT | O_APPEND, 0644);
	ASSERT_LE(0, fd) TH_LOG("open %s: %s", file, strerror(errno));
	ASSERT_EQ(7, dup2(fd, 7));
	close(fd);
	MYDOCKER("exec", "box", "sh", "-c", "echo x >&7");
	close(7);
	ASSERT_EQ(0, lab_read_file(file, text, sizeof(text)));
	EXPECT_STREQ("", text)
		TH_LOG("mydocker exec box sh -c 'echo x >&7' 7>>%s wrote the host's file through the caller's descriptor 7: only 0, 1 and 2 should reach the command",
		       file);
}

/*
 * mydocker in a chroot (a build chroot: here a bind of / in a mount
 * namespace of its own, so the host never sees it): exec's command must
 * land in the container's root, not the namespace's root mount.
 */
TEST_F(lab, exec_from_chroot_lands_in_container_root)
{
	char dir[PATH_MAX], wrapper[PATH_MAX], script[PATH_MAX * 2 + 200];
	char token[PATH_MAX], mark[PATH_MAX + 64], want[PATH_MAX + 8];
	char bin[PATH_MAX];
	struct box box;

	PATHF(dir, "%s/chroot", self->lab.dir);
	ASSERT_EQ(0, mkdir(dir, 0755));
	PATHF(wrapper, "%s/in-chroot", self->lab.dir);
	snprintf(bin, sizeof(bin), "%s", self->lab.bin);
	snprintf(script, sizeof(script),
		 "#!/bin/sh\nexec unshare --mount sh -c 'mount --rbind / \"$0\" && exec chroot \"$0\" \"$@\"' '%s' '%s' \"$@\"\n",
		 dir, bin);
	ASSERT_EQ(0, lab_write_file(wrapper, script));
	ASSERT_EQ(0, chmod(wrapper, 0755));
	snprintf(self->lab.bin, sizeof(self->lab.bin), "%s", wrapper);

	snprintf(token, sizeof(token), "%s", strrchr(self->lab.dir, '/') + 1);
	snprintf(mark, sizeof(mark), "echo %s > /lab-mark; sleep 1000", token);
	START(&box, "--name", "box", IMG, "sh", "-c", mark);
	MYDOCKER("exec", "box", "sh", "-c",
		 "i=0; while [ ! -e /lab-mark ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done; cat /lab-mark");
	snprintf(self->lab.bin, sizeof(self->lab.bin), "%s", bin);
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker exec box sh -c '... cat /lab-mark', from a chroot: " STATUS_FMT,
		       STATUS_ARGS);
	snprintf(want, sizeof(want), "%s\\n", token);
	EXPECT_STREQ(want, OUT)
		TH_LOG("the container wrote /lab-mark in its root; exec from a chroot should see it there, not in the mount namespace's root mount");
}

TEST_HARNESS_MAIN
