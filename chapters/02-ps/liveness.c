// SPDX-License-Identifier: GPL-2.0
/*
 * 02-ps: is the process of a record still the container's? Its PID and
 * its start time, read from /proc; a zombie counts as exited.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

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
