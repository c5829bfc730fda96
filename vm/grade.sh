#!/bin/bash
# Usage: vm/grade.sh [CHAPTER...]          (make grade [CH=NN-name])
#
# Score the lab: run the selftests in the guest (vm/run.sh: each CHAPTER's
# mydocker against the tests of every chapter up to it; all chapters when
# none is named), then give each test its points from selftests/points.txt
# and print, per chapter, every test's score and a last line
# "Score: X/Y". Writes $BUILD/grade/results.json in Gradescope's
# autograder format and $BUILD/grade/log.txt, the guest's whole output.
# Exits 0 only at full score.
#
# The tests that should have run are read from the sources
# (selftests/CHAPTER/*_test.c), not from the output, so a test program
# that crashes or hangs scores 0 for each test it did not report, and the
# maximum is the same whatever the code under test does.
#
#   BUILD    the build dir (default: build)
#   POINTS   the points file (default: selftests/points.txt)
#   GRADE_LOG  score this log of an earlier run instead of booting the guest
# and vm/run.sh's VM_* variables.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD:-$top/build}
build=$(cd "$build" 2>/dev/null && pwd) || { echo "grade: no build dir ${BUILD:-$top/build}" >&2; exit 2; }
points=${POINTS:-$top/selftests/points.txt}
out=$build/grade

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

# ---- the tests that should run: chapter, program, harness name ----
# TEST_F(lab, foo) is "lab.foo" in the TAP output, TEST(foo) "global.foo".
for ch in "${all[@]}"; do
	for src in "$top/selftests/$ch"/*_test.c; do
		[ -f "$src" ] || continue
		prog=$(basename "$src" .c)
		if grep -q 'FIXTURE_VARIANT_ADD' "$src"; then
			echo "grade: $src has fixture variants, which grade.sh does not count" >&2
			exit 2
		fi
		sed -nE \
		    -e 's/^[[:space:]]*TEST_F(_SIGNAL|_TIMEOUT)?\([[:space:]]*([A-Za-z0-9_]+)[[:space:]]*,[[:space:]]*([A-Za-z0-9_]+).*/\2.\3/p' \
		    -e 's/^[[:space:]]*TEST(_SIGNAL|_TIMEOUT)?\([[:space:]]*([A-Za-z0-9_]+).*/global.\2/p' \
		    "$src" | sed "s|^|$ch	$prog	|"
	done
done >"$tmp/expected"

# ---- run them in the guest, showing progress ----
# The guest's whole output goes to log.txt; the terminal gets one line per
# test program and per test.
if [ -n "${GRADE_LOG:-}" ]; then
	# Score a log kept from an earlier run (to try a points file).
	cp "$GRADE_LOG" "$tmp/log" && mv -f "$tmp/log" "$out/log.txt" || exit 2
	vm_status=$(sed -nE 's/^vm: tests exited with status ([0-9]+)$/\1/p' "$out/log.txt")
	vm_status=${vm_status:-125}
else
	"$here/run.sh" "$@" 2>&1 | tee "$out/log.txt" |
		grep --line-buffered -E '^(# ====|ok |not ok |vm: (TIMEOUT|the guest|init: .*: |tcg|kvm))'
	vm_status=${PIPESTATUS[0]}
fi
case $vm_status in
0|1) vm_note= ;;
124) vm_note="the guest was stopped by the time limit before this test reported" ;;
*) vm_note="the guest did not run the tests to the end (vm/run.sh status $vm_status; see $out/log.txt)" ;;
esac

# ---- score: expected tests x results x points ----
# awk reads the expected list, the points file, then the log, and writes
# the table on stdout and Gradescope's JSON to results.json.
awk -v chapters="$*" -v json="$tmp/results.json" -v vm_note="$vm_note" \
    -v points_file="$points" -F'\t' '
function jstr(s) {
	gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s)
	gsub(/\t/, "\\t", s); gsub(/\r/, "", s); gsub(/\n/, "\\n", s)
	gsub(/[\001-\037]/, "", s)
	return "\"" s "\""
}
# A points pattern (shell glob: * ?) as an anchored regular expression.
function glob_re(g,    re, i, c) {
	re = "^"
	for (i = 1; i <= length(g); i++) {
		c = substr(g, i, 1)
		if (c == "*") re = re ".*"
		else if (c == "?") re = re "."
		else if (index("\\^$.[]|()+{}", c)) re = re "\\" c
		else re = re c
	}
	return re "$"
}
function points_of(id,    i) {
	for (i = 1; i <= npat; i++)
		if (id ~ pat_re[i]) { pat_used[i] = 1; return pat_pts[i] }
	return 1
}
FILENAME == ARGV[1] {                   # expected: chapter, program, name
	nexp++; exp_ch[nexp] = $1; exp_prog[nexp] = $2; exp_name[nexp] = $3
	next
}
FILENAME == ARGV[2] {                   # points: CHAPTER/TEST POINTS
	line = $0; sub(/#.*/, "", line)
	sub(/^[ \t]+/, "", line); sub(/[ \t]+$/, "", line)
	if (line == "") next
	n = split(line, w, /[ \t]+/)
	if (n != 2 || w[2] !~ /^[0-9]+$/ || w[1] !~ /\//) {
		printf "grade: %s:%d: want \"CHAPTER/TEST POINTS\", got \"%s\"\n", points_file, FNR, $0 > "/dev/stderr"
		bad = 1; next
	}
	npat++; pat_re[npat] = glob_re(w[1]); pat_pts[npat] = w[2]
	pat_text[npat] = w[1]; pat_line[npat] = FNR
	next
}
# The log. A section per test program: "# ==== BIN/mydocker: CH/PROG ===="
/^# ==== [^ ]+\/mydocker: [^ ]+ ====$/ {
	bin = $0; sub(/^# ==== /, "", bin); sub(/\/mydocker: .*/, "", bin)
	tp = $0; sub(/^.*\/mydocker: /, "", tp); sub(/ ====$/, "", tp)
	sect = bin SUBSEP tp; intest = 0
	next
}
# run.sh about a chapter it could not test: "# 08-env: no binary ..."
/^# [0-9][0-9]-[^ ]*: / && !intest {
	c = $0; sub(/^# /, "", c); sub(/:.*/, "", c)
	bin_note[c] = bin_note[c] "\n" $0
	next
}
/^#  RUN  / { intest = 1; buf = $0 "\n"; next }
/^(not )?ok [0-9]+ / && sect != "" {
	line = $0; st = "passed"
	if (line ~ /^not ok/) { st = "failed"; sub(/^not ok [0-9]+ /, "", line) }
	else sub(/^ok [0-9]+ /, "", line)
	name = line; sub(/ .*/, "", name)
	if (line ~ /# SKIP/) st = "skipped"
	res[sect, name] = st; res_out[sect, name] = buf $0
	intest = 0; buf = ""
	next
}
intest { buf = buf $0 "\n"; next }
# What a program printed outside its tests (a crash, the verdict of run.sh),
# less the bookkeeping of the harness: shown for tests without a result.
sect != "" && !/^(TAP version|1\.\.[0-9]|# (Starting|PASSED|FAILED|Totals))/ {
	sect_note[sect] = sect_note[sect] "\n" $0
}
END {
	if (bad) exit 2
	nch = split(chapters, chs, " ")
	total = 0; max = 0; ntests = 0; nfail = 0
	printf "{\"tests\": [" > json
	for (c = 1; c <= nch; c++) {
		b = chs[c]; cs = 0; cm = 0; prev = ""
		printf "\n== %s: build/%s/mydocker, tests of chapters up to %s ==\n", b, b, b
		for (i = 1; i <= nexp; i++) {
			if (exp_ch[i] > b) continue
			tp = exp_ch[i] "/" exp_prog[i]
			if (tp != prev) { printf "  %s\n", tp; prev = tp }
			pts = points_of(exp_ch[i] "/" exp_name[i])
			key = b SUBSEP tp SUBSEP exp_name[i]
			st = (key in res) ? res[key] : "missing"
			got = (st == "passed") ? pts : 0
			if (st == "passed") o = res_out[key]
			else if (st == "missing") {
				o = "no result: the test program did not report this test." \
				    sect_note[b, tp] bin_note[b]
				if (vm_note != "") o = o "\n" vm_note
			} else o = res_out[key]
			if (st != "passed") {
				nfail++
				fails = fails sprintf("\n---- %s: %s %s (%s) ----\n%s\n", b, tp, exp_name[i], st, o)
			}
			label = (st == "passed") ? "PASS" : (st == "skipped") ? "SKIP" : (st == "missing") ? "NONE" : "FAIL"
			printf "    %s %3d/%-3d %s\n", label, got, pts, exp_name[i]
			cs += got; cm += pts
			printf "%s\n  {\"name\": %s, \"score\": %d, \"max_score\": %d, \"status\": %s, \"output\": %s}", \
				(ntests++ ? "," : ""), jstr(b ": " exp_ch[i] "/" exp_name[i]), got, pts, \
				jstr(st == "passed" ? "passed" : "failed"), jstr(o) > json
		}
		printf "  %s: %d/%d\n", b, cs, cm
		sum_out = sum_out sprintf("%s: %d/%d\n", b, cs, cm)
		total += cs; max += cm
	}
	for (i = 1; i <= npat; i++)
		if (!pat_used[i])
			printf "grade: %s:%d: \"%s\" matches no test that ran\n", points_file, pat_line[i], pat_text[i] > "/dev/stderr"
	if (fails != "")
		printf "\nFailed tests (%d), with what they printed:%s", nfail, fails > "/dev/stderr"
	printf "\n],\n\"score\": %d,\n\"output\": %s}\n", total, jstr(sum_out sprintf("Score: %d/%d\n", total, max)) > json
	printf "\nScore: %d/%d\n", total, max
	exit (total == max && max > 0) ? 0 : 1
}' "$tmp/expected" "$points" "$out/log.txt" >"$tmp/table" 2>"$tmp/fails"
score_status=$?
if [ $score_status -eq 2 ]; then
	cat "$tmp/fails" >&2
	exit 2
fi

# The failures first (long), then the table ending with the score.
cat "$tmp/fails" "$tmp/table"
if ! jq . "$tmp/results.json" >"$out/results.json.tmp"; then
	echo "grade: results.json is not valid JSON (kept in $out/results.json.bad)" >&2
	cp "$tmp/results.json" "$out/results.json.bad"
	exit 2
fi
mv -f "$out/results.json.tmp" "$out/results.json"
echo "grade: $out/results.json, $out/log.txt"
exit $score_status
