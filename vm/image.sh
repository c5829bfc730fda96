#!/bin/bash
# Usage: vm/image.sh DIR            (make vm: DIR is build/vm)
#
# Make the guest's boot files in DIR, rebuilding only what its inputs
# changed:
#   DIR/rootfs/      the Debian tree (vm/mkrootfs.sh; about a minute)
#   DIR/disk.img     that tree plus the lab's init, as an ext4 image made by
#                    mke2fs -d: no loop mount (a few seconds)
#   DIR/vmlinuz, DIR/initrd.img   Debian's cloud kernel and its initramfs,
#                    readable by anyone, for qemu -kernel/-initrd
#
# Inputs are compared by content (sha256), not by date: a fresh clone's
# dates say nothing. Building needs root; once built, the files are only
# read, so vm/run.sh runs as any user. Prints nothing when up to date.
set -euo pipefail

dir=${1:?usage: $0 DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

rootfs_key=$(cat "$here/mkrootfs.sh" | sha256sum | cut -c1-16)
image_key=$(cat "$here/mkrootfs.sh" "$here/init.c" "$here/image.sh" | sha256sum | cut -c1-16)

key_is() { [ -r "$1" ] && [ "$(cat "$1")" = "$2" ]; }

if key_is "$dir/image.key" "$image_key" &&
   [ -r "$dir/disk.img" ] && [ -r "$dir/vmlinuz" ] && [ -r "$dir/initrd.img" ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	if [ -e "$dir/image.key" ]; then
		echo "vm: the guest image in $dir is older than vm/ (changed since it was built);" >&2
	else
		echo "vm: no guest image in $dir;" >&2
	fi
	echo "vm: build it once as root: make vm" >&2
	exit 1
fi

mkdir -p "$dir"
if ! key_is "$dir/rootfs.key" "$rootfs_key" || [ ! -d "$dir/rootfs" ]; then
	rm -f "$dir/rootfs.key" "$dir/image.key"
	"$here/mkrootfs.sh" "$dir/rootfs"
	echo "$rootfs_key" >"$dir/rootfs.key"
fi

root=$dir/rootfs
rm -f "$dir/image.key"
# The init, static: nothing to load on each boot (each shared library
# costs under TCG), and it runs on whatever the guest's libc is.
${CC:-gcc} -std=gnu11 -Wall -Wextra -Werror -O2 -static \
	-o "$root/sbin/lab-init" "$here/init.c"

# The kernel and initramfs the tree's packages installed (/vmlinuz and
# /initrd.img are Debian's links to the newest). Debian makes vmlinuz 0600;
# the copies are for anyone's qemu.
install -m 0644 "$root/$(readlink "$root/vmlinuz" | sed 's|^/||')" "$dir/vmlinuz.tmp"
install -m 0644 "$root/$(readlink "$root/initrd.img" | sed 's|^/||')" "$dir/initrd.img.tmp"

# The tree's size plus room for the guest's own writes (they go to the
# throw-away snapshot, but the file system must have the free blocks).
size_mb=$(( $(du -sm "$root" | cut -f1) * 5 / 4 + 256 ))
part=$(mktemp "$dir/disk.img.XXXXXX")
trap 'rm -f "$part" "$dir/vmlinuz.tmp" "$dir/initrd.img.tmp"' EXIT
# -d: fill the file system from the tree, keeping owners and modes; no
# mount needed. -E root_owner: / belongs to root. -L: a name for people.
mke2fs -q -t ext4 -L lab-root -E root_owner=0:0 -d "$root" "$part" "${size_mb}M"
chmod 0644 "$part"

mv -f "$part" "$dir/disk.img"
mv -f "$dir/vmlinuz.tmp" "$dir/vmlinuz"
mv -f "$dir/initrd.img.tmp" "$dir/initrd.img"
echo "$image_key" >"$dir/image.key"
echo "vm: guest image $dir/disk.img ($(du -h --apparent-size "$dir/disk.img" | cut -f1)," \
	"$(du -h "$dir/disk.img" | cut -f1) used), kernel $(basename "$(readlink "$root/vmlinuz")")"
