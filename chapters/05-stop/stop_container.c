// SPDX-License-Identifier: GPL-2.0
/*
 * 05-stop: stopping one container, for stop and for rm -f: end its PID 1
 * (stop_signal.c), then record that stop ended it (stop_record.c).
 */
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "pidfd.h"
#include "record.h"
#include "stop.h"

int container_stop(struct record *rec, int grace_seconds)
{
	int pidfd, ret = 0;

	pidfd = container_pidfd(rec);
	if (pidfd >= 0) {
		ret = terminate(pidfd, grace_seconds);
		if (ret)
			errmsg("signal pid %d: %s", rec->pid, strerror(-ret));
		else
			ret = mark_stopped(rec);
	}
	/* Not running any more: nothing to do, and that is success. */
	if (pidfd >= 0)
		close(pidfd);
	return ret;
}
