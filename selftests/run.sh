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
#   JOBS    how many test programs run side by side (default: nproc). Each
#           test makes its own temporary roots, so programs do not meet;
#           most of a test's time is spent waiting for a container, not on
#           a CPU. JOBS=1 runs them one after the other.
#
# Prints each program's TAP output under a header line, whole and in a
# fixed order (chapter, then program) whatever order they end in, then the
# sum of their "# Totals:" lines as one last line,
# "N passed, N failed, N skipped".
# A program that crashes or prints no totals counts as one failure.
# Exits 1 if anything failed.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-$top/build}
build=$(cd "$build" 2>/dev/null && pwd) || { echo "$0: no build dir ${BUILD:-$top/build}" >&2; exit 2; }
jobs=${JOBS:-$(nproc)}
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "$0: JOBS=$jobs is not a positive number" >&2; exit 2; }

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
outdir=$(mktemp -d)
pids=()
# On ^C or a kill: end the test programs this script started (through
# their subshells, by PID), then remove their outputs.
cleanup() {
	local p

	for p in "${pids[@]}"; do
		[ -n "$p" ] && kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
	rm -rf "$outdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Add up one program's output in file $2; $1 is its exit status.
tally() {
	local rc=$1 out=$2 line p f xf xp s e

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

# The work, in the order it is printed: a header line, then either a
# program to run (bins[i], tests[i]) or a message that counts as a failure.
heads=() bins=() tests=() notes=()
for ch in "$@"; do
	ch=${ch%/}
	ch=${ch##*/}
	bin=$build/$ch/mydocker
	if [ ! -d "$top/chapters/$ch" ]; then
		heads+=("") bins+=("") tests+=("")
		notes+=("# $ch: no such chapter in chapters/: counted as 1 failed")
		continue
	fi
	if [ ! -x "$bin" ]; then
		heads+=("") bins+=("") tests+=("")
		notes+=("# $ch: no binary $bin (make CH=$ch): counted as 1 failed")
		continue
	fi
	for tch in "${chapters[@]}"; do
		[[ "$tch" > "$ch" ]] && break
		for t in "$build/selftests/$tch"/*_test; do
			[ -x "$t" ] || continue
			heads+=("# ==== $ch/mydocker: $tch/$(basename "$t") ====")
			bins+=("$bin") tests+=("$t") notes+=("")
		done
	done
done
n=${#heads[@]}

# Program i runs in a subshell that writes its output to $outdir/i and
# then its exit status to $outdir/i.rc; both are printed once it and
# every program before it have ended. (A ^C or kill ends the subshell,
# which ends its program.)
start() {
	local i=$1

	(
		MYDOCKER_BIN=${bins[i]} MYDOCKER_IMAGE=$image \
			"${reaper[@]}" "${tests[i]}" >"$outdir/$i" 2>&1 </dev/null &
		child=$!
		trap 'kill "$child" 2>/dev/null; exit 130' TERM INT
		wait "$child" 2>/dev/null
		echo $? >"$outdir/$i.rc.tmp"
		mv "$outdir/$i.rc.tmp" "$outdir/$i.rc"
	) &
	pids[i]=$!
}

next=0 shown=0 running=0
while [ "$shown" -lt "$n" ]; do
	# Count the programs that have ended; start others in their place.
	running=0
	for ((i = shown; i < next; i++)); do
		[ -z "${tests[i]}" ] || [ -e "$outdir/$i.rc" ] || running=$((running + 1))
	done
	while [ "$running" -lt "$jobs" ] && [ "$next" -lt "$n" ]; do
		if [ -n "${tests[next]}" ]; then
			start "$next"
			running=$((running + 1))
		fi
		next=$((next + 1))
	done
	# Print, in order, every entry that is done.
	while [ "$shown" -lt "$next" ]; do
		i=$shown
		if [ -z "${tests[i]}" ]; then
			echo "${notes[i]}"
			failed=$((failed + 1))
		elif [ -e "$outdir/$i.rc" ]; then
			echo "${heads[i]}"
			cat "$outdir/$i"
			tally "$(cat "$outdir/$i.rc")" "$outdir/$i"
			rm -f "$outdir/$i" "$outdir/$i.rc"
			pids[i]=""
		else
			break
		fi
		shown=$((shown + 1))
	done
	# Until one more subshell ends (at once if none is left).
	[ "$shown" -lt "$n" ] && wait -n 2>/dev/null
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
