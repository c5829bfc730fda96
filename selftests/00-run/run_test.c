// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 00: "mydocker run". Each test is one claim about what a user of
 * run sees, or what the kernel shows while and after a container runs:
 * its namespaces, its root, its volumes, its cgroup limits, its exit code,
 * and that nothing is left behind.
 *
 * Needs root; run through selftests/run.sh, which sets MYDOCKER_BIN and
 * MYDOCKER_IMAGE.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE
/* Shown in messages, so a student can paste what failed into a shell. */
#define CMD_PREFIX "mydocker run "

/* Prints the container's cgroups, then waits: the test reads the kernel's
 * cgroup files while it runs, then ends it with a line on its stdin. */
#define CGROUP_REPORTER "cat /proc/self/cgroup; echo END; read x"

extern char **environ;

LAB_FIXTURE();

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Does the output of env, @env, set the variable @name (@len chars)? */
static bool env_has(const char *env, const char *name, size_t len)
{
	const char *p;

	for (p = env; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, name, len) && p[len] == '=')
			return true;
	return false;
}

/* ---- the container's view of the world ---- */

TEST_F(lab, hostname_is_container_name)
{
	MYDOCKER("run", "--name", "bird", IMG, "hostname");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "--name bird busybox hostname: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("bird\\n", OUT)
		TH_LOG("the container's hostname should be its name 'bird' (a new UTS namespace + sethostname)");
}

TEST_F(lab, default_hostname_is_id_not_host)
{
	char host[256] = "", name[256] = "";
	size_t len;

	gethostname(host, sizeof(host) - 1);
	MYDOCKER("run", IMG, "hostname");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox hostname: " STATUS_FMT, STATUS_ARGS);
	len = strcspn(self->res.out, "\n");
	snprintf(name, sizeof(name), "%.*s", (int)len, self->res.out);
	EXPECT_STRNE(host, name)
		TH_LOG("the container sees the host's hostname: no new UTS namespace?");
	EXPECT_TRUE(len == 12 && strspn(name, "0123456789abcdef") == 12)
		TH_LOG("without --name the hostname should be the container ID, 12 lowercase hex characters; got '%s'",
		       name);
}

TEST_F(lab, command_is_pid_1)
{
	MYDOCKER("run", IMG, "sh", "-c", "echo $$");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox sh -c 'echo $$': " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("1\\n", OUT)
		TH_LOG("the command should be PID 1 of a new PID namespace");
}

TEST_F(lab, proc_shows_only_container_processes)
{
	char *line, *save = NULL;
	int pids = 0, one = 0;

	MYDOCKER("run", IMG, "ls", "-1", "/proc");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox ls -1 /proc: " STATUS_FMT, STATUS_ARGS);
	for (line = strtok_r(self->res.out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!all_digits(line))
			continue;
		pids++;
		one += !strcmp(line, "1");
	}
	EXPECT_EQ(1, pids)
		TH_LOG("/proc inside should list one process (ls itself, PID 1), it listed %d: is a fresh /proc mounted for the new PID namespace?",
		       pids);
	EXPECT_EQ(1, one) TH_LOG("/proc inside has no '1'");
}

TEST_F(lab, namespaces_differ_from_host)
{
	static const char *const names[] = { "uts", "pid", "mnt", "ipc", "net" };
	char host[64], path[64], *line, *save = NULL;
	size_t i;

	MYDOCKER("run", IMG, "sh", "-c",
		 "for n in uts pid mnt ipc net; do readlink /proc/self/ns/$n; done");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox sh -c 'readlink /proc/self/ns/...': " STATUS_FMT,
		       STATUS_ARGS);
	line = strtok_r(self->res.out, "\n", &save);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		ssize_t n;

		ASSERT_NE(NULL, line)
			TH_LOG("no line for the %s namespace", names[i]);
		snprintf(path, sizeof(path), "/proc/self/ns/%s", names[i]);
		n = readlink(path, host, sizeof(host) - 1);
		ASSERT_LT(0, n);
		host[n] = '\0';
		EXPECT_STRNE(host, line)
			TH_LOG("the container shares the host's %s namespace (%s)",
			       names[i], host);
		line = strtok_r(NULL, "\n", &save);
	}
}

TEST_F(lab, host_mounts_invisible)
{
	char mnt[PATH_MAX], *line, *save = NULL;

	/* A host mount the test knows: it must not show inside. */
	PATHF(mnt, "%s/hostmnt", self->lab.dir);
	ASSERT_EQ(0, mkdir(mnt, 0755));
	ASSERT_EQ(0, mount("lab-hostmnt", mnt, "tmpfs", 0, "size=1m"));

	MYDOCKER("run", IMG, "cat", "/proc/mounts");
	umount2(mnt, MNT_DETACH);
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox cat /proc/mounts: " STATUS_FMT,
		       STATUS_ARGS);
	/* Only the mount point column: the root overlay's options name its
	 * host dirs (lowerdir=...), as in any runtime. */
	for (line = strtok_r(self->res.out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char point[PATH_MAX];

		if (sscanf(line, "%*s %4095s", point) != 1)
			continue;
		EXPECT_EQ(NULL, strstr(point, self->lab.dir))
			TH_LOG("a host mount shows inside the container at %s: was the old root unmounted after pivot_root?",
			       point);
	}
}

/*
 * Make the lab's directory a shared mount, as / is on a systemd machine
 * (and in the lab's guest), in a mount namespace of the test's own so the
 * real host never sees it: mydocker, started by the test, starts there.
 */
static void share_lab_dir(struct __test_metadata *_metadata, const char *dir)
{
	ASSERT_EQ(0, unshare(CLONE_NEWNS))
		TH_LOG("the test cannot make a mount namespace of its own: %s",
		       strerror(errno));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_EQ(0, mount(dir, dir, NULL, MS_BIND, NULL))
		TH_LOG("bind %s onto itself: %s", dir, strerror(errno));
	ASSERT_EQ(0, mount(NULL, dir, NULL, MS_SHARED, NULL))
		TH_LOG("make %s shared: %s", dir, strerror(errno));
}

/*
 * Where / is shared (systemd makes it so), a container's mount namespace
 * starts as a copy whose mounts still propagate to and from the host: the
 * container must make them private (MS_REC | MS_PRIVATE on /) before it
 * mounts anything, or its mounts appear on the host, and its unmounts
 * unmount the host's (the book's readers lost their /proc that way).
 */
TEST_F(lab, container_mounts_stay_inside)
{
	/* From 10-harden on a container may not mount, unless --privileged. */
	const char *privileged = "--privileged";
	char line[256], before[16];
	struct lab_proc *proc;
	int ret, n;

	MYDOCKER("run", "--help");
	if (!strstr(self->res.out, privileged))
		privileged = "-i";	/* said twice: the same */
	share_lab_dir(_metadata, self->lab.dir);
	n = lab_mounts_mentioning("lab-crossing");
	snprintf(before, sizeof(before), "%d", lab_mounts_under(self->lab.dir));
	ASSERT_EQ(0, n);
	ret = lab_spawn(&self->lab, &proc, "run", "-i", privileged, IMG, "sh", "-c",
			"mkdir -p /crossing && mount -t tmpfs lab-crossing /crossing && echo ready && read x; exit 0");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	ret = lab_read_line(proc, line, sizeof(line), 10000);
	if (ret) {
		lab_finish(&self->lab, proc, &self->res);
		ASSERT_EQ(0, ret)
			TH_LOG("with / shared (as systemd sets it up), " CMD_PREFIX "-i busybox sh -c 'mount -t tmpfs ... && echo ready' should mount and say ready; it did not (" STATUS_FMT "): are the container's mounts made private (MS_REC | MS_PRIVATE on /) before anything is mounted?",
			       STATUS_ARGS);
	}
	n = lab_mounts_mentioning("lab-crossing");
	EXPECT_EQ(0, n)
		TH_LOG("a tmpfs the container mounted on its /crossing shows on the host (%d mounts in /proc/self/mountinfo): with / shared, the container must make its mounts private (MS_REC | MS_PRIVATE on /) first",
		       n);
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res));
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "-i busybox sh -c 'mount -t tmpfs ...': " STATUS_FMT,
		       STATUS_ARGS);
	snprintf(line, sizeof(line), "%d", lab_mounts_under(self->lab.dir));
	EXPECT_STREQ(before, line)
		TH_LOG("the host's mounts under %s changed with the run (%s before, %s after): the container's mounts and unmounts must stay in its own namespace",
		       self->lab.dir, before, line);
	EXPECT_EQ(0, lab_mounts_mentioning("lab-crossing"))
		TH_LOG("the container's tmpfs is still mounted on the host after it exited");
}

TEST_F(lab, rootfs_is_the_image)
{
	MYDOCKER("run", IMG, "test", "-x", "/bin/busybox");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("/bin/busybox of the image should be there inside: " CMD_PREFIX "busybox test -x /bin/busybox: " STATUS_FMT,
		       STATUS_ARGS);
}

TEST_F(lab, host_files_invisible)
{
	/* The lab dir exists on the host, so the image cannot have it. */
	MYDOCKER("run", IMG, "test", "-e", self->lab.dir);
	EXPECT_EQ(1, self->res.status)
		TH_LOG("the host's %s should not exist in the container (test -e gave %d, 1 = absent): is the root pivoted to the image?",
		       self->lab.dir, self->res.status);
	if (!lab_exists("/etc/debian_version"))
		return;
	MYDOCKER("run", IMG, "test", "-e", "/etc/debian_version");
	EXPECT_EQ(1, self->res.status)
		TH_LOG("the host's /etc/debian_version should not exist in the container (test -e gave %d)",
		       self->res.status);
}

TEST_F(lab, container_writes_stay_out_of_image)
{
	char layer[PATH_MAX], marker[PATH_MAX];

	MYDOCKER("run", IMG, "sh", "-c", "echo hello > /marker");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox sh -c 'echo hello > /marker': " STATUS_FMT,
		       STATUS_ARGS);

	PATHF(layer, "%s/layers/" IMG, self->lab.root);
	PATHF(marker, "%s/marker", layer);
	ASSERT_TRUE(lab_exists(layer))
		TH_LOG("the image should be unpacked in %s", layer);
	EXPECT_FALSE(lab_exists(marker))
		TH_LOG("%s exists: the container wrote into the image's layer instead of its own upper dir",
		       marker);

	MYDOCKER("run", IMG, "test", "-e", "/marker");
	EXPECT_EQ(1, self->res.status)
		TH_LOG("a second container sees /marker written by the first (test -e gave %d, 1 = absent)",
		       self->res.status);
}

TEST_F(lab, dev_is_minimal)
{
	MYDOCKER("run", IMG, "find", "/dev", "-type", "b");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox find /dev -type b: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("", OUT)
		TH_LOG("the container's /dev should be a fresh minimal one, without the host's block devices");
	MYDOCKER("run", IMG, "test", "-c", "/dev/null");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("/dev/null should be a character device inside");
}

TEST_F(lab, environment_is_clean_default)
{
	static const char *const defaults[] = { "PATH", "HOME", "HOSTNAME", "TERM" };
	char missing[256] = "", leaked[1024] = "";
	char **e;
	size_t i;

	setenv("LAB_HOST_ONLY", "leaked", 1);
	MYDOCKER("run", IMG, "env");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox env: " STATUS_FMT, STATUS_ARGS);
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (!env_has(self->res.out, defaults[i], strlen(defaults[i])))
			snprintf(missing + strlen(missing),
				 sizeof(missing) - strlen(missing), " %s",
				 defaults[i]);
	EXPECT_STREQ("", missing)
		TH_LOG("the container's environment should set PATH, HOME, HOSTNAME and TERM; it has '%s'",
		       OUT);
	/* No variable of the host's, other than those, gets in. */
	for (e = environ; *e; e++) {
		size_t n = strcspn(*e, "=");
		bool is_default = false;

		for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
			is_default |= strlen(defaults[i]) == n &&
				      !strncmp(*e, defaults[i], n);
		if (!is_default && env_has(self->res.out, *e, n))
			snprintf(leaked + strlen(leaked),
				 sizeof(leaked) - strlen(leaked), " %.*s",
				 (int)n, *e);
	}
	EXPECT_STREQ("", leaked)
		TH_LOG("the host's variables leaked into the container's environment: a clean default was expected");
}

/* ---- stdin and stdout ---- */

TEST_F(lab, stdin_passed_with_i)
{
	struct lab_proc *proc;
	int ret;

	ret = lab_spawn(&self->lab, &proc, "run", "-i", IMG, "cat");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	ASSERT_EQ(6, write(proc->in, "hello\n", 6));
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res))
		TH_LOG(CMD_PREFIX "-i busybox cat did not end after its stdin was closed");
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "-i busybox cat: " STATUS_FMT, STATUS_ARGS);
	EXPECT_STREQ("hello\\n", OUT)
		TH_LOG("with -i, cat in the container should echo what mydocker's stdin got");
}

TEST_F(lab, stdin_not_passed_without_i)
{
	struct lab_proc *proc;
	int ret;

	ret = lab_spawn(&self->lab, &proc, "run", IMG, "cat");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	/* Fails with EPIPE if mydocker already closed its stdin: fine. */
	ret = write(proc->in, "hello\n", 6);
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res))
		TH_LOG(CMD_PREFIX "busybox cat did not end");
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox cat: " STATUS_FMT, STATUS_ARGS);
	EXPECT_STREQ("", OUT)
		TH_LOG("without -i the container's stdin should not be mydocker's: cat should read nothing");
}

TEST_F(lab, large_output_complete)
{
	/* 300000 lines of 10 bytes: far more than a pipe holds. */
	MYDOCKER("run", IMG, "sh", "-c", "yes abcdefghi | head -n 300000");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox sh -c 'yes abcdefghi | head -n 300000': " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_EQ(3000000UL, self->res.out_len)
		TH_LOG("all of the container's stdout should reach mydocker's stdout");
}

/* ---- volumes ---- */

TEST_F(lab, volume_host_dir_created)
{
	char vol[PATH_MAX], spec[PATH_MAX];
	struct stat st;

	PATHF(vol, "%s/vol", self->lab.dir);
	PATHF(spec, "%s:/data", vol);
	MYDOCKER("run", "-v", spec, IMG, "test", "-d", "/data");
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "-v %s busybox test -d /data: " STATUS_FMT,
		       spec, STATUS_ARGS);
	EXPECT_TRUE(stat(vol, &st) == 0 && S_ISDIR(st.st_mode))
		TH_LOG("the missing host dir %s should have been created", vol);
}

TEST_F(lab, volume_host_file_seen_inside)
{
	char vol[PATH_MAX], file[PATH_MAX], spec[PATH_MAX];

	PATHF(vol, "%s/vol", self->lab.dir);
	PATHF(file, "%s/from-host", vol);
	PATHF(spec, "%s:/data", vol);
	ASSERT_EQ(0, mkdir(vol, 0755));
	ASSERT_EQ(0, lab_write_file(file, "written on the host\n"));

	MYDOCKER("run", "-v", spec, IMG, "cat", "/data/from-host");
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "-v %s busybox cat /data/from-host: " STATUS_FMT,
		       spec, STATUS_ARGS);
	EXPECT_STREQ("written on the host\\n", OUT)
		TH_LOG("a file put in the host dir before the run should be in /data");
}

TEST_F(lab, volume_written_inside_on_host)
{
	char vol[PATH_MAX], file[PATH_MAX], spec[PATH_MAX];
	char text[64] = "";
	int ret;

	PATHF(vol, "%s/vol", self->lab.dir);
	PATHF(file, "%s/from-container", vol);
	PATHF(spec, "%s:/data", vol);
	ASSERT_EQ(0, mkdir(vol, 0755));

	MYDOCKER("run", "-v", spec, IMG, "sh", "-c",
		 "echo written inside > /data/from-container");
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "-v %s busybox sh -c 'echo ... > /data/from-container': " STATUS_FMT,
		       spec, STATUS_ARGS);
	ret = lab_read_file(file, text, sizeof(text));
	ASSERT_EQ(0, ret)
		TH_LOG("%s should exist on the host after the run: %s",
		       file, strerror(-ret));
	EXPECT_STREQ("written inside", text);
}

/*
 * images/NAME.tar: the busybox image with @link (a top-level name) turned
 * into a symlink to @target, an absolute path that exists on the host. A
 * runtime that makes its mount points with plain paths before pivot_root
 * follows such a link out of the container, onto the host.
 */
static int make_linked_image(FIXTURE_DATA(lab) *self, const char *name,
			     const char *link, const char *target)
{
	char stage[PATH_MAX], cmd[5 * PATH_MAX];
	int n;

	if (lab_pathf(stage, "%s/stage-%s", self->lab.dir, name))
		return -ENAMETOOLONG;
	n = snprintf(cmd, sizeof(cmd),
		     "set -e; mkdir '%s'; tar -xf '%s/images/" IMG ".tar' -C '%s'; "
		     "rm -rf '%s/%s'; ln -s '%s' '%s/%s'; "
		     "tar -cf '%s/images/%s.tar' -C '%s' .; rm -rf '%s'",
		     stage, self->lab.root, stage, stage, link, target, stage,
		     link, self->lab.root, name, stage, stage);
	if (n < 0 || n >= (int)sizeof(cmd))
		return -ENAMETOOLONG;
	return system(cmd) == 0 ? 0 : -EIO;
}

TEST_F(lab, volume_through_image_symlink_stays_inside)
{
	char vol[PATH_MAX], file[PATH_MAX], spec[PATH_MAX], outside[PATH_MAX];

	PATHF(vol, "%s/vol", self->lab.dir);
	PATHF(file, "%s/from-host", vol);
	PATHF(spec, "%s:/data/sub", vol);
	PATHF(outside, "%s/outside", self->lab.dir);
	ASSERT_EQ(0, mkdir(vol, 0755));
	ASSERT_EQ(0, mkdir(outside, 0755));
	ASSERT_EQ(0, lab_write_file(file, "written on the host\n"));
	ASSERT_EQ(0, make_linked_image(self, "linked", "data", outside))
		TH_LOG("cannot make an image whose /data is a symlink (tar)");

	MYDOCKER("run", "-v", spec, "linked", "cat", "/data/sub/from-host");
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "-v %s linked cat /data/sub/from-host, where the image's /data -> %s: " STATUS_FMT,
		       spec, outside, STATUS_ARGS);
	EXPECT_STREQ("written on the host\\n", OUT)
		TH_LOG("the volume should be in the container at /data/sub, through its own /data symlink");
	EXPECT_EQ(0, lab_dir_empty_or_absent(outside))
		TH_LOG("the host's %s got an entry: the image's symlink /data -> %s was followed on the host; resolve CTR inside the container's root (openat2 RESOLVE_IN_ROOT)",
		       outside, outside);
}

TEST_F(lab, dev_through_image_symlink_stays_inside)
{
	char outside[PATH_MAX];

	PATHF(outside, "%s/outside", self->lab.dir);
	ASSERT_EQ(0, mkdir(outside, 0755));
	ASSERT_EQ(0, make_linked_image(self, "linked", "dev", outside))
		TH_LOG("cannot make an image whose /dev is a symlink (tar)");

	MYDOCKER("run", "linked", "sh", "-c",
		 "test -c /dev/null && echo ok > /dev/null && echo ok");
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "linked sh -c 'test -c /dev/null ...', where the image's /dev -> %s (which the container resolves inside its root): " STATUS_FMT,
		       outside, STATUS_ARGS);
	EXPECT_STREQ("ok\\n", OUT);
	EXPECT_EQ(0, lab_dir_empty_or_absent(outside))
		TH_LOG("the host's %s got the container's /dev: the image's symlink /dev -> %s was followed on the host",
		       outside, outside);
}

/* ---- cgroup limits ---- */

TEST_F(lab, memory_limit_kills_hog)
{
	/*
	 * Doubles a string until the limit's OOM kill. Bounded at 256 MiB,
	 * so that a runtime that sets no limit fails this test (exit 0)
	 * instead of eating the host.
	 */
	MYDOCKER("run", "-m", "32m", IMG, "awk",
		 "BEGIN{s=\"x\"; while (length(s) < 268435456) s = s s}");
	EXPECT_EQ(128 + 9, self->res.status)
		TH_LOG("a container growing past -m 32m should be killed by the OOM killer (SIGKILL: exit 137); " STATUS_FMT,
		       STATUS_ARGS);
}

TEST_F(lab, memory_limit_allows_small_use)
{
	MYDOCKER("run", "-m", "64m", IMG, "awk",
		 "BEGIN{s=\"x\"; for (i = 0; i < 20; i++) s = s s; print length(s)}");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("a container using 1 MiB under -m 64m should run fine; " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("1048576\\n", OUT);
}

/*
 * The directory of the container's @controller cgroup (v1 name; on a v2
 * host the one unified dir) from what it printed of /proc/self/cgroup.
 * -EEXIST when it is the cgroup the test itself is in: no cgroup of its own.
 */
static int container_cgroup_dir(const char *cgroups, const char *controller,
				char dir[PATH_MAX])
{
	const char *hier = lab_cgroup_v2() ? "" : controller;
	char path[PATH_MAX], mine[PATH_MAX], self_cgroups[8192];
	int ret;

	ret = lab_cgroup_path(cgroups, hier, path, sizeof(path));
	if (ret)
		return ret;
	ret = lab_read_file("/proc/self/cgroup", self_cgroups,
			    sizeof(self_cgroups));
	if (!ret && !lab_cgroup_path(self_cgroups, hier, mine, sizeof(mine)) &&
	    !strcmp(path, mine))
		return -EEXIST;
	return lab_cgroup_dir(controller, path, dir);
}

/* Read the container's /proc/self/cgroup, as CGROUP_REPORTER prints it. */
static void read_cgroups(struct __test_metadata *_metadata,
			 struct lab_proc *proc, char *cgroups, size_t size)
{
	char line[PATH_MAX];
	size_t len = 0;
	int ret;

	cgroups[0] = '\0';
	for (;;) {
		ret = lab_read_line(proc, line, sizeof(line), 10000);
		ASSERT_EQ(0, ret)
			TH_LOG("the container should print its /proc/self/cgroup and END: %s",
			       strerror(-ret));
		if (!strcmp(line, "END"))
			break;
		len += snprintf(cgroups + len, size - len, "%s\n", line);
		ASSERT_LT(len, size);
	}
}

/* Read the cgroup file @dir/@file. */
static void cgroup_read(struct __test_metadata *_metadata, const char *dir,
			const char *file, char *value, size_t size)
{
	char path[PATH_MAX];
	int ret;

	PATHF(path, "%s/%s", dir, file);
	ret = lab_read_file(path, value, size);
	ASSERT_EQ(0, ret) TH_LOG("cannot read %s: %s", path, strerror(-ret));
}

/* The dir of @controller for the running container, asserted to exist. */
static void cgroup_dir_of(struct __test_metadata *_metadata,
			  const char *cgroups, const char *controller,
			  char dir[PATH_MAX])
{
	int ret = container_cgroup_dir(cgroups, controller, dir);
	char shown[2048];

	ASSERT_NE(-EEXIST, ret)
		TH_LOG("the container is in mydocker's own %s cgroup, not one of its own: '%s'",
		       controller, lab_escape(cgroups, shown, sizeof(shown)));
	ASSERT_EQ(0, ret)
		TH_LOG("no %s line in the container's /proc/self/cgroup: '%s'",
		       controller, lab_escape(cgroups, shown, sizeof(shown)));
}

static void expect_memory_limit(struct __test_metadata *_metadata,
				const char *dir, unsigned long long bytes)
{
	char value[64];

	cgroup_read(_metadata, dir, lab_cgroup_v2() ? "memory.max" :
		    "memory.limit_in_bytes", value, sizeof(value));
	EXPECT_EQ(bytes, strtoull(value, NULL, 10))
		TH_LOG("the kernel's memory limit in %s is %s", dir, value);
}

static void expect_cpu_ratio(struct __test_metadata *_metadata,
			     const char *dir, double cpus)
{
	char quota[64], period[64];
	long long q, p;

	if (lab_cgroup_v2()) {
		cgroup_read(_metadata, dir, "cpu.max", quota, sizeof(quota));
		ASSERT_EQ(2, sscanf(quota, "%lld %lld", &q, &p))
			TH_LOG("%s/cpu.max is '%s', expected 'QUOTA PERIOD'",
			       dir, quota);
	} else {
		cgroup_read(_metadata, dir, "cpu.cfs_quota_us", quota,
			    sizeof(quota));
		cgroup_read(_metadata, dir, "cpu.cfs_period_us", period,
			    sizeof(period));
		q = strtoll(quota, NULL, 10);
		p = strtoll(period, NULL, 10);
	}
	ASSERT_LT(0, p);
	/* The period is the runtime's choice (100 ms is usual); --cpus is
	 * the share of it. */
	EXPECT_EQ((long long)(cpus * p), q)
		TH_LOG("--cpus %g: the kernel's CPU quota in %s is %lld us per %lld us",
		       cpus, dir, q, p);
}

static void expect_cpuset(struct __test_metadata *_metadata, const char *dir,
			  const char *cpus)
{
	char value[256];

	cgroup_read(_metadata, dir, "cpuset.cpus", value, sizeof(value));
	EXPECT_STREQ(cpus, value)
		TH_LOG("the kernel's cpuset in %s/cpuset.cpus", dir);
}

TEST_F(lab, cgroup_limits_in_kernel)
{
	char cgroups[8192], mem[PATH_MAX], cpu[PATH_MAX], cpuset[PATH_MAX];
	struct lab_proc *proc;
	int ret;

	ret = lab_spawn(&self->lab, &proc, "run", "-i", "-m", "100m",
			"--cpus", "0.5", "--cpuset", "0", IMG,
			"sh", "-c", CGROUP_REPORTER);
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	read_cgroups(_metadata, proc, cgroups, sizeof(cgroups));

	cgroup_dir_of(_metadata, cgroups, "memory", mem);
	cgroup_dir_of(_metadata, cgroups, "cpu", cpu);
	cgroup_dir_of(_metadata, cgroups, "cpuset", cpuset);
	expect_memory_limit(_metadata, mem, 100ULL << 20);
	expect_cpu_ratio(_metadata, cpu, 0.5);
	expect_cpuset(_metadata, cpuset, "0");

	ASSERT_EQ(1, write(proc->in, "\n", 1));
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res))
		TH_LOG("the container did not end after 'read x' got its line");
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "-i -m 100m --cpus 0.5 --cpuset 0 ...: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_FALSE(lab_exists(mem))
		TH_LOG("the container's cgroup %s is still there after it exited", mem);
	EXPECT_FALSE(lab_exists(cpu))
		TH_LOG("the container's cgroup %s is still there after it exited", cpu);
	EXPECT_FALSE(lab_exists(cpuset))
		TH_LOG("the container's cgroup %s is still there after it exited", cpuset);
}

/* ---- arguments and exit codes ---- */

TEST_F(lab, arguments_preserved)
{
	MYDOCKER("run", IMG, "printf", "[%s]\\n", "a b", "\"q\"", "");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox printf '[%%s]\\n' 'a b' '\"q\"' '': " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("[a b]\\n[\"q\"]\\n[]\\n", OUT)
		TH_LOG("each argument should reach the command as it was given: spaces, quotes and an empty one");
}

TEST_F(lab, exit_code_0)
{
	MYDOCKER("run", IMG, "true");
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox true: " STATUS_FMT, STATUS_ARGS);
}

TEST_F(lab, exit_code_of_command)
{
	MYDOCKER("run", IMG, "sh", "-c", "exit 3");
	EXPECT_EQ(3, self->res.status)
		TH_LOG(CMD_PREFIX "busybox sh -c 'exit 3' should exit 3: " STATUS_FMT,
		       STATUS_ARGS);
}

TEST_F(lab, exit_code_126_not_executable)
{
	MYDOCKER("run", IMG, "/etc/passwd");
	EXPECT_EQ(126, self->res.status)
		TH_LOG(CMD_PREFIX "busybox /etc/passwd (not executable) should exit 126: " STATUS_FMT,
		       STATUS_ARGS);
}

TEST_F(lab, exit_code_127_not_found)
{
	MYDOCKER("run", IMG, "nosuchcmd");
	EXPECT_EQ(127, self->res.status)
		TH_LOG(CMD_PREFIX "busybox nosuchcmd should exit 127: " STATUS_FMT,
		       STATUS_ARGS);
}

/* ---- nothing left behind ---- */

TEST_F(lab, no_mounts_left)
{
	char spec[PATH_MAX];

	PATHF(spec, "%s/vol:/data", self->lab.dir);
	MYDOCKER("run", "-v", spec, IMG, "true");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "-v %s busybox true: " STATUS_FMT, spec,
		       STATUS_ARGS);
	EXPECT_EQ(0, lab_mounts_mentioning(self->lab.dir))
		TH_LOG("after the container exited, the host still has mounts that mention %s (see /proc/self/mountinfo): overlay or volume mounts made outside the container's mount namespace?",
		       self->lab.dir);
}

TEST_F(lab, no_container_dir_left)
{
	char dir[PATH_MAX];

	PATHF(dir, "%s/containers", self->lab.root);
	MYDOCKER("run", IMG, "true");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox true: " STATUS_FMT, STATUS_ARGS);
	EXPECT_EQ(0, lab_dir_empty_or_absent(dir))
		TH_LOG("%s should be empty or absent after the container exited",
		       dir);
}

TEST_F(lab, no_state_left)
{
	MYDOCKER("run", IMG, "true");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox true: " STATUS_FMT, STATUS_ARGS);
	EXPECT_EQ(0, lab_dir_empty_or_absent(self->lab.run))
		TH_LOG("$MYDOCKER_RUN (%s) should be empty or absent after the container exited",
		       self->lab.run);
}

TEST_F(lab, no_cgroup_left)
{
	static const char *const controllers[] = { "memory", "cpu", "cpuset" };
	char dir[PATH_MAX], cgroups[8192];
	size_t i;

	MYDOCKER("run", IMG, "cat", "/proc/self/cgroup");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox cat /proc/self/cgroup: " STATUS_FMT,
		       STATUS_ARGS);
	snprintf(cgroups, sizeof(cgroups), "%s", self->res.out);
	for (i = 0; i < sizeof(controllers) / sizeof(controllers[0]); i++) {
		/* -EEXIST: it ran in mydocker's cgroup, nothing to remove. */
		if (container_cgroup_dir(cgroups, controllers[i], dir))
			continue;
		EXPECT_FALSE(lab_exists(dir))
			TH_LOG("the container's cgroup %s is still there after it exited",
			       dir);
	}
}

/* ---- bad input: one line on stderr, exit 125, nothing created ---- */

static void expect_rejected(struct __test_metadata *_metadata,
			    FIXTURE_DATA(lab) *self, const char *what)
{
	char containers[PATH_MAX];

	PATHF(containers, "%s/containers", self->lab.root);
	EXPECT_ERROR(125, what);
	EXPECT_EQ(0, lab_dir_empty_or_absent(containers))
		TH_LOG("%s: a rejected run should create nothing, but %s has entries",
		       what, containers);
	EXPECT_EQ(0, lab_dir_empty_or_absent(self->lab.run))
		TH_LOG("%s: a rejected run should create nothing, but %s has entries",
		       what, self->lab.run);
}

TEST_F(lab, rejects_missing_image)
{
	MYDOCKER("run", "nosuchimage", "true");
	expect_rejected(_metadata, self, CMD_PREFIX "nosuchimage true");
	EXPECT_NE(NULL, strstr(self->res.err, "nosuchimage"))
		TH_LOG("the error should name the missing image: '%s'", ERR);
}

TEST_F(lab, rejects_bad_memory_size)
{
	MYDOCKER("run", "-m", "lots", IMG, "true");
	expect_rejected(_metadata, self, CMD_PREFIX "-m lots busybox true");
}

TEST_F(lab, rejects_volume_without_colon)
{
	MYDOCKER("run", "-v", "nocolon", IMG, "true");
	expect_rejected(_metadata, self, CMD_PREFIX "-v nocolon busybox true");
}

TEST_F(lab, rejects_relative_volume_path)
{
	MYDOCKER("run", "-v", "relative:/x", IMG, "true");
	expect_rejected(_metadata, self,
			CMD_PREFIX "-v relative:/x busybox true");
}

TEST_F(lab, rejects_unknown_flag)
{
	MYDOCKER("run", "--bogus", IMG, "true");
	expect_rejected(_metadata, self, CMD_PREFIX "--bogus busybox true");
}

TEST_F(lab, rejects_missing_command)
{
	MYDOCKER("run", IMG);
	expect_rejected(_metadata, self, CMD_PREFIX "busybox");
}

TEST_F(lab, rejects_name_with_slash)
{
	MYDOCKER("run", "--name", "a/b", IMG, "true");
	expect_rejected(_metadata, self, CMD_PREFIX "--name a/b busybox true");
}

TEST_F(lab, rejects_name_dotdot)
{
	MYDOCKER("run", "--name", "..", IMG, "true");
	expect_rejected(_metadata, self, CMD_PREFIX "--name .. busybox true");
}

/* ---- the book's single-dash spellings ---- */

TEST_F(lab, book_spelling_name)
{
	MYDOCKER("run", "-name", "bird", IMG, "hostname");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "-name bird busybox hostname: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("bird\\n", OUT)
		TH_LOG("-name (the book's spelling) should work as --name");
}

TEST_F(lab, book_spelling_mem)
{
	char cgroups[8192], dir[PATH_MAX];
	struct lab_proc *proc;
	int ret;

	ret = lab_spawn(&self->lab, &proc, "run", "-i", "-mem", "100m", IMG,
			"sh", "-c", CGROUP_REPORTER);
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	read_cgroups(_metadata, proc, cgroups, sizeof(cgroups));
	cgroup_dir_of(_metadata, cgroups, "memory", dir);
	expect_memory_limit(_metadata, dir, 100ULL << 20);
	ASSERT_EQ(1, write(proc->in, "\n", 1));
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res))
		TH_LOG("the container did not end after 'read x' got its line");
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "-i -mem 100m ...: " STATUS_FMT, STATUS_ARGS);
}

TEST_F(lab, book_spelling_cpuset)
{
	char cgroups[8192], dir[PATH_MAX];
	struct lab_proc *proc;
	int ret;

	ret = lab_spawn(&self->lab, &proc, "run", "-i", "-cpuset", "0", IMG,
			"sh", "-c", CGROUP_REPORTER);
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	read_cgroups(_metadata, proc, cgroups, sizeof(cgroups));
	cgroup_dir_of(_metadata, cgroups, "cpuset", dir);
	expect_cpuset(_metadata, dir, "0");
	ASSERT_EQ(1, write(proc->in, "\n", 1));
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res))
		TH_LOG("the container did not end after 'read x' got its line");
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "-i -cpuset 0 ...: " STATUS_FMT, STATUS_ARGS);
}

TEST_HARNESS_MAIN
