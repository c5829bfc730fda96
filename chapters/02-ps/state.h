/* SPDX-License-Identifier: GPL-2.0 */
/* 02-ps: a container's name is claimed, its record written, its status read. */
#ifndef MYDOCKER_STATE_H
#define MYDOCKER_STATE_H

#include <stdbool.h>

#include "names.h"

struct container;
struct record;

/* claim.c: the record, "creating", appears as NAME before anything else. */
int state_claim_name(const struct container *c);
/* 0 when @name is no container's name, ID or start of an ID, else reported. */
int state_name_not_an_id(const char *name);
void state_release_name(const char *name);
/* 0 when no record but $MYDOCKER_RUN/@name has @id, else reported. */
int state_id_unique(const char *id, const char *name);
/* The record's directory, removed last and out of sight first: 0 or -errno. */
int state_remove_dir(const char *name);
/* The ID the claim linked into NAME/id, valid, even when config.json is not. */
int state_dir_id(const char *name, char id[ID_LEN + 1]);
bool state_is_creating(const struct record *rec);
bool state_creator_alive(const struct record *rec);

int state_record_write(const struct container *c);
const char *container_status(const struct record *rec);

#endif
