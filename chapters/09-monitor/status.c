// SPDX-License-Identifier: GPL-2.0
/*
 * 02-ps: a container's status, worked out now from its record's PID and
 * start time (liveness.c), never read from the file.
 * 05-stop: one that is not running was "stopped" if stop ended it, and
 * "exited" if its command ended by itself.
 * 09-monitor: with its exit code, and how long ago, as its monitor
 * recorded them.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "liveness.h"
#include "monitor.h"
#include "record.h"
#include "state.h"

/*
 * Never trust the word in the file: the process may have died since, and
 * its PID may belong to another process by now. The start time tells.
 * 09-monitor: only its monitor knows how it ended. With the monitor gone
 * and nothing recorded, nobody knows: "unknown", not a guess.
 */
const char *container_status(const struct record *rec)
{
	bool stopped = !strcmp(rec->status, "stopped");

	if (state_is_creating(rec))
		return state_creator_alive(rec) ? "creating" : "dead";
	if (process_is_container(rec->pid, rec->start_time, rec->id))
		return "running";
	/* EXERCISE status-unknown: Not running and no exit code recorded: "exited" while its monitor lives, "unknown" once the monitor died first; records without a monitor read as in 05-stop. */
	/* HINT: rec->has_exit_code, rec->monitor_pid (0: none), monitor_is_running(rec), and monitor_died_first(rec): its NAME/monitor file is still there. */
	if (rec->has_exit_code || !rec->monitor_pid || stopped)
		return stopped ? "stopped" : "exited";
	/* Exited a moment ago: its monitor is writing the code down. */
	if (monitor_is_running(rec))
		return "exited";
	return monitor_died_first(rec) ? "unknown" : "exited";
	/* END EXERCISE status-unknown */
}

/* "5 seconds ago", "3 minutes ago": the largest unit that fits twice. */
static void format_ago(long ago, char *buf, size_t size)
{
	static const struct { long seconds; const char *name; } units[] = {
		{ 86400, "day" }, { 3600, "hour" }, { 60, "minute" },
	};
	const char *unit = "second";
	size_t i;

	if (ago < 0)
		ago = 0;	/* the clock was set back */
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (ago >= 2 * units[i].seconds) {
			ago /= units[i].seconds;
			unit = units[i].name;
			break;
		}
	}
	snprintf(buf, size, "%ld %s%s ago", ago, unit, ago == 1 ? "" : "s");
}

/* "exited (137) 5 seconds ago", for ps. */
void container_status_text(const struct record *rec, char *buf, size_t size)
{
	const char *status = container_status(rec);
	struct tm tm = { 0 };
	char ago[32] = "";

	if (!rec->has_exit_code || !strcmp(status, "running")) {
		snprintf(buf, size, "%s", status);
		return;
	}
	if (strptime(rec->finished, "%Y-%m-%dT%H:%M:%SZ", &tm))
		format_ago((long)difftime(time(NULL), timegm(&tm)), ago,
			   sizeof(ago));
	snprintf(buf, size, "%s (%d) %s", status, rec->exit_code, ago);
}
