// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 01: "mydocker run -d". Each test is one claim about a detached
 * container: run prints its ID and returns while the command runs on; the
 * container is a process of its own (PID 1 of a new PID namespace, not a
 * child of the caller, in a session of its own, holding none of the
 * caller's pipes); an exec failure is still reported; its cgroup and
 * limits stay with it.
 *
 * Needs root; run through selftests/run.sh, which sets MYDOCKER_BIN and
 * MYDOCKER_IMAGE. Detached containers are ended by lab_destroy(), which
 * kills what runs in the lab's containers' cgroups.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE
/* Shown in messages, so a student can paste what failed into a shell. */
#define CMD_PREFIX "mydocker run -d "
/*
 * How long run -d may take to return while its command runs on: far less
 * than the sleep 30 it starts, and room for a loaded host or an emulated
 * guest, where the first run of a lab also unpacks the image.
 */
#define RETURN_MS 10000
#define ID_LEN LAB_ID_LEN

LAB_FIXTURE();

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Field @n (1-based, n >= 3) of /proc/@pid/stat, as a number. */
static long long proc_stat_field(struct __test_metadata *_metadata, pid_t pid,
				 int n)
{
	char path[64], stat[1024], *p;
	long long value = -1;
	int i, ret;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	ret = lab_read_file(path, stat, sizeof(stat));
	ASSERT_EQ(0, ret) TH_LOG("cannot read %s: %s", path, strerror(-ret));
	/* The fields after the command name start after its last ')'. */
	p = strrchr(stat, ')');
	ASSERT_NE(NULL, p) TH_LOG("%s has no ')': '%s'", path, stat);
	p += 2;
	for (i = 3; i < n && p; i++) {
		p = strchr(p, ' ');
		p = p ? p + 1 : NULL;
	}
	ASSERT_NE(NULL, p) TH_LOG("%s has no field %d", path, n);
	ASSERT_EQ(1, sscanf(p, "%lld", &value))
		TH_LOG("field %d of %s is not a number", n, path);
	return value;
}

/* The NSpid line of /proc/@pid/status: the PID in each namespace. */
static int nspid_levels(pid_t pid, char *last, size_t size)
{
	char path[64], status[4096], *line, *tok, *save = NULL;
	int levels = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (lab_read_file(path, status, sizeof(status)))
		return -ESRCH;
	line = strstr(status, "NSpid:");
	if (!line)
		return -ENOENT;
	line += strlen("NSpid:");
	line[strcspn(line, "\n")] = '\0';
	for (tok = strtok_r(line, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		snprintf(last, size, "%s", tok);
		levels++;
	}
	return levels;
}

/*
 * What a refused or failed run -d must leave: no ID on stdout, one line
 * on stderr, and nothing of a container in the lab.
 */
static void expect_failed_start(struct __test_metadata *_metadata,
				FIXTURE_DATA(lab) *self, const char *what,
				int code)
{
	char containers[PATH_MAX];

	PATHF(containers, "%s/containers", self->lab.root);
	EXPECT_ERROR(code, what);
	EXPECT_STREQ("", OUT)
		TH_LOG("%s: no ID should be printed for a container that does not run",
		       what);
	EXPECT_EQ(0, lab_dir_empty_or_absent(containers))
		TH_LOG("%s: the failed container was left behind in %s (its layer, and so its cgroup and maybe a process)",
		       what, containers);
	EXPECT_EQ(0, lab_dir_empty_or_absent(self->lab.run))
		TH_LOG("%s: the failed container left state in %s",
		       what, self->lab.run);
}

/* ---- run -d returns, the container runs on ---- */

TEST_F(lab, returns_while_command_runs)
{
	char id[ID_LEN + 1];
	long long start, took;
	pid_t pid;

	start = now_ms();
	DETACH(id, "busybox sleep 30", IMG, "sleep", "30");
	took = now_ms() - start;
	EXPECT_GT(RETURN_MS, took)
		TH_LOG(CMD_PREFIX "busybox sleep 30 took %lld ms to return: it should return as soon as sleep runs, not wait for it",
		       took);
	pid = CONTAINER_PID(id);
	EXPECT_EQ(0, kill(pid, 0))
		TH_LOG("the container's sleep (pid %d) should still run after run -d returned",
		       pid);
}

TEST_F(lab, prints_only_the_id)
{
	MYDOCKER("run", "-d", IMG, "sleep", "30");
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox sleep 30: " STATUS_FMT, STATUS_ARGS);
	EXPECT_TRUE(lab_is_id_line(self->res.out, self->res.out_len))
		TH_LOG("run -d should print exactly one line, the ID: 12 lowercase hex characters; got '%s'",
		       OUT);
	EXPECT_STREQ("", ERR)
		TH_LOG("run -d of a command that starts should print nothing on stderr");
}

TEST_F(lab, releases_caller_pipes)
{
	char id[256] = "", rest[256];
	struct lab_proc *proc;
	long long deadline, left;
	struct pollfd pfd;
	int ret, said = 0;
	char c;

	/* Our own pipes on its stdout and stderr, to see them close. */
	ret = lab_spawn(&self->lab, &proc, "run", "-d", IMG, "sleep", "30");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	ret = lab_read_line(proc, id, sizeof(id), RETURN_MS);
	ASSERT_EQ(0, ret)
		TH_LOG(CMD_PREFIX "busybox sleep 30 printed no ID line within %d ms: %s",
		       RETURN_MS, strerror(-ret));
	ret = lab_read_line(proc, rest, sizeof(rest), RETURN_MS);
	EXPECT_EQ(-ENODATA, ret)
		TH_LOG("after the ID, the caller's stdout should reach end of file (%s): the detached sleep must not hold it open, or '$(mydocker run -d ...)' in a shell never returns",
		       ret == -ETIMEDOUT ? "still open" : "more output");

	/* Likewise stderr, which should have had nothing to say. */
	deadline = now_ms() + RETURN_MS;
	pfd = (struct pollfd){ .fd = proc->err, .events = POLLIN };
	ret = -ETIMEDOUT;
	while ((left = deadline - now_ms()) > 0 && poll(&pfd, 1, left) > 0) {
		ssize_t n = read(proc->err, &c, 1);

		if (n > 0) {
			said++;
			continue;
		}
		ret = n == 0 ? 0 : -errno;
		break;
	}
	EXPECT_EQ(0, ret)
		TH_LOG("the caller's stderr should reach end of file (%s): the detached container must not hold it open",
		       strerror(-ret));
	EXPECT_EQ(0, said)
		TH_LOG("run -d of a command that starts wrote %d bytes on stderr",
		       said);

	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res));
	EXPECT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox sleep 30: " STATUS_FMT, STATUS_ARGS);
	CONTAINER_PID(id);
}

/* ---- the container is a process of its own ---- */

TEST_F(lab, command_is_pid_1_of_new_namespace)
{
	char id[ID_LEN + 1], path[64], cmdline[256], last[32];
	int mine, levels;
	pid_t pid;

	DETACH(id, "busybox sleep 30", IMG, "sleep", "30");
	pid = CONTAINER_PID(id);
	mine = nspid_levels(getpid(), last, sizeof(last));
	levels = nspid_levels(pid, last, sizeof(last));
	ASSERT_LT(0, mine);
	EXPECT_EQ(mine + 1, levels)
		TH_LOG("NSpid of the container's process %d should have one more PID namespace than ours (%d)",
		       pid, mine);
	EXPECT_STREQ("1", last)
		TH_LOG("the container's process should be PID 1 in its own PID namespace");

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	ASSERT_EQ(0, lab_read_file(path, cmdline, sizeof(cmdline)));
	EXPECT_STREQ("sleep", cmdline)
		TH_LOG("the container's PID 1 should be the command itself, sleep (cmdline '%s')",
		       cmdline);
	EXPECT_STREQ("30", cmdline + strlen(cmdline) + 1);
}

TEST_F(lab, pid_namespace_differs_from_caller)
{
	char id[ID_LEN + 1], path[64], mine[64], theirs[64];
	ssize_t n;
	pid_t pid;

	DETACH(id, "busybox sleep 30", IMG, "sleep", "30");
	pid = CONTAINER_PID(id);
	n = readlink("/proc/self/ns/pid", mine, sizeof(mine) - 1);
	ASSERT_LT(0, n);
	mine[n] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/ns/pid", pid);
	n = readlink(path, theirs, sizeof(theirs) - 1);
	ASSERT_LT(0, n) TH_LOG("cannot read %s", path);
	theirs[n] = '\0';
	EXPECT_STRNE(mine, theirs)
		TH_LOG("the detached container shares the caller's PID namespace (%s)",
		       mine);
}

TEST_F(lab, reparented_away_from_caller)
{
	char id[256] = "", path[64], exe[PATH_MAX];
	struct lab_proc *proc;
	pid_t mydocker, pid, ppid;
	ssize_t n;
	int ret;

	ret = lab_spawn(&self->lab, &proc, "run", "-d", IMG, "sleep", "30");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	mydocker = proc->pid;
	ret = lab_read_line(proc, id, sizeof(id), RETURN_MS);
	ASSERT_EQ(0, ret) TH_LOG("no ID from run -d: %s", strerror(-ret));
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res));
	ASSERT_EQ(0, self->res.status)
		TH_LOG(CMD_PREFIX "busybox sleep 30: " STATUS_FMT, STATUS_ARGS);

	pid = CONTAINER_PID(id);
	ASSERT_EQ(0, lab_ppid(pid, &ppid));
	EXPECT_NE(getpid(), ppid)
		TH_LOG("the container's parent should not be the caller");
	EXPECT_NE(mydocker, ppid)
		TH_LOG("the container's parent is still the mydocker (pid %d) that started it",
		       mydocker);
	/* Nor another mydocker left behind to wait for it. */
	snprintf(path, sizeof(path), "/proc/%d/exe", ppid);
	n = readlink(path, exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		EXPECT_STRNE(self->lab.bin, exe)
			TH_LOG("the container's parent (pid %d) is a mydocker process: run -d should exit and leave the container to be re-parented",
			       ppid);
	}
}

TEST_F(lab, leaves_caller_session)
{
	char id[ID_LEN + 1];
	long long sid;
	pid_t pid;

	DETACH(id, "busybox sleep 30", IMG, "sleep", "30");
	pid = CONTAINER_PID(id);
	sid = proc_stat_field(_metadata, pid, 6);
	EXPECT_NE(getsid(0), sid)
		TH_LOG("the container is in the caller's session: Ctrl-C or a hangup of the caller's terminal would reach it (setsid)");
	EXPECT_EQ(pid, sid)
		TH_LOG("the container's PID 1 should lead a session of its own (setsid); its session is %lld",
		       sid);
}

TEST_F(lab, stdin_is_dev_null)
{
	char id[256] = "", path[64];
	struct lab_proc *proc;
	struct stat st;
	pid_t pid;
	int ret;

	/* mydocker's stdin is a pipe here: the container must not get it. */
	ret = lab_spawn(&self->lab, &proc, "run", "-d", IMG, "sleep", "30");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	ret = lab_read_line(proc, id, sizeof(id), RETURN_MS);
	ASSERT_EQ(0, ret) TH_LOG("no ID from run -d: %s", strerror(-ret));
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res));

	pid = CONTAINER_PID(id);
	snprintf(path, sizeof(path), "/proc/%d/fd/0", pid);
	ASSERT_EQ(0, stat(path, &st))
		TH_LOG("the container's PID 1 has no stdin (%s): %s", path,
		       strerror(errno));
	EXPECT_TRUE(S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3))
		TH_LOG("the detached container's stdin should be /dev/null (char device 1:3), not the caller's stdin");
}

/* ---- errors are still reported ---- */

TEST_F(lab, exec_not_found_127)
{
	MYDOCKER("run", "-d", IMG, "nosuchcmd");
	expect_failed_start(_metadata, self, CMD_PREFIX "busybox nosuchcmd",
			    127);
	EXPECT_NE(NULL, strstr(self->res.err, "nosuchcmd"))
		TH_LOG("the error should name the command that was not found: '%s'",
		       ERR);
}

TEST_F(lab, exec_not_executable_126)
{
	MYDOCKER("run", "-d", IMG, "/etc/passwd");
	expect_failed_start(_metadata, self, CMD_PREFIX "busybox /etc/passwd",
			    126);
	EXPECT_NE(NULL, strstr(self->res.err, "/etc/passwd"))
		TH_LOG("the error should name the command: '%s'", ERR);
}

TEST_F(lab, missing_image_125)
{
	MYDOCKER("run", "-d", "nosuchimage", "sleep", "30");
	expect_failed_start(_metadata, self,
			    CMD_PREFIX "nosuchimage sleep 30", 125);
	EXPECT_NE(NULL, strstr(self->res.err, "nosuchimage"))
		TH_LOG("the error should name the missing image: '%s'", ERR);
}

TEST_F(lab, refuses_d_with_it)
{
	MYDOCKER("run", "-d", "-it", IMG, "sh");
	expect_failed_start(_metadata, self, "mydocker run -d -it busybox sh",
			    125);
}

TEST_F(lab, refuses_d_with_i)
{
	MYDOCKER("run", "-d", "-i", IMG, "sleep", "30");
	expect_failed_start(_metadata, self,
			    "mydocker run -d -i busybox sleep 30", 125);
}

/* ---- the cgroup belongs to the running container ---- */

TEST_F(lab, memory_limit_applies)
{
	char id[ID_LEN + 1], rel[PATH_MAX], dir[PATH_MAX], file[PATH_MAX];
	char value[64], proc_cgroup[4096], path[PATH_MAX], pids[4096];
	char *line, *save = NULL;
	bool listed = false;
	pid_t pid;
	int ret;

	DETACH(id, "-m 64m busybox sleep 30", "-m", "64m", IMG, "sleep", "30");
	pid = CONTAINER_PID(id);
	PATHF(rel, "/mydocker/%s", id);
	ASSERT_EQ(0, lab_cgroup_dir("memory", rel, dir));

	PATHF(file, "%s/%s", dir, lab_cgroup_v2() ? "memory.max" :
						    "memory.limit_in_bytes");
	ret = lab_read_file(file, value, sizeof(value));
	ASSERT_EQ(0, ret)
		TH_LOG("cannot read %s after run -d returned: %s (was the cgroup removed while the container runs?)",
		       file, strerror(-ret));
	EXPECT_EQ(64ULL << 20, strtoull(value, NULL, 10))
		TH_LOG("-m 64m: the kernel's limit in %s is '%s'", file, value);

	/* The kernel's view from the process's side. */
	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	ASSERT_EQ(0, lab_read_file(path, proc_cgroup, sizeof(proc_cgroup)));
	ASSERT_EQ(0, lab_cgroup_path(proc_cgroup, lab_cgroup_v2() ? "" :
				     "memory", path, sizeof(path)));
	EXPECT_STREQ(rel, path)
		TH_LOG("the container's process %d is in memory cgroup %s, not in its own %s",
		       pid, path, rel);

	PATHF(file, "%s/cgroup.procs", dir);
	ASSERT_EQ(0, lab_read_file(file, pids, sizeof(pids)));
	for (line = strtok_r(pids, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		listed |= atoi(line) == pid;
	EXPECT_TRUE(listed)
		TH_LOG("the container's PID 1 (%d) should be listed in %s",
		       pid, file);
}

TEST_F(lab, cgroup_kept_while_running)
{
	static const char *const v1[] = { "memory", "cpu", "cpuset" };
	char id[ID_LEN + 1], rel[PATH_MAX], dir[PATH_MAX], file[PATH_MAX];
	char pids[4096];
	size_t i, n = lab_cgroup_v2() ? 1 : 3;
	pid_t pid;
	int ret;

	DETACH(id, "busybox sleep 30", IMG, "sleep", "30");
	pid = CONTAINER_PID(id);
	PATHF(rel, "/mydocker/%s", id);
	for (i = 0; i < n; i++) {
		char *line, *save = NULL;
		bool listed = false;

		ASSERT_EQ(0, lab_cgroup_dir(v1[i], rel, dir));
		PATHF(file, "%s/cgroup.procs", dir);
		ret = lab_read_file(file, pids, sizeof(pids));
		EXPECT_EQ(0, ret)
			TH_LOG("the container's cgroup %s should stay while it runs: %s",
			       dir, strerror(-ret));
		if (ret)
			continue;
		for (line = strtok_r(pids, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			listed |= atoi(line) == pid;
		EXPECT_TRUE(listed)
			TH_LOG("the container's PID 1 (%d) should be in %s",
			       pid, file);
	}
}

TEST_HARNESS_MAIN
