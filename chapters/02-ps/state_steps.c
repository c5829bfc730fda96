// SPDX-License-Identifier: GPL-2.0
/*
 * 02-ps: a container on disk, as a step of its creation (container_step.h).
 * It claims its name before anything else is made, so that of two runs
 * that want one name the other fails before it has touched anything; it
 * writes its record once its command runs; it gives the name back last.
 * The claim and the record are state.c's.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>

#include "container.h"
#include "container_step.h"
#include "err.h"
#include "liveness.h"
#include "state.h"

/* A name given with --name must not be another container's ID. */
static int claim_name(struct container *c)
{
	int ret = c->opts->name ? state_name_not_an_id(c->name) : 0;

	if (!ret)
		ret = state_claim_name(c);
	return ret;
}

static void release_name(struct container *c)
{
	state_release_name(c->name);
}

/* EXERCISE record: Once the command runs, write the container's record ($MYDOCKER_RUN/NAME/config.json) with the start time of its PID 1; if the record cannot be written, kill the container and fail with 125. */
/* HINT: proc_start_time() (liveness.h) gives the start time; nobody has waited for the child yet, so its /proc entry is there (should it fail, start time 0: the record says "exited"). state_record_write() writes the record atomically. */
/* Nobody has waited for the child yet: its /proc entry is still there. */
static int write_record(struct container *c)
{
	char state;

	if (proc_start_time(c->pid, &c->start_time, &state))
		c->start_time = 0;	/* the record will say "exited" */
	if (state_record_write(c)) {
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
		return EXIT_MYDOCKER;
	}
	return 0;
}
/* END EXERCISE record */

/* First of all the steps, and undone last of all. */
const struct container_step container_step_name = {
	.order = 10,
	.make = claim_name,
	.undo = release_name,
	.started = write_record,
};
