/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a usage error and --help look like, for usage_test.c here and the
 * later chapters' (06-rm/usage_test.c): include after lab_fixture.h.
 */
#ifndef USAGE_H
#define USAGE_H

#include <string.h>

/* "mydocker: ps: unknown option '-x'; usage: mydocker ps ..." */
#define EXPECT_UNKNOWN_OPTION(code, cmd, opt) do { \
	EXPECT_ERROR(code, "mydocker " cmd " " opt "..."); \
	EXPECT_NE(NULL, strstr(self->res.err, \
			       "mydocker: " cmd ": unknown option '" opt "'")) \
		TH_LOG("mydocker %s: the error should say \"unknown option '%s'\", got '%s'", \
		       cmd, opt, ERR); \
	EXPECT_NE(NULL, strstr(self->res.err, "usage: mydocker " cmd " ")) \
		TH_LOG("mydocker %s: the error should end with the usage, got '%s'", \
		       cmd, ERR); \
	EXPECT_STREQ("", OUT) TH_LOG("nothing on stdout for a bad option"); \
} while (0)

/* The usage printed by the last run names @opt. */
#define EXPECT_LISTS(what, opt) \
	EXPECT_NE(NULL, strstr(self->res.out, opt)) \
		TH_LOG("%s should list the option %s, got '%s'", what, opt, OUT)

/* --help: exit 0, nothing on stderr, stdout the usage, naming @opt. */
#define EXPECT_HELP(what, opt) do { \
	EXPECT_EQ(0, self->res.status) \
		TH_LOG("%s should exit 0; " STATUS_FMT, what, STATUS_ARGS); \
	EXPECT_STREQ("", ERR) TH_LOG("%s: nothing on stderr", what); \
	EXPECT_EQ(0, strncmp(self->res.out, "usage: mydocker ", 16)) \
		TH_LOG("%s should print the usage, got '%s'", what, OUT); \
	EXPECT_LISTS(what, opt); \
} while (0)

#endif
