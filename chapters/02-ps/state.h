/* SPDX-License-Identifier: GPL-2.0 */
/* 02-ps: a container's name is claimed, its record written, its status read. */
#ifndef MYDOCKER_STATE_H
#define MYDOCKER_STATE_H

struct container;
struct record;

int state_claim_name(const char *name);
/* 0 when @name is no container's name or ID, else reported. */
int state_name_not_an_id(const char *name);
void state_release_name(const char *name);
int state_record_write(const struct container *c);
const char *container_status(const struct record *rec);

#endif
