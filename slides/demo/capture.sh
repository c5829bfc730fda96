#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# capture.sh [CHAPTER...]: run each chapter's demo script (slides/demo/CH.sh)
# with the chapter's real binary, build/CH/mydocker, and write what a user
# would see into slides/demo/CH.txt, which the decks quote. Needs root, the
# binaries (make) and the busybox image (make rootfs). Every run has its own
# temporary roots; whatever the demo leaves (processes, cgroups, files) is
# removed at the end, even after a failure.
#
# In a transcript, $LAB stands for the temporary directory of the capture:
# the only change made to the output.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
demo=$top/slides/demo
image=$top/build/images/busybox.tar
[ -r "$image" ] || { echo "capture: no $image; run 'make rootfs'" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "capture: containers need root" >&2; exit 1; }

if [ $# -eq 0 ]; then
	set -- $(cd "$demo" && ls [0-9][0-9]-*.sh | sed 's/\.sh$//')
fi

LAB=
out=
# Kill what the demo left running and remove the rest. A container is
# found by its cgroup, mydocker/ID for each ID under our data root (its
# /proc/PID/root reads "/" after pivot_root: no use to find it).
cleanup() {
	[ -n "$LAB" ] && [ -d "$LAB" ] || return 0
	local id procs pids=()
	for id in $(ls "$LAB/root/containers" 2>/dev/null); do
		for procs in $(find /sys/fs/cgroup -path "*/mydocker/$id/cgroup.procs" 2>/dev/null); do
			pids+=($(cat "$procs"))
		done
	done
	if [ ${#pids[@]} -gt 0 ]; then
		kill -KILL "${pids[@]}" 2>/dev/null || true
		for _ in $(seq 50); do
			kill -0 "${pids[@]}" 2>/dev/null || break
			sleep 0.1
		done
	fi
	for id in $(ls "$LAB/root/containers" 2>/dev/null); do
		find /sys/fs/cgroup -depth -type d -path "*/mydocker/$id" \
			-exec rmdir {} \; 2>/dev/null || true
	done
	grep -F " $LAB/" /proc/self/mountinfo | awk '{print $5}' | sort -r |
		while read -r m; do umount -l "$m" || true; done || true
	rm -rf "$LAB"
	LAB=
	[ -z "$out" ] || rm -f "$out.tmp"
}

# The DSL of a demo script:
#   section NAME   what follows is quoted by "@demo CH NAME" in a deck
#   show 'LINE'    print "$ LINE", run it in bash, print its output
#   quiet 'LINE'   run it without showing it (waits, set-up)
#   setvar V 'CMD' print "$ V=$(CMD)" and set V for the lines after it
section() { printf '@@ %s\n' "$1" >> "$out.tmp"; }
show() {
	printf '$ %s\n' "$1" >> "$out.tmp"
	# sed: $LAB for the temporary directory; a last line always ends.
	(cd "$top" && bash -c "$1" 2>&1) | sed -e "s|$LAB|\$LAB|g" -e '$a\' >> "$out.tmp" || true
}
quiet() { (cd "$top" && bash -c "$1") > /dev/null 2>&1 || true; }
setvar() {
	printf '$ %s=$(%s)\n' "$1" "$2" >> "$out.tmp"
	export "$1=$(cd "$top" && bash -c "$2" 2>/dev/null)"
}

for ch in "$@"; do
	script=$demo/$ch.sh
	bin=$top/build/$ch/mydocker
	[ -r "$script" ] || { echo "capture: no $script" >&2; exit 1; }
	[ -x "$bin" ] || { echo "capture: no $bin; run 'make CH=$ch'" >&2; exit 1; }
	LAB=$(mktemp -d /tmp/lab.XXXXXX)
	out=$demo/$ch.txt
	mkdir -p "$LAB/bin" "$LAB/root/images"
	ln -s "$bin" "$LAB/bin/mydocker"
	ln -s "$image" "$LAB/root/images/busybox.tar"
	# The environment every shown line runs in, as the setup section says.
	export LAB MYDOCKER_ROOT=$LAB/root MYDOCKER_RUN=$LAB/run
	export PATH=$LAB/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
	export TIMEFORMAT='real %1Rs' TERM=xterm
	{
		echo "# captured by slides/demo/capture.sh with build/$ch/mydocker"
		echo "# sources $("$top/slides/tools/fingerprint" "$ch")"
		echo "@@ setup"
		echo '$ LAB=$(mktemp -d); export MYDOCKER_ROOT=$LAB/root MYDOCKER_RUN=$LAB/run'
		echo '$ mkdir -p $MYDOCKER_ROOT/images; ln -s $PWD/build/images/busybox.tar $MYDOCKER_ROOT/images/'
		echo "\$ PATH=\$PWD/build/$ch:\$PATH"
	} > "$out.tmp"
	echo "capture: $ch"
	# shellcheck source=/dev/null
	. "$script"
	mv "$out.tmp" "$out"
	cleanup
done
