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
 * Functions return 0 or a negative errno, like the kernel's.
 */
#ifndef LAB_H
#define LAB_H

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

/* Leftovers. */
/* Mounts in /proc/self/mountinfo at @path or below it. */
int lab_mounts_under(const char *path);
/* Lines of /proc/self/mountinfo that mention @text anywhere (a mount
 * point, a source, an overlay's lowerdir=...). */
int lab_mounts_mentioning(const char *text);
/* 0 when @path is an empty directory or does not exist; -ENOTEMPTY. */
int lab_dir_empty_or_absent(const char *path);
/* Lines in @buf; a last line without '\n' counts too. */
int lab_count_lines(const char *buf, size_t len);

/*
 * @s on one line, for messages: "\n", "\t", "\\" and "\xNN" for the
 * other unprintable bytes, "..." when it does not fit. Returns @buf.
 * (A raw newline in a test's message would break its TAP output.)
 */
const char *lab_escape(const char *s, char *buf, size_t size);

/* snprintf() into a PATH_MAX buffer; -ENAMETOOLONG rather than truncate. */
int lab_pathf(char path[PATH_MAX], const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Small files. */
/* Read a whole small file, NUL-terminated, trailing newlines cut. */
int lab_read_file(const char *path, char *buf, size_t size);
int lab_write_file(const char *path, const char *text);
bool lab_exists(const char *path);

/* cgroups */
/* true when /sys/fs/cgroup itself is cgroup2 (a unified host). */
bool lab_cgroup_v2(void);
/*
 * From the text of a /proc/PID/cgroup, the path of @controller's
 * hierarchy ("memory", "cpu", ...; "" for the v2 "0::" line).
 */
int lab_cgroup_path(const char *proc_cgroup, const char *controller,
		    char *path, size_t size);
/*
 * The directory of @controller's cgroup @path: /sys/fs/cgroup/<path> on
 * v2, /sys/fs/cgroup/<controller>/<path> on v1.
 */
int lab_cgroup_dir(const char *controller, const char *path,
		   char dir[PATH_MAX]);

/* Detached containers (chapter 01 on) */
/*
 * The host PID of container @id's PID 1: the process in its cgroup
 * mydocker/<id> whose NSpid (in /proc/PID/status) ends in 1. -ESRCH when
 * there is none (it has exited).
 */
int lab_container_pid(const char *id, pid_t *pid);
/* Wait up to @timeout_ms for @pid to exit (pidfd + poll); 0 or -ETIMEDOUT. */
int lab_wait_gone(pid_t pid, int timeout_ms);
/* Field 4 of /proc/PID/stat. */
int lab_ppid(pid_t pid, pid_t *ppid);
/* Fields 3 (the state: R, S, Z...) and 22 (the start time, in clock
 * ticks) of /proc/PID/stat; either pointer may be NULL. -ESRCH. */
int lab_proc_stat(pid_t pid, char *state, unsigned long long *start_time);

/*
 * Zombies and reused PIDs, made by the test and not left to the timing
 * of this machine's PID 1.
 * lab_hold_orphans(): this test process becomes a child subreaper, so a
 * container's PID 1 whose mydocker has exited is re-parented here and,
 * once it ends, stays a zombie until the test (or lab_destroy()) reaps it.
 * lab_kill_hold_zombie(): SIGKILL @pid, one of ours, and wait until it is
 * a zombie, without reaping it.
 */
int lab_hold_orphans(void);
int lab_kill_hold_zombie(pid_t pid, int timeout_ms);

/*
 * SKIP() from a FIXTURE_SETUP. The 6.1 harness goes on to run the test body
 * after a SKIP(return, ...) in the setup, and the body's first failed
 * ASSERT then reports a failure. Leave the test's process at once instead,
 * with the status the harness counts as skipped (255).
 */
#define LAB_SETUP_SKIP(fmt, ...) SKIP(_exit(255), fmt, ##__VA_ARGS__)

#endif
