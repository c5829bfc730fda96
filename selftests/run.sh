#!/bin/bash
# Usage: selftests/run.sh [CHAPTER...]      (e.g. selftests/run.sh 00-run 01-detach)
#
# For each CHAPTER N (default: all of chapters/), run the test programs of
# every chapter up to N against N's binary: a later chapter must still do
# everything an earlier one did. Chapters are the directories of chapters/
# in sorted order.
#
#   BUILD   the build directory (default: build, next to this script's dir)
#           test programs: $BUILD/selftests/<chapter>/*_test
#           binaries:      $BUILD/<chapter>/mydocker
#           image:         $BUILD/images/busybox.tar, unless MYDOCKER_IMAGE
#                          names another
#   REAP_NOW  a reap-now binary (selftests/tools/reap-now.c): run each test
#           program under it, a subreaper that collects orphans at once
#           (make test REAP=now sets it)
#
# Prints each program's TAP output under a header line, then the sum of
# their "# Totals:" lines as one last line, "N passed, N failed, N skipped".
# A program that crashes or prints no totals counts as one failure.
# Exits 1 if anything failed.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-$top/build}
build=$(cd "$build" 2>/dev/null && pwd) || { echo "$0: no build dir ${BUILD:-$top/build}" >&2; exit 2; }

mapfile -t chapters < <(find "$top/chapters" -mindepth 1 -maxdepth 1 -type d \
	-printf '%f\n' | LC_ALL=C sort)
[ $# -gt 0 ] || set -- "${chapters[@]}"

image=${MYDOCKER_IMAGE:-$build/images/busybox.tar}
reaper=()
if [ -n "${REAP_NOW:-}" ]; then
	[ -x "$REAP_NOW" ] || { echo "$0: REAP_NOW=$REAP_NOW is not executable" >&2; exit 2; }
	reaper=("$REAP_NOW")
	echo "# every test program runs under $REAP_NOW (orphans reaped at once)"
fi

passed=0 failed=0 skipped=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Add up one program's output in $out; $1 is its exit status.
tally() {
	local rc=$1 line p f xf xp s e

	line=$(grep -E '^# Totals: pass:[0-9]+ fail:[0-9]+ xfail:[0-9]+ xpass:[0-9]+ skip:[0-9]+ error:[0-9]+' "$out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "# no '# Totals:' line (exit status $rc): counted as 1 failed"
		failed=$((failed + 1))
		return
	fi
	read -r p f xf xp s e < <(sed -E 's/^# Totals: pass:([0-9]+) fail:([0-9]+) xfail:([0-9]+) xpass:([0-9]+) skip:([0-9]+) error:([0-9]+).*/\1 \2 \3 \4 \5 \6/' <<<"$line")
	# An expected failure is a pass; an unexpected pass or an error
	# is a failure.
	passed=$((passed + p + xf))
	failed=$((failed + f + xp + e))
	skipped=$((skipped + s))
	# Totals printed, then killed or a non-zero exit with nothing failed:
	# something went wrong that the counts do not show.
	if [ "$rc" -ne 0 ] && [ $((f + xp + e)) -eq 0 ]; then
		echo "# exit status $rc with no failed test: counted as 1 failed"
		failed=$((failed + 1))
	fi
}

for ch in "$@"; do
	ch=${ch%/}
	ch=${ch##*/}
	bin=$build/$ch/mydocker
	if [ ! -d "$top/chapters/$ch" ]; then
		echo "# $ch: no such chapter in chapters/: counted as 1 failed"
		failed=$((failed + 1))
		continue
	fi
	if [ ! -x "$bin" ]; then
		echo "# $ch: no binary $bin (make CH=$ch): counted as 1 failed"
		failed=$((failed + 1))
		continue
	fi
	for tch in "${chapters[@]}"; do
		[[ "$tch" > "$ch" ]] && break
		for t in "$build/selftests/$tch"/*_test; do
			[ -x "$t" ] || continue
			echo "# ==== $ch/mydocker: $tch/$(basename "$t") ===="
			# tee: show a slow program's progress as it goes.
			MYDOCKER_BIN=$bin MYDOCKER_IMAGE=$image \
				"${reaper[@]}" "$t" 2>&1 | tee "$out"
			tally "${PIPESTATUS[0]}"
		done
	done
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
