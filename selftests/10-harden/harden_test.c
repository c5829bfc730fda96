// SPDX-License-Identifier: GPL-2.0
/*
 * Chapter 10: a container that cannot take over its host. Each test is
 * one escape tried from inside a container (harden_probe, bound in with
 * -v), first against the chapter's defaults, where it must be blocked,
 * then against --privileged, where it works as it did in chapters 00 to
 * 08: the lesson's before and after. Each also looks at the host's side:
 * the sysctl, the file on the disk, the cgroup limit. A host setting a
 * probe changes is put back by the test (and by the teardown).
 *
 * Needs root; run through selftests/run.sh, which sets MYDOCKER_BIN and
 * MYDOCKER_IMAGE. harden_probe is built beside this program.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/timex.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lab.h"
#include "lab_fixture.h"

#define IMG LAB_IMAGE
#define PROBE_BIN "/probe/harden_probe"
#define SYSCTL "/proc/sys/kernel/printk_ratelimit_burst"
#define PIDS_DEFAULT 1024
/* CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP
 * NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP */
#define DOCKER_CAPS 0xa80425fbULL
#define CAP_CHOWN_BIT (1ULL << 0)
#define CAP_SYS_ADMIN_BIT (1ULL << 21)

FIXTURE(lab) {
	LAB_FIXTURE_FIELDS;
	char volume[PATH_MAX + 16];	/* -v DIR:/probe */
	char burst[32];			/* the sysctl, to put back */
};

FIXTURE_SETUP(lab)
{
	char exe[PATH_MAX];
	ssize_t n;

	LAB_FIXTURE_SETUP();
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ASSERT_LT(0, n);
	exe[n] = '\0';
	snprintf(self->volume, sizeof(self->volume), "%s:/probe", dirname(exe));
	PATHF(exe, "%s", self->volume);
	exe[strlen(exe) - strlen(":/probe")] = '\0';
	strcat(exe, "/harden_probe");
	if (access(exe, X_OK))
		LAB_SETUP_SKIP("no %s (make builds it with the tests)", exe);
	ASSERT_EQ(0, lab_read_file(SYSCTL, self->burst, sizeof(self->burst)));
}

FIXTURE_TEARDOWN(lab)
{
	if (self->burst[0])
		lab_write_file(SYSCTL, self->burst);
	LAB_FIXTURE_TEARDOWN();
}

/* ---- running a probe ---- */

/* mydocker run [OPTIONS...] -v DIR:/probe busybox harden_probe NAME ... */
#define PROBE(...) \
	MYDOCKER("run", "-v", self->volume, IMG, PROBE_BIN, __VA_ARGS__)
#define PROBE_PRIVILEGED(...) \
	MYDOCKER("run", "--privileged", "-v", self->volume, IMG, PROBE_BIN, \
		 __VA_ARGS__)

/* The probe printed "blocked: ..." and exited 1. */
#define EXPECT_BLOCKED(what) do { \
	EXPECT_EQ(1, self->res.status) \
		TH_LOG("%s should be blocked; the probe said '%s', " STATUS_FMT, \
		       what, OUT, STATUS_ARGS); \
	EXPECT_EQ(0, strncmp(self->res.out, "blocked:", 8)) \
		TH_LOG("%s should be blocked; the probe said '%s'", what, OUT); \
} while (0)

/* It printed "done: ..." and exited 0: the escape worked. */
#define EXPECT_DONE(what) do { \
	EXPECT_EQ(0, self->res.status) \
		TH_LOG("with --privileged, %s should work as in chapter 08; the probe said '%s', " STATUS_FMT, \
		       what, OUT, STATUS_ARGS); \
	EXPECT_EQ(0, strncmp(self->res.out, "done:", 5)) \
		TH_LOG("with --privileged, %s should work as in chapter 08; the probe said '%s'", \
		       what, OUT); \
} while (0)

/* A value probe (caps, nnp, seccomp): its output as a number. */
static unsigned long long value_of(struct __test_metadata *_metadata,
				   FIXTURE_DATA(lab) *self, int base)
{
	char *end;
	unsigned long long v;

	EXPECT_EQ(0, self->res.status)
		TH_LOG("the probe should print a value: " STATUS_FMT, STATUS_ARGS);
	v = strtoull(self->res.out, &end, base);
	EXPECT_TRUE(end != self->res.out && *end == '\n')
		TH_LOG("expected a number, the probe printed '%s'", OUT);
	return v;
}

/* A hexadecimal field of our own /proc/self/status (CapBnd, CapEff). */
static unsigned long long own_status(const char *key)
{
	char status[8192], *line;

	if (lab_read_file("/proc/self/status", status, sizeof(status)))
		return 0;
	line = strstr(status, key);
	return line ? strtoull(line + strlen(key), NULL, 16) : 0;
}

/* ---- capabilities ---- */

TEST_F(lab, caps_are_dockers_default)
{
	unsigned long long want = DOCKER_CAPS & own_status("CapBnd:");

	PROBE("caps");
	EXPECT_EQ(want, value_of(_metadata, self, 16))
		TH_LOG("the command's CapEff should be Docker's 14 capabilities (%llx), not root's all: it is '%s'",
		       want, OUT);
	/* The bounding set too: what any later exec could gain. */
	MYDOCKER("run", IMG, "grep", "CapBnd:", "/proc/self/status");
	EXPECT_EQ(want, strtoull(self->res.out + strlen("CapBnd:"), NULL, 16))
		TH_LOG("the command's bounding set should be Docker's 14 capabilities (%llx): '%s'",
		       want, OUT);
}

TEST_F(lab, caps_privileged_are_all)
{
	unsigned long long want = own_status("CapEff:");

	PROBE_PRIVILEGED("caps");
	EXPECT_EQ(want, value_of(_metadata, self, 16))
		TH_LOG("--privileged should keep every capability mydocker has (%llx): CapEff is '%s'",
		       want, OUT);
}

TEST_F(lab, cap_add_and_drop_as_docker_spells_them)
{
	unsigned long long want = (DOCKER_CAPS | CAP_SYS_ADMIN_BIT) &
				  ~CAP_CHOWN_BIT & own_status("CapBnd:");

	MYDOCKER("run", "--cap-add", "SYS_ADMIN", "--cap-drop", "cap_chown",
		 "-v", self->volume, IMG, PROBE_BIN, "caps");
	EXPECT_EQ(want, value_of(_metadata, self, 16))
		TH_LOG("--cap-add SYS_ADMIN --cap-drop cap_chown: CapEff should be %llx, it is '%s'",
		       want, OUT);
}

TEST_F(lab, cap_drop_all_leaves_none)
{
	MYDOCKER("run", "--cap-drop", "ALL", "-v", self->volume, IMG,
		 PROBE_BIN, "caps");
	EXPECT_EQ(0, value_of(_metadata, self, 16))
		TH_LOG("--cap-drop ALL: CapEff should be 0, it is '%s'", OUT);
}

TEST_F(lab, cap_unknown_rejected)
{
	MYDOCKER("run", "--cap-add", "SYS_EVERYTHING", IMG, "true");
	EXPECT_ERROR(125, "run --cap-add SYS_EVERYTHING");
	EXPECT_NE(NULL, strstr(self->res.err, "SYS_EVERYTHING"))
		TH_LOG("the error should name the capability: '%s'", ERR);
}

/* ---- /proc/sys and the host's sysctls ---- */

TEST_F(lab, sysctl_write_blocked)
{
	char now[32];

	PROBE("sysctl");
	EXPECT_BLOCKED("writing kernel.printk_ratelimit_burst through /proc/sys");
	ASSERT_EQ(0, lab_read_file(SYSCTL, now, sizeof(now)));
	EXPECT_STREQ(self->burst, now)
		TH_LOG("the host's kernel.printk_ratelimit_burst changed from %s to %s",
		       self->burst, now);
}

TEST_F(lab, sysctl_write_privileged)
{
	char now[32];

	PROBE_PRIVILEGED("sysctl");
	EXPECT_DONE("writing kernel.printk_ratelimit_burst");
	ASSERT_EQ(0, lab_read_file(SYSCTL, now, sizeof(now)));
	EXPECT_EQ(atoi(self->burst) + 1, atoi(now))
		TH_LOG("the probe wrote %d; the host's value is %s", atoi(self->burst) + 1, now);
}

TEST_F(lab, core_pattern_not_writable)
{
	char before[256], after[256];

	ASSERT_EQ(0, lab_read_file("/proc/sys/kernel/core_pattern", before,
				   sizeof(before)));
	PROBE("core_pattern");
	EXPECT_BLOCKED("opening /proc/sys/kernel/core_pattern for writing");
	ASSERT_EQ(0, lab_read_file("/proc/sys/kernel/core_pattern", after,
				   sizeof(after)));
	EXPECT_STREQ(before, after);
	PROBE_PRIVILEGED("core_pattern");
	EXPECT_DONE("opening /proc/sys/kernel/core_pattern for writing");
}

/* ---- masked files ---- */

TEST_F(lab, proc_keys_masked)
{
	PROBE("proc_keys");
	EXPECT_BLOCKED("reading /proc/keys (the whole machine's keys)");
	PROBE_PRIVILEGED("proc_keys");
	EXPECT_DONE("reading /proc/keys");
}

TEST_F(lab, timer_list_masked)
{
	PROBE("timer_list");
	EXPECT_BLOCKED("reading /proc/timer_list");
	PROBE_PRIVILEGED("timer_list");
	EXPECT_DONE("reading /proc/timer_list");
}

TEST_F(lab, kernel_log_blocked)
{
	PROBE("dmesg");
	EXPECT_BLOCKED("reading the host's kernel log (syslog(2))");
	PROBE_PRIVILEGED("dmesg");
	EXPECT_DONE("reading the host's kernel log");
}

TEST_F(lab, masks_in_mountinfo)
{
	static const char *const want[] = {
		" /proc/keys ", " /proc/timer_list ", " /proc/sys ro,",
		" /sys ro,", " /sys/firmware ro,",
	};
	size_t i;

	MYDOCKER("run", IMG, "cat", "/proc/self/mountinfo");
	ASSERT_EQ(0, self->res.status) TH_LOG(STATUS_FMT, STATUS_ARGS);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *mount = want[i];

		EXPECT_NE(NULL, strstr(self->res.out, mount))
			TH_LOG("the container's mountinfo should have a mount '%s' (masked or read-only): '%s'",
			       mount, OUT);
	}
}

/* ---- /sys, mounts, the disk ---- */

TEST_F(lab, sysfs_read_only)
{
	PROBE("sysfs");
	EXPECT_BLOCKED("mounting sysfs read-write, or opening /sys/power/state for writing");
	PROBE_PRIVILEGED("sysfs");
	EXPECT_DONE("mounting sysfs read-write and opening /sys/power/state");
}

TEST_F(lab, tmpfs_mount_blocked)
{
	PROBE("tmpfs");
	EXPECT_BLOCKED("mounting a tmpfs");
	PROBE_PRIVILEGED("tmpfs");
	EXPECT_DONE("mounting a tmpfs");
}

/* The disk of the host's /: its device number and a file name on it. */
static void host_disk(struct __test_metadata *_metadata, char *majmin,
		      size_t size, char *file, size_t fsize)
{
	struct stat st;

	ASSERT_EQ(0, stat("/", &st));
	if (major(st.st_dev) == 0)
		SKIP(return, "the host's / is not on a block device");
	if (access("/", W_OK))
		SKIP(return, "the host's / is read-only");
	snprintf(majmin, size, "%u:%u", major(st.st_dev), minor(st.st_dev));
	snprintf(file, fsize, ".mydocker-probe-%d", getpid());
}

TEST_F(lab, host_disk_blocked)
{
	char majmin[32], file[64] = "", path[128];

	host_disk(_metadata, majmin, sizeof(majmin), file, sizeof(file));
	if (!file[0])
		return;
	snprintf(path, sizeof(path), "/%s", file);
	PROBE("disk", majmin, file);
	EXPECT_BLOCKED("making the host disk's node and mounting it");
	EXPECT_EQ(NULL, strstr(self->res.out, "opened it"))
		TH_LOG("the node of the host's disk should not open (the container's / is nodev): '%s'",
		       OUT);
	EXPECT_FALSE(lab_exists(path))
		TH_LOG("the probe wrote %s on the host's disk", path);
	unlink(path);
}

TEST_F(lab, host_disk_privileged)
{
	char majmin[32], file[64] = "", path[128];

	host_disk(_metadata, majmin, sizeof(majmin), file, sizeof(file));
	if (!file[0])
		return;
	snprintf(path, sizeof(path), "/%s", file);
	PROBE_PRIVILEGED("disk", majmin, file);
	EXPECT_DONE("mounting the host's disk");
	EXPECT_TRUE(lab_exists(path))
		TH_LOG("the probe said it wrote %s on the host's disk: '%s'", path, OUT);
	unlink(path);
}

/* ---- cgroups ---- */

TEST_F(lab, release_agent_blocked)
{
	const char *agent = "/sys/fs/cgroup/memory/release_agent";
	char before[256] = "", after[256] = "";

	lab_read_file(agent, before, sizeof(before));
	PROBE("release_agent");
	EXPECT_BLOCKED("mounting a cgroup v1 hierarchy to reach release_agent");
	PROBE_PRIVILEGED("release_agent");
	EXPECT_DONE("mounting a cgroup v1 hierarchy, opening release_agent");
	lab_read_file(agent, after, sizeof(after));
	EXPECT_STREQ(before, after) TH_LOG("%s changed", agent);
}

/* The only container of the lab: its ID, from root/containers/. */
static void only_container(struct __test_metadata *_metadata,
			   FIXTURE_DATA(lab) *self, char *id, size_t size)
{
	char dir[PATH_MAX];
	struct dirent *e;
	DIR *d;

	id[0] = '\0';
	PATHF(dir, "%s/containers", self->lab.root);
	d = opendir(dir);
	ASSERT_NE(NULL, d) TH_LOG("no %s while the container runs", dir);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			snprintf(id, size, "%s", e->d_name);
	closedir(d);
	ASSERT_NE(0, id[0]) TH_LOG("no container in %s", dir);
}

/* A cgroup file of the running container, as the host sees it. */
static void host_cgroup_file(struct __test_metadata *_metadata,
			     FIXTURE_DATA(lab) *self, const char *controller,
			     const char *file, char *value, size_t size)
{
	char id[NAME_MAX + 1], rel[PATH_MAX], dir[PATH_MAX], path[PATH_MAX];
	int ret;

	only_container(_metadata, self, id, sizeof(id));
	PATHF(rel, "/mydocker/%s", id);
	ASSERT_EQ(0, lab_cgroup_dir(controller, rel, dir));
	PATHF(path, "%s/%s", dir, file);
	ret = lab_read_file(path, value, size);
	ASSERT_EQ(0, ret) TH_LOG("read %s: %s", path, strerror(-ret));
}

/*
 * Start "mydocker ARGV" (a "sh -c '...; read x'" with -i), read the first
 * line it prints into @line: the caller then looks at the host while
 * the container still runs, and ends it with finish().
 */
static struct lab_proc *while_running(struct __test_metadata *_metadata,
				      FIXTURE_DATA(lab) *self,
				      const char *const argv[], char *line,
				      size_t size)
{
	struct lab_proc *proc = NULL;
	int ret;

	ret = lab_spawnv(&self->lab, &proc, argv);
	EXPECT_EQ(0, ret) TH_LOG("cannot start mydocker: %s", strerror(-ret));
	if (ret)
		return NULL;
	ret = lab_read_line(proc, line, size, self->lab.timeout_ms);
	EXPECT_EQ(0, ret) TH_LOG("the container printed no line: %s", strerror(-ret));
	return proc;
}

/* The line that "read x" waits for; then the container's end. */
static void finish(struct __test_metadata *_metadata, FIXTURE_DATA(lab) *self,
		   struct lab_proc *proc)
{
	ASSERT_NE(NULL, proc);
	ASSERT_EQ(1, write(proc->in, "\n", 1));
	ASSERT_EQ(0, lab_finish(&self->lab, proc, &self->res));
	EXPECT_EQ(0, self->res.status) TH_LOG(STATUS_FMT, STATUS_ARGS);
}

static const char *memory_file(void)
{
	return lab_cgroup_v2() ? "memory.max" : "memory.limit_in_bytes";
}

TEST_F(lab, memory_limit_kept)
{
	char line[512], value[64];
	struct lab_proc *proc;

	proc = while_running(_metadata, self, (const char *const[]){
		"run", "-i", "-m", "64m", "-v", self->volume, IMG, "sh", "-c",
		PROBE_BIN " memory; read x", NULL }, line, sizeof(line));
	EXPECT_EQ(0, strncmp(line, "blocked:", 8))
		TH_LOG("raising its own memory limit should be blocked; the probe said '%s'",
		       line);
	host_cgroup_file(_metadata, self, "memory", memory_file(), value,
			 sizeof(value));
	EXPECT_EQ(64ULL << 20, strtoull(value, NULL, 10))
		TH_LOG("the host's memory limit of the container should still be -m 64m: %s", value);
	finish(_metadata, self, proc);
}

TEST_F(lab, memory_limit_raised_privileged)
{
	char line[512], value[64];
	struct lab_proc *proc;

	proc = while_running(_metadata, self, (const char *const[]){
		"run", "-i", "--privileged", "-m", "64m", "-v", self->volume,
		IMG, "sh", "-c", PROBE_BIN " memory; read x", NULL },
		line, sizeof(line));
	EXPECT_EQ(0, strncmp(line, "done:", 5))
		TH_LOG("with --privileged the container can raise its memory limit, as in chapter 08; the probe said '%s'",
		       line);
	host_cgroup_file(_metadata, self, "memory", memory_file(), value,
			 sizeof(value));
	EXPECT_EQ(1ULL << 30, strtoull(value, NULL, 10))
		TH_LOG("the host's memory limit of the container: %s", value);
	finish(_metadata, self, proc);
}

TEST_F(lab, own_cgroup_visible_read_only)
{
	const char *file = lab_cgroup_v2() ? "/sys/fs/cgroup/memory.max" :
				"/sys/fs/cgroup/memory/memory.limit_in_bytes";
	char script[256];

	snprintf(script, sizeof(script), "cat %s; echo 1 > %s", file, file);
	MYDOCKER("run", "-m", "64m", IMG, "sh", "-c", script);
	EXPECT_EQ(0, strncmp(self->res.out, "67108864\n", 9))
		TH_LOG("%s inside should be the container's own limit, 67108864: '%s'",
		       file, OUT);
	EXPECT_NE(0, self->res.status)
		TH_LOG("writing %s inside should fail: " STATUS_FMT, file, STATUS_ARGS);
	EXPECT_NE(NULL, strstr(self->res.err, "Read-only"))
		TH_LOG("writing %s: expected 'Read-only file system', stderr '%s'",
		       file, ERR);
}

TEST_F(lab, cgroupns_private)
{
	char *line;

	MYDOCKER("run", "--cgroupns", "private", IMG, "cat", "/proc/self/cgroup");
	ASSERT_EQ(0, self->res.status) TH_LOG(STATUS_FMT, STATUS_ARGS);
	for (line = self->res.out; *line; line = strchr(line, '\n') + 1) {
		size_t n = strcspn(line, "\n");

		EXPECT_TRUE(n >= 2 && !strncmp(line + n - 2, ":/", 2))
			TH_LOG("in a cgroup namespace every line of /proc/self/cgroup ends in ':/': '%s'",
			       OUT);
		if (!line[n])
			break;
	}
}

/* ---- no_new_privs and seccomp ---- */

TEST_F(lab, no_new_privs_set)
{
	PROBE("nnp");
	EXPECT_EQ(1, value_of(_metadata, self, 10))
		TH_LOG("NoNewPrivs in /proc/self/status should be 1: '%s'", OUT);
	PROBE_PRIVILEGED("nnp");
	EXPECT_EQ(0, value_of(_metadata, self, 10))
		TH_LOG("--privileged: NoNewPrivs should be 0, as in chapter 08: '%s'", OUT);
}

TEST_F(lab, seccomp_filter_on)
{
	PROBE("seccomp");
	EXPECT_EQ(2, value_of(_metadata, self, 10))
		TH_LOG("Seccomp in /proc/self/status should be 2 (a filter): '%s'", OUT);
	PROBE_PRIVILEGED("seccomp");
	EXPECT_EQ(0, value_of(_metadata, self, 10))
		TH_LOG("--privileged: no filter, as in chapter 08: '%s'", OUT);
}

TEST_F(lab, seccomp_unconfined)
{
	MYDOCKER("run", "--security-opt", "seccomp=unconfined", "-v",
		 self->volume, IMG, PROBE_BIN, "seccomp");
	EXPECT_EQ(0, value_of(_metadata, self, 10))
		TH_LOG("--security-opt seccomp=unconfined: Seccomp should be 0: '%s'", OUT);
	/* add_key needs no capability: only the filter refused it. */
	MYDOCKER("run", "--security-opt", "seccomp=unconfined", "-v",
		 self->volume, IMG, PROBE_BIN, "keyctl");
	EXPECT_EQ(0, strncmp(self->res.out, "done:", 5))
		TH_LOG("without the filter, add_key works again: '%s'", OUT);
}

TEST_F(lab, security_opt_unknown_rejected)
{
	MYDOCKER("run", "--security-opt", "apparmor=unconfined", IMG, "true");
	EXPECT_ERROR(125, "run --security-opt apparmor=unconfined");
}

/*
 * Keep only the first field of each line of /proc/modules: the names.
 * A module's use count changes with every overlay mount the tests make.
 */
static void module_names(char *buf)
{
	char *in = buf, *out = buf;

	while (*in) {
		size_t name = strcspn(in, " \n");
		char *eol = strchr(in, '\n');

		memmove(out, in, name);
		out += name;
		*out++ = '\n';
		if (!eol)
			break;
		in = eol + 1;
	}
	*out = '\0';
}

TEST_F(lab, module_load_blocked)
{
	char before[1 << 14] = "", after[1 << 14] = "";

	lab_read_file("/proc/modules", before, sizeof(before));
	PROBE("module");
	EXPECT_BLOCKED("loading a kernel module");
	PROBE_PRIVILEGED("module");
	if (self->res.status == 3)	/* "n/a": a kernel without modules */
		TH_LOG("this kernel has no modules: %s", OUT);
	else
		EXPECT_DONE("reaching the module loader");
	lab_read_file("/proc/modules", after, sizeof(after));
	module_names(before);
	module_names(after);
	EXPECT_STREQ(before, after) TH_LOG("the host's modules changed");
}

TEST_F(lab, clock_blocked)
{
	struct timex before = { .modes = 0 }, after = { .modes = 0 };

	ASSERT_LE(0, adjtimex(&before));
	PROBE("clock");
	EXPECT_BLOCKED("adjusting the host's clock");
	PROBE_PRIVILEGED("clock");
	EXPECT_DONE("adjusting the host's clock");
	ASSERT_LE(0, adjtimex(&after));
	EXPECT_EQ(before.freq, after.freq)
		TH_LOG("the host clock's frequency changed");
}

TEST_F(lab, reboot_blocked)
{
	char before[16], after[16];

	ASSERT_EQ(0, lab_read_file("/proc/sys/kernel/ctrl-alt-del", before,
				   sizeof(before)));
	PROBE("reboot");
	EXPECT_BLOCKED("reboot(2)");
	PROBE_PRIVILEGED("reboot");
	EXPECT_DONE("reboot(2), which in a PID namespace would end the container");
	ASSERT_EQ(0, lab_read_file("/proc/sys/kernel/ctrl-alt-del", after,
				   sizeof(after)));
	EXPECT_STREQ(before, after);
}

/* Keys named mydocker-probe in the host's /proc/keys (dead ones linger
 * until the kernel's key collector runs). */
static int probe_keys(void)
{
	static char keys[1 << 18];
	const char *p = keys;
	int n = 0;

	keys[0] = '\0';
	lab_read_file("/proc/keys", keys, sizeof(keys));
	while ((p = strstr(p, "mydocker-probe"))) {
		n++;
		p++;
	}
	return n;
}

TEST_F(lab, keyctl_blocked)
{
	int before = probe_keys();

	PROBE("keyctl");
	EXPECT_BLOCKED("adding a key to the kernel's keyrings");
	EXPECT_GE(before, probe_keys())
		TH_LOG("the host's /proc/keys has a new key named mydocker-probe");
	PROBE_PRIVILEGED("keyctl");
	EXPECT_DONE("adding a key");
}

TEST_F(lab, user_namespace_blocked)
{
	PROBE("userns");
	EXPECT_BLOCKED("making a user namespace");
	PROBE_PRIVILEGED("userns");
	EXPECT_DONE("making a user namespace");
}

/* ---- the pids limit ---- */

/*
 * A fork bomb in "mydocker run -i [@option [@value]] ...": it must stop
 * before @limit processes, and the host's pids.max say @limit meanwhile.
 */
static void bomb(struct __test_metadata *_metadata, FIXTURE_DATA(lab) *self,
		 const char *option, const char *value, long limit)
{
	const char *argv[16] = { "run", "-i" };
	char line[512], max[32];
	struct lab_proc *proc;
	const char *n;
	size_t i = 2;

	if (option)
		argv[i++] = option;
	if (value)
		argv[i++] = value;
	argv[i++] = "-v";
	argv[i++] = self->volume;
	argv[i++] = IMG;
	argv[i++] = "sh";
	argv[i++] = "-c";
	argv[i++] = PROBE_BIN " forkbomb; read x";
	proc = while_running(_metadata, self, argv, line, sizeof(line));
	EXPECT_EQ(0, strncmp(line, "blocked:", 8))
		TH_LOG("a fork bomb should stop at the pids limit; the probe said '%s'",
		       line);
	n = strstr(line, "after ");
	ASSERT_NE(NULL, n) TH_LOG("'%s'", line);
	EXPECT_GT(limit, atol(n + 6))
		TH_LOG("it stopped after %ld processes, over the limit %ld", atol(n + 6), limit);
	host_cgroup_file(_metadata, self, "pids", "pids.max", max, sizeof(max));
	EXPECT_EQ(limit, atol(max)) TH_LOG("the host's pids.max is %s", max);
	finish(_metadata, self, proc);
}

/*
 * A thousand forks take a second here and up to a minute in an emulated
 * guest (QEMU's TCG): these two have more time than the harness's 30 s.
 */
#define BOMB_TIMEOUT_S 120

TEST_F_TIMEOUT(lab, fork_bomb_stopped, BOMB_TIMEOUT_S)
{
	self->lab.timeout_ms = (BOMB_TIMEOUT_S - 10) * 1000;
	bomb(_metadata, self, NULL, NULL, PIDS_DEFAULT);
}

TEST_F_TIMEOUT(lab, fork_bomb_stopped_privileged, BOMB_TIMEOUT_S)
{
	/* The pids limit is not a privilege: Docker keeps it too. */
	self->lab.timeout_ms = (BOMB_TIMEOUT_S - 10) * 1000;
	bomb(_metadata, self, "--privileged", NULL, PIDS_DEFAULT);
}

TEST_F(lab, pids_limit_option)
{
	bomb(_metadata, self, "--pids-limit", "50", 50);
}

TEST_F(lab, pids_limit_unlimited)
{
	const char *file = lab_cgroup_v2() ? "/sys/fs/cgroup/pids.max" :
					     "/sys/fs/cgroup/pids/pids.max";

	MYDOCKER("run", "--pids-limit", "-1", IMG, "cat", file);
	EXPECT_STREQ("max\n", self->res.out)
		TH_LOG("--pids-limit -1: %s should say max: '%s'", file, OUT);
}

TEST_F(lab, pids_limit_rejected)
{
	MYDOCKER("run", "--pids-limit", "many", IMG, "true");
	EXPECT_ERROR(125, "run --pids-limit many");
}

/* ---- exec is not the way out ---- */

/* "box", detached, with @option ("--privileged" or a harmless one). */
static void start(struct __test_metadata *_metadata, FIXTURE_DATA(lab) *self,
		  const char *option, pid_t *pid)
{
	char id[64];
	size_t len;

	MYDOCKER("run", "-d", "--name", "box", option, "-v", self->volume, IMG,
		 "sleep", "30");
	ASSERT_EQ(0, self->res.status) TH_LOG(STATUS_FMT, STATUS_ARGS);
	len = strcspn(self->res.out, "\n");
	ASSERT_TRUE(len > 0 && len < sizeof(id));
	snprintf(id, sizeof(id), "%.*s", (int)len, self->res.out);
	ASSERT_EQ(0, lab_container_pid(id, pid));
}

/* A field of /proc/@pid/status, as text. */
static void status_of(pid_t pid, const char *key, char *value, size_t size)
{
	char path[64], status[8192], *line;

	value[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (lab_read_file(path, status, sizeof(status)))
		return;
	line = strstr(status, key);
	if (line) {
		line += strlen(key) + strspn(line + strlen(key), " \t");
		snprintf(value, size, "%.*s", (int)strcspn(line, "\n"), line);
	}
}

static void expect_exec_like_pid1(struct __test_metadata *_metadata,
				  FIXTURE_DATA(lab) *self, pid_t pid)
{
	static const char *const probes[][2] = {
		{ "caps", "CapEff:" }, { "nnp", "NoNewPrivs:" },
		{ "seccomp", "Seccomp:" },
	};
	char want[64], got[64];
	size_t i;

	for (i = 0; i < 3; i++) {
		status_of(pid, probes[i][1], want, sizeof(want));
		MYDOCKER("exec", "box", PROBE_BIN, probes[i][0]);
		snprintf(got, sizeof(got), "%.*s",
			 (int)strcspn(self->res.out, "\n"), self->res.out);
		EXPECT_STREQ(want, got)
			TH_LOG("exec'd %s should be PID 1's %s", probes[i][0],
			       probes[i][1]);
	}
}

TEST_F(lab, exec_gets_pid1_security)
{
	pid_t pid;

	start(_metadata, self, "--cgroupns=host", &pid);
	expect_exec_like_pid1(_metadata, self, pid);
	MYDOCKER("exec", "box", PROBE_BIN, "keyctl");
	EXPECT_BLOCKED("add_key from an exec'd command");
	MYDOCKER("exec", "box", PROBE_BIN, "tmpfs");
	EXPECT_BLOCKED("a mount from an exec'd command");
	MYDOCKER("rm", "-f", "box");
}

TEST_F(lab, exec_privileged_like_pid1)
{
	pid_t pid;

	start(_metadata, self, "--privileged", &pid);
	expect_exec_like_pid1(_metadata, self, pid);
	MYDOCKER("exec", "box", PROBE_BIN, "tmpfs");
	EXPECT_DONE("a mount from an exec'd command");
	MYDOCKER("rm", "-f", "box");
}

TEST_HARNESS_MAIN
