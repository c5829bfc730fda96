// SPDX-License-Identifier: GPL-2.0
/*
 * lab: small files, paths and text for messages. See lab_files.h.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lab.h"
#include "lab_internal.h"

int lab_dir_empty_or_absent(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int ret = 0;

	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			ret = -ENOTEMPTY;
			break;
		}
	}
	closedir(d);
	return ret;
}

int lab_count_lines(const char *buf, size_t len)
{
	int lines = 0;
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i] == '\n')
			lines++;
	if (len && buf[len - 1] != '\n')
		lines++;
	return lines;
}

const char *lab_escape(const char *s, char *buf, size_t size)
{
	size_t len = 0;

	if (!size)
		return buf;
	for (; s && *s; s++) {
		unsigned char c = *s;
		char tmp[8];
		int n;

		if (c == '\n')
			n = snprintf(tmp, sizeof(tmp), "\\n");
		else if (c == '\t')
			n = snprintf(tmp, sizeof(tmp), "\\t");
		else if (c == '\\')
			n = snprintf(tmp, sizeof(tmp), "\\\\");
		else if (c < 0x20 || c >= 0x7f)
			n = snprintf(tmp, sizeof(tmp), "\\x%02x", c);
		else
			n = snprintf(tmp, sizeof(tmp), "%c", c);
		if (len + n + 4 > size) {	/* room for "..." and NUL */
			if (size >= 4) {
				memcpy(buf + len, "...", 3);
				len += 3;
			}
			break;
		}
		memcpy(buf + len, tmp, n);
		len += n;
	}
	buf[len] = '\0';
	return buf;
}

int lab_pathf(char path[PATH_MAX], const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(path, PATH_MAX, fmt, ap);
	va_end(ap);
	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

int lab_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			close(fd);
			return n;
		}
		len += n;
	}
	close(fd);
	if (len + 1 >= size)
		return -EOVERFLOW;
	while (len && buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	return 0;
}

int lab_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t len = strlen(text);
	int ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len)
		ret = -EIO;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

bool lab_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}
