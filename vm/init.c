// SPDX-License-Identifier: GPL-2.0
/*
 * lab-init: PID 1 of the mydocker-lab guest, /init of its initramfs
 * (vm/mkguest.sh). The guest has no disk: the kernel unpacks the guest's
 * files and, appended by vm/run.sh for this boot, the lab's (under /lab)
 * into its root tmpfs and runs this program.
 *
 * It makes what a container runtime needs (a root that pivot_root can
 * leave, /dev, /proc, a pure cgroup v2 hierarchy with its controllers
 * enabled, memory for /tmp, the overlay module), does what the kernel
 * command line asks, and powers off:
 *
 *   lab.mode=test  lab.chapters=00-run+01-detach   selftests/run.sh CHAPTERS
 *   lab.mode=shell lab.chapter=08-env             a shell on the console
 *                  lab.rows=R lab.cols=C         (the host terminal's size)
 *   lab.mode=probe                                say so, power off at once
 *
 * Why a program and not a shell script: under TCG every exec costs 0.1 to
 * 0.3 s, and a script mounting a dozen things spends seconds on mount(8),
 * mountpoint(1) and modprobe(8). Here each step is a system call.
 *
 * Lines starting "vm: " are for the host (vm/run.sh). The last one of a
 * test run, "vm: tests exited with status N", is how the result leaves the
 * guest. A step that fails says which and powers off: the host, seeing no
 * status line, reports the failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define HOSTNAME "mydocker-lab"
#define LAB_DIR "/lab"		/* the lab, unpacked from the initramfs */
#define CONSOLE "/dev/ttyS0"
#define NEW_ROOT "/.root"

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("vm: ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	fflush(stdout);
	va_end(ap);
}

/*
 * The end of every path: PID 1 must never exit (the kernel would panic).
 * A reboot, which QEMU's -no-reboot turns into its exit: it needs no ACPI
 * (the guest boots with acpi=off), where a power-off would.
 */
static void __attribute__((noreturn)) power_off(void)
{
	sync();
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}

static void __attribute__((noreturn)) die(const char *step)
{
	say("init: %s: %m", step);
	power_off();
}

/* Whether something is mounted on @dir: it is on another device than
 * its parent. (Enough here: nothing in the guest bind-mounts.) */
static bool is_mountpoint(const char *dir)
{
	char parent[256];
	struct stat st, pst;

	snprintf(parent, sizeof(parent), "%s/..", dir);
	return !stat(dir, &st) && !stat(parent, &pst) && st.st_dev != pst.st_dev;
}

/* Mount @type on @dir (made if missing), unless something is there. */
static int mount_fs(const char *type, const char *dir, unsigned long flags,
		    const char *opts)
{
	if (is_mountpoint(dir))
		return 0;
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -errno;
	if (mount(type, dir, type, flags, opts))
		return -errno;
	return 0;
}

static void must_mount(const char *type, const char *dir, unsigned long flags,
		       const char *opts)
{
	char step[256];
	int ret = mount_fs(type, dir, flags, opts);

	if (ret) {
		errno = -ret;
		snprintf(step, sizeof(step), "mount -t %s %s", type, dir);
		die(step);
	}
}

/*
 * The initramfs is the kernel's first mount, which has no parent: pivot_root
 * refuses to move it (EINVAL), and every container's pivot_root would fail.
 * A bind mount of it, moved onto / and entered with chroot, is an ordinary
 * mount over it; nothing is copied. Returns 0 or -errno; no console yet.
 */
static int root_over_rootfs(void)
{
	if (mkdir(NEW_ROOT, 0755) && errno != EEXIST)
		return -errno;
	if (mount("/", NEW_ROOT, NULL, MS_BIND, NULL) || chdir(NEW_ROOT) ||
	    mount(".", "/", NULL, MS_MOVE, NULL) || chroot(".") || chdir("/"))
		return -errno;
	rmdir(NEW_ROOT);
	return 0;
}

/*
 * The kernel found no /dev/console in the initramfs (an archive made
 * without root holds no device nodes), so PID 1 starts with no stdin,
 * stdout or stderr: take the console from devtmpfs.
 */
static int console_open(void)
{
	int fd;

	if (mount_fs("devtmpfs", "/dev", MS_NOSUID, "mode=0755"))
		return -errno;
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (dup2(fd, 0) < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
		return -errno;
	if (fd > 2)
		close(fd);
	return 0;
}

/* Read a small file into @buf, NUL-terminated; length or -errno. */
static ssize_t read_file(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0)
		n = -errno;
	else
		buf[n] = '\0';
	close(fd);
	return n;
}

static int write_file(const char *path, const char *text)
{
	int ret = 0, fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/*
 * The value of lab.NAME=VALUE on the kernel command line, '+' read as a
 * space, in @buf; "" when absent. (The kernel keeps dotted words for
 * modules and passes them to init neither as arguments nor environment.)
 */
static const char *param(const char *name, char *buf, size_t size)
{
	char cmdline[4096], key[64], *word, *save;

	buf[0] = '\0';
	if (read_file("/proc/cmdline", cmdline, sizeof(cmdline)) < 0)
		return buf;
	snprintf(key, sizeof(key), "lab.%s=", name);
	for (word = strtok_r(cmdline, " \n", &save); word;
	     word = strtok_r(NULL, " \n", &save)) {
		if (strncmp(word, key, strlen(key)))
			continue;
		snprintf(buf, size, "%s", word + strlen(key));
		for (char *p = buf; *p; p++)
			if (*p == '+')
				*p = ' ';
		break;
	}
	return buf;
}

/*
 * Load module @name and what it needs, from modules.dep; 0 when loaded or
 * already there. What modprobe does, without its 1 s of start-up under
 * TCG (it links libcrypto). No module options, no compressed modules: the
 * cloud kernel's are plain .ko files.
 */
static int load_module(const char *name)
{
	char dir[256], path[512], dep[256 * 1024], want[128], *line, *save;
	struct utsname uts;
	ssize_t len;
	int ret = -ENOENT;

	uname(&uts);
	snprintf(dir, sizeof(dir), "/lib/modules/%s", uts.release);
	snprintf(path, sizeof(path), "%s/modules.dep", dir);
	len = read_file(path, dep, sizeof(dep));
	if (len < 0)
		return len;
	snprintf(want, sizeof(want), "/%s.ko", name);
	for (line = strtok_r(dep, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':'), *mods[32], *tok, *tsave;
		int n = 0;

		if (!colon || colon - line < (ptrdiff_t)strlen(want) ||
		    strncmp(colon - strlen(want), want, strlen(want)))
			continue;
		/* "kernel/a.ko: kernel/b.ko kernel/c.ko": c first, a last. */
		*colon = '\0';
		mods[n++] = line;
		for (tok = strtok_r(colon + 1, " ", &tsave); tok && n < 32;
		     tok = strtok_r(NULL, " ", &tsave))
			mods[n++] = tok;
		ret = 0;
		while (n-- > 0 && !ret) {
			int fd;

			snprintf(path, sizeof(path), "%s/%s", dir, mods[n]);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0) {
				ret = -errno;
				break;
			}
			if (syscall(SYS_finit_module, fd, "", 0) && errno != EEXIST)
				ret = -errno;
			close(fd);
		}
		break;
	}
	return ret;
}

/*
 * Load module @name in a child; its PID. The kernel checks the module's
 * signature: 0.4 s under TCG, spent while init mounts what the guest
 * needs. (The guest has no modprobe, so a mount -t overlay that came
 * first would fail: main() waits for the child before the tests start.)
 */
static pid_t start_module_load(const char *name)
{
	pid_t pid = fork();

	if (pid == 0) {
		errno = -load_module(name);
		if (errno)
			say("init: load module %s: %m", name);
		_exit(errno ? 1 : 0);
	}
	return pid;
}

/*
 * Enable every controller the kernel offers for the root's children
 * (cpuset cpu io memory pids ...). mydocker asks for the ones it uses
 * itself; doing it here makes the guest look like a systemd host.
 */
static void cgroup_enable_controllers(void)
{
	char list[512], one[64], *name, *save;

	if (read_file("/sys/fs/cgroup/cgroup.controllers", list, sizeof(list)) < 0)
		die("read /sys/fs/cgroup/cgroup.controllers");
	for (name = strtok_r(list, " \n", &save); name;
	     name = strtok_r(NULL, " \n", &save)) {
		snprintf(one, sizeof(one), "+%s", name);
		if (write_file("/sys/fs/cgroup/cgroup.subtree_control", one))
			say("init: cannot enable cgroup controller %s: %s", name,
			    strerror(errno));
	}
}

/*
 * Wait for @pid, reaping every other child on the way: PID 1 inherits
 * the orphans, among them a detached container's processes once mydocker
 * has gone. Returns its exit status as a shell would.
 */
static int wait_for(pid_t pid)
{
	int status;
	pid_t got;

	for (;;) {
		got = waitpid(-1, &status, 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return 127;	/* no children left: cannot happen */
		if (got != pid)
			continue;
		if (WIFEXITED(status))
			return WEXITSTATUS(status);
		return 128 + WTERMSIG(status);
	}
}

/* Start @argv in @dir with stdin from /dev/null; its PID. */
static pid_t start(const char *dir, char *const argv[])
{
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		if (null < 0 || dup2(null, 0) < 0 || chdir(dir))
			_exit(127);
		execvp(argv[0], argv);
		fprintf(stderr, "vm: init: exec %s: %m\n", argv[0]);
		_exit(127);
	}
	return pid;
}

/* Run @argv to its end; its exit status. */
static int run(const char *dir, char *const argv[])
{
	return wait_for(start(dir, argv));
}

/* A login shell on the console as its controlling terminal: job control
 * and Ctrl-C work. Returns when the student leaves it. */
static void run_shell(const char *chapter)
{
	char path[1024], num[16];
	struct winsize ws = { 0 };
	pid_t pid;

	ws.ws_row = atoi(param("rows", num, sizeof(num)));
	ws.ws_col = atoi(param("cols", num, sizeof(num)));

	/* On PATH for a login shell too (/etc/profile sets PATH anew). */
	snprintf(path, sizeof(path), "%s/build/%s/mydocker", LAB_DIR, chapter);
	if (symlink(path, "/usr/local/bin/mydocker"))
		say("init: symlink %s /usr/local/bin/mydocker: %m", path);
	mkdir("/var/lib/mydocker/images", 0755);
	run("/", (char *const[]){ "cp", LAB_DIR "/build/images/busybox.tar",
				 "/var/lib/mydocker/images/", NULL });
	printf("\n"
	       "mydocker-lab guest: Debian 12 with a kernel of its own, cgroup v2 only.\n"
	       "  /lab       a copy of the lab's tree and build/ made at boot\n"
	       "  mydocker   %s, on PATH\n"
	       "  images     /var/lib/mydocker/images/busybox.tar\n"
	       "Try:  mydocker run -it --name bird -m 100m busybox sh\n"
	       "Leave with 'exit' (or Ctrl-a x). Nothing in the guest is kept.\n\n",
	       path);
	fflush(stdout);

	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		int tty;

		setsid();
		tty = open(CONSOLE, O_RDWR);
		/* A serial line has no size: take the host terminal's. */
		if (tty >= 0 && ws.ws_row && ws.ws_col)
			ioctl(tty, TIOCSWINSZ, &ws);
		if (tty < 0 || ioctl(tty, TIOCSCTTY, 0) ||
		    dup2(tty, 0) < 0 || dup2(tty, 1) < 0 || dup2(tty, 2) < 0 ||
		    chdir(LAB_DIR))
			_exit(127);
		execlp("bash", "-bash", (char *)NULL);
		_exit(127);
	}
	wait_for(pid);
}

int main(void)
{
	char mode[32], chapters[1024], chapter[64];
	pid_t overlay;
	int status;

	int root_err = root_over_rootfs();

	if (console_open())
		power_off();	/* nowhere to say why; the host sees no line */
	say("init: started");
	if (root_err) {
		errno = -root_err;
		die("bind the initramfs over /");
	}
	overlay = start_module_load("overlay");
	must_mount("proc", "/proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	must_mount("sysfs", "/sys", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	/* What udev would make: bash's <(...) needs /dev/fd. */
	symlink("/proc/self/fd", "/dev/fd");
	symlink("/proc/self/fd/0", "/dev/stdin");
	symlink("/proc/self/fd/1", "/dev/stdout");
	symlink("/proc/self/fd/2", "/dev/stderr");
	must_mount("devpts", "/dev/pts", MS_NOSUID | MS_NOEXEC,
		   "gid=5,mode=0620,ptmxmode=0666");
	must_mount("tmpfs", "/dev/shm", MS_NOSUID | MS_NODEV, "mode=1777");
	must_mount("tmpfs", "/run", MS_NOSUID | MS_NODEV, "mode=0755");

	param("mode", mode, sizeof(mode));
	if (!strcmp(mode, "probe")) {
		say("probe: userspace reached");
		power_off();
	}

	if (sethostname(HOSTNAME, strlen(HOSTNAME)))
		die("sethostname");
	setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
	setenv("HOME", "/root", 1);
	setenv("LANG", "C.UTF-8", 1);
	setenv("TMPDIR", "/tmp", 1);
	umask(022);

	/* cgroup v2 only: no v1 hierarchy is mounted anywhere. */
	must_mount("cgroup2", "/sys/fs/cgroup", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		   "nsdelegate");
	cgroup_enable_controllers();

	/* What the tests and mydocker write (10 MB logs, unpacked images,
	 * the default roots), each with a size of its own. */
	must_mount("tmpfs", "/tmp", MS_NOSUID | MS_NODEV, "mode=1777,size=75%");
	must_mount("tmpfs", "/var/lib/mydocker", 0, "mode=0755,size=50%");
	mkdir("/run/mydocker", 0755);

	/* Every container mounts overlay: it must be there first. */
	if (overlay > 0 && waitpid(overlay, &status, 0) == overlay &&
	    (!WIFEXITED(status) || WEXITSTATUS(status)))
		say("init: load module overlay failed: containers cannot start");

	if (!strcmp(mode, "test")) {
		char *argv[64] = { "selftests/run.sh" }, *save;
		int argc = 1;

		param("chapters", chapters, sizeof(chapters));
		say("init: running selftests/run.sh %s", chapters);
		setenv("BUILD", LAB_DIR "/build", 1);
		for (argv[argc] = strtok_r(chapters, " ", &save); argv[argc] && argc < 62;
		     argv[++argc] = strtok_r(NULL, " ", &save))
			;
		status = run(LAB_DIR, argv);
		say("tests exited with status %d", status);
	} else if (!strcmp(mode, "shell")) {
		run_shell(param("chapter", chapter, sizeof(chapter)));
	} else {
		say("init: unknown lab.mode '%s' (test, shell or probe)", mode);
	}
	power_off();
}
