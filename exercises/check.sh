#!/usr/bin/env bash
# exercises/check.sh CHAPTER BIN IMAGE TESTDIR: what `make check CH=...`
# runs. Only CHAPTER's own test program(s) (TESTDIR/*_test) against BIN,
# the self-study loop: one line per test, a failing test's messages under
# it, then the exercises (exercises/regions) whose tests failed, with
# their task and hint, and the lab's summary line
# "N passed, N failed, N skipped". Exits 1 if anything failed.
set -uo pipefail

[ $# -eq 4 ] || { echo "usage: exercises/check.sh CHAPTER BIN IMAGE TESTDIR" >&2; exit 2; }
ch=$1
bin=$(realpath "$2") || exit 2
image=$(realpath "$3") || exit 2
testdir=$4
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

regions=$(cd "$top" && exercises/regions "$ch") || exit 2

raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
passed=0 failed=0 skipped=0 failing=()

shopt -s nullglob
progs=("$testdir"/*_test)
if [ ${#progs[@]} -eq 0 ]; then
	echo "check: no test program in $testdir" >&2
	exit 2
fi
for t in "${progs[@]}"; do
	echo "make check CH=$ch: ${bin#"$top"/} against selftests/$ch/$(basename "$t").c"
	echo
	MYDOCKER_BIN=$bin MYDOCKER_IMAGE=$image "$t" 2>&1 | tee "$raw" |
		awk -f "$top/exercises/tap.awk"
	rc=${PIPESTATUS[0]}
	# Count as selftests/run.sh does.
	line=$(grep -E '^# Totals: pass:[0-9]+ fail:[0-9]+ xfail:[0-9]+ xpass:[0-9]+ skip:[0-9]+ error:[0-9]+' "$raw" | tail -n 1)
	if [ -z "$line" ]; then
		echo "  FAIL  $(basename "$t") ended without its totals (exit status $rc): a crash or a hang; its output is above"
		failed=$((failed + 1))
	else
		read -r p f xf xp s e < <(sed -E 's/^# Totals: pass:([0-9]+) fail:([0-9]+) xfail:([0-9]+) xpass:([0-9]+) skip:([0-9]+) error:([0-9]+).*/\1 \2 \3 \4 \5 \6/' <<<"$line")
		passed=$((passed + p + xf))
		failed=$((failed + f + xp + e))
		skipped=$((skipped + s))
		if [ "$rc" -ne 0 ] && [ $((f + xp + e)) -eq 0 ]; then
			echo "  FAIL  $(basename "$t") exited with status $rc with no failed test"
			failed=$((failed + 1))
		fi
	fi
	mapfile -t more < <(sed -nE 's/^not ok [0-9]+ ([A-Za-z0-9_]+\.)?([A-Za-z0-9_]+).*/\2/p' "$raw")
	failing+=("${more[@]}")
done

# The exercises the failing tests belong to.
if [ ${#failing[@]} -gt 0 ]; then
	declare -A claimed=()
	header=0
	while IFS=$'\t' read -r name file line task hint tests _; do
		[ -n "$name" ] || continue
		hit=()
		for t in "${failing[@]}"; do
			[[ " $tests " == *" $t "* ]] && hit+=("$t") && claimed[$t]=1
		done
		[ ${#hit[@]} -gt 0 ] || continue
		if [ $header = 0 ]; then
			echo
			echo "The exercises these failures point to:"
			header=1
		fi
		echo
		echo "  exercise $name ($file:$line), its failing tests: ${hit[*]}"
		echo "$task" | fold -s -w 72 | sed 's/ *$//; s/^/      /'
		echo "    hint:"
		echo "$hint" | fold -s -w 72 | sed 's/ *$//; s/^/      /'
	done <<<"$regions"
	others=()
	for t in "${failing[@]}"; do
		[ -n "${claimed[$t]:-}" ] || others+=("$t")
	done
	if [ ${#others[@]} -gt 0 ]; then
		echo
		echo "Failing, and not tied to one exercise (read their messages above): ${others[*]}"
	fi
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
