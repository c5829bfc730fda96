#!/bin/bash
# Usage: vm/mkrootfs.sh DIR
# Build the guest's root tree in DIR: Debian 12 (bookworm) from debootstrap's
# minbase variant plus Debian's cloud kernel and what the lab's binaries
# link (libjansson4). The tree is built in a temp dir next to DIR and
# renamed to DIR when complete, so DIR is never half built. Needs root and
# Debian's mirror; takes about a minute.
set -euo pipefail

dir=${1:?usage: $0 DIR}
[ "$(id -u)" -eq 0 ] || { echo "$0: debootstrap needs root (make vm as root)" >&2; exit 1; }
command -v debootstrap >/dev/null ||
	{ echo "$0: debootstrap missing (apt-get install debootstrap)" >&2; exit 1; }

# What the guest needs beyond minbase (which has bash, coreutils, GNU tar,
# util-linux's mount):
#   linux-image-cloud-amd64  the kernel for virtual machines: virtio, no
#                            hardware drivers, so a small initramfs
#   libjansson4              mydocker links it
#   procps                   ps, for a student in `make vm-shell`
packages=linux-image-cloud-amd64,libjansson4,procps

mkdir -p "$(dirname "$dir")"
tmp=$(mktemp -d "$dir.tmp.XXXXXX")
cleanup() {
	# debootstrap mounts proc and sys in the target; if it died half way
	# they are still there, and rm must not walk into them.
	grep -o " $tmp/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l || true
	rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT
root=$tmp/root

echo "vm: debootstrap --variant=minbase bookworm (log: $tmp/log)"
debootstrap --variant=minbase --include="$packages" bookworm "$root" \
	>"$tmp/log" 2>&1 || {
	tail -n 20 "$tmp/log" >&2
	echo "$0: debootstrap failed" >&2
	exit 1
}

# Debian's initramfs carries every storage driver by default (MODULES=most)
# and starts udev to load them: 6 to 8 s of a 20 s boot under TCG. The
# guest has one kind of disk: load its two drivers by name, and leave udev
# out (the kernel's devtmpfs makes /dev/vda by itself). ext4 is built in.
cat >"$root/etc/initramfs-tools/conf.d/lab" <<'EOF'
# mydocker-lab guest: a virtio disk holding an ext4 root, nothing else.
MODULES=list
RESUME=none
# zstd, Debian's default, would need one more package; the kernel unpacks
# either in about the same time.
COMPRESS=gzip
EOF
cat >>"$root/etc/initramfs-tools/modules" <<'EOF'
virtio_pci
virtio_blk
EOF
cat >"$root/etc/initramfs-tools/hooks/zz-lab-no-udev" <<'EOF'
#!/bin/sh
# mydocker-lab: no udev in the guest's initramfs (see vm/mkrootfs.sh).
# "zz": runs after the udev hook, before the boot scripts are ordered.
[ "$1" = prereqs ] && exit 0
rm -rf "$DESTDIR/scripts/init-top/udev" "$DESTDIR/scripts/init-bottom/udev" \
	"$DESTDIR/usr/lib/systemd" "$DESTDIR/usr/lib/udev" "$DESTDIR/etc/udev" \
	"$DESTDIR/usr/bin/udevadm"
EOF
chmod 0755 "$root/etc/initramfs-tools/hooks/zz-lab-no-udev"
chroot "$root" update-initramfs -u -k all >>"$tmp/log" 2>&1 || {
	tail -n 20 "$tmp/log" >&2
	echo "$0: update-initramfs failed" >&2
	exit 1
}

# apt's lists and downloaded packages, and documentation: nobody reads
# them in the guest (`apt-get update` brings the lists back).
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin \
	"$root"/var/cache/apt/archives/*.deb \
	"$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/*

echo mydocker-lab >"$root/etc/hostname"
# The init mounts what the guest needs itself; fstab stays empty.
: >"$root/etc/fstab"
# Where the init mounts the lab: a disk vm/run.sh makes for each boot.
mkdir -p "$root/lab"

mv "$root" "$tmp/done"
rm -rf --one-file-system "$dir"
mv "$tmp/done" "$dir"
echo "vm: root tree $dir ($(du -sh "$dir" | cut -f1))"
