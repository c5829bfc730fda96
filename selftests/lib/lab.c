// SPDX-License-Identifier: GPL-2.0
/*
 * lab: a private lab per test, and its tear-down by what the test
 * started. See lab_run.h.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lab.h"
#include "lab_internal.h"

static void lab_remove(struct lab *lab);

/*
 * A test that crashes or times out never reaches its teardown, and the
 * harness kills its whole process group: the janitor, in a session of its
 * own, waits for the end of the pipe the test holds, and removes whatever
 * is still in the lab, by what its records and layers name.
 */
static void janitor_main(struct lab *lab, int end_fd)
{
	char byte;
	int fd;

	setsid();
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
	}
	while (read(end_fd, &byte, 1) < 0 && errno == EINTR)
		;
	if (lab_exists(lab->dir))
		lab_remove(lab);
	_exit(0);
}

static void janitor_start(struct lab *lab)
{
	int end[2];

	lab->janitor_fd = -1;
	if (pipe2(end, O_CLOEXEC))
		return;		/* best effort: the teardown still runs */
	lab->janitor = fork();
	if (lab->janitor == 0) {
		close(end[1]);
		lab->janitor = 0;
		janitor_main(lab, end[0]);
	}
	close(end[0]);
	if (lab->janitor < 0) {
		lab->janitor = 0;
		close(end[1]);
		return;
	}
	lab->janitor_fd = end[1];
}

/* The teardown has removed the lab: the janitor finds nothing to do. */
static void janitor_end(struct lab *lab)
{
	if (lab->janitor_fd >= 0)
		close(lab->janitor_fd);
	lab->janitor_fd = -1;
	if (lab->janitor > 0)
		waitpid(lab->janitor, NULL, 0);
	lab->janitor = 0;
}

int lab_create(struct lab *lab)
{
	const char *bin = getenv("MYDOCKER_BIN");
	const char *image = getenv("MYDOCKER_IMAGE");
	const char *tmp = getenv("TMPDIR");
	char image_abs[PATH_MAX], images[PATH_MAX], link[PATH_MAX];
	int ret;

	memset(lab, 0, sizeof(*lab));
	lab->timeout_ms = LAB_TIMEOUT_MS;
	lab->janitor_fd = -1;
	if (!bin || !*bin || !image || !*image)
		return -EINVAL;
	/* Absolute, so that neither a cd nor the symlink's dir changes them. */
	if (!realpath(bin, lab->bin) || !realpath(image, image_abs))
		return -errno;
	if (access(lab->bin, X_OK))
		return -errno;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	if (lab_pathf(lab->dir, "%s/mydocker-lab.XXXXXX", tmp))
		return -ENAMETOOLONG;
	if (!mkdtemp(lab->dir)) {
		ret = -errno;
		lab->dir[0] = '\0';
		return ret;
	}

	/* The state root is left for mydocker to create, so that a test can
	 * tell whether it did. */
	if ((ret = lab_pathf(lab->root, "%s/root", lab->dir)) ||
	    (ret = lab_pathf(lab->run, "%s/run", lab->dir)) ||
	    (ret = lab_pathf(images, "%s/images", lab->root)) ||
	    (ret = lab_pathf(link, "%s/" LAB_IMAGE ".tar", images)))
		goto out_destroy;
	if (mkdir(lab->root, 0755) || mkdir(images, 0755)) {
		ret = -errno;
		goto out_destroy;
	}
	/* A link, not a copy: the image is read-only input shared by all. */
	if (symlink(image_abs, link)) {
		ret = -errno;
		goto out_destroy;
	}
	janitor_start(lab);	/* it knows the lab's paths from here on */
	return 0;

out_destroy:
	lab_destroy(lab);
	return ret;
}

static bool has_arg(const char *const argv[], const char *arg)
{
	for (; *argv; argv++)
		if (!strcmp(*argv, arg))
			return true;
	return false;
}

/* Each line of @out that looks like an ID, for lab_destroy(). */
static void remember_lines(struct lab *lab, const char *out)
{
	while (out && *out) {
		size_t len = strcspn(out, "\n");

		lab_remember_id(lab, out, len);
		out += len;
		if (*out)
			out++;
	}
}

/* "run -d" prints the new container's ID, "ps -q" every ID. */
void lab_remember_started(struct lab *lab, const char *const argv[],
			     const struct lab_result *res)
{
	if (!argv[0] || !res->out)
		return;
	if ((!strcmp(argv[0], "run") && (has_arg(argv, "-d") ||
					 has_arg(argv, "--detach"))) ||
	    (!strcmp(argv[0], "ps") && has_arg(argv, "-q")))
		remember_lines(lab, res->out);
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;	/* best effort: go on with the rest */
}

int lab_remember_id(struct lab *lab, const char *id, size_t len)
{
	int i;

	/* An ID is a path component of a cgroup: nothing else is one. */
	if (!len || len >= LAB_ID_MAX || id[0] == '.' ||
	    strspn(id, "0123456789abcdefghijklmnopqrstuvwxyz"
		   "ABCDEFGHIJKLMNOPQRSTUVWXYZ_.-") < len)
		return -EINVAL;
	for (i = 0; i < lab->n_ids; i++)
		if (strlen(lab->ids[i]) == len && !strncmp(lab->ids[i], id, len))
			return 0;
	if (lab->n_ids == LAB_MAX_IDS)
		return -ENOSPC;
	memcpy(lab->ids[lab->n_ids], id, len);
	lab->ids[lab->n_ids++][len] = '\0';
	return 0;
}

/* Kill what runs in the cgroup @dir until it is empty, then remove it. */
static void reap_cgroup_dir(const char *dir)
{
	const struct timespec pause = { 0, 10 * 1000 * 1000 };
	char procs[PATH_MAX], pids[4096];
	int tries;

	if (lab_pathf(procs, "%s/cgroup.procs", dir))
		return;
	for (tries = 0; tries < 500; tries++) {
		char *line, *save = NULL;

		if (lab_read_file(procs, pids, sizeof(pids)) || !pids[0])
			break;
		for (line = strtok_r(pids, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			kill(atoi(line), SIGKILL);
		nanosleep(&pause, NULL);
		lab_reap_held();
	}
	rmdir(dir);
}

/*
 * mydocker/<id> in every hierarchy there is: the v2 root, and each v1
 * controller's (a broken chapter may have made it in any of them).
 */
static void reap_cgroups(const char *id)
{
	char dir[PATH_MAX];
	struct dirent *e;
	DIR *top;

	if (!lab_pathf(dir, "/sys/fs/cgroup/mydocker/%s", id) && lab_exists(dir))
		reap_cgroup_dir(dir);
	top = opendir("/sys/fs/cgroup");
	if (!top)
		return;
	while ((e = readdir(top)) != NULL) {
		if (e->d_name[0] == '.' ||
		    lab_pathf(dir, "/sys/fs/cgroup/%s/mydocker/%s", e->d_name, id) ||
		    !lab_exists(dir))
			continue;
		reap_cgroup_dir(dir);
	}
	closedir(top);
}

/* The "id" of a record, found without parsing the rest of it. */
static void remember_record(struct lab *lab, const char *name)
{
	char path[PATH_MAX], text[8192], *p;

	if (lab_pathf(path, "%s/%s/config.json", lab->run, name) ||
	    lab_read_file(path, text, sizeof(text)))
		return;
	p = strstr(text, "\"id\"");
	if (!p || !(p = strchr(p + 4, '"')))
		return;
	p++;
	lab_remember_id(lab, p, strcspn(p, "\""));
}

/* Also every container a record or a layer directory names. */
static void remember_leftovers(struct lab *lab)
{
	char containers[PATH_MAX];
	struct dirent *e;
	DIR *dir;

	if (!lab_pathf(containers, "%s/containers", lab->root) &&
	    (dir = opendir(containers))) {
		while ((e = readdir(dir)) != NULL)
			lab_remember_id(lab, e->d_name, strlen(e->d_name));
		closedir(dir);
	}
	if ((dir = opendir(lab->run))) {
		while ((e = readdir(dir)) != NULL)
			if (e->d_name[0] != '.')
				remember_record(lab, e->d_name);
		closedir(dir);
	}
}

void lab_destroy(struct lab *lab)
{
	int i;

	for (i = 0; i < LAB_MAX_PROCS; i++)
		if (lab->procs[i].pid)
			lab_stop(&lab->procs[i]);
	if (lab->dir[0])
		lab_remove(lab);
	janitor_end(lab);
}

/* Every container the lab knows of, its mounts, then its directory. */
static void lab_remove(struct lab *lab)
{
	int i;

	remember_leftovers(lab);
	lab_reap_held();
	for (i = 0; i < lab->n_ids; i++) {
		reap_cgroups(lab->ids[i]);
		lab_unmount_mentioning(lab->ids[i]);
	}
	lab_unmount_all(lab->dir);
	/*
	 * FTW_MOUNT: should a mount survive the above, stay off it. Again
	 * while it is there: from chapter 09 a container's monitor writes
	 * its record once the container is killed, maybe while we remove.
	 */
	for (i = 0; i < 100 && lab_exists(lab->dir); i++) {
		if (i)
			usleep(20000);
		nftw(lab->dir, remove_entry, 16,
		     FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
	}
	lab->dir[0] = '\0';
}
