/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lab_mounts.h: what /proc/self/mountinfo shows. Part of lab.h.
 */
#ifndef LAB_MOUNTS_H
#define LAB_MOUNTS_H


/* Mounts in /proc/self/mountinfo at @path or below it. */
int lab_mounts_under(const char *path);
/* Lines of /proc/self/mountinfo that mention @text anywhere (a mount
 * point, a source, an overlay's lowerdir=...). */
int lab_mounts_mentioning(const char *text);

#endif
