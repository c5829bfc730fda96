// SPDX-License-Identifier: GPL-2.0
/*
 * commit finds its container as every command does
 * (06-rm/unreadable_test.c): a damaged record is named with what is
 * wrong in it, never "no such container".
 *
 * Needs root (the lab); run through selftests/run.sh.
 */
#define _GNU_SOURCE
#include <string.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"
#include "../06-rm/unreadable.h"

LAB_FIXTURE();

TEST_F(lab, commit_names_damaged_record)
{
	char file[PATH_MAX];

	WRITE_RECORD("broken", "{ not json", file);
	MYDOCKER("commit", "broken", "img");
	EXPECT_UNREADABLE("mydocker commit broken img", file,
			  "not JSON at line 1", "broken");
	WRITE_RECORD("noimage", "{ \"pid\": 1, \"start_time\": 1 }", file);
	MYDOCKER("commit", "noimage", "img");
	EXPECT_UNREADABLE("mydocker commit noimage img", file, "'id'",
			  "noimage");
}

TEST_HARNESS_MAIN
