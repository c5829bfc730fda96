// SPDX-License-Identifier: GPL-2.0
/*
 * commit of a container whose record is damaged on disk (issue 12) puts
 * nothing of the host into an image: not the root of a host process the
 * record's PID names, not a directory its image name climbs to.
 *
 * Needs root (the lab); run through selftests/run.sh.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"
#include "../04-exec/damage.h"

#define IMG LAB_IMAGE

FIXTURE(lab) {
	LAB_FIXTURE_FIELDS;
	struct decoy decoy;
	char image_tar[PATH_MAX];	/* images/snap.tar */
	char secret[PATH_MAX];		/* a host file no image may hold */
};

FIXTURE_SETUP(lab)
{
	LAB_FIXTURE_SETUP();
	ASSERT_EQ(0, lab_pathf(self->image_tar, "%s/images/snap.tar",
			       self->lab.root));
	ASSERT_EQ(0, lab_pathf(self->secret, "%s/host-secret", self->lab.dir));
	ASSERT_EQ(0, lab_write_file(self->secret, "secret\n"));
}

FIXTURE_TEARDOWN(lab)
{
	decoy_end(&self->decoy);
	LAB_FIXTURE_TEARDOWN();
}

/* Does images/snap.tar, if there, list a member ending in @name? */
static bool image_holds(const char *tar, const char *name)
{
	char cmd[PATH_MAX + 32], line[PATH_MAX];
	size_t len = strlen(name);
	bool found = false;
	FILE *p;

	if (!lab_exists(tar))
		return false;
	snprintf(cmd, sizeof(cmd), "tar -tf '%s'", tar);
	p = popen(cmd, "r");
	while (p && fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\n")] = '\0';
		if (strlen(line) >= len && !strcmp(line + strlen(line) - len, name))
			found = true;
	}
	if (p)
		pclose(p);
	return found;
}

/*
 * The record's PID and start time are a host process's: commit must not
 * take that process's root (the host's) for the container's.
 */
TEST_F(lab, host_root_never_archived)
{
	struct box box;

	BOX_START(&box, "box", IMG, "sleep", "1000");
	MYDOCKER("stop", "-t", "0", "box");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop box: " STATUS_FMT, STATUS_ARGS);
	DECOY_START(&self->decoy);
	RECORD_POINT_AT("box", &self->decoy);
	MYDOCKER("commit", "box", "snap");
	EXPECT_FALSE(image_holds(self->image_tar, "host-secret"))
		TH_LOG("mydocker commit box snap, its record's PID a host process: the image holds the host's %s",
		       self->secret);
	EXPECT_TRUE(decoy_alive(&self->decoy))
		TH_LOG("the host process PID %d was harmed", self->decoy.pid);
}

/* An image name that climbs out of the layers: refused, naming it. */
TEST_F(lab, image_escape_refused)
{
	struct box box;

	/* Stopped by stop, which returns once the record is final (from
	 * 09-monitor on its monitor writes it): then the damage stays. */
	BOX_START(&box, "box", IMG, "sleep", "1000");
	MYDOCKER("stop", "-t", "0", "box");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop box: " STATUS_FMT, STATUS_ARGS);
	RECORD_SET("box", "image", "\"../../../../etc\"");
	MYDOCKER("commit", "box", "snap");
	EXPECT_ERROR(1, "mydocker commit box snap (its record's image is ../../../../etc)");
	EXPECT_NE(NULL, strstr(self->res.err, "'image'"))
		TH_LOG("the error should name the field 'image', got '%s'", ERR);
	EXPECT_FALSE(image_holds(self->image_tar, "shadow"))
		TH_LOG("the image holds the host's /etc/shadow");
	EXPECT_FALSE(lab_exists(self->image_tar))
		TH_LOG("a refused commit wrote %s", self->image_tar);
}

TEST_HARNESS_MAIN
