// SPDX-License-Identifier: GPL-2.0
/*
 * 04-exec: mydocker exec CONTAINER CMD [ARG...] runs a command inside a
 * running container: a child of ours joins its cgroup and namespaces and
 * forks the command into its PID namespace. Here the command and its two
 * forks; the steps are in exec_enter.c, exec_cgroup.c and exec_process.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "container.h"
#include "err.h"
#include "exec.h"
#include "pidfd.h"
#include "record.h"

extern const struct command cmd_exec;

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
 * In a child of ours, so that mydocker itself stays on the host: read
 * what the command takes from PID 1 (while /proc is the host's), join
 * the container's cgroup (while the host's /sys/fs/cgroup is in sight),
 * its namespaces and its root, then fork once more: setns(CLONE_NEWPID)
 * only places the caller's children in the PID namespace.
 */
static int enter_and_run(int pidfd, const struct record *rec, char **argv)
{
	int root_fd = open_container_root(pidfd, rec->pid), ret;
	pid_t pid;

	ret = root_fd < 0 ? root_fd : exec_prepare(rec->pid, pidfd);
	if (!ret)
		ret = enter_cgroup(pidfd, rec);
	if (!ret)
		ret = join_namespaces(pidfd, rec->pid);
	if (!ret)
		ret = enter_root(root_fd);
	if (!ret)
		ret = close_other_fds();
	if (ret)	/* said; -ESRCH: it ended meanwhile */
		return ret == -ESRCH ? 1 : EXIT_MYDOCKER;
	/* EXERCISE fork: Run the command inside the container's PID namespace: setns() has put only this process's future children there, not this process itself. Wait for the command and return its status. */
	/* HINT: fork(); the child _exit()s with exec_in_container(argv); the parent returns wait_forwarding_signals(pid), or fork_failed(pidfd) when fork fails. */
	pid = fork();
	if (pid == 0)
		_exit(exec_in_container(argv));
	if (pid < 0)
		return fork_failed(pidfd);
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
