// SPDX-License-Identifier: GPL-2.0
/*
 * lab: start mydocker in a private temp dir, collect what it printed and
 * how it ended, and look at what it left behind. See lab.h.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/magic.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lab.h"

/*
 * How long to keep reading after mydocker itself has exited. Its container
 * is gone by then (PID 1's exit kills the namespace), so whoever still holds
 * our pipes is a leaked process: stop waiting for it.
 */
#define LAB_DRAIN_MS 1000
#define LAB_STOP_MS 5000	/* lab_destroy(): grace before SIGKILL */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
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
	return 0;

out_destroy:
	lab_destroy(lab);
	return ret;
}

/* ---- running mydocker ---- */

struct buf {
	char *data;
	size_t len, cap;
};

static int buf_reserve(struct buf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 4096;
	char *data;

	while (cap < b->len + more + 1)
		cap *= 2;
	if (cap == b->cap)
		return 0;
	data = realloc(b->data, cap);
	if (!data)
		return -ENOMEM;
	b->data = data;
	b->cap = cap;
	return 0;
}

/* Read what is there; 1 at end of file. Past LAB_OUTPUT_MAX, drop it but
 * keep reading, so a chatty container never blocks on a full pipe. */
static int buf_read(struct buf *b, int fd)
{
	char chunk[65536];
	ssize_t n = read(fd, chunk, sizeof(chunk));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -errno;
	if (n == 0)
		return 1;
	if (b->len + n > LAB_OUTPUT_MAX)
		n = LAB_OUTPUT_MAX - b->len;
	if (buf_reserve(b, n))
		return -ENOMEM;
	memcpy(b->data + b->len, chunk, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* The child's side of lab_start(): become "mydocker ARGS..." in the lab. */
static void __attribute__((noreturn))
lab_exec(const struct lab *lab, char **argv, int in, int out, int err)
{
	/* Its own process group, so a timeout can kill it and whatever
	 * container processes stayed in that group. */
	setpgid(0, 0);
	/* And if the test process dies first (the harness's own timeout),
	 * mydocker goes with it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* The test ignores SIGPIPE; an ignored signal survives exec, and
	 * mydocker must see the default a shell would give it. */
	signal(SIGPIPE, SIG_DFL);
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(125);
	if (setenv("MYDOCKER_ROOT", lab->root, 1) ||
	    setenv("MYDOCKER_RUN", lab->run, 1))
		_exit(125);
	execv(lab->bin, argv);
	dprintf(2, "lab: exec %s: %m\n", lab->bin);
	_exit(127);
}

/*
 * Start "mydocker ARGS..." with stdout and stderr on pipes, and stdin on a
 * pipe (@interactive) or /dev/null.
 */
static int lab_start(struct lab *lab, const char *const argv[],
		     bool interactive, struct lab_proc *proc)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	char **args;
	size_t n = 0;
	int ret;

	while (argv[n])
		n++;
	args = calloc(n + 2, sizeof(*args));
	if (!args)
		return -ENOMEM;
	args[0] = lab->bin;
	memcpy(args + 1, argv, n * sizeof(*args));

	/* We write to a stdin that may be closed already: see an error,
	 * not a SIGPIPE that kills the test. */
	signal(SIGPIPE, SIG_IGN);
	if (interactive) {
		if (pipe2(in, O_CLOEXEC))
			goto out_errno;
	} else {
		in[0] = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (in[0] < 0)
			goto out_errno;
	}
	if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
		goto out_errno;

	/* Flush first, or the child's exit would print our buffers twice. */
	fflush(stdout);
	fflush(stderr);
	proc->pid = fork();
	if (proc->pid < 0)
		goto out_errno;
	if (proc->pid == 0)
		lab_exec(lab, args, in[0], out[1], err[1]);
	/* Also here: whichever of the two runs first, the group exists
	 * before we might signal it. */
	setpgid(proc->pid, proc->pid);

	close_fd(&in[0]);
	close_fd(&out[1]);
	close_fd(&err[1]);
	proc->in = in[1];
	proc->out = out[0];
	proc->err = err[0];
	free(args);
	return 0;

out_errno:
	ret = -errno;
	close_fd(&in[0]);
	close_fd(&in[1]);
	close_fd(&out[0]);
	close_fd(&out[1]);
	close_fd(&err[0]);
	close_fd(&err[1]);
	free(args);
	proc->pid = 0;
	return ret;
}

static int status_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return -1;
}

/*
 * Read stdout and stderr to their end and reap mydocker, within
 * @timeout_ms. A pidfd in the same poll() tells us when it exits.
 */
static int lab_collect(struct lab_proc *proc, struct lab_result *res,
		       int timeout_ms)
{
	struct buf out = { 0 }, err = { 0 };
	long long deadline = now_ms() + timeout_ms;
	long long drain_end = 0;
	int pidfd, status = 0, ret = 0;
	bool reaped = false;

	memset(res, 0, sizeof(*res));
	close_fd(&proc->in);
	pidfd = syscall(SYS_pidfd_open, proc->pid, 0);
	if (pidfd < 0)
		return -errno;

	while (proc->out >= 0 || proc->err >= 0 || !reaped) {
		struct pollfd fds[3] = {
			{ .fd = proc->out, .events = POLLIN },
			{ .fd = proc->err, .events = POLLIN },
			{ .fd = reaped ? -1 : pidfd, .events = POLLIN },
		};
		long long end = reaped ? drain_end : deadline;
		long long left = end - now_ms();
		int r;

		if (left <= 0) {
			if (reaped)
				break;	/* a leaked process holds our pipes */
			res->timed_out = true;
			kill(-proc->pid, SIGKILL);
			kill(proc->pid, SIGKILL);
			if (waitpid(proc->pid, &status, 0) == proc->pid)
				reaped = true;
			ret = -ETIMEDOUT;
			break;
		}
		if (poll(fds, 3, left) < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (fds[0].revents) {
			r = buf_read(&out, proc->out);
			if (r)
				close_fd(&proc->out);
		}
		if (fds[1].revents) {
			r = buf_read(&err, proc->err);
			if (r)
				close_fd(&proc->err);
		}
		if (fds[2].revents && waitpid(proc->pid, &status, 0) == proc->pid) {
			reaped = true;
			drain_end = now_ms() + LAB_DRAIN_MS;
		}
	}
	close(pidfd);
	close_fd(&proc->out);
	close_fd(&proc->err);
	proc->pid = 0;

	/* Empty output is "", never NULL: tests strcmp() it as it is. */
	if (buf_reserve(&out, 0) || buf_reserve(&err, 0)) {
		free(out.data);
		free(err.data);
		return -ENOMEM;
	}
	out.data[out.len] = '\0';
	err.data[err.len] = '\0';
	res->out = out.data;
	res->out_len = out.len;
	res->err = err.data;
	res->err_len = err.len;
	res->status = reaped ? status_code(status) : -1;
	return ret;
}

int lab_runv(struct lab *lab, struct lab_result *res, const char *const argv[])
{
	struct lab_proc proc = { .in = -1, .out = -1, .err = -1 };
	int ret;

	memset(res, 0, sizeof(*res));
	res->status = -1;
	ret = lab_start(lab, argv, false, &proc);
	if (ret)
		return ret;
	return lab_collect(&proc, res, lab->timeout_ms);
}

void lab_result_free(struct lab_result *res)
{
	free(res->out);
	free(res->err);
	res->out = res->err = NULL;
	res->out_len = res->err_len = 0;
}

int lab_spawnv(struct lab *lab, struct lab_proc **procp,
	       const char *const argv[])
{
	struct lab_proc *proc = NULL;
	int i, ret;

	for (i = 0; i < LAB_MAX_PROCS; i++) {
		if (!lab->procs[i].pid) {
			proc = &lab->procs[i];
			break;
		}
	}
	if (!proc)
		return -EBUSY;
	ret = lab_start(lab, argv, true, proc);
	if (ret)
		return ret;
	*procp = proc;
	return 0;
}

int lab_read_line(struct lab_proc *proc, char *line, size_t size,
		  int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	size_t len = 0;

	/* One byte at a time: whatever follows the newline stays in the
	 * pipe for the next call or for lab_finish(). */
	for (;;) {
		struct pollfd pfd = { .fd = proc->out, .events = POLLIN };
		long long left = deadline - now_ms();
		ssize_t n;
		char c;

		if (left <= 0)
			return -ETIMEDOUT;
		if (poll(&pfd, 1, left) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (!pfd.revents)
			continue;
		n = read(proc->out, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ENODATA;
		if (c == '\n')
			break;
		if (len + 1 < size)
			line[len++] = c;
	}
	if (size)
		line[len] = '\0';
	return 0;
}

int lab_finish(struct lab *lab, struct lab_proc *proc, struct lab_result *res)
{
	return lab_collect(proc, res, lab->timeout_ms);
}

/* ---- leftovers ---- */

/* mountinfo escapes ' ', '\t', '\n' and '\\' as \ooo. */
static void unescape_octal(char *s)
{
	char *d = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '7' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d++ = (s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0');
			s += 4;
		} else {
			*d++ = *s++;
		}
	}
	*d = '\0';
}

static bool path_under(const char *path, const char *top)
{
	size_t n = strlen(top);

	while (n > 1 && top[n - 1] == '/')
		n--;
	return !strncmp(path, top, n) && (path[n] == '\0' || path[n] == '/');
}

/* The mount point: the fifth field of a mountinfo line. */
static int mountinfo_point(const char *line, char point[PATH_MAX])
{
	char field[PATH_MAX];

	if (sscanf(line, "%*s %*s %*s %*s %4095s", field) != 1)
		return -EINVAL;
	unescape_octal(field);
	strcpy(point, field);
	return 0;
}

int lab_mounts_under(const char *path)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL, point[PATH_MAX];
	size_t cap = 0;
	int count = 0;

	if (!f)
		return -errno;
	while (getline(&line, &cap, f) > 0) {
		if (!mountinfo_point(line, point) && path_under(point, path))
			count++;
	}
	free(line);
	fclose(f);
	return count;
}

int lab_mounts_mentioning(const char *text)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL;
	size_t cap = 0;
	int count = 0;

	if (!f)
		return -errno;
	while (getline(&line, &cap, f) > 0) {
		unescape_octal(line);
		if (strstr(line, text))
			count++;
	}
	free(line);
	fclose(f);
	return count;
}

int lab_dir_empty_or_absent(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int ret = 0;

	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			ret = -ENOTEMPTY;
			break;
		}
	}
	closedir(d);
	return ret;
}

int lab_count_lines(const char *buf, size_t len)
{
	int lines = 0;
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i] == '\n')
			lines++;
	if (len && buf[len - 1] != '\n')
		lines++;
	return lines;
}

const char *lab_escape(const char *s, char *buf, size_t size)
{
	size_t len = 0;

	if (!size)
		return buf;
	for (; s && *s; s++) {
		unsigned char c = *s;
		char tmp[8];
		int n;

		if (c == '\n')
			n = snprintf(tmp, sizeof(tmp), "\\n");
		else if (c == '\t')
			n = snprintf(tmp, sizeof(tmp), "\\t");
		else if (c == '\\')
			n = snprintf(tmp, sizeof(tmp), "\\\\");
		else if (c < 0x20 || c >= 0x7f)
			n = snprintf(tmp, sizeof(tmp), "\\x%02x", c);
		else
			n = snprintf(tmp, sizeof(tmp), "%c", c);
		if (len + n + 4 > size) {	/* room for "..." and NUL */
			if (size >= 4) {
				memcpy(buf + len, "...", 3);
				len += 3;
			}
			break;
		}
		memcpy(buf + len, tmp, n);
		len += n;
	}
	buf[len] = '\0';
	return buf;
}

/* ---- small files ---- */

int lab_pathf(char path[PATH_MAX], const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(path, PATH_MAX, fmt, ap);
	va_end(ap);
	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

int lab_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			close(fd);
			return n;
		}
		len += n;
	}
	close(fd);
	if (len + 1 >= size)
		return -EOVERFLOW;
	while (len && buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	return 0;
}

int lab_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t len = strlen(text);
	int ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len)
		ret = -EIO;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

bool lab_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* ---- cgroups ---- */

bool lab_cgroup_v2(void)
{
	struct statfs sfs;

	return !statfs("/sys/fs/cgroup", &sfs) &&
	       sfs.f_type == CGROUP2_SUPER_MAGIC;
}

/* Is @name one of the comma-separated @list ("cpu,cpuacct")? */
static bool list_has(const char *list, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *p = list, *end = list + len;

	while (p < end) {
		const char *comma = memchr(p, ',', end - p);
		size_t item = (comma ? comma : end) - p;

		if (item == n && !strncmp(p, name, n))
			return true;
		p += item + 1;
	}
	return false;
}

int lab_cgroup_path(const char *proc_cgroup, const char *controller,
		    char *path, size_t size)
{
	const char *line = proc_cgroup;

	/* Lines are "hierarchy-ID:controller-list:path". */
	while (line && *line) {
		const char *c1 = strchr(line, ':');
		const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		const char *nl = strchr(line, '\n');
		const char *end = nl ? nl : line + strlen(line);
		size_t len;

		if (c1 && c2 && c2 < end) {
			bool match = *controller ?
				list_has(c1 + 1, c2 - c1 - 1, controller) :
				c2 == c1 + 1 && c1 - line == 1 && line[0] == '0';

			if (match) {
				len = end - (c2 + 1);
				if (len >= size)
					return -ENAMETOOLONG;
				memcpy(path, c2 + 1, len);
				path[len] = '\0';
				return 0;
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	return -ENOENT;
}

int lab_cgroup_dir(const char *controller, const char *path,
		   char dir[PATH_MAX])
{
	int n;

	if (lab_cgroup_v2())
		n = snprintf(dir, PATH_MAX, "/sys/fs/cgroup%s", path);
	else
		n = snprintf(dir, PATH_MAX, "/sys/fs/cgroup/%s%s",
			     controller, path);
	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

/* ---- detached containers ---- */

static bool nspid_is_one(pid_t pid)
{
	char path[64], status[4096], *line;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (lab_read_file(path, status, sizeof(status)))
		return false;
	line = strstr(status, "\nNSpid:");
	if (!line)
		return false;
	line[strcspn(line + 1, "\n") + 1] = '\0';
	return strlen(line) > 2 && !strcmp(line + strlen(line) - 2, "\t1");
}

int lab_container_pid(const char *id, pid_t *pid)
{
	char rel[PATH_MAX], dir[PATH_MAX], procs[PATH_MAX], pids[4096];
	char *line, *save = NULL;

	if (lab_pathf(rel, "/mydocker/%s", id) ||
	    lab_cgroup_dir("memory", rel, dir) ||
	    lab_pathf(procs, "%s/cgroup.procs", dir))
		return -ENAMETOOLONG;
	if (lab_read_file(procs, pids, sizeof(pids)))
		return -ESRCH;
	for (line = strtok_r(pids, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (nspid_is_one(atoi(line))) {
			*pid = atoi(line);
			return 0;
		}
	}
	return -ESRCH;
}

int lab_wait_gone(pid_t pid, int timeout_ms)
{
	struct pollfd pfd = { .events = POLLIN };
	int n;

	pfd.fd = syscall(SYS_pidfd_open, pid, 0);
	if (pfd.fd < 0)
		return errno == ESRCH ? 0 : -errno;
	n = poll(&pfd, 1, timeout_ms);
	close(pfd.fd);
	return n > 0 ? 0 : -ETIMEDOUT;
}

int lab_ppid(pid_t pid, pid_t *ppid)
{
	char path[64], stat[1024], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (lab_read_file(path, stat, sizeof(stat)))
		return -ESRCH;
	p = strrchr(stat, ')');
	if (!p || sscanf(p + 1, " %*c %d", ppid) != 1)
		return -EINVAL;
	return 0;
}

/* ---- cleaning up ---- */

static void lab_stop(struct lab_proc *proc)
{
	long long deadline = now_ms() + LAB_STOP_MS;
	int status;

	/* EOF on its stdin ends most interactive containers (read x) the
	 * gentle way, which lets mydocker clean up after itself. */
	close_fd(&proc->in);
	close_fd(&proc->out);
	close_fd(&proc->err);
	while (waitpid(proc->pid, &status, WNOHANG) == 0) {
		if (now_ms() > deadline) {
			kill(-proc->pid, SIGKILL);
			kill(proc->pid, SIGKILL);
			waitpid(proc->pid, &status, 0);
			break;
		}
		usleep(10000);
	}
	proc->pid = 0;
}

/* Undo mounts a broken mydocker left in the lab, or removing the lab
 * would descend into them (a volume would lose the host's files). */
static void lab_unmount_all(const char *dir)
{
	int round;

	for (round = 0; round < 16 && lab_mounts_under(dir) > 0; round++) {
		FILE *f = fopen("/proc/self/mountinfo", "re");
		char *line = NULL, point[PATH_MAX];
		size_t cap = 0;

		if (!f)
			return;
		while (getline(&line, &cap, f) > 0) {
			if (!mountinfo_point(line, point) &&
			    path_under(point, dir))
				umount2(point, MNT_DETACH);
		}
		free(line);
		fclose(f);
	}
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

/*
 * A detached container outlives the mydocker that started it, and the
 * chapters before rm leave its cgroup behind. Every container of this lab
 * has a directory root/containers/<id> and the cgroup mydocker/<id>: kill
 * what runs in it, wait until it is empty, remove it.
 */
static void lab_reap_cgroup(const char *id)
{
	/* pids: from chapter 10 on, a v1 hierarchy of its own too. */
	static const char *const v1[] = { "memory", "cpu", "cpuset", "pids" };
	const struct timespec pause = { 0, 10 * 1000 * 1000 };
	bool v2 = lab_cgroup_v2();
	char rel[PATH_MAX], dir[PATH_MAX], procs[PATH_MAX], pids[4096];
	size_t i;
	int tries;

	for (i = 0; i < (v2 ? 1 : sizeof(v1) / sizeof(v1[0])); i++) {
		if (lab_pathf(rel, "/mydocker/%s", id) ||
		    lab_cgroup_dir(v1[i], rel, dir) ||
		    lab_pathf(procs, "%s/cgroup.procs", dir))
			continue;
		for (tries = 0; tries < 500; tries++) {
			char *line, *save = NULL;

			if (lab_read_file(procs, pids, sizeof(pids)) || !pids[0])
				break;
			for (line = strtok_r(pids, "\n", &save); line;
			     line = strtok_r(NULL, "\n", &save))
				kill(atoi(line), SIGKILL);
			nanosleep(&pause, NULL);
		}
		rmdir(dir);
	}
}

static void lab_reap_containers(struct lab *lab)
{
	char containers[PATH_MAX];
	struct dirent *entry;
	DIR *dir;

	if (lab_pathf(containers, "%s/containers", lab->root))
		return;
	dir = opendir(containers);
	if (!dir)
		return;
	while ((entry = readdir(dir)) != NULL)
		if (entry->d_name[0] != '.')
			lab_reap_cgroup(entry->d_name);
	closedir(dir);
}

void lab_destroy(struct lab *lab)
{
	int i;

	for (i = 0; i < LAB_MAX_PROCS; i++)
		if (lab->procs[i].pid)
			lab_stop(&lab->procs[i]);
	if (!lab->dir[0])
		return;
	lab_reap_containers(lab);
	lab_unmount_all(lab->dir);
	/* FTW_MOUNT: should a mount survive the above, stay off it. */
	nftw(lab->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
	lab->dir[0] = '\0';
}
