// SPDX-License-Identifier: GPL-2.0
/*
 * A container's life, seen from both sides: the parent makes its
 * directories and cgroup, clones it into new namespaces, waits for it
 * and cleans up; the child sets up its root and runs the command.
 * 01-detach: the child reports its set-up over a pipe, so the parent
 * knows the command started (or why not) before a detached run returns.
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

#include "container.h"
#include "err.h"
#include "fileio.h"
#include "mounts.h"
#include "paths.h"
#include "rootfs.h"
#include "volume.h"

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

int container_create(struct container *c, const struct run_options *opts)
{
	int ret;

	memset(c, 0, sizeof(*c));
	c->opts = opts;
	c->pid = -1;
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
	ret = volumes_prepare(opts);
	if (ret)
		return ret;
	ret = container_dirs_create(c);
	if (ret)
		return ret;
	ret = cgroup_create(&c->cgroup, c->id);
	if (ret)
		goto out_remove_dirs;
	ret = cgroup_apply_limits(&c->cgroup, &opts->limits);
	if (ret)
		goto out_destroy_cgroup;
	return 0;

out_destroy_cgroup:
	cgroup_destroy(&c->cgroup);
out_remove_dirs:
	remove_tree(c->dir);
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
 * container also writes to /dev/null: it must not hold on to the
 * caller's terminal or pipes after run has returned.
 */
static int set_stdio(const struct run_options *opts)
{
	int fd, target;

	if (opts->interactive)
		return 0;
	fd = open("/dev/null", O_RDWR);
	if (fd < 0) {
		errmsg("open /dev/null: %s", strerror(errno));
		return -EIO;
	}
	for (target = 0; target <= (opts->detach ? 2 : 0); target++) {
		if (dup2(fd, target) < 0) {
			errmsg("redirect fd %d to /dev/null: %s", target,
			       strerror(errno));
			close(fd);
			return -EIO;
		}
	}
	close(fd);
	return 0;
}

/* A detached container leaves our session: no signals from our terminal. */
/* EXERCISE session: A detached container (-d) leaves the caller's session, so that Ctrl-C or a hang-up of the caller's terminal cannot reach it; a foreground one stays. */
/* HINT: setsid(2) in the child; it is not a process group leader, so setsid() works. */
static int leave_session(const struct run_options *opts)
{
	if (opts->detach && setsid() < 0) {
		errmsg("setsid: %s", strerror(errno));
		return -EPERM;
	}
	return 0;
}
/* END EXERCISE session */

/* A clean environment: nothing of the host's leaks in but TERM. */
static int set_environment(const char *name)
{
	const char *term = getenv("TERM");
	char *keep_term = strdup(term ? term : "xterm");
	int ret = 0;

	if (!keep_term || clearenv() ||
	    setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1) ||
	    setenv("HOME", "/root", 1) || setenv("HOSTNAME", name, 1) ||
	    setenv("TERM", keep_term, 1)) {
		errmsg("set the environment: %s", strerror(ENOMEM));
		ret = -ENOMEM;
	}
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

static int container_main(struct container *c)
{
	char merged[PATH_MAX];

	if (cgroup_enter(&c->cgroup) ||
	    make_mounts_private() ||
	    set_hostname(c->name) ||
	    pathf(merged, "%s/merged", c->dir) ||
	    rootfs_mount(c, merged) ||
	    volumes_mount(c->opts, merged) ||
	    rootfs_pivot(merged) ||
	    leave_session(c->opts) ||
	    set_stdio(c->opts) ||
	    set_environment(c->name))
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

/* EXERCISE report: Let run know whether the command started before it returns: the child's set-up errors go into a pipe that a successful execve() closes; the parent reads it to EOF. Nothing read: the command runs (0). Text: print it, reap the child, return its exit status. */
/* HINT: pipe2(O_CLOEXEC) before the clone; in the child close the read end and point err_fd (err.h) at the write end; in the parent close the write end and read() until it returns 0. */
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
	close(report[1]);
	if (c->pid < 0) {
		errmsg("clone into new namespaces: %s", strerror(errno));
		status = EXIT_MYDOCKER;
	} else {
		status = read_report(report[0], c->pid);
	}
	close(report[0]);
	return status;
}
/* END EXERCISE report */

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
	ret = remove_tree(c->dir);
	if (ret)
		errmsg("remove %s: %s", c->dir, strerror(-ret));
}
