// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "paths.h"

static const char *env_or(const char *name, const char *fallback)
{
	const char *value = getenv(name);

	return value && *value ? value : fallback;
}

const char *data_root(void)
{
	return env_or("MYDOCKER_ROOT", DEFAULT_DATA_ROOT);
}

const char *state_root(void)
{
	return env_or("MYDOCKER_RUN", DEFAULT_STATE_ROOT);
}

int pathf(char path[PATH_MAX], const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(path, PATH_MAX, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	return n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

int container_dir(char path[PATH_MAX], const char *id)
{
	return pathf(path, "%s/containers/%s", data_root(), id);
}
