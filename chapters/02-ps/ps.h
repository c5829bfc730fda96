/* SPDX-License-Identifier: GPL-2.0 */
/* 02-ps: what ps is made of, for its command in ps.c. */
#ifndef MYDOCKER_PS_H
#define MYDOCKER_PS_H

#include <stddef.h>

struct record;

/* ps_list.c: every readable record, oldest first; 0 or -errno. */
int list_records(struct record **recs, size_t *n);
void free_records(struct record *recs, size_t n);

/* ps_format.c: @argv as one line of at most COMMAND_WIDTH characters. */
#define COMMAND_WIDTH 30
void format_command(char *const *argv, char *out, size_t size);

#endif
