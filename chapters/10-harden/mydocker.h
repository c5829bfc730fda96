/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 08-env: run -e sets the container's environment, and exec gives a
 * command the environment of the container's PID 1.
 * 10-harden: run's security options (harden.h).
 */
#ifndef MYDOCKER_H
#define MYDOCKER_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#include "cgroup.h"
#include "harden.h"
#include "names.h"

/* Every command is a file defining one of these, and a row in main.c. */
struct command {
	const char *name;
	int (*main)(int argc, char **argv);	/* argv[0] is the name */
	const char *usage;
};

extern const struct command cmd_run;
extern const struct command cmd_ps;
extern const struct command cmd_logs;
extern const struct command cmd_exec;
extern const struct command cmd_stop;
extern const struct command cmd_rm;
extern const struct command cmd_commit;

struct volume {
	char host[PATH_MAX];	/* absolute, on the host */
	char target[PATH_MAX];	/* absolute, inside the container */
};

struct run_options {
	bool interactive;	/* -i: the container gets our stdin */
	bool tty;		/* -t: it uses our terminal, as it is */
	bool detach;		/* -d: start it, print its ID, return */
	const char *name;	/* --name; NULL: the container's ID */
	const char *image;
	char **argv;		/* the command, exactly as given */
	struct cgroup_limits limits;
	struct volume *volumes;
	size_t n_volumes;
	char **env;		/* -e: "KEY=VALUE", in the order given */
	size_t n_env;
	struct security_options security;
};

struct container {
	char id[ID_LEN + 1];
	const char *name;
	const struct run_options *opts;
	char layer[PATH_MAX];	/* the image, unpacked: overlay's lower dir */
	char dir[PATH_MAX];	/* upper/, work/ and merged/ live here */
	struct cgroup cgroup;
	pid_t pid;		/* PID 1 of the container, seen from the host */
	unsigned long long start_time;	/* of that PID: see liveness.h */
	int log_fd;		/* -d: container.log, for its stdout and stderr */
};

/* container.c */
int container_create(struct container *c, const struct run_options *opts);
/* 0 once the command runs, or the exit status of a failed start. */
int container_start(struct container *c);
/* Wait for @pid, passing on SIGTERM and SIGHUP; its exit status. */
int wait_forwarding_signals(pid_t pid);
void container_destroy(struct container *c);

/* rootfs.c */
int image_layer_get(const char *image, char layer[PATH_MAX]);
int rootfs_mount(const struct container *c, const char *merged);
int rootfs_pivot(const char *merged);

/* state.c */
struct record;
int state_claim_name(const char *name);
void state_release_name(const char *name);
int state_record_write(const struct container *c);
const char *container_status(const struct record *rec);

/* stop.c: SIGTERM, up to @grace_seconds, SIGKILL; "stopped" in @rec. */
int container_stop(struct record *rec, int grace_seconds);

/* volume.c */
int volume_parse(const char *spec, struct volume *vol);
int volumes_prepare(const struct run_options *opts);
int volumes_mount(const struct run_options *opts, const char *merged);

#endif
