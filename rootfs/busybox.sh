#!/bin/bash
# Usage: busybox.sh OUT.tar
# Build the lab's default image: a tiny root made of Debian's static busybox,
# tarred reproducibly (same bytes on every machine with the same busybox).
set -euo pipefail

out=${1:?usage: $0 OUT.tar}
bb=/bin/busybox            # from busybox-static: no shared libraries needed
[ -x "$bb" ] || { echo "$0: $bb missing (apt-get install busybox-static)" >&2; exit 1; }

umask 022
tmp=$(mktemp -d)
mkdir -p "$(dirname "$out")"
part=$(mktemp "$out.XXXXXX")   # next to OUT, so the final mv is a rename
trap 'rm -rf "$tmp" "$part"' EXIT
root=$tmp/root

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,proc,sys,dev}
chmod 1777 "$root/tmp"
chmod 0700 "$root/root"
cp "$bb" "$root/bin/busybox"

# --list-full prints each applet's usual path (bin/sh, usr/bin/awk, ...).
# Links are relative so they resolve inside the container's root as well as
# in this temp tree.
while read -r app; do   # read, not for: names like "[" must not be globbed
	[ "$app" = bin/busybox ] && continue     # the binary itself, already there
	case $app in              # climb back to the root from the link's dir
	*/*/*) ln -s ../../bin/busybox "$root/$app" ;;   # usr/bin/awk
	bin/*) ln -s busybox "$root/$app" ;;             # bin/sh
	*/*)   ln -s ../bin/busybox "$root/$app" ;;      # sbin/init
	*)     ln -s bin/busybox "$root/$app" ;;         # linuxrc
	esac
done < <("$bb" --list-full)

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP
cat > "$root/etc/hosts" <<'HOSTS'
127.0.0.1	localhost
::1	localhost
HOSTS

# Sorted members, root owner, epoch timestamps: the tar depends only on the
# tree's content. Members are ./bin/sh etc.
tar -C "$root" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 \
	-cf "$part" .

members=$(tar -tf "$part")
for f in ./bin/sh ./bin/true; do
	grep -qxF "$f" <<<"$members" || { echo "$0: $f missing from image" >&2; exit 1; }
done

chmod 0644 "$part"    # mktemp made it 0600
mv -f "$part" "$out"
echo "busybox image: $out ($(wc -l <<<"$members") entries)"
