#!/bin/bash
# Usage: vm/autograder/class.sh PACKAGE SUBMISSIONS [JOBS]   (make grade-class)
#
# Grade a class: every entry of SUBMISSIONS (a directory or a tarball per
# student, named for the student) with grade-one.sh against PACKAGE (the
# unpacked autograder, build/autograder/gradescope), JOBS at a time, each
# in its own throw-away guest. Resumable: a submission whose content and
# assignment have not changed since it was graded is not graded again.
# Writes, in $CLASS_OUT (default: build/grade-class):
#   STUDENT/results.json ...   grade-one.sh's files, and input.sha
#   summary.csv                student,score,max,seconds
#   report.html                the score distribution and each test's
#                              pass rate across the class
set -uo pipefail

pkg=$(cd "${1:?usage: $0 PACKAGE SUBMISSIONS [JOBS]}" && pwd) || exit 2
subs=$(cd "${2:?usage: $0 PACKAGE SUBMISSIONS [JOBS]}" && pwd) || exit 2
jobs=${3:-1}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${CLASS_OUT:-$top/build/grade-class}
lab=$pkg/lab
ch=$(sed -nE 's/^[[:space:]]*chapter[[:space:]]*=[[:space:]]*([^[:space:]]+).*/\1/p' "$pkg/assignment.conf")
mkdir -p "$out"

# The package's lab, built once as setup.sh would (the guest taken from
# the lab's own build/vm when it is the same).
[ -d "$lab/build/vm" ] || [ ! -d "$top/build/vm" ] || cp -a "$top/build/vm" "$lab/build/"
make -s -C "$lab" vm-image CH="$ch" all build/images/busybox.tar || exit 2
(cd "$lab" && LIST_CACHE=build/tests-list vm/list-tests.sh \
	$(cd chapters && for c in [0-9][0-9]-*; do [[ $c > $ch ]] || echo "$c"; done) >/dev/null) || exit 2

# What a grade depends on: the submission's bytes and the assignment's.
fingerprint() {
	{
		if [ -d "$1" ]; then
			(cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
		else
			sha256sum <"$1"
		fi
		cat "$pkg/assignment.conf" "$lab/selftests/points.txt"
	} | sha256sum | cut -c1-32
}

grade() {	# SUBMISSION
	local s=$1 name d t0 sha
	name=$(basename "$s")
	name=${name%.tar.gz}; name=${name%.tgz}; name=${name%.tar}
	d=$out/$name
	sha=$(fingerprint "$s")
	if [ -r "$d/input.sha" ] && [ "$(cat "$d/input.sha")" = "$sha" ] &&
	   jq -e '.tests' "$d/results.json" >/dev/null 2>&1; then
		echo "class: $name: graded already ($(jq -r .score "$d/results.json"))"
		return
	fi
	rm -rf "$d"
	mkdir -p "$d"
	t0=$SECONDS
	ASSIGNMENT=$pkg/assignment.conf "$lab/vm/autograder/grade-one.sh" "$lab" "$s" "$d" \
		>"$d/grade.txt" 2>&1
	echo $((SECONDS - t0)) >"$d/seconds"
	echo "$sha" >"$d/input.sha"
	echo "class: $name: $(jq -r .score "$d/results.json") in $((SECONDS - t0)) s"
}
export -f grade fingerprint
export out pkg lab

find "$subs" -mindepth 1 -maxdepth 1 \( -type d -o -name '*.tar' -o -name '*.tar.gz' -o -name '*.tgz' \) \
	-print0 | LC_ALL=C sort -z | xargs -0 -r -n 1 -P "$jobs" bash -c 'grade "$1"' grade

# ---- the summary: one line per student, then the page ----
students=()
for s in "$subs"/*; do
	name=$(basename "$s"); name=${name%.tar.gz}; name=${name%.tgz}; name=${name%.tar}
	[ -r "$out/$name/results.json" ] && students+=("$name")
done
{
	echo "student,score,max,seconds"
	for n in "${students[@]}"; do
		jq -r --arg n "$n" --arg t "$(cat "$out/$n/seconds" 2>/dev/null || echo 0)" \
			'[$n, .score, ([.tests[].max_score] | add // 0), ($t | tonumber)] | @csv' "$out/$n/results.json"
	done
} >"$out/summary.csv"
for n in "${students[@]}"; do
	jq --arg n "$n" '{student: $n, score, max: ([.tests[].max_score] | add // 0),
		tests: [.tests[] | {name, passed: (.status == "passed")}]}' "$out/$n/results.json"
done | jq -s -r -f "$here/report.jq" --arg ch "$ch" >"$out/report.html"
echo "class: ${#students[@]} students: $out/summary.csv, $out/report.html"
