// SPDX-License-Identifier: GPL-2.0
/*
 * A container's life, seen from both sides: the parent makes its
 * directories and cgroup, clones it into new namespaces, waits for it
 * and cleans up; the child sets up its root and runs the command.
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

/* EXERCISE hostname: Give the container its own hostname, its name (the ID when there is no --name); it is in a new UTS namespace, so the host's does not change. */
/* HINT: sethostname(2) takes the name and its length; on failure report the step with errmsg() and return a negative errno. */
static int set_hostname(const char *name)
{
	if (sethostname(name, strlen(name)) < 0) {
		errmsg("sethostname %s: %s", name, strerror(errno));
		return -EPERM;
	}
	return 0;
}
/* END EXERCISE hostname */

/* Without -i the command reads /dev/null, as in Docker. */
static int set_stdin(const struct run_options *opts)
{
	int fd;

	if (opts->interactive)
		return 0;
	fd = open("/dev/null", O_RDONLY);
	if (fd < 0 || dup2(fd, STDIN_FILENO) < 0) {
		errmsg("stdin from /dev/null: %s", strerror(errno));
		return -EIO;
	}
	close(fd);
	return 0;
}

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
	    set_stdin(c->opts) ||
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
/* EXERCISE namespaces: Start the container's process: a child in new UTS, PID, mount, IPC and network namespaces (CONTAINER_NAMESPACES) that sends SIGCHLD when it ends; on cgroup v2 (cgroup_fd >= 0) it starts inside its cgroup. */
/* HINT: struct clone_args (linux/sched.h) with .flags, .exit_signal and, with CLONE_INTO_CGROUP, .cgroup; glibc has no clone3() wrapper: syscall(SYS_clone3, &args, sizeof(args)). It returns twice, like fork(). */
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
/* END EXERCISE namespaces */

int container_start(struct container *c)
{
	int cgroup_fd = cgroup_clone_fd(&c->cgroup);

	fflush(NULL);
	c->pid = clone_into_namespaces(cgroup_fd);
	if (c->pid == 0)
		_exit(container_main(c));
	if (cgroup_fd >= 0)
		close(cgroup_fd);
	if (c->pid < 0) {
		errmsg("clone into new namespaces: %s", strerror(errno));
		return -ECHILD;
	}
	return 0;
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
	ret = remove_tree(c->dir);
	if (ret)
		errmsg("remove %s: %s", c->dir, strerror(-ret));
}
