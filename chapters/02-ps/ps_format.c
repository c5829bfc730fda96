// SPDX-License-Identifier: GPL-2.0
/* 02-ps: the text of ps's COMMAND column. */
#include <stdio.h>
#include <string.h>

#include "ps.h"

/* "sh -c 'echo hi'" as one short line for the COMMAND column. */
void format_command(char *const *argv, char *out, size_t size)
{
	size_t len = 0, i;

	out[0] = '\0';
	for (i = 0; argv[i] && len < size; i++) {
		const char *quote = strpbrk(argv[i], " \t") || !argv[i][0] ?
					    "'" : "";

		len += snprintf(out + len, size - len, "%s%s%s%s",
				i ? " " : "", quote, argv[i], quote);
	}
	if (len > COMMAND_WIDTH)
		strcpy(out + COMMAND_WIDTH - 3, "...");
}
