// SPDX-License-Identifier: GPL-2.0
/*
 * 02-ps: what a container leaves on disk so that later commands can find
 * it: $MYDOCKER_RUN/<name>/config.json, its record, once it runs
 * (claim.c writes the first one, "creating").
 * 09-monitor: the record names the container's monitor and its -e
 * entries.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "container.h"
#include "err.h"
#include "fileio.h"
#include "liveness.h"
#include "monitor.h"
#include "paths.h"
#include "record.h"
#include "state.h"

static char **volume_specs(const struct run_options *opts)
{
	char **specs = calloc(opts->n_volumes + 1, sizeof(*specs));
	size_t i;

	for (i = 0; specs && i < opts->n_volumes; i++) {
		if (asprintf(&specs[i], "%s:%s", opts->volumes[i].host,
			     opts->volumes[i].target) < 0) {
			specs[i] = NULL;
			strv_free(specs);
			return NULL;
		}
	}
	return specs;
}

int state_record_write(const struct container *c)
{
	struct record rec = {
		.pid = c->pid,
		.start_time = c->start_time,
		.command = c->opts->argv,	/* an argv, never one string */
		.status = "running",
	};
	char state;
	int ret;

	snprintf(rec.id, sizeof(rec.id), "%s", c->id);
	snprintf(rec.name, sizeof(rec.name), "%s", c->name);
	snprintf(rec.image, sizeof(rec.image), "%s", c->opts->image);
	snprintf(rec.cgroup, sizeof(rec.cgroup), "%s", c->cgroup.path);
	rfc3339_now(rec.created);
	rec.volumes = volume_specs(c->opts);
	rec.env = c->opts->env;
	/* Who writes this record is the container's monitor (monitor.c). */
	rec.monitor_pid = getpid();
	if (proc_start_time(rec.monitor_pid, &rec.monitor_start_time, &state))
		rec.monitor_pid = 0;
	ret = rec.volumes ? monitor_mark_started(c->name, rec.monitor_pid) :
			    -ENOMEM;
	if (!ret)
		ret = record_write(&rec);
	strv_free(rec.volumes);
	if (ret)
		errmsg("write its record in %s/%s: %s", state_root(), c->name,
		       strerror(-ret));
	return ret;
}
