/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lab_files.h: small files, paths, and text made fit for a message.
 * Part of lab.h.
 */
#ifndef LAB_FILES_H
#define LAB_FILES_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* 0 when @path is an empty directory or does not exist; -ENOTEMPTY. */
int lab_dir_empty_or_absent(const char *path);
/* Lines in @buf; a last line without '\n' counts too. */
int lab_count_lines(const char *buf, size_t len);

/*
 * @s on one line, for messages: "\n", "\t", "\\" and "\xNN" for the
 * other unprintable bytes, "..." when it does not fit. Returns @buf.
 * (A raw newline in a test's message would break its TAP output.)
 */
const char *lab_escape(const char *s, char *buf, size_t size);

/* snprintf() into a PATH_MAX buffer; -ENAMETOOLONG rather than truncate. */
int lab_pathf(char path[PATH_MAX], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Small files. */
/* Read a whole small file, NUL-terminated, trailing newlines cut. */
int lab_read_file(const char *path, char *buf, size_t size);
int lab_write_file(const char *path, const char *text);
bool lab_exists(const char *path);

#endif
