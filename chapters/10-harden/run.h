/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 08-env: run -e; 09-monitor: run --rm; what run was asked for.
 * 10-harden: and its security options (harden.h).
 */
#ifndef MYDOCKER_RUN_H
#define MYDOCKER_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "cgroup_limits.h"
#include "harden.h"
#include "volume.h"

struct run_options {
	bool interactive;	/* -i: the container gets our stdin */
	bool tty;		/* -t: it uses our terminal, as it is */
	bool detach;		/* -d: start it, print its ID, return */
	bool rm;		/* --rm: remove it once it has exited */
	const char *name;	/* --name; NULL: the container's ID */
	const char *image;
	char **argv;		/* the command, exactly as given */
	struct cgroup_limits limits;
	struct volume *volumes;
	size_t n_volumes;
	char **env;		/* -e: "KEY=VALUE", in the order given */
	size_t n_env;
	struct security_options security;
};

#endif
