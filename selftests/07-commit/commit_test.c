// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 07: each container's own writable layer, and "mydocker commit
 * CONTAINER IMAGE". Each test makes one claim: two containers of one image
 * do not see each other's writes, the layer is on disk under
 * $MYDOCKER_ROOT/containers/<id> and outlives the command, commit of a
 * running or a stopped container makes an image that runs, the image tar
 * is the container's merged view without its volumes, /proc and /dev,
 * commit never replaces an image and leaves nothing when it fails, bad
 * names and unknown containers are refused, and rm takes the layer away.
 *
 * Needs root; run through selftests/run.sh, which sets MYDOCKER_BIN and
 * MYDOCKER_IMAGE.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE
#define NEW_IMAGE "snap"	/* what the tests commit to */
#define TAR_LIST_MAX (256 << 10)

FIXTURE(lab) {
	LAB_FIXTURE_FIELDS;
	char images[PATH_MAX];	/* $MYDOCKER_ROOT/images */
	char image_tar[PATH_MAX];	/* images/NEW_IMAGE.tar */
};

FIXTURE_SETUP(lab)
{
	LAB_FIXTURE_SETUP();
	ASSERT_EQ(0, lab_pathf(self->images, "%s/images", self->lab.root));
	ASSERT_EQ(0, lab_pathf(self->image_tar, "%s/" NEW_IMAGE ".tar",
			       self->images));
}

FIXTURE_TEARDOWN(lab)
{
	/*
	 * lab_destroy() kills the containers through their cgroups and
	 * undoes a mount a test left (the read-only images dir).
	 */
	LAB_FIXTURE_TEARDOWN();
}

/* "mydocker run -d --name NAME ARGS...", asserted to work; fills @box. */
#define START(box, name, ...) BOX_START(box, name, __VA_ARGS__)

/* A container running "sleep 1000". */
#define START_SLEEPER(box, name) START(box, name, IMG, "sleep", "1000")

/* "mydocker exec NAME sh -c '... echo TEXT > /tmp/f'": the image has no /tmp. */
static void write_f(struct __test_metadata *_metadata, FIXTURE_DATA(lab) *self,
		    const struct box *box, const char *text)
{
	MYDOCKER("exec", box->name, "sh", "-c",
		 "mkdir -p /tmp && echo \"$1\" > /tmp/f", "sh", text);
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker exec %s sh -c 'mkdir -p /tmp && echo %s > /tmp/f': " STATUS_FMT,
		       box->name, text, STATUS_ARGS);
}

/* Stop it (SIGKILL at once) and make sure its PID 1 is gone. */
static void stop(struct __test_metadata *_metadata, FIXTURE_DATA(lab) *self,
		 const struct box *box)
{
	pid_t pid;
	int ret;

	ret = lab_container_pid(box->id, &pid);
	ASSERT_EQ(0, ret)
		TH_LOG("container %s should be running, but its cgroup mydocker/%s holds no PID 1: %s",
		       box->name, box->id, strerror(-ret));
	MYDOCKER("stop", "-t", "0", box->name);
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker stop -t 0 %s: " STATUS_FMT, box->name,
		       STATUS_ARGS);
	ASSERT_EQ(0, lab_wait_gone(pid, 10000))
		TH_LOG("container %s (host PID %d) still runs after stop",
		       box->name, pid);
}

/* "mydocker commit CONTAINER NEW_IMAGE", asserted to succeed. */
static void commit_ok(struct __test_metadata *_metadata,
		      FIXTURE_DATA(lab) *self, const char *container)
{
	MYDOCKER("commit", container, NEW_IMAGE);
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker commit %s " NEW_IMAGE ": " STATUS_FMT,
		       container, STATUS_ARGS);
	EXPECT_STREQ(NEW_IMAGE "\\n", OUT)
		TH_LOG("commit should print the new image's name");
	ASSERT_TRUE(lab_exists(self->image_tar))
		TH_LOG("commit said it made the image, but %s does not exist",
		       self->image_tar);
}

/* "mydocker run NEW_IMAGE cat /tmp/f" prints @text. */
static void expect_image_has_f(struct __test_metadata *_metadata,
			       FIXTURE_DATA(lab) *self, const char *text)
{
	char want[256];

	MYDOCKER("run", NEW_IMAGE, "cat", "/tmp/f");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker run " NEW_IMAGE " cat /tmp/f, from the committed image: " STATUS_FMT,
		       STATUS_ARGS);
	snprintf(want, sizeof(want), "%s\\n", text);
	EXPECT_STREQ(want, OUT)
		TH_LOG("a container of the committed image should see the /tmp/f the committed container wrote");
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names in @dir, sorted, one space between: "busybox.tar snap.tar". */
static int list_dir(const char *dir, char *buf, size_t size)
{
	char *names[256];
	struct dirent *e;
	size_t n = 0, len = 0, i;
	DIR *d = opendir(dir);
	int ret = 0;

	if (!d)
		return -errno;
	while (!ret && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == sizeof(names) / sizeof(names[0]))
			ret = -EOVERFLOW;
		else if (!(names[n] = strdup(e->d_name)))
			ret = -ENOMEM;
		else
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), compare_names);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!ret && len + strlen(names[i]) + 2 > size)
			ret = -EOVERFLOW;
		if (!ret)
			len += sprintf(buf + len, "%s%s", i ? " " : "", names[i]);
		free(names[i]);
	}
	return ret;
}

/*
 * What "tar -tf @path" lists, one name a line, into @buf. Names are
 * compared without a leading "./" and a trailing "/" (tar_has()).
 */
static int tar_list(const char *path, char *buf, size_t size)
{
	char cmd[PATH_MAX + 32];
	size_t len = 0, n;
	FILE *p;
	int status;

	if (strchr(path, '\'') ||
	    snprintf(cmd, sizeof(cmd), "tar -tf '%s'", path) >= (int)sizeof(cmd))
		return -EINVAL;
	p = popen(cmd, "re");
	if (!p)
		return -errno;
	while (len + 1 < size && (n = fread(buf + len, 1, size - 1 - len, p)) > 0)
		len += n;
	buf[len] = '\0';
	status = pclose(p);
	if (len + 1 >= size)
		return -EOVERFLOW;
	return status == 0 ? 0 : -EIO;
}

/* The line after @line in a NUL-terminated text (at its end: ""). */
static const char *next_line(const char *line)
{
	size_t n = strcspn(line, "\n");

	return line + n + (line[n] == '\n');
}

/* @line without "./" in front and "/" at the end, into @name. */
static void tar_name(const char *line, size_t len, char *name, size_t size)
{
	if (len >= 2 && !strncmp(line, "./", 2)) {
		line += 2;
		len -= 2;
	}
	while (len && line[len - 1] == '/')
		len--;
	snprintf(name, size, "%.*s", (int)len, line);
}

/* Does the listing @list name @entry ("tmp/f")? */
static bool tar_has(const char *list, const char *entry)
{
	const char *line;
	char name[PATH_MAX];

	for (line = list; *line; line = next_line(line)) {
		tar_name(line, strcspn(line, "\n"), name, sizeof(name));
		if (!strcmp(name, entry))
			return true;
	}
	return false;
}

/* The first name in @list below the dir @dir ("proc"), or NULL. */
static const char *tar_first_under(const char *list, const char *dir,
				   char *name, size_t size)
{
	size_t n = strlen(dir);
	const char *line;

	for (line = list; *line; line = next_line(line)) {
		tar_name(line, strcspn(line, "\n"), name, size);
		if (!strncmp(name, dir, n) && name[n] == '/')
			return name;
	}
	return NULL;
}

/* List the committed image into a buffer the caller frees. */
static char *list_image(struct __test_metadata *_metadata,
			FIXTURE_DATA(lab) *self)
{
	char *list = malloc(TAR_LIST_MAX);
	int ret;

	ASSERT_NE(NULL, list);
	ret = tar_list(self->image_tar, list, TAR_LIST_MAX);
	if (ret)
		free(list);
	ASSERT_EQ(0, ret)
		TH_LOG("tar -tf %s should list the committed image: %s",
		       self->image_tar, strerror(-ret));
	return list;
}

/* The whole of the file @path, in a buffer the caller frees. */
static int read_all(const char *path, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t got = 0;
	struct stat st;
	ssize_t n;

	*data = NULL;
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	*data = malloc(st.st_size + 1);
	if (!*data) {
		close(fd);
		return -ENOMEM;
	}
	while (got < (size_t)st.st_size &&
	       (n = read(fd, *data + got, st.st_size - got)) > 0)
		got += n;
	close(fd);
	*len = got;
	return got == (size_t)st.st_size ? 0 : -EIO;
}

/* ---- each container has its own layer ---- */

TEST_F(lab, containers_of_one_image_do_not_share_writes)
{
	struct box a, b;
	char in_image[PATH_MAX];

	START_SLEEPER(&a, "a");
	START_SLEEPER(&b, "b");
	write_f(_metadata, self, &a, "from a");
	write_f(_metadata, self, &b, "from b");

	MYDOCKER("exec", "a", "cat", "/tmp/f");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker exec a cat /tmp/f: " STATUS_FMT, STATUS_ARGS);
	EXPECT_STREQ("from a\\n", OUT)
		TH_LOG("container a should see its own /tmp/f, not b's: are both on one writable layer?");
	MYDOCKER("exec", "b", "cat", "/tmp/f");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker exec b cat /tmp/f: " STATUS_FMT, STATUS_ARGS);
	EXPECT_STREQ("from b\\n", OUT)
		TH_LOG("container b should see its own /tmp/f, not a's");

	PATHF(in_image, "%s/layers/" IMG "/tmp/f", self->lab.root);
	EXPECT_FALSE(lab_exists(in_image))
		TH_LOG("%s exists: a container wrote into the image's layer, which all containers of the image share",
		       in_image);
}

TEST_F(lab, container_layer_on_disk)
{
	static const char *const subdirs[] = { "upper", "work", "merged" };
	char path[PATH_MAX], text[64] = "";
	struct box a;
	struct stat st;
	size_t i;
	int ret;

	START_SLEEPER(&a, "a");
	for (i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
		PATHF(path, "%s/%s", a.layer, subdirs[i]);
		EXPECT_TRUE(stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			TH_LOG("a running container's layer should have the directory %s",
			       path);
	}
	write_f(_metadata, self, &a, "hello");
	PATHF(path, "%s/upper/tmp/f", a.layer);
	ret = lab_read_file(path, text, sizeof(text));
	ASSERT_EQ(0, ret)
		TH_LOG("what container a wrote to /tmp/f should be in its upper dir, %s: %s",
		       path, strerror(-ret));
	EXPECT_STREQ("hello", text)
		TH_LOG("%s should hold what the container wrote", path);
}

TEST_F(lab, image_unpacked_once)
{
	char layers[PATH_MAX], layer[PATH_MAX], marker[PATH_MAX];
	char names[1024];
	struct stat before, after;
	int ret;

	MYDOCKER("run", IMG, "true");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker run " IMG " true: " STATUS_FMT, STATUS_ARGS);
	PATHF(layers, "%s/layers", self->lab.root);
	PATHF(layer, "%s/" IMG, layers);
	ASSERT_EQ(0, stat(layer, &before))
		TH_LOG("the image should be unpacked in %s: %m", layer);

	/* A file only the unpacked layer has: a second container sees it
	 * only if it runs on this very layer. */
	PATHF(marker, "%s/lab-marker", layer);
	ASSERT_EQ(0, lab_write_file(marker, "from the layer\n"));
	MYDOCKER("run", IMG, "cat", "/lab-marker");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker run " IMG " cat /lab-marker (a file the test put in %s): " STATUS_FMT,
		       layer, STATUS_ARGS);
	EXPECT_STREQ("from the layer\\n", OUT)
		TH_LOG("a second container should use the image unpacked in %s as its lower layer, not unpack the image again",
		       layer);
	ASSERT_EQ(0, stat(layer, &after))
		TH_LOG("%s is gone after the second run", layer);
	EXPECT_EQ(before.st_ino, after.st_ino)
		TH_LOG("%s was replaced by the second run: the image should be unpacked once",
		       layer);
	ret = list_dir(layers, names, sizeof(names));
	ASSERT_EQ(0, ret) TH_LOG("cannot list %s: %s", layers, strerror(-ret));
	EXPECT_STREQ(IMG, names)
		TH_LOG("%s should hold the one unpacked image and nothing else (no temporary dirs); it holds '%s'",
		       layers, names);
}

TEST_F(lab, layer_outlives_command)
{
	char path[PATH_MAX], text[64] = "";
	struct box a;
	pid_t pid;
	int ret;

	START(&a, "a", IMG, "sh", "-c", "mkdir -p /tmp && echo kept > /tmp/f");
	/* No PID 1 in its cgroup: it has ended already. */
	if (lab_container_pid(a.id, &pid) == 0) {
		ASSERT_EQ(0, lab_wait_gone(pid, 10000))
			TH_LOG("container a's command (echo kept > /tmp/f) should end by itself");
	}
	PATHF(path, "%s/upper/tmp/f", a.layer);
	ret = lab_read_file(path, text, sizeof(text));
	ASSERT_EQ(0, ret)
		TH_LOG("after a detached container's command ended, its layer should stay until rm: cannot read %s: %s",
		       path, strerror(-ret));
	EXPECT_STREQ("kept", text)
		TH_LOG("%s should hold what the container wrote", path);
}

/* ---- commit ---- */

TEST_F(lab, commit_running_container)
{
	struct box a;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "hello");
	commit_ok(_metadata, self, "a");
	expect_image_has_f(_metadata, self, "hello");
}

/* What inotify saw happen to images/NEW_IMAGE.tar, by that name. */
struct image_events {
	/* IN_MODIFY: data went in through that name. (Not IN_CLOSE_WRITE:
	 * closing the temporary file after the rename is fine.) */
	bool written;
	bool named;	/* IN_MOVED_TO or IN_CREATE: the name appeared */
	bool overflow;	/* the kernel dropped events */
};

static void read_image_events(int fd, struct image_events *ev)
{
	char buf[64 << 10] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n;

	memset(ev, 0, sizeof(*ev));
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		char *p = buf;

		while (p < buf + n) {
			const struct inotify_event *e = (const void *)p;

			ev->overflow |= !!(e->mask & IN_Q_OVERFLOW);
			if (e->len && !strcmp(e->name, NEW_IMAGE ".tar")) {
				ev->written |= !!(e->mask & IN_MODIFY);
				ev->named |= !!(e->mask & (IN_MOVED_TO | IN_CREATE));
			}
			p += sizeof(*e) + e->len;
		}
	}
}

/*
 * A reader of images/ (a run, a copy to another machine) must never find
 * a half-written image under its name: commit writes a temporary file and
 * gives it the name once complete. inotify shows whether data was ever
 * written through the name itself.
 */
TEST_F(lab, image_never_seen_half_written)
{
	struct image_events ev;
	struct box a;
	int fd;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "hello");
	fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	ASSERT_LE(0, fd) TH_LOG("inotify_init1: %s", strerror(errno));
	ASSERT_LE(0, inotify_add_watch(fd, self->images,
				       IN_MODIFY | IN_MOVED_TO | IN_CREATE))
		TH_LOG("inotify_add_watch %s: %s", self->images, strerror(errno));
	MYDOCKER("commit", "a", NEW_IMAGE);
	read_image_events(fd, &ev);
	close(fd);
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker commit a " NEW_IMAGE ": " STATUS_FMT, STATUS_ARGS);
	ASSERT_FALSE(ev.overflow)
		TH_LOG("the test lost inotify events on %s", self->images);
	EXPECT_TRUE(ev.named)
		TH_LOG("commit succeeded, but no file %s appeared", self->image_tar);
	EXPECT_FALSE(ev.written)
		TH_LOG("commit wrote the image's data into %s itself: while tar runs, or if it fails half way, a reader finds a partial image there. Write a temporary file beside it and rename it to its name when complete",
		       self->image_tar);
}

TEST_F(lab, commit_by_id)
{
	struct box a;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "by id");
	commit_ok(_metadata, self, a.id);
	expect_image_has_f(_metadata, self, "by id");
}

TEST_F(lab, commit_stopped_container)
{
	struct box a;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "stopped");
	stop(_metadata, self, &a);
	commit_ok(_metadata, self, "a");
	expect_image_has_f(_metadata, self, "stopped");
}

TEST_F(lab, commit_stopped_leaves_no_mount)
{
	struct box a;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "hello");
	stop(_metadata, self, &a);
	ASSERT_EQ(0, lab_mounts_mentioning(self->lab.dir))
		TH_LOG("before the commit, the host should have no mount mentioning %s: the stopped container's overlay went with its mount namespace",
		       self->lab.dir);
	commit_ok(_metadata, self, "a");
	EXPECT_EQ(0, lab_mounts_mentioning(self->lab.dir))
		TH_LOG("after commit of a stopped container, the host has a mount mentioning %s (see /proc/self/mountinfo): the overlay commit put together should live in a mount namespace of its own",
		       self->lab.dir);
}

TEST_F(lab, commit_adds_only_the_image)
{
	char before[1024], after[1024];
	struct box a;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "hello");
	ASSERT_EQ(0, list_dir(self->images, before, sizeof(before)));
	ASSERT_STREQ(IMG ".tar", before)
		TH_LOG("the lab's %s should hold only the busybox image", self->images);
	commit_ok(_metadata, self, "a");
	ASSERT_EQ(0, list_dir(self->images, after, sizeof(after)));
	EXPECT_STREQ(IMG ".tar " NEW_IMAGE ".tar", after)
		TH_LOG("after the commit %s should hold the old image and the new one, nothing else (no temporary file)",
		       self->images);
}

TEST_F(lab, image_is_the_merged_view)
{
	struct box a;
	char *list;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "hello");
	commit_ok(_metadata, self, "a");
	list = list_image(_metadata, self);
	EXPECT_TRUE(tar_has(list, "tmp/f"))
		TH_LOG("the image tar should hold the container's change tmp/f (tar -tf %s)",
		       self->image_tar);
	EXPECT_TRUE(tar_has(list, "bin/busybox"))
		TH_LOG("the image tar should also hold the image's own files (bin/busybox): commit archives the merged view, not only the upper dir");
	free(list);
}

TEST_F(lab, volume_not_in_image)
{
	char vol[PATH_MAX], file[PATH_MAX], spec[PATH_MAX], name[PATH_MAX];
	struct box a;
	char *list;

	PATHF(vol, "%s/vol", self->lab.dir);
	PATHF(file, "%s/from-host", vol);
	PATHF(spec, "%s:/data", vol);
	ASSERT_EQ(0, mkdir(vol, 0755));
	ASSERT_EQ(0, lab_write_file(file, "on the host\n"));
	START(&a, "a", "-v", spec, IMG, "sleep", "1000");
	MYDOCKER("exec", "a", "cat", "/data/from-host");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker exec a cat /data/from-host (the volume %s): " STATUS_FMT,
		       spec, STATUS_ARGS);
	ASSERT_STREQ("on the host\\n", OUT)
		TH_LOG("the volume should show the host's file in /data");

	commit_ok(_metadata, self, "a");
	list = list_image(_metadata, self);
	EXPECT_EQ(NULL, tar_first_under(list, "data", name, sizeof(name)))
		TH_LOG("the image holds %s, from the volume: a volume is the host's, commit should leave it out (tar --one-file-system)",
		       name);
	free(list);
}

TEST_F(lab, proc_and_dev_not_in_image)
{
	char name[PATH_MAX];
	struct box a;
	char *list;

	START_SLEEPER(&a, "a");
	MYDOCKER("exec", "a", "test", "-e", "/proc/1/status", "-a", "-c",
		 "/dev/null");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("the container should have /proc/1/status and /dev/null: mydocker exec a test -e /proc/1/status -a -c /dev/null: " STATUS_FMT,
		       STATUS_ARGS);
	commit_ok(_metadata, self, "a");
	list = list_image(_metadata, self);
	EXPECT_EQ(NULL, tar_first_under(list, "proc", name, sizeof(name)))
		TH_LOG("the image holds %s: the container's /proc is the kernel's, commit should leave it out",
		       name);
	EXPECT_EQ(NULL, tar_first_under(list, "dev", name, sizeof(name)))
		TH_LOG("the image holds %s: the container's /dev is a tmpfs of the runtime's, commit should leave it out",
		       name);
	free(list);
}

TEST_F(lab, existing_image_not_replaced)
{
	struct stat before, after;
	char *old = NULL, *now = NULL;
	size_t old_len = 0, now_len = 0;
	struct box a;
	int ret;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "first");
	commit_ok(_metadata, self, "a");
	ASSERT_EQ(0, stat(self->image_tar, &before));
	ret = read_all(self->image_tar, &old, &old_len);
	ASSERT_EQ(0, ret)
		TH_LOG("cannot read %s: %s", self->image_tar, strerror(-ret));

	write_f(_metadata, self, &a, "second");
	MYDOCKER("commit", "a", NEW_IMAGE);
	EXPECT_ERROR(1, "mydocker commit a " NEW_IMAGE " (the image exists already)");
	ASSERT_EQ(0, stat(self->image_tar, &after))
		TH_LOG("the existing image %s is gone after a refused commit: %m",
		       self->image_tar);
	EXPECT_EQ(before.st_ino, after.st_ino)
		TH_LOG("%s is a new file: the existing image was replaced",
		       self->image_tar);
	EXPECT_TRUE(before.st_mtim.tv_sec == after.st_mtim.tv_sec &&
		    before.st_mtim.tv_nsec == after.st_mtim.tv_nsec)
		TH_LOG("%s was written to (its mtime changed): an existing image should be left alone",
		       self->image_tar);
	ret = read_all(self->image_tar, &now, &now_len);
	EXPECT_EQ(0, ret)
		TH_LOG("cannot read %s: %s", self->image_tar, strerror(-ret));
	EXPECT_TRUE(!ret && old_len == now_len && !memcmp(old, now, old_len))
		TH_LOG("the content of %s changed (%zu bytes before, %zu after): an existing image should be left alone",
		       self->image_tar, old_len, now_len);
	free(old);
	free(now);
}

TEST_F(lab, failed_commit_leaves_nothing)
{
	char before[1024], after[1024], root_before[1024], root_after[1024];
	char probe[PATH_MAX];
	int remount, probe_err, ret;
	struct box a;
	int fd;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "hello");
	ASSERT_EQ(0, list_dir(self->images, before, sizeof(before)));
	ASSERT_EQ(0, list_dir(self->lab.root, root_before, sizeof(root_before)));

	/* Read-only even for root: a read-only bind mount of the dir on
	 * itself. Undone below; lab_destroy() would too. */
	ASSERT_EQ(0, mount(self->images, self->images, NULL, MS_BIND, NULL))
		TH_LOG("bind mount %s on itself: %m", self->images);
	remount = mount(NULL, self->images, NULL,
			MS_REMOUNT | MS_BIND | MS_RDONLY, NULL);
	PATHF(probe, "%s/probe", self->images);
	fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	probe_err = fd < 0 ? errno : 0;
	if (fd >= 0) {
		close(fd);
		unlink(probe);
	}
	ret = -EROFS;
	if (!remount && probe_err == EROFS)
		ret = RUN(((const char *const[]){ "commit", "a", NEW_IMAGE,
						 NULL }));
	if (umount2(self->images, 0) < 0)
		umount2(self->images, MNT_DETACH);

	ASSERT_EQ(EROFS, probe_err)
		TH_LOG("the test could not make %s read-only (remount: %d)",
		       self->images, remount);
	ASSERT_EQ(0, ret)
		TH_LOG("mydocker commit a " NEW_IMAGE " did not finish: %s",
		       strerror(-ret));
	EXPECT_ERROR(1, "mydocker commit a " NEW_IMAGE " into a read-only images dir");
	ASSERT_EQ(0, list_dir(self->images, after, sizeof(after)));
	EXPECT_STREQ(before, after)
		TH_LOG("a failed commit should leave nothing in %s (no temporary file)",
		       self->images);
	ASSERT_EQ(0, list_dir(self->lab.root, root_after, sizeof(root_after)));
	EXPECT_STREQ(root_before, root_after)
		TH_LOG("a failed commit should leave nothing in %s either",
		       self->lab.root);
}

/* ---- refused ---- */

/* "mydocker commit a IMAGE" with a bad @image: refused, nothing made. */
static void expect_bad_name_refused(struct __test_metadata *_metadata,
				    FIXTURE_DATA(lab) *self, const char *image)
{
	char images_before[1024], images_after[1024];
	char root_before[1024], root_after[1024], what[256];
	struct box a;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "hello");
	ASSERT_EQ(0, list_dir(self->images, images_before, sizeof(images_before)));
	ASSERT_EQ(0, list_dir(self->lab.root, root_before, sizeof(root_before)));
	MYDOCKER("commit", "a", image);
	snprintf(what, sizeof(what), "mydocker commit a '%s' (an invalid image name)",
		 image);
	EXPECT_ERROR(1, what);
	ASSERT_EQ(0, list_dir(self->images, images_after, sizeof(images_after)));
	ASSERT_EQ(0, list_dir(self->lab.root, root_after, sizeof(root_after)));
	EXPECT_STREQ(images_before, images_after)
		TH_LOG("%s: nothing should be made in %s", what, self->images);
	EXPECT_STREQ(root_before, root_after)
		TH_LOG("%s: nothing should be made in %s", what, self->lab.root);
}

TEST_F(lab, rejects_image_name_with_slash)
{
	char sub[PATH_MAX];

	/* Somewhere for "a/b" to go, should the name be taken as a path. */
	PATHF(sub, "%s/a", self->images);
	ASSERT_EQ(0, mkdir(sub, 0755));
	expect_bad_name_refused(_metadata, self, "a/b");
	EXPECT_EQ(0, lab_dir_empty_or_absent(sub))
		TH_LOG("mydocker commit a 'a/b' wrote into %s: the image name was taken as a path",
		       sub);
}

TEST_F(lab, rejects_image_name_dotdot)
{
	expect_bad_name_refused(_metadata, self, "..");
}

TEST_F(lab, rejects_empty_image_name)
{
	expect_bad_name_refused(_metadata, self, "");
}

TEST_F(lab, rejects_unknown_container)
{
	char before[1024], after[1024];

	ASSERT_EQ(0, list_dir(self->images, before, sizeof(before)));
	MYDOCKER("commit", "nosuch", NEW_IMAGE);
	EXPECT_ERROR(1, "mydocker commit nosuch " NEW_IMAGE " (no such container)");
	ASSERT_EQ(0, list_dir(self->images, after, sizeof(after)));
	EXPECT_STREQ(before, after)
		TH_LOG("a refused commit should make nothing in %s", self->images);
}

/* ---- rm takes the layer away ---- */

TEST_F(lab, rm_removes_layer_and_record)
{
	char state[PATH_MAX];
	struct box a;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "hello");
	stop(_metadata, self, &a);
	ASSERT_TRUE(lab_exists(a.layer))
		TH_LOG("a stopped container should keep its layer %s until rm",
		       a.layer);
	MYDOCKER("rm", "a");
	ASSERT_EQ(0, self->res.status)
		TH_LOG("mydocker rm a (stopped): " STATUS_FMT, STATUS_ARGS);
	EXPECT_FALSE(lab_exists(a.layer))
		TH_LOG("after rm the container's layer %s is still there", a.layer);
	PATHF(state, "%s/a", self->lab.run);
	EXPECT_FALSE(lab_exists(state))
		TH_LOG("after rm the container's record %s is still there", state);
	EXPECT_EQ(0, lab_mounts_mentioning(a.layer))
		TH_LOG("after rm the host has a mount mentioning %s (see /proc/self/mountinfo)",
		       a.layer);
}

TEST_F(lab, rm_unmounts_stray_overlay)
{
	char lower[PATH_MAX], merged[PATH_MAX], options[3 * PATH_MAX + 64];
	struct box a;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "hello");
	stop(_metadata, self, &a);
	/* What a crashed runtime could leave: the layers mounted on the
	 * host. Read-only, so that an rm that descends into it removes
	 * nothing through it. */
	PATHF(lower, "%s/layers/" IMG, self->lab.root);
	PATHF(merged, "%s/merged", a.layer);
	ASSERT_LT(snprintf(options, sizeof(options),
			   "lowerdir=%s,upperdir=%s/upper,workdir=%s/work",
			   lower, a.layer, a.layer), (int)sizeof(options));
	ASSERT_EQ(0, mount("overlay", merged, "overlay", MS_RDONLY, options))
		TH_LOG("the test could not mount the stopped container's layers at %s: %m",
		       merged);
	ASSERT_EQ(1, lab_mounts_under(merged));

	MYDOCKER("rm", "a");
	EXPECT_EQ(0, self->res.status)
		TH_LOG("mydocker rm a, with its overlay still mounted at %s on the host: " STATUS_FMT,
		       merged, STATUS_ARGS);
	EXPECT_EQ(0, lab_mounts_under(a.layer))
		TH_LOG("rm should unmount the overlay left at %s", merged);
	EXPECT_FALSE(lab_exists(a.layer))
		TH_LOG("after rm the container's layer %s is still there", a.layer);
}

/*
 * tar fails after the temporary file exists: the images dir is a tmpfs
 * too small for the container's tree (ENOSPC). Nothing named
 * NEW_IMAGE.tar* may be left; listed before the tmpfs goes.
 */
TEST_F(lab, failed_tar_leaves_no_temporary_file)
{
	char listing[1024];
	int mounted, ret;
	struct box a;

	START_SLEEPER(&a, "a");
	write_f(_metadata, self, &a, "hello");
	/* The running container's overlay is mounted: it needs no image. */
	mounted = mount("tmpfs", self->images, "tmpfs", 0, "size=16k,mode=0755");
	ret = mounted ? -errno : 0;
	if (!mounted)
		ret = RUN(((const char *const[]){ "commit", "a", NEW_IMAGE,
						 NULL }));
	listing[0] = '\0';
	if (!mounted && list_dir(self->images, listing, sizeof(listing)))
		snprintf(listing, sizeof(listing), "(cannot list: %m)");
	if (!mounted && umount2(self->images, 0) < 0)
		umount2(self->images, MNT_DETACH);

	ASSERT_EQ(0, mounted)
		TH_LOG("the test could not mount a small tmpfs on %s: %m",
		       self->images);
	ASSERT_EQ(0, ret)
		TH_LOG("mydocker commit a " NEW_IMAGE " did not finish: %s",
		       strerror(-ret));
	EXPECT_ERROR(1, "mydocker commit a " NEW_IMAGE " into a full images dir");
	EXPECT_STREQ("", listing)
		TH_LOG("tar failed (the images dir is full), so nothing should be left in it, not even the temporary file: '%s'",
		       listing);
}

TEST_HARNESS_MAIN
