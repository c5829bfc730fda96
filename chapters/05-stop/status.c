// SPDX-License-Identifier: GPL-2.0
/*
 * 02-ps: a container's status, worked out now from its record's PID and
 * start time (liveness.c), never read from the file.
 * 05-stop: one that is not running was "stopped" if stop ended it, and
 * "exited" if its command ended by itself.
 */
#include <string.h>

#include "liveness.h"
#include "record.h"
#include "state.h"

/*
 * Never trust the word in the file: the process may have died since, and
 * its PID may belong to another process by now. The start time tells.
 */
const char *container_status(const struct record *rec)
{
	if (state_is_creating(rec))
		return state_creator_alive(rec) ? "creating" : "dead";
	if (process_is_container(rec->pid, rec->start_time, rec->id))
		return "running";
	/* EXERCISE stopped-status: A container that does not run is "stopped" when stop ended it, and "exited" when its command ended by itself. */
	/* HINT: stop wrote the status field of the record; now that the process is known not to run, that word can be believed. */
	return strcmp(rec->status, "stopped") ? "exited" : "stopped";
	/* END EXERCISE stopped-status */
}
