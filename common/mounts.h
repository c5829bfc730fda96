/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mount(2) with the error reported: each helper prints one line naming
 * what it tried to mount where, and returns 0 or a negative errno.
 */
#ifndef MYDOCKER_MOUNTS_H
#define MYDOCKER_MOUNTS_H

int mount_fs(const char *type, const char *target, unsigned long flags,
	     const char *data);

/*
 * Bind @source onto @target, creating @target first (a directory, or an
 * empty file when @source is not a directory).
 */
int bind_mount(const char *source, const char *target, unsigned long flags);

/* Turn propagation of every mount in this namespace to private. */
int make_mounts_private(void);

#endif
