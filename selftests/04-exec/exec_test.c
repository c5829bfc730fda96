// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 04: "mydocker exec". Each test starts a detached container and
 * makes one claim about a command exec'd into it: it sees the container's
 * hostname, processes and files, it is in the container's namespaces and
 * cgroup (the kernel's /proc and cgroup files say so), it gets its
 * arguments, stdin and a clean environment, and its exit status comes
 * back; an unknown or exited container is refused.
 *
 * Needs root; run through selftests/run.sh, which sets MYDOCKER_BIN and
 * MYDOCKER_IMAGE.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE

LAB_FIXTURE();

/* "mydocker run -d ARGS...", asserted to work; @box gets its ID and name. */
#define START(box, ...) BOX_START(box, NULL, __VA_ARGS__)

/* The PID that $MYDOCKER_RUN/<name>/config.json gives. */
static void record_pid(struct __test_metadata *_metadata,
		       FIXTURE_DATA(lab) *self, struct box *box)
{
	char path[PATH_MAX];
	json_error_t error;
	json_t *root, *pid;

	PATHF(path, "%s/%s/config.json", self->lab.run, box->name);
	root = json_load_file(path, 0, &error);
	ASSERT_NE(NULL, root)
		TH_LOG("cannot read %s: %s", path, error.text);
	pid = json_object_get(root, "pid");
	box->pid = json_is_integer(pid) ? json_integer_value(pid) : 0;
	json_decref(root);
	ASSERT_LT(0, box->pid) TH_LOG("%s has no \"pid\"", path);
}

/* Readlink @path into @buf (a namespace link: "uts:[4026531838]"). */
static void read_link(struct __test_metadata *_metadata, const char *path,
		      char *buf, size_t size)
{
	ssize_t n = readlink(path, buf, size - 1);

	ASSERT_LT(0, n) TH_LOG("readlink %s: %s", path, strerror(errno));
	buf[n] = '\0';
}

/*
 * The directory of @pid's cgroup for @controller (a v1 name; on a v2 host
 * the one unified dir), as /proc/PID/cgroup shows it.
 */
static void cgroup_of(struct __test_metadata *_metadata, pid_t pid,
		      const char *controller, char path[PATH_MAX],
		      char dir[PATH_MAX])
{
	const char *hier = lab_cgroup_v2() ? "" : controller;
	char file[PATH_MAX], text[8192];
	int ret;

	PATHF(file, "/proc/%d/cgroup", pid);
	ret = lab_read_file(file, text, sizeof(text));
	ASSERT_EQ(0, ret) TH_LOG("cannot read %s: %s", file, strerror(-ret));
	ret = lab_cgroup_path(text, hier, path, PATH_MAX);
	ASSERT_EQ(0, ret) TH_LOG("no %s line in %s", controller, file);
	ASSERT_EQ(0, lab_cgroup_dir(controller, path, dir));
}

/* Does @env (the output of env) set the variable @name? */
static bool env_has(const char *env, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	for (p = env; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, name, len) && p[len] == '=')
			return true;
	return false;
}

/* A refused exec: exit 1, one line on stderr that starts "mydocker:". */
static void expect_refused(struct __test_metadata *_metadata,
			   FIXTURE_DATA(lab) *self, const char *what)
{
	EXPECT_ERROR(1, what);
	EXPECT_STREQ("", OUT)
		TH_LOG("%s: nothing should run, but stdout has '%s'", what, OUT);
}

/* ---- the container's view ---- */

TEST_F(lab, exec_sees_container_hostname)
{
	struct box box;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	MYDOCKER("exec", "box", "hostname");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker exec box hostname: " STATUS_FMT, STATUS_ARGS);
	EXPECT_STREQ("box\\n", OUT)
		TH_LOG("exec'd into container 'box', hostname should say 'box' (its UTS namespace), not the host's name");
}

TEST_F(lab, exec_by_id)
{
	struct box box;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	MYDOCKER("exec", box.id, "hostname");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker exec %s hostname (the ID run -d printed): " STATUS_FMT,
		       box.id, STATUS_ARGS);
	EXPECT_STREQ("box\\n", OUT)
		TH_LOG("exec by ID should reach the container named 'box'");
}

TEST_F(lab, exec_sees_container_pid_1)
{
	char *line, *save = NULL;
	struct box box;
	bool found = false;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	MYDOCKER("exec", "box", "ps");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker exec box ps: " STATUS_FMT, STATUS_ARGS);
	/* busybox ps: "PID USER [TIME] COMMAND", the command last. */
	for (line = strtok_r(self->res.out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t len = strlen(line), tail = strlen("sleep 1000");
		int pid;

		if (sscanf(line, "%d", &pid) == 1 && pid == 1 && len > tail &&
		    !strcmp(line + len - tail, "sleep 1000"))
			found = true;
	}
	EXPECT_TRUE(found)
		TH_LOG("ps in the exec'd command should show the container's command 'sleep 1000' as PID 1 (the container's PID namespace and /proc); it showed '%s'",
		       OUT);
}

TEST_F(lab, exec_sees_container_files)
{
	char token[PATH_MAX], script[PATH_MAX + 64], want[PATH_MAX + 8];
	struct box box;

	/* A word no host file has: the lab dir's random name. */
	snprintf(token, sizeof(token), "%s", strrchr(self->lab.dir, '/') + 1);
	snprintf(script, sizeof(script),
		 "echo %s > /lab-mark; sleep 1000", token);
	START(&box, "--name", "box", IMG, "sh", "-c", script);
	/* The container writes the file after run -d returned: give it up
	 * to 5 s, inside the container. */
	MYDOCKER("exec", "box", "sh", "-c",
		 "i=0; while [ ! -e /lab-mark ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done; cat /lab-mark");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker exec box sh -c '... cat /lab-mark': " STATUS_FMT,
		       STATUS_ARGS);
	snprintf(want, sizeof(want), "%s\\n", token);
	EXPECT_STREQ(want, OUT)
		TH_LOG("the container wrote /lab-mark in its root; exec should see it there (the container's mount namespace)");
}

TEST_F(lab, exec_joins_container_namespaces)
{
	static const char *const names[] = { "uts", "ipc", "net", "pid", "mnt" };
	char path[PATH_MAX], want[64], host[64], *line, *save = NULL;
	struct box box;
	size_t i;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	BOX_PID(&box);
	MYDOCKER("exec", "box", "sh", "-c",
		 "for n in uts ipc net pid mnt; do readlink /proc/self/ns/$n; done");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker exec box sh -c 'readlink /proc/self/ns/...': " STATUS_FMT,
		       STATUS_ARGS);
	line = strtok_r(self->res.out, "\n", &save);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		ASSERT_NE(NULL, line)
			TH_LOG("the exec'd command printed no link for its %s namespace",
			       names[i]);
		PATHF(path, "/proc/%d/ns/%s", box.pid, names[i]);
		read_link(_metadata, path, want, sizeof(want));
		PATHF(path, "/proc/self/ns/%s", names[i]);
		read_link(_metadata, path, host, sizeof(host));
		ASSERT_STRNE(host, want)
			TH_LOG("the container itself shares the host's %s namespace", names[i]);
		EXPECT_STREQ(want, line)
			TH_LOG("the exec'd command's %s namespace is %s, the container's PID 1 (host PID %d) is in %s: setns missed it",
			       names[i], line, box.pid, want);
		line = strtok_r(NULL, "\n", &save);
	}
}

/*
 * The command itself, not only what it starts, is in the container's PID
 * namespace: readlink runs without a shell, which would fork it anew.
 */
TEST_F(lab, exec_command_is_in_container_pid_namespace)
{
	char path[PATH_MAX], want[64];
	struct box box;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	BOX_PID(&box);
	PATHF(path, "/proc/%d/ns/pid", box.pid);
	read_link(_metadata, path, want, sizeof(want));
	MYDOCKER("exec", "box", "readlink", "/proc/self/ns/pid");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker exec box readlink /proc/self/ns/pid: " STATUS_FMT " (setns(CLONE_NEWPID) moves only the caller's children: was the command forked after it?)",
		       STATUS_ARGS);
	strcat(want, "\\n");
	EXPECT_STREQ(want, OUT)
		TH_LOG("the exec'd command should be in the PID namespace of the container's PID 1 (host PID %d)",
		       box.pid);
}

/* ---- the container's cgroup ---- */

/*
 * The host PID of the process of cgroup @dir that is @nspid in the
 * container's PID namespace: the last NSpid in /proc/PID/status.
 */
static pid_t host_pid_in_cgroup(const char *dir, int nspid)
{
	char path[PATH_MAX], pids[8192], status[4096], *line, *save = NULL;

	if (lab_pathf(path, "%s/cgroup.procs", dir) ||
	    lab_read_file(path, pids, sizeof(pids)))
		return 0;
	for (line = strtok_r(pids, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *ns, *end;
		int last = -1;

		snprintf(path, sizeof(path), "/proc/%s/status", line);
		if (lab_read_file(path, status, sizeof(status)))
			continue;
		ns = strstr(status, "\nNSpid:");
		if (!ns)
			continue;
		ns += strlen("\nNSpid:");
		end = ns + strcspn(ns, "\n");
		while (ns < end) {
			char *next;
			long v = strtol(ns, &next, 10);

			if (next == ns)
				break;
			last = v;
			ns = next;
		}
		if (last == nspid)
			return atoi(line);
	}
	return 0;
}

TEST_F(lab, exec_joins_container_cgroup)
{
	char want_path[PATH_MAX], dir[PATH_MAX], line[PATH_MAX];
	char cgroups[8192] = "", got_path[PATH_MAX], limit[PATH_MAX];
	char value[64], shown[2048];
	const char *hier = lab_cgroup_v2() ? "" : "memory";
	struct lab_proc *proc;
	struct box box;
	size_t len = 0;
	pid_t host_pid;
	int ret, nspid;

	START(&box, "--name", "box", "-m", "64m", IMG, "sleep", "1000");
	BOX_PID(&box);
	cgroup_of(_metadata, box.pid, "memory", want_path, dir);

	/* It reports its cgroups and PID, then waits for our line. */
	ret = lab_spawn(&self->lab, &proc, "exec", "box", "sh", "-c",
			"cat /proc/self/cgroup; echo END; echo $$; read x");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	for (;;) {
		ret = lab_read_line(proc, line, sizeof(line), 10000);
		ASSERT_EQ(0, ret)
			TH_LOG("mydocker exec box sh -c 'cat /proc/self/cgroup; ...' should print its cgroups and END: %s",
			       strerror(-ret));
		if (!strcmp(line, "END"))
			break;
		len += snprintf(cgroups + len, sizeof(cgroups) - len, "%s\n", line);
		ASSERT_LT(len, sizeof(cgroups));
	}
	ret = lab_read_line(proc, line, sizeof(line), 10000);
	ASSERT_EQ(0, ret) TH_LOG("the exec'd shell did not print its PID");
	nspid = atoi(line);

	ASSERT_EQ(0, lab_cgroup_path(cgroups, hier, got_path, sizeof(got_path)))
		TH_LOG("no memory line in the exec'd command's /proc/self/cgroup: '%s'",
		       lab_escape(cgroups, shown, sizeof(shown)));
	EXPECT_STREQ(want_path, got_path)
		TH_LOG("the exec'd command should be in the container's memory cgroup %s, it is in %s",
		       want_path, got_path);

	/* The kernel's side: it is a process of that cgroup, under -m 64m. */
	host_pid = host_pid_in_cgroup(dir, nspid);
	EXPECT_NE(0, host_pid)
		TH_LOG("the exec'd shell (PID %d in the container) is not in %s/cgroup.procs",
		       nspid, dir);
	PATHF(limit, "%s/%s", dir, lab_cgroup_v2() ? "memory.max" :
	      "memory.limit_in_bytes");
	ASSERT_EQ(0, lab_read_file(limit, value, sizeof(value)));
	EXPECT_EQ(64ULL << 20, strtoull(value, NULL, 10))
		TH_LOG("the cgroup of the exec'd command should have the container's limit -m 64m; %s is %s",
		       limit, value);

	ASSERT_EQ(1, write(proc->in, "\n", 1));
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res))
		TH_LOG("the exec'd shell did not end after 'read x' got its line");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker exec box sh -c '...; read x': " STATUS_FMT,
		       STATUS_ARGS);
}

TEST_F(lab, exec_under_container_memory_limit)
{
	struct box box;

	START(&box, "--name", "box", "-m", "32m", IMG, "sleep", "1000");
	/* Bounded at 256 MiB: an exec that escaped the limit exits 0. */
	MYDOCKER("exec", "box", "awk",
		 "BEGIN{s=\"x\"; while (length(s) < 268435456) s = s s}");
	EXPECT_EQ(128 + 9, self->res.status)
		TH_LOG("a command exec'd into a container with -m 32m that grows past 32 MiB should be OOM-killed (exit 137): exec must put it in the container's cgroup; " STATUS_FMT,
		       STATUS_ARGS);
}

/* ---- the command: arguments, stdin, environment, exit status ---- */

TEST_F(lab, arguments_preserved)
{
	struct box box;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	MYDOCKER("exec", "box", "printf", "[%s]\\n", "a b", "\"q\"", "");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker exec box printf '[%%s]\\n' 'a b' '\"q\"' '': " STATUS_FMT,
		       STATUS_ARGS);
	EXPECT_STREQ("[a b]\\n[\"q\"]\\n[]\\n", OUT)
		TH_LOG("each argument should reach the command as it was given: spaces, quotes and an empty one (no shell in between)");
}

TEST_F(lab, stdin_passes_through)
{
	char line[256] = "";
	struct lab_proc *proc;
	struct box box;
	int ret;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	ret = lab_spawn(&self->lab, &proc, "exec", "box", "cat");
	ASSERT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	ASSERT_EQ(16, write(proc->in, "typed into exec\n", 16));
	ret = lab_read_line(proc, line, sizeof(line), 10000);
	EXPECT_EQ(0, ret)
		TH_LOG("mydocker exec box cat: the line written to its stdin did not come back: %s",
		       strerror(-ret));
	EXPECT_STREQ("typed into exec", line);
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res))
		TH_LOG("mydocker exec box cat did not end at the end of its stdin");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker exec box cat: " STATUS_FMT, STATUS_ARGS);
}

TEST_F(lab, host_environment_does_not_leak)
{
	struct box box;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	/* mydocker inherits this, and the lab's MYDOCKER_ROOT. */
	ASSERT_EQ(0, setenv("LAB_HOST_SECRET", "from-the-host", 1));
	MYDOCKER("exec", "box", "env");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker exec box env: " STATUS_FMT, STATUS_ARGS);
	EXPECT_FALSE(env_has(self->res.out, "LAB_HOST_SECRET"))
		TH_LOG("LAB_HOST_SECRET, set in the environment of mydocker exec, shows in the container: '%s'",
		       OUT);
	EXPECT_FALSE(env_has(self->res.out, "MYDOCKER_ROOT"))
		TH_LOG("mydocker's own MYDOCKER_ROOT shows in the container: '%s'",
		       OUT);
}

TEST_F(lab, exit_status_of_command)
{
	struct box box;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	MYDOCKER("exec", "box", "sh", "-c", "exit 7");
	EXPECT_EQ(7, self->res.status)
		TH_LOG("mydocker exec box sh -c 'exit 7' should exit 7: " STATUS_FMT,
		       STATUS_ARGS);
}

TEST_F(lab, exit_127_not_found)
{
	struct box box;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	MYDOCKER("exec", "box", "nosuchcmd");
	EXPECT_EQ(127, self->res.status)
		TH_LOG("mydocker exec box nosuchcmd should exit 127: " STATUS_FMT,
		       STATUS_ARGS);
}

TEST_F(lab, exit_126_not_executable)
{
	struct box box;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	MYDOCKER("exec", "box", "/etc/passwd");
	EXPECT_EQ(126, self->res.status)
		TH_LOG("mydocker exec box /etc/passwd (not executable) should exit 126: " STATUS_FMT,
		       STATUS_ARGS);
}

/* ---- refused ---- */

TEST_F(lab, refuses_exited_container)
{
	struct box box;
	int ret;

	/* Gone, not a zombie: the test holds and reaps it, whatever this
	 * machine's PID 1 does. */
	ASSERT_EQ(0, lab_hold_orphans())
		TH_LOG("the test cannot become a subreaper: %s", strerror(errno));
	START(&box, "--name", "done", IMG, "true");
	record_pid(_metadata, self, &box);
	ret = lab_wait_gone(box.pid, 10000);
	ASSERT_EQ(0, ret)
		TH_LOG("the container's 'true' (host PID %d) did not end", box.pid);
	lab_reap_held();
	MYDOCKER("exec", "done", "echo", "ran");
	expect_refused(_metadata, self,
		       "mydocker exec done echo ran (its command has exited)");
}

/* Point @name's record at @pid with @start_time, as a reused PID would. */
static void record_point_at(struct __test_metadata *_metadata,
			    FIXTURE_DATA(lab) *self, const char *name,
			    pid_t pid, unsigned long long start_time)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	json_error_t error;
	json_t *root;

	PATHF(path, "%s/%s/config.json", self->lab.run, name);
	PATHF(tmp, "%s.test", path);
	root = json_load_file(path, 0, &error);
	ASSERT_NE(NULL, root)
		TH_LOG("cannot read %s: %s", path, error.text);
	json_object_set_new(root, "pid", json_integer(pid));
	json_object_set_new(root, "start_time", json_integer(start_time));
	ASSERT_EQ(0, json_dump_file(root, tmp, JSON_INDENT(2)));
	json_decref(root);
	ASSERT_EQ(0, rename(tmp, path));
}

/*
 * The container has exited and its PID now belongs to another live
 * process (here a child of the test, in the host's namespaces) that
 * started at another time: a pidfd opens on it fine, only the start time
 * tells it is not the container.
 */
TEST_F(lab, refuses_reused_pid)
{
	unsigned long long started;
	struct box box;
	pid_t other;
	int ret;

	START(&box, "--name", "gone", IMG, "sleep", "1000");
	BOX_PID(&box);
	ASSERT_EQ(0, kill(box.pid, SIGKILL));
	ret = lab_wait_gone(box.pid, 10000);
	ASSERT_EQ(0, ret)
		TH_LOG("the container's PID 1 (host PID %d) did not end on SIGKILL",
		       box.pid);
	other = fork();
	ASSERT_LE(0, other);
	if (other == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		pause();
		_exit(0);
	}
	ret = lab_proc_stat(other, NULL, &started);
	if (ret)
		kill(other, SIGKILL);
	ASSERT_EQ(0, ret);
	record_point_at(_metadata, self, "gone", other, started + 1);

	MYDOCKER("exec", "gone", "echo", "ran");
	kill(other, SIGKILL);
	waitpid(other, NULL, 0);
	expect_refused(_metadata, self,
		       "mydocker exec gone echo ran (the record's PID is alive but started at another time: it is not the container, whose command has exited)");
}

TEST_F(lab, refuses_unknown_container)
{
	struct box box;

	START(&box, "--name", "box", IMG, "sleep", "1000");
	MYDOCKER("exec", "nosuchbox", "echo", "ran");
	expect_refused(_metadata, self, "mydocker exec nosuchbox echo ran");
	EXPECT_NE(NULL, strstr(self->res.err, "nosuchbox"))
		TH_LOG("the error should name the unknown container: '%s'", ERR);
}

TEST_HARNESS_MAIN
