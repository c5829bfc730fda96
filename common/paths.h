/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where mydocker keeps things: the data root (images, layers, the
 * containers' writable layers) and the state root (one directory per
 * container). Both can be moved by the environment so that tests run
 * side by side.
 */
#ifndef MYDOCKER_PATHS_H
#define MYDOCKER_PATHS_H

#include <limits.h>

#define DEFAULT_DATA_ROOT "/var/lib/mydocker"
#define DEFAULT_STATE_ROOT "/var/run/mydocker"

const char *data_root(void);	/* $MYDOCKER_ROOT */
const char *state_root(void);	/* $MYDOCKER_RUN */

/* snprintf into a PATH_MAX buffer; -ENAMETOOLONG instead of truncating. */
int pathf(char path[PATH_MAX], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* $MYDOCKER_ROOT/containers/@id: a container's writable layer. */
int container_dir(char path[PATH_MAX], const char *id);

#endif
