// SPDX-License-Identifier: GPL-2.0
/*
 * Names and IDs are one namespace: every command finds a container by its
 * name or its ID, so run --name X is refused when X is another container's
 * ID (here: the ID of a container named web), or the start of one, and
 * nothing is created. And a container is listed from the first moment:
 * its record, "creating", comes before anything else.
 *
 * Needs root (the lab); run through selftests/run.sh.
 */
#define _GNU_SOURCE
#include <jansson.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_box.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE

LAB_FIXTURE();

TEST_F(lab, name_equal_to_an_id_refused)
{
	struct box first;
	char state[PATH_MAX], ids[256];

	lab_box_start(_metadata, &self->lab, &self->res, &first, "web",
		      (const char *const[]){ IMG, "sleep", "30", NULL });
	MYDOCKER("run", "-d", "--name", first.id, IMG, "true");
	EXPECT_ERROR(125, "mydocker run -d --name <the first container's ID>");
	EXPECT_NE(NULL, strstr(self->res.err, first.id))
		TH_LOG("the error should name the ID the name would shadow: '%s'",
		       ERR);
	EXPECT_STREQ("", OUT) TH_LOG("no ID for a refused container");
	PATHF(state, "%s/%s", self->lab.run, first.id);
	EXPECT_FALSE(lab_exists(state))
		TH_LOG("the refused run should create nothing, yet %s exists",
		       state);
	PATHF(state, "%s/web", self->lab.run);
	EXPECT_TRUE(lab_exists(state))
		TH_LOG("the first container's state %s should stay", state);

	/* ps still lists the first container, and only it. */
	MYDOCKER("ps", "-q");
	/* A copy: ps may print nothing at all (res.out NULL). */
	snprintf(ids, sizeof(ids), "%s", self->res.out ? self->res.out : "");
	EXPECT_STREQ(first.id, strtok(ids, "\n") ? ids : "")
		TH_LOG("ps -q should list the first container only: '%s'", OUT);
	EXPECT_EQ(NULL, strtok(NULL, "\n"))
		TH_LOG("ps -q should list one container: the refused run made another");
}

TEST_F(lab, name_prefix_of_an_id_refused)
{
	char prefix[8], state[PATH_MAX];
	struct box first;

	lab_box_start(_metadata, &self->lab, &self->res, &first, "web",
		      (const char *const[]){ IMG, "sleep", "30", NULL });
	snprintf(prefix, sizeof(prefix), "%.6s", first.id);
	MYDOCKER("run", "-d", "--name", prefix, IMG, "true");
	EXPECT_ERROR(125, "mydocker run -d --name <the start of the first container's ID>");
	EXPECT_NE(NULL, strstr(self->res.err, "web"))
		TH_LOG("the error should name the container whose ID it would shadow: '%s'",
		       ERR);
	PATHF(state, "%s/%s", self->lab.run, prefix);
	EXPECT_FALSE(lab_exists(state))
		TH_LOG("the refused run should create nothing, yet %s exists",
		       state);
}

/* web's record, rewritten as a half-made one whose run is @creator. */
static void make_creating(struct __test_metadata *_metadata,
			  FIXTURE_DATA(lab) *self, pid_t creator,
			  unsigned long long start)
{
	char file[PATH_MAX];
	json_t *root;

	PATHF(file, "%s/web/config.json", self->lab.run);
	root = json_load_file(file, 0, NULL);
	ASSERT_NE(NULL, root) TH_LOG("cannot parse %s", file);
	json_object_set_new(root, "status", json_string("creating"));
	json_object_set_new(root, "pid", json_integer(0));
	json_object_set_new(root, "creator",
			    json_pack("{s:i, s:I}", "pid", (int)creator,
				      "start_time", (json_int_t)start));
	ASSERT_EQ(0, json_dump_file(root, file, 0));
	json_decref(root);
}

static void expect_ps_status(struct __test_metadata *_metadata,
			     FIXTURE_DATA(lab) *self, const char *status)
{
	char word[32];

	MYDOCKER("ps");
	EXPECT_EQ(0, self->res.status) TH_LOG("mydocker ps: " STATUS_FMT,
					      STATUS_ARGS);
	EXPECT_STREQ("", self->res.err)
		TH_LOG("ps should list a half-made container, not warn: '%s'",
		       ERR);
	snprintf(word, sizeof(word), " %s ", status);
	EXPECT_NE(NULL, strstr(OUT, word))
		TH_LOG("ps should say '%s' for web: '%s'", status, OUT);
}

/* "creating" while its run lives (this test, here), "dead" after. */
TEST_F(lab, half_made_listed_creating_then_dead)
{
	unsigned long long start;
	struct box first;

	lab_box_start(_metadata, &self->lab, &self->res, &first, "web",
		      (const char *const[]){ IMG, "sleep", "30", NULL });
	ASSERT_EQ(0, lab_proc_stat(getpid(), NULL, &start));
	make_creating(_metadata, self, getpid(), start);
	expect_ps_status(_metadata, self, "creating");
	make_creating(_metadata, self, getpid(), start + 1);
	expect_ps_status(_metadata, self, "dead");
}

TEST_HARNESS_MAIN
