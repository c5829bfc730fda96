// SPDX-License-Identifier: GPL-2.0
/*
 * A container's life, seen from both sides: the parent makes its
 * directories and cgroup, clones it into new namespaces, waits for it
 * and cleans up; the child sets up its root and runs the command.
 * 01-detach: the child reports its set-up over a pipe, so the parent
 * knows the command started (or why not) before a detached run returns.
 * 02-ps: the container claims its name and gets a record (state.c).
 * 03-logs: a detached container's output goes to its container.log.
 * 08-env: its environment is the defaults plus what -e gave.
 * 10-harden: a pids limit, a read-only /sys, masked /proc, and last
 * capabilities, no_new_privs and seccomp (harden.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/sched.h>

#include "err.h"
#include "fileio.h"
#include "liveness.h"
#include "mounts.h"
#include "mydocker.h"
#include "paths.h"
#include "record.h"

#define CONTAINER_NAMESPACES \
	(CLONE_NEWUTS | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET)

/* $MYDOCKER_ROOT/containers/<id>/{upper,work,merged} */
static int container_dirs_create(struct container *c)
{
	static const char *const subdirs[] = { "upper", "work", "merged" };
	char path[PATH_MAX];
	size_t i;
	int ret;

	ret = pathf(c->dir, "%s/containers/%s", data_root(), c->id);
	if (!ret)
		ret = mkdir_p(c->dir, 0755);
	for (i = 0; !ret && i < 3; i++) {
		ret = pathf(path, "%s/%s", c->dir, subdirs[i]);
		if (!ret && mkdir(path, 0755) < 0)
			ret = -errno;
	}
	if (ret) {
		errmsg("create %s: %s", c->dir, strerror(-ret));
		remove_tree(c->dir);
	}
	return ret;
}

/*
 * The parent opens the log where the host's paths still work; the child
 * puts it on its stdout and stderr. O_APPEND keeps the two streams'
 * writes in the order they were made.
 */
static int open_log(struct container *c)
{
	char path[PATH_MAX];
	int ret;

	if (!c->opts->detach)
		return 0;	/* in the foreground the output is the caller's */
	ret = record_file(path, c->name, "container.log");
	if (ret)
		return ret;
	c->log_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
			 0640);
	if (c->log_fd < 0) {
		ret = -errno;
		errmsg("create %s: %s", path, strerror(-ret));
	}
	return ret;
}

int container_create(struct container *c, const struct run_options *opts)
{
	int ret;

	memset(c, 0, sizeof(*c));
	c->opts = opts;
	c->pid = -1;
	c->log_fd = -1;
	ret = id_generate(c->id);
	if (ret) {
		errmsg("generate an ID: %s", strerror(-ret));
		return ret;
	}
	c->name = opts->name ? opts->name : c->id;

	ret = image_layer_get(opts->image, c->layer);
	if (ret)
		return ret;
	err_container = c->name;	/* from here on, messages name it */
	ret = state_claim_name(c->name);
	if (ret)
		return ret;
	ret = volumes_prepare(opts);
	if (ret)
		goto out_release_name;
	ret = container_dirs_create(c);
	if (ret)
		goto out_release_name;
	ret = open_log(c);
	if (ret)
		goto out_remove_dirs;
	ret = cgroup_create(&c->cgroup, c->id);
	if (ret)
		goto out_close_log;
	ret = cgroup_apply_limits(&c->cgroup, &opts->limits);
	if (!ret)
		ret = pids_limit_apply(&c->cgroup, opts->security.pids_limit);
	if (ret)
		goto out_destroy_cgroup;
	return 0;

out_destroy_cgroup:
	cgroup_destroy(&c->cgroup);
	pids_destroy(&c->cgroup);
out_close_log:
	if (c->log_fd >= 0)
		close(c->log_fd);
out_remove_dirs:
	remove_tree(c->dir);
out_release_name:
	state_release_name(c->name);
	return ret;
}

/* ---- in the child: the container's set-up, step by step ---- */

static int set_hostname(const char *name)
{
	if (sethostname(name, strlen(name)) < 0) {
		errmsg("sethostname %s: %s", name, strerror(errno));
		return -EPERM;
	}
	return 0;
}

/*
 * Without -i the command reads /dev/null, as in Docker. A detached
 * container writes to its log: it must not hold on to the caller's
 * terminal or pipes after run has returned.
 */
static int set_stdio(const struct container *c)
{
	int fd;

	if (c->opts->interactive)
		return 0;
	fd = open("/dev/null", O_RDONLY);
	if (fd < 0 || dup2(fd, STDIN_FILENO) < 0) {
		errmsg("stdin from /dev/null: %s", strerror(errno));
		return -EIO;
	}
	close(fd);
	if (c->log_fd >= 0 && (dup2(c->log_fd, STDOUT_FILENO) < 0 ||
			       dup2(c->log_fd, STDERR_FILENO) < 0)) {
		errmsg("stdout and stderr to container.log: %s",
		       strerror(errno));
		return -EIO;
	}
	return 0;
}

/* A detached container leaves our session: no signals from our terminal. */
static int leave_session(const struct run_options *opts)
{
	if (opts->detach && setsid() < 0) {
		errmsg("setsid: %s", strerror(errno));
		return -EPERM;
	}
	return 0;
}

/*
 * A clean environment, never the host's (the book's containers inherited
 * all of mydocker's): the defaults, then every -e in order, so that a
 * later value wins, and -e PATH=... replaces the default.
 */
static int set_environment(const struct container *c)
{
	const char *term = getenv("TERM");
	char *keep_term = strdup(term ? term : "xterm");
	int ret = 0;
	size_t i;

	if (!keep_term || clearenv() ||
	    setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1) ||
	    setenv("HOME", "/root", 1) || setenv("HOSTNAME", c->name, 1) ||
	    setenv("TERM", keep_term, 1))
		ret = -ENOMEM;
	for (i = 0; !ret && i < c->opts->n_env; i++)
		if (putenv(c->opts->env[i]))
			ret = -ENOMEM;
	if (ret)
		errmsg("set the environment: %s", strerror(-ret));
	free(keep_term);
	return ret;
}

/* Only returns on failure, with the exit status Docker would give. */
static int exec_command(char **argv)
{
	int err;

	execvp(argv[0], argv);	/* searches the container's PATH */
	err = errno;
	errmsg("exec '%s': %s", argv[0], strerror(err));
	return err == ENOENT || err == ENOTDIR ? EXIT_NOT_FOUND :
						 EXIT_CANNOT_EXEC;
}

/* --privileged leaves /proc and /sys as chapters 00 to 08 did. */
static int harden_mounts(const struct container *c, const char *merged)
{
	return c->opts->security.privileged ? 0 :
					      sys_mount_readonly(&c->cgroup, merged);
}

static int harden_proc(const struct container *c)
{
	return c->opts->security.privileged ? 0 : proc_mask();
}

static int container_main(struct container *c)
{
	const struct security_options *sec = &c->opts->security;
	char merged[PATH_MAX];

	if (cgroup_enter(&c->cgroup) ||
	    pids_enter(&c->cgroup) ||
	    cgroupns_enter(sec) ||
	    make_mounts_private() ||
	    set_hostname(c->name) ||
	    pathf(merged, "%s/merged", c->dir) ||
	    rootfs_mount(c, merged) ||
	    volumes_mount(c->opts, merged) ||
	    harden_mounts(c, merged) ||
	    rootfs_pivot(merged) ||
	    harden_proc(c) ||
	    leave_session(c->opts) ||
	    set_stdio(c) ||
	    set_environment(c) ||
	    security_apply(sec))
		return EXIT_MYDOCKER;
	return exec_command(c->opts->argv);
}

/* ---- in the parent ---- */

/*
 * clone3() without a stack behaves like fork(), only the child starts
 * in the new namespaces; being PID 1 of its PID namespace, it is the
 * container's init. On cgroup v2 it also starts inside its cgroup.
 */
static pid_t clone_into_namespaces(int cgroup_fd)
{
	struct clone_args args = {
		.flags = CONTAINER_NAMESPACES,
		.exit_signal = SIGCHLD,
	};

	if (cgroup_fd >= 0) {
		args.flags |= CLONE_INTO_CGROUP;
		args.cgroup = cgroup_fd;
	}
	return syscall(SYS_clone3, &args, sizeof(args));
}

/*
 * The child writes its error messages into @fd; on success execve()
 * closes it (O_CLOEXEC) without a word. So: EOF and nothing read means the
 * command runs; any text is the child's error, to be shown as ours.
 */
static int read_report(int fd, pid_t pid)
{
	char report[4096];
	size_t len = 0;
	ssize_t n;
	int status;

	while ((n = read(fd, report + len, sizeof(report) - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += n;
		if (len == sizeof(report))
			break;
	}
	if (len == 0)
		return 0;
	if (write(STDERR_FILENO, report, len) < 0)
		errmsg("report of pid %d lost", pid);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_MYDOCKER;
}

/* The start time must be read before anyone can reap the child. */
static int container_started(struct container *c, int report_fd)
{
	char state;
	int status;

	if (proc_start_time(c->pid, &c->start_time, &state))
		c->start_time = 0;	/* the record will say "exited" */
	status = read_report(report_fd, c->pid);
	if (status == 0 && state_record_write(c)) {
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
		status = EXIT_MYDOCKER;
	}
	return status;
}

int container_start(struct container *c)
{
	int cgroup_fd = cgroup_clone_fd(&c->cgroup);
	int report[2], status;

	if (pipe2(report, O_CLOEXEC) < 0) {
		errmsg("pipe: %s", strerror(errno));
		return EXIT_MYDOCKER;
	}
	fflush(NULL);
	c->pid = clone_into_namespaces(cgroup_fd);
	if (c->pid == 0) {
		close(report[0]);
		err_fd = report[1];
		_exit(container_main(c));
	}
	if (cgroup_fd >= 0)
		close(cgroup_fd);
	if (c->log_fd >= 0)
		close(c->log_fd);	/* the container has its own copy */
	close(report[1]);
	if (c->pid < 0) {
		errmsg("clone into new namespaces: %s", strerror(errno));
		status = EXIT_MYDOCKER;
	} else {
		status = container_started(c, report[0]);
	}
	close(report[0]);
	return status;
}

static volatile pid_t forward_to;

/*
 * SIGTERM and SIGHUP for us are meant for the container. SIGINT and
 * SIGQUIT from a terminal reach the container by themselves (it is in
 * our process group); we only must not die of them before cleaning up.
 */
static void forward_signal(int sig)
{
	if (sig == SIGTERM || sig == SIGHUP)
		kill(forward_to, sig);
}

int wait_forwarding_signals(pid_t pid)
{
	static const int signals[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT };
	struct sigaction sa = { .sa_handler = forward_signal };
	int status;
	size_t i;

	forward_to = pid;
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaction(signals[i], &sa, NULL);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			errmsg("wait for pid %d: %s", pid, strerror(errno));
			return EXIT_MYDOCKER;
		}
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/*
 * The container's mounts lived in its own mount namespace and went with
 * it; what is left is its cgroup and its directories.
 */
void container_destroy(struct container *c)
{
	int ret;

	cgroup_destroy(&c->cgroup);
	pids_destroy(&c->cgroup);
	ret = remove_tree(c->dir);
	if (ret)
		errmsg("remove %s: %s", c->dir, strerror(-ret));
	state_release_name(c->name);
}
