// SPDX-License-Identifier: GPL-2.0
/*
 * lab: what /proc/self/mountinfo shows, and undoing what a test left.
 * See lab_mounts.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "lab.h"
#include "lab_internal.h"

/* mountinfo escapes ' ', '\t', '\n' and '\\' as \ooo. */
void lab_unescape_octal(char *s)
{
	char *d = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '7' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d++ = (s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0');
			s += 4;
		} else {
			*d++ = *s++;
		}
	}
	*d = '\0';
}

bool lab_path_under(const char *path, const char *top)
{
	size_t n = strlen(top);

	while (n > 1 && top[n - 1] == '/')
		n--;
	return !strncmp(path, top, n) && (path[n] == '\0' || path[n] == '/');
}

/* The mount point: the fifth field of a mountinfo line. */
int lab_mountinfo_point(const char *line, char point[PATH_MAX])
{
	char field[PATH_MAX];

	if (sscanf(line, "%*s %*s %*s %*s %4095s", field) != 1)
		return -EINVAL;
	lab_unescape_octal(field);
	strcpy(point, field);
	return 0;
}

int lab_mounts_under(const char *path)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL, point[PATH_MAX];
	size_t cap = 0;
	int count = 0;

	if (!f)
		return -errno;
	while (getline(&line, &cap, f) > 0) {
		if (!lab_mountinfo_point(line, point) && lab_path_under(point, path))
			count++;
	}
	free(line);
	fclose(f);
	return count;
}

int lab_mounts_mentioning(const char *text)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL;
	size_t cap = 0;
	int count = 0;

	if (!f)
		return -errno;
	while (getline(&line, &cap, f) > 0) {
		lab_unescape_octal(line);
		if (strstr(line, text))
			count++;
	}
	free(line);
	fclose(f);
	return count;
}

/*
 * One pass over mountinfo: unmount (detached) each mount for which
 * @undo(line, point, arg) is true, the line unescaped.
 */
static void unmount_where(bool (*undo)(const char *line, const char *point,
				       const char *arg),
			  const char *arg)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL, point[PATH_MAX];
	size_t cap = 0;

	if (!f)
		return;
	while (getline(&line, &cap, f) > 0) {
		if (lab_mountinfo_point(line, point))
			continue;
		lab_unescape_octal(line);
		if (undo(line, point, arg))
			umount2(point, MNT_DETACH);
	}
	free(line);
	fclose(f);
}

static bool point_under(const char *line, const char *point, const char *dir)
{
	(void)line;
	return lab_path_under(point, dir);
}

static bool line_mentions(const char *line, const char *point,
			  const char *text)
{
	(void)point;
	return strstr(line, text);
}

/* Undo mounts a broken mydocker left in the lab, or removing the lab
 * would descend into them (a volume would lose the host's files). */
void lab_unmount_all(const char *dir)
{
	int round;

	for (round = 0; round < 16 && lab_mounts_under(dir) > 0; round++)
		unmount_where(point_under, dir);
}

void lab_unmount_mentioning(const char *text)
{
	unmount_where(line_mentions, text);
}
