#!/bin/bash
# Usage: vm/boot-time.sh [RUNS]              (make vm-boot-time)
#
# How long the guest takes from QEMU's start to the first TAP line of a
# test run, against the floor: the same kernel, QEMU command and kernel
# arguments with an initramfs of busybox alone whose /init prints a TAP
# line at once. RUNS boots of each (default 5), taken in turns so that the
# machine's load falls on both alike; prints each time and the medians.
# Uses vm/run.sh (VM_UNTIL_TAP, VM_INITRD) and what make vm-test needs.
set -euo pipefail

runs=${1:-5}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
busybox=$(command -v busybox) || { echo "vm: busybox missing (apt-get install busybox-static)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mydocker-boot.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The floor's initramfs: /bin/busybox and a shell script as /init.
mkdir -p "$tmp/floor/bin" "$tmp/floor/dev"
cp "$busybox" "$tmp/floor/bin/busybox"
ln -s busybox "$tmp/floor/bin/sh"
cat >"$tmp/floor/init" <<'INIT'
#!/bin/sh
/bin/busybox mount -t devtmpfs dev /dev
exec >/dev/console 2>&1
echo "vm: floor"
echo "TAP version 13"
/bin/busybox reboot -f
INIT
chmod 0755 "$tmp/floor/init"
(cd "$tmp/floor" && find . -mindepth 1 | cpio -o -H newc -R 0:0 --quiet) >"$tmp/floor.cpio"

# One boot; its time in ms on stdout.
boot() {
	local line
	line=$(VM_UNTIL_TAP=1 VM_ACCEL=${VM_ACCEL:-tcg} "$here/run.sh" "$@" 2>&1 |
		grep '^vm: .*: boot to first TAP line') || return 1
	line=${line##*line }
	line=${line% s}
	echo $((10#${line%.*} * 1000 + 10#${line#*.} * 10))
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
ms() { local s=; [ "$1" -lt 0 ] && s=- ; set -- ${1#-}; printf "%s%d.%02d s" "$s" $(($1 / 1000)) $(($1 % 1000 / 10)); }

guest=() floor=()
chapter=$(find "$here/../chapters" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | LC_ALL=C sort | head -n 1)
echo "vm: boot to the first TAP line, $runs runs each (load: $(cut -d' ' -f1-3 /proc/loadavg))"
for i in $(seq "$runs"); do
	f=$(VM_INITRD=$tmp/floor.cpio boot "$chapter") || { echo "vm: the floor did not boot" >&2; exit 1; }
	g=$(boot "$chapter") || { echo "vm: the guest did not reach a TAP line" >&2; exit 1; }
	floor+=("$f") guest+=("$g")
	echo "  run $i: guest $(ms "$g"), floor $(ms "$f")"
done
mg=$(median "${guest[@]}") mf=$(median "${floor[@]}")
echo "vm: median: guest $(ms "$mg"), floor $(ms "$mf"), difference $(ms $((mg - mf))) (load: $(cut -d' ' -f1-3 /proc/loadavg))"
