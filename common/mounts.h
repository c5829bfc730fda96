/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mount(2) with the error reported: each helper prints one line naming
 * what it tried to mount where, and returns 0 or a negative errno.
 */
#ifndef MYDOCKER_MOUNTS_H
#define MYDOCKER_MOUNTS_H

#include <stdbool.h>

int mount_fs(const char *type, const char *target, unsigned long flags,
	     const char *data);

/*
 * The container's root, seen from the host before pivot_root, may hold
 * symlinks that point anywhere: "/data -> /etc" means the image's /etc to
 * the container, but the host's /etc to a plain mkdir or mount(2) on
 * "ROOT/data". These resolve every path inside @root_fd, as the container
 * will (openat2's RESOLVE_IN_ROOT), so that nothing lands on the host.
 */

/*
 * Open @path inside @root_fd (O_PATH), creating what is missing: parents
 * as directories, the last one a directory or, when !@dir, an empty file.
 * Returns the descriptor or a negative errno.
 */
int open_in_root(int root_fd, const char *path, bool dir);

/*
 * Mount @source of @type on @target inside @root_fd, creating @target
 * first. A NULL @type binds @source (a host path) instead, recursively;
 * @target is then a directory or a file, as @source is.
 */
int mount_in_root(int root_fd, const char *source, const char *target,
		  const char *type, unsigned long flags, const char *data);

/* Turn propagation of every mount in this namespace to private. */
int make_mounts_private(void);

#endif
