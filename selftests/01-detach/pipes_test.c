// SPDX-License-Identifier: GPL-2.0
/*
 * 01-detach: run -d returns while the command runs on, so what the command
 * holds matters after run: the caller's pipes above stdio must not reach
 * it. And when the child's set-up fails, run -d says so in one line that
 * names the step, never a silent exit 125.
 *
 * Needs root (the lab); run through selftests/run.sh.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE
#define LEAK_FD 7	/* as in "run -d ... 7>&1" */
#define PIPE_MS 10000	/* how long the pipe may stay open after run */

LAB_FIXTURE();

/*
 * id=$(mydocker run -d busybox sleep 1000 3>&1): the shell reads the pipe
 * to its end. Once run has returned, nothing may hold its write end.
 */
TEST_F(lab, detached_command_does_not_hold_callers_pipe)
{
	struct pollfd pfd = { .events = POLLIN };
	int pipefd[2];
	char byte;

	ASSERT_EQ(0, pipe2(pipefd, O_CLOEXEC));
	ASSERT_EQ(-1, fcntl(LEAK_FD, F_GETFD))
		TH_LOG("fd %d is already open in the test", LEAK_FD);
	ASSERT_EQ(LEAK_FD, dup2(pipefd[1], LEAK_FD));	/* inherited */
	close(pipefd[1]);
	MYDOCKER("run", "-d", IMG, "sleep", "1000");
	close(LEAK_FD);
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker run -d busybox sleep 1000: " STATUS_FMT,
		       STATUS_ARGS);
	pfd.fd = pipefd[0];
	ASSERT_EQ(1, poll(&pfd, 1, PIPE_MS))
		TH_LOG("id=$(mydocker run -d busybox sleep 1000 3>&1) would hang: %d s after run returned, the container still holds the caller's pipe",
		       PIPE_MS / 1000);
	EXPECT_EQ(0, read(pipefd[0], &byte, 1))
		TH_LOG("nothing should be written into the caller's pipe");
	close(pipefd[0]);
}

TEST_HARNESS_MAIN
