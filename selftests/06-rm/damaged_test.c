// SPDX-License-Identifier: GPL-2.0
/*
 * rm of a container whose record is damaged on disk (issue 12) removes
 * nothing but that container's own state: not a directory its "id"
 * climbs to, not the layer of another container whose ID it holds, not a
 * directory its "cgroup" climbs to, and it kills no host process whose
 * PID it holds. A PID of -1 hangs nothing.
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
	char victim[PATH_MAX];	/* a directory of the test's, with a file */
	char victim_file[PATH_MAX];
};

FIXTURE_SETUP(lab)
{
	LAB_FIXTURE_SETUP();
	ASSERT_EQ(0, lab_pathf(self->victim, "%s/victim", self->lab.dir));
	ASSERT_EQ(0, lab_pathf(self->victim_file, "%s/keep", self->victim));
	ASSERT_EQ(0, mkdir(self->victim, 0755));
	ASSERT_EQ(0, lab_write_file(self->victim_file, "keep\n"));
}

FIXTURE_TEARDOWN(lab)
{
	decoy_end(&self->decoy);
	LAB_FIXTURE_TEARDOWN();
}

#define START_SLEEPER(box, name) BOX_START(box, name, IMG, "sleep", "1000")

/* rm -f @name: it finishes, exit 0 (a damaged record is removed). */
#define RM_F(name) do { \
	MYDOCKER("rm", "-f", name); \
	EXPECT_EQ(0, self->res.status) \
		TH_LOG("mydocker rm -f %s: " STATUS_FMT, name, STATUS_ARGS); \
} while (0)

/* $MYDOCKER_ROOT/containers/<id> = root/containers/../../victim. */
TEST_F(lab, id_climbing_out_removes_nothing_there)
{
	struct box box;

	START_SLEEPER(&box, "box");
	RECORD_SET("box", "id", "\"../../victim\"");
	MYDOCKER("rm", "box");
	EXPECT_ERROR(1, "mydocker rm box (its id is ../../victim)");
	EXPECT_NE(NULL, strstr(self->res.err, "'id'"))
		TH_LOG("the error should name the field 'id', got '%s'", ERR);
	RM_F("box");
	EXPECT_TRUE(lab_exists(self->victim_file))
		TH_LOG("mydocker rm -f box, its record's id ../../victim: rm removed %s",
		       self->victim);
}

/* b's layer and PID 1, after rm -f a whose record held b's @field. */
#define EXPECT_B_INTACT(b, field) do { \
	EXPECT_TRUE(lab_exists((b)->layer)) \
		TH_LOG("mydocker rm -f a, a's record holding b's %s: rm removed b's layer %s", \
		       field, (b)->layer); \
	EXPECT_EQ(0, kill((b)->pid, 0)) \
		TH_LOG("mydocker rm -f a, a's record holding b's %s: b's PID 1 is gone", \
		       field); \
} while (0)

/* a's record holds b's ID (then b's cgroup): b keeps its layer and runs. */
TEST_F(lab, other_containers_id_leaves_it_alone)
{
	char id[LAB_ID_MAX + 8], cgroup[LAB_ID_MAX + 16];
	struct box a, b;

	START_SLEEPER(&a, "a");
	START_SLEEPER(&b, "b");
	BOX_PID(&b);
	snprintf(id, sizeof(id), "\"%.*s\"", LAB_ID_MAX - 1, b.id);
	RECORD_SET("a", "id", id);
	RM_F("a");
	EXPECT_B_INTACT(&b, "ID");
	snprintf(cgroup, sizeof(cgroup), "\"mydocker/%.*s\"", LAB_ID_MAX - 1,
		 b.id);
	START_SLEEPER(&a, "a");
	RECORD_SET("a", "cgroup", cgroup);
	RM_F("a");
	EXPECT_B_INTACT(&b, "cgroup");
}

/* A cgroup path that climbs to a directory of the test's. */
TEST_F(lab, cgroup_climbing_out_removes_nothing_there)
{
	char cgroup[PATH_MAX + 32];
	struct box box;

	START_SLEEPER(&box, "box");
	ASSERT_EQ(0, unlink(self->victim_file));	/* rmdir needs it empty */
	snprintf(cgroup, sizeof(cgroup), "\"../../../..%s\"", self->victim);
	RECORD_SET("box", "cgroup", cgroup);
	RM_F("box");
	EXPECT_TRUE(lab_exists(self->victim))
		TH_LOG("mydocker rm -f box, its record's cgroup ../../../..%s: rm removed that directory",
		       self->victim);
}

TEST_F(lab, host_pid_in_record_not_killed)
{
	struct box box;

	START_SLEEPER(&box, "box");
	DECOY_START(&self->decoy);
	RECORD_POINT_AT("box", &self->decoy);
	/* Whether rm -f then empties the cgroup it derives from the ID is
	 * rm's part (issue 12 item 2); the claim here is the decoy's. */
	MYDOCKER("rm", "-f", "box");
	EXPECT_TRUE(decoy_alive(&self->decoy))
		TH_LOG("mydocker rm -f box, its record's PID and start time a host process's (PID %d): rm killed it",
		       self->decoy.pid);
}

TEST_F(lab, negative_numbers_hang_nothing)
{
	struct box box;

	START_SLEEPER(&box, "box");
	RECORD_SET("box", "pid", "-1");
	self->lab.timeout_ms = 5000;
	MYDOCKER("rm", "box");
	EXPECT_ERROR(1, "mydocker rm box (its pid is -1)");
	RECORD_SET("box", "pid", "1");
	RECORD_SET("box", "start_time", "-5");
	MYDOCKER("rm", "box");
	EXPECT_ERROR(1, "mydocker rm box (its start_time is -5)");
	EXPECT_NE(NULL, strstr(self->res.err, "'start_time'"))
		TH_LOG("the error should name the field 'start_time', got '%s'", ERR);
	RM_F("box");
}

TEST_HARNESS_MAIN
