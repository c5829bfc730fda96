#!/bin/bash
# Usage: vm/grade.sh [CHAPTER...]          (make grade [CH=NN-name])
#
# Score the lab: run the selftests in the guest (vm/run.sh: each CHAPTER's
# mydocker against the tests of every chapter up to it; all chapters when
# none is named), then give each test its points from selftests/points.txt
# (vm/score.awk) and print, per chapter, every test's score and a last
# line "Score: X/Y". Writes in $GRADE_OUT (default $BUILD/grade):
#   results.json     Gradescope's autograder format
#   results-pl.json  PrairieLearn's external grader format
#   junit.xml        JUnit XML, for CI systems and test reporters
#   log.txt          the guest's whole output (at most GRADE_MAX_LOG bytes)
# Exits 0 only at full score, 1 below it, 2 when it could not score.
#
# The tests that should have run come from the harness's own list
# (vm/list-tests.sh), not from the output, so a test program that crashes
# or hangs scores 0 for each test it did not report, and the maximum is
# the same whatever the code under test does.
#
#   BUILD    the build dir (default: build)
#   POINTS   the points file (default: selftests/points.txt)
#   GRADE_LOG  score this log of an earlier run instead of booting the guest
#   GRADE_VISIBLE  patterns (CHAPTER/TEST) of the tests shown before the
#            deadline (default: all); GRADE_HIDDEN the others' visibility
#   GRADE_NOTE  a line to put first in every failing test's output
#   GRADE_MAX_LOG  bytes of guest output kept (default: 16 MB): a flood
#            beyond it stops the guest
# and vm/run.sh's VM_* variables.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD:-$top/build}
build=$(cd "$build" 2>/dev/null && pwd) || { echo "grade: no build dir ${BUILD:-$top/build}" >&2; exit 2; }
points=${POINTS:-$top/selftests/points.txt}
out=${GRADE_OUT:-$build/grade}
max_log=${GRADE_MAX_LOG:-$((16 << 20))}

mapfile -t all < <(find "$top/chapters" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | LC_ALL=C sort)
[ $# -gt 0 ] || set -- "${all[@]}"
for ch in "$@"; do
	[ -d "$top/chapters/$ch" ] || { echo "grade: $ch: no such chapter (chapters: ${all[*]})" >&2; exit 2; }
done
[ -r "$points" ] || { echo "grade: no points file $points" >&2; exit 2; }
command -v jq >/dev/null || { echo "grade: jq missing (apt-get install jq)" >&2; exit 2; }

mkdir -p "$out"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mydocker-grade.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
start=$SECONDS

# ---- the tests that should run: chapter, program, harness name ----
newest=$(printf '%s\n' "$@" | LC_ALL=C sort | tail -n 1)
upto=()
for ch in "${all[@]}"; do [[ $ch > $newest ]] || upto+=("$ch"); done
LIST_CACHE=${LIST_CACHE:-$build/tests-list} KSELFTEST_DIR=${KSELFTEST_DIR:-$build/kselftest} "$here/list-tests.sh" "${upto[@]}" >"$tmp/expected" || exit 2

# ---- run them in the guest, showing progress ----
# The guest's whole output goes to log.txt; the terminal gets one line per
# test program and per test.
if [ -n "${GRADE_LOG:-}" ]; then
	# Score a log kept from an earlier run (to try a points file).
	cp "$GRADE_LOG" "$tmp/log" && mv -f "$tmp/log" "$out/log.txt" || exit 2
	vm_status=$(sed -nE 's/^vm: tests exited with status ([0-9]+)$/\1/p' "$out/log.txt")
	vm_status=${vm_status:-125}
else
	# head: a guest that floods the console is stopped (run.sh gets
	# SIGPIPE and kills QEMU) rather than filling the disk.
	"$here/run.sh" "$@" 2>&1 | head -c "$max_log" | tee "$out/log.txt" |
		grep --line-buffered -E '^(# ====|ok |not ok |vm: (TIMEOUT|the guest|init: .*: |tcg|kvm))'
	vm_status=${PIPESTATUS[0]}
fi
case $vm_status in
0|1) vm_note= ;;
124) vm_note="the guest was stopped by the time limit before this test reported" ;;
141) vm_note="the guest printed more than $max_log bytes and was stopped" ;;
*) vm_note="the guest did not run the tests to the end (vm/run.sh status $vm_status; see log.txt)" ;;
esac
[ -n "${GRADE_NOTE:-}" ] && vm_note="${GRADE_NOTE}${vm_note:+
$vm_note}"

# ---- score: expected tests x results x points ----
awk -F'\t' -f "$here/score.awk" -v chapters="$*" -v json="$tmp/results.json" \
	-v vm_note="$vm_note" -v visible="${GRADE_VISIBLE:-}" -v hidden="${GRADE_HIDDEN:-}" \
	-v seconds=$((SECONDS - start)) \
	"$tmp/expected" "$points" "$out/log.txt" >"$tmp/table" 2>"$tmp/fails"
score_status=$?
if [ $score_status -eq 2 ]; then
	cat "$tmp/fails" >&2
	exit 2
fi

# The failures first (long), then the table ending with the score.
cat "$tmp/fails" "$tmp/table"
if ! jq . "$tmp/results.json" >"$tmp/results.pretty"; then
	echo "grade: results.json is not valid JSON (kept in $out/results.json.bad)" >&2
	cp "$tmp/results.json" "$out/results.json.bad"
	exit 2
fi
jq -f "$here/prairielearn.jq" "$tmp/results.pretty" >"$tmp/results-pl.json" &&
jq -r -f "$here/junit.jq" "$tmp/results.pretty" >"$tmp/junit.xml" || exit 2
mv -f "$tmp/results-pl.json" "$out/results-pl.json"
mv -f "$tmp/junit.xml" "$out/junit.xml"
mv -f "$tmp/results.pretty" "$out/results.json"
echo "grade: $out/results.json, results-pl.json, junit.xml, log.txt"
exit $score_status
