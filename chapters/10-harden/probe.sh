#!/bin/bash
# Usage: chapters/10-harden/probe.sh [CHAPTER[:OPTIONS]...]   (make probe CH=NN)
#
# What an attacker inside a container can do, tried with each chapter's
# mydocker (build/CHAPTER/mydocker; OPTIONS are run options, comma-
# separated: "10-harden:--privileged") and with runc and its default
# `runc spec`, on the same busybox root file system, each with a 512 MiB
# memory limit. The probes are selftests/10-harden/harden_probe, bound
# into the container; prints a Markdown table.
#
# Default: 08-env and 10-harden. Needs root, `make CH=...` and the probe
# (make build/selftests/10-harden/harden_probe). Every host setting a
# probe changes is put back: the sysctl, the file written on the disk.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BUILD:-$top/build}
probe=$build/selftests/10-harden/harden_probe
image=${MYDOCKER_IMAGE:-$build/images/busybox.tar}
[ $# -gt 0 ] || set -- 08-env 10-harden
[ -x "$probe" ] || { echo "probe.sh: no $probe (make $probe)" >&2; exit 2; }
[ -f "$image" ] || { echo "probe.sh: no image $image (make rootfs)" >&2; exit 2; }

tmp=$(mktemp -d)
sysctl=/proc/sys/kernel/printk_ratelimit_burst
burst=$(cat $sysctl)
disk=$(stat -c '%Hd:%Ld' /)
file=.mydocker-probe-$$
cleanup() {
	echo "$burst" >$sysctl
	rm -f "/$file"
	[ -d "$tmp/runc-state" ] && runc --root "$tmp/runc-state" delete -f probe-$$ 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# One column: the probe's "NAME<TAB>RESULT" lines into $tmp/$1.
after_probe() {
	echo "$burst" >$sysctl
	rm -f "/$file"
}

run_mydocker() {	# COLUMN CHAPTER OPTIONS
	local bin=$build/$2/mydocker opts
	IFS=, read -r -a opts <<<"$3"
	[ -x "$bin" ] || { echo "probe.sh: no $bin (make CH=$2)" >&2; return 1; }
	mkdir -p "$tmp/root/images"
	ln -sf "$image" "$tmp/root/images/busybox.tar"
	MYDOCKER_ROOT=$tmp/root MYDOCKER_RUN=$tmp/run "$bin" run -m 512m \
		"${opts[@]}" -v "$(dirname "$probe"):/probe" busybox \
		/probe/harden_probe all "$disk" "$file" >"$tmp/$1" 2>&1
	after_probe
}

run_runc() {		# COLUMN
	local b=$tmp/bundle
	mkdir -p "$b/rootfs/probe" "$tmp/runc-state" &&
	tar -C "$b/rootfs" -xf "$image" &&
	cp "$probe" "$b/rootfs/probe/" &&
	(cd "$b" && runc spec) || return 1
	# runc spec's defaults, with a writable root (the probes make their
	# mount points in /tmp), no terminal, the probe, and -m 512m.
	jq --arg disk "$disk" --arg file "$file" '
		.root.readonly = false | .process.terminal = false |
		.process.args = ["/probe/harden_probe", "all", $disk, $file] |
		.linux.resources.memory.limit = 536870912' \
		"$b/config.json" >"$b/config.new" && mv "$b/config.new" "$b/config.json"
	runc --root "$tmp/runc-state" run --bundle "$b" probe-$$ >"$tmp/$1" 2>&1 </dev/null
	after_probe
}

# The rows, in the order of the issue's table, and what each tries.
rows=(caps sysctl core_pattern proc_keys timer_list dmesg sysfs tmpfs disk
      release_agent memory nnp seccomp module clock reboot keyctl userns forkbomb)
declare -A what=(
	[caps]="capabilities (CapEff)"
	[sysctl]="write a host sysctl (kernel.printk_ratelimit_burst + 1)"
	[core_pattern]="open /proc/sys/kernel/core_pattern for writing"
	[proc_keys]="read /proc/keys"
	[timer_list]="read /proc/timer_list"
	[dmesg]="read the host's kernel log (syslog(2))"
	[sysfs]="mount sysfs read-write, open /sys/power/state for writing"
	[tmpfs]="mount a tmpfs"
	[disk]="mknod the host's disk, mount it, write a file on it"
	[release_agent]="mount a cgroup v1 hierarchy, open release_agent for writing"
	[memory]="raise its own memory limit (512 MiB -> 1 GiB)"
	[nnp]="no_new_privs"
	[seccomp]="seccomp mode (2: a filter)"
	[module]="load a kernel module (init_module)"
	[clock]="adjust the host's clock (clock_adjtime)"
	[reboot]="reboot(2)"
	[keyctl]="add a key to the kernel's keyrings (add_key)"
	[userns]="make a user namespace (unshare)"
	[forkbomb]="fork bomb ($(($(grep -o 'BOMB_MAX [0-9]*' "$top/selftests/10-harden/harden_probe.c" | cut -d' ' -f2))) forks at most)"
)

columns=()
for spec in "$@"; do
	ch=${spec%%:*} opts=${spec#"$ch"}
	opts=${opts#:}
	col="mydocker $ch${opts:+ ${opts//,/ }}"
	columns+=("$col")
	run_mydocker "$col" "$ch" "$opts"
done
if command -v runc >/dev/null; then
	columns+=("runc")
	run_runc runc
fi

# A cell: a value as it is, "done"/"blocked" without the details.
cell() {
	local line
	line=$(grep -P "^$2\t" "$tmp/$1" | head -n 1 | cut -f2-)
	case $line in
	"") echo "?" ;;
	done:*|blocked:*|n/a:*) echo "${line%%:*}" ;;
	*) echo "$line" ;;
	esac
}

header="| probe from inside the container |"
rule="|---|"
for c in "${columns[@]}"; do header+=" $c |"; rule+="---|"; done
echo "$header"
echo "$rule"
for r in "${rows[@]}"; do
	line="| ${what[$r]} |"
	for c in "${columns[@]}"; do line+=" $(cell "$c" "$r") |"; done
	echo "$line"
done
if [ -n "${PROBE_DETAILS:-}" ]; then
	for c in "${columns[@]}"; do echo; echo "== $c"; cat "$tmp/$c"; done
fi
