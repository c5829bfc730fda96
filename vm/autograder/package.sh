#!/bin/bash
# Usage: vm/autograder/package.sh CONF OUTDIR        (make autograder)
#
# OUTDIR/gradescope.zip for the assignment CONF (assignment.conf):
#   setup.sh, run_autograder   what Gradescope runs (see each)
#   assignment.conf            CONF
#   lab/                       the handout of CONF's chapter
#                              (scripts/handout), with the kselftest
#                              headers in lab/build/kselftest, so that
#                              setup.sh needs no linux-source
# OUTDIR/gradescope/ is the same tree unpacked.
set -euo pipefail

conf=${1:?usage: $0 CONF OUTDIR}
out=${2:?usage: $0 CONF OUTDIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
ch=$(sed -nE 's/^[[:space:]]*chapter[[:space:]]*=[[:space:]]*([^[:space:]]+).*/\1/p' "$conf" | tail -n 1)
[ -n "$ch" ] || { echo "autograder: $conf names no chapter" >&2; exit 1; }
[ -r "$top/build/kselftest/kselftest_harness.h" ] || { echo "autograder: no build/kselftest (make headers)" >&2; exit 1; }
command -v zip >/dev/null || { echo "autograder: zip missing (apt-get install zip)" >&2; exit 1; }

pkg=$out/gradescope
rm -rf "$pkg" "$out/gradescope.zip"
mkdir -p "$pkg"
"$top/scripts/handout" "$ch" "$pkg/lab" >/dev/null
mkdir -p "$pkg/lab/build"
cp -a "$top/build/kselftest" "$pkg/lab/build/"
install -m 0755 "$here/setup.sh" "$here/run_autograder" "$pkg/"
install -m 0644 "$conf" "$pkg/assignment.conf"
(cd "$pkg" && zip -q -r -X ../gradescope.zip .)
echo "autograder: $out/gradescope.zip ($(du -h "$out/gradescope.zip" | cut -f1)): chapter $ch, $conf"
