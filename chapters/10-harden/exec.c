// SPDX-License-Identifier: GPL-2.0
/*
 * 04-exec: mydocker exec CONTAINER CMD [ARG...] runs a command inside a
 * running container: a child of ours joins its cgroup and namespaces and
 * forks the command into its PID namespace.
 * 08-env: the command gets the environment of the container's PID 1.
 * 10-harden: and its cgroup namespace, capabilities, no_new_privs and
 * seccomp filter; on cgroup v1 its pids cgroup too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "cgroup.h"
#include "command.h"
#include "container.h"
#include "err.h"
#include "harden.h"
#include "pidfd.h"
#include "record.h"

extern const struct command cmd_exec;

extern char **environ;

/* The order matters for the fallback: mnt last, /proc is the host's till then. */
static const struct {
	int flag;
	const char *name;
} namespaces[] = {
	{ CLONE_NEWIPC, "ipc" }, { CLONE_NEWUTS, "uts" },
	{ CLONE_NEWNET, "net" }, { CLONE_NEWPID, "pid" },
	{ CLONE_NEWCGROUP, "cgroup" }, { CLONE_NEWNS, "mnt" },
};
#define N_NAMESPACES (sizeof(namespaces) / sizeof(namespaces[0]))

/*
 * Kernels before 5.8 cannot setns() through a pidfd: open every
 * /proc/PID/ns/X first, make sure (through the pidfd) that the process
 * did not die meanwhile, then join them one by one.
 */
static int join_one_by_one(int pidfd, pid_t pid)
{
	int fds[N_NAMESPACES], ret = 0;
	char path[64];
	size_t i, opened;

	for (opened = 0; opened < N_NAMESPACES; opened++) {
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid,
			 namespaces[opened].name);
		fds[opened] = open(path, O_RDONLY | O_CLOEXEC);
		if (fds[opened] < 0) {
			ret = -errno;
			errmsg("open %s: %s", path, strerror(-ret));
			goto out_close;
		}
	}
	if (pidfd_send_signal(pidfd, 0, NULL, 0) < 0) {
		ret = -ESRCH;
		errmsg("it exited while we were joining it");
		goto out_close;
	}
	for (i = 0; i < N_NAMESPACES; i++) {
		if (setns(fds[i], namespaces[i].flag) < 0) {
			ret = -errno;
			errmsg("setns %s: %s", namespaces[i].name,
			       strerror(-ret));
			break;
		}
	}
out_close:
	while (opened-- > 0)
		close(fds[opened]);
	return ret;
}

static int join_namespaces(int pidfd, pid_t pid)
{
	int all = 0;
	size_t i;

	for (i = 0; i < N_NAMESPACES; i++)
		all |= namespaces[i].flag;
	/* All at once, and through the pidfd: no PID reuse can fool us. */
	if (setns(pidfd, all) == 0)
		return 0;
	if (errno != EINVAL) {
		errmsg("setns through pidfd: %s", strerror(errno));
		return -errno;
	}
	return join_one_by_one(pidfd, pid);
}

/* The command joins the cgroup first, so the limits hold for it. */
static int join_cgroup(const struct record *rec)
{
	struct cgroup cg;
	int ret;

	ret = cgroup_from_path(&cg, rec->cgroup);
	if (ret) {
		errmsg("cgroup %s: %s", rec->cgroup, strerror(-ret));
		return ret;
	}
	return cgroup_enter(&cg) || pids_enter(&cg) ? -EIO : 0;
}

/*
 * An exec'd process is our child, so it would inherit *our* environment.
 * The container's is the one its PID 1 was started with: read it from
 * /proc/PID/environ, NUL-separated "KEY=VALUE" strings.
 */
static char **container_environ(pid_t pid, char *buf, size_t size)
{
	size_t len = 0, n = 0, i;
	char path[64], **env;
	ssize_t got;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/environ", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	while (len < size - 1 && (got = read(fd, buf + len, size - 1 - len)) > 0)
		len += got;
	close(fd);
	buf[len] = '\0';
	for (i = 0; i < len; i++)
		n += buf[i] == '\0';
	env = calloc(n + 2, sizeof(*env));
	for (i = 0, n = 0; env && i < len; i += strlen(buf + i) + 1)
		env[n++] = buf + i;
	return env;
}

/* In the grandchild, inside the PID namespace. Only returns on failure. */
static int exec_in_container(char **argv, char **env,
			     const struct security_state *sec)
{
	if (security_state_apply(sec))
		return EXIT_MYDOCKER;
	environ = env;	/* execvp searches the container's PATH */
	execvp(argv[0], argv);
	return exec_failed(argv[0], errno);
}

/*
 * The container's PID 1, pinned by a pidfd, if it is the process the
 * record describes and still runs; -1 and a message otherwise.
 */
static int open_running_container(const struct record *rec)
{
	int pidfd = container_pidfd(rec);

	if (pidfd < 0)
		errmsg("is not running (its command has exited)");
	return pidfd;
}

/*
 * The container's root directory, opened from the host's /proc before
 * the mount namespace is joined, and checked through the pidfd to be
 * still the container's process's: -1 and a message on failure.
 */
static int open_container_root(int pidfd, pid_t pid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/root", pid);
	fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		errmsg("open %s: %s", path, strerror(errno));
		return -1;
	}
	if (pidfd_send_signal(pidfd, 0, NULL, 0) < 0) {
		errmsg("it exited while we were joining it");
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * setns(CLONE_NEWNS) sets our root to the namespace's root mount, which
 * is the container's root only when mydocker itself runs at the top of
 * the host's tree: from a chroot (a build chroot, some CI) it is the
 * host's. Take the container's own root instead, as nsenter --root does.
 */
static int enter_root(int root_fd)
{
	if (fchdir(root_fd) < 0 || chroot(".") < 0) {
		int err = errno;	/* errmsg() may change errno */

		errmsg("enter its root: %s", strerror(err));
		return -err;
	}
	return 0;
}

/*
 * Only stdio reaches the command: another descriptor of the caller's
 * (7>>FILE, the pipe of a $(...)) would be a way out of the container,
 * or keep the caller waiting until the command ends.
 */
static int close_other_fds(void)
{
	if (close_range(3, ~0U, 0) < 0) {
		int err = errno;	/* errmsg() may change errno */

		errmsg("close descriptors above 2: %s", strerror(err));
		return -err;
	}
	return 0;
}

/*
 * In a child of ours, so that mydocker itself stays on the host: join
 * the container's cgroup (while the host's /sys/fs/cgroup is in sight),
 * its namespaces and its root, then fork once more: setns(CLONE_NEWPID)
 * only places the caller's children in the PID namespace.
 */
static int enter_and_run(int pidfd, const struct record *rec, char **argv,
			 char **env)
{
	int root_fd = open_container_root(pidfd, rec->pid);
	struct security_state sec;
	pid_t pid;

	/* Read here, from the host's /proc; applied at the last moment. */
	if (root_fd < 0 || security_state_read(rec->pid, &sec) ||
	    join_cgroup(rec) || join_namespaces(pidfd, rec->pid) ||
	    enter_root(root_fd) || close_other_fds())
		return EXIT_MYDOCKER;
	pid = fork();
	if (pid == 0)
		_exit(exec_in_container(argv, env, &sec));
	if (pid < 0) {
		errmsg("fork: %s", strerror(errno));
		return EXIT_MYDOCKER;
	}
	return wait_forwarding_signals(pid);
}

static int exec_main(int argc, char **argv)
{
	static char env_buf[1 << 20];
	struct record rec;
	int opt, pidfd, status = EXIT_MYDOCKER;
	char **env = NULL;
	pid_t child;

	/* -i and -t are accepted: the command always gets our stdio. */
	while ((opt = command_getopt(&cmd_exec, argc, argv, "it", NULL,
				     &status)) != -1) {
		if (opt == COMMAND_EXIT)
			return status;
	}
	if (argc - optind < 2)
		return command_usage_error(&cmd_exec,
					   "expected a container and a command");
	if (record_lookup(argv[optind], &rec))
		return 1;
	err_container = rec.name;
	pidfd = open_running_container(&rec);
	if (pidfd < 0) {
		status = 1;
		goto out_free;
	}
	/* Read it here, from the host's /proc. */
	env = container_environ(rec.pid, env_buf, sizeof(env_buf));
	if (!env) {
		errmsg("read /proc/%d/environ: %s", rec.pid, strerror(errno));
		goto out_close;
	}
	child = fork();
	if (child == 0)
		_exit(enter_and_run(pidfd, &rec, argv + optind + 1, env));
	if (child < 0)
		errmsg("fork: %s", strerror(errno));
	else
		status = wait_forwarding_signals(child);
out_close:
	free(env);
	close(pidfd);
out_free:
	record_free(&rec);
	return status;
}

const struct command cmd_exec = {
	.name = "exec",
	.main = exec_main,
	.usage = "exec [-it] CONTAINER CMD [ARG...]",
	.help = "  -i, -t  accepted: the command always gets our stdin and terminal\n",
	.usage_status = EXIT_MYDOCKER,
};
