/* SPDX-License-Identifier: GPL-2.0 */
/* 01-detach: the steps of the child's chain (child.c) that -d adds. */
#ifndef MYDOCKER_DETACH_H
#define MYDOCKER_DETACH_H

#include "run.h"

/* detach.c: with -d, 0 or -errno once reported; without, nothing. */
int leave_session(const struct run_options *opts);
int outlive_creator(const struct run_options *opts);

#endif
