// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <ctype.h>
#include <limits.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "names.h"
#include "record.h"
#include "record_check.h"

/* A record is a few hundred bytes; -e entries make it grow, not this far. */
#define RECORD_MAX_SIZE (1 << 20)
/* The kernel's PID_MAX_LIMIT on 64-bit: no PID is larger. */
#define PID_LIMIT 4194304
/* 128 + a signal number at most, for a command killed by one. */
#define EXIT_CODE_MAX 255

char record_why[200];

int record_invalid(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(record_why, sizeof(record_why), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static const char *file_kind(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFIFO: return "a FIFO";
	case S_IFLNK: return "a symbolic link";
	case S_IFDIR: return "a directory";
	case S_IFCHR: case S_IFBLK: return "a device";
	case S_IFSOCK: return "a socket";
	}
	return "not a regular file";
}

/*
 * Look before opening: an O_PATH descriptor reads nothing, so a FIFO
 * cannot block us and a device sees no open(). Only a regular file is
 * then opened for reading; -EAGAIN if it is no longer the same file.
 */
static int open_regular_once(const char *path, struct stat *st)
{
	struct stat again;
	int probe, fd;

	probe = open(path, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (probe < 0)
		return -errno;
	if (fstat(probe, st) < 0 || !S_ISREG(st->st_mode)) {
		close(probe);
		return record_invalid("it is %s, not a regular file",
				      file_kind(st->st_mode));
	}
	close(probe);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
		  O_CLOEXEC);
	if (fd < 0)
		return errno == ELOOP ? -EAGAIN : -errno;
	if (fstat(fd, &again) < 0 || again.st_ino != st->st_ino ||
	    again.st_dev != st->st_dev) {
		close(fd);
		return -EAGAIN;
	}
	return fd;
}

/*
 * A record is replaced by a rename (record_write()): one that changed
 * between the look and the open is looked at again.
 */
static int open_regular(const char *path, struct stat *st)
{
	int tries = 0, fd;

	do
		fd = open_regular_once(path, st);
	while (fd == -EAGAIN && ++tries < 100);
	return fd == -EAGAIN ?
	       record_invalid("it keeps being replaced while being read") : fd;
}

/* At most RECORD_MAX_SIZE bytes, NUL-terminated, into a new buffer. */
static int read_bounded(int fd, char **text, size_t *len)
{
	char *buf = malloc(RECORD_MAX_SIZE + 1);
	size_t n = 0;
	ssize_t got;

	if (!buf)
		return -ENOMEM;
	while (n <= RECORD_MAX_SIZE &&
	       (got = read(fd, buf + n, RECORD_MAX_SIZE + 1 - n)) > 0)
		n += got;
	if (got < 0 || n > RECORD_MAX_SIZE) {
		free(buf);
		return got < 0 ? -errno :
		       record_invalid("it is larger than %d bytes",
				      RECORD_MAX_SIZE);
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

int record_load(const char *path, json_t **root)
{
	json_error_t error;
	struct stat st;
	size_t len = 0;
	char *text = NULL;
	int fd, ret;

	fd = open_regular(path, &st);
	if (fd < 0)
		return fd;
	ret = st.st_size > RECORD_MAX_SIZE ?
	      record_invalid("it is larger than %d bytes", RECORD_MAX_SIZE) :
	      read_bounded(fd, &text, &len);
	close(fd);
	if (ret)
		return ret;
	*root = json_loadb(text, len, 0, &error);
	free(text);
	if (!*root)
		return record_invalid("not JSON at line %d: %s", error.line,
				      error.text);
	return 0;
}

/* @key, when it is an integer, in [@min, @max]: no silent truncation. */
static int check_range(json_t *obj, const char *key, json_int_t min,
		       json_int_t max)
{
	json_t *value = json_object_get(obj, key);
	json_int_t n;

	if (!json_is_integer(value))
		return 0;	/* missing or mistyped: the parser says so */
	n = json_integer_value(value);
	if (n < min || n > max)
		return record_invalid("field '%s' is out of range: %lld (%lld to %lld)",
				      key, (long long)n, (long long)min,
				      (long long)max);
	return 0;
}

/* @key, when it is an array, holds only strings. */
static int check_strings(json_t *obj, const char *key)
{
	json_t *value = json_object_get(obj, key), *item;
	size_t i;

	json_array_foreach(value, i, item) {
		if (!json_is_string(item))
			return record_invalid("field '%s' has an item %zu that is not a string",
					      key, i);
	}
	return 0;
}

int record_check_json(json_t *root)
{
	json_t *monitor = json_object_get(root, "monitor");
	json_t *creator = json_object_get(root, "creator");
	int ret;

	if (!json_is_object(root))
		return record_invalid("it is JSON but not an object");
	ret = check_range(root, "pid", 0, PID_LIMIT);
	if (!ret)
		ret = check_range(root, "start_time", 0, LLONG_MAX);
	if (!ret)
		ret = check_range(root, "exit_code", 0, EXIT_CODE_MAX);
	if (!ret && monitor)
		ret = check_range(monitor, "pid", 0, PID_LIMIT);
	if (!ret && monitor)
		ret = check_range(monitor, "start_time", 0, LLONG_MAX);
	if (!ret && creator)
		ret = check_range(creator, "pid", 0, PID_LIMIT);
	if (!ret && creator)
		ret = check_range(creator, "start_time", 0, LLONG_MAX);
	if (!ret)
		ret = check_strings(root, "command");
	if (!ret)
		ret = check_strings(root, "volumes");
	if (!ret)
		ret = check_strings(root, "env");
	return ret;
}

/* Printed by ps as it is: no control characters, no escapes. */
static bool is_printable(const char *s)
{
	for (; *s; s++) {
		if (!isprint((unsigned char)*s))
			return false;
	}
	return true;
}

int record_check(const struct record *rec, const char *dir_name)
{
	char cgroup[PATH_MAX];

	if (id_validate(rec->id))
		return record_invalid("field 'id' is not %d lowercase hex characters",
				      ID_LEN);
	if (name_validate(rec->name) || strcmp(rec->name, dir_name))
		return record_invalid("field 'name' is not '%s', its directory's name",
				      dir_name);
	if (name_validate(rec->image))
		return record_invalid("field 'image' is not an image name");
	if (cgroup_path_of(cgroup, rec->id) || strcmp(rec->cgroup, cgroup))
		return record_invalid("field 'cgroup' is not %s, derived from its ID",
				      cgroup);
	if (!is_printable(rec->status) || !is_printable(rec->created) ||
	    !is_printable(rec->finished))
		return record_invalid("field 'status', 'created' or 'finished' holds control characters");
	return 0;
}
