// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 08: the container's environment. "mydocker run -e KEY=VALUE
 * -e KEY" sets it on top of the defaults PATH, HOME, HOSTNAME and TERM,
 * and "mydocker exec" gives its command the environment of the
 * container's PID 1, never the caller's. Each test makes one claim about
 * what env prints inside, or what the kernel shows in /proc/PID/environ.
 *
 * Needs root; run through selftests/run.sh, which sets MYDOCKER_BIN and
 * MYDOCKER_IMAGE. lab.c starts mydocker with the test's own environment
 * (plus MYDOCKER_ROOT and MYDOCKER_RUN), so a setenv() here is what a
 * user's shell would have exported.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE
#define DEFAULT_KEYS "HOME HOSTNAME PATH TERM"	/* sorted, as env_keys() */
#define HOST_ONLY "LAB_HOST_ONLY"	/* set in the test, never passed */
#define ENV_MAX (64 << 10)

FIXTURE(lab) {
	LAB_FIXTURE_FIELDS;
	char keys[2048];	/* env_keys() of the last MYDOCKER()'s stdout */
};

FIXTURE_SETUP(lab)
{
	LAB_FIXTURE_SETUP();
	/* A variable of the host's that must never reach a container. */
	ASSERT_EQ(0, setenv(HOST_ONLY, "leaked from the host", 1));
}

FIXTURE_TEARDOWN(lab)
{
	LAB_FIXTURE_TEARDOWN();
}

/* ---- environments as sets ---- */

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The entries of an environment, @len bytes of "KEY=VALUE" separated by
 * @sep ('\n' for env's output, '\0' for /proc/PID/environ), sorted and
 * joined by @join into @out. With @keys_only, only the keys. So two
 * environments are the same set when their env_sorted() strings are.
 */
static int env_sorted(const char *text, size_t len, char sep, bool keys_only,
		      char join, char *out, size_t size)
{
	char *copy = malloc(len + 1), *items[512];
	size_t n = 0, i, used = 0;
	char *p, *end;
	int ret = 0;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, text, len);
	copy[len] = '\0';
	for (p = copy; p < copy + len && !ret; p = end + 1) {
		end = memchr(p, sep, copy + len - p);
		if (!end)
			end = copy + len;
		*end = '\0';
		if (keys_only)
			p[strcspn(p, "=")] = '\0';
		if (!*p)
			continue;
		if (n == sizeof(items) / sizeof(items[0]))
			ret = -EOVERFLOW;
		else
			items[n++] = p;
	}
	qsort(items, n, sizeof(items[0]), compare_strings);
	out[0] = '\0';
	for (i = 0; i < n && !ret; i++) {
		size_t l = strlen(items[i]);

		if (used + l + 2 > size) {
			ret = -EOVERFLOW;
			break;
		}
		if (i)
			out[used++] = join;
		memcpy(out + used, items[i], l + 1);
		used += l;
	}
	free(copy);
	return ret;
}

/* The keys set in env's output, sorted, one space apart. */
static int env_keys(const char *env, char sep, char *out, size_t size)
{
	return env_sorted(env, strlen(env), sep, true, ' ', out, size);
}

/* The line after @line in a NUL-terminated text (at its end: ""). */
static const char *next_line(const char *line)
{
	size_t n = strcspn(line, "\n");

	return line + n + (line[n] == '\n');
}

/*
 * The value of @key in env's output into @value; returns how many times
 * @key is set (0: not at all).
 */
static int env_value(const char *env, const char *key, char *value,
		     size_t size)
{
	size_t n = strlen(key);
	const char *line;
	int count = 0;

	value[0] = '\0';
	for (line = env; *line; line = next_line(line)) {
		if (strncmp(line, key, n) || line[n] != '=')
			continue;
		count++;
		snprintf(value, size, "%.*s", (int)strcspn(line + n + 1, "\n"),
			 line + n + 1);
	}
	return count;
}

/* Run "mydocker ARGS..." (ending in "env") and check it went well. */
#define ENV_OF(what, ...) do { \
	MYDOCKER(__VA_ARGS__); \
	ASSERT_EQ(0, self->res.status) \
		TH_LOG("%s: " STATUS_FMT, what, STATUS_ARGS); \
	ASSERT_EQ(0, env_keys(self->res.out, '\n', self->keys, \
			      sizeof(self->keys))); \
} while (0)

/* The value of @key in the last env's output, asserted to be set once. */
#define EXPECT_VALUE(key, want, what) do { \
	char __v[1024]; \
	int __n = env_value(self->res.out, key, __v, sizeof(__v)); \
	EXPECT_EQ(1, __n) \
		TH_LOG("%s: %s should be set once in the container's environment, it is set %d times: '%s'", \
		       what, key, __n, OUT); \
	EXPECT_STREQ(want, __v) \
		TH_LOG("%s: the value of %s", what, key); \
} while (0)

/* @list ("PATH HOME A") as env_keys() would give it. */
static void expected_keys(struct __test_metadata *_metadata, const char *list,
			  char *out, size_t size)
{
	ASSERT_EQ(0, env_sorted(list, strlen(list), ' ', true, ' ', out, size));
}

/* ---- detached containers, for exec ---- */

/*
 * "mydocker run -d --name NAME ARGS...", asserted to work; @box gets
 * its ID, paths and, from the kernel, its PID 1.
 */
#define START(box, name, ...) do { \
	BOX_START(box, name, __VA_ARGS__); \
	BOX_PID(box); \
} while (0)

/* /proc/@pid/environ as the kernel shows it: NUL-separated, @len bytes. */
static int read_environ(pid_t pid, char *buf, size_t size, size_t *len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/environ", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	*len = 0;
	while (*len < size && (n = read(fd, buf + *len, size - *len)) > 0)
		*len += n;
	close(fd);
	return *len < size ? 0 : -EOVERFLOW;
}

/* ---- run -e ---- */

TEST_F(lab, run_e_values_in_env)
{
	ENV_OF("mydocker run -e A=1 -e B=two busybox env",
	       "run", "-e", "A=1", "-e", "B=two", IMG, "env");
	EXPECT_VALUE("A", "1", "run -e A=1");
	EXPECT_VALUE("B", "two", "run -e B=two");
}

TEST_F(lab, run_env_is_defaults_plus_e)
{
	char want[256];

	expected_keys(_metadata, DEFAULT_KEYS " A", want, sizeof(want));
	ENV_OF("mydocker run -e A=1 busybox env",
	       "run", "-e", "A=1", IMG, "env");
	EXPECT_STREQ(want, self->keys)
		TH_LOG("the container's environment should be exactly the defaults plus -e A=1 (the host's " HOST_ONLY " and the rest of mydocker's environment stay out); env printed '%s'",
		       OUT);
}

TEST_F(lab, value_with_spaces_and_equals_kept)
{
	ENV_OF("mydocker run -e 'OPTS=a=1 b=2' -e 'PAD=  two  spaces  ' busybox env",
	       "run", "-e", "OPTS=a=1 b=2", "-e", "PAD=  two  spaces  ", IMG,
	       "env");
	EXPECT_VALUE("OPTS", "a=1 b=2", "-e 'OPTS=a=1 b=2'");
	EXPECT_VALUE("PAD", "  two  spaces  ", "-e 'PAD=  two  spaces  '");
}

TEST_F(lab, empty_value_kept)
{
	char want[256];

	expected_keys(_metadata, DEFAULT_KEYS " EMPTY", want, sizeof(want));
	ENV_OF("mydocker run -e EMPTY= busybox env",
	       "run", "-e", "EMPTY=", IMG, "env");
	EXPECT_STREQ(want, self->keys)
		TH_LOG("-e EMPTY= should set EMPTY, to the empty string; env printed '%s'",
		       OUT);
	EXPECT_VALUE("EMPTY", "", "-e EMPTY=");
}

TEST_F(lab, e_key_takes_callers_value)
{
	ASSERT_EQ(0, setenv("LAB_FROM_CALLER", "the caller's = value", 1));
	ENV_OF("LAB_FROM_CALLER=\"the caller's = value\" mydocker run -e LAB_FROM_CALLER busybox env",
	       "run", "-e", "LAB_FROM_CALLER", IMG, "env");
	EXPECT_VALUE("LAB_FROM_CALLER", "the caller's = value",
		     "-e LAB_FROM_CALLER, set in mydocker's environment");
}

TEST_F(lab, e_key_unset_in_caller_left_out)
{
	char want[256];

	ASSERT_EQ(0, unsetenv("LAB_NOT_SET"));
	expected_keys(_metadata, DEFAULT_KEYS, want, sizeof(want));
	ENV_OF("mydocker run -e LAB_NOT_SET busybox env (LAB_NOT_SET unset)",
	       "run", "-e", "LAB_NOT_SET", IMG, "env");
	EXPECT_STREQ(want, self->keys)
		TH_LOG("-e LAB_NOT_SET, unset in the caller, should leave the key out (not set it empty); env printed '%s'",
		       OUT);
}

TEST_F(lab, later_e_wins)
{
	ENV_OF("mydocker run -e X=first -e X=second busybox env",
	       "run", "-e", "X=first", "-e", "X=second", IMG, "env");
	EXPECT_VALUE("X", "second", "-e X=first -e X=second");
}

TEST_F(lab, e_path_replaces_default)
{
	ENV_OF("mydocker run -e PATH=/bin:/usr/bin busybox env",
	       "run", "-e", "PATH=/bin:/usr/bin", IMG, "env");
	EXPECT_VALUE("PATH", "/bin:/usr/bin", "-e PATH=/bin:/usr/bin");
}

TEST_F(lab, pid1_environ_has_e)
{
	char *environ_text = malloc(ENV_MAX), want[256], keys[2048];
	char shown[2048], value[256];
	struct box app;
	size_t len = 0;
	int ret;

	ASSERT_NE(NULL, environ_text);
	START(&app, "app", "-e", "A=1", IMG, "sleep", "1000");
	ret = read_environ(app.pid, environ_text, ENV_MAX, &len);
	ASSERT_EQ(0, ret)
		TH_LOG("cannot read /proc/%d/environ: %s", app.pid, strerror(-ret));
	expected_keys(_metadata, DEFAULT_KEYS " A", want, sizeof(want));
	ASSERT_EQ(0, env_sorted(environ_text, len, '\0', true, ' ', keys,
				sizeof(keys)));
	EXPECT_STREQ(want, keys)
		TH_LOG("the kernel's /proc/%d/environ of the container's PID 1 (run -d -e A=1) should hold the defaults and A, nothing of the host's",
		       app.pid);
	ASSERT_EQ(0, env_sorted(environ_text, len, '\0', false, '\n', keys,
				sizeof(keys)));
	EXPECT_EQ(1, env_value(keys, "A", value, sizeof(value)))
		TH_LOG("/proc/%d/environ should set A once: '%s'", app.pid,
		       lab_escape(keys, shown, sizeof(shown)));
	EXPECT_STREQ("1", value)
		TH_LOG("/proc/%d/environ: the value of A (run -e A=1)", app.pid);
	free(environ_text);
}

/* ---- malformed -e: exit 125, one line, nothing created ---- */

static void expect_rejected(struct __test_metadata *_metadata,
			    FIXTURE_DATA(lab) *self, const char *what)
{
	char containers[PATH_MAX];

	PATHF(containers, "%s/containers", self->lab.root);
	EXPECT_ERROR(125, what);
	EXPECT_STREQ("", OUT)
		TH_LOG("%s: the command should not have run", what);
	EXPECT_EQ(0, lab_dir_empty_or_absent(containers))
		TH_LOG("%s: a rejected run should create nothing, but %s has entries",
		       what, containers);
	EXPECT_EQ(0, lab_dir_empty_or_absent(self->lab.run))
		TH_LOG("%s: a rejected run should create nothing, but %s has entries",
		       what, self->lab.run);
}

TEST_F(lab, rejects_empty_e)
{
	MYDOCKER("run", "-e", "", IMG, "env");
	expect_rejected(_metadata, self, "mydocker run -e '' busybox env");
}

TEST_F(lab, rejects_e_without_key)
{
	MYDOCKER("run", "-e", "=x", IMG, "env");
	expect_rejected(_metadata, self, "mydocker run -e =x busybox env");
}

TEST_F(lab, rejects_e_without_key_detached)
{
	MYDOCKER("run", "-d", "--name", "app", "-e", "=x", IMG, "sleep", "1000");
	expect_rejected(_metadata, self,
			"mydocker run -d --name app -e =x busybox sleep 1000");
}

/* ---- exec sees the container's environment ---- */

TEST_F(lab, exec_sees_e_values)
{
	struct box app;

	START(&app, "app", "-e", "A=1", "-e", "B=x = y", IMG, "sleep", "1000");
	ENV_OF("mydocker exec app env", "exec", "app", "env");
	EXPECT_VALUE("A", "1", "exec in a container run with -e A=1");
	EXPECT_VALUE("B", "x = y", "exec in a container run with -e 'B=x = y'");
}

TEST_F(lab, exec_env_is_pid1_environ)
{
	char *environ_text = malloc(ENV_MAX), *want = malloc(ENV_MAX);
	char *seen = malloc(ENV_MAX), shown_want[2048], shown_seen[2048];
	struct box app;
	size_t len = 0;
	int ret;

	ASSERT_TRUE(environ_text && want && seen);
	START(&app, "app", "-e", "A=1", "-e", "B=two words", IMG, "sleep",
	      "1000");
	ret = read_environ(app.pid, environ_text, ENV_MAX, &len);
	ASSERT_EQ(0, ret)
		TH_LOG("cannot read /proc/%d/environ: %s", app.pid, strerror(-ret));
	ASSERT_EQ(0, env_sorted(environ_text, len, '\0', false, '\n', want,
				ENV_MAX));

	ENV_OF("mydocker exec app env", "exec", "app", "env");
	ASSERT_EQ(0, env_sorted(self->res.out, self->res.out_len, '\n', false,
				'\n', seen, ENV_MAX));
	EXPECT_STREQ(lab_escape(want, shown_want, sizeof(shown_want)),
		     lab_escape(seen, shown_seen, sizeof(shown_seen)))
		TH_LOG("exec's command should get exactly the environment of the container's PID 1, as the kernel shows it in /proc/%d/environ",
		       app.pid);
	free(environ_text);
	free(want);
	free(seen);
}

TEST_F(lab, exec_does_not_leak_callers_env)
{
	char want[256];
	struct box app;

	START(&app, "app", "-e", "A=1", IMG, "sleep", "1000");
	/* Exported by the user who runs exec, after the container started. */
	ASSERT_EQ(0, setenv("LAB_EXEC_CALLER", "leaked from exec's caller", 1));
	expected_keys(_metadata, DEFAULT_KEYS " A", want, sizeof(want));
	ENV_OF("LAB_EXEC_CALLER=... mydocker exec app env", "exec", "app", "env");
	EXPECT_STREQ(want, self->keys)
		TH_LOG("exec's command should get the container's environment (defaults plus -e A=1), nothing of the caller's (" HOST_ONLY ", LAB_EXEC_CALLER...); env printed '%s'",
		       OUT);
}

TEST_F(lab, exec_term_is_containers)
{
	char *environ_text = malloc(ENV_MAX), keys[2048], term[256] = "";
	struct box app;
	size_t len = 0;
	int ret;

	ASSERT_NE(NULL, environ_text);
	ASSERT_EQ(0, setenv("TERM", "lab-run-term", 1));
	START(&app, "app", IMG, "sleep", "1000");
	ret = read_environ(app.pid, environ_text, ENV_MAX, &len);
	ASSERT_EQ(0, ret)
		TH_LOG("cannot read /proc/%d/environ: %s", app.pid, strerror(-ret));
	ASSERT_EQ(0, env_sorted(environ_text, len, '\0', false, '\n', keys,
				sizeof(keys)));
	free(environ_text);
	ASSERT_EQ(1, env_value(keys, "TERM", term, sizeof(term)))
		TH_LOG("the container's PID 1 should have TERM in /proc/%d/environ",
		       app.pid);

	/* The caller of exec has another TERM: the container's must win. */
	ASSERT_EQ(0, setenv("TERM", "lab-exec-term", 1));
	ASSERT_STRNE("lab-exec-term", term);
	ENV_OF("TERM=lab-exec-term mydocker exec app env", "exec", "app", "env");
	EXPECT_VALUE("TERM", term,
		     "exec from a caller with TERM=lab-exec-term (the container's PID 1 has its own TERM)");
}

TEST_F(lab, exec_env_same_from_empty_caller_env)
{
	char want[256];
	struct box app;

	START(&app, "app", "-e", "A=1", IMG, "sleep", "1000");
	/* env -i mydocker exec app env (lab.c still adds MYDOCKER_ROOT and
	 * MYDOCKER_RUN). */
	ASSERT_EQ(0, clearenv());
	expected_keys(_metadata, DEFAULT_KEYS " A", want, sizeof(want));
	ENV_OF("env -i mydocker exec app env", "exec", "app", "env");
	EXPECT_STREQ(want, self->keys)
		TH_LOG("from a caller with an empty environment, exec's command should still get the container's environment; env printed '%s'",
		       OUT);
	EXPECT_VALUE("A", "1", "env -i mydocker exec app env (run with -e A=1)");
}

TEST_HARNESS_MAIN
