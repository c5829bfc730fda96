// SPDX-License-Identifier: GPL-2.0
/*
 * stop of a container whose record is damaged on disk (issue 12) signals
 * nothing but the container: not a host process whose PID and start time
 * the record holds (nor one at 2^32 + its PID), not another container
 * whose record config.json links to; and a FIFO as config.json blocks no
 * command.
 *
 * Needs root (the lab); run through selftests/run.sh.
 */
#define _GNU_SOURCE
#include <string.h>
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"
#include "../04-exec/damage.h"

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
	char fifo[PATH_MAX];

	/* lab_destroy() reads every record: not a FIFO. */
	if (!lab_pathf(fifo, "%s/fifo/config.json", self->lab.run))
		unlink(fifo);
	decoy_end(&self->decoy);
	LAB_FIXTURE_TEARDOWN();
}

#define START_SLEEPER(box, name) BOX_START(box, name, IMG, "sleep", "1000")

/* Is @box's PID 1 (BOX_PID) still running? */
static bool box_alive(const struct box *box)
{
	char state;

	return !lab_proc_stat(box->pid, &state, NULL) && state != 'Z';
}

TEST_F(lab, host_pid_in_record_not_signalled)
{
	struct box box;

	START_SLEEPER(&box, "box");
	DECOY_START(&self->decoy);
	RECORD_POINT_AT("box", &self->decoy);
	MYDOCKER("stop", "-t", "0", "box");
	EXPECT_TRUE(decoy_alive(&self->decoy))
		TH_LOG("mydocker stop box, its record's PID and start time a host process's (PID %d, not in the container's cgroup): stop killed that process",
		       self->decoy.pid);
}

TEST_F(lab, pid_beyond_pid_t_refused)
{
	char pid[32], file[PATH_MAX];
	struct box box;

	START_SLEEPER(&box, "box");
	DECOY_START(&self->decoy);
	RECORD_POINT_AT("box", &self->decoy);
	snprintf(pid, sizeof(pid), "%lld", (1LL << 32) + self->decoy.pid);
	RECORD_SET("box", "pid", pid);
	MYDOCKER("stop", "-t", "0", "box");
	EXPECT_ERROR(1, "mydocker stop box (its pid is 2^32 + a host PID)");
	PATHF(file, "%s/box/config.json", self->lab.run);
	EXPECT_NE(NULL, strstr(self->res.err, file))
		TH_LOG("the error should name the record %s, got '%s'", file, ERR);
	EXPECT_NE(NULL, strstr(self->res.err, "'pid'"))
		TH_LOG("the error should name the field 'pid', got '%s'", ERR);
	EXPECT_TRUE(decoy_alive(&self->decoy))
		TH_LOG("stop killed the host process PID %d: 2^32 + PID was truncated to PID",
		       self->decoy.pid);
}

/* a's config.json, a symlink to b's: stop a must not stop b. */
TEST_F(lab, symlinked_record_refused)
{
	char a_rec[PATH_MAX], b_rec[PATH_MAX];
	struct box a, b;

	START_SLEEPER(&a, "a");
	START_SLEEPER(&b, "b");
	BOX_PID(&b);
	PATHF(a_rec, "%s/a/config.json", self->lab.run);
	PATHF(b_rec, "%s/b/config.json", self->lab.run);
	ASSERT_EQ(0, unlink(a_rec));
	ASSERT_EQ(0, symlink(b_rec, a_rec));
	MYDOCKER("stop", "-t", "0", "a");
	EXPECT_ERROR(1, "mydocker stop a (its config.json a symlink to b's)");
	EXPECT_NE(NULL, strstr(self->res.err, "symbolic link"))
		TH_LOG("the error should say the record is a symbolic link, got '%s'",
		       ERR);
	EXPECT_TRUE(box_alive(&b))
		TH_LOG("mydocker stop a stopped container b, whose record a's config.json links to");
}

/* A FIFO as config.json: nobody writes it, yet no command waits on it. */
TEST_F(lab, fifo_record_blocks_nothing)
{
	char dir[PATH_MAX], file[PATH_MAX];

	PATHF(dir, "%s/fifo", self->lab.run);
	ASSERT_TRUE(mkdir(self->lab.run, 0700) == 0 || errno == EEXIST);
	ASSERT_EQ(0, mkdir(dir, 0700));
	PATHF(file, "%s/config.json", dir);
	ASSERT_EQ(0, mkfifo(file, 0600));
	self->lab.timeout_ms = 5000;
	MYDOCKER("stop", "fifo");
	EXPECT_ERROR(1, "mydocker stop fifo (its config.json a FIFO)");
	EXPECT_NE(NULL, strstr(self->res.err, "FIFO"))
		TH_LOG("the error should say the record is a FIFO, got '%s'", ERR);
	MYDOCKER("ps");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker ps with a FIFO as a record: " STATUS_FMT, STATUS_ARGS);
}

TEST_F(lab, negative_pid_refused)
{
	struct box box;

	START_SLEEPER(&box, "box");
	RECORD_SET("box", "pid", "-1");
	self->lab.timeout_ms = 5000;
	MYDOCKER("stop", "-t", "0", "box");
	EXPECT_ERROR(1, "mydocker stop box (its pid is -1)");
	EXPECT_NE(NULL, strstr(self->res.err, "'pid'"))
		TH_LOG("the error should name the field 'pid', got '%s'", ERR);
	BOX_PID(&box);
}

TEST_HARNESS_MAIN
