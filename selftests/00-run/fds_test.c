// SPDX-License-Identifier: GPL-2.0
/*
 * Only stdio reaches the container: a descriptor the caller left open
 * (a file at fd 7, the write end of a "$(...)" pipe) is closed before the
 * container's command runs, so the command cannot write to the host's
 * file (01-detach: nor hold a caller's pipe open).
 *
 * Needs root (the lab); run through selftests/run.sh.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE
#define LEAK_FD 7	/* as in "run ... 7>>FILE" */

LAB_FIXTURE();

/* Open @path for appending at fd @target, inherited by what we start. */
static int open_at(const char *path, int target)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644);

	if (fd < 0)
		return -1;
	if (fd != target && dup2(fd, target) < 0)
		target = -1;
	if (fd != target)
		close(fd);
	return target;
}

TEST_F(lab, caller_fd_does_not_reach_the_command)
{
	char file[PATH_MAX];
	struct stat st;

	PATHF(file, "%s/host-file", self->lab.dir);
	ASSERT_EQ(-1, fcntl(LEAK_FD, F_GETFD))
		TH_LOG("fd %d is already open in the test", LEAK_FD);
	ASSERT_EQ(LEAK_FD, open_at(file, LEAK_FD))
		TH_LOG("cannot open %s at fd %d", file, LEAK_FD);
	MYDOCKER("run", IMG, "sh", "-c",
		 "if echo x >&7; then echo open; else echo closed; fi 2>/dev/null");
	close(LEAK_FD);
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker run busybox sh -c 'echo x >&7' 7>>FILE: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("closed\n", self->res.out)
		TH_LOG("the container's command should find fd 7 closed: only stdin, stdout and stderr reach it; it said '%s'",
		       OUT);
	ASSERT_EQ(0, stat(file, &st));
	EXPECT_EQ(0, st.st_size)
		TH_LOG("the container wrote %lld bytes into the host's file that the caller had open at fd 7",
		       (long long)st.st_size);
}

TEST_HARNESS_MAIN
