// SPDX-License-Identifier: GPL-2.0
/*
 * 09-monitor: logs --tail N starts at the last N lines of the log, as
 * Docker's does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "logs_tail.h"

/*
 * Put @log_fd at the start of its last @lines lines: read back from the
 * end in blocks, counting newlines (a last line without one counts too).
 */
int seek_tail(int log_fd, long lines)
{
	off_t end = lseek(log_fd, 0, SEEK_END), pos = end;
	char buf[4096];
	ssize_t n, i;

	if (end < 0)
		return -errno;
	if (lines == 0)
		return 0;	/* at the end: only what comes from now on */
	while (pos > 0) {
		n = pos < (off_t)sizeof(buf) ? pos : (off_t)sizeof(buf);
		if (pread(log_fd, buf, n, pos - n) != n)
			return -EIO;
		for (i = n - 1; i >= 0; i--) {
			/* The newline that ends the file ends no line after it. */
			if (buf[i] == '\n' && pos - n + i != end - 1 &&
			    --lines == 0)
				return lseek(log_fd, pos - n + i + 1, SEEK_SET) < 0 ?
					       -errno : 0;
		}
		pos -= n;
	}
	return lseek(log_fd, 0, SEEK_SET) < 0 ? -errno : 0;
}

/* "all" or a count of lines, 0 or more; -1 is all. */
int parse_tail(const char *text, long *lines)
{
	char *end;

	if (!strcmp(text, "all")) {
		*lines = -1;
		return 0;
	}
	errno = 0;
	*lines = strtol(text, &end, 10);
	return errno || end == text || *end || *lines < 0 ? -EINVAL : 0;
}
