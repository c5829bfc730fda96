// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 05: "mydocker stop [-t SECONDS] NAME...". Each test starts
 * detached containers and makes one claim about stopping them: a
 * container that handles SIGTERM ends at once, one that ignores it (PID 1
 * of a namespace without a handler does) is killed after -t; ps and the
 * record then say "stopped"; no process of the container is left (the
 * kernel's /proc and cgroup.procs say so); bad names and bad -t values
 * are reported without keeping the other containers running.
 *
 * Needs root; run through selftests/run.sh, which sets MYDOCKER_BIN and
 * MYDOCKER_IMAGE.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <jansson.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE

/* PID 1 sets a handler and ends on SIGTERM. */
#define POLITE "trap 'echo got TERM; exit 0' TERM; while :; do sleep 0.1; done"

LAB_FIXTURE();

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * "mydocker run -d --name NAME busybox ARGS...", asserted to work; @box gets
 * its ID, paths and, from the kernel, its PID 1.
 */
#define START(box, name, ...) do { \
	BOX_START(box, name, IMG, __VA_ARGS__); \
	BOX_PID(box); \
} while (0)

/* A container running "sleep 1000": PID 1 without a SIGTERM handler. */
#define START_SLEEPER(box, name) START(box, name, "sleep", "1000")

/*
 * Wait (up to 10 s) until @pid has a handler for SIGTERM. Before that, a
 * SIGTERM to the container's sh would be dropped, and the test would
 * measure a race.
 */
#define WAIT_SIGTERM_TRAP(pid) \
	ASSERT_EQ(0, lab_wait_signal_caught(pid, SIGTERM, 10000)) \
		TH_LOG("the container's sh (host PID %d) did not set its SIGTERM trap within 10 s", \
		       pid)

/*
 * The STATUS that "mydocker ps" shows for @name, "" when it lists no such
 * container. The columns are found by the header's names.
 */
static void ps_status(struct __test_metadata *_metadata,
		      FIXTURE_DATA(lab) *self, const char *name,
		      char *status, size_t size)
{
	char *line, *save = NULL, *tok, *tsave;
	int name_col = -1, status_col = -1, col;

	status[0] = '\0';
	MYDOCKER("ps");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker ps: " STATUS_FMT, STATUS_ARGS);
	line = strtok_r(self->res.out, "\n", &save);
	ASSERT_NE(NULL, line) TH_LOG("mydocker ps printed no header");
	for (col = 0, tok = strtok_r(line, " \t", &tsave); tok;
	     col++, tok = strtok_r(NULL, " \t", &tsave)) {
		if (!strcmp(tok, "NAME"))
			name_col = col;
		if (!strcmp(tok, "STATUS"))
			status_col = col;
	}
	ASSERT_TRUE(name_col >= 0 && status_col >= 0)
		TH_LOG("mydocker ps: no NAME and STATUS in its header");
	while ((line = strtok_r(NULL, "\n", &save))) {
		const char *row_name = NULL, *row_status = NULL;

		for (col = 0, tok = strtok_r(line, " \t", &tsave); tok;
		     col++, tok = strtok_r(NULL, " \t", &tsave)) {
			if (col == name_col)
				row_name = tok;
			if (col == status_col)
				row_status = tok;
		}
		if (row_name && row_status && !strcmp(row_name, name)) {
			snprintf(status, size, "%s", row_status);
			return;
		}
	}
}

#define EXPECT_PS_STATUS(name, want, why) do { \
	char __status[64]; \
	ps_status(_metadata, self, name, __status, sizeof(__status)); \
	EXPECT_STREQ(want, __status) \
		TH_LOG("mydocker ps should show %s as '%s' (%s), it shows '%s'", \
		       name, want, why, __status); \
} while (0)

/* $MYDOCKER_RUN/<name>/config.json, parsed; json_decref() it. */
static json_t *read_record(struct __test_metadata *_metadata,
			   FIXTURE_DATA(lab) *self, const char *name)
{
	char path[PATH_MAX];
	json_error_t error;
	json_t *root = NULL;

	PATHF(path, "%s/%s/config.json", self->lab.run, name);
	root = json_load_file(path, 0, &error);
	ASSERT_NE(NULL, root) TH_LOG("cannot read %s: %s", path, error.text);
	return root;
}

/* A string field of the record, "" when it has none. */
static void record_field(struct __test_metadata *_metadata,
			 FIXTURE_DATA(lab) *self, const char *name,
			 const char *key, char *value, size_t size)
{
	json_t *root = read_record(_metadata, self, name);
	const char *text = json_string_value(json_object_get(root, key));

	snprintf(value, size, "%s", text ? text : "");
	json_decref(root);
}

/*
 * An RFC 3339 date-time ("2024-05-01T12:00:00Z", "...00.5+02:00") as
 * seconds since the epoch; -EINVAL for anything else.
 */
static int rfc3339_parse(const char *s, time_t *t)
{
	static const char *const pattern =
		"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}"
		"(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$";
	struct tm tm = { 0 };
	int offset = 0, oh, om, n = 0;
	regex_t re;
	bool ok;

	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB))
		return -EINVAL;
	ok = !regexec(&re, s, 0, NULL, 0);
	regfree(&re);
	if (!ok || sscanf(s, "%4d-%2d-%2d%*c%2d:%2d:%2d%n", &tm.tm_year,
			  &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
			  &tm.tm_sec, &n) != 6)
		return -EINVAL;
	s += n;
	if (*s == '.')
		s += 1 + strspn(s + 1, "0123456789");
	if ((*s == '+' || *s == '-') && sscanf(s + 1, "%2d:%2d", &oh, &om) == 2)
		offset = (*s == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = timegm(&tm) - offset;
	return 0;
}

/* Has @pid (the container's PID 1) exited? Waits up to 2 s for it. */
#define EXPECT_GONE(pid, what) \
	EXPECT_EQ(0, lab_wait_gone(pid, 2000)) \
		TH_LOG("%s: the container's PID 1 (host PID %d) is still running after stop returned", \
		       what, pid)

/* ---- SIGTERM, the grace period, SIGKILL ---- */

TEST_F(lab, handled_sigterm_stops_well_before_t)
{
	struct box box;
	double t0, took;

	START(&box, "polite", "sh", "-c", POLITE);
	WAIT_SIGTERM_TRAP(box.pid);
	t0 = now_s();
	MYDOCKER("stop", "-t", "20", "polite");
	took = now_s() - t0;
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 20 polite: " STATUS_FMT, STATUS_ARGS);
	EXPECT_LT(took, 3.0)
		TH_LOG("the container ends on SIGTERM (its trap exits), so stop -t 20 should return at once; it took %.1f s: does stop wait the whole -t instead of watching the process?",
		       took);
	EXPECT_GONE(box.pid, "mydocker stop -t 20 polite");
}

TEST_F(lab, sigterm_comes_first)
{
	struct box box;

	START(&box, "polite", "sh", "-c", POLITE);
	WAIT_SIGTERM_TRAP(box.pid);
	MYDOCKER("stop", "-t", "20", "polite");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 20 polite: " STATUS_FMT, STATUS_ARGS);
	ASSERT_EQ(0, lab_wait_gone(box.pid, 2000));
	MYDOCKER("logs", "polite");
	EXPECT_NE(NULL, strstr(self->res.out, "got TERM"))
		TH_LOG("the container's SIGTERM trap prints 'got TERM' to its log; mydocker logs polite shows '%s': did stop send SIGKILL without asking first?",
		       OUT);
}

TEST_F(lab, ignored_sigterm_killed_after_t)
{
	struct box box;
	double t0, took;

	START_SLEEPER(&box, "stubborn");
	t0 = now_s();
	MYDOCKER("stop", "-t", "2", "stubborn");
	took = now_s() - t0;
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 2 stubborn: " STATUS_FMT, STATUS_ARGS);
	/* PID 1 without a handler: the kernel drops SIGTERM. */
	EXPECT_GE(took, 2.0)
		TH_LOG("'sleep 1000' as PID 1 ignores SIGTERM; stop -t 2 should wait the 2 s before SIGKILL, it returned after %.2f s",
		       took);
	EXPECT_LT(took, 7.0)
		TH_LOG("stop -t 2 should SIGKILL after 2 s, it took %.1f s", took);
	EXPECT_GONE(box.pid, "mydocker stop -t 2 stubborn");
}

TEST_F(lab, t_0_kills_at_once)
{
	struct box box;
	double t0, took;

	START_SLEEPER(&box, "stubborn");
	t0 = now_s();
	MYDOCKER("stop", "-t", "0", "stubborn");
	took = now_s() - t0;
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 0 stubborn: " STATUS_FMT, STATUS_ARGS);
	EXPECT_LT(took, 3.0)
		TH_LOG("stop -t 0 should SIGKILL without a grace period; it took %.1f s",
		       took);
	EXPECT_GONE(box.pid, "mydocker stop -t 0 stubborn");
}

TEST_F(lab, no_process_of_container_remains)
{
	const struct timespec pause = { 0, 10 * 1000 * 1000 };
	char rel[PATH_MAX], dir[PATH_MAX], procs[PATH_MAX], pids[4096];
	pid_t seen[8];
	int n = 0, i, tries;
	struct box box;
	char *line, *save = NULL;

	/* busybox sh execs the last command: PID 1 sleep, PID 2 sleep. */
	START(&box, "family", "sh", "-c", "sleep 1000 & sleep 1000");
	PATHF(rel, "/mydocker/%s", box.id);
	ASSERT_EQ(0, lab_cgroup_dir("memory", rel, dir));
	PATHF(procs, "%s/cgroup.procs", dir);
	for (tries = 0; tries < 500 && n < 2; tries++) {
		if (tries)
			nanosleep(&pause, NULL);
		ASSERT_EQ(0, lab_read_file(procs, pids, sizeof(pids)))
			TH_LOG("cannot read %s", procs);
		n = lab_count_lines(pids, strlen(pids));
	}
	ASSERT_LE(2, n)
		TH_LOG("the container should have two processes in %s, it has '%s'",
		       procs, pids);
	n = 0;
	for (line = strtok_r(pids, "\n", &save); line && n < 8;
	     line = strtok_r(NULL, "\n", &save))
		seen[n++] = atoi(line);

	MYDOCKER("stop", "-t", "1", "family");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 1 family: " STATUS_FMT, STATUS_ARGS);
	for (i = 0; i < n; i++) {
		EXPECT_EQ(0, lab_wait_gone(seen[i], 2000))
			TH_LOG("host PID %d of the container is still running after stop returned",
			       seen[i]);
	}
	if (lab_read_file(procs, pids, sizeof(pids)))
		pids[0] = '\0';	/* the cgroup is gone: nothing in it */
	EXPECT_STREQ("", pids)
		TH_LOG("%s should be empty after stop, it lists '%s'", procs,
		       pids);
}

/* ---- what ps and the record say ---- */

TEST_F(lab, ps_says_stopped)
{
	struct box box;

	START_SLEEPER(&box, "box");
	MYDOCKER("stop", "-t", "0", "box");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 0 box: " STATUS_FMT, STATUS_ARGS);
	EXPECT_PS_STATUS("box", "stopped", "ended by stop");
}

TEST_F(lab, record_says_stopped_with_time)
{
	char status[64], finished[64];
	time_t before, after, t;
	struct box box;

	START_SLEEPER(&box, "box");
	before = time(NULL);
	MYDOCKER("stop", "-t", "0", "box");
	after = time(NULL);
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 0 box: " STATUS_FMT, STATUS_ARGS);
	record_field(_metadata, self, "box", "status", status, sizeof(status));
	EXPECT_STREQ("stopped", status)
		TH_LOG("config.json of box should say \"status\": \"stopped\"");
	record_field(_metadata, self, "box", "finished", finished,
		     sizeof(finished));
	ASSERT_EQ(0, rfc3339_parse(finished, &t))
		TH_LOG("config.json's \"finished\" should be an RFC 3339 time, it is '%s'",
		       finished);
	EXPECT_TRUE(t >= before - 1 && t <= after + 1)
		TH_LOG("\"finished\" (%s) should be the time of the stop, between %ld and %ld, it is %ld",
		       finished, (long)before, (long)after, (long)t);
}

TEST_F(lab, stop_twice_succeeds)
{
	char first[64], second[64];
	struct box box;

	START_SLEEPER(&box, "box");
	MYDOCKER("stop", "-t", "0", "box");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 0 box: " STATUS_FMT, STATUS_ARGS);
	record_field(_metadata, self, "box", "finished", first, sizeof(first));

	MYDOCKER("stop", "-t", "0", "box");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("stopping a stopped container should succeed: mydocker stop -t 0 box, twice: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("", ERR)
		TH_LOG("stopping a stopped container is no error: nothing on stderr");
	EXPECT_PS_STATUS("box", "stopped", "stopped twice");
	record_field(_metadata, self, "box", "finished", second, sizeof(second));
	EXPECT_STREQ(first, second)
		TH_LOG("the second stop did nothing, so \"finished\" should stay the time of the first");
}

TEST_F(lab, stop_by_id)
{
	struct box box;

	START_SLEEPER(&box, "box");
	MYDOCKER("stop", "-t", "0", box.id);
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 0 %s (the ID run -d printed): " STATUS_FMT,
		       box.id, STATUS_ARGS);
	EXPECT_GONE(box.pid, "mydocker stop -t 0 <ID>");
	EXPECT_PS_STATUS("box", "stopped", "stopped by its ID");
}

TEST_F(lab, unknown_name_others_still_stopped)
{
	struct box a, b;

	START_SLEEPER(&a, "first");
	START_SLEEPER(&b, "second");
	MYDOCKER("stop", "-t", "0", "first", "nosuchbox", "second");
	EXPECT_ERROR(1, "mydocker stop -t 0 first nosuchbox second");
	EXPECT_NE(NULL, strstr(self->res.err, "nosuchbox"))
		TH_LOG("the error should name the unknown container: '%s'", ERR);
	EXPECT_STREQ("first\\nsecond\\n", OUT)
		TH_LOG("stop should print the name of each container it stopped");
	EXPECT_GONE(a.pid, "first, before an unknown name");
	EXPECT_GONE(b.pid, "second, after an unknown name");
	EXPECT_PS_STATUS("first", "stopped", "given before an unknown name");
	EXPECT_PS_STATUS("second", "stopped", "given after an unknown name");
}

TEST_F(lab, exited_container_stays_exited)
{
	char status[64];
	struct box box;
	json_t *root;

	memset(&box, 0, sizeof(box));
	MYDOCKER("run", "-d", "--name", "done", IMG, "true");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker run -d --name done busybox true: " STATUS_FMT,
		       STATUS_ARGS);
	root = read_record(_metadata, self, "done");
	box.pid = json_integer_value(json_object_get(root, "pid"));
	json_decref(root);
	ASSERT_LT(0, box.pid) TH_LOG("config.json of done has no \"pid\"");
	ASSERT_EQ(0, lab_wait_gone(box.pid, 10000))
		TH_LOG("the container's 'true' (host PID %d) did not end", box.pid);
	EXPECT_PS_STATUS("done", "exited", "its command ended by itself");

	MYDOCKER("stop", "done");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("stopping a container that has exited is no error: mydocker stop done: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("", ERR);
	EXPECT_PS_STATUS("done", "exited", "stop found it ended already");
	record_field(_metadata, self, "done", "status", status, sizeof(status));
	EXPECT_STRNE("stopped", status)
		TH_LOG("config.json of done says \"stopped\", but stop did not end it");
}

/* ---- bad -t ---- */

static void expect_bad_t(struct __test_metadata *_metadata,
			 FIXTURE_DATA(lab) *self, const char *value)
{
	char what[128];
	struct box box;

	START_SLEEPER(&box, "box");
	snprintf(what, sizeof(what), "mydocker stop -t %s box", value);
	MYDOCKER("stop", "-t", value, "box");
	EXPECT_ERROR(1, what);
	EXPECT_EQ(0, kill(box.pid, 0))
		TH_LOG("%s was refused, yet the container's PID 1 is gone", what);
	EXPECT_PS_STATUS("box", "running", "a refused stop leaves it alone");
}

TEST_F(lab, rejects_t_not_a_number)
{
	expect_bad_t(_metadata, self, "x");
}

TEST_F(lab, rejects_negative_t)
{
	expect_bad_t(_metadata, self, "-1");
}

/*
 * exec entering a container that stop ends: exec is held (by strace,
 * RACE_HELD) at close_range, after it has joined the container's
 * namespaces and before it forks the command into its PID namespace,
 * while stop -t 0 kills PID 1. That fork then fails (a PID namespace
 * whose init has died takes nobody in): "not running", exit 1, one line.
 */
TEST_F(lab, exec_entering_while_stopped_is_not_running)
{
	struct box box;

	if (!lab_has_strace())
		SKIP(return, "needs " LAB_STRACE " to hold exec at a system call");
	START_SLEEPER(&box, "entered");
	RACE_HELD("-e trace=close_range -e inject=close_range:delay_enter=" LAB_HOLD_US ":when=1",
		  SYS_close_range, ARGV("exec", "entered", "true"),
		  ARGV("stop", "-t", "0", "entered"));
	EXPECT_ERROR(1, "exec into a container stopped while exec entered it");
	EXPECT_NE(NULL, strstr(self->res.err, "is not running"))
		TH_LOG("exec should say the container is not running, not that fork failed: '%s'",
		       ERR);
}

TEST_HARNESS_MAIN
