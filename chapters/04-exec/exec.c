// SPDX-License-Identifier: GPL-2.0
/*
 * 04-exec: mydocker exec CONTAINER CMD [ARG...] runs a command inside a
 * running container: a child of ours joins its cgroup and namespaces and
 * forks the command into its PID namespace.
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
#include "pidfd.h"
#include "record.h"

extern const struct command cmd_exec;

/* EXERCISE setns: Join the container's IPC, UTS, network, PID and mount namespaces: all at once through the pidfd (Linux 5.8 on); where the kernel refuses that (EINVAL), one /proc/PID/ns/NAME at a time: all opened first, the mount namespace joined last. */
/* HINT: setns(pidfd, CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWNS). The fallback: open() each /proc/PID/ns/NAME, make sure it still lives (pidfd_send_signal(pidfd, 0, NULL, 0)), then setns(fd, flag) for each. */
/* The order matters for the fallback: mnt last, /proc is the host's till then. */
static const struct {
	int flag;
	const char *name;
} namespaces[] = {
	{ CLONE_NEWIPC, "ipc" }, { CLONE_NEWUTS, "uts" },
	{ CLONE_NEWNET, "net" }, { CLONE_NEWPID, "pid" },
	{ CLONE_NEWNS, "mnt" },
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
/* END EXERCISE setns */

/* The command joins the cgroup first, so the limits hold for it. */
/* EXERCISE cgroup: Move this process (and so the command it forks) into the container's cgroup, so that the container's limits hold for the command too. */
/* HINT: the record has the cgroup's path (rec->cgroup); common/cgroup.h turns it into a struct cgroup and enters it. */
static int join_cgroup(const struct record *rec)
{
	struct cgroup cg;
	int ret;

	ret = cgroup_from_path(&cg, rec->cgroup);
	if (ret) {
		errmsg("cgroup %s: %s", rec->cgroup, strerror(-ret));
		return ret;
	}
	return cgroup_enter(&cg);
}
/* END EXERCISE cgroup */

/* In the grandchild, inside the PID namespace. Only returns on failure. */
static int exec_in_container(char **argv)
{
	const char *term = getenv("TERM");
	char *keep_term = strdup(term ? term : "xterm");

	/* A clean environment: never the caller's (chapter 08: the container's). */
	if (!keep_term || clearenv() ||
	    setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1) ||
	    setenv("HOME", "/root", 1) || setenv("TERM", keep_term, 1)) {
		errmsg("set the environment: %s", strerror(ENOMEM));
		return EXIT_MYDOCKER;
	}
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
static int enter_and_run(int pidfd, const struct record *rec, char **argv)
{
	int root_fd = open_container_root(pidfd, rec->pid);
	pid_t pid;

	if (root_fd < 0 || join_cgroup(rec) ||
	    join_namespaces(pidfd, rec->pid) || enter_root(root_fd) ||
	    close_other_fds())
		return EXIT_MYDOCKER;
	/* EXERCISE fork: Run the command inside the container's PID namespace: setns() has put only this process's future children there, not this process itself. Wait for the command and return its status. */
	/* HINT: fork(); the child _exit()s with exec_in_container(argv); the parent returns wait_forwarding_signals(pid). */
	pid = fork();
	if (pid == 0)
		_exit(exec_in_container(argv));
	if (pid < 0) {
		errmsg("fork: %s", strerror(errno));
		return EXIT_MYDOCKER;
	}
	return wait_forwarding_signals(pid);
	/* END EXERCISE fork */
}

static int exec_main(int argc, char **argv)
{
	struct record rec;
	int opt, pidfd, status = EXIT_MYDOCKER;
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
	child = fork();
	if (child == 0)
		_exit(enter_and_run(pidfd, &rec, argv + optind + 1));
	if (child < 0)
		errmsg("fork: %s", strerror(errno));
	else
		status = wait_forwarding_signals(child);
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
