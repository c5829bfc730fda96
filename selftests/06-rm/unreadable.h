/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A damaged record, and what a command must say of it, for
 * unreadable_test.c here and 07-commit's record_test.c: include after
 * lab_fixture.h.
 */
#ifndef UNREADABLE_H
#define UNREADABLE_H

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

/* $MYDOCKER_RUN/@name/config.json holding @text; its path in @file. */
#define WRITE_RECORD(name, text, file) do { \
	char __dir[PATH_MAX]; \
	ASSERT_TRUE(mkdir(self->lab.run, 0700) == 0 || errno == EEXIST); \
	PATHF(__dir, "%s/%s", self->lab.run, name); \
	ASSERT_EQ(0, mkdir(__dir, 0700)); \
	PATHF(file, "%s/config.json", __dir); \
	ASSERT_EQ(0, lab_write_file(file, text)); \
} while (0)

/* One line, exit 1, naming @file and @why, and the way out: rm -f. */
#define EXPECT_UNREADABLE(what, file, why, name) do { \
	EXPECT_ERROR(1, what); \
	EXPECT_NE(NULL, strstr(self->res.err, file)) \
		TH_LOG("%s: the error should name the file %s, got '%s'", \
		       what, file, ERR); \
	EXPECT_NE(NULL, strstr(self->res.err, why)) \
		TH_LOG("%s: the error should say what is wrong (%s), got '%s'", \
		       what, why, ERR); \
	EXPECT_NE(NULL, strstr(self->res.err, "rm -f " name)) \
		TH_LOG("%s: the error should say that rm -f %s removes it, got '%s'", \
		       what, name, ERR); \
	EXPECT_EQ(NULL, strstr(self->res.err, "no such container")) \
		TH_LOG("%s: the container is there, its record is damaged: '%s'", \
		       what, ERR); \
} while (0)

#endif
