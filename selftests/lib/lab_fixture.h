/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fixture every chapter's test program shares, and the few macros its
 * tests are written in. Include it after kselftest_harness.h and lab.h.
 * A program declares its fixture with these fields first, then its own:
 *
 *	FIXTURE(lab) {
 *		LAB_FIXTURE_FIELDS;
 *		char images[PATH_MAX];
 *	};
 *
 * and starts its FIXTURE_SETUP with LAB_FIXTURE_SETUP() and its
 * FIXTURE_TEARDOWN with LAB_FIXTURE_TEARDOWN(). A program that needs
 * nothing more writes all three as one line: LAB_FIXTURE();
 */
#ifndef LAB_FIXTURE_H
#define LAB_FIXTURE_H

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define LAB_FIXTURE_FIELDS \
	struct lab lab; \
	struct lab_result res;	/* of the last MYDOCKER() */ \
	char shown_out[4096];	/* OUT and ERR below */ \
	char shown_err[1024]

/* Skip unless root; make the lab. */
#define LAB_FIXTURE_SETUP() do { \
	int __ret; \
	if (geteuid()) \
		LAB_SETUP_SKIP("needs root"); \
	__ret = lab_create(&self->lab); \
	ASSERT_EQ(0, __ret) \
		TH_LOG("cannot make the lab: %s (are MYDOCKER_BIN and MYDOCKER_IMAGE set? selftests/run.sh sets them)", \
		       strerror(-__ret)); \
} while (0)

/* lab_destroy() also kills the containers, through their cgroups. */
#define LAB_FIXTURE_TEARDOWN() do { \
	lab_result_free(&self->res); \
	lab_destroy(&self->lab); \
} while (0)

/*
 * The fixture lab with only the fields, set-up and tear-down above. It
 * ends in a declaration of the fixture's (unused) variant type, so that
 * it takes the ';' of "LAB_FIXTURE();".
 */
#define LAB_FIXTURE() \
	FIXTURE(lab) { \
		LAB_FIXTURE_FIELDS; \
	}; \
	FIXTURE_SETUP(lab) \
	{ \
		LAB_FIXTURE_SETUP(); \
	} \
	FIXTURE_TEARDOWN(lab) \
	{ \
		LAB_FIXTURE_TEARDOWN(); \
	} \
	FIXTURE_VARIANT(lab)

/* Run "mydocker ARGV" (NULL-terminated) into self->res: 0 or -errno. */
#define RUN(argv) \
	(lab_result_free(&self->res), lab_runv(&self->lab, &self->res, (argv)))

/* Run "mydocker ARGS..." to its end; the result is in self->res. */
#define MYDOCKER(...) do { \
	int __ret = RUN(((const char *const[]){ __VA_ARGS__, NULL })); \
	ASSERT_EQ(0, __ret) \
		TH_LOG("mydocker did not finish (limit %d ms): %s; stdout '%s' stderr '%s'", \
		       self->lab.timeout_ms, strerror(-__ret), OUT, ERR); \
} while (0)

/*
 * Wait for the first line of a container started with lab_spawn(), which
 * says it is up ("echo ready"): @cmd is the command line, for the message.
 * When the line does not come, mydocker is ended and the message says
 * what the student would see: how it ended and its stderr, or that it
 * printed nothing in time.
 */
#define WAIT_READY(proc, cmd) do { \
	char __line[256]; \
	int __ret = lab_read_line(proc, __line, sizeof(__line), \
				  LAB_READY_MS); \
	if (__ret) \
		lab_finish(&self->lab, proc, &self->res); \
	ASSERT_EQ(0, __ret) \
		TH_LOG("mydocker %s: the container should start and print its first line; %s", \
		       cmd, __ret == -ETIMEDOUT ? \
		       "it printed nothing within " LAB_READY_S " s" : \
		       lab_ended_with(&self->res, self->shown_err, \
				      sizeof(self->shown_err))); \
} while (0)

/* Build a path in a PATH_MAX buffer. */
#define PATHF(path, fmt, ...) \
	ASSERT_EQ(0, lab_pathf(path, fmt, ##__VA_ARGS__)) \
		TH_LOG("path too long: " fmt, ##__VA_ARGS__)

/*
 * The last run's stdout and stderr on one line (a newline shows as \n),
 * to compare and to show: a raw newline in a message would break TAP.
 */
#define OUT lab_escape(self->res.out, self->shown_out, sizeof(self->shown_out))
#define ERR lab_escape(self->res.err, self->shown_err, sizeof(self->shown_err))

/* The status and stderr, for messages: "exit 125, stderr 'mydocker: ...'". */
#define STATUS_FMT "exit %d, stderr '%s'"
#define STATUS_ARGS self->res.status, ERR

/*
 * What every error of mydocker looks like: exit @code, and one line on
 * stderr that starts "mydocker:". @what names the command, for messages.
 */
#define EXPECT_ERROR(code, what) do { \
	EXPECT_EQ(code, self->res.status) \
		TH_LOG("%s should fail with exit %d; " STATUS_FMT, what, \
		       code, STATUS_ARGS); \
	EXPECT_EQ(1, lab_count_lines(self->res.err, self->res.err_len)) \
		TH_LOG("%s: expected exactly one line on stderr, got '%s'", \
		       what, ERR); \
	EXPECT_EQ(0, strncmp(self->res.err, "mydocker:", 9)) \
		TH_LOG("%s: the error should start with 'mydocker:', got '%s'", \
		       what, ERR); \
} while (0)

/*
 * "mydocker run -d [--name NAME] ARGS..." (@name may be NULL; ARGS: the
 * options, the image, the command): asserts that it started and printed
 * an ID, and fills @box (lab_box_fill()). The result stays in @res.
 */
static inline void lab_box_start(struct __test_metadata *_metadata,
				 struct lab *lab, struct lab_result *res,
				 struct box *box, const char *name,
				 const char *const args[])
{
	const char *argv[32] = { "run", "-d" };
	char shown[1024], out[256], err[1024];
	size_t n = 2, i;
	int ret;

	if (name) {
		argv[n++] = "--name";
		argv[n++] = name;
	}
	for (i = 0; args[i]; i++) {
		ASSERT_LT(n + 1, sizeof(argv) / sizeof(argv[0]));
		argv[n++] = args[i];
	}
	argv[n] = NULL;
	lab_show_argv(argv, shown, sizeof(shown));
	memset(box, 0, sizeof(*box));

	lab_result_free(res);
	ret = lab_runv(lab, res, argv);
	ASSERT_EQ(0, ret)
		TH_LOG("mydocker %s did not finish (limit %d ms): %s", shown,
		       lab->timeout_ms, strerror(-ret));
	ASSERT_EQ(0, res->status)
		TH_LOG("mydocker %s: exit %d, stderr '%s'", shown, res->status,
		       lab_escape(res->err, err, sizeof(err)));
	ret = lab_box_fill(lab, box, argv, res->out, strcspn(res->out, "\n"));
	ASSERT_NE(-EINVAL, ret)
		TH_LOG("mydocker %s should print the new container's ID, it printed '%s'",
		       shown, lab_escape(res->out, out, sizeof(out)));
	ASSERT_EQ(0, ret) TH_LOG("path too long for container %s", box->id);
}

#define BOX_START(box, name, ...) \
	lab_box_start(_metadata, &self->lab, &self->res, box, name, \
		      (const char *const[]){ __VA_ARGS__, NULL })

/*
 * A race put where the test wants it: "mydocker HELD..." runs under
 * strace with @options, which hold it at system call @nr (lab_strace.h:
 * lab_spawn_held(), for LAB_HOLD_S s); meanwhile "mydocker RIVAL..." runs
 * to its end and must succeed; then HELD goes on. HELD's result is left
 * in @res for the test to judge.
 */
static inline void lab_race_held(struct __test_metadata *_metadata,
				 struct lab *lab, struct lab_result *res,
				 const char *options, long nr,
				 const char *const held[],
				 const char *const rival[])
{
	char shown_held[512], shown_rival[512], err[1024];
	struct lab_proc *proc;
	int ret;

	lab_show_argv(held, shown_held, sizeof(shown_held));
	lab_show_argv(rival, shown_rival, sizeof(shown_rival));
	ret = lab_spawn_heldv(lab, &proc, options, nr, held);
	ASSERT_EQ(0, ret)
		TH_LOG("mydocker %s, under strace %s, was never held at system call %ld: %s",
		       shown_held, options, nr, strerror(-ret));
	lab_result_free(res);
	ret = lab_runv(lab, res, rival);
	ASSERT_EQ(0, ret) TH_LOG("mydocker %s did not finish: %s", shown_rival,
				 strerror(-ret));
	EXPECT_EQ(0, res->status)
		TH_LOG("mydocker %s, while mydocker %s was held: exit %d, stderr '%s'",
		       shown_rival, shown_held, res->status,
		       lab_escape(res->err, err, sizeof(err)));
	EXPECT_LT(0, lab_wait_held_at(proc->pid, nr, 0))
		TH_LOG("mydocker %s took over " LAB_HOLD_S " s: mydocker %s was no longer held, the race was not tried",
		       shown_rival, shown_held);
	lab_result_free(res);
	ASSERT_EQ(0, lab_finish(lab, proc, res));
}

/* RACE_HELD(options, nr, ARGV("exec", ...), ARGV("rm", "-f", ...)) */
#define ARGV(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define RACE_HELD(options, nr, held, rival) \
	lab_race_held(_metadata, &self->lab, &self->res, options, nr, held, \
		      rival)

/*
 * The host PID of running container @id's PID 1, from the kernel (the
 * process of its cgroup that is PID 1 of a PID namespace): the test fails
 * when there is none.
 */
static inline pid_t lab_running_pid(struct __test_metadata *_metadata,
				    const char *id)
{
	pid_t pid = 0;
	int ret = lab_container_pid(id, &pid);

	ASSERT_EQ(0, ret)
		TH_LOG("container %s is not running: no process in its cgroup mydocker/%s is PID 1 of a PID namespace (%s)",
		       id, id, strerror(-ret));
	return pid;
}

#define CONTAINER_PID(id) lab_running_pid(_metadata, (id))

/* The host PID of the running container's PID 1, from the kernel. */
#define BOX_PID(box) do { \
	int __ret = lab_container_pid((box)->id, &(box)->pid); \
	ASSERT_EQ(0, __ret) \
		TH_LOG("container %s should be running, but its cgroup mydocker/%s holds no PID 1: %s", \
		       (box)->name, (box)->id, strerror(-__ret)); \
} while (0)

/*
 * "mydocker run -d ARGS...": it must succeed and print exactly the ID,
 * LAB_ID_LEN lowercase hex characters and a newline, which goes to @id
 * (LAB_ID_LEN + 1 bytes). @what is ARGS as a user would type them.
 */
#define DETACH(id, what, ...) do { \
	struct box __box; \
	BOX_START(&__box, NULL, __VA_ARGS__); \
	ASSERT_TRUE(lab_is_id_line(self->res.out, self->res.out_len)) \
		TH_LOG("mydocker run -d " what ": stdout should be the container's ID, 12 lowercase hex characters and a newline; got '%s'", \
		       OUT); \
	snprintf(id, LAB_ID_LEN + 1, "%.*s", LAB_ID_LEN, self->res.out); \
} while (0)

#endif
