// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>

#include "err.h"

const char *err_command;
const char *err_container;

void errmsg(const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* One fprintf, so that the line is not torn by another writer. */
	if (err_command && err_container)
		fprintf(stderr, "mydocker: %s: container %s: %s\n", err_command,
			err_container, line);
	else if (err_command)
		fprintf(stderr, "mydocker: %s: %s\n", err_command, line);
	else
		fprintf(stderr, "mydocker: %s\n", line);
}
