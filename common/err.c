// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "err.h"

const char *err_command;
const char *err_container;
int err_fd = STDERR_FILENO;
unsigned int err_count;
bool err_quiet;

void errmsg(const char *fmt, ...)
{
	char what[1024], line[1200];
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (err_command && err_container)
		n = snprintf(line, sizeof(line), "mydocker: %s: container %s: %s\n",
			     err_command, err_container, what);
	else if (err_command)
		n = snprintf(line, sizeof(line), "mydocker: %s: %s\n",
			     err_command, what);
	else
		n = snprintf(line, sizeof(line), "mydocker: %s\n", what);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	err_count++;
	if (err_quiet)
		return;
	/* One write, so that the line is not torn by another writer. */
	if (write(err_fd, line, n) < 0)
		return;	/* nowhere left to report it */
}

int exec_failed(const char *file, int err)
{
	errmsg("exec '%s': %s", file, strerror(err));
	return err == ENOENT || err == ENOTDIR ? EXIT_NOT_FOUND :
						 EXIT_CANNOT_EXEC;
}
