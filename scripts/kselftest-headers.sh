#!/bin/bash
# Usage: kselftest-headers.sh OUTDIR
# Copy the kernel's kselftest harness headers out of Debian's linux-source
# tarball into OUTDIR (flat). Does nothing when they are already newer than
# the tarball.
set -euo pipefail

out=${1:?usage: $0 OUTDIR}
tarball=/usr/src/linux-source-6.1.tar.xz
prefix=linux-source-6.1/tools/testing/selftests
headers=(kselftest_harness.h kselftest.h)

[ -r "$tarball" ] || { echo "$0: $tarball missing (apt-get install linux-source-6.1)" >&2; exit 1; }

uptodate=1
for h in "${headers[@]}"; do
	[ "$out/$h" -nt "$tarball" ] || uptodate=0
done
[ $uptodate = 1 ] && exit 0

mkdir -p "$out"
# The temp dir lives inside OUTDIR so the final mv is a rename on one
# filesystem: a reader never sees a half-written header.
tmp=$(mktemp -d "$out/.kselftest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --touch: stamp the files with the extraction time, not the kernel's, so the
# "newer than the tarball" check above holds next time.
# --occurrence: stop reading once both members are found (the tarball is
# 138 MB of xz; this still takes ~10 s, since they sit near its end).
tar -xJf "$tarball" -C "$tmp" --touch --occurrence \
	"${headers[@]/#/$prefix/}"

for h in "${headers[@]}"; do
	mv -f "$tmp/$prefix/$h" "$out/$h"
done
echo "kselftest-headers: ${headers[*]} -> $out"
