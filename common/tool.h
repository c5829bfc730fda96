/* SPDX-License-Identifier: GPL-2.0 */
/* Running a helper program, such as tar, and keeping what it said. */
#ifndef MYDOCKER_TOOL_H
#define MYDOCKER_TOOL_H

#include <stddef.h>

/*
 * Run @argv (searched in PATH) to its end. 0 when it exits 0; else
 * -EIO, with the first line it wrote to stderr in @why for our message.
 */
int run_tool(char *const argv[], char *why, size_t size);

#endif
