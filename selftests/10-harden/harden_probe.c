// SPDX-License-Identifier: GPL-2.0
/*
 * harden_probe: what an attacker inside a container tries, one probe at
 * a time. Built static (an image has no C library of its own) and bound
 * into the container by the tests and by chapters/10-harden/probe.sh.
 *
 *   harden_probe NAME [ARGS]   one probe: prints "done: ..." (the escape
 *                              worked; exit 0), "blocked: ..." (exit 1),
 *                              or a value (caps, nnp, seccomp; exit 0);
 *                              "n/a: ..." (exit 3) where the kernel lacks
 *                              what the probe tries
 *   harden_probe all MAJ:MIN FILE   every probe, "NAME<TAB>RESULT" lines
 *
 * A probe that changes the host does the least that shows it can: the
 * sysctl goes up by one (the caller puts it back), the disk gets one
 * empty FILE at its root (the caller removes it), the clock's frequency
 * is set to the value it has. Opening a file for writing writes nothing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/timex.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/keyctl.h>
#include <linux/reboot.h>

#define BOMB_MAX 2048	/* twice mydocker's default pids limit */
#define GIB "1073741824"

enum { DONE = 0, BLOCKED = 1, ERROR = 2, NOT_HERE = 3 };

static int done(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int blocked(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int say(const char *word, const char *fmt, va_list ap)
{
	printf("%s: ", word);
	vprintf(fmt, ap);
	printf("\n");
	return 0;
}

static int done(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("done", fmt, ap);
	va_end(ap);
	return DONE;
}

static int blocked(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("blocked", fmt, ap);
	va_end(ap);
	return BLOCKED;
}

/* A fresh, empty directory of our own, for mount points. */
static const char *tmpdir(void)
{
	static char dir[64];

	mkdir("/tmp", 01777);
	snprintf(dir, sizeof(dir), "/tmp/probe.XXXXXX");
	return mkdtemp(dir) ? dir : "/mnt";
}

static int read_file(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return n;
}

static int write_file(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, value, strlen(value)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* ---- the probes ---- */

static int status_line(const char *key)
{
	char status[8192], *line;
	int n = read_file("/proc/self/status", status, sizeof(status));

	if (n < 0)
		return ERROR;
	line = strstr(status, key);
	if (!line)
		return ERROR;
	line += strlen(key);
	line += strspn(line, " \t");
	printf("%.*s\n", (int)strcspn(line, "\n"), line);
	return DONE;
}

static int probe_caps(void)
{
	return status_line("CapEff:");
}

static int probe_nnp(void)
{
	return status_line("NoNewPrivs:");
}

static int probe_seccomp(void)
{
	return status_line("Seccomp:");
}

/* kernel.printk_ratelimit_burst is not namespaced: it is the host's. */
static int probe_sysctl(void)
{
	const char *path = "/proc/sys/kernel/printk_ratelimit_burst";
	char value[32];
	int ret;

	if (read_file(path, value, sizeof(value)) < 0)
		return blocked("read %s: %m", path);
	snprintf(value, sizeof(value), "%d", atoi(value) + 1);
	ret = write_file(path, value);
	if (ret)
		return blocked("write %s: %s", path, strerror(-ret));
	return done("kernel.printk_ratelimit_burst is now %s", value);
}

/* Opened, and closed without a write; 0 or -errno. */
static int can_write(const char *path)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static int open_for_writing(const char *path)
{
	int ret = can_write(path);

	if (ret)
		return blocked("open %s for writing: %s", path, strerror(-ret));
	return done("opened %s for writing", path);
}

static int probe_core_pattern(void)
{
	return open_for_writing("/proc/sys/kernel/core_pattern");
}

static int read_some(const char *path)
{
	static char buf[1 << 16];
	int n = read_file(path, buf, sizeof(buf));

	if (n < 0)
		return blocked("read %s: %s", path, strerror(-n));
	if (n == 0)
		return blocked("%s is empty", path);
	return done("read %d bytes of %s", n, path);
}

static int probe_proc_keys(void)
{
	return read_some("/proc/keys");
}

static int probe_timer_list(void)
{
	return read_some("/proc/timer_list");
}

static int probe_dmesg(void)
{
	static char buf[1 << 20];
	int n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, sizeof(buf)), lines = 0;

	if (n < 0)
		return blocked("read the kernel log: %m");
	for (int i = 0; i < n; i++)
		lines += buf[i] == '\n';
	return done("read the kernel log: %d lines", lines);
}

/* A sysfs of our own, read-write, else the one at /sys. */
static int probe_sysfs(void)
{
	const char *dir = tmpdir();
	char path[128], mounted[128];
	int ret;

	if (mount("sysfs", dir, "sysfs", 0, NULL) == 0)
		snprintf(mounted, sizeof(mounted), "mounted sysfs read-write");
	else
		snprintf(mounted, sizeof(mounted), "mount sysfs: %m"), dir = "/sys";
	snprintf(path, sizeof(path), "%s/power/state", dir);
	ret = can_write(path);
	if (!ret)
		return done("%s, opened /sys/power/state for writing", mounted);
	return blocked("%s, open /sys/power/state for writing: %s", mounted,
		       strerror(-ret));
}

static int probe_tmpfs(void)
{
	if (mount("tmpfs", tmpdir(), "tmpfs", 0, "size=64k") < 0)
		return blocked("mount a tmpfs: %m");
	return done("mounted a tmpfs");
}

static int mount_any(const char *dev, const char *dir)
{
	static const char *const types[] = { "ext4", "xfs", "btrfs", "ext3" };

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (mount(dev, dir, types[i], 0, NULL) == 0)
			return 0;
	return -errno;
}

/* The host's disk: make its node, open it, mount it, write a file. */
static int probe_disk(const char *majmin, const char *file)
{
	const char *node = "/tmp/probe-disk", *dir;
	char path[256], shadow[4096], opened[64] = "opened it";
	unsigned int maj, min;
	int fd, ret;

	if (!majmin || !file || sscanf(majmin, "%u:%u", &maj, &min) != 2) {
		fprintf(stderr, "usage: harden_probe disk MAJ:MIN FILE\n");
		return ERROR;
	}
	mkdir("/tmp", 01777);
	unlink(node);
	if (mknod(node, S_IFBLK | 0600, makedev(maj, min)) < 0)
		return blocked("mknod the host's disk %s: %m", majmin);
	fd = open(node, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		snprintf(opened, sizeof(opened), "open: %m");
	else
		close(fd);
	dir = tmpdir();
	ret = mount_any(node, dir);
	if (ret)
		return blocked("mknod %s, %s, mount: %s", majmin, opened,
			       strerror(-ret));
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return blocked("mounted the host's disk, create /%s: %m", file);
	close(fd);
	snprintf(path, sizeof(path), "%s/etc/shadow", dir);
	ret = read_file(path, shadow, sizeof(shadow));
	return done("mounted the host's disk, wrote /%s, /etc/shadow: %s",
		    file, ret < 0 ? strerror(-ret) : "read");
}

/* The classic escape: release_agent runs as root on the host. */
static int probe_release_agent(void)
{
	const char *dir = tmpdir();
	char path[128];
	int ret;

	if (mount("cgroup", dir, "cgroup", 0, "memory") < 0 &&
	    mount("cgroup", dir, "cgroup", 0, "none,name=probe") < 0)
		return blocked("mount a cgroup v1 hierarchy: %m");
	snprintf(path, sizeof(path), "%s/release_agent", dir);
	ret = can_write(path);
	if (!ret)
		return done("mounted a cgroup v1 hierarchy, opened its release_agent for writing");
	return blocked("mounted a cgroup v1 hierarchy, open release_agent: %s",
		       strerror(-ret));
}

/* Our cgroup from /proc/self/cgroup: the v1 memory line, else v2's. */
static int own_cgroup(char *path, size_t size, bool *v1)
{
	char text[4096], *line;

	*v1 = false;
	if (read_file("/proc/self/cgroup", text, sizeof(text)) < 0)
		return -errno;
	line = strstr(text, ":memory:");
	if (line) {
		*v1 = true;
		line += strlen(":memory:");
	} else if (!strncmp(text, "0::", 3)) {
		line = text + 3;
	} else if ((line = strstr(text, "\n0::"))) {
		line += 4;
	} else {
		return -ENOENT;
	}
	snprintf(path, size, "%.*s", (int)strcspn(line, "\n"), line);
	return 0;
}

/*
 * Write 1 GiB as the memory limit of @cg under the hierarchy at @root;
 * on v1 the memory+swap limit first, as it may not be below the other.
 */
static int raise_limit(const char *root, const char *cg, bool v1)
{
	char path[512];
	int ret;

	if (v1) {
		snprintf(path, sizeof(path), "%s%s/memory.memsw.limit_in_bytes",
			 root, cg);
		ret = write_file(path, GIB);
		if (ret && ret != -ENOENT)
			return ret;
	}
	snprintf(path, sizeof(path), "%s%s/%s", root, cg,
		 v1 ? "memory.limit_in_bytes" : "memory.max");
	return write_file(path, GIB);
}

static int probe_memory(void)
{
	char cg[256], why[160];
	const char *dir;
	bool v1;
	int ret;

	if (own_cgroup(cg, sizeof(cg), &v1))
		return blocked("no cgroup in /proc/self/cgroup");
	/* The cgroup file system the container was given, if any. */
	ret = raise_limit(v1 ? "/sys/fs/cgroup/memory" : "/sys/fs/cgroup",
			  cg, v1);
	if (ret && strcmp(cg, "/"))
		ret = raise_limit(v1 ? "/sys/fs/cgroup/memory" : "/sys/fs/cgroup",
				  "/", v1);
	if (!ret)
		return done("raised its memory limit to 1 GiB");
	snprintf(why, sizeof(why), "%s", strerror(-ret));
	dir = tmpdir();
	if (mount("cgroup", dir, v1 ? "cgroup" : "cgroup2", 0,
		  v1 ? "memory" : NULL) < 0)
		return blocked("write its limit: %s; mount its hierarchy: %m", why);
	ret = raise_limit(dir, cg, v1);
	if (ret)
		return blocked("mounted its hierarchy, write the limit: %s",
			       strerror(-ret));
	return done("mounted its hierarchy, raised its memory limit to 1 GiB");
}

/* A module that is not one: only the kernel's loader can say so. */
static int probe_module(void)
{
	static char image[64];

	if (syscall(SYS_init_module, image, sizeof(image), "") == 0)
		return done("loaded a module");
	if (errno == EPERM)
		return blocked("init_module: %m");
	if (errno == ENOSYS) {
		printf("n/a: this kernel has no modules (init_module: %m)\n");
		return NOT_HERE;
	}
	return done("init_module reached the module loader (it said: %m)");
}

/* The clock's frequency set to the value it has: allowed or not. */
static int probe_clock(void)
{
	struct timex tx = { .modes = 0 };

	if (adjtimex(&tx) < 0)
		return blocked("read the clock: %m");
	tx.modes = ADJ_FREQUENCY;
	if (clock_adjtime(CLOCK_REALTIME, &tx) < 0)
		return blocked("adjust the host's clock: %m");
	return done("adjusted the host's clock (frequency %ld, as it was)",
		    tx.freq);
}

/*
 * LINUX_REBOOT_CMD_CAD_OFF changes nothing in a PID namespace: there the
 * kernel says EINVAL once the caller passed the permission check, where
 * RESTART would have killed the container's init.
 */
static int probe_reboot(void)
{
	if (reboot(LINUX_REBOOT_CMD_CAD_OFF) == 0)
		return done("reboot(2) allowed, in the host's PID namespace");
	if (errno == EPERM)
		return blocked("reboot: %m");
	return done("reboot(2) allowed (it said: %m)");
}

static int probe_keyctl(void)
{
	long key = syscall(SYS_add_key, "user", "mydocker-probe", "x", 1,
			   KEY_SPEC_PROCESS_KEYRING);

	if (key < 0)
		return blocked("add_key: %m");
	return done("added key %ld to the kernel's keyrings", key);
}

static int probe_userns(void)
{
	if (unshare(CLONE_NEWUSER) < 0)
		return blocked("unshare(CLONE_NEWUSER): %m");
	return done("made a user namespace (every capability inside it)");
}

/* Fork until the kernel says no, or BOMB_MAX; then kill them all. */
static int probe_forkbomb(void)
{
	static pid_t kids[BOMB_MAX];
	int n = 0, err = 0;

	for (n = 0; n < BOMB_MAX; n++) {
		kids[n] = fork();
		if (kids[n] == 0) {
			pause();
			_exit(0);
		}
		if (kids[n] < 0) {
			err = errno;
			break;
		}
	}
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		waitpid(kids[i], NULL, 0);
	if (err)
		return blocked("fork stopped after %d processes: %s", n,
			       strerror(err));
	return done("%d processes, and nothing stopped them", n);
}

/* ---- the table ---- */

static const struct probe {
	const char *name;
	int (*run)(void);
} probes[] = {
	{ "caps", probe_caps },
	{ "sysctl", probe_sysctl },
	{ "core_pattern", probe_core_pattern },
	{ "proc_keys", probe_proc_keys },
	{ "timer_list", probe_timer_list },
	{ "dmesg", probe_dmesg },
	{ "sysfs", probe_sysfs },
	{ "tmpfs", probe_tmpfs },
	{ "disk", NULL },
	{ "release_agent", probe_release_agent },
	{ "memory", probe_memory },
	{ "nnp", probe_nnp },
	{ "seccomp", probe_seccomp },
	{ "module", probe_module },
	{ "clock", probe_clock },
	{ "reboot", probe_reboot },
	{ "keyctl", probe_keyctl },
	{ "userns", probe_userns },
	{ "forkbomb", probe_forkbomb },
};
#define N_PROBES (sizeof(probes) / sizeof(probes[0]))

static int run_probe(const struct probe *p, char **args)
{
	return p->run ? p->run() : probe_disk(args[0], args[0] ? args[1] : NULL);
}

/* Each in a child: a probe's mounts or namespaces stay its own. */
static int run_all(char **args)
{
	for (size_t i = 0; i < N_PROBES; i++) {
		pid_t pid;

		printf("%s\t", probes[i].name);
		fflush(stdout);
		pid = fork();
		if (pid == 0)
			_exit(run_probe(&probes[i], args));
		waitpid(pid, NULL, 0);
	}
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && !strcmp(argv[1], "all"))
		return run_all(argv + 2);
	for (size_t i = 0; argc >= 2 && i < N_PROBES; i++)
		if (!strcmp(argv[1], probes[i].name))
			return run_probe(&probes[i], argv + 2);
	fprintf(stderr, "usage: harden_probe NAME [ARGS] | all MAJ:MIN FILE; NAME is one of:");
	for (size_t i = 0; i < N_PROBES; i++)
		fprintf(stderr, " %s", probes[i].name);
	fprintf(stderr, "\n");
	return ERROR;
}
