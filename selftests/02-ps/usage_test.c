// SPDX-License-Identifier: GPL-2.0
/*
 * Every command reads its command line the same way (common/command.c):
 * an unknown option is named as the user wrote it ("-x" of "-xq"), with
 * the command's usage; --help and -h print the full usage on stdout and
 * exit 0; "mydocker --version" names the chapter. Chapter 02 is where
 * a second command appears; the later ones are checked in 06-rm.
 *
 * Needs root (the lab); run through selftests/run.sh.
 */
#define _GNU_SOURCE
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"
#include "usage.h"

LAB_FIXTURE();

TEST_F(lab, ps_names_unknown_letter_in_cluster)
{
	MYDOCKER("ps", "-xq");
	EXPECT_UNKNOWN_OPTION(1, "ps", "-x");
}

TEST_F(lab, ps_names_unknown_long_option)
{
	MYDOCKER("ps", "--bogus=1");
	EXPECT_UNKNOWN_OPTION(1, "ps", "--bogus");
}

TEST_F(lab, run_names_unknown_option)
{
	MYDOCKER("run", "-x", LAB_IMAGE, "true");
	EXPECT_UNKNOWN_OPTION(125, "run", "-x");
}

TEST_F(lab, ps_help)
{
	MYDOCKER("ps", "--help");
	EXPECT_HELP("mydocker ps --help", "ps [-q]");
	EXPECT_LISTS("mydocker ps --help", "--quiet");
	MYDOCKER("ps", "-h");
	EXPECT_HELP("mydocker ps -h", "ps [-q]");
	EXPECT_LISTS("mydocker ps -h", "--quiet");
	MYDOCKER("help", "ps");
	EXPECT_HELP("mydocker help ps", "ps [-q]");
	EXPECT_LISTS("mydocker help ps", "--quiet");
}

TEST_F(lab, run_help_lists_every_option)
{
	MYDOCKER("run", "--help");
	EXPECT_HELP("mydocker run --help", "--interactive");
	EXPECT_LISTS("mydocker run --help", "--tty");
	EXPECT_LISTS("mydocker run --help", "--name");
	EXPECT_LISTS("mydocker run --help", "--memory");
	EXPECT_LISTS("mydocker run --help", "--cpus");
	EXPECT_LISTS("mydocker run --help", "--cpuset");
	EXPECT_LISTS("mydocker run --help", "--volume");
	MYDOCKER("run", "-h");
	EXPECT_HELP("mydocker run -h", "--name");
	EXPECT_LISTS("mydocker run -h", "--volume");
}

TEST_F(lab, help_lists_the_commands)
{
	const char *const forms[] = { "help", "--help", "-h" };
	size_t i;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		MYDOCKER(forms[i]);
		EXPECT_EQ(0, self->res.status)
			TH_LOG("mydocker %s should exit 0; " STATUS_FMT,
			       forms[i], STATUS_ARGS);
		EXPECT_NE(NULL, strstr(self->res.out, "mydocker run "))
			TH_LOG("mydocker %s should list run, got '%s'",
			       forms[i], OUT);
		EXPECT_NE(NULL, strstr(self->res.out, "mydocker ps "))
			TH_LOG("mydocker %s should list ps, got '%s'",
			       forms[i], OUT);
	}
}

TEST_F(lab, version_names_the_chapter)
{
	char bin[PATH_MAX], *chapter;

	snprintf(bin, sizeof(bin), "%s", self->lab.bin);
	chapter = basename(dirname(bin));	/* build/NN-name/mydocker */
	MYDOCKER("--version");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker --version should exit 0; " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_EQ(0, strncmp(self->res.out, "mydocker ", 9))
		TH_LOG("mydocker --version should start 'mydocker ', got '%s'",
		       OUT);
	EXPECT_NE(NULL, strstr(self->res.out, chapter))
		TH_LOG("mydocker --version should name the chapter %s, got '%s'",
		       chapter, OUT);
}

TEST_HARNESS_MAIN
