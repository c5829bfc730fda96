// SPDX-License-Identifier: GPL-2.0
/*
 * 02-ps: a container's status, worked out now from its record's PID and
 * start time (liveness.c), never read from the file. One half made is
 * "creating" while its run makes it, "dead" once that run has died.
 */
#include <string.h>

#include "liveness.h"
#include "record.h"
#include "state.h"

/* EXERCISE status: Work out a container's status now, never from the word in its record: "running" while its PID 1 is alive, not a zombie, and still the process that was started (a PID can be reused by another); "exited" otherwise. */
/* HINT: the record holds pid and start_time; liveness.h says why a PID alone cannot tell, and has the check. */
/*
 * Never trust the word in the file: the process may have died since, and
 * its PID may belong to another process by now. The start time tells.
 */
const char *container_status(const struct record *rec)
{
	if (state_is_creating(rec))
		return state_creator_alive(rec) ? "creating" : "dead";
	/* A PID a damaged record copied from another process is not it. */
	if (!process_in_cgroup(rec->pid, rec->id))
		return "exited";
	return process_is_running(rec->pid, rec->start_time) ? "running" :
								 "exited";
}
/* END EXERCISE status */
