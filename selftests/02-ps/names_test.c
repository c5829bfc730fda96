// SPDX-License-Identifier: GPL-2.0
/*
 * Names and IDs are one namespace: every command finds a container by its
 * name or its ID, so run --name X is refused when X is another container's
 * ID (here: the ID of a container named web), and nothing is created.
 *
 * Needs root (the lab); run through selftests/run.sh.
 */
#define _GNU_SOURCE
#include <string.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_box.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE

FIXTURE(lab) {
	LAB_FIXTURE_FIELDS;
};

FIXTURE_SETUP(lab)
{
	LAB_FIXTURE_SETUP();
}

FIXTURE_TEARDOWN(lab)
{
	LAB_FIXTURE_TEARDOWN();
}

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

TEST_HARNESS_MAIN
