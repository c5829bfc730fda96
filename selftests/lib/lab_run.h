/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lab_run.h: a lab per test and mydocker run in it, to its end
 * (lab_run()) or talked to while it runs (lab_spawn()). Part of lab.h.
 */
#ifndef LAB_RUN_H
#define LAB_RUN_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define LAB_IMAGE "busybox"		/* the image name tests pass to run */
#define LAB_OUTPUT_MAX (16 << 20)	/* bytes kept per stream; rest drained */
#define LAB_TIMEOUT_MS 20000		/* below the harness's 30 s per test */
#define LAB_MAX_PROCS 4
#define LAB_READY_MS 10000		/* for a container's first line */
#define LAB_READY_S "10"
#define LAB_MAX_IDS 32		/* containers one test may start */
#define LAB_ID_MAX 64		/* bytes of an ID, with its NUL */

/* A mydocker started with lab_spawn() that the test talks to. */
struct lab_proc {
	pid_t pid;	/* mydocker; leads its own process group */
	int in;		/* its stdin: write, or close for EOF */
	int out;	/* its stdout */
	int err;	/* its stderr */
};

struct lab {
	char dir[PATH_MAX];	/* the temp dir; everything below is in it */
	char root[PATH_MAX];	/* dir/root: $MYDOCKER_ROOT */
	char run[PATH_MAX];	/* dir/run: $MYDOCKER_RUN, not created */
	char bin[PATH_MAX];	/* $MYDOCKER_BIN */
	int timeout_ms;		/* per lab_run()/lab_finish(); LAB_TIMEOUT_MS */
	struct lab_proc procs[LAB_MAX_PROCS];	/* pid 0: free */
	/*
	 * The containers this test started, as mydocker named them (run -d's
	 * output, ps -q's lines, the records' "id"): lab_destroy() removes
	 * their cgroups, mounts and processes wherever the code put them.
	 */
	char ids[LAB_MAX_IDS][LAB_ID_MAX];
	int n_ids;
	/*
	 * The lab's janitor (lab.c): a process of its own session that
	 * removes the lab should the test die before lab_destroy() does.
	 */
	pid_t janitor;
	int janitor_fd;		/* the janitor sees EOF when the test is gone */
};

/* What a finished mydocker left: its output and how it ended. */
struct lab_result {
	int status;	/* exit code, or 128 + the signal that killed it */
	bool timed_out;	/* killed by the lab after timeout_ms */
	char *out;	/* stdout, NUL-terminated (never NULL after a run) */
	size_t out_len;
	char *err;	/* stderr, likewise */
	size_t err_len;
};

/*
 * Make the lab: mkdtemp under ${TMPDIR:-/tmp}, root/images/busybox.tar a
 * symlink to $MYDOCKER_IMAGE. -EINVAL when either variable is unset,
 * -ENOENT when the file it names is missing.
 */
int lab_create(struct lab *lab);
/*
 * Stop what is still running; for every container the lab saw, kill what
 * runs in its cgroup mydocker/<id> in every hierarchy, remove that cgroup
 * and undo the mounts that name it; unmount leftovers in the lab, reap
 * this process's zombies, remove the temp dir.
 */
void lab_destroy(struct lab *lab);
/* Remember container @id for lab_destroy() (lab_runv() does it for run -d
 * and ps -q): -EINVAL for a string that cannot be an ID, -ENOSPC. */
int lab_remember_id(struct lab *lab, const char *id, size_t len);

/*
 * Run "mydocker ARGS..." to the end with stdin /dev/null; fills @res (free
 * it with lab_result_free()). -ETIMEDOUT when it had to be killed.
 * lab_run(lab, &res, "run", "busybox", "true") appends the NULL itself.
 */
int lab_runv(struct lab *lab, struct lab_result *res, const char *const argv[]);
#define lab_run(lab, res, ...) \
	lab_runv(lab, res, (const char *const[]){ __VA_ARGS__, NULL })
void lab_result_free(struct lab_result *res);

/*
 * Start "mydocker ARGS..." with pipes on stdin, stdout and stderr, for
 * tests that talk to a running container. The lab owns *procp: end it with
 * lab_finish(), or lab_destroy() does.
 */
int lab_spawnv(struct lab *lab, struct lab_proc **procp,
	       const char *const argv[]);
#define lab_spawn(lab, procp, ...) \
	lab_spawnv(lab, procp, (const char *const[]){ __VA_ARGS__, NULL })
/*
 * Read one line of the container's stdout into @line without its '\n'.
 * -ETIMEDOUT, or -ENODATA at end of file before a newline.
 */
int lab_read_line(struct lab_proc *proc, char *line, size_t size,
		  int timeout_ms);
/*
 * Close its stdin, collect the rest of its output and its status into @res
 * (what lab_read_line() took is not repeated there).
 */
int lab_finish(struct lab *lab, struct lab_proc *proc, struct lab_result *res);

/*
 * "it ended with exit N before that, stderr '...'" for a finished run, in
 * @buf, for messages. Returns @buf.
 */
const char *lab_ended_with(const struct lab_result *res, char *buf,
			   size_t size);

#endif
