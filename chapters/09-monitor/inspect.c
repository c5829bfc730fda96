// SPDX-License-Identifier: GPL-2.0
/*
 * 09-monitor: mydocker inspect CONTAINER... prints the records as a JSON
 * array, in the shape of docker inspect where the lab has the same facts:
 * Id, Name, State (Status, Running, Pid, ExitCode, StartedAt,
 * FinishedAt), Config (Image, Cmd, Env), Mounts.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "err.h"
#include "record.h"
#include "state.h"

extern const struct command cmd_inspect;

/* Docker's word for a time that has not come. */
#define NO_TIME "0001-01-01T00:00:00Z"

static json_t *strv_json(char *const *strv)
{
	json_t *array = json_array();
	size_t i;

	for (i = 0; array && strv && strv[i]; i++)
		json_array_append_new(array, json_string(strv[i]));
	return array;
}

/* -v HOST:CTR, as Docker shows a bind mount. */
static json_t *mounts_json(char *const *volumes)
{
	json_t *array = json_array();
	size_t i;

	for (i = 0; array && volumes && volumes[i]; i++) {
		const char *colon = strrchr(volumes[i], ':');

		if (!colon)
			continue;
		json_array_append_new(array, json_pack("{s:s, s:s#, s:s, s:b}",
			"Type", "bind", "Source", volumes[i],
			(int)(colon - volumes[i]), "Destination", colon + 1,
			"RW", 1));
	}
	return array;
}

/*
 * Docker has no "stopped" (a stopped container has exited, with 143 or
 * 137); "unknown" is ours: it ended while nobody was watching.
 */
static json_t *state_json(const struct record *rec)
{
	const char *status = container_status(rec);
	bool running = !strcmp(status, "running");

	if (!strcmp(status, "stopped"))
		status = "exited";
	return json_pack("{s:s, s:b, s:i, s:i, s:s, s:s}",
			 "Status", status, "Running", running,
			 "Pid", running ? (int)rec->pid : 0,
			 "ExitCode", rec->has_exit_code ? rec->exit_code :
				     running ? 0 : -1,
			 "StartedAt", rec->created,
			 "FinishedAt", rec->finished[0] ? rec->finished : NO_TIME);
}

static json_t *record_json(const struct record *rec)
{
	char name[NAME_MAX_LEN + 2];

	/* Docker's names start with '/'. */
	snprintf(name, sizeof(name), "/%s", rec->name);
	return json_pack("{s:s, s:s, s:s, s:o, s:s, s:{s:s, s:s, s:o, s:o}, s:o}",
			 "Id", rec->id, "Created", rec->created, "Name", name,
			 "State", state_json(rec), "Image", rec->image,
			 "Config", "Hostname", rec->name, "Image", rec->image,
			 "Cmd", strv_json(rec->command),
			 "Env", strv_json(rec->env),
			 "Mounts", mounts_json(rec->volumes));
}

static int inspect_main(int argc, char **argv)
{
	json_t *all = json_array();
	struct record rec;
	int i, failed = 0;

	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	int opt;

	while ((opt = command_getopt(&cmd_inspect, argc, argv, "", options,
				     &failed)) != -1)
		if (opt == COMMAND_EXIT)
			return failed;
	if (optind == argc)
		return command_usage_error(&cmd_inspect, "no container given");
	for (i = optind; all && i < argc; i++) {
		if (record_lookup(argv[i], &rec)) {
			failed = 1;
			continue;
		}
		if (json_array_append_new(all, record_json(&rec)))
			failed = 1;
		record_free(&rec);
	}
	/* As docker inspect: what was found, even if a name was not. */
	if (!all || json_dumpf(all, stdout, JSON_INDENT(4)) || puts("") < 0) {
		errmsg("write to stdout: %s", strerror(all ? errno : ENOMEM));
		failed = 1;
	}
	json_decref(all);
	return failed;
}

const struct command cmd_inspect = {
	.name = "inspect",
	.main = inspect_main,
	.usage = "inspect CONTAINER...",
	.help = "  print the records as a JSON array, in docker inspect's shape\n",
};
