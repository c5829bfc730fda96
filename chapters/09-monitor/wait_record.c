// SPDX-License-Identifier: GPL-2.0
/*
 * 09-monitor: mydocker wait CONTAINER... blocks until each container has
 * exited and its monitor has recorded how, then prints its exit code.
 *
 * Waiting for PID 1 is not enough: the monitor writes the record after
 * PID 1 is gone, so a record read at that moment may not say it yet.
 * Wait for the record itself (inotify on its directory), and for the
 * monitor (a pidfd), which may die without writing it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "command.h"
#include "err.h"
#include "liveness.h"
#include "monitor.h"
#include "record.h"
#include "state.h"

extern const struct command cmd_wait;

/*
 * Whoever removes a record (rm, the monitor of run --rm, a foreground
 * run) takes it LOCK_EX first; a waiter holds LOCK_SH until it has read
 * the exit code, so the record is not removed under its eyes.
 */
int record_pin(const char *name, int how)
{
	char dir[PATH_MAX];
	int fd, ret;

	ret = record_dir(dir, name);
	if (ret)
		return ret;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (flock(fd, how) < 0) {
		if (errno != EINTR) {
			ret = -errno;
			close(fd);
			return ret;
		}
	}
	return fd;
}

/* EXERCISE wait-record: Wait, without polling, until the record says how the container ended (@ifd watches its directory), or its monitor died without writing it (then -ESRCH, once PID 1 has ended). */
/* HINT: loop: note whether the monitor has exited (a pidfd of rec->monitor_pid polled with timeout 0), then record_read(); recorded: 0. Monitor alive: poll() on @ifd and its pidfd. Gone before you read: nothing more will come. */
/* A pidfd of @pid if it is still the process that started at @start. */
static int pidfd_of(pid_t pid, unsigned long long start)
{
	int fd = pid > 0 ? pidfd_open(pid, 0) : -1;

	if (fd >= 0 && !process_is_running(pid, start)) {
		close(fd);
		return -1;
	}
	return fd;
}

static bool has_exited(int pidfd)
{
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

	return pidfd < 0 || poll(&pfd, 1, 0) > 0;
}

/*
 * One round: is it recorded (0), gone (-ENOENT), lost (-ESRCH), or
 * still to come (-EAGAIN, with @wake_fd the process to watch)?
 */
static int check_record(const char *name, const char *id, int monitor_fd,
			struct record *rec, int *wake_fd)
{
	/* Monitor first, record after: a dead monitor wrote all it will. */
	bool monitor_gone = has_exited(monitor_fd);

	record_free(rec);
	if (record_read(name, rec) || strcmp(rec->id, id))
		return -ENOENT;
	if (rec->has_exit_code)
		return 0;
	if (!monitor_gone) {
		*wake_fd = monitor_fd;
		return -EAGAIN;
	}
	/* Nobody will record it; still wait for it to end, then say so. */
	if (*wake_fd < 0 || *wake_fd == monitor_fd)
		*wake_fd = pidfd_of(rec->pid, rec->start_time);
	return has_exited(*wake_fd) ? -ESRCH : -EAGAIN;
}

static int wait_events(const char *name, const char *id, int ifd,
		       struct record *rec, int timeout_ms)
{
	int monitor_fd = pidfd_of(rec->monitor_pid, rec->monitor_start_time);
	struct pollfd fds[2] = { { .fd = ifd, .events = POLLIN } };
	int wake_fd = -1, ret, n;
	char events[4096];

	while ((ret = check_record(name, id, monitor_fd, rec,
				   &wake_fd)) == -EAGAIN) {
		fds[1].fd = wake_fd;
		fds[1].events = POLLIN;
		n = poll(fds, 2, timeout_ms);
		if (n == 0) {
			ret = -ETIMEDOUT;
			break;
		}
		if (n < 0 && errno != EINTR) {
			ret = -errno;
			break;
		}
		while (read(ifd, events, sizeof(events)) > 0)
			;
	}
	if (wake_fd >= 0 && wake_fd != monitor_fd)
		close(wake_fd);
	if (monitor_fd >= 0)
		close(monitor_fd);
	return ret;
}
/* END EXERCISE wait-record */

/*
 * Still "creating": its monitor is not known yet. Until its run has
 * written the record it runs with (a rename into the directory, which
 * inotify tells), or has died half way.
 */
static int wait_created(const char *name, int ifd, struct record *rec)
{
	struct pollfd pfd = { .fd = ifd, .events = POLLIN };
	char events[4096];

	while (state_is_creating(rec)) {
		if (!state_creator_alive(rec))
			return -ESRCH;
		/* A tenth of a second: the run may die without a word. */
		if (poll(&pfd, 1, 100) < 0 && errno != EINTR)
			return -errno;
		while (read(ifd, events, sizeof(events)) > 0)
			;
		record_free(rec);
		if (record_read(name, rec))
			return -ENOENT;
	}
	return 0;
}

int wait_recorded(const char *name, struct record *rec, int timeout_ms)
{
	char dir[PATH_MAX], id[ID_LEN + 1];
	int pin, ifd, ret;

	memset(rec, 0, sizeof(*rec));
	pin = record_pin(name, LOCK_SH);
	if (pin < 0)
		return pin;
	ifd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	ret = ifd < 0 ? -errno : record_dir(dir, name);
	/* Watch first, read after: a write in between is not missed. */
	if (!ret && inotify_add_watch(ifd, dir, IN_MOVED_TO | IN_DELETE_SELF) < 0)
		ret = -errno;
	if (!ret)
		ret = record_read(name, rec) ? -ENOENT : 0;
	if (!ret)
		ret = wait_created(name, ifd, rec);
	if (!ret) {
		snprintf(id, sizeof(id), "%s", rec->id);
		ret = wait_events(name, id, ifd, rec, timeout_ms);
	}
	if (ifd >= 0)
		close(ifd);
	close(pin);
	return ret;
}

static int wait_one(const char *name_or_id)
{
	char name[NAME_MAX_LEN + 1];
	struct record rec;
	int ret;

	if (record_lookup(name_or_id, &rec))
		return -ENOENT;
	snprintf(name, sizeof(name), "%s", rec.name);
	err_container = name;
	/* Recorded already: nothing to wait for (and run --rm may remove
	 * it any moment). */
	ret = rec.has_exit_code ? 0 : -EAGAIN;
	if (ret) {
		record_free(&rec);
		ret = wait_recorded(name, &rec, -1);
	}
	if (ret == 0)
		printf("%d\n", rec.exit_code);
	else if (ret == -ENOENT)
		errmsg("was removed before its exit code could be read");
	else if (ret == -ESRCH)
		errmsg("has exited, but its exit code is unknown: its monitor is gone (rm -f removes it)");
	else
		errmsg("wait: %s", strerror(-ret));
	fflush(stdout);
	record_free(&rec);
	err_container = NULL;
	return ret;
}

static int wait_main(int argc, char **argv)
{
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	int opt, i, failed = 0;

	while ((opt = command_getopt(&cmd_wait, argc, argv, "", options,
				     &failed)) != -1)
		if (opt == COMMAND_EXIT)
			return failed;
	if (optind == argc)
		return command_usage_error(&cmd_wait, "no container given");
	/* One at a time, in order, as docker wait prints them. */
	for (i = optind; i < argc; i++)
		if (wait_one(argv[i]))
			failed = 1;
	return failed;
}

const struct command cmd_wait = {
	.name = "wait",
	.main = wait_main,
	.usage = "wait CONTAINER...",
	.help = "  block until each container has exited and its exit code is\n"
		"  recorded; print the codes, one a line\n",
};
