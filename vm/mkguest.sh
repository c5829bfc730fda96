#!/bin/bash
# Usage: vm/mkguest.sh DIR
#
# Assemble the guest from Debian 12's packages, without root, without a
# chroot and without running any package's scripts: download the .debs
# with a private apt (its lists and cache under DIR/apt), unpack each one
# with dpkg-deb into a tree, keep what the guest runs, and pack that tree
# as the kernel's initramfs. There is no disk image: the guest lives in
# memory, and QEMU starts Debian's cloud kernel with -kernel/-initrd.
#
#   DIR/vmlinuz     Debian's linux-image-cloud-amd64 kernel, as shipped
#   DIR/guest.cpio  the guest's files (newc, uncompressed: the kernel
#                   unpacks it faster than it would decompress it)
#   DIR/guest.txt   what is in it: packages and versions
#
# Why not debootstrap (--variant=fakechroot) or mmdebstrap: both make a
# whole Debian system (about 250 MB, a minute and a half here) of which
# the guest runs four programs; and their tree would still need packing.
# The guest runs bash (selftests/run.sh; bash-static: under QEMU's TCG the
# dynamic loader's work at each start is what costs), find, GNU tar (mydocker's image
# and commit steps), busybox for the rest, mydocker's libraries, and the
# overlay module. The files are owned by root in the archive (cpio -R),
# whoever builds it.
set -euo pipefail

dir=${1:?usage: $0 DIR}
mkdir -p "$dir" && dir=$(cd "$dir" && pwd)	# apt wants absolute paths
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mirror=${VM_MIRROR:-http://deb.debian.org/debian}
security=${VM_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
keyring=${VM_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}

for c in apt-get:apt dpkg-deb:dpkg cpio:cpio readelf:binutils; do
	command -v "${c%:*}" >/dev/null ||
		{ echo "vm: ${c%:*} missing (apt-get install ${c#*:}, or make deps as root)" >&2; exit 1; }
done
[ -r "$keyring" ] || { echo "vm: $keyring missing (apt-get install debian-archive-keyring)" >&2; exit 1; }

# The packages whose files the guest keeps, and which of their files.
# The kernel's own package is found from the metapackage below.
packages=(libc6 libjansson4 libseccomp2 bash-static busybox-static tar libacl1
	  libselinux1 libpcre2-8-0 findutils strace libunwind8 liblzma5)
# The libraries the lab's binaries link (the Makefile's LDLIBS), beyond
# what the guest's programs need.
libs=(ld-linux-x86-64.so.2 libjansson.so.4 libseccomp.so.2 libm.so.6)
# The modules the guest loads (vm/init.c), with what they depend on.
modules=(overlay)

mkdir -p "$dir/apt/etc/apt.conf.d" "$dir/apt/etc/preferences.d" \
	 "$dir/apt/etc/sources.list.d" "$dir/apt/state/lists/partial" \
	 "$dir/apt/cache/archives/partial" "$dir/debs"
: >"$dir/apt/state/status"
cat >"$dir/apt/etc/sources.list" <<EOF
deb [signed-by=$keyring] $mirror bookworm main
deb [signed-by=$keyring] $mirror bookworm-updates main
deb [signed-by=$keyring] $security bookworm-security main
EOF
# A private apt: none of the host's configuration, lists or dpkg state,
# so the same packages come whatever the host is, and no root is needed.
apt_opts=(-o "Dir::Etc=$dir/apt/etc" -o "Dir::Etc::main=/dev/null"
	  -o "Dir::State=$dir/apt/state" -o "Dir::State::status=$dir/apt/state/status"
	  -o "Dir::Cache=$dir/apt/cache" -o "APT::Architecture=amd64"
	  -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)"
	  -o "Acquire::Languages=none" -q)

tmp=$(mktemp -d "$dir/guest.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Lists older than a day are fetched again (security updates).
if [ -z "$(find "$dir/apt/state/lists" -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null | head -n 1)" ]; then
	echo "vm: apt-get update (bookworm, bookworm-updates, bookworm-security)"
	apt-get "${apt_opts[@]}" update >"$tmp/apt.log" 2>&1 ||
		{ tail -n 20 "$tmp/apt.log" >&2; echo "vm: apt-get update failed" >&2; exit 1; }
fi
kernel=$(apt-cache "${apt_opts[@]}" depends linux-image-cloud-amd64 |
	 sed -nE 's/^ +Depends: (linux-image-[0-9].*-cloud-amd64)$/\1/p' | head -n 1)
[ -n "$kernel" ] || { echo "vm: cannot resolve linux-image-cloud-amd64 to a kernel package" >&2; exit 1; }
packages+=("$kernel")

# Download what is not in DIR/debs yet (apt-get download keeps the
# archive's file names, PACKAGE_VERSION_ARCH.deb).
want=()
for p in "${packages[@]}"; do
	v=$(apt-cache "${apt_opts[@]}" policy "$p" | sed -nE 's/^ +Candidate: (.*)$/\1/p')
	[ -n "$v" ] && [ "$v" != "(none)" ] || { echo "vm: package $p not found in bookworm" >&2; exit 1; }
	f="${p}_${v//:/%3a}_"
	ls "$dir/debs/$f"*.deb >/dev/null 2>&1 || want+=("$p=$v")
	echo "$p $v"
done >"$tmp/guest.txt"
if [ ${#want[@]} -gt 0 ]; then
	echo "vm: apt-get download ${want[*]}"
	(cd "$dir/debs" && apt-get "${apt_opts[@]}" download "${want[@]}") >"$tmp/apt.log" 2>&1 ||
		{ tail -n 20 "$tmp/apt.log" >&2; echo "vm: apt-get download failed" >&2; exit 1; }
fi

# ---- unpack: every package into one tree, merged /usr as in Debian 12 ----
full=$tmp/full
mkdir -p "$full"/usr/{bin,sbin,lib,lib64}
for d in bin sbin lib lib64; do ln -s "usr/$d" "$full/$d"; done
while read -r p v; do
	deb=$(ls "$dir/debs/${p}_${v//:/%3a}_"*.deb | head -n 1)
	dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$full" ||
		{ echo "vm: cannot unpack $deb" >&2; exit 1; }
done <"$tmp/guest.txt"
release=$(ls "$full/lib/modules" | head -n 1)
[ -r "$full/boot/vmlinuz-$release" ] || { echo "vm: no kernel in $kernel" >&2; exit 1; }

# ---- keep: the programs, their libraries, the modules ----
root=$tmp/root
mkdir -p "$root"/usr/{bin,sbin,lib/x86_64-linux-gnu,lib64} "$root"/{dev,proc,sys,run,tmp,lab,root,etc} \
	 "$root"/var/lib/mydocker "$root"/usr/local/bin
for d in bin sbin lib lib64; do ln -s "usr/$d" "$root/$d"; done
chmod 1777 "$root/tmp"
# strace: the tests that kill mydocker at a chosen system call use it.
cp -a "$full/usr/bin/tar" "$full/usr/bin/find" "$full/usr/bin/busybox" \
      "$full/usr/bin/strace" "$root/usr/bin/"
cp -a "$full/usr/bin/bash-static" "$root/usr/bin/bash"
cp -a "$full/usr/lib64/ld-linux-x86-64.so.2" "$root/usr/lib64/"
# The libraries: those named above and what each program or library
# needs (readelf's NEEDED), followed to the end; links as in Debian.
needed() { readelf -d "$1" 2>/dev/null | sed -nE 's/.*\(NEEDED\).*\[(.*)\]$/\1/p'; }
add_lib() {
	local f=$full/usr/lib/x86_64-linux-gnu/$1 dep
	[ -e "$root/usr/lib/x86_64-linux-gnu/$1" ] && return 0
	[ -e "$f" ] || { echo "vm: $2 needs $1, which no package of the guest has" >&2; return 1; }
	cp -a "$f" "$root/usr/lib/x86_64-linux-gnu/"
	[ -L "$f" ] && cp -a "$(dirname "$f")/$(readlink "$f")" "$root/usr/lib/x86_64-linux-gnu/"
	for dep in $(needed "$f"); do add_lib "$dep" "$1" || return; done
}
for l in "${libs[@]}"; do add_lib "$l" "the lab" || exit 1; done
for f in "$root"/usr/bin/*; do
	for l in $(needed "$f"); do add_lib "$l" "${f#"$root"}" || exit 1; done
done
# busybox for everything else (sh, cp, mkdir, sort, grep, sed, ps, ...),
# as links that never shadow a real program.
for a in $("$root/usr/bin/busybox" --list); do
	[ -e "$root/usr/bin/$a" ] || [ -e "$root/usr/sbin/$a" ] || ln -s busybox "$root/usr/bin/$a"
done
# No modprobe: vm/init.c loads the modules itself, before the tests.
rm -f "$root/usr/bin/modprobe" "$root/usr/bin/insmod"

# The modules: each wanted one and, from its .modinfo "depends=", what it
# needs; modules.dep written for vm/init.c's loader (no depmod needed).
moddir=lib/modules/$release
mkdir -p "$root/usr/$moddir"
: >"$root/usr/$moddir/modules.dep"
add_module() {
	local name=$1 path deps d list=
	path=$(cd "$full/usr/$moddir" && find kernel -name "$name.ko" | head -n 1)
	[ -n "$path" ] || { echo "vm: module $name not in $kernel" >&2; return 1; }
	grep -q "^$path:" "$root/usr/$moddir/modules.dep" && return 0
	deps=$(readelf -p .modinfo "$full/usr/$moddir/$path" | sed -nE 's/.*depends=(.*)$/\1/p' | tr ',' ' ')
	for d in $deps; do
		add_module "${d//-/_}" || return
		list+=" $(cd "$full/usr/$moddir" && find kernel -name "$d.ko" -o -name "${d//_/-}.ko" | head -n 1)"
	done
	mkdir -p "$root/usr/$moddir/$(dirname "$path")"
	cp "$full/usr/$moddir/$path" "$root/usr/$moddir/$path"
	echo "$path:$list" >>"$root/usr/$moddir/modules.dep"
}
for m in "${modules[@]}"; do add_module "$m"; done

echo mydocker-lab >"$root/etc/hostname"
echo "root:x:0:0:root:/root:/bin/bash" >"$root/etc/passwd"
echo "root:x:0:" >"$root/etc/group"
printf 'PS1='\''\\u@\\h:\\w\\$ '\''\n' >"$root/etc/profile"
# The init: static, so that nothing is loaded before it runs.
${CC:-gcc} -std=gnu11 -Wall -Wextra -Werror -O2 -static -o "$root/init" "$here/init.c"

(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$tmp/guest.cpio"
install -m 0644 "$full/boot/vmlinuz-$release" "$tmp/vmlinuz"
mv -f "$tmp/guest.cpio" "$dir/guest.cpio"
mv -f "$tmp/vmlinuz" "$dir/vmlinuz"
mv -f "$tmp/guest.txt" "$dir/guest.txt"
echo "vm: guest $dir/guest.cpio ($(du -h --apparent-size "$dir/guest.cpio" | cut -f1)), kernel $release"
