#!/bin/bash
# Usage: mutants/run.sh [CHAPTER | CHAPTER/NAME]...   (default: every chapter)
#
# For each mutant mutants/CHAPTER/NAME.mutant (format: mutants/README.md):
# make a scratch copy of the chapter's tree, apply the mutant to it, build
# it, run the chapter's own test programs against it until a test fails,
# and print one line:
#
#   MUTANT 03-logs/log-without-append: KILLED by large_output_intact
#   MUTANT 03-logs/log-without-append: SURVIVED (I opened container.log ...)
#   MUTANT 03-logs/log-without-append: FAILED: no longer applies: ...
#
# then "N passed, N failed, N skipped": a killed mutant passes; one that
# survives, no longer applies or does not build fails. A chapter with
# fewer than MUTANTS_MIN mutants counts as one failure. Exits 1 if
# anything failed.
#
#   BUILD          the build directory (default: build); the chapter's objects
#                  ($BUILD/CH/obj), common's ($BUILD/common) and test programs
#                  ($BUILD/selftests/CH/*_test) must be built (make mutants
#                  does it)
#   CC CFLAGS LDFLAGS LDLIBS   the Makefile's, so a mutant builds the same way
#   MYDOCKER_IMAGE the image tar (default: $BUILD/images/busybox.tar)
#   MUTANT_WRAP    a command put in front of every test program (REAP=now)
#   MUTANT_TIMEOUT seconds one test program may take (default 300)
#   MUTANTS_MIN    mutants a chapter must have (default 5)
#   JOBS           mutants tried at once (default 1)
#   KEEP=1         keep each mutant's scratch tree and test output
set -uo pipefail
shopt -s nullglob
# A "&" in a replacement is just a "&".
shopt -u patsub_replacement 2>/dev/null

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-$top/build}
build=$(cd "$build" 2>/dev/null && pwd) || { echo "$0: no build dir ${BUILD:-$top/build}" >&2; exit 2; }
image=${MYDOCKER_IMAGE:-$build/images/busybox.tar}
cc=${CC:-gcc}
read -r -a cflags <<<"${CFLAGS:--std=gnu11 -Wall -Wextra -Werror -O2 -g}"
read -r -a ldflags <<<"${LDFLAGS:-}"
read -r -a ldlibs <<<"${LDLIBS:--ljansson -lm}"
read -r -a wrap <<<"${MUTANT_WRAP:-}"
limit=${MUTANT_TIMEOUT:-300}
min=${MUTANTS_MIN:-5}
version=${MYDOCKER_VERSION:-$(sed -n 's/^VERSION := //p' "$top/Makefile")}
jobs=${JOBS:-1}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "$0: JOBS=$jobs is not a number of mutants" >&2; exit 2; }
# This run's own: another run may be going on beside it.
mkdir -p "$build/mutants" &&
scratch_top=$(mktemp -d "$build/mutants/run.XXXXXX") || exit 2

# The 6.1 harness runs every test whatever its arguments; a newer one
# takes -t NAME, and then the expected killer runs alone first.
has_t=0
grep -q getopt "$build/kselftest/kselftest_harness.h" 2>/dev/null && has_t=1

passed=0 failed=0 skipped=0

# ---- reading a mutant ----

# parse FILE: sets header, expect and the arrays origs/repls, or prints
# why the file is malformed and returns 1.
parse() {
	local file=$1 line state=head orig repl
	header= expect= origs=() repls=()
	while IFS= read -r line || [ -n "$line" ]; do
		case $state in
		head)
			case $line in
			'<<<')	state=orig orig= ;;
			'#'*|'') ;;
			expect:*) expect=${line#expect:} expect=${expect// /} ;;
			*)	[ -z "$header" ] && header=$line ||
					{ echo "line '$line' before the first <<<"; return 1; } ;;
			esac ;;
		orig)
			case $line in
			'===')	state=repl repl= ;;
			*)	orig+=${orig:+$'\n'}$line ;;
			esac ;;
		repl)
			case $line in
			'>>>')	origs+=("$orig") repls+=("${repl#$'\n'}") state=head ;;
			*)	repl+=$'\n'$line ;;
			esac ;;
		esac
	done <"$file"
	[ "$state" = head ] || { echo "a <<< without its === and >>>"; return 1; }
	[ -n "$header" ] || { echo "no header line (the mistake)"; return 1; }
	[ ${#origs[@]} -gt 0 ] || { echo "no <<< snippet === replacement >>>"; return 1; }
	local o
	for o in "${origs[@]}"; do
		[ -n "$o" ] || { echo "an empty snippet"; return 1; }
	done
}

# occurrences TEXT SNIPPET: prints 0, 1 or 2 (2 meaning "more than one").
occurrences() {
	local rest=$1 n=0
	while [ $n -lt 2 ] && [[ $rest == *"$2"* ]]; do
		rest=${rest#*"$2"}
		n=$((n + 1))
	done
	echo $n
}

# locate SNIPPET CH SRC: prints the tree's name of the one file that holds
# SNIPPET exactly once: among the chapter's own files first, then among
# all of its tree (inherited code). Otherwise prints why, returns 1.
locate() {
	local snippet=$1 ch=$2 src=$3 f n total found where
	for where in own tree; do
		total=0 found=
		for f in "$src"/*.[ch]; do
			if [ "$where" = own ] &&
			   [ "$(readlink -f "$f")" != "$top/chapters/$ch/${f##*/}" ]; then
				continue
			fi
			n=$(occurrences "$(<"$f")" "$snippet")
			[ "$n" -gt 0 ] && found+=" ${f##*/}"
			total=$((total + n))
		done
		[ $total -eq 1 ] && { echo "${found# }"; return 0; }
		[ $total -gt 1 ] && { echo "snippet '${snippet%%$'\n'*}' found more than once (in${found})"; return 1; }
	done
	echo "snippet '${snippet%%$'\n'*}' found in no file of $ch's tree"
	return 1
}

# apply FILE ORIG REPL: replaces ORIG by REPL in FILE, a link turned copy.
apply() {
	local file=$1 text
	if [ -L "$file" ]; then
		cp --remove-destination "$(readlink -f "$file")" "$file" || return 1
	fi
	IFS= read -r -d '' text <"$file"
	printf '%s' "${text/"$2"/"$3"}" >"$file"
}

# ---- building and testing one mutant ----

# build CH DIR CHANGED...: links DIR/mydocker from the chapter's objects,
# compiling again only the changed files (every file if a header changed).
build_mutant() {
	local ch=$1 dir=$2 f obj objs=() redo=()
	shift 2
	for f in "$@"; do
		case $f in
		*.h)	redo=("$dir"/src/*.c) ; break ;;
		*)	redo+=("$dir/src/$f") ;;
		esac
	done
	mkdir -p "$dir/obj"
	for f in "$dir"/src/*.c; do
		obj=${f##*/} obj=${obj%.c}.o
		# From 09-monitor on, shim.c is a program of its own,
		# mydocker-shim, beside mydocker (the Makefile's rule).
		if [ "${f##*/}" = shim.c ]; then
			if [[ " ${redo[*]} " == *" $f "* ]]; then
				"$cc" "${cflags[@]}" -o "$dir/mydocker-shim" "$f" || return 1
			else
				cp "$build/$ch/mydocker-shim" "$dir/mydocker-shim" || return 1
			fi
			continue
		fi
		if [[ " ${redo[*]} " == *" $f "* ]]; then
			"$cc" "${cflags[@]}" -DMYDOCKER_CHAPTER="\"$ch\"" \
				-DMYDOCKER_VERSION="\"$version\"" \
				-I"$dir/src" -I"$top/common" -c \
				-o "$dir/obj/$obj" "$f" || return 1
			objs+=("$dir/obj/$obj")
		else
			[ -e "$build/$ch/obj/$obj" ] ||
				{ echo "$build/$ch/obj/$obj missing (make CH=$ch)"; return 1; }
			objs+=("$build/$ch/obj/$obj")
		fi
	done
	# The generated command table: mutants add or remove no command.
	[ -e "$build/$ch/obj/gen/commands.o" ] ||
		{ echo "$build/$ch/obj/gen/commands.o missing (make CH=$ch)"; return 1; }
	"$cc" "${ldflags[@]}" -o "$dir/mydocker" "${objs[@]}" \
		"$build/$ch/obj/gen/commands.o" "$build"/common/*.o "${ldlibs[@]}"
}

# Names of the failed tests in a TAP output, one a line.
failures() {
	sed -nE 's/^not ok [0-9]+ ([^ #]*).*/\1/p' "$1" | sed 's/.*\.//'
}

# session_alive SID: is a process (not a zombie) left in session SID?
session_alive() {
	local stat fields
	for stat in /proc/[0-9]*/stat; do
		{ read -r fields <"$stat"; } 2>/dev/null || continue
		fields=(${fields##*) })	# state ppid pgrp session ...
		[ "${fields[3]}" = "$1" ] && [ "${fields[0]}" != Z ] && return 0
	done
	return 1
}

# program_of PID: the test program itself, PID's child under MUTANT_WRAP.
program_of() {
	local kids
	[ ${#wrap[@]} -eq 0 ] && { echo "$1"; return; }
	read -r kids 2>/dev/null <"/proc/$1/task/$1/children" || kids=
	echo "${kids%% *}"
}

# run_prog PROG TAP [ARG...]: runs a test program into TAP and sets rc.
# Once a test has failed the mutant is killed: the program is stopped
# (the wrapper, if any, ends with it). The test it had started meanwhile
# runs on in its own process and cleans up; we wait for its session to
# empty, for nothing may run into the next mutant.
run_prog() {
	local t=$1 tap=$2 pid prog deadline=$((SECONDS + limit)) stopped=0
	shift 2
	MYDOCKER_BIN=$dir/mydocker MYDOCKER_IMAGE=$image \
		setsid "${wrap[@]}" "$t" "$@" >"$tap" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		if [ $SECONDS -ge $deadline ]; then
			echo "# mutants/run.sh: stopped after ${limit}s" >>"$tap"
			stopped=1
		elif grep -q '^not ok ' "$tap" 2>/dev/null; then
			stopped=1
		fi
		if [ $stopped = 1 ]; then
			prog=$(program_of "$pid")
			[ -n "$prog" ] && kill -TERM "$prog" 2>/dev/null
			break
		fi
		sleep 0.2
	done
	wait "$pid"
	rc=$?
	[ $stopped = 0 ] && return
	while session_alive "$pid" && [ $SECONDS -lt $((deadline + 60)) ]; do
		sleep 0.2
	done
	[ $rc -ne 0 ] && rc=124
}

# programs CH: the chapter's test programs, the one that holds the
# expect: test first.
programs() {
	local t first=() rest=()
	for t in "$build/selftests/$1"/*_test; do
		if [ -n "$expect" ] &&
		   grep -qE "^TEST(_F)?(_TIMEOUT)?\((lab, *)?$expect[,)]" \
			"$top/selftests/$1/${t##*/}.c" 2>/dev/null; then
			first+=("$t")
		else
			rest+=("$t")
		fi
	done
	printf '%s\n' "${first[@]}" "${rest[@]}"
}

# run_tests CH DIR: prints the killer test's name, or nothing if the
# mutant survived every test of the chapter.
run_tests() {
	local ch=$1 dir=$2 t rc killer progs
	mapfile -t progs < <(programs "$ch")
	for t in "${progs[@]}"; do
		[ -n "$expect" ] && [ $has_t = 1 ] || break
		run_prog "$t" "$dir/expect.tap" -t "$expect"
		killer=$(failures "$dir/expect.tap" | head -n 1)
		[ -n "$killer" ] && { echo "$killer"; return; }
	done
	for t in "${progs[@]}"; do
		run_prog "$t" "$dir/${t##*/}.tap"
		killer=$(failures "$dir/${t##*/}.tap" | head -n 1)
		[ -z "$killer" ] && [ $rc -eq 124 ] && killer="${t##*/} (stopped after ${limit}s)"
		[ -z "$killer" ] && [ $rc -ne 0 ] && killer="${t##*/} (exit status $rc)"
		[ -n "$killer" ] && { echo "$killer"; return; }
	done
}

# expect_note DIR KILLER: what became of the expect: test, if not the killer.
expect_note() {
	[ -z "$expect" ] || [ "$2" = "$expect" ] && return
	if grep -qE "^ok [0-9]+ ([^ ]*\.)?$expect( |\$)" "$1"/*.tap; then
		echo " (expect: $expect passed)"
	else
		echo " (expect: $expect not reached)"
	fi
}

# mutant CH FILE: one line; returns 0 if the mutant was killed.
mutant() {
	local ch=$1 file=$2 name why dir i target changed=() killer progs
	name=${file##*/} name=${name%.mutant}
	dir=$scratch_top/$ch/$name
	say() { echo "MUTANT $ch/$name: $*"; }
	bad() { say "FAILED: $*"; return 1; }

	why=$(parse "$file") || { bad "malformed $file: $why"; return; }
	parse "$file"
	progs=("$build/selftests/$ch"/*_test)
	[ ${#progs[@]} -gt 0 ] || { bad "no test program in $build/selftests/$ch"; return; }
	rm -rf "$dir"
	if ! "$top/scripts/chapter-tree" "$ch" "$dir/src" >/dev/null; then
		bad "no tree for chapter $ch"
		return
	fi
	for i in "${!origs[@]}"; do
		target=$(locate "${origs[$i]}" "$ch" "$dir/src") ||
			{ bad "no longer applies: $target"; return; }
		apply "$dir/src/$target" "${origs[$i]}" "${repls[$i]}" ||
			{ bad "cannot write $dir/src/$target"; return; }
		[[ " ${changed[*]} " == *" $target "* ]] || changed+=("$target")
	done
	if ! why=$(build_mutant "$ch" "$dir" "${changed[@]}" 2>&1); then
		bad "does not build: $(grep -m 1 -E 'error|missing|undefined' <<<"$why" || echo "${why%%$'\n'*}")"
		return
	fi
	killer=$(run_tests "$ch" "$dir")
	# A test that cannot even start kills every mutant: that is no kill.
	why=$(grep -h -m 1 "cannot make the lab" "$dir"/*.tap)
	if [ -n "$why" ]; then
		bad "the tests could not run: ${why#*: }"
		return
	fi
	if [ -z "$killer" ]; then
		say "SURVIVED ($header)"
		return 1
	fi
	say "KILLED by $killer$(expect_note "$dir" "$killer")"
	[ "${KEEP:-0}" = 1 ] || rm -rf "$dir"
}

# run_mutant CH FILE: at once, or (JOBS > 1) in the background, its line
# kept in SLOT.out and its verdict in SLOT.rc until reap() collects it.
running=0 slot=0
run_mutant() {
	if [ "$jobs" -le 1 ]; then
		if mutant "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
		return
	fi
	[ $running -lt "$jobs" ] || reap_one
	slot=$((slot + 1))
	# The verdict is renamed into place: reap_one reads no half-written one.
	( mutant "$@" >"$scratch_top/$slot.out" 2>&1
	  echo $? >"$scratch_top/$slot.tmp" &&
	  mv "$scratch_top/$slot.tmp" "$scratch_top/$slot.rc" ) &
	running=$((running + 1))
}

# reap_one: waits for a background mutant, prints what ended and tallies.
reap_one() {
	local rc out
	wait -n
	running=$((running - 1))
	for rc in "$scratch_top"/*.rc; do
		out=${rc%.rc}.out
		cat "$out"
		if [ "$(<"$rc")" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
		rm -f "$rc" "$out"
	done
}

mapfile -t chapters < <(find "$top/chapters" -mindepth 1 -maxdepth 1 -type d \
	-printf '%f\n' | LC_ALL=C sort)
[ $# -gt 0 ] || set -- "${chapters[@]}"

# A test program stopped at its first failure does not tear down the test
# that was running, so that test's container cgroups stay behind. Note
# the ones there now; once every mutant is done, remove the new ones that
# hold no process (removing one while a mutant runs could race its test).
cgroups_before=$("$top/selftests/tools/count-cgroups" -l)

for arg in "$@"; do
	arg=${arg%/} arg=${arg%.mutant} ch=${arg%%/*} only=
	[ "$arg" = "$ch" ] || only=${arg#*/}
	if [ ! -d "$top/chapters/$ch" ]; then
		echo "MUTANTS $ch: no such chapter in chapters/: counted as 1 failed"
		failed=$((failed + 1))
		continue
	fi
	files=("$top/mutants/$ch"/*.mutant)
	if [ -n "$only" ]; then
		files=("$top/mutants/$ch/$only.mutant")
	elif [ ${#files[@]} -lt "$min" ]; then
		echo "MUTANTS $ch: ${#files[@]} mutants in mutants/$ch/, at least $min needed: counted as 1 failed"
		failed=$((failed + 1))
	fi
	for f in "${files[@]}"; do
		[ -e "$f" ] || { echo "MUTANT $ch/$only: FAILED: no file $f"; failed=$((failed + 1)); continue; }
		run_mutant "$ch" "$f"
	done
done
while [ $running -gt 0 ]; do reap_one; done
left=0
while read -r cg; do
	[ -s "$cg/cgroup.procs" ] || ! rmdir "$cg" 2>/dev/null || left=$((left + 1))
done < <(comm -13 <(echo "$cgroups_before") \
	<("$top/selftests/tools/count-cgroups" -l))
[ $left -eq 0 ] || echo "mutants: removed $left empty cgroups of stopped test programs"
[ "${KEEP:-0}" = 1 ] || rm -rf "$scratch_top"

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
