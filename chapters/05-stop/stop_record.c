// SPDX-License-Identifier: GPL-2.0
/*
 * 05-stop: the record of a container that stop ended says so, and when:
 * ps can then tell "stopped" from a command that ended by itself.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "record.h"
#include "stop.h"

/* EXERCISE mark-stopped: Write into the container's record that stop ended it, and when: status "stopped" and the finished time, so that ps can tell it from a command that ended by itself. */
/* HINT: set rec->status and rec->finished (rfc3339_now() in record.h), then record_write(), which replaces the file atomically; report a failure with errmsg(). */
/* Record that stop ended it, and when: ps then says "stopped". */
int mark_stopped(struct record *rec)
{
	int ret;

	snprintf(rec->status, sizeof(rec->status), "stopped");
	rfc3339_now(rec->finished);
	ret = record_write(rec);
	if (ret == -ENOENT)	/* an rm -f removed it meanwhile */
		errmsg("no such container: %s", rec->name);
	else if (ret)
		errmsg("write its record: %s", strerror(-ret));
	return ret;
}
/* END EXERCISE mark-stopped */
