// SPDX-License-Identifier: GPL-2.0
/*
 * A commit killed half way (SIGKILL, injected by strace at a chosen
 * system call: no race, no sleep) leaves no file under images/: while tar
 * writes, the image has no name at all, so nothing can take a partial tar
 * for an image, and nothing is left to clean.
 *
 * Needs root (the lab) and strace; run through selftests/run.sh.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE

FIXTURE(lab) {
	LAB_FIXTURE_FIELDS;
	char bin[PATH_MAX];	/* mydocker itself; lab.bin: the wrapper */
};

FIXTURE_SETUP(lab)
{
	/* Before the lab exists: a skip leaves at once (lab.h), no teardown. */
	if (!lab_has_strace())
		LAB_SETUP_SKIP("needs " LAB_STRACE " for its fault injection");
	LAB_FIXTURE_SETUP();
	snprintf(self->bin, sizeof(self->bin), "%s", self->lab.bin);
}

FIXTURE_TEARDOWN(lab)
{
	LAB_FIXTURE_TEARDOWN();
}

/*
 * From now on "mydocker" runs under strace, which SIGKILLs it at its
 * first call of one of @syscalls (a comma-separated list). tar makes
 * none of them, so it goes on alone, as it would after a real kill.
 */
static void kill_at(struct __test_metadata *_metadata,
		    FIXTURE_DATA(lab) *self, const char *syscalls)
{
	char wrapper[PATH_MAX], options[256];

	PATHF(wrapper, "%s/killed-at-%s", self->lab.dir, syscalls);
	snprintf(options, sizeof(options),
		 "-e inject=%s:signal=SIGKILL:when=1", syscalls);
	ASSERT_EQ(0, lab_strace_wrapper(wrapper, self->bin, options));
	snprintf(self->lab.bin, sizeof(self->lab.bin), "%s", wrapper);
}

/* The names in @dir but busybox.tar, the lab's image, in @buf. */
static void strays(struct __test_metadata *_metadata, const char *dir,
		   char *buf, size_t size)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	size_t len = 0;

	ASSERT_NE(NULL, d) TH_LOG("opendir %s: %s", dir, strerror(errno));
	buf[0] = '\0';
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    !strcmp(e->d_name, IMG ".tar"))
			continue;
		len += snprintf(buf + len, size - len, "%s ", e->d_name);
		if (len >= size)
			break;
	}
	closedir(d);
}

/*
 * Kill commit at @syscalls, then look: it died of SIGKILL (or the test
 * proves nothing) and images/ holds no file but the lab's image.
 */
static void commit_killed_at(struct __test_metadata *_metadata,
			     FIXTURE_DATA(lab) *self, const char *name,
			     const char *syscalls)
{
	char images[PATH_MAX], left[1024];

	kill_at(_metadata, self, syscalls);
	MYDOCKER("commit", name, "snap");
	snprintf(self->lab.bin, sizeof(self->lab.bin), "%s", self->bin);
	ASSERT_EQ(128 + SIGKILL, self->res.status)
		TH_LOG("mydocker commit %s snap should have been killed at its first %s; " STATUS_FMT,
		       name, syscalls, STATUS_ARGS);
	PATHF(images, "%s/images", self->lab.root);
	strays(_metadata, images, left, sizeof(left));
	EXPECT_STREQ("", left)
		TH_LOG("mydocker commit %s snap, killed at its first %s, left '%s' in %s: a killed commit must leave no file there",
		       name, syscalls, left, images);
}

/* Killed while tar writes (it waits for tar): tar goes on, to its end. */
TEST_F(lab, killed_while_tar_runs)
{
	struct box box;

	BOX_START(&box, "box", IMG, "sleep", "1000");
	commit_killed_at(_metadata, self, "box", "wait4");
}

/* Killed once tar is done, just before the image gets its name. */
TEST_F(lab, killed_before_naming)
{
	struct box box;

	BOX_START(&box, "box", IMG, "sleep", "1000");
	commit_killed_at(_metadata, self, "box", "fsync,fdatasync");
}

/* The same with a stopped container, whose layers commit mounts. */
TEST_F(lab, killed_committing_stopped_container)
{
	struct box box;

	BOX_START(&box, "box", IMG, "true");
	MYDOCKER("stop", "box");
	commit_killed_at(_metadata, self, "box", "wait4");
}

TEST_HARNESS_MAIN
