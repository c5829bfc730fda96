/* SPDX-License-Identifier: GPL-2.0 */
/* 00-run: run -v HOST:CTR binds a host directory into the container. */
#ifndef MYDOCKER_VOLUME_H
#define MYDOCKER_VOLUME_H

#include <limits.h>

struct run_options;

struct volume {
	char host[PATH_MAX];	/* absolute, on the host */
	char target[PATH_MAX];	/* absolute, inside the container */
};

int volume_parse(const char *spec, struct volume *vol);
int volumes_prepare(const struct run_options *opts);
int volumes_mount(const struct run_options *opts, const char *merged);

#endif
