// SPDX-License-Identifier: GPL-2.0
/*
 * 04-exec: entering a running container, in exec's child: its cgroup,
 * its namespaces, through the pidfd of its PID 1, and its root; and only
 * stdio passed on to the command.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "err.h"
#include "exec.h"

/*
 * A stop or rm -f at the same moment may end the container while we
 * enter it: then it is not running, said as such with exec's status for
 * that (1), not as a failed system call. The pidfd is readable once the
 * process has exited; after a failure, wait up to @wait_ms for that: an
 * exiting process loses its root and namespaces a moment before. -ESRCH
 * once said, else 0.
 */
#define ENDED_WAIT_MS 1000

int container_ended(int pidfd, int wait_ms)
{
	struct pollfd exited = { .fd = pidfd, .events = POLLIN };

	if (poll(&exited, 1, wait_ms) <= 0)
		return 0;
	errmsg("is not running (its command has exited)");
	return -ESRCH;
}

int pid1_read_failed(int pidfd, const char *path, int err)
{
	if (container_ended(pidfd, ENDED_WAIT_MS))
		return -ESRCH;
	errmsg("read %s: %s", path, strerror(err));
	return -err;
}

/*
 * Its cgroup, with join_cgroup(). rm -f removes the cgroup of a container
 * that has ended, and joining fails then: that is "not running" too. So
 * the first try is quiet (err_quiet), and only while the container still
 * runs does a second one say why.
 */
int enter_cgroup(int pidfd, const struct record *rec)
{
	int ret;

	err_quiet = true;
	ret = join_cgroup(rec);
	err_quiet = false;
	if (!ret)
		return 0;
	ret = container_ended(pidfd, ENDED_WAIT_MS);
	return ret ? ret : join_cgroup(rec);
}

/*
 * The fork into its PID namespace failed. Once the namespace's PID 1 has
 * died the kernel lets nobody in (ENOMEM): a stop at that moment. Then
 * exec's status for "not running", 1; else EXIT_MYDOCKER, said.
 */
int fork_failed(int pidfd)
{
	int err = errno;	/* errmsg() may change errno */

	if (container_ended(pidfd, ENDED_WAIT_MS))
		return 1;
	errmsg("fork: %s", strerror(err));
	return EXIT_MYDOCKER;
}

/* EXERCISE setns: Join the container's IPC, UTS, network, PID, cgroup and mount namespaces: all at once through the pidfd (Linux 5.8 on); where the kernel refuses that (EINVAL), one /proc/PID/ns/NAME at a time: all opened first, the mount namespace joined last. */
/* HINT: setns(pidfd, CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWCGROUP | CLONE_NEWNS). The fallback: open() each /proc/PID/ns/NAME, make sure it still lives (pidfd_send_signal(pidfd, 0, NULL, 0)), then setns(fd, flag) for each. */
/*
 * Every kind of namespace a container of the lab may have. Joining one
 * that is already ours changes nothing: a container with no cgroup
 * namespace of its own (until chapter 10's --cgroupns private) shares
 * the host's, as we do. The order matters for the fallback: mnt last,
 * /proc is the host's till then.
 */
static const struct {
	int flag;
	const char *name;
} namespaces[] = {
	{ CLONE_NEWIPC, "ipc" }, { CLONE_NEWUTS, "uts" },
	{ CLONE_NEWNET, "net" }, { CLONE_NEWPID, "pid" },
	{ CLONE_NEWCGROUP, "cgroup" },
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
			if (!container_ended(pidfd, ENDED_WAIT_MS))
				errmsg("open %s: %s", path, strerror(-ret));
			else
				ret = -ESRCH;
			goto out_close;
		}
	}
	/* The namespaces we opened are still the container's. */
	ret = container_ended(pidfd, 0);
	if (ret)
		goto out_close;
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

int join_namespaces(int pidfd, pid_t pid)
{
	int all = 0, err;
	size_t i;

	for (i = 0; i < N_NAMESPACES; i++)
		all |= namespaces[i].flag;
	/* All at once, and through the pidfd: no PID reuse can fool us. */
	if (setns(pidfd, all) == 0)
		return 0;
	err = errno;	/* errmsg() may change errno */
	if (err != EINVAL) {
		if (container_ended(pidfd, ENDED_WAIT_MS))
			return -ESRCH;
		errmsg("setns through pidfd: %s", strerror(err));
		return -err;
	}
	return join_one_by_one(pidfd, pid);
}
/* END EXERCISE setns */

/*
 * The container's root directory, opened from the host's /proc before
 * the mount namespace is joined, and checked through the pidfd to be
 * still the container's process's: -1 and a message on failure.
 */
int open_container_root(int pidfd, pid_t pid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/root", pid);
	fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;	/* errmsg() may change errno */

		if (container_ended(pidfd, ENDED_WAIT_MS))
			return -ESRCH;
		errmsg("open %s: %s", path, strerror(err));
		return -err;
	}
	/* The root we opened is still the container's. */
	if (container_ended(pidfd, 0)) {
		close(fd);
		return -ESRCH;
	}
	return fd;
}

/*
 * setns(CLONE_NEWNS) sets our root to the namespace's root mount, which
 * is the container's root only when mydocker itself runs at the top of
 * the host's tree: from a chroot (a build chroot, some CI) it is the
 * host's. Take the container's own root instead, as nsenter --root does.
 */
int enter_root(int root_fd)
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
int close_other_fds(void)
{
	if (close_range(3, ~0U, 0) < 0) {
		int err = errno;	/* errmsg() may change errno */

		errmsg("close descriptors above 2: %s", strerror(err));
		return -err;
	}
	return 0;
}
