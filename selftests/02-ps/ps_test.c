// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 02: container records and "mydocker ps". Each test is one claim
 * about what ps shows or what a record holds: containers listed with the
 * PIDs the kernel knows, a status worked out live (and not fooled by a
 * reused PID), unique and valid names, a record that is valid JSON with
 * the exact argv, a damaged record that hides no other container.
 *
 * Needs root; run through selftests/run.sh, which sets MYDOCKER_BIN and
 * MYDOCKER_IMAGE. Records are parsed with jansson.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE
#define ID_LEN LAB_ID_LEN
#define MAX_ROWS 16
#define WAIT_MS 15000		/* for a short command to end */

LAB_FIXTURE();

/* "mydocker ps ARGS...": must succeed. */
#define PS(...) do { \
	MYDOCKER("ps", ##__VA_ARGS__); \
	ASSERT_EQ(0, self->res.status) \
		TH_LOG("mydocker ps: " STATUS_FMT, STATUS_ARGS); \
} while (0)

/* ---- records ---- */

static void record_path(struct __test_metadata *_metadata,
			FIXTURE_DATA(lab) *self, const char *name,
			char path[PATH_MAX])
{
	PATHF(path, "%s/%s/config.json", self->lab.run, name);
}

/* The record of container @name, parsed; json_decref() it. */
static json_t *record_load(struct __test_metadata *_metadata,
			   FIXTURE_DATA(lab) *self, const char *name)
{
	char path[PATH_MAX];
	json_error_t error;
	json_t *root;

	record_path(_metadata, self, name, path);
	root = json_load_file(path, 0, &error);
	ASSERT_NE(NULL, root)
		TH_LOG("%s should be the container's record in JSON: %s (line %d)",
		       path, error.text, error.line);
	EXPECT_TRUE(json_is_object(root))
		TH_LOG("%s should hold a JSON object", path);
	return root;
}

/* Replace the record of @name, atomically as mydocker does. */
static void record_save(struct __test_metadata *_metadata,
			FIXTURE_DATA(lab) *self, const char *name,
			json_t *root)
{
	char path[PATH_MAX], tmp[PATH_MAX];

	record_path(_metadata, self, name, path);
	PATHF(tmp, "%s.test", path);
	ASSERT_EQ(0, json_dump_file(root, tmp, JSON_INDENT(2)));
	ASSERT_EQ(0, rename(tmp, path));
}

static long long json_int_of(json_t *root, const char *key)
{
	json_t *v = json_object_get(root, key);

	return json_is_integer(v) ? json_integer_value(v) : -1;
}

static const char *json_str_of(json_t *root, const char *key)
{
	const char *s = json_string_value(json_object_get(root, key));

	return s ? s : "(missing)";
}

/*
 * Wait until the process the record of @name names has ended, within
 * WAIT_MS: a pidfd, after which the start time says whether it is still
 * the container's process at all. From 09-monitor on the record names a
 * monitor that writes the record once more after that: wait for it too,
 * so that a test's own edit of the record comes last.
 */
static void wait_record_gone(struct __test_metadata *_metadata,
			     FIXTURE_DATA(lab) *self, const char *name)
{
	json_t *root = record_load(_metadata, self, name);
	long long pid, start, monitor;

	pid = json_int_of(root, "pid");
	start = json_int_of(root, "start_time");
	monitor = json_int_of(json_object_get(root, "monitor"), "pid");
	json_decref(root);
	if (monitor > 0) {
		ASSERT_EQ(0, lab_wait_gone(monitor, WAIT_MS))
			TH_LOG("the monitor of %s (pid %lld) did not end within %d ms",
			       name, monitor, WAIT_MS);
	}
	ASSERT_LT(0, pid) TH_LOG("the record of %s has no pid", name);
	ASSERT_EQ(0, lab_wait_same_gone(pid, start, WAIT_MS))
		TH_LOG("container %s (pid %lld) did not end within %d ms",
		       name, pid, WAIT_MS);
}

/* Wait up to @timeout_ms for @path to appear (inotify on its dir). */
static int wait_for_file(const char *dir, const char *path, int timeout_ms)
{
	struct pollfd pfd = { .events = POLLIN };
	struct timespec ts;
	long long deadline;
	char events[4096];
	int ret = -ETIMEDOUT;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	deadline = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000 + timeout_ms;
	pfd.fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (pfd.fd < 0)
		return -errno;
	if (inotify_add_watch(pfd.fd, dir, IN_CREATE | IN_MOVED_TO) < 0) {
		ret = -errno;
		goto out;
	}
	for (;;) {
		long long left;

		if (lab_exists(path)) {
			ret = 0;
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &ts);
		left = deadline - (ts.tv_sec * 1000LL + ts.tv_nsec / 1000000);
		if (left <= 0 || poll(&pfd, 1, left) <= 0)
			break;
		while (read(pfd.fd, events, sizeof(events)) > 0)
			;
	}
out:
	close(pfd.fd);
	return ret;
}

/* Entries of directory @path other than . and ..; -1 if unreadable. */
static int count_entries(const char *path)
{
	struct dirent *entry;
	DIR *dir = opendir(path);
	int n = 0;

	if (!dir)
		return -1;
	while ((entry = readdir(dir)) != NULL)
		n += strcmp(entry->d_name, ".") && strcmp(entry->d_name, "..");
	closedir(dir);
	return n;
}

/* ---- ps output ---- */

struct row {
	char id[64];
	char name[128];
	long pid;
	char status[32];
	char created[64];
};

/*
 * Parse ps's table: a header "ID NAME PID STATUS COMMAND CREATED", then
 * one row per container. COMMAND may hold spaces: CREATED is the last
 * word of a row. Returns the number of rows.
 */
static int parse_ps(struct __test_metadata *_metadata, char *out,
		    struct row *rows, int max)
{
	static const char *const header[] = {
		"ID", "NAME", "PID", "STATUS", "COMMAND", "CREATED",
	};
	char *line, *save = NULL, *word, *wsave = NULL;
	size_t i;
	int n = 0;

	line = strtok_r(out, "\n", &save);
	ASSERT_NE(NULL, line) TH_LOG("mydocker ps printed no header line");
	for (i = 0, word = strtok_r(line, " \t", &wsave); word;
	     i++, word = strtok_r(NULL, " \t", &wsave)) {
		ASSERT_GT(sizeof(header) / sizeof(header[0]), i)
			TH_LOG("ps's header has more columns than ID NAME PID STATUS COMMAND CREATED");
		ASSERT_STREQ(header[i], word)
			TH_LOG("column %zu of ps's header", i + 1);
	}
	ASSERT_EQ(sizeof(header) / sizeof(header[0]), i)
		TH_LOG("ps's header should be ID NAME PID STATUS COMMAND CREATED");

	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		struct row *r = &rows[n];
		char *last;

		ASSERT_GT(max, n) TH_LOG("ps listed more than %d rows", max);
		memset(r, 0, sizeof(*r));
		while (strlen(line) && strchr(" \t", line[strlen(line) - 1]))
			line[strlen(line) - 1] = '\0';
		last = strrchr(line, ' ');
		ASSERT_EQ(4, sscanf(line, "%63s %127s %ld %31s", r->id,
				    r->name, &r->pid, r->status))
			TH_LOG("a ps row should start with ID NAME PID STATUS: '%s'",
			       line);
		ASSERT_NE(NULL, last);
		snprintf(r->created, sizeof(r->created), "%s", last + 1);
		n++;
	}
	return n;
}

static const struct row *find_row(const struct row *rows, int n,
				  const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(rows[i].name, name))
			return &rows[i];
	return NULL;
}

/* The rows of "mydocker ps", which must succeed. */
#define PS_ROWS(rows, n) do { \
	PS(); \
	n = parse_ps(_metadata, self->res.out, rows, MAX_ROWS); \
} while (0)

/* ---- listing ---- */

TEST_F(lab, lists_detached_containers)
{
	char one[ID_LEN + 1], two[ID_LEN + 1];
	struct row rows[MAX_ROWS];
	const struct row *r;
	pid_t pid_one, pid_two;
	int n;

	DETACH(one, "--name one busybox sleep 30", "--name", "one", IMG,
	       "sleep", "30");
	DETACH(two, "--name two busybox sleep 30", "--name", "two", IMG,
	       "sleep", "30");
	pid_one = CONTAINER_PID(one);
	pid_two = CONTAINER_PID(two);
	PS_ROWS(rows, n);
	EXPECT_EQ(2, n) TH_LOG("ps should list the two containers");

	r = find_row(rows, n, "one");
	ASSERT_NE(NULL, r) TH_LOG("ps does not list the container 'one'");
	EXPECT_STREQ(one, r->id);
	EXPECT_EQ(pid_one, r->pid)
		TH_LOG("ps's PID of 'one' should be the host PID of its PID 1");
	EXPECT_STREQ("running", r->status);

	r = find_row(rows, n, "two");
	ASSERT_NE(NULL, r) TH_LOG("ps does not list the container 'two'");
	EXPECT_STREQ(two, r->id);
	EXPECT_EQ(pid_two, r->pid)
		TH_LOG("ps's PID of 'two' should be the host PID of its PID 1");
	EXPECT_STREQ("running", r->status);
}

TEST_F(lab, ended_command_shows_exited)
{
	char id[ID_LEN + 1];
	struct row rows[MAX_ROWS];
	const struct row *r;
	int n;

	/* Gone, not a zombie (zombie_shows_exited is that case): the test
	 * holds and reaps it, whatever this machine's PID 1 does. */
	ASSERT_EQ(0, lab_hold_orphans())
		TH_LOG("the test cannot become a subreaper: %s", strerror(errno));
	DETACH(id, "--name quick busybox true", "--name", "quick", IMG, "true");
	wait_record_gone(_metadata, self, "quick");
	lab_reap_held();
	PS_ROWS(rows, n);
	r = find_row(rows, n, "quick");
	ASSERT_NE(NULL, r)
		TH_LOG("a detached container whose command ended should still be listed");
	EXPECT_STREQ(id, r->id);
	EXPECT_STREQ("exited", r->status)
		TH_LOG("the process of 'quick' is gone: ps should work the status out, not read 'running' from the record");
}

/*
 * The zombie case, made here rather than left to how fast this machine's
 * PID 1 collects orphans: the test holds the container's PID 1 as a zombie.
 */
TEST_F(lab, zombie_shows_exited)
{
	char id[ID_LEN + 1];
	struct row rows[MAX_ROWS];
	const struct row *r;
	pid_t pid;
	int n, ret;

	ASSERT_EQ(0, lab_hold_orphans())
		TH_LOG("the test cannot become a subreaper: %s", strerror(errno));
	DETACH(id, "--name undead busybox sleep 1000", "--name", "undead", IMG,
	       "sleep", "1000");
	pid = CONTAINER_PID(id);
	ret = lab_kill_hold_zombie(pid, WAIT_MS);
	ASSERT_EQ(0, ret)
		TH_LOG("the container's PID 1 (host PID %d) should be re-parented to the test and end as a zombie when killed: %s",
		       pid, strerror(-ret));
	PS_ROWS(rows, n);
	r = find_row(rows, n, "undead");
	ASSERT_NE(NULL, r)
		TH_LOG("a detached container whose command ended should still be listed");
	EXPECT_STREQ("exited", r->status)
		TH_LOG("the PID 1 of 'undead' (host PID %d, started at the recorded time) has ended and is a zombie its parent has not collected yet: a zombie is not running, ps should say exited",
		       pid);
}

TEST_F(lab, ps_q_prints_ids)
{
	char one[ID_LEN + 1], two[ID_LEN + 1], want[64];
	char *line, *save = NULL;
	int lines = 0;

	DETACH(one, "--name one busybox sleep 30", "--name", "one", IMG,
	       "sleep", "30");
	DETACH(two, "busybox true", IMG, "true");
	PS("-q");
	snprintf(want, sizeof(want), "%s\n", one);
	EXPECT_NE(NULL, strstr(self->res.out, want))
		TH_LOG("ps -q should list %s; it printed '%s'", one, OUT);
	snprintf(want, sizeof(want), "%s\n", two);
	EXPECT_NE(NULL, strstr(self->res.out, want))
		TH_LOG("ps -q should list %s, whose command has ended; it printed '%s'",
		       two, OUT);
	for (line = strtok_r(self->res.out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		lines++;
		EXPECT_TRUE(!strcmp(line, one) || !strcmp(line, two))
			TH_LOG("ps -q should print only IDs; '%s' is not one of %s %s",
			       line, one, two);
	}
	EXPECT_EQ(2, lines)
		TH_LOG("ps -q should print one line per container, running or not");
}

TEST_F(lab, default_name_is_id)
{
	char id[ID_LEN + 1], path[PATH_MAX];
	struct row rows[MAX_ROWS];
	const struct row *r;
	int n;

	DETACH(id, "busybox sleep 30", IMG, "sleep", "30");
	PS_ROWS(rows, n);
	ASSERT_EQ(1, n);
	r = &rows[0];
	EXPECT_STREQ(id, r->id);
	EXPECT_STREQ(id, r->name)
		TH_LOG("without --name, the container's name should be its ID");
	record_path(_metadata, self, id, path);
	EXPECT_TRUE(lab_exists(path))
		TH_LOG("the record of a container without --name should be %s",
		       path);
}

TEST_F(lab, unknown_option_fails)
{
	MYDOCKER("ps", "--bogus");
	EXPECT_EQ(1, self->res.status)
		TH_LOG("mydocker ps --bogus should fail with 1; " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_EQ(1, lab_count_lines(self->res.err, self->res.err_len))
		TH_LOG("expected one line on stderr, got '%s'", ERR);
	EXPECT_NE(NULL, strstr(self->res.err, "--bogus"))
		TH_LOG("the error should name the unknown option: '%s'", ERR);
	EXPECT_STREQ("", OUT) TH_LOG("no table for a bad command line");
}

/* ---- names ---- */

TEST_F(lab, duplicate_name_refused)
{
	char id[ID_LEN + 1], path[PATH_MAX], before[8192], after[8192];
	char containers[PATH_MAX];
	pid_t pid, now = 0;
	struct row rows[MAX_ROWS];
	int n;

	DETACH(id, "--name web busybox sleep 30", "--name", "web", IMG,
	       "sleep", "30");
	pid = CONTAINER_PID(id);
	record_path(_metadata, self, "web", path);
	ASSERT_EQ(0, lab_read_file(path, before, sizeof(before)))
		TH_LOG("no record at %s", path);

	MYDOCKER("run", "-d", "--name", "web", IMG, "true");
	EXPECT_EQ(125, self->res.status)
		TH_LOG("a second container named 'web' should be refused with 125; " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("", OUT) TH_LOG("no ID for a refused container");
	EXPECT_EQ(1, lab_count_lines(self->res.err, self->res.err_len))
		TH_LOG("expected one line on stderr, got '%s'", ERR);
	EXPECT_NE(NULL, strstr(self->res.err, "web"))
		TH_LOG("the error should name the name in use: '%s'", ERR);

	/* The first container is untouched. */
	EXPECT_EQ(0, lab_container_pid(id, &now))
		TH_LOG("the first 'web' no longer runs");
	EXPECT_EQ(pid, now);
	ASSERT_EQ(0, lab_read_file(path, after, sizeof(after)))
		TH_LOG("the first container's record %s is gone", path);
	EXPECT_STREQ(before, after)
		TH_LOG("the first container's record changed");
	PATHF(containers, "%s/containers", self->lab.root);
	EXPECT_EQ(1, count_entries(containers))
		TH_LOG("the refused run should create nothing: %s should hold the first container's dir only",
		       containers);
	PS_ROWS(rows, n);
	EXPECT_EQ(1, n) TH_LOG("ps should list the first 'web' only");
}

TEST_F(lab, bad_names_refused)
{
	static const char *const names[] = {
		"a/b", "..", "a..b", "-x", ".x", "a b", "", "a:b",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	char containers[PATH_MAX];
	size_t i;

	PATHF(containers, "%s/containers", self->lab.root);
	ASSERT_EQ(65, strlen(names[sizeof(names) / sizeof(names[0]) - 1]));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		MYDOCKER("run", "-d", "--name", names[i], IMG, "true");
		EXPECT_EQ(125, self->res.status)
			TH_LOG("--name '%s' should be refused with 125; " STATUS_FMT,
			       names[i], STATUS_ARGS);
		EXPECT_STREQ("", OUT)
			TH_LOG("--name '%s': no ID for a refused container",
			       names[i]);
		EXPECT_EQ(1, lab_count_lines(self->res.err, self->res.err_len))
			TH_LOG("--name '%s': expected one line on stderr, got '%s'",
			       names[i], ERR);
		EXPECT_EQ(0, lab_dir_empty_or_absent(self->lab.run))
			TH_LOG("--name '%s': a refused name should create nothing in %s",
			       names[i], self->lab.run);
		EXPECT_EQ(0, lab_dir_empty_or_absent(containers))
			TH_LOG("--name '%s': a refused name should create nothing in %s",
			       names[i], containers);
	}
}

TEST_F(lab, longest_name_accepted)
{
	char name[65], id[ID_LEN + 1];
	struct row rows[MAX_ROWS];
	int n;

	memset(name, 'a', 64);
	name[0] = 'Z';
	name[10] = '_';
	name[20] = '.';
	name[30] = '-';
	name[40] = '9';
	name[64] = '\0';
	DETACH(id, "--name <64 characters> busybox sleep 30", "--name", name,
	       IMG, "sleep", "30");
	PS_ROWS(rows, n);
	ASSERT_EQ(1, n);
	EXPECT_STREQ(name, rows[0].name)
		TH_LOG("a valid name of 64 characters should be kept whole");
}

/* ---- the record ---- */

TEST_F(lab, record_is_json_with_keys)
{
	static const char *const strings[] = {
		"id", "name", "created", "image", "cgroup", "status",
	};
	regex_t rfc3339;
	char id[ID_LEN + 1];
	const char *created;
	struct tm tm = { 0 };
	time_t when, now = time(NULL);
	json_t *root;
	size_t i;

	DETACH(id, "--name rec busybox sleep 30", "--name", "rec", IMG,
	       "sleep", "30");
	root = record_load(_metadata, self, "rec");
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		const char *key = strings[i];

		EXPECT_TRUE(json_is_string(json_object_get(root, key)))
			TH_LOG("the record should have \"%s\" as a string",
			       key ? key : "");
	}
	EXPECT_TRUE(json_is_integer(json_object_get(root, "pid")))
		TH_LOG("the record should have \"pid\" as an integer");
	EXPECT_TRUE(json_is_integer(json_object_get(root, "start_time")))
		TH_LOG("the record should have \"start_time\" as an integer");
	EXPECT_TRUE(json_is_array(json_object_get(root, "command")))
		TH_LOG("the record's \"command\" should be an array (an argv), not one string");
	EXPECT_TRUE(json_is_array(json_object_get(root, "volumes")))
		TH_LOG("the record's \"volumes\" should be an array");
	EXPECT_STREQ(id, json_str_of(root, "id"));
	EXPECT_STREQ("rec", json_str_of(root, "name"));
	EXPECT_STREQ("running", json_str_of(root, "status"));

	created = json_str_of(root, "created");
	ASSERT_EQ(0, regcomp(&rfc3339,
			     "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
			     REG_EXTENDED | REG_NOSUB));
	EXPECT_EQ(0, regexec(&rfc3339, created, 0, NULL, 0))
		TH_LOG("\"created\" should be RFC 3339, like 2024-05-01T12:00:00Z; it is '%s'",
		       created);
	regfree(&rfc3339);
	/* And it should be now, give or take the offset from UTC. */
	if (strptime(created, "%Y-%m-%dT%H:%M:%S", &tm)) {
		when = timegm(&tm);
		EXPECT_GT(15 * 3600, labs((long)(now - when)))
			TH_LOG("\"created\" (%s) is far from now", created);
	}
	json_decref(root);
}

TEST_F(lab, record_matches_kernel)
{
	char id[ID_LEN + 1], path[64], cgroups[4096], cgroup[PATH_MAX];
	unsigned long long start;
	const char *rec_cgroup;
	json_t *root;
	pid_t pid;

	DETACH(id, "--name rec busybox sleep 30", "--name", "rec", IMG,
	       "sleep", "30");
	pid = CONTAINER_PID(id);
	root = record_load(_metadata, self, "rec");
	EXPECT_EQ(pid, json_int_of(root, "pid"))
		TH_LOG("the record's pid should be the host PID of the container's PID 1");
	ASSERT_EQ(0, lab_proc_stat(pid, NULL, &start));
	EXPECT_EQ((long long)start, json_int_of(root, "start_time"))
		TH_LOG("the record's start_time should be field 22 of /proc/%d/stat",
		       pid);

	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	ASSERT_EQ(0, lab_read_file(path, cgroups, sizeof(cgroups)));
	ASSERT_EQ(0, lab_cgroup_path(cgroups, lab_cgroup_v2() ? "" : "memory",
				     cgroup, sizeof(cgroup)));
	rec_cgroup = json_str_of(root, "cgroup");
	EXPECT_STREQ(cgroup + (cgroup[0] == '/'),
		     rec_cgroup + (rec_cgroup[0] == '/'))
		TH_LOG("the record's cgroup should be the one the kernel shows for the container in %s",
		       path);
	json_decref(root);
}

TEST_F(lab, record_keeps_run_arguments)
{
	static const char *const argv[] = {
		"sh", "-c", "sleep 30", "arg0", "a b", "\"q\"", "",
	};
	char id[ID_LEN + 1], vol[PATH_MAX], spec[PATH_MAX];
	json_t *root, *command, *volumes;
	size_t i, n = sizeof(argv) / sizeof(argv[0]);

	PATHF(vol, "%s/vol", self->lab.dir);
	PATHF(spec, "%s:/data", vol);
	DETACH(id, "--name rec -v HOST:/data busybox sh -c 'sleep 30' arg0 'a b' '\"q\"' ''",
	       "--name", "rec", "-v", spec, IMG,
	       argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6]);
	root = record_load(_metadata, self, "rec");
	command = json_object_get(root, "command");
	ASSERT_TRUE(json_is_array(command))
		TH_LOG("the record's \"command\" should be an array");
	EXPECT_EQ(n, json_array_size(command))
		TH_LOG("\"command\" should hold the %zu arguments as given, it holds %zu",
		       n, json_array_size(command));
	for (i = 0; i < n && i < json_array_size(command); i++) {
		const char *arg = json_string_value(json_array_get(command, i));

		EXPECT_STREQ(argv[i], arg ? arg : "(not a string)")
			TH_LOG("argument %zu of \"command\"", i);
	}
	EXPECT_STREQ(IMG, json_str_of(root, "image"));
	volumes = json_object_get(root, "volumes");
	EXPECT_EQ(1, json_array_size(volumes))
		TH_LOG("\"volumes\" should hold the one -v given");
	EXPECT_STREQ(spec, json_string_value(json_array_get(volumes, 0)) ?: "")
		TH_LOG("\"volumes\" should hold HOST:CONTAINER as given to -v");
	json_decref(root);
}

TEST_F(lab, corrupt_record_reported_others_listed)
{
	char good[ID_LEN + 1], bad[ID_LEN + 1], path[PATH_MAX];
	struct row rows[MAX_ROWS];
	int n;

	DETACH(good, "--name good busybox sleep 30", "--name", "good", IMG,
	       "sleep", "30");
	DETACH(bad, "--name bad busybox sleep 30", "--name", "bad", IMG,
	       "sleep", "30");
	record_path(_metadata, self, "bad", path);
	ASSERT_EQ(0, lab_write_file(path, "{\"id\": \"truncat"));

	PS_ROWS(rows, n);
	EXPECT_EQ(1, lab_count_lines(self->res.err, self->res.err_len))
		TH_LOG("ps should report the unreadable record in one line on stderr, got '%s'",
		       ERR);
	EXPECT_NE(NULL, strstr(self->res.err, "bad"))
		TH_LOG("the report should name the container 'bad' or its dir: '%s'",
		       ERR);
	EXPECT_NE(NULL, find_row(rows, n, "good"))
		TH_LOG("a damaged record must not hide the others: 'good' is not listed");
	EXPECT_EQ(NULL, find_row(rows, n, "bad"))
		TH_LOG("a damaged record cannot be listed");
	EXPECT_EQ(1, n);
}

/*
 * A process of the test that joins the cgroup of container @id (its
 * cpu one; the only one on v2), as a container's process would be, and
 * waits to be killed. Its PID.
 */
static pid_t join_cgroup_child(struct __test_metadata *_metadata,
			       const char *id)
{
	char rel[PATH_MAX], dir[PATH_MAX], procs[PATH_MAX + 16];
	int ready[2];
	pid_t pid;
	char byte;

	snprintf(rel, sizeof(rel), "/mydocker/%s", id);
	ASSERT_EQ(0, lab_cgroup_dir("cpu", rel, dir));
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", dir);
	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		FILE *f = fopen(procs, "w");

		if (!f || fprintf(f, "0\n") < 0 || fclose(f))
			_exit(1);
		close(ready[0]);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(ready[1]);
	ASSERT_EQ(1, read(ready[0], &byte, 1))
		TH_LOG("the test's child could not join %s", procs);
	close(ready[0]);
	return pid;
}

/* The record's pid and start_time set to @pid's and @start + @skew. */
static void record_set_pid(struct __test_metadata *_metadata,
			   FIXTURE_DATA(lab) *self, const char *name, pid_t pid,
			   long long skew)
{
	unsigned long long start;
	json_t *root;

	ASSERT_EQ(0, lab_proc_stat(pid, NULL, &start));
	root = record_load(_metadata, self, name);
	json_object_set_new(root, "pid", json_integer(pid));
	json_object_set_new(root, "start_time", json_integer(start + skew));
	record_save(_metadata, self, name, root);
	json_decref(root);
}

TEST_F(lab, status_survives_pid_reuse)
{
	char id[ID_LEN + 1];
	struct row rows[MAX_ROWS];
	const struct row *r;
	pid_t child;
	int n;

	DETACH(id, "--name reuse busybox true", "--name", "reuse", IMG, "true");
	wait_record_gone(_metadata, self, "reuse");
	child = join_cgroup_child(_metadata, id);

	/* Its PID now belongs to a live process in its cgroup, started at
	 * the recorded time: that is a running container. */
	record_set_pid(_metadata, self, "reuse", child, 0);
	PS_ROWS(rows, n);
	r = find_row(rows, n, "reuse");
	ASSERT_NE(NULL, r) TH_LOG("ps does not list 'reuse'");
	ASSERT_EQ(child, r->pid)
		TH_LOG("ps should show the PID of the record");
	EXPECT_STREQ("running", r->status)
		TH_LOG("pid %d is alive, in the container's cgroup and started at the recorded start_time: ps should say running",
		       child);

	/* The same live PID with another start time: a reused PID. */
	record_set_pid(_metadata, self, "reuse", child, 1);
	PS_ROWS(rows, n);
	r = find_row(rows, n, "reuse");
	ASSERT_NE(NULL, r) TH_LOG("ps does not list 'reuse'");
	EXPECT_STREQ("exited", r->status)
		TH_LOG("pid %d is alive but started at another time than the record says: it is not the container, ps should say exited",
		       child);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
}

/*
 * A live PID with the right start time, outside the container's cgroup
 * (this test's own): a record that names a host process, not the
 * container. ps says exited; rm -f neither hangs nor kills it.
 */
TEST_F(lab, status_needs_pid_in_cgroup)
{
	char id[ID_LEN + 1];
	struct row rows[MAX_ROWS];
	const struct row *r;
	int n;

	DETACH(id, "--name host busybox true", "--name", "host", IMG, "true");
	wait_record_gone(_metadata, self, "host");
	record_set_pid(_metadata, self, "host", getpid(), 0);
	PS_ROWS(rows, n);
	r = find_row(rows, n, "host");
	ASSERT_NE(NULL, r) TH_LOG("ps does not list 'host'");
	EXPECT_STREQ("exited", r->status)
		TH_LOG("pid %d (the test) is alive with the recorded start time but not in cgroup mydocker/%s: it is not the container, ps should say exited",
		       getpid(), id);
}

/* ---- foreground containers ---- */

TEST_F(lab, foreground_listed_while_running)
{
	char dir[PATH_MAX], path[PATH_MAX];
	struct lab_proc *proc;
	struct row rows[MAX_ROWS];
	const struct row *r;
	int n, ret, tries;

	ret = lab_spawn(&self->lab, &proc, "run", "-i", "--name", "fg", IMG,
			"sh", "-c", "echo ready; read x");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	WAIT_READY(proc, "run -i --name fg busybox sh -c 'echo ready; read x'");
	/* The record is there from the start ("creating"); the one it
	 * runs with is written once the command runs: wait for it. */
	PATHF(dir, "%s/fg", self->lab.run);
	record_path(_metadata, self, "fg", path);
	ret = wait_for_file(dir, path, 10000);
	EXPECT_EQ(0, ret)
		TH_LOG("a running foreground container should have a record at %s",
		       path);

	for (tries = 0; tries < 1000; tries++, usleep(10000)) {
		PS_ROWS(rows, n);
		r = find_row(rows, n, "fg");
		if (!r || strcmp(r->status, "creating"))
			break;
	}
	ASSERT_NE(NULL, r)
		TH_LOG("ps should list the foreground container 'fg' while it runs");
	EXPECT_STREQ("running", r->status);

	ASSERT_EQ(1, write(proc->in, "\n", 1));
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res));
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker run -i --name fg ...: " STATUS_FMT, STATUS_ARGS);
}

TEST_F(lab, foreground_record_gone_after)
{
	char dir[PATH_MAX];
	struct row rows[MAX_ROWS];
	int n;

	MYDOCKER("run", "--name", "fg", IMG, "true");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker run --name fg busybox true: " STATUS_FMT,
		       STATUS_ARGS);
	PATHF(dir, "%s/fg", self->lab.run);
	EXPECT_FALSE(lab_exists(dir))
		TH_LOG("a foreground container's record %s should be gone after it ended",
		       dir);
	PS_ROWS(rows, n);
	EXPECT_EQ(0, n)
		TH_LOG("ps should list nothing after a foreground container ended");
}

TEST_HARNESS_MAIN
