// SPDX-License-Identifier: GPL-2.0
/*
 * 03-logs: a pidfd refers to one process, not to a number that may be
 * reused: it becomes readable when that process exits. logs -f waits on
 * it; exec and stop act on the container through it.
 */
#include <signal.h>
#include <sys/pidfd.h>
#include <unistd.h>

#include "liveness.h"
#include "pidfd.h"
#include "record.h"

/*
 * The start time is checked after the pidfd is open: then the pidfd is
 * the container's, whatever happens to the PID afterwards. A record may
 * be damaged: the process must also be in the container's own cgroup,
 * and still alive once both are read, so that what /proc said of the PID
 * was said of the pidfd's process, not of a newcomer with its number.
 */
int container_pidfd(const struct record *rec)
{
	int pidfd = rec->pid > 0 ? pidfd_open(rec->pid, 0) : -1;

	if (pidfd >= 0 && !process_is_running(rec->pid, rec->start_time)) {
		close(pidfd);
		return -1;
	}
	if (pidfd >= 0 && (!process_in_cgroup(rec->pid, rec->id) ||
			   pidfd_send_signal(pidfd, 0, NULL, 0) < 0)) {
		close(pidfd);
		return -1;
	}
	return pidfd;
}
