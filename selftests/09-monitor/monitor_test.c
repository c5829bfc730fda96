// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 09: a monitor per container. "mydocker run -d" leaves a small
 * process behind, the container's parent, that waits for it and records
 * its exit code; ps, wait, inspect and run --rm read what it wrote. Each
 * test makes one claim: about the monitor as the kernel shows it (parent,
 * session, memory, asleep), about what wait prints and when, what ps and
 * inspect say, what --rm leaves (nothing), and what happens when the
 * monitor or mydocker itself is killed.
 *
 * Needs root; run through selftests/run.sh, which sets MYDOCKER_BIN and
 * MYDOCKER_IMAGE. Records and inspect's output are parsed with jansson.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE
#define ID_LEN 12
#define WAIT_MS 15000		/* for a container or a monitor to end */
#define RSS_MAX_KB 2048		/* the monitor's target: 2 MiB */

FIXTURE(lab) {
	LAB_FIXTURE_FIELDS;
	pid_t stopped;		/* a monitor the test stopped: SIGCONT it */
};

FIXTURE_SETUP(lab)
{
	LAB_FIXTURE_SETUP();
	self->stopped = 0;
}

FIXTURE_TEARDOWN(lab)
{
	/* A stopped monitor would never end: let it go on first. */
	if (self->stopped > 0)
		kill(self->stopped, SIGCONT);
	LAB_FIXTURE_TEARDOWN();
}

/* "mydocker wait ARGS..." must print @want and exit 0. */
#define EXPECT_WAIT(want, what, ...) do { \
	MYDOCKER("wait", __VA_ARGS__); \
	EXPECT_EQ(0, self->res.status) \
		TH_LOG("mydocker wait " what ": " STATUS_FMT, STATUS_ARGS); \
	EXPECT_STREQ(want, self->res.out) \
		TH_LOG("mydocker wait " what " should print the exit code(s) '%s'", \
		       lab_escape(want, self->shown_err, sizeof(self->shown_err))); \
} while (0)

/*
 * The monitor of a running container: its PID 1's parent, which must be
 * a mydocker-shim (tests signal it: never init or another process).
 */
static pid_t monitor_pid(struct __test_metadata *_metadata, const char *id)
{
	char path[64], cmdline[2 * PATH_MAX] = "";
	pid_t ppid = 0;

	ASSERT_EQ(0, lab_ppid(CONTAINER_PID(id), &ppid));
	snprintf(path, sizeof(path), "/proc/%d/cmdline", ppid);
	lab_read_file(path, cmdline, sizeof(cmdline));
	ASSERT_STREQ("mydocker-shim", cmdline)
		TH_LOG("the parent of container %s (pid %d) should be its monitor, mydocker-shim; it is '%s'",
		       id, ppid, cmdline);
	return ppid;
}

/* /proc/PID/stat field @field (1-based, from field 3, the state, on). */
static long long stat_field(pid_t pid, int field)
{
	char path[64], stat[1024], *p, *save = NULL;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (lab_read_file(path, stat, sizeof(stat)))
		return -1;
	p = strrchr(stat, ')');
	if (!p)
		return -1;
	p = strtok_r(p + 1, " ", &save);
	for (i = 3; p && i < field; i++)
		p = strtok_r(NULL, " ", &save);
	return p ? atoll(p) : -1;
}

/* The state letter of /proc/PID/stat; 0 if it is gone. */
static char proc_state(pid_t pid)
{
	char path[64], stat[1024], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (lab_read_file(path, stat, sizeof(stat)))
		return 0;
	p = strrchr(stat, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/* Does @pid hold a shared flock(), as a waiting "mydocker wait" does? */
static bool holds_shared_flock(pid_t pid)
{
	char type[16], mode[16], access[16], line[256];
	bool found = false;
	FILE *f = fopen("/proc/locks", "re");
	int holder;

	while (f && !found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%*d: %15s %15s %15s %d", type, mode,
			       access, &holder) == 4 &&
			!strcmp(type, "FLOCK") && !strcmp(access, "READ") &&
			holder == pid;
	if (f)
		fclose(f);
	return found;
}

/* A number from a "Key:  value" line of /proc/PID/status; -1 if none. */
static long long status_value(pid_t pid, const char *key)
{
	char path[64], status[8192], *line;
	size_t len = strlen(key);

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (lab_read_file(path, status, sizeof(status)))
		return -1;
	for (line = status; line; line = strchr(line, '\n')) {
		line += *line == '\n';
		if (!strncmp(line, key, len) && line[len] == ':')
			return atoll(line + len + 1);
	}
	return -1;
}

/* The record of @name, parsed, or NULL; json_decref() it. */
static json_t *record_of(FIXTURE_DATA(lab) *self, const char *name)
{
	char path[PATH_MAX];

	if (lab_pathf(path, "%s/%s/config.json", self->lab.run, name))
		return NULL;
	return json_load_file(path, 0, NULL);
}

/* "exit_code" of the record of @name: -1 when it has none. */
static int recorded_exit_code(FIXTURE_DATA(lab) *self, const char *name)
{
	json_t *root = record_of(self, name);
	json_t *code = json_object_get(root, "exit_code");
	int ret = json_is_integer(code) ? json_integer_value(code) : -1;

	json_decref(root);
	return ret;
}

/* The row of ps for @name in @row, without the padding; "" if none. */
static void ps_row(struct __test_metadata *_metadata, FIXTURE_DATA(lab) *self,
		   const char *name, char *row, size_t size)
{
	char *line, *save = NULL, first[64], second[128];

	row[0] = '\0';
	MYDOCKER("ps");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker ps: " STATUS_FMT, STATUS_ARGS);
	for (line = strtok_r(self->res.out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%63s %127s", first, second) == 2 &&
		    !strcmp(second, name)) {
			snprintf(row, size, "%s", line);
			return;
		}
	}
}

/* Wait for @pid to be gone, or fail the test. */
#define WAIT_GONE(pid, what) \
	ASSERT_EQ(0, lab_wait_gone(pid, WAIT_MS)) \
		TH_LOG("%s (pid %d) did not end within %d ms", what, pid, WAIT_MS)

/* The container's state left behind: record, layer, cgroup. */
static void expect_nothing_left(struct __test_metadata *_metadata,
				FIXTURE_DATA(lab) *self, const char *name,
				const char *id)
{
	char path[PATH_MAX], rel[PATH_MAX];

	PATHF(path, "%s/%s", self->lab.run, name);
	EXPECT_FALSE(lab_exists(path))
		TH_LOG("its record directory %s should be gone", path);
	PATHF(path, "%s/containers/%s", self->lab.root, id);
	EXPECT_FALSE(lab_exists(path))
		TH_LOG("its layer %s should be gone", path);
	PATHF(rel, "/mydocker/%s", id);
	ASSERT_EQ(0, lab_cgroup_dir("memory", rel, path));
	EXPECT_FALSE(lab_exists(path))
		TH_LOG("its cgroup %s should be gone", path);
}

/* ---- the monitor, as the kernel shows it ---- */

TEST_F(lab, parent_is_monitor_not_mydocker)
{
	char id[ID_LEN + 1], path[64], cmdline[2 * PATH_MAX];
	pid_t mon;

	DETACH(id, "busybox sleep 30", IMG, "sleep", "30");
	ASSERT_EQ(0, lab_ppid(CONTAINER_PID(id), &mon));
	EXPECT_NE(1, mon)
		TH_LOG("the container's parent is init: nobody waits for it, its exit code is lost");
	snprintf(path, sizeof(path), "/proc/%d/cmdline", mon);
	ASSERT_EQ(0, lab_read_file(path, cmdline, sizeof(cmdline)));
	EXPECT_STREQ("mydocker-shim", cmdline)
		TH_LOG("the container's parent (pid %d) should be its monitor, mydocker-shim; it is '%s'",
		       mon, cmdline);
	EXPECT_NE(getpid(), mon) TH_LOG("the container's parent is the caller");
}

TEST_F(lab, monitor_has_own_session_no_terminal)
{
	char id[ID_LEN + 1];
	pid_t mon;

	DETACH(id, "busybox sleep 30", IMG, "sleep", "30");
	mon = monitor_pid(_metadata, id);
	EXPECT_EQ(mon, stat_field(mon, 6))
		TH_LOG("the monitor should lead its own session (field 6 of /proc/%d/stat)",
		       mon);
	EXPECT_NE(getsid(0), stat_field(mon, 6))
		TH_LOG("the monitor is still in the caller's session");
	EXPECT_EQ(0, stat_field(mon, 7))
		TH_LOG("the monitor should have no controlling terminal (tty_nr)");
}

/*
 * The monitor outlives the caller: it must not hold the caller's stdin
 * or stdout (a pipe read to its end would wait for the container), and
 * what it says goes to the container's log.
 */
TEST_F(lab, monitor_stdio_is_null_and_log)
{
	char id[ID_LEN + 1], path[64], target[PATH_MAX], log[PATH_MAX];
	ssize_t n;
	pid_t mon;
	int fd;

	DETACH(id, "--name box busybox sleep 30", "--name", "box", IMG,
	       "sleep", "30");
	mon = monitor_pid(_metadata, id);
	for (fd = 0; fd <= 2; fd++) {
		snprintf(path, sizeof(path), "/proc/%d/fd/%d", mon, fd);
		n = readlink(path, target, sizeof(target) - 1);
		ASSERT_LT(0, n) TH_LOG("readlink %s: %s", path, strerror(errno));
		target[n] = '\0';
		if (fd < 2) {
			EXPECT_STREQ("/dev/null", target)
				TH_LOG("the monitor's %s should be /dev/null, not the caller's (%s)",
				       fd ? "stdout" : "stdin", target);
			continue;
		}
		PATHF(log, "%s/box/container.log", self->lab.run);
		EXPECT_STREQ(log, target)
			TH_LOG("the monitor's stderr should be the container's log, where mydocker logs shows what went wrong; it is %s",
			       target);
	}
	MYDOCKER("rm", "-f", "box");
	EXPECT_EQ(0, self->res.status) TH_LOG("rm -f box: " STATUS_FMT, STATUS_ARGS);
	expect_nothing_left(_metadata, self, "box", id);
}

TEST_F(lab, monitor_sleeps_in_wait_not_polling)
{
	const struct timespec half = { 0, 500 * 1000 * 1000 };
	long long before, after, cpu_before, cpu_after;
	char id[ID_LEN + 1];
	pid_t mon;

	DETACH(id, "busybox sleep 30", IMG, "sleep", "30");
	mon = monitor_pid(_metadata, id);
	nanosleep(&half, NULL);	/* let it settle after its exec */
	before = status_value(mon, "voluntary_ctxt_switches");
	cpu_before = stat_field(mon, 14) + stat_field(mon, 15);
	nanosleep(&half, NULL);
	after = status_value(mon, "voluntary_ctxt_switches");
	cpu_after = stat_field(mon, 14) + stat_field(mon, 15);
	ASSERT_LE(0, before);
	EXPECT_EQ(before, after)
		TH_LOG("the monitor woke up %lld times in 0.5 s: it should sleep in waitpid() until the container exits, not poll",
		       after - before);
	EXPECT_EQ(cpu_before, cpu_after)
		TH_LOG("the monitor used CPU while the container ran");
	EXPECT_EQ('S', proc_state(mon))
		TH_LOG("the monitor should be asleep (S) in /proc/%d/stat", mon);
}

TEST_F(lab, monitor_rss_at_most_2_mib)
{
	char id[ID_LEN + 1], path[64], maps[65536];
	long long rss;
	pid_t mon;

	DETACH(id, "busybox sleep 30", IMG, "sleep", "30");
	mon = monitor_pid(_metadata, id);
	snprintf(path, sizeof(path), "/proc/%d/maps", mon);
	if (!lab_read_file(path, maps, sizeof(maps)) && strstr(maps, "libasan"))
		SKIP(return, "a sanitizer build: its runtime alone is larger");
	rss = status_value(mon, "VmRSS");
	ASSERT_LT(0, rss) TH_LOG("no VmRSS in /proc/%d/status", mon);
	EXPECT_GE(RSS_MAX_KB, rss)
		TH_LOG("the monitor's VmRSS is %lld kB; one runs per container, the target is at most %d kB",
		       rss, RSS_MAX_KB);
}

/* ---- exit codes: wait, the record, ps ---- */

TEST_F(lab, wait_prints_exit_code_3)
{
	char id[ID_LEN + 1];

	DETACH(id, "--name three busybox sh -c 'exit 3'", "--name", "three",
	       IMG, "sh", "-c", "exit 3");
	EXPECT_WAIT("3\n", "three", "three");
	EXPECT_EQ(3, recorded_exit_code(self, "three"))
		TH_LOG("once wait has returned, the record should say \"exit_code\": 3");
}

TEST_F(lab, wait_prints_137_after_stop_kills)
{
	char id[ID_LEN + 1];

	/* sleep as PID 1 ignores SIGTERM: stop -t 0 has to SIGKILL it. */
	DETACH(id, "--name box busybox sleep 30", "--name", "box", IMG,
	       "sleep", "30");
	MYDOCKER("stop", "-t", "0", "box");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 0 box: " STATUS_FMT, STATUS_ARGS);
	EXPECT_WAIT("137\n", "box (killed by SIGKILL: 128 + 9)", "box");
}

TEST_F(lab, wait_prints_137_for_sigkill_from_outside)
{
	char id[ID_LEN + 1];

	DETACH(id, "--name box busybox sleep 30", "--name", "box", IMG,
	       "sleep", "30");
	ASSERT_EQ(0, kill(CONTAINER_PID(id), SIGKILL));
	EXPECT_WAIT("137\n", "box (killed by SIGKILL: 128 + 9)", "box");
}

TEST_F(lab, wait_prints_143_after_handled_sigterm)
{
	char id[ID_LEN + 1];

	DETACH(id, "--name box busybox sh -c 'trap \"exit 143\" TERM; ...'",
	       "--name", "box", IMG, "sh", "-c",
	       "trap 'exit 143' TERM; while :; do sleep 0.1; done");
	/* Until the trap is set, PID 1 drops SIGTERM and stop has to kill. */
	ASSERT_EQ(0, lab_wait_signal_caught(CONTAINER_PID(id), SIGTERM, 10000))
		TH_LOG("box's sh did not set its SIGTERM trap within 10 s");
	MYDOCKER("stop", "-t", "10", "box");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop box: " STATUS_FMT, STATUS_ARGS);
	EXPECT_WAIT("143\n", "box (its SIGTERM handler exits 143)", "box");
}

TEST_F(lab, wait_prints_codes_in_order)
{
	char a[ID_LEN + 1], b[ID_LEN + 1], c[ID_LEN + 1];

	DETACH(a, "--name a ... 'sleep 0.3; exit 7'", "--name", "a", IMG, "sh",
	       "-c", "sleep 0.3; exit 7");
	DETACH(b, "--name b busybox true", "--name", "b", IMG, "true");
	DETACH(c, "--name c ... 'exit 3'", "--name", "c", IMG, "sh", "-c",
	       "exit 3");
	EXPECT_WAIT("7\n0\n3\n", "a b c", "a", "b", "c");
}

TEST_F(lab, wait_by_id)
{
	char id[ID_LEN + 1];

	DETACH(id, "busybox sh -c 'exit 5'", IMG, "sh", "-c", "exit 5");
	EXPECT_WAIT("5\n", "ID", id);
}

/*
 * The race wait must not lose: PID 1 is gone (a zombie, its monitor is
 * stopped) but nothing is recorded yet. A wait that watches PID 1 would
 * return now, with no code to print; wait must block until the record
 * says 137.
 */
TEST_F(lab, wait_blocks_until_recorded_not_until_pid1_exits)
{
	char id[ID_LEN + 1], line[64] = "";
	struct lab_proc *proc;
	pid_t pid, mon;
	int ret;

	DETACH(id, "--name box busybox sleep 30", "--name", "box", IMG,
	       "sleep", "30");
	pid = CONTAINER_PID(id);
	mon = monitor_pid(_metadata, id);
	ASSERT_EQ(0, kill(mon, SIGSTOP));
	self->stopped = mon;
	ASSERT_EQ(0, kill(pid, SIGKILL));
	WAIT_GONE(pid, "the container's PID 1, killed");

	ret = lab_spawn(&self->lab, &proc, "wait", "box");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker wait: %s", strerror(-ret));
	ret = lab_read_line(proc, line, sizeof(line), 1000);
	EXPECT_EQ(-ETIMEDOUT, ret)
		TH_LOG("wait returned ('%s') while PID 1 was gone but its monitor had not recorded anything: it waited for the process, not for the record",
		       line);
	EXPECT_EQ(-1, recorded_exit_code(self, "box"))
		TH_LOG("the monitor is stopped: nothing should be recorded yet");

	ASSERT_EQ(0, kill(mon, SIGCONT));
	self->stopped = 0;
	ret = lab_read_line(proc, line, sizeof(line), WAIT_MS);
	EXPECT_EQ(0, ret) TH_LOG("wait printed nothing once the monitor went on: %s",
				 strerror(-ret));
	EXPECT_STREQ("137", line);
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res));
	EXPECT_EQ(0, self->res.status) TH_LOG("wait: " STATUS_FMT, STATUS_ARGS);
	EXPECT_EQ(137, recorded_exit_code(self, "box"))
		TH_LOG("when wait returns, the record says how it ended");
}

TEST_F(lab, record_has_exit_code_and_finish_time)
{
	char id[ID_LEN + 1];
	const char *finished, *status;
	json_t *root;

	DETACH(id, "--name box busybox sh -c 'exit 3'", "--name", "box", IMG,
	       "sh", "-c", "exit 3");
	EXPECT_WAIT("3\n", "box", "box");
	root = record_of(self, "box");
	ASSERT_NE(NULL, root) TH_LOG("the record of box cannot be read");
	finished = json_string_value(json_object_get(root, "finished"));
	status = json_string_value(json_object_get(root, "status"));
	EXPECT_TRUE(finished && strlen(finished) == 20 && finished[19] == 'Z')
		TH_LOG("\"finished\" should be an RFC 3339 time in UTC, got '%s'",
		       finished ? finished : "(none)");
	EXPECT_STREQ("exited", status ? status : "(none)");
	json_decref(root);
}

TEST_F(lab, ps_shows_exit_code_and_how_long_ago)
{
	char id[ID_LEN + 1], row[512];

	DETACH(id, "--name box busybox sh -c 'exit 3'", "--name", "box", IMG,
	       "sh", "-c", "exit 3");
	EXPECT_WAIT("3\n", "box", "box");
	ps_row(_metadata, self, "box", row, sizeof(row));
	EXPECT_NE(NULL, strstr(row, " exited (3) "))
		TH_LOG("ps should say 'exited (3)' for box: '%s'", row);
	/* "0 seconds ago", "1 second ago": it has just exited. */
	EXPECT_TRUE(strstr(row, " seconds ago ") || strstr(row, " second ago "))
		TH_LOG("ps should say how long ago box exited: '%s'", row);
}

TEST_F(lab, ps_shows_stopped_137)
{
	char id[ID_LEN + 1], row[512];

	DETACH(id, "--name box busybox sleep 30", "--name", "box", IMG,
	       "sleep", "30");
	MYDOCKER("stop", "-t", "0", "box");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 0 box: " STATUS_FMT, STATUS_ARGS);
	ps_row(_metadata, self, "box", row, sizeof(row));
	EXPECT_NE(NULL, strstr(row, " stopped (137) "))
		TH_LOG("right after stop returns, ps should say 'stopped (137)': '%s'",
		       row);
}

TEST_F(lab, ps_a_accepted)
{
	char id[ID_LEN + 1];

	DETACH(id, "busybox true", IMG, "true");
	EXPECT_WAIT("0\n", "ID", id);
	MYDOCKER("ps", "-a");
	EXPECT_EQ(0, self->res.status) TH_LOG("mydocker ps -a: " STATUS_FMT,
					      STATUS_ARGS);
	EXPECT_NE(NULL, strstr(self->res.out, id))
		TH_LOG("ps -a should list the exited container %s: '%s'", id, OUT);
}

/* ---- the foreground ---- */

TEST_F(lab, foreground_run_records_for_wait)
{
	char path[PATH_MAX], line[64] = "";
	struct lab_proc *run, *waiter;
	struct lab_result res = { 0 };
	int ret, tries;

	ret = lab_spawn(&self->lab, &run, "run", "-i", "--name", "fg", IMG,
			"sh", "-c", "read x; exit 4");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker run: %s", strerror(-ret));
	PATHF(path, "%s/fg/config.json", self->lab.run);
	for (tries = 0; tries < 500 && !lab_exists(path); tries++)
		usleep(10000);
	ASSERT_TRUE(lab_exists(path)) TH_LOG("no record of the running fg");
	ret = lab_spawn(&self->lab, &waiter, "wait", "fg");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker wait: %s", strerror(-ret));
	/* Until wait holds the record (as it does while it waits). */
	for (tries = 0; tries < 500 && !holds_shared_flock(waiter->pid); tries++)
		usleep(10000);
	ASSERT_TRUE(holds_shared_flock(waiter->pid))
		TH_LOG("mydocker wait fg should wait, holding a shared flock on fg's record (/proc/locks)");
	ASSERT_EQ(0, lab_finish(&self->lab, run, &res));	/* EOF: exit 4 */
	EXPECT_EQ(4, res.status) TH_LOG("run should exit 4, as its command");
	lab_result_free(&res);
	ret = lab_read_line(waiter, line, sizeof(line), WAIT_MS);
	EXPECT_EQ(0, ret) TH_LOG("wait on a foreground container printed nothing: %s",
				 strerror(-ret));
	EXPECT_STREQ("4", line);
	ASSERT_EQ(0, lab_finish(&self->lab, waiter, &self->res));
	EXPECT_EQ(0, self->res.status) TH_LOG("wait: " STATUS_FMT, STATUS_ARGS);
	EXPECT_FALSE(lab_exists(path))
		TH_LOG("a foreground container's record is removed at its end");
}

/* ---- run --rm ---- */

TEST_F(lab, rm_detached_removed_after_exit)
{
	char id[ID_LEN + 1];
	json_t *root;
	pid_t mon;

	DETACH(id, "--rm --name tmp busybox sh -c 'sleep 0.5; exit 3'", "--rm",
	       "--name", "tmp", IMG, "sh", "-c", "sleep 0.5; exit 3");
	root = record_of(self, "tmp");
	ASSERT_NE(NULL, root) TH_LOG("no record of tmp while it runs");
	mon = json_integer_value(json_object_get(json_object_get(root,
								 "monitor"),
						 "pid"));
	json_decref(root);
	ASSERT_LT(0, mon) TH_LOG("the record of tmp names no monitor");
	EXPECT_WAIT("3\n", "tmp (run --rm)", "tmp");
	WAIT_GONE(mon, "the monitor of tmp");
	expect_nothing_left(_metadata, self, "tmp", id);
	/* The name is free again. */
	DETACH(id, "--rm --name tmp busybox true", "--rm", "--name", "tmp", IMG,
	       "true");
}

/*
 * A waiter holds LOCK_SH on the record's directory until it has read the
 * exit code (as "mydocker wait" does); the monitor of run --rm must not
 * remove the record under it. The test is that waiter, made slow.
 */
TEST_F(lab, rm_detached_kept_until_waiter_has_read)
{
	const struct timespec tick = { 0, 20 * 1000 * 1000 };
	const struct timespec pause = { 0, 300 * 1000 * 1000 };
	char id[ID_LEN + 1], path[PATH_MAX];
	int dir, code = -1, i;
	json_t *root;
	pid_t mon;

	DETACH(id, "--rm --name tmp busybox sh -c 'sleep 0.5; exit 3'", "--rm",
	       "--name", "tmp", IMG, "sh", "-c", "sleep 0.5; exit 3");
	root = record_of(self, "tmp");
	ASSERT_NE(NULL, root) TH_LOG("no record of tmp while it runs");
	mon = json_integer_value(json_object_get(json_object_get(root,
								 "monitor"),
						 "pid"));
	json_decref(root);
	ASSERT_LT(0, mon) TH_LOG("the record of tmp names no monitor");
	PATHF(path, "%s/tmp", self->lab.run);
	dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, dir) TH_LOG("open %s: %s", path, strerror(errno));
	ASSERT_EQ(0, flock(dir, LOCK_SH));
	for (i = 0; i < WAIT_MS / 20 && code < 0 &&
		    access(path, F_OK) == 0; i++) {
		nanosleep(&tick, NULL);
		code = recorded_exit_code(self, "tmp");
	}
	EXPECT_EQ(3, code)
		TH_LOG("while a waiter holds the record, run --rm should record exit code 3 and keep it; the record is %s",
		       access(path, F_OK) ? "gone" : "there without it");
	nanosleep(&pause, NULL);
	EXPECT_EQ(3, recorded_exit_code(self, "tmp"))
		TH_LOG("run --rm removed the record while a waiter had not read the exit code yet");
	EXPECT_EQ(0, kill(mon, 0))
		TH_LOG("the monitor of tmp should wait for the waiter before it removes the container");
	close(dir);
	WAIT_GONE(mon, "the monitor of tmp");
	expect_nothing_left(_metadata, self, "tmp", id);
}

TEST_F(lab, rm_foreground_leaves_nothing)
{
	char path[PATH_MAX];

	MYDOCKER("run", "--rm", "--name", "fg", IMG, "sh", "-c", "exit 2");
	EXPECT_EQ(2, self->res.status)
		TH_LOG("run --rm should exit with the command's 2: " STATUS_FMT,
		       STATUS_ARGS);
	PATHF(path, "%s/fg", self->lab.run);
	EXPECT_FALSE(lab_exists(path)) TH_LOG("%s should be gone", path);
	PATHF(path, "%s/containers", self->lab.root);
	EXPECT_EQ(0, lab_dir_empty_or_absent(path))
		TH_LOG("no layer should be left in %s", path);
}

TEST_F(lab, rm_detached_failing_command_leaves_nothing)
{
	char path[PATH_MAX];

	MYDOCKER("run", "-d", "--rm", "--name", "bad", IMG, "nosuchcommand");
	EXPECT_ERROR(127, "run -d --rm busybox nosuchcommand");
	EXPECT_EQ(0, self->res.out_len) TH_LOG("no ID should be printed: '%s'", OUT);
	PATHF(path, "%s/bad", self->lab.run);
	EXPECT_FALSE(lab_exists(path)) TH_LOG("%s should be gone", path);
	PATHF(path, "%s/containers", self->lab.root);
	EXPECT_EQ(0, lab_dir_empty_or_absent(path))
		TH_LOG("no layer should be left in %s", path);
}

/* ---- inspect ---- */

/* inspect NAME: one object in an array, parsed; json_decref() it. */
static json_t *inspect(struct __test_metadata *_metadata,
		       FIXTURE_DATA(lab) *self, const char *name)
{
	json_error_t error;
	json_t *all, *one;

	MYDOCKER("inspect", name);
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker inspect %s: " STATUS_FMT, name, STATUS_ARGS);
	all = json_loads(self->res.out, 0, &error);
	ASSERT_NE(NULL, all)
		TH_LOG("inspect's output should be JSON: %s (line %d)",
		       error.text, error.line);
	ASSERT_TRUE(json_is_array(all) && json_array_size(all) == 1)
		TH_LOG("inspect NAME prints an array of one object, as docker inspect");
	one = json_incref(json_array_get(all, 0));
	json_decref(all);
	return one;
}

static const char *str_at(json_t *root, const char *path)
{
	char key[64];
	const char *dot;

	while ((dot = strchr(path, '.')) != NULL) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		root = json_object_get(root, key);
		path = dot + 1;
	}
	root = json_object_get(root, path);
	return json_is_string(root) ? json_string_value(root) : "(missing)";
}

TEST_F(lab, inspect_running_in_docker_shape)
{
	char id[ID_LEN + 1], host[PATH_MAX], spec[PATH_MAX + 8];
	json_t *c, *state, *config, *mount;
	pid_t pid;

	PATHF(host, "%s/vol", self->lab.dir);
	snprintf(spec, sizeof(spec), "%s:/data", host);
	DETACH(id, "--name web -e A=b -v HOST:/data busybox sleep 30",
	       "--name", "web", "-e", "A=b", "-v", spec, IMG, "sleep", "30");
	pid = CONTAINER_PID(id);
	c = inspect(_metadata, self, "web");
	state = json_object_get(c, "State");
	config = json_object_get(c, "Config");
	EXPECT_STREQ(id, str_at(c, "Id"));
	EXPECT_STREQ("/web", str_at(c, "Name")) TH_LOG("Docker's names start with '/'");
	EXPECT_STREQ("running", str_at(state, "Status"));
	EXPECT_TRUE(json_is_true(json_object_get(state, "Running")));
	EXPECT_EQ(pid, json_integer_value(json_object_get(state, "Pid")))
		TH_LOG("State.Pid should be the host PID of its PID 1");
	EXPECT_STREQ("busybox", str_at(config, "Image"));
	EXPECT_STREQ("sleep", json_string_value(json_array_get(
				json_object_get(config, "Cmd"), 0)));
	EXPECT_STREQ("A=b", json_string_value(json_array_get(
				json_object_get(config, "Env"), 0)))
		TH_LOG("Config.Env should hold the -e entries");
	mount = json_array_get(json_object_get(c, "Mounts"), 0);
	EXPECT_STREQ(host, str_at(mount, "Source"));
	EXPECT_STREQ("/data", str_at(mount, "Destination"));
	json_decref(c);
}

TEST_F(lab, inspect_exited_has_code_and_times)
{
	char id[ID_LEN + 1];
	json_t *c, *state;

	DETACH(id, "--name box busybox sleep 30", "--name", "box", IMG,
	       "sleep", "30");
	MYDOCKER("stop", "-t", "0", "box");
	ASSERT_EQ(0, self->res.status) TH_LOG("stop: " STATUS_FMT, STATUS_ARGS);
	c = inspect(_metadata, self, "box");
	state = json_object_get(c, "State");
	EXPECT_STREQ("exited", str_at(state, "Status"))
		TH_LOG("Docker says exited for a stopped container");
	EXPECT_TRUE(json_is_false(json_object_get(state, "Running")));
	EXPECT_EQ(137, json_integer_value(json_object_get(state, "ExitCode")));
	EXPECT_EQ(0, json_integer_value(json_object_get(state, "Pid")));
	EXPECT_STRNE("0001-01-01T00:00:00Z", str_at(state, "FinishedAt"))
		TH_LOG("FinishedAt should be when it was stopped");
	EXPECT_EQ(20, strlen(str_at(state, "StartedAt")));
	json_decref(c);
}

TEST_F(lab, inspect_unknown_name_fails)
{
	MYDOCKER("inspect", "nosuch");
	EXPECT_ERROR(1, "inspect nosuch");
}

/* ---- logs --tail ---- */

#define FIVE_LINES "for i in 1 2 3 4 5; do echo $i; done; sleep 30"

/* Wait until the log of @name has @lines lines. */
static void wait_log_lines(struct __test_metadata *_metadata,
			   FIXTURE_DATA(lab) *self, const char *name, int lines)
{
	char path[PATH_MAX], log[4096] = "";
	int tries;

	PATHF(path, "%s/%s/container.log", self->lab.run, name);
	for (tries = 0; tries < 500; tries++) {
		if (!lab_read_file(path, log, sizeof(log)) &&
		    lab_count_lines(log, strlen(log)) >= lines)
			return;
		usleep(10000);
	}
	ASSERT_TRUE(false) TH_LOG("%s never had %d lines: '%s'", path, lines, log);
}

TEST_F(lab, logs_tail_last_lines)
{
	char id[ID_LEN + 1];

	DETACH(id, "--name box busybox sh -c '" FIVE_LINES "'", "--name", "box",
	       IMG, "sh", "-c", FIVE_LINES);
	wait_log_lines(_metadata, self, "box", 5);
	MYDOCKER("logs", "--tail", "2", "box");
	EXPECT_EQ(0, self->res.status) TH_LOG("logs --tail 2: " STATUS_FMT, STATUS_ARGS);
	EXPECT_STREQ("4\n5\n", self->res.out) TH_LOG("logs --tail 2: '%s'", OUT);
	MYDOCKER("logs", "-n", "1", "box");
	EXPECT_STREQ("5\n", self->res.out) TH_LOG("logs -n 1: '%s'", OUT);
	MYDOCKER("logs", "-n", "0", "box");
	EXPECT_STREQ("", self->res.out) TH_LOG("logs -n 0: '%s'", OUT);
	MYDOCKER("logs", "-n", "9", "box");
	EXPECT_STREQ("1\n2\n3\n4\n5\n", self->res.out) TH_LOG("logs -n 9: '%s'", OUT);
}

TEST_F(lab, logs_tail_then_follow)
{
	char id[ID_LEN + 1];

	DETACH(id, "--name box busybox sh -c 'echo 1; echo 2; echo 3; sleep 1; echo 4'",
	       "--name", "box", IMG, "sh", "-c",
	       "echo 1; echo 2; echo 3; sleep 1; echo 4");
	wait_log_lines(_metadata, self, "box", 3);
	MYDOCKER("logs", "-f", "--tail", "1", "box");
	EXPECT_EQ(0, self->res.status) TH_LOG("logs -f --tail 1: " STATUS_FMT,
					      STATUS_ARGS);
	EXPECT_STREQ("3\n4\n", self->res.out)
		TH_LOG("logs -f --tail 1 should print the last line, then follow: '%s'",
		       OUT);
}

TEST_F(lab, logs_rejects_bad_tail)
{
	char id[ID_LEN + 1];

	DETACH(id, "--name box busybox true", "--name", "box", IMG, "true");
	MYDOCKER("logs", "--tail", "many", "box");
	EXPECT_ERROR(1, "logs --tail many");
	MYDOCKER("logs", "-n", "-3", "box");
	EXPECT_ERROR(1, "logs -n -3");
}

/* ---- bad input and faults ---- */

TEST_F(lab, wait_unknown_name_fails_others_printed)
{
	char id[ID_LEN + 1];

	DETACH(id, "--name box busybox sh -c 'exit 3'", "--name", "box", IMG,
	       "sh", "-c", "exit 3");
	MYDOCKER("wait", "nosuch", "box");
	EXPECT_ERROR(1, "wait nosuch box");
	EXPECT_STREQ("3\n", self->res.out)
		TH_LOG("an unknown name must not keep wait from the others: '%s'",
		       OUT);
}

TEST_F(lab, wait_removed_container_fails)
{
	char id[ID_LEN + 1];

	DETACH(id, "--name box busybox true", "--name", "box", IMG, "true");
	EXPECT_WAIT("0\n", "box", "box");
	MYDOCKER("rm", "box");
	ASSERT_EQ(0, self->res.status) TH_LOG("rm box: " STATUS_FMT, STATUS_ARGS);
	MYDOCKER("wait", "box");
	EXPECT_ERROR(1, "wait of a removed container");
}

TEST_F(lab, wait_never_started_fails)
{
	MYDOCKER("run", "-d", "--name", "bad", IMG, "nosuchcommand");
	EXPECT_ERROR(127, "run -d busybox nosuchcommand");
	MYDOCKER("wait", "bad");
	EXPECT_ERROR(1, "wait of a container that never started");
}

/*
 * A monitor that was stopped while its container was removed, and the
 * name given again, must not write its code into the new container's
 * record: monitor-exit (what the shim runs) checks the record's ID.
 */
TEST_F(lab, monitor_exit_leaves_other_containers_record)
{
	char id[ID_LEN + 1], other[ID_LEN + 1], row[512];

	DETACH(id, "--name box busybox sleep 30", "--name", "box", IMG,
	       "sleep", "30");
	snprintf(other, sizeof(other), "%s",
		 strcmp(id, "000000000000") ? "000000000000" : "111111111111");
	MYDOCKER("monitor-exit", "box", other, "5");
	EXPECT_EQ(1, self->res.status)
		TH_LOG("monitor-exit box with another container's ID should fail: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_EQ(-1, recorded_exit_code(self, "box"))
		TH_LOG("box runs, yet the record has exit code 5 from the monitor of another container of that name");
	ps_row(_metadata, self, "box", row, sizeof(row));
	EXPECT_NE(NULL, strstr(row, " running "))
		TH_LOG("box still runs: ps should say running, not what another container's monitor wrote: '%s'",
		       row);
	MYDOCKER("rm", "-f", "box");
	EXPECT_EQ(0, self->res.status) TH_LOG("rm -f box: " STATUS_FMT, STATUS_ARGS);
	expect_nothing_left(_metadata, self, "box", id);
}

TEST_F(lab, monitor_killed_status_unknown)
{
	char id[ID_LEN + 1], row[512];
	pid_t pid, mon;

	DETACH(id, "--name box busybox sleep 30", "--name", "box", IMG,
	       "sleep", "30");
	pid = CONTAINER_PID(id);
	mon = monitor_pid(_metadata, id);
	ASSERT_EQ(0, kill(mon, SIGKILL));
	WAIT_GONE(mon, "the monitor, killed");
	EXPECT_EQ(0, kill(pid, 0))
		TH_LOG("the container died with its monitor; it should run on");
	ps_row(_metadata, self, "box", row, sizeof(row));
	EXPECT_NE(NULL, strstr(row, " running "))
		TH_LOG("ps should still say running: '%s'", row);

	ASSERT_EQ(0, kill(pid, SIGKILL));
	WAIT_GONE(pid, "the container");
	ps_row(_metadata, self, "box", row, sizeof(row));
	EXPECT_NE(NULL, strstr(row, " unknown "))
		TH_LOG("nobody recorded how box ended: ps should say unknown, not guess: '%s'",
		       row);
	MYDOCKER("wait", "box");
	EXPECT_ERROR(1, "wait of a container whose monitor was killed");
	MYDOCKER("rm", "-f", "box");
	EXPECT_EQ(0, self->res.status) TH_LOG("rm -f box: " STATUS_FMT, STATUS_ARGS);
	expect_nothing_left(_metadata, self, "box", id);
}

/* The PID of a child of @parent, once it has one; 0 if none came. */
static pid_t first_child(pid_t parent)
{
	char path[64], children[256] = "";
	int tries;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", parent,
		 parent);
	for (tries = 0; tries < 2000; tries++) {
		if (!lab_read_file(path, children, sizeof(children)) &&
		    children[0])
			return atoi(children);
		usleep(1000);
	}
	return 0;
}

TEST_F(lab, mydocker_killed_after_monitor_started)
{
	char path[PATH_MAX];
	struct lab_proc *proc;
	json_t *root = NULL;
	pid_t mon;
	int ret, tries;

	/* Unpack the image first: then run's only child is the monitor. */
	MYDOCKER("run", IMG, "true");
	ASSERT_EQ(0, self->res.status) TH_LOG("run busybox true: " STATUS_FMT,
					      STATUS_ARGS);
	ret = lab_spawn(&self->lab, &proc, "run", "-d", "--name", "box", IMG,
			"sleep", "30");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker run -d: %s", strerror(-ret));
	mon = first_child(proc->pid);
	ASSERT_LT(0, mon) TH_LOG("mydocker run -d started no monitor");
	ASSERT_EQ(0, kill(proc->pid, SIGKILL));
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res));

	/* The monitor goes on: the container starts and is recorded. */
	PATHF(path, "%s/box/config.json", self->lab.run);
	for (tries = 0; tries < 500 && !root; tries++) {
		root = json_load_file(path, 0, NULL);
		if (!root)
			usleep(10000);
	}
	ASSERT_NE(NULL, root)
		TH_LOG("with mydocker killed after the monitor started, the container should still start and have a record");
	json_decref(root);
	MYDOCKER("ps");
	EXPECT_NE(NULL, strstr(self->res.out, " running "))
		TH_LOG("ps should list box as running: '%s'", OUT);
	MYDOCKER("rm", "-f", "box");
	EXPECT_EQ(0, self->res.status) TH_LOG("rm -f box: " STATUS_FMT, STATUS_ARGS);
	PATHF(path, "%s/box", self->lab.run);
	EXPECT_FALSE(lab_exists(path)) TH_LOG("rm -f should leave no record");
	PATHF(path, "%s/containers", self->lab.root);
	EXPECT_EQ(0, lab_dir_empty_or_absent(path)) TH_LOG("rm -f should leave no layer");
}

/*
 * stop and rm -f of one container at once: stop is held (by strace,
 * RACE_HELD) where it leaves the monitor its note, the container's
 * NAME/stopped, while rm -f stops and removes the container. stop then
 * finds it gone: "no such container", exit 1, one line.
 */
TEST_F(lab, stop_while_rm_f_says_no_such_container)
{
	char id[ID_LEN + 1], note[PATH_MAX], options[PATH_MAX + 128];

	if (!lab_has_strace())
		SKIP(return, "needs " LAB_STRACE " to hold stop at a system call");
	DETACH(id, "--name gone busybox sleep 1000", "--name", "gone", IMG,
	       "sleep", "1000");
	PATHF(note, "%s/gone/stopped", self->lab.run);
	snprintf(options, sizeof(options),
		 "-P '%s' -e trace=openat -e inject=openat:delay_enter=" LAB_HOLD_US ":when=1",
		 note);
	RACE_HELD(options, SYS_openat, ARGV("stop", "gone"),
		  ARGV("rm", "-f", "gone"));
	EXPECT_ERROR(1, "stop of a container rm -f removed meanwhile");
	EXPECT_NE(NULL, strstr(self->res.err, "no such container"))
		TH_LOG("stop should say there is no such container any more: '%s'",
		       ERR);
}

/*
 * Two rm -f of one container at once. The first is held (by strace,
 * RACE_HELD) as it reads what runs in the container's cgroup (v1: its cpu
 * hierarchy; from this chapter on rm always looks there before it waits
 * for the monitor), while the second stops and removes the container,
 * cgroup and all. The first then reads a cgroup that is gone (ENODEV):
 * nothing runs in it, and both rm -f succeed, silently.
 */
TEST_F(lab, rm_f_twice_at_once_both_succeed)
{
	char cg[PATH_MAX], dir[PATH_MAX], procs[PATH_MAX];
	char options[PATH_MAX + 128], id[ID_LEN + 1];

	if (!lab_has_strace())
		SKIP(return, "needs " LAB_STRACE " to hold rm at a system call");
	DETACH(id, "--name twice busybox sleep 1000", "--name", "twice", IMG,
	       "sleep", "1000");
	PATHF(cg, "/mydocker/%s", id);
	ASSERT_EQ(0, lab_cgroup_dir("cpu", cg, dir));
	PATHF(procs, "%s/cgroup.procs", dir);
	snprintf(options, sizeof(options),
		 "-P '%s' -e trace=read -e inject=read:delay_enter=" LAB_HOLD_US ":when=1",
		 procs);
	RACE_HELD(options, SYS_read, ARGV("rm", "-f", "twice"),
		  ARGV("rm", "-f", "twice"));
	EXPECT_EQ(0, self->res.status)
		TH_LOG("the first rm -f, once the second had removed the container: " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("", self->res.err)
		TH_LOG("the first rm -f should say nothing: '%s'", ERR);
}

TEST_HARNESS_MAIN
