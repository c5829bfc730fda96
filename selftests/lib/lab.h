/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lab: what every chapter's selftests need around the kselftest harness.
 *
 * A test starts mydocker as a user would, in a private lab: a temp dir that
 * holds the data root ($MYDOCKER_ROOT, with the busybox image linked in) and
 * the state root ($MYDOCKER_RUN), so tests never touch /var/lib/mydocker and
 * can look at everything mydocker left behind.
 *
 * The environment says what to test:
 *   MYDOCKER_BIN    the mydocker binary (build/<chapter>/mydocker)
 *   MYDOCKER_IMAGE  the busybox image tar (build/images/busybox.tar)
 * selftests/run.sh sets both.
 *
 * Functions return 0 or a negative errno, like the kernel's. This header
 * only gathers the lab's parts, one header per concern:
 *   lab_run.h     the lab, running mydocker in it, its tear-down
 *   lab_files.h   small files, paths, messages
 *   lab_mounts.h  mountinfo
 *   lab_proc.h    cgroups, processes, zombies
 *   lab_box.h     a detached container started with run -d (struct box)
 *   lab_strace.h  mydocker killed, failed or held by strace at a system call
 * and lab_fixture.h the fixture and macros the test programs share.
 */
#ifndef LAB_H
#define LAB_H

#include "lab_run.h"
#include "lab_files.h"
#include "lab_mounts.h"
#include "lab_proc.h"
#include "lab_box.h"
#include "lab_strace.h"

/*
 * SKIP() from a FIXTURE_SETUP. The 6.1 harness goes on to run the test body
 * after a SKIP(return, ...) in the setup, and the body's first failed
 * ASSERT then reports a failure. Leave the test's process at once instead,
 * with the status the harness counts as skipped (255).
 */
#define LAB_SETUP_SKIP(fmt, ...) SKIP(_exit(255), fmt, ##__VA_ARGS__)

#endif
