#!/bin/bash
# Usage: debian.sh OUT.tar
# Build a Debian 12 (bookworm) image with debootstrap's minbase variant
# (essential + apt, ~150 MB) and tar it like busybox.sh does. Takes a minute
# or so and needs the Debian mirror.
set -euo pipefail

out=${1:?usage: $0 OUT.tar}
[ "$(id -u)" -eq 0 ] || { echo "$0: debootstrap needs root" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "$0: debootstrap missing (scripts/deps.sh)" >&2; exit 1; }

tmp=$(mktemp -d)
mkdir -p "$(dirname "$out")"
part=$(mktemp "$out.XXXXXX")   # next to OUT, so the final mv is a rename
cleanup() {
	# debootstrap mounts proc/sys in the target; if it died half way they
	# are still there, and rm must not walk into them.
	grep -o " $tmp/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l || true
	rm -rf --one-file-system "$tmp" "$part"
}
trap cleanup EXIT

debootstrap --variant=minbase bookworm "$tmp/root" >"$tmp/log" 2>&1 || {
	tail -n 20 "$tmp/log" >&2
	echo "$0: debootstrap failed" >&2
	exit 1
}

# apt's package lists and caches are ~80 MB of the ~200: drop them as
# Debian's docker images do (`apt-get update` brings them back).
rm -rf "$tmp"/root/var/lib/apt/lists/* "$tmp"/root/var/cache/apt/*.bin

# Same options as busybox.sh except the owners: a Debian tree has files that
# must keep their group (e.g. /etc/shadow root:shadow, /var/mail root:mail),
# so owners are kept, as numbers. The tree is not reproducible anyway (dpkg
# logs, generated files carry the build time).
tar -C "$tmp/root" --sort=name --numeric-owner --mtime=@0 -cf "$part" .

# bookworm has merged /usr: ./bin is a symlink to usr/bin, so the files
# themselves are ./usr/bin/sh and ./usr/bin/true.
members=$(tar -tf "$part")
for f in sh true; do
	grep -qxE "\./(usr/)?bin/$f" <<<"$members" || { echo "$0: /bin/$f missing from image" >&2; exit 1; }
done

chmod 0644 "$part"    # mktemp made it 0600
mv -f "$part" "$out"
echo "debian image: $out ($(du -h "$out" | cut -f1))"
