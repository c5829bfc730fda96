#!/usr/bin/env bash
# exercises/check-handouts.sh [CHAPTER...]: are the handouts right? What
# `make handout-test` runs (CI). For each CHAPTER (default: all), one line
# per claim, "ok" or "FAIL", and at the end the lab's summary line,
# "N passed, N failed, N skipped", each claim counting as one test:
#
#   handout N compiles             scripts/handout N, built with its own
#                                  Makefile
#   handout N: M tests pass        for each earlier chapter M: its tests
#                                  against the handout's binary
#   handout N: own tests fail      at least one of N's tests fails against it
#   solution N: own tests pass     N's tests against the lab's own binary
#   exercise N/R fails its tests   a handout with only region R stubbed
#                                  compiles and fails at least one of N's
#                                  tests: exactly those its stub file lists
#                                  (a failing test it does not list would
#                                  be "not tied to one exercise" in make
#                                  check and missing from the handout)
#
# To keep it quick, a handout builds only its binary and its own test
# programs (the earlier chapters' tests, checked to be the lab's, run from
# the lab's build), a region's variant runs only N's own tests, and all
# variants of N are built in N's handout tree, where only the stubbed files
# recompile. Needs root (the tests do) and a built lab:
#
#   BUILD          the lab's build dir with its binaries and test programs
#                  (default build; make handout-test builds them)
#   KSELFTEST_DIR  the kselftest headers, copied into each handout so that
#                  it need not unpack them again (default build/kselftest)
#   MYDOCKER_IMAGE the busybox image (default $BUILD/images/busybox.tar)
#   KEEP=1         keep the handout trees and logs (build/handout-test.*)
#   JOBS=N         check N chapters at once (default 1)
#
# Exits 1 if any claim failed.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top" || exit 2
build=$(realpath "${BUILD:-build}") || exit 2
kselftest=$(realpath "${KSELFTEST_DIR:-build/kselftest}") || exit 2
image=$(realpath "${MYDOCKER_IMAGE:-$build/images/busybox.tar}") || exit 2
[ -f "$kselftest/kselftest_harness.h" ] || { echo "$0: no $kselftest/kselftest_harness.h (make headers)" >&2; exit 2; }

mapfile -t all < <(find chapters -mindepth 1 -maxdepth 1 -type d -name '[0-9][0-9]-*' -printf '%f\n' | LC_ALL=C sort)
[ $# -gt 0 ] || set -- "${all[@]}"

# JOBS=N: N chapters at once, each a run of this script with its own
# trees and logs; their claims are printed chapter by chapter once all are
# done, and added up. The newest chapters go first: they run the most
# earlier tests, so they are the longest.
if [ "${JOBS:-1}" -gt 1 ] && [ $# -gt 1 ]; then
	out=$(mktemp -d "${TMPDIR:-/tmp}/handout-jobs.XXXXXX") || exit 2
	trap 'rm -rf "$out"' EXIT
	started=$(date +%s)
	printf '%s\n' "$@" | LC_ALL=C sort -r |
		JOBS=1 xargs -P "$JOBS" -I{} sh -c '"$0" "$1" > "$2/$1.out" 2>&1' \
			"$0" {} "$out"
	passed=0 failed=0 skipped=0
	for ch in "$@"; do
		ch=${ch%/}
		ch=${ch##*/}
		grep -vE '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$out/$ch.out"
		read -r p _ f _ s _ < <(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$out/$ch.out" | tail -n 1)
		[ -n "${p:-}" ] || { echo "FAIL  handout-test $ch: no summary line"; p=0 f=1 s=0; }
		passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	done
	echo "# handout-test: $(($(date +%s) - started)) s, $JOBS chapters at once"
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
	exit
fi

mkdir -p build
work=$(mktemp -d "$top/build/handout-test.XXXXXX")
cleanup() {
	if [ "${KEEP:-0}" = 1 ]; then
		echo "# kept: $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

passed=0 failed=0 skipped=0
started=$(date +%s)

# claim ok|FAIL|skip TEXT: one line, counted.
claim() {
	case "$1" in
	ok) passed=$((passed + 1)) ;;
	FAIL) failed=$((failed + 1)) ;;
	skip) skipped=$((skipped + 1)) ;;
	esac
	printf '%-4s  %s\n' "$1" "$2"
}

# Show the end of a log under a failed claim.
show() {
	tail -n "${2:-20}" "$1" | sed 's/^/      | /'
}

# run_tests PROG BIN LOG: run one test program; sets P F S (passed,
# failed, skipped; F includes a crash or a missing totals line) and
# FAILING (the failed tests' names).
run_tests() {
	local prog=$1 bin=$2 log=$3 rc line p f xf xp s e
	MYDOCKER_BIN=$bin MYDOCKER_IMAGE=$image timeout -k 10 1800 "$prog" > "$log" 2>&1
	rc=$?
	FAILING=$(sed -nE 's/^not ok [0-9]+ ([A-Za-z0-9_]+\.)?([A-Za-z0-9_]+).*/\2/p' "$log" | tr '\n' ' ')
	line=$(grep -E '^# Totals: pass:[0-9]+ fail:[0-9]+ xfail:[0-9]+ xpass:[0-9]+ skip:[0-9]+ error:[0-9]+' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		P=0 F=1 S=0
		FAILING+="(no totals: exit status $rc) "
		return
	fi
	read -r p f xf xp s e < <(sed -E 's/^# Totals: pass:([0-9]+) fail:([0-9]+) xfail:([0-9]+) xpass:([0-9]+) skip:([0-9]+) error:([0-9]+).*/\1 \2 \3 \4 \5 \6/' <<<"$line")
	P=$((p + xf)) F=$((f + xp + e)) S=$s
	if [ "$rc" -ne 0 ] && [ "$F" -eq 0 ]; then
		F=1
		FAILING+="(exit status $rc) "
	fi
}

# run_own DIR BIN LOG: run_tests for each of the chapter's own test
# programs (the list in $own) in DIR, logs LOG.PROG.log; P F S and FAILING
# summed over them.
run_own() {
	local dir=$1 bin=$2 log=$3 t sp=0 sf=0 ss=0 sfailing=""
	for t in $own; do
		run_tests "$dir/$t" "$bin" "$log.$t.log"
		sp=$((sp + P)) sf=$((sf + F)) ss=$((ss + S))
		sfailing+=$FAILING
	done
	P=$sp F=$sf S=$ss FAILING=$sfailing
}

for ch in "$@"; do
	ch=${ch%/}
	ch=${ch##*/}
	echo "# ==== $ch ===="
	h=$work/$ch
	logs=$work/logs/$ch
	mkdir -p "$logs"
	regions=$(exercises/regions "$ch" 2> "$logs/regions") || {
		claim FAIL "handout $ch: its exercise markers and stubs are consistent"
		show "$logs/regions"
		continue
	}
	own=$(cd "selftests/$ch" && ls -- *_test.c | sed 's/\.c$//' | tr '\n' ' ')

	# The full handout, built by its own Makefile.
	t0=$(date +%s)
	if ! scripts/handout "$ch" "$h" > "$logs/handout" 2>&1; then
		claim FAIL "handout $ch is written"
		show "$logs/handout"
		continue
	fi
	mkdir -p "$h/build"
	cp -a "$kselftest" "$h/build/kselftest"
	if make -C "$h" CH="$ch" all $(printf "build/selftests/$ch/%s " $own) > "$logs/build" 2>&1 &&
	   [ -x "$h/build/$ch/mydocker" ]; then
		claim ok "handout $ch compiles ($(($(date +%s) - t0)) s)"
	else
		claim FAIL "handout $ch compiles"
		show "$logs/build"
		continue
	fi
	hbin=$h/build/$ch/mydocker

	# What the earlier chapters taught still works. Their tests in the
	# handout are the lab's (checked), so the lab's built programs run.
	for m in "${all[@]}"; do
		[[ "$m" < "$ch" ]] || break
		for src in selftests/"$m"/*_test.c selftests/lib/*; do
			cmp -s "$src" "$h/$src" ||
				{ claim FAIL "handout $ch: its $src is the lab's"; continue 2; }
		done
		for src in selftests/"$m"/*_test.c; do
			t=$build/selftests/$m/$(basename "$src" .c)
			run_tests "$t" "$hbin" "$logs/$m.$(basename "$t").log"
			if [ "$F" -gt 0 ]; then
				claim FAIL "handout $ch: the $m tests pass against it ($F failed: $FAILING)"
				grep -E '^# [^ ]+:[0-9]+:' "$logs/$m.$(basename "$t").log" | head -n 10 | sed 's/^/      | /'
			elif [ "$P" -eq 0 ]; then
				claim skip "handout $ch: the $m tests pass against it ($S skipped)"
			else
				claim ok "handout $ch: the $m tests pass against it ($P passed)"
			fi
		done
	done

	# Its own tests fail: the partial score a student starts from.
	run_own "$h/build/selftests/$ch" "$hbin" "$logs/handout-$ch"
	if [ "$F" -gt 0 ]; then
		claim ok "handout $ch: its own tests fail ($F of $((P + F + S)) fail, $P pass)"
	elif [ "$P" -eq 0 ]; then
		claim skip "handout $ch: its own tests fail ($S skipped)"
	else
		claim FAIL "handout $ch: its own tests fail (all $P pass)"
	fi

	# The solution passes them.
	run_own "$build/selftests/$ch" "$build/$ch/mydocker" "$logs/solution-$ch"
	if [ "$F" -gt 0 ]; then
		claim FAIL "solution $ch passes its own tests ($F failed: $FAILING)"
	elif [ "$P" -eq 0 ]; then
		claim skip "solution $ch passes its own tests ($S skipped)"
	else
		claim ok "solution $ch passes its own tests ($P passed)"
	fi

	# Each exercise on its own fails tests of the chapter, and those its
	# stub file names.
	while IFS=$'\t' read -r name _ _ _ _ tests mayfail; do
		[ -n "$name" ] || continue
		v=$work/variant
		if ! scripts/handout --only "$name" "$ch" "$v" > "$logs/variant-$name" 2>&1; then
			claim FAIL "exercise $ch/$name: its handout is written"
			show "$logs/variant-$name"
			continue
		fi
		for f in "$v"/chapters/"$ch"/*; do
			cmp -s "$f" "$h/chapters/$ch/$(basename "$f")" ||
				cp "$f" "$h/chapters/$ch/"
		done
		rm -rf "$v"
		if ! make -C "$h" CH="$ch" all > "$logs/build-$name" 2>&1; then
			claim FAIL "exercise $ch/$name: a handout with only its stub compiles"
			show "$logs/build-$name"
			continue
		fi
		run_own "$h/build/selftests/$ch" "$hbin" "$logs/$name"
		missing=""
		for t in $tests; do
			[[ " $mayfail " == *" $t "* ]] && continue	# now and then
			[[ " $FAILING " == *" $t "* ]] || missing+="$t "
		done
		extra=""
		for t in $FAILING; do
			[[ "$t" =~ ^[A-Za-z0-9_]+$ ]] || continue	# "(exit status N)"
			[[ " $tests " == *" $t "* ]] || extra+="$t "
		done
		if [ "$F" -eq 0 ] && [ "$P" -eq 0 ]; then
			claim skip "exercise $ch/$name: its stub fails tests of $ch ($S skipped)"
		elif [ "$F" -eq 0 ]; then
			claim FAIL "exercise $ch/$name: its stub fails tests of $ch (none fails: no test checks this region)"
		elif [ -n "$missing" ]; then
			claim FAIL "exercise $ch/$name: its stub fails the tests exercises/$ch/$name.stub lists (these pass: ${missing% })"
		elif [ -n "$extra" ]; then
			claim FAIL "exercise $ch/$name: its stub also fails tests exercises/$ch/$name.stub does not list (make check would call them not tied to one exercise; add them to its tests: line): ${extra% }"
		else
			claim ok "exercise $ch/$name: its stub fails $F of $((P + F + S)) tests of $ch, each listed"
		fi
	done <<<"$regions"
	[ "${KEEP:-0}" = 1 ] || rm -rf "$h"
done

echo "# handout-test: $(($(date +%s) - started)) s"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
