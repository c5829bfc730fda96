/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Container names and IDs end up as directory names under the state
 * root, so they are checked against a small character set first.
 */
#ifndef MYDOCKER_NAMES_H
#define MYDOCKER_NAMES_H

#define ID_LEN 12	/* lowercase hex characters */
#define NAME_MAX_LEN 64

/* 0 when @name is [A-Za-z0-9][A-Za-z0-9_.-]{0,63} without "..". */
int name_validate(const char *name);

/* 0 when @id is ID_LEN lowercase hex characters, as id_generate() makes. */
int id_validate(const char *id);

/* 12 random lowercase hex characters and a NUL. */
int id_generate(char id[ID_LEN + 1]);

#endif
