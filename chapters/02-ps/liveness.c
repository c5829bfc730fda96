// SPDX-License-Identifier: GPL-2.0
/*
 * 02-ps: is the process of a record still the container's? Its PID and
 * its start time, read from /proc; a zombie counts as exited.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cgroup.h"
#include "fileio.h"
#include "liveness.h"

int proc_start_time(pid_t pid, unsigned long long *start_time, char *state)
{
	char path[64], stat[1024];
	const char *p;
	int ret;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	ret = read_string(path, stat, sizeof(stat));
	if (ret)
		return ret == -ENOENT ? -ESRCH : ret;
	/*
	 * Field 2 is the command name in parentheses and may itself hold
	 * spaces and ')': the fields after it start at the last ')'.
	 */
	p = strrchr(stat, ')');
	if (!p || sscanf(p + 1, " %c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
			 "%*u %*u %*d %*d %*d %*d %*d %*d %llu",
			 state, start_time) != 2)
		return -EINVAL;
	return 0;
}

bool process_is_running(pid_t pid, unsigned long long start_time)
{
	unsigned long long now_start;
	char state;

	if (pid <= 0 || proc_start_time(pid, &now_start, &state))
		return false;
	/* A zombie has finished; only its parent has not collected it. */
	return state != 'Z' && state != 'X' && now_start == start_time;
}

/* @line of /proc/PID/cgroup ("ID:CONTROLLERS:/PATH") names @cgroup or below. */
static bool line_in_cgroup(const char *line, const char *cgroup)
{
	const char *path = strchr(line, ':');
	size_t len = strlen(cgroup);

	path = path ? strchr(path + 1, ':') : NULL;
	if (!path || path[1] != '/' || strncmp(path + 2, cgroup, len))
		return false;
	return path[2 + len] == '\0' || path[2 + len] == '\n' ||
	       path[2 + len] == '/';
}

bool process_in_cgroup(pid_t pid, const char *id)
{
	char path[64], cgroup[PATH_MAX], text[16384];
	const char *line;

	/* The path derived from the ID, never the one a record holds. */
	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	if (pid <= 0 || cgroup_path_of(cgroup, id) ||
	    read_string(path, text, sizeof(text)))
		return false;
	for (line = text; line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (line_in_cgroup(line, cgroup))
			return true;
	}
	return false;
}

bool process_is_container(pid_t pid, unsigned long long start_time,
			  const char *id)
{
	return process_is_running(pid, start_time) && process_in_cgroup(pid, id);
}
