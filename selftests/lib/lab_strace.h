/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lab_strace.h: mydocker under strace, whose fault injection kills it,
 * fails it or holds it at a chosen system call, so that a test can put a
 * crash or a race exactly where it wants. Part of lab.h.
 */
#ifndef LAB_STRACE_H
#define LAB_STRACE_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

struct lab;
struct lab_proc;

#define LAB_STRACE "/usr/bin/strace"
/* How long a race test has strace hold mydocker: delay_enter=LAB_HOLD_US. */
#define LAB_HOLD_S "3"
#define LAB_HOLD_US "3000000"

/* Is strace there? The tests that need it skip without. */
bool lab_has_strace(void);
/*
 * Write @wrapper, a script that runs @bin under "strace -f -o /dev/null
 * OPTIONS" (@options in strace's own words, e.g. "-e inject=clone:
 * signal=SIGKILL:when=1"). A test puts it in lab.bin in place of mydocker;
 * strace exits with mydocker's status.
 */
int lab_strace_wrapper(const char *wrapper, const char *bin,
		       const char *options);
/*
 * Wait until a process of process group @pgid (lab_spawn()'s mydocker
 * leads its own) is held by strace at the entry of system call @nr, as a
 * delay_enter= injection holds it: its PID, or -ETIMEDOUT. A @timeout_ms
 * of 0 looks once.
 */
pid_t lab_wait_held_at(pid_t pgid, long nr, int timeout_ms);
/*
 * lab_spawn() "mydocker ARGS..." under strace with @options that hold it
 * at system call @nr ("-e inject=write:delay_enter=" LAB_HOLD_US ":when=1"), and
 * return once it is held there: 0; -ETIMEDOUT when it never got there
 * within LAB_READY_MS (then the lab ends it). A test does the racing
 * thing meanwhile, then lab_finish()es it.
 */
int lab_spawn_heldv(struct lab *lab, struct lab_proc **procp,
		    const char *options, long nr, const char *const argv[]);
#define lab_spawn_held(lab, procp, options, nr, ...) \
	lab_spawn_heldv(lab, procp, options, nr, \
			(const char *const[]){ __VA_ARGS__, NULL })

#endif
