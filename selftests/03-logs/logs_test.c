// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 03: "mydocker logs [-f]". Each test is one claim about where a
 * detached container's output goes and what logs shows of it: stdout and
 * stderr in one file at $MYDOCKER_RUN/<name>/container.log, in the order
 * written, 10 MB intact; logs -f shows what is written after it started,
 * waits without spinning and returns when the container ends; unknown
 * and foreground containers are clear errors.
 *
 * Needs root; run through selftests/run.sh, which sets MYDOCKER_BIN and
 * MYDOCKER_IMAGE.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE
#define ID_LEN LAB_ID_LEN
#define WAIT_MS 15000		/* for a short command to end */
/* For a line to come, or logs to return once all is printed: a bound,
 * not a sleep, with room for a loaded host or an emulated guest. */
#define RETURN_MS 10000

/*
 * A container that says "one", waits until the test creates /ctl/go (a
 * volume), says "two" and ends: the test decides when "two" is written.
 */
#define TWO_STEPS "echo one; while [ ! -e /ctl/go ]; do sleep 0.1; done; echo two"

LAB_FIXTURE();

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* utime + stime of @pid, fields 14 and 15 of /proc/PID/stat, in ticks. */
static long long cpu_ticks_of(pid_t pid)
{
	char path[64], stat[1024], *p;
	unsigned long long user, sys;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (lab_read_file(path, stat, sizeof(stat)))
		return -1;
	p = strrchr(stat, ')');
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
			 "%llu %llu", &user, &sys) != 2)
		return -1;
	return user + sys;
}

static void file_path(struct __test_metadata *_metadata,
		      FIXTURE_DATA(lab) *self, const char *name,
		      const char *file, char path[PATH_MAX])
{
	PATHF(path, "%s/%s/%s", self->lab.run, name, file);
}

/*
 * Wait until the process the record of @name names has ended, within
 * @timeout_ms: a pidfd, after which the start time says whether it is still
 * the container's process at all.
 */
static void wait_container_end_ms(struct __test_metadata *_metadata,
				  FIXTURE_DATA(lab) *self, const char *name,
				  int timeout_ms)
{
	long long pid, start;
	char path[PATH_MAX];
	json_error_t error;
	json_t *root;

	file_path(_metadata, self, name, "config.json", path);
	root = json_load_file(path, 0, &error);
	ASSERT_NE(NULL, root)
		TH_LOG("cannot read the record %s: %s", path, error.text);
	pid = json_is_integer(json_object_get(root, "pid")) ?
	      json_integer_value(json_object_get(root, "pid")) : -1;
	start = json_is_integer(json_object_get(root, "start_time")) ?
		json_integer_value(json_object_get(root, "start_time")) : -1;
	json_decref(root);
	ASSERT_LT(0, pid) TH_LOG("the record %s has no pid", path);
	ASSERT_EQ(0, lab_wait_same_gone(pid, start, timeout_ms))
		TH_LOG("container %s (pid %lld) did not end within %d ms",
		       name, pid, timeout_ms);
}

#define wait_container_end(_metadata, self, name) \
	wait_container_end_ms(_metadata, self, name, WAIT_MS)

/* Wait up to @timeout_ms for @path to appear (inotify on its dir). */
static int wait_for_file(const char *dir, const char *path, int timeout_ms)
{
	struct pollfd pfd = { .events = POLLIN };
	long long deadline = now_ms() + timeout_ms;
	char events[4096];
	int ret = -ETIMEDOUT;

	pfd.fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (pfd.fd < 0)
		return -errno;
	if (inotify_add_watch(pfd.fd, dir, IN_CREATE | IN_MOVED_TO) < 0) {
		ret = -errno;
		goto out;
	}
	for (;;) {
		long long left = deadline - now_ms();

		if (lab_exists(path)) {
			ret = 0;
			break;
		}
		if (left <= 0 || poll(&pfd, 1, left) <= 0)
			break;
		while (read(pfd.fd, events, sizeof(events)) > 0)
			;
	}
out:
	close(pfd.fd);
	return ret;
}

/* The -v spec of the control dir for TWO_STEPS, created on the host. */
static void control_volume(struct __test_metadata *_metadata,
			   FIXTURE_DATA(lab) *self, char spec[PATH_MAX],
			   char go[PATH_MAX])
{
	char dir[PATH_MAX];

	PATHF(dir, "%s/ctl", self->lab.dir);
	PATHF(spec, "%s:/ctl", dir);
	PATHF(go, "%s/go", dir);
	ASSERT_EQ(0, mkdir(dir, 0755));
}

/* ---- where the output goes ---- */

TEST_F(lab, stdout_and_stderr_in_order)
{
	char id[ID_LEN + 1];

	DETACH(id, "--name order busybox sh -c 'echo 1; echo 2 >&2; echo 3'",
	       "--name", "order", IMG, "sh", "-c", "echo 1; echo 2 >&2; echo 3");
	wait_container_end(_metadata, self, "order");
	MYDOCKER("logs", "order");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker logs order: " STATUS_FMT, STATUS_ARGS);
	EXPECT_STREQ("1\\n2\\n3\\n", OUT)
		TH_LOG("logs should show stdout and stderr of the container in the order they were written");
	EXPECT_STREQ("", ERR);
}

TEST_F(lab, output_not_on_caller)
{
	char id[ID_LEN + 1], path[PATH_MAX], log[256];
	int ret;

	DETACH(id, "--name quiet busybox sh -c 'echo out; echo err >&2'",
	       "--name", "quiet", IMG, "sh", "-c", "echo out; echo err >&2");
	EXPECT_STREQ("", ERR)
		TH_LOG("the detached container's stderr should go to its log, not to run's stderr");
	wait_container_end(_metadata, self, "quiet");
	file_path(_metadata, self, "quiet", "container.log", path);
	ret = lab_read_file(path, log, sizeof(log));
	ASSERT_EQ(0, ret) TH_LOG("cannot read %s: %s", path, strerror(-ret));
	EXPECT_STREQ("out\nerr", log)
		TH_LOG("%s should hold what the container wrote, not the caller's terminal",
		       path);
}

TEST_F(lab, log_file_at_contract_path)
{
	char id[ID_LEN + 1], path[PATH_MAX], log[256];
	int ret;

	DETACH(id, "--name where busybox echo hello", "--name", "where", IMG,
	       "echo", "hello");
	wait_container_end(_metadata, self, "where");
	file_path(_metadata, self, "where", "container.log", path);
	ret = lab_read_file(path, log, sizeof(log));
	ASSERT_EQ(0, ret)
		TH_LOG("the log should be $MYDOCKER_RUN/<name>/container.log, %s: %s",
		       path, strerror(-ret));
	EXPECT_STREQ("hello", log);
}

TEST_F(lab, container_writes_to_log_file)
{
	char id[ID_LEN + 1], path[PATH_MAX], fd[64];
	struct stat log, st;
	pid_t pid;
	int i, ret;

	DETACH(id, "--name fds busybox sleep 30", "--name", "fds", IMG,
	       "sleep", "30");
	ret = lab_container_pid(id, &pid);
	ASSERT_EQ(0, ret) TH_LOG("container fds is not running");
	file_path(_metadata, self, "fds", "container.log", path);
	ASSERT_EQ(0, stat(path, &log))
		TH_LOG("no log at %s while the container runs", path);
	for (i = 1; i <= 2; i++) {
		snprintf(fd, sizeof(fd), "/proc/%d/fd/%d", pid, i);
		ASSERT_EQ(0, stat(fd, &st)) TH_LOG("cannot stat %s", fd);
		EXPECT_TRUE(st.st_dev == log.st_dev && st.st_ino == log.st_ino)
			TH_LOG("fd %d of the container's PID 1 should be its log %s",
			       i, path);
	}
}

/* Wait until the file @path holds exactly @want (up to WAIT_MS). */
static int wait_for_text(const char *path, const char *want)
{
	const struct timespec pause = { 0, 10 * 1000 * 1000 };
	long long deadline = now_ms() + WAIT_MS;
	char text[256];

	while (lab_read_file(path, text, sizeof(text)) || strcmp(text, want)) {
		if (now_ms() > deadline)
			return -ETIMEDOUT;
		nanosleep(&pause, NULL);
	}
	return 0;
}

/*
 * TWO_STEPS in container @name: its log is "one\n"; @meddle does to the
 * log what another program would, then the container writes "two\n".
 */
static void log_meddled(struct __test_metadata *_metadata,
			FIXTURE_DATA(lab) *self, const char *name,
			void (*meddle)(struct __test_metadata *, const char *))
{
	char id[ID_LEN + 1], spec[PATH_MAX], go[PATH_MAX], path[PATH_MAX];

	control_volume(_metadata, self, spec, go);
	DETACH(id, "-v CTL:/ctl busybox sh -c '" TWO_STEPS "'", "--name", name,
	       "-v", spec, IMG, "sh", "-c", TWO_STEPS);
	file_path(_metadata, self, name, "container.log", path);
	ASSERT_EQ(0, wait_for_text(path, "one"))
		TH_LOG("the container's first line 'one' should be in its log %s",
		       path);
	meddle(_metadata, path);
	ASSERT_EQ(0, lab_write_file(go, ""));
	wait_container_end(_metadata, self, name);
	MYDOCKER("logs", name);
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker logs %s: " STATUS_FMT, name, STATUS_ARGS);
}

/* logrotate's copytruncate: the file is emptied under the writer. */
static void truncate_log(struct __test_metadata *_metadata, const char *path)
{
	ASSERT_EQ(0, truncate(path, 0))
		TH_LOG("truncate %s: %s", path, strerror(errno));
}

/* Another program adds a line of its own (O_APPEND, as >> does). */
static void append_to_log(struct __test_metadata *_metadata, const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);

	ASSERT_LE(0, fd) TH_LOG("open %s: %s", path, strerror(errno));
	EXPECT_EQ(8, write(fd, "outside\n", 8));
	close(fd);
}

TEST_F(lab, log_appends_after_truncation)
{
	log_meddled(_metadata, self, "rotated", truncate_log);
	EXPECT_EQ(4, self->res.out_len)
		TH_LOG("after the log was truncated (as logrotate's copytruncate does), it should hold the container's next line 'two\\n' alone, 4 bytes; logs printed %zu: was container.log opened with O_APPEND? Without it the container writes at its old offset, after a hole of NUL bytes",
		       self->res.out_len);
	EXPECT_STREQ("two\\n", OUT)
		TH_LOG("after the log was truncated (as logrotate's copytruncate does), the container's next line should start the file; got '%s': was container.log opened with O_APPEND? Without it the container writes at its old offset, after a hole of NUL bytes",
		       OUT);
}

TEST_F(lab, log_keeps_what_others_append)
{
	log_meddled(_metadata, self, "shared", append_to_log);
	EXPECT_STREQ("one\\noutside\\ntwo\\n", OUT)
		TH_LOG("a line another program appended to the log should stay, and the container's next line come after it; got '%s': was container.log opened with O_APPEND? Without it the container writes over it",
		       OUT);
}

/* 10 MB through the log and back: more time than the default 30 s. */
TEST_F_TIMEOUT(lab, large_output_intact, 90)
{
	const int count = 1450000;	/* "1\n" .. "1450000\n": over 10 MiB */
	char id[ID_LEN + 1], num[16];
	size_t len = 0, at;
	char *want;
	int i;

	want = malloc(16 * count);
	ASSERT_NE(NULL, want);
	for (i = 1; i <= count; i++)
		len += sprintf(want + len, "%d\n", i);
	ASSERT_LT(10u << 20, len);
	snprintf(num, sizeof(num), "%d", count);

	DETACH(id, "--name big busybox seq 1 1450000", "--name", "big", IMG,
	       "seq", "1", num);
	wait_container_end_ms(_metadata, self, "big", 40000);
	self->lab.timeout_ms = 40000;
	MYDOCKER("logs", "big");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker logs big: exit %d", self->res.status);
	EXPECT_EQ(len, self->res.out_len)
		TH_LOG("logs should print all %zu bytes that seq 1 %d wrote",
		       len, count);
	for (at = 0; at < len && at < self->res.out_len; at++)
		if (want[at] != self->res.out[at])
			break;
	EXPECT_EQ(len, at)
		TH_LOG("the output differs from what seq wrote at byte %zu",
		       at);
	free(want);
}

/* ---- logs -f ---- */

TEST_F(lab, follow_shows_lines_written_later)
{
	char id[ID_LEN + 1], spec[PATH_MAX], go[PATH_MAX], line[64];
	struct lab_proc *proc;
	int ret;

	control_volume(_metadata, self, spec, go);
	DETACH(id, "--name talker -v CTL:/ctl busybox sh -c '" TWO_STEPS "'",
	       "--name", "talker", "-v", spec, IMG, "sh", "-c", TWO_STEPS);
	ret = lab_spawn(&self->lab, &proc, "logs", "-f", "talker");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	ret = lab_read_line(proc, line, sizeof(line), RETURN_MS);
	ASSERT_EQ(0, ret)
		TH_LOG("logs -f talker should print 'one' at once: %s",
		       ret == -ENODATA ? "it ended" : strerror(-ret));
	EXPECT_STREQ("one", line);

	/* Only now does the container write "two". */
	ASSERT_EQ(0, lab_write_file(go, ""));
	ret = lab_read_line(proc, line, sizeof(line), RETURN_MS);
	ASSERT_EQ(0, ret)
		TH_LOG("logs -f should print 'two', written after it started: %s",
		       ret == -ENODATA ? "it had ended before" : strerror(-ret));
	EXPECT_STREQ("two", line);
}

TEST_F(lab, follow_returns_when_container_ends)
{
	char id[ID_LEN + 1], spec[PATH_MAX], go[PATH_MAX], line[64];
	struct lab_proc *proc;
	long long start;
	int ret;

	control_volume(_metadata, self, spec, go);
	DETACH(id, "--name talker -v CTL:/ctl busybox sh -c '" TWO_STEPS "'",
	       "--name", "talker", "-v", spec, IMG, "sh", "-c", TWO_STEPS);
	ret = lab_spawn(&self->lab, &proc, "logs", "-f", "talker");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	ret = lab_read_line(proc, line, sizeof(line), RETURN_MS);
	ASSERT_EQ(0, ret) TH_LOG("logs -f talker printed no first line");
	/* The container still runs: logs -f must keep following. */
	ret = lab_read_line(proc, line, sizeof(line), 500);
	ASSERT_EQ(-ETIMEDOUT, ret)
		TH_LOG("logs -f should go on while the container runs; %s",
		       ret == -ENODATA ? "it ended" : "it printed more");

	ASSERT_EQ(0, lab_write_file(go, ""));
	start = now_ms();
	self->lab.timeout_ms = RETURN_MS + 5000;
	ret = lab_finish(&self->lab, proc, &self->res);
	ASSERT_EQ(0, ret)
		TH_LOG("logs -f should return by itself once the container ended; it was still running %d ms later",
		       self->lab.timeout_ms);
	EXPECT_GT(RETURN_MS, now_ms() - start)
		TH_LOG("logs -f took %lld ms to return after the container ended",
		       now_ms() - start);
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker logs -f talker: " STATUS_FMT, STATUS_ARGS);
	EXPECT_STREQ("two\\n", OUT)
		TH_LOG("logs -f should print all of the log before it returns");
}

TEST_F(lab, follow_exited_returns_at_once)
{
	char id[ID_LEN + 1];

	DETACH(id, "--name done busybox sh -c 'echo a; echo b'", "--name",
	       "done", IMG, "sh", "-c", "echo a; echo b");
	wait_container_end(_metadata, self, "done");
	self->lab.timeout_ms = RETURN_MS;
	MYDOCKER("logs", "-f", "done");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker logs -f done: " STATUS_FMT, STATUS_ARGS);
	EXPECT_STREQ("a\\nb\\n", OUT)
		TH_LOG("logs -f of an exited container should print its whole log");
}

TEST_F(lab, follow_waits_without_spinning)
{
	char id[ID_LEN + 1], line[64];
	struct lab_proc *proc;
	long long before, after;
	int ret;

	DETACH(id, "--name idle busybox sleep 30", "--name", "idle", IMG,
	       "sleep", "30");
	ret = lab_spawn(&self->lab, &proc, "logs", "-f", "idle");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	/* Let it settle into its wait, then measure one second of it. */
	ret = lab_read_line(proc, line, sizeof(line), 1000);
	ASSERT_EQ(-ETIMEDOUT, ret)
		TH_LOG("logs -f of a silent running container should print nothing and go on (%s)",
		       ret == -ENODATA ? "it ended" : "it printed");
	before = cpu_ticks_of(proc->pid);
	ret = lab_read_line(proc, line, sizeof(line), 1000);
	after = cpu_ticks_of(proc->pid);
	ASSERT_EQ(-ETIMEDOUT, ret);
	ASSERT_LE(0, before);
	/* A loop would take most of a CPU; a poll() next to nothing. */
	EXPECT_GT(sysconf(_SC_CLK_TCK) / 5, after - before)
		TH_LOG("logs -f used %lld clock ticks of CPU in one second of waiting: it should sleep in poll(), not loop",
		       after - before);
	/* Its container runs on, so it would never end by itself: end it
	 * now, not after the lab's 5 s grace for spawned commands. */
	kill(proc->pid, SIGKILL);
}

/* ---- finding the container ---- */

TEST_F(lab, logs_by_id)
{
	char id[ID_LEN + 1];

	DETACH(id, "--name named busybox echo by-id", "--name", "named", IMG,
	       "echo", "by-id");
	wait_container_end(_metadata, self, "named");
	MYDOCKER("logs", id);
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker logs %s (the ID of 'named'): " STATUS_FMT, id,
		       STATUS_ARGS);
	EXPECT_STREQ("by-id\\n", OUT)
		TH_LOG("logs should find a container by its ID as by its name");
}

TEST_F(lab, unknown_name_fails)
{
	MYDOCKER("logs", "nosuch");
	EXPECT_EQ(1, self->res.status)
		TH_LOG("mydocker logs nosuch should fail with 1; " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_EQ(1, lab_count_lines(self->res.err, self->res.err_len))
		TH_LOG("expected one line on stderr, got '%s'", ERR);
	EXPECT_NE(NULL, strstr(self->res.err, "nosuch"))
		TH_LOG("the error should name what was not found: '%s'", ERR);
	EXPECT_STREQ("", OUT);
}

TEST_F(lab, missing_container_argument_fails)
{
	MYDOCKER("logs");
	EXPECT_EQ(1, self->res.status)
		TH_LOG("mydocker logs without a container should fail with 1; " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_EQ(1, lab_count_lines(self->res.err, self->res.err_len))
		TH_LOG("expected one line on stderr, got '%s'", ERR);
	EXPECT_STREQ("", OUT);
}

TEST_F(lab, foreground_container_has_no_log)
{
	char dir[PATH_MAX], record[PATH_MAX];
	struct lab_result res = { 0 };
	struct lab_proc *proc;
	int ret;

	ret = lab_spawn(&self->lab, &proc, "run", "-i", "--name", "fg", IMG,
			"sh", "-c", "echo ready; read x");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	WAIT_READY(proc, "run -i --name fg busybox sh -c 'echo ready; read x'");
	/* It is known, so logs cannot fail for not finding it. */
	PATHF(dir, "%s/fg", self->lab.run);
	file_path(_metadata, self, "fg", "config.json", record);
	ASSERT_EQ(0, wait_for_file(dir, record, RETURN_MS))
		TH_LOG("the running foreground container has no record at %s",
		       record);

	MYDOCKER("logs", "fg");
	EXPECT_EQ(1, self->res.status)
		TH_LOG("mydocker logs fg (a foreground container) should fail with 1; " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_EQ(1, lab_count_lines(self->res.err, self->res.err_len))
		TH_LOG("expected one line on stderr saying why, got '%s'", ERR);
	EXPECT_NE(NULL, strstr(self->res.err, "fg"))
		TH_LOG("the error should name the container: '%s'", ERR);
	EXPECT_STREQ("", OUT);

	ASSERT_EQ(1, write(proc->in, "\n", 1));
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &res));
	EXPECT_EQ(0, res.status);
	lab_result_free(&res);
}

/*
 * A write must wake logs -f by itself: here the container goes on running
 * after "two" (until /ctl/stop), so no exit can stand in for the wake-up.
 */
#define WRITE_THEN_STAY TWO_STEPS "; while [ ! -e /ctl/stop ]; do sleep 0.1; done"

TEST_F(lab, follow_wakes_on_write_while_running)
{
	char id[ID_LEN + 1], spec[PATH_MAX], go[PATH_MAX], stop[PATH_MAX];
	char line[64];
	struct lab_proc *proc;
	pid_t pid;
	int ret;

	control_volume(_metadata, self, spec, go);
	PATHF(stop, "%s/ctl/stop", self->lab.dir);
	DETACH(id, "--name talker -v CTL:/ctl busybox sh -c '" WRITE_THEN_STAY "'",
	       "--name", "talker", "-v", spec, IMG, "sh", "-c", WRITE_THEN_STAY);
	ret = lab_spawn(&self->lab, &proc, "logs", "-f", "talker");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	ret = lab_read_line(proc, line, sizeof(line), RETURN_MS);
	ASSERT_EQ(0, ret)
		TH_LOG("logs -f talker should print 'one' at once: %s",
		       ret == -ENODATA ? "it ended" : strerror(-ret));
	EXPECT_STREQ("one", line);

	ASSERT_EQ(0, lab_write_file(go, ""));
	ret = lab_read_line(proc, line, sizeof(line), RETURN_MS);
	ASSERT_EQ(0, ret)
		TH_LOG("the container wrote 'two' and runs on: logs -f should print it within %d ms, woken by the write (%s)",
		       RETURN_MS, ret == -ENODATA ? "it ended" : strerror(-ret));
	EXPECT_STREQ("two", line);
	/* Still running: it was the write that woke logs -f, not an exit. */
	ret = lab_container_pid(id, &pid);
	EXPECT_EQ(0, ret)
		TH_LOG("container talker should still run (its cgroup holds no PID 1: %s)",
		       strerror(-ret));

	ASSERT_EQ(0, lab_write_file(stop, ""));
	self->lab.timeout_ms = RETURN_MS + 5000;
	ret = lab_finish(&self->lab, proc, &self->res);
	ASSERT_EQ(0, ret)
		TH_LOG("logs -f should return once the container ended");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker logs -f talker: " STATUS_FMT, STATUS_ARGS);
	EXPECT_STREQ("", OUT)
		TH_LOG("logs -f printed more than the container wrote");
}

TEST_HARNESS_MAIN
