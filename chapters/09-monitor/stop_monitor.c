// SPDX-License-Identifier: GPL-2.0
/*
 * 09-monitor: while a container runs, its monitor is the one writer of
 * its record. So stop does not write "stopped" itself: it leaves the
 * monitor a note, NAME/stopped, and waits until the monitor has recorded
 * the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "monitor.h"
#include "names.h"
#include "record.h"
#include "stop.h"
#include "stop_monitor.h"

/* A note for the monitor: "stopped", not "exited", when it records. */
int leave_stop_note(const struct record *rec)
{
	char path[PATH_MAX];
	int fd, ret;

	ret = record_file(path, rec->name, "stopped");
	if (ret)
		return ret;
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		ret = -errno;
		if (ret == -ENOENT)	/* an rm -f removed it meanwhile */
			errmsg("no such container: %s", rec->name);
		else
			errmsg("create %s: %s", path, strerror(-ret));
		return ret;
	}
	close(fd);
	return 0;
}

/* The monitor writes the record; wait until it has (or is gone). */
int await_monitor(struct record *rec)
{
	char name[NAME_MAX_LEN + 1];
	int ret;

	snprintf(name, sizeof(name), "%s", rec->name);
	record_free(rec);
	ret = wait_recorded(name, rec, 10 * 1000);
	if (!rec->name[0])	/* err_container points there */
		snprintf(rec->name, sizeof(rec->name), "%s", name);
	if (ret == -ESRCH)	/* it died first: write the record ourselves */
		return mark_stopped(rec);
	if (ret == -ENOENT)	/* an rm -f removed it meanwhile */
		errmsg("no such container: %s", name);
	else if (ret)
		errmsg("its monitor did not record its end: %s", strerror(-ret));
	return ret;
}
