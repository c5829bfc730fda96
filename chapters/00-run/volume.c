// SPDX-License-Identifier: GPL-2.0
/*
 * Volumes: -v HOST:CTR bind-mounts a host directory into the container,
 * so that what one side writes the other sees.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "fileio.h"
#include "mounts.h"
#include "paths.h"
#include "run.h"
#include "volume.h"

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

/*
 * Runs in the container's mount namespace, before pivot_root: each CTR
 * is resolved inside merged, as the container will see it, so that an
 * image whose /data is a symlink to /etc cannot make us mount on the host.
 */
/* EXERCISE volumes: Bind-mount each -v HOST:CTR volume: the host directory onto CTR inside merged (the container's root, before pivot_root), so that each side sees what the other writes. */
/* HINT: open merged (O_PATH | O_DIRECTORY); mount_in_root(root_fd, host, target, NULL, 0, NULL) binds host onto target inside it, creating target, and reports its own errors. */
int volumes_mount(const struct run_options *opts, const char *merged)
{
	size_t i;
	int root_fd, ret = 0;

	root_fd = open(merged, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0) {
		ret = -errno;
		errmsg("volume: open %s: %s", merged, strerror(-ret));
		return ret;
	}
	for (i = 0; !ret && i < opts->n_volumes; i++)
		ret = mount_in_root(root_fd, opts->volumes[i].host,
				    opts->volumes[i].target, NULL, 0, NULL);
	close(root_fd);
	return ret;
}
/* END EXERCISE volumes */
