#!/bin/bash
# Usage: vm/autograder/class-test.sh PACKAGE OUTDIR [JOBS]   (make grade-class-test)
#
# make grade-class on a class of six: the cases of cases.sh (the solution
# as a tarball, the others as trees), graded by class.sh into OUTDIR with
# the assignment's time limit (the hang waits for it), then summary.csv checked: the solution at
# full score, the handout and the cheat alike and below it, the other
# three at 0; report.html present with a row per student. A second run
# must grade nothing again. Ends with "N passed, N failed, 0 skipped".
set -uo pipefail

pkg=$(cd "${1:?usage: $0 PACKAGE OUTDIR [JOBS]}" && pwd) || exit 2
out=${2:?usage: $0 PACKAGE OUTDIR [JOBS]}
jobs=${3:-2}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ch=$(sed -nE 's/^[[:space:]]*chapter[[:space:]]*=[[:space:]]*([^[:space:]]+).*/\1/p' "$pkg/assignment.conf")
rm -rf "$out"
mkdir -p "$out/submissions"
for c in solution handout nocompile hang cheat flood; do
	"$here/cases.sh" "$c" "$out/submissions/$c" "$pkg/lab" "$ch" || exit 2
done
tar -C "$out/submissions/solution" -czf "$out/submissions/solution.tar.gz" . &&
rm -rf "$out/submissions/solution"

passed=0 failed=0
check() { if eval "$2"; then echo "ok: $1"; passed=$((passed + 1)); else echo "FAILED: $1"; failed=$((failed + 1)); fi; }
CLASS_OUT=$out/grades "$here/class.sh" "$pkg" "$out/submissions" "$jobs"
csv=$out/grades/summary.csv
col() { awk -F, -v s="\"$1\"" -v c="$2" '$1 == s { print $c }' "$csv"; }
max=$(col solution 3)
check "summary.csv has 6 students" '[ "$(grep -c . "$csv")" = 7 ]'
check "solution: full score ($(col solution 2)/$max)" '[ -n "$max" ] && [ "$(col solution 2)" = "$max" ]'
check "handout: below full ($(col handout 2))" '[ "$(col handout 2)" -lt "$max" ]'
check "cheat: the handout's score ($(col cheat 2))" '[ "$(col cheat 2)" = "$(col handout 2)" ]'
for c in nocompile hang flood; do
	check "$c: 0 ($(col $c 2))" '[ "$(col $c 2)" = 0 ]'
done
check "report.html: a row per student" '[ "$(grep -o "<tr><td>" "$out/grades/report.html" | wc -l)" = 6 ]'
again=$(CLASS_OUT=$out/grades "$here/class.sh" "$pkg" "$out/submissions" "$jobs" | grep -c 'graded already')
check "a second run grades nothing again ($again of 6 kept)" '[ "$again" = 6 ]'
echo "$passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
