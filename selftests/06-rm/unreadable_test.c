// SPDX-License-Identifier: GPL-2.0
/*
 * Every command that takes a container finds it the same way
 * (record_lookup()): "no such container: X" only when there is none; a
 * record that cannot be read is one line naming its file and what is
 * wrong in it (not JSON at line L, or the field), exit 1, and that
 * rm -f removes it.
 *
 * Needs root (the lab); run through selftests/run.sh.
 */
#define _GNU_SOURCE
#include <string.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"
#include "unreadable.h"

LAB_FIXTURE();

TEST_F(lab, not_json_named_by_every_command)
{
	char file[PATH_MAX];

	WRITE_RECORD("broken", "{ not json", file);
	MYDOCKER("logs", "broken");
	EXPECT_UNREADABLE("mydocker logs broken", file, "not JSON at line 1",
			  "broken");
	MYDOCKER("exec", "broken", "true");
	EXPECT_UNREADABLE("mydocker exec broken true", file,
			  "not JSON at line 1", "broken");
	MYDOCKER("stop", "broken");
	EXPECT_UNREADABLE("mydocker stop broken", file, "not JSON at line 1",
			  "broken");
	MYDOCKER("rm", "broken");
	EXPECT_UNREADABLE("mydocker rm broken", file, "not JSON at line 1",
			  "broken");
	EXPECT_TRUE(lab_exists(file))
		TH_LOG("only rm -f removes a damaged record");
}

TEST_F(lab, bad_field_named)
{
	char file[PATH_MAX];

	WRITE_RECORD("badpid", "{ \"pid\": \"many\", \"name\": \"badpid\" }",
		     file);
	MYDOCKER("logs", "badpid");
	EXPECT_UNREADABLE("mydocker logs badpid", file, "'pid'", "badpid");
	MYDOCKER("stop", "badpid");
	EXPECT_UNREADABLE("mydocker stop badpid", file, "'pid'", "badpid");
	MYDOCKER("rm", "-f", "badpid");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker rm -f badpid: " STATUS_FMT, STATUS_ARGS);
	EXPECT_FALSE(lab_exists(file))
		TH_LOG("rm -f badpid should remove %s", file);
}

TEST_F(lab, missing_is_no_such_container)
{
	const char *const cmds[][3] = {
		{ "logs", "nosuch", NULL },
		{ "stop", "nosuch", NULL },
		{ "rm", "nosuch", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		ASSERT_EQ(0, RUN(cmds[i]));
		EXPECT_ERROR(1, cmds[i][0]);
		EXPECT_NE(NULL, strstr(self->res.err, "no such container: nosuch"))
			TH_LOG("mydocker %s nosuch: expected 'no such container: nosuch', got '%s'",
			       cmds[i][0], ERR);
	}
	MYDOCKER("exec", "nosuch", "true");
	EXPECT_ERROR(1, "exec nosuch true");
	EXPECT_NE(NULL, strstr(self->res.err, "no such container: nosuch"))
		TH_LOG("mydocker exec nosuch: expected 'no such container: nosuch', got '%s'",
		       ERR);
}

TEST_HARNESS_MAIN
