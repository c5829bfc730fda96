/* SPDX-License-Identifier: GPL-2.0 */
/* Small file helpers. All return 0 or a negative errno. */
#ifndef MYDOCKER_FILEIO_H
#define MYDOCKER_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Replace @path with @len bytes of @buf so that a reader sees either
 * the old file or the new one, never half of it, even after a crash:
 * write a temporary file of its own beside it, fsync, rename over.
 */
int write_file_atomic(const char *path, const void *buf, size_t len);

/* Write @s to an existing file in one write(2) (cgroup and /proc files). */
int write_string(const char *path, const char *s);

/* Read at most @size - 1 bytes, NUL-terminated, trailing newline cut. */
int read_string(const char *path, char *buf, size_t size);

/* mkdir -p; existing directories are fine. */
int mkdir_p(const char *path, mode_t mode);

/* rm -rf that stays on its file system and never follows symlinks. */
int remove_tree(const char *path);

#endif
