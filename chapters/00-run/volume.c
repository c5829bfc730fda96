// SPDX-License-Identifier: GPL-2.0
/*
 * Volumes: -v HOST:CTR bind-mounts a host directory into the container,
 * so that what one side writes the other sees.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "fileio.h"
#include "mounts.h"
#include "mydocker.h"
#include "paths.h"

/* A path inside the container must not climb out of it with "..". */
static bool has_dotdot(const char *path)
{
	const char *p = path;

	while ((p = strstr(p, "..")) != NULL) {
		if ((p == path || p[-1] == '/') && (p[2] == '/' || !p[2]))
			return true;
		p += 2;
	}
	return false;
}

int volume_parse(const char *spec, struct volume *vol)
{
	const char *colon = strchr(spec, ':');

	if (!colon || strchr(colon + 1, ':') || spec[0] != '/' ||
	    colon[1] != '/' || !colon[2] || has_dotdot(colon + 1) ||
	    colon - spec >= PATH_MAX) {
		errmsg("invalid volume '%s': expected HOST:CTR, two absolute paths, the second not / and without '..'",
		       spec);
		return -EINVAL;
	}
	memcpy(vol->host, spec, colon - spec);
	vol->host[colon - spec] = '\0';
	return pathf(vol->target, "%s", colon + 1);
}

/* Host directories are made on demand, as Docker does. */
int volumes_prepare(const struct run_options *opts)
{
	size_t i;
	int ret;

	for (i = 0; i < opts->n_volumes; i++) {
		ret = mkdir_p(opts->volumes[i].host, 0755);
		if (ret) {
			errmsg("volume: create %s: %s", opts->volumes[i].host,
			       strerror(-ret));
			return ret;
		}
	}
	return 0;
}

/* Runs in the container's mount namespace, before pivot_root. */
/* EXERCISE volumes: Bind-mount each -v HOST:CTR volume: the host directory onto CTR inside merged (the container's root, before pivot_root), so that each side sees what the other writes. */
/* HINT: bind_mount(host, target, 0) creates the target and reports its own errors; the target is merged followed by the volume's path (pathf). */
int volumes_mount(const struct run_options *opts, const char *merged)
{
	char target[PATH_MAX];
	size_t i;
	int ret;

	for (i = 0; i < opts->n_volumes; i++) {
		ret = pathf(target, "%s%s", merged, opts->volumes[i].target);
		if (!ret)
			ret = bind_mount(opts->volumes[i].host, target, 0);
		if (ret)
			return ret;
	}
	return 0;
}
/* END EXERCISE volumes */
