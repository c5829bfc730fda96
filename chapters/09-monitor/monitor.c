// SPDX-License-Identifier: GPL-2.0
/*
 * 09-monitor: who waits for a detached container. Since 01-detach the
 * container was an orphan: re-parented to init, reaped by nobody who
 * cared, its exit status lost. Docker had the same problem with its
 * daemon; containerd's answer is a shim per container, a small process
 * that is the container's parent, outlives the runtime that started it,
 * and records how the container ended. This is ours:
 *
 *   mydocker run -d ──fork──> monitor ──clone──> container (PID 1)
 *        │ prints the ID, exits     │ exec mydocker-shim: waitpid()
 *                                   └ exec mydocker monitor-exit
 *
 * The monitor is a fork of mydocker that starts the container, so it is
 * its parent, then becomes mydocker-shim (shim.c), which does nothing but
 * wait, in little more memory than the C library's pages. When the
 * container has exited the shim hands its status to "mydocker
 * monitor-exit", which writes the record.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "command.h"
#include "container.h"
#include "liveness.h"
#include "monitor.h"
#include "paths.h"
#include "record.h"
#include "remove.h"

extern const struct command cmd_monitor_exit;

bool monitor_is_running(const struct record *rec)
{
	return process_is_running(rec->monitor_pid, rec->monitor_start_time);
}

/*
 * NAME/monitor, the monitor's PID, is there from the start until the
 * monitor has recorded the exit. Left behind, it says the monitor died
 * first; gone, that it finished (even should someone have rewritten the
 * record since).
 */
int monitor_mark_started(const char *name, pid_t pid)
{
	char path[PATH_MAX];
	int ret;
	FILE *f;

	ret = record_file(path, name, "monitor");
	if (ret)
		return ret;
	/* No fsync: after a crash no monitor runs anyway. */
	f = fopen(path, "we");
	if (!f)
		return -errno;
	fprintf(f, "%d\n", pid);
	return fclose(f) ? -EIO : 0;
}

bool monitor_died_first(const struct record *rec)
{
	char path[PATH_MAX];

	return !record_file(path, rec->name, "monitor") &&
	       access(path, F_OK) == 0;
}

/* EXERCISE record-exit: Write how the container ended into its record, atomically: the exit code, the time, "stopped" or "exited"; only if the record is still this container's (its ID). */
/* HINT: record_read(name, &rec), compare rec.id with @id; set rec.has_exit_code, rec.exit_code, rfc3339_now(rec.finished), rec.status (stopped_by_stop() tells which); record_write(); then monitor_mark_finished(). */
/* stop.c leaves this note before it signals the container. */
static bool stopped_by_stop(const char *name)
{
	char path[PATH_MAX];

	return !record_file(path, name, "stopped") && access(path, F_OK) == 0;
}

/* The exit is recorded: the monitor has done its job (see above). */
static void monitor_mark_finished(const char *name)
{
	char path[PATH_MAX];

	if (!record_file(path, name, "monitor"))
		unlink(path);
}

int monitor_record_exit(const char *name, const char *id, int status)
{
	struct record rec;
	int ret;

	ret = record_read(name, &rec);
	if (!ret && strcmp(rec.id, id)) {
		record_free(&rec);
		ret = -ESTALE;	/* removed, and the name given again */
	}
	if (ret) {
		errmsg("record its exit code %d: its record: %s", status,
		       strerror(-ret));
		return ret;
	}
	rec.has_exit_code = true;
	rec.exit_code = status;
	rfc3339_now(rec.finished);
	snprintf(rec.status, sizeof(rec.status), "%s",
		 stopped_by_stop(name) ? "stopped" : "exited");
	ret = record_write(&rec);
	if (ret)
		errmsg("record its exit code %d: %s", status, strerror(-ret));
	else
		monitor_mark_finished(name);
	record_free(&rec);
	return ret;
}
/* END EXERCISE record-exit */

/*
 * mydocker monitor-exit NAME ID STATUS [--rm]: what the shim runs once
 * the container has exited. Not for people; its errors go to the log.
 */
static int monitor_exit_main(int argc, char **argv)
{
	struct record rec;
	int status, pin, ret;
	char *end;

	if (argc < 4 || argc > 5 || (argc == 5 && strcmp(argv[4], "--rm")))
		return command_usage_error(&cmd_monitor_exit,
					   "expected NAME ID STATUS [--rm]");
	err_container = argv[1];
	status = strtol(argv[3], &end, 10);
	if (*end || end == argv[3] || name_validate(argv[1])) {
		errmsg("invalid exit status '%s'", argv[3]);
		return 1;
	}
	ret = monitor_record_exit(argv[1], argv[2], status);
	if (ret || argc == 4)
		return ret ? 1 : 0;
	/* --rm: once every waiter has read the code, remove it all. */
	pin = record_pin(argv[1], LOCK_EX);
	ret = record_read(argv[1], &rec);
	if (!ret) {
		ret = remove_container(&rec);
		record_free(&rec);
	}
	if (pin >= 0)
		close(pin);
	return ret ? 1 : 0;
}

const struct command cmd_monitor_exit = {
	.name = "monitor-exit",
	.main = monitor_exit_main,
	.usage = "monitor-exit NAME ID STATUS [--rm]",
	.help = "  run by a container's monitor once the container has exited:\n"
		"  write STATUS into the record of NAME (whose ID is ID);\n"
		"  --rm: then remove the container\n",
};

/* mydocker-shim lives beside mydocker. */
static int find_programs(char self[PATH_MAX], char shim[PATH_MAX])
{
	char dir[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, PATH_MAX - 1);

	snprintf(shim, PATH_MAX, "mydocker-shim");
	if (n < 0)
		return -errno;
	self[n] = '\0';
	snprintf(dir, sizeof(dir), "%s", self);
	if (pathf(shim, "%s/mydocker-shim", dirname(dir)))
		return -ENAMETOOLONG;
	return access(shim, X_OK) ? -errno : 0;
}

/*
 * Leave the caller: our own session (no terminal, no signals from it),
 * stdin and stdout on /dev/null, stderr on the container's log, where
 * what goes wrong from now on can be read with mydocker logs.
 */
static void monitor_detach(const struct container *c)
{
	char path[PATH_MAX];
	int null = open("/dev/null", O_RDWR | O_CLOEXEC), log = -1;

	if (!record_file(path, c->name, "container.log"))
		log = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	setsid();
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(log >= 0 ? log : null, STDERR_FILENO);
		close(null);
	}
	if (log >= 0)
		close(log);
	/* The caller may be gone: a write to its pipe must not kill us. */
	signal(SIGPIPE, SIG_IGN);
	/* Nor may we hold its other descriptors: they close as we become the shim. */
	close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
}

/* Wait for PID 1 here, should the shim not start. */
static int monitor_wait_here(const struct container *c, const char *self)
{
	int status = wait_forwarding_signals(c->pid);
	char code[16];

	snprintf(code, sizeof(code), "%d", status);
	execl(self, "mydocker", "monitor-exit", c->name, c->id, code,
	      c->opts->rm ? "--rm" : NULL, (char *)NULL);
	return monitor_record_exit(c->name, c->id, status) ? 1 : 0;
}

/* We clone the container: until it runs, it dies with us (child.c), not run. */
static void become_creator(struct container *c)
{
	if (c->creator_fd >= 0)
		close(c->creator_fd);
	c->creator_fd = pidfd_open(getpid(), 0);
}

/* The monitor: start the container, tell the caller, become the shim. */
static int monitor_main(struct container *c, int ready_fd,
			const char *self, const char *shim)
{
	char pid[16];
	int status;

	become_creator(c);
	status = container_start(c);
	if (status) {
		container_destroy(c);
		return status;
	}
	monitor_detach(c);
	status = 0;
	if (write(ready_fd, &status, sizeof(status)) < 0)
		errmsg("tell mydocker run that it started: %s", strerror(errno));
	snprintf(pid, sizeof(pid), "%d", c->pid);
	/*
	 * The container stays our child across execve(), and @ready_fd
	 * (O_CLOEXEC) closes: run returns once the shim is in place.
	 */
	execl(shim, "mydocker-shim", pid, self, c->name, c->id,
	      c->opts->rm ? "--rm" : NULL, (char *)NULL);
	errmsg("exec %s: %s; waiting in mydocker instead", shim,
	       strerror(errno));
	close(ready_fd);
	return monitor_wait_here(c, self);
}

/* EXERCISE monitor-start: run -d: fork the monitor, which starts the container as its child; print the ID once it says so and has become the shim, or return the status of the failed start. */
/* HINT: pipe2(O_CLOEXEC), fork(); the child: close the read end, _exit(monitor_main(c, write end, self, shim)). The parent: read() one int; 0 means started, then read() until 0 (the exec closed it). Else the monitor has cleaned up and exits with the status: waitpid() it. */
static int monitor_fork(struct container *c, const char *self,
			const char *shim)
{
	int ready[2], status = -1, wstatus;
	pid_t monitor;
	ssize_t n;
	char byte;

	if (pipe2(ready, O_CLOEXEC) < 0) {
		errmsg("pipe: %s", strerror(errno));
		container_destroy(c);
		return EXIT_MYDOCKER;
	}
	fflush(NULL);
	monitor = fork();
	if (monitor == 0) {
		close(ready[0]);
		_exit(monitor_main(c, ready[1], self, shim));
	}
	close(ready[1]);
	if (monitor < 0) {
		errmsg("fork its monitor: %s", strerror(errno));
		close(ready[0]);
		container_destroy(c);
		return EXIT_MYDOCKER;
	}
	do
		n = read(ready[0], &status, sizeof(status));
	while (n < 0 && errno == EINTR);
	if (n < 0) {	/* it may well have started it: rm -f finds it */
		errmsg("read the report of its monitor (pid %d): %s",
		       monitor, strerror(errno));
		close(ready[0]);
		return EXIT_MYDOCKER;
	}
	if (n == sizeof(status) && status == 0) {
		/* Started; EOF once the monitor has become the shim. */
		while (read(ready[0], &byte, 1) != 0 && errno == EINTR)
			;
		close(ready[0]);
		printf("%s\n", c->id);
		return 0;
	}
	close(ready[0]);
	/* It did not start; the monitor has said why and cleaned up. */
	while (waitpid(monitor, &wstatus, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : EXIT_MYDOCKER;
}
/* END EXERCISE monitor-start */

int monitor_start(struct container *c)
{
	char self[PATH_MAX], shim[PATH_MAX];
	int ret = find_programs(self, shim);

	if (ret) {
		errmsg("cannot start its monitor: %s: %s", shim, strerror(-ret));
		container_destroy(c);
		return EXIT_MYDOCKER;
	}
	return monitor_fork(c, self, shim);
}
