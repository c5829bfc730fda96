// SPDX-License-Identifier: GPL-2.0
/*
 * 05-stop: stopping one container, for stop and for rm -f: end its PID 1
 * (stop_signal.c), then record that stop ended it (stop_record.c).
 * 09-monitor: the record has one writer while the container runs, its
 * monitor. stop leaves it a note that stop ended the container, and
 * returns once the monitor has recorded how (stop_monitor.c).
 */
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "monitor.h"
#include "pidfd.h"
#include "record.h"
#include "stop.h"
#include "stop_monitor.h"

int container_stop(struct record *rec, int grace_seconds)
{
	bool monitored = monitor_is_running(rec);
	int pidfd, ret = 0;

	pidfd = container_pidfd(rec);
	if (pidfd >= 0) {
		if (monitored && (ret = leave_stop_note(rec)))
			goto out_close;
		ret = terminate(pidfd, grace_seconds);
		if (ret)
			errmsg("signal pid %d: %s", rec->pid, strerror(-ret));
		else if (monitored)
			ret = await_monitor(rec);
		else
			ret = mark_stopped(rec);
	}
	/* Not running any more: nothing to do, and that is success. */
out_close:
	if (pidfd >= 0)
		close(pidfd);
	return ret;
}
