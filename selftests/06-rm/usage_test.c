// SPDX-License-Identifier: GPL-2.0
/*
 * The command line of logs, exec, stop and rm reads as ps's does
 * (02-ps/usage_test.c): an unknown option is named as written, with the
 * command's usage; --help prints the usage and every option, exit 0.
 *
 * Needs root (the lab); run through selftests/run.sh.
 */
#define _GNU_SOURCE
#include <string.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"
#include "../02-ps/usage.h"

LAB_FIXTURE();

TEST_F(lab, logs_names_unknown_option)
{
	MYDOCKER("logs", "-xf", "box");
	EXPECT_UNKNOWN_OPTION(1, "logs", "-x");
}

TEST_F(lab, stop_names_unknown_option)
{
	MYDOCKER("stop", "-x", "box");
	EXPECT_UNKNOWN_OPTION(1, "stop", "-x");
}

TEST_F(lab, rm_names_unknown_option)
{
	MYDOCKER("rm", "-xf", "box");
	EXPECT_UNKNOWN_OPTION(1, "rm", "-x");
}

TEST_F(lab, exec_names_unknown_option)
{
	MYDOCKER("exec", "-x", "box", "true");
	EXPECT_UNKNOWN_OPTION(125, "exec", "-x");
}

TEST_F(lab, stop_names_option_without_value)
{
	MYDOCKER("stop", "-t");
	EXPECT_ERROR(1, "mydocker stop -t");
	EXPECT_NE(NULL, strstr(self->res.err, "'-t'"))
		TH_LOG("the error should name the option without its value, got '%s'",
		       ERR);
}

TEST_F(lab, every_command_has_help)
{
	MYDOCKER("logs", "--help");
	EXPECT_HELP("mydocker logs --help", "logs [-f]");
	EXPECT_LISTS("mydocker logs --help", "--follow");
	MYDOCKER("exec", "--help");
	EXPECT_HELP("mydocker exec --help", "exec [-it]");
	EXPECT_LISTS("mydocker exec --help", "-i, -t");
	MYDOCKER("stop", "--help");
	EXPECT_HELP("mydocker stop --help", "stop [-t SECONDS]");
	EXPECT_LISTS("mydocker stop --help", "--time");
	MYDOCKER("rm", "-h");
	EXPECT_HELP("mydocker rm -h", "rm [-f]");
	EXPECT_LISTS("mydocker rm -h", "--force");
}

TEST_HARNESS_MAIN
