#!/bin/bash
# Usage: grade-one.sh LAB SUBMISSION OUTDIR
#
# Grade one submission: copy LAB (a pristine lab tree: the assignment's
# handout, with build/kselftest, build/images and build/vm made) into a
# temp dir, copy into it only the files of SUBMISSION that the assignment
# (LAB/../assignment.conf, or $ASSIGNMENT) lets a student change, build
# the chapter, grade it in a throw-away guest (vm/grade.sh), and write in
# OUTDIR results.json (Gradescope), results-pl.json (PrairieLearn),
# junit.xml, log.txt and build.txt. Whatever the submission does (does not
# compile, hangs, crashes the guest, floods the console), OUTDIR gets a
# valid results.json with a score and a message; the exit status is 0
# when it did, 2 when it could not (a broken LAB). GRADE_TIME_LIMIT
# overrides the assignment's time_limit.
#
# SUBMISSION is a directory or a tarball: either a lab tree (a handout,
# at its top or one directory down), or the chapter's files on their
# own. This is what Gradescope's run_autograder, make grade-class and a
# CI job matrix run for each student.
set -uo pipefail

lab=$(cd "${1:?usage: $0 LAB SUBMISSION OUTDIR}" && pwd) || exit 2
sub=${2:?usage: $0 LAB SUBMISSION OUTDIR}
out=${3:?usage: $0 LAB SUBMISSION OUTDIR}
conf=${ASSIGNMENT:-$lab/../assignment.conf}
mkdir -p "$out" && out=$(cd "$out" && pwd) || exit 2

# NAME = VALUE from the assignment file; $2 when absent.
setting() {
	local v
	v=$(sed -nE "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*(.*[^[:space:]])[[:space:]]*$/\1/p" "$conf" | tail -n 1)
	echo "${v:-$2}"
}
[ -r "$conf" ] || { echo "grade: no assignment file $conf" >&2; exit 2; }
ch=$(setting chapter "")
files=$(setting files "chapters/$ch/*")
[ -n "$ch" ] && [ -d "$lab/chapters/$ch" ] || { echo "grade: $conf: chapter '$ch' is not in $lab/chapters" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mydocker-grade-one.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
work=$tmp/lab
start=$SECONDS

# The last word, when vm/grade.sh could not give one: every test of the
# assignment at 0 with MESSAGE (vm/grade.sh scoring an empty log).
fallback() {
	# In a dir of its own: the guest's log.txt, if any, stays.
	printf '%s\nvm: tests exited with status 1\n' "$1" >"$tmp/empty.log"
	(cd "$work" && GRADE_NOTE="$1" GRADE_LOG=$tmp/empty.log GRADE_OUT=$tmp/fallback \
		GRADE_VISIBLE="$(setting visible '*')" GRADE_HIDDEN="$(setting hidden after_published)" \
		BUILD=$work/build vm/grade.sh "$ch") >"$tmp/fallback.out" 2>&1
	cp "$tmp"/fallback/results*.json "$tmp/fallback/junit.xml" "$out/" 2>/dev/null
	if ! jq -e '.tests | length > 0' "$out/results.json" >/dev/null 2>&1; then
		# Not even that: one line Gradescope still reads.
		jq -n --arg m "$1" '{score: 0, output: $m, tests: []}' >"$out/results.json"
	fi
	return 0
}

# ---- the pristine lab, without what a run left in it ----
mkdir -p "$work" &&
tar -C "$lab" --exclude=./build -cf - . | tar -C "$work" -xf - &&
mkdir -p "$work/build" &&
cp -a "$lab/build/kselftest" "$lab/build/images" "$work/build/" || exit 2
# The list of tests, when setup.sh made it (vm/list-tests.sh checks its key).
[ -d "$lab/build/tests-list" ] && cp -a "$lab/build/tests-list" "$work/build/"
rm -f "$out"/results.json "$out"/results-pl.json "$out"/junit.xml "$out"/log.txt

# ---- the submission: its allowed files, nothing else ----
src=$tmp/submission
mkdir -p "$src"
if [ -d "$sub" ]; then
	cp -a "$sub/." "$src/" 2>/dev/null
elif ! tar -C "$src" -xf "$sub" 2>/dev/null; then
	fallback "The submission is neither a directory nor a tar file this grader can read."
	exit 0
fi
# A lab tree (its chapters/ at the top or one level down), else the files
# themselves, matched by name against the allowed ones.
top=$(find "$src" -maxdepth 2 -type d -name chapters -printf '%h\n' | head -n 1)
: >"$tmp/taken"
copy_allowed() {	# FILE_IN_SUBMISSION PATH_IN_LAB
	local - p
	set -f		# the patterns are for [[ ]], not for the file system
	for p in $files; do
		# shellcheck disable=SC2053
		if [[ $2 == $p ]] && [[ $2 != */../* ]] && [ -f "$1" ] && [ ! -L "$1" ]; then
			mkdir -p "$work/$(dirname "$2")" && cp "$1" "$work/$2" && echo "$2" >>"$tmp/taken"
			return 0
		fi
	done
	return 1
}
if [ -n "$top" ]; then
	while IFS= read -r f; do
		copy_allowed "$top/$f" "$f" || echo "$f" >>"$tmp/ignored"
	done < <(cd "$top" && find . -type f -printf '%P\n' | LC_ALL=C sort)
else
	while IFS= read -r f; do
		copy_allowed "$src/$f" "chapters/$ch/$(basename "$f")" || echo "$f" >>"$tmp/ignored"
	done < <(cd "$src" && find . -type f -printf '%P\n' | LC_ALL=C sort)
fi
{
	echo "Graded: chapter $ch. Files taken from the submission: $(tr '\n' ' ' <"$tmp/taken")"
	[ -s "$tmp/ignored" ] && echo "Ignored (not files a student may change: $files): $(grep -c . "$tmp/ignored") files"
} >"$tmp/note"
if [ ! -s "$tmp/taken" ]; then
	echo "No file of the submission is one the assignment grades ($files); the handout's are graded." >>"$tmp/note"
fi

# ---- build: the chapter's mydocker from the submission, the tests from the lab ----
VM_DIR=$lab/build/vm
if ! (cd "$work" && timeout -k 5 300 make -s CH="$ch" all) >"$out/build.txt" 2>&1; then
	fallback "$(cat "$tmp/note")
The submission does not compile (make CH=$ch):
$(grep -E 'error|Error' "$out/build.txt" | head -n 20)"
	exit 0
fi

# ---- grade in a throw-away guest ----
(cd "$work" && VM_TIMEOUT=${GRADE_TIME_LIMIT:-$(setting time_limit 480)} VM_MEM=${VM_MEM:-$(setting vm_mem 512)} \
	VM_CPUS=${VM_CPUS:-$(setting vm_cpus 1)} GRADE_OUT=$out GRADE_NOTE="$(cat "$tmp/note")" \
	GRADE_VISIBLE="$(setting visible '*')" GRADE_HIDDEN="$(setting hidden after_published)" \
	make -s grade CH="$ch" VM_DIR="$VM_DIR") >"$tmp/grade.out" 2>&1
rc=$?
cat "$tmp/grade.out" >>"$out/build.txt"
if ! jq -e '.tests | length > 0' "$out/results.json" >/dev/null 2>&1; then
	fallback "$(cat "$tmp/note")
The grader could not score this run (status $rc):
$(tail -n 20 "$tmp/grade.out")"
fi
tail -n 1 "$tmp/grade.out"
echo "grade: $ch graded in $((SECONDS - start)) s: $out/results.json"
exit 0
