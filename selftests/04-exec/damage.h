/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's record damaged on disk (a bug, a half-written file, a
 * student's experiment), and a decoy that must come through it unharmed:
 * for trust_test.c here and the damaged_test.c of later chapters.
 * Include after lab_fixture.h.
 */
#ifndef DAMAGE_H
#define DAMAGE_H

#include <jansson.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* A process of the test's own, in the host's namespaces and cgroups. */
struct decoy {
	pid_t pid;
	unsigned long long start_time;
};

/* Start @decoy: it waits for a signal, and dies with the test. */
#define DECOY_START(decoy) do { \
	int __ret; \
	(decoy)->pid = fork(); \
	ASSERT_LE(0, (decoy)->pid) TH_LOG("fork: %s", strerror(errno)); \
	if ((decoy)->pid == 0) { \
		prctl(PR_SET_PDEATHSIG, SIGKILL); \
		for (;;) \
			pause(); \
	} \
	__ret = lab_proc_stat((decoy)->pid, NULL, &(decoy)->start_time); \
	if (__ret) \
		kill((decoy)->pid, SIGKILL); \
	ASSERT_EQ(0, __ret) TH_LOG("no /proc entry for the decoy"); \
} while (0)

/* Still the same process, not a zombie: nobody signalled it. */
static inline bool decoy_alive(const struct decoy *decoy)
{
	unsigned long long start;
	char state;

	return !waitpid(decoy->pid, NULL, WNOHANG) &&
	       !lab_proc_stat(decoy->pid, &state, &start) &&
	       state != 'Z' && start == decoy->start_time;
}

static inline void decoy_end(struct decoy *decoy)
{
	if (decoy->pid > 0) {
		kill(decoy->pid, SIGKILL);
		waitpid(decoy->pid, NULL, 0);
	}
	decoy->pid = 0;
}

/*
 * Set @key of $MYDOCKER_RUN/@name/config.json to the JSON value @value
 * (its text: "12", "\"a\""), atomically, as a damaged file would read.
 */
#define RECORD_SET(name, key, value) do { \
	char __path[PATH_MAX], __tmp[PATH_MAX]; \
	json_error_t __error; \
	json_t *__root; \
	PATHF(__path, "%s/%s/config.json", self->lab.run, name); \
	PATHF(__tmp, "%s.test", __path); \
	__root = json_load_file(__path, 0, &__error); \
	ASSERT_NE(NULL, __root) \
		TH_LOG("cannot read %s: %s", __path, __error.text); \
	json_object_set_new(__root, key, \
			    json_loads(value, JSON_DECODE_ANY, &__error)); \
	ASSERT_EQ(0, json_dump_file(__root, __tmp, JSON_INDENT(2))); \
	json_decref(__root); \
	ASSERT_EQ(0, rename(__tmp, __path)); \
} while (0)

/* The record's "pid" and "start_time" set to @decoy's. */
#define RECORD_POINT_AT(name, decoy) do { \
	char __n[64]; \
	snprintf(__n, sizeof(__n), "%d", (decoy)->pid); \
	RECORD_SET(name, "pid", __n); \
	snprintf(__n, sizeof(__n), "%llu", (decoy)->start_time); \
	RECORD_SET(name, "start_time", __n); \
} while (0)

#endif
