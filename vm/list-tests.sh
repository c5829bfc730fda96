#!/bin/bash
# Usage: vm/list-tests.sh CHAPTER...
#
# The tests each CHAPTER's test programs hold, one a line:
# "CHAPTER<TAB>PROGRAM<TAB>NAME", NAME as the harness prints it in TAP
# (lab.hostname_is_container_name). The names come from the harness's
# own list of registered tests (vm/harness-list.c, built with each
# selftests/CHAPTER/PROGRAM.c in a temp dir), never from running a test,
# so fixtures and variants count, and the list does not depend on the
# code under test.
#
#   KSELFTEST_DIR  the harness headers (default: build/kselftest)
#   LIST_CACHE     a directory keeping each list, by the sha256 of what it
#                  is made from (building them costs seconds per program
#                  on a slow box): grade.sh uses $BUILD/tests-list
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
ksft=${KSELFTEST_DIR:-$top/build/kselftest}
[ -r "$ksft/kselftest_harness.h" ] || { echo "grade: no $ksft/kselftest_harness.h (make headers)" >&2; exit 2; }

if [ -n "${LIST_CACHE:-}" ]; then
	key=$( { for ch in "$@"; do echo "$ch"; cat "$top/selftests/$ch"/*_test.c 2>/dev/null; done
		cat "$top"/selftests/lib/* "$here/harness-list.c" "$ksft"/*.h; } | sha256sum | cut -c1-16)
	if [ -r "$LIST_CACHE/$key" ]; then
		cat "$LIST_CACHE/$key"
		exit 0
	fi
	mkdir -p "$LIST_CACHE"
	LIST_CACHE= "$0" "$@" >"$LIST_CACHE/$key.tmp" && mv -f "$LIST_CACHE/$key.tmp" "$LIST_CACHE/$key" &&
		cat "$LIST_CACHE/$key"
	exit
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mydocker-list.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for ch in "$@"; do
	for src in "$top/selftests/$ch"/*_test.c; do
		[ -f "$src" ] || continue
		prog=$(basename "$src" .c)
		# One translation unit: the test's source, then the lister.
		cat "$src" "$here/harness-list.c" >"$tmp/$prog.c"
		${CC:-gcc} -std=gnu11 -O0 -w -Dmain=lab_harness_main \
			-isystem "$ksft" -I"$top/selftests/lib" -iquote "$top/selftests/$ch" \
			-o "$tmp/$prog" "$tmp/$prog.c" "$top"/selftests/lib/*.c -ljansson -lm ||
			{ echo "grade: cannot build the list of $src" >&2; exit 2; }
		"$tmp/$prog" | sed "s|^|$ch	$prog	|"
	done
done
