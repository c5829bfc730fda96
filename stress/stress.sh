#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make stress: kill or fail mydocker at every system call it makes, and
# race it against itself; after each trial nothing of the container may be
# left and nothing may be said that a user would not understand.
#
#   stress/stress.sh MYDOCKER IMAGE_TAR
#
# Fault injection is strace's, so it is deterministic: a first, clean run
# of each command records its system calls (strace -f, every process of
# it, up to the container's execve); every point (syscall S, its Kth call
# in a process) becomes one trial, `-e inject=S:signal=SIGKILL:when=K`
# (the "kill" mode) or `-e inject=S:error=EIO:when=K` (the "eio" mode).
# After each trial:
#   - `ps` exits 0 with nothing on stderr;
#   - `rm -f NAME` exits 0 (or says "no such container" when there is none);
#   - nothing of the container is left: no mount under the lab's temp dir
#     in /proc/self/mountinfo, no cgroup mydocker/ID in any hierarchy, no
#     process in that cgroup or with the container's name on its command
#     line, no state dir, no layer dir, no file under images/ but the image
#     and what a successful commit made;
#   - in the eio mode: at most one line on stderr, "mydocker: CMD: ...",
#     exactly one when the command failed, and a documented status.
#     It skips what an errno cannot fail as the kernel would: the dynamic
#     loader's calls, exit, exit_group, execve (the container's command),
#     brk (it returns an address, not -errno: glibc would take EIO for
#     one) and close (the kernel frees the descriptor even when close
#     fails; injected, it stays open).
# Whatever a trial left is then cleaned up by this script, so that one
# failure does not fail the trials after it.
#
# Environment:
#   STRESS_STEP=K       take every Kth point of each command (default 1:
#                       all); run -d always takes every point
#   STRESS_CMDS="..."   the commands (default: run-d run stop rm commit;
#                       empty: none, only the races)
#   STRESS_MODES="..."  kill and/or eio (default both)
#   STRESS_RACES=0      skip the races (default 1)
#   STRESS_RACE_N=50    concurrent runs of one name
#   STRESS_VERBOSE=1    say what every failed trial left
#
# Ends with "N passed, N failed, N skipped"; exits 1 if any failed.
set -uo pipefail

BIN=$(readlink -f "${1:?usage: stress.sh MYDOCKER IMAGE_TAR}")
IMAGE=$(readlink -f "${2:?usage: stress.sh MYDOCKER IMAGE_TAR}")
STEP=${STRESS_STEP:-1}
CMDS=${STRESS_CMDS-run-d run stop rm commit}
MODES=${STRESS_MODES:-kill eio}
RACES=${STRESS_RACES:-1}
RACE_N=${STRESS_RACE_N:-50}
VERBOSE=${STRESS_VERBOSE:-0}
TIMEOUT=20	# seconds for one mydocker under strace

passed=0 failed=0 skipped=0
LAB=$(mktemp -d "${TMPDIR:-/tmp}/mydocker-stress.XXXXXX")
export MYDOCKER_ROOT=$LAB/root MYDOCKER_RUN=$LAB/run
mkdir -p "$MYDOCKER_ROOT/images"
ln -s "$IMAGE" "$MYDOCKER_ROOT/images/busybox.tar"
# The containers' command: a number no other sleep on this machine has,
# so that a stranded container is found by its command line.
NAP=$((100000 + $$ % 100000))
CG_ROOTS=$(find /sys/fs/cgroup -mindepth 1 -maxdepth 1 -type d 2>/dev/null;
	   [ -e /sys/fs/cgroup/cgroup.controllers ] && echo /sys/fs/cgroup)

# A command that is not a trial: no output unless it fails.
quiet() { timeout "$TIMEOUT" "$BIN" "$@" >/dev/null 2>&1; }

cleanup_all() {
	local m
	# Processes of this run only: our own names and our own sleep.
	for pid in $(own_pids ""); do kill -KILL "$pid" 2>/dev/null; done
	grep -F " $LAB/" /proc/self/mountinfo | awk '{print $5}' | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	for r in $CG_ROOTS; do
		ls "$r/mydocker" 2>/dev/null
	done | sort -u | comm -12 - <(all_ids) |
		while read -r id; do remove_cgroups "$id"; done
	rm -rf "$LAB"
}
trap cleanup_all EXIT
trap 'exit 130' INT TERM

# IDs this run has seen, kept in a file because trials run in subshells.
IDS=$LAB/ids
: >"$IDS"
all_ids() { sort -u "$IDS"; }

# PIDs of our containers and our mydockers; @1 narrows to one name or ID.
own_pids() {
	local want=${1:-stress-} id
	ps -eo pid=,args= | awk -v bin="$BIN " -v want="$want" -v nap="sleep $NAP" \
		-v me="$$" '$1 != me && (($2 " " == bin && index($0, want)) ||
			substr($0, index($0, $2)) == nap) { print $1 }'
	if [ -n "$1" ]; then
		grep -ls "/mydocker/$1\$" /proc/[0-9]*/cgroup
	else
		grep -s "/mydocker/[0-9a-f]*\$" /proc/[0-9]*/cgroup |
			sed 's|.*/||' | sort -u | comm -12 - <(all_ids) |
			while read -r id; do
				grep -ls "/mydocker/$id\$" /proc/[0-9]*/cgroup
			done
	fi | sed -n 's|^/proc/\([0-9]*\)/cgroup|\1|p'
}

remove_cgroups() {
	local id=$1 r
	for r in $CG_ROOTS; do
		[ -d "$r/mydocker/$id" ] && rmdir "$r/mydocker/$id" 2>/dev/null
	done
}

# What is left of container NAME (IDs in @2...): one word per kind.
leftovers() {
	local name=$1 id r left=""
	shift
	grep -qF " $LAB/" /proc/self/mountinfo && left+=" mount"
	for id in "$@"; do
		for r in $CG_ROOTS; do
			[ -d "$r/mydocker/$id" ] && { left+=" cgroup:${r##*/}"; }
		done
		[ -e "$MYDOCKER_ROOT/containers/$id" ] && left+=" layer"
		[ -n "$(own_pids "$id")" ] && left+=" process"
	done
	[ -n "$(own_pids "$name")" ] && left+=" process"
	[ -e "$MYDOCKER_RUN/$name" ] && left+=" state"
	# A layer dir of an ID we did not learn of.
	[ -n "$(ls -A "$MYDOCKER_ROOT/containers" 2>/dev/null)" ] &&
		[[ $left != *layer* ]] && left+=" layer"
	ls "$MYDOCKER_ROOT/images" | grep -qv -e '^busybox\.tar$' -e '^ok-.*\.tar$' &&
		left+=" image-temp"
	echo "${left# }" | tr ' ' '\n' | sort -u | tr '\n' ' '
}

# Force away what a trial left: only what this run made.
scrub() {
	local name=$1 id m
	shift
	local pids
	pids=$(own_pids "$name"; for id in "$@"; do own_pids "$id"; done)
	if [ -n "$pids" ]; then
		# shellcheck disable=SC2086
		kill -KILL $pids 2>/dev/null
		sleep 0.2	# gone from their cgroups before rmdir
	fi
	grep -F " $LAB/" /proc/self/mountinfo | awk '{print $5}' | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	for id in "$@"; do remove_cgroups "$id"; done
	rm -rf "$MYDOCKER_RUN/$name" "$MYDOCKER_ROOT/containers/"*
	find "$MYDOCKER_ROOT/images" -mindepth 1 -not -name busybox.tar -delete
}

# ---- the commands, each as set-up + the command under test ----

# Prepare what command @1 works on, for container @2.
setup() {
	case $1 in
	run-d|run) return 0 ;;
	stop|commit) quiet run -d --name "$2" busybox sleep "$NAP" ;;
	rm) quiet run -d --name "$2" busybox sleep "$NAP" && quiet stop -t 0 "$2" ;;
	esac
}

# The command line under test for command @1, container @2.
argv_of() {
	case $1 in
	run-d) echo "run -d --name $2 busybox sleep $NAP" ;;
	run) echo "run --name $2 busybox true" ;;
	stop) echo "stop -t 0 $2" ;;
	rm) echo "rm -f $2" ;;
	commit) echo "commit $2 ok-$2" ;;
	esac
}

# The statuses the README documents for command @1.
documented() {
	case $1 in
	run-d|run) [[ $2 =~ ^(0|125|126|127)$ ]] ;;
	*) [[ $2 =~ ^(0|1)$ ]] ;;
	esac
}

# Container IDs a trace mentions (cgroup, layer dir, output).
ids_in() { grep -oE '(mydocker|containers)/[0-9a-f]{12}' "$@" 2>/dev/null |
	   sed 's|.*/||' | sort -u; }

# The injection points of command @1: "SYSCALL K" in order of first call.
points() {
	local cmd=$1 name=stress-probe-$1 trace=$LAB/probe.$1
	setup "$cmd" "$name"
	# shellcheck disable=SC2046
	timeout "$TIMEOUT" strace -f -b execve -qq -o "$trace" \
		"$BIN" $(argv_of "$cmd" "$name") >/dev/null 2>&1
	ids_in "$trace" >>"$IDS"
	quiet rm -f "$name"
	scrub "$name" $(ids_in "$trace")
	# Until it unmaps ld.so.cache (the first munmap after rseq) the
	# dynamic loader runs, not mydocker: an error there is ld.so's to
	# report ("eio" skips those points).
	awk '/^[0-9]+ +[a-z_0-9]+\(/ {
		sub(/\(.*/, "", $2); k = ++n[$1 " " $2]
		if (!seen[$2 " " k]++) print $2, k, (main ? "main" : "loader")
		if ($2 == "rseq") rseq = 1
		if (rseq && $2 == "munmap") main = 1
	}' "$trace"
}

fail() {
	failed=$((failed + 1))
	echo "not ok $*"
}

# One trial: command @1, mode @2, syscall @3, call @4.
trial() {
	local cmd=$1 mode=$2 sc=$3 k=$4 n=$5
	local name="stress-$cmd-$mode-$n" t=$LAB/t out err rc why=""
	local inject injected
	case $mode in
	kill) inject="inject=$sc:signal=SIGKILL:when=$k" ;;
	eio) inject="inject=$sc:error=EIO:when=$k" ;;
	esac
	if ! setup "$cmd" "$name"; then
		fail "$cmd $mode $sc#$k: set-up failed"
		scrub "$name" $(ids_in "$MYDOCKER_RUN/$name/config.json")
		return
	fi
	ids_in "$MYDOCKER_RUN/$name/config.json" >"$t.ids"
	# shellcheck disable=SC2046
	# (In a subshell, so that bash's "Killed" goes nowhere.)
	( timeout "$TIMEOUT" strace -f -b execve -qq -o "$t.trace" -e "$inject" \
		"$BIN" $(argv_of "$cmd" "$name") >"$t.out" 2>"$t.err" ) 2>/dev/null
	rc=$?
	[ "$rc" -eq 124 ] && why+=" hang"
	{ ids_in "$t.trace" "$t.out"; cat "$t.ids"; } | sort -u >"$t.ids2"
	cat "$t.ids2" >>"$IDS"
	injected=$(grep -m1 'INJECTED\|+++ killed by SIGKILL' "$t.trace")
	if [ "$mode" = eio ] && [ "$rc" -ne 124 ]; then
		documented "$cmd" "$rc" || why+=" status=$rc"
		local lines
		lines=$(grep -c . "$t.err")
		if [ "$lines" -gt 1 ]; then
			why+=" stderr-lines=$lines"
		elif [ "$lines" -eq 1 ] && ! grep -q "^mydocker: ${cmd%-d}: " "$t.err"; then
			why+=" stderr-format"
		elif [ "$lines" -eq 0 ] && [ "$rc" -ne 0 ] &&
		     ! [[ $injected =~ ^[0-9]+\ +write\(2, ]]; then
			why+=" silent-failure"
		fi
	fi
	# What a user does next: look, then remove it.
	timeout "$TIMEOUT" "$BIN" ps >/dev/null 2>"$t.ps"
	rc=$?
	[ "$rc" -ne 0 ] && why+=" ps-status=$rc"
	[ -s "$t.ps" ] && why+=" ps-stderr"
	timeout "$TIMEOUT" "$BIN" rm -f "$name" >/dev/null 2>"$t.rm"
	rc=$?
	if [ "$rc" -ne 0 ] && ! grep -q "no such container" "$t.rm"; then
		why+=" rm-f-status=$rc"
	fi
	sleep 0.02	# let a killed container's init be reaped
	local left
	left=$(leftovers "$name" $(cat "$t.ids2"))
	[ -n "${left// /}" ] && why+=" left:${left% }"
	if [ -n "$why" ]; then
		fail "$cmd $mode $sc#$k:$why"
		if [ "$VERBOSE" = 1 ]; then
			sed 's/^/#   stderr: /' "$t.err" "$t.ps" "$t.rm"
		fi
	else
		passed=$((passed + 1))
	fi
	scrub "$name" $(cat "$t.ids2")
	find "$MYDOCKER_ROOT/images" -mindepth 1 -not -name busybox.tar -delete
}

inject_all() {
	local cmd=$1 mode start elapsed total=0 step n i
	local -a pts
	mapfile -t pts < <(points "$cmd")
	step=$STEP
	[ "$cmd" = run-d ] && step=1
	for mode in $MODES; do
		start=$(date +%s.%N)
		n=0
		for ((i = 0; i < ${#pts[@]}; i += step)); do
			read -r sc k phase <<<"${pts[$i]}"
			if [ "$mode" = eio ] && { [ "$phase" = loader ] ||
			   [[ $sc =~ ^(exit|exit_group|execve|brk|close)$ ]]; }; then
				skipped=$((skipped + 1))
				continue
			fi
			n=$((n + 1))
			trial "$cmd" "$mode" "$sc" "$k" "$i"
		done
		elapsed=$(since "$start")
		printf '# %s %s: %d points, %d trials, %.1f s\n' \
			"$cmd" "$mode" "${#pts[@]}" "$n" "$elapsed"
	done
}

# ---- races ----

# 50 runs of one name at once: exactly one wins, the others leave nothing.
race_same_name() {
	local name=stress-same i rc wins=0 bad=0 t=$LAB/race
	mkdir -p "$t"
	for ((i = 0; i < RACE_N; i++)); do
		strace -f -b execve -qq -e trace=mkdir,mkdirat \
			-o "$t/trace.$i" "$BIN" run -d --name "$name" busybox \
			sleep "$NAP" >"$t/out.$i" 2>"$t/err.$i" &
	done
	wait
	ids_in "$t"/trace.* >>"$IDS"
	for ((i = 0; i < RACE_N; i++)); do
		rc=$(grep -c . "$t/out.$i")
		if [ "$rc" -eq 1 ] && [ ! -s "$t/err.$i" ]; then
			wins=$((wins + 1))
		elif [ "$(grep -c . "$t/err.$i")" -ne 1 ] ||
		     ! grep -q "already in use" "$t/err.$i"; then
			bad=$((bad + 1))
			[ "$VERBOSE" = 1 ] && sed 's/^/#   stderr: /' "$t/err.$i"
		fi
	done
	local listed
	listed=$("$BIN" ps 2>&1 | grep -c " $name ")
	quiet rm -f "$name"
	local left
	left=$(leftovers "$name" $(ids_in "$t"/trace.*))
	if [ "$wins" -eq 1 ] && [ "$bad" -eq 0 ] && [ "$listed" -eq 1 ] &&
	   [ -z "${left// /}" ]; then
		passed=$((passed + 1))
	else
		fail "race: $RACE_N runs of one name: $wins won, $bad said something else, ps listed $listed, left: $left"
	fi
	scrub "$name" $(ids_in "$t"/trace.*)
	rm -rf "$t"
}

# stop, rm -f, exec and ps of one container at once, 20 times.
race_one_container() {
	local name=stress-one r t=$LAB/one bad=0 why rc
	mkdir -p "$t"
	for ((r = 0; r < 20; r++)); do
		quiet run -d --name "$name" busybox sleep "$NAP" || {
			fail "race: stop/rm/exec/ps: set-up"; continue; }
		ids_in "$MYDOCKER_RUN/$name/config.json" >"$t/ids"
		cat "$t/ids" >>"$IDS"
		"$BIN" stop -t 0 "$name" >/dev/null 2>"$t/stop" & local p1=$!
		"$BIN" rm -f "$name" >/dev/null 2>"$t/rm" & local p2=$!
		"$BIN" exec "$name" true >/dev/null 2>"$t/exec" & local p3=$!
		"$BIN" ps >/dev/null 2>"$t/ps" & local p4=$!
		why=""
		wait $p1; rc=$?
		[ "$rc" -eq 0 ] && [ -s "$t/stop" ] && why+=" stop-said-something"
		[ "$rc" -ne 0 ] && ! grep -q "no such container" "$t/stop" &&
			why+=" stop:$rc"
		[ "$(grep -c . "$t/stop")" -gt 1 ] && why+=" stop-lines"
		wait $p2; rc=$?
		[ "$rc" -ne 0 ] && why+=" rm-f:$rc"
		[ -s "$t/rm" ] && why+=" rm-f-said-something"
		wait $p3; rc=$?
		if [ "$rc" -ne 0 ]; then
			[ "$rc" -ne 1 ] && [ "$rc" -ne 137 ] && why+=" exec:$rc"
			[ "$(grep -c . "$t/exec")" -gt 1 ] && why+=" exec-lines"
		fi
		wait $p4; rc=$?
		[ "$rc" -ne 0 ] && why+=" ps:$rc"
		[ -s "$t/ps" ] && why+=" ps-stderr"
		quiet rm -f "$name"
		local left
		left=$(leftovers "$name" $(cat "$t/ids"))
		[ -n "${left// /}" ] && why+=" left:$left"
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			[ "$VERBOSE" = 1 ] && echo "#  round $r:$why" &&
				sed 's/^/#   stderr: /' "$t"/stop "$t"/rm "$t"/exec "$t"/ps
		fi
		scrub "$name" $(cat "$t/ids")
	done
	if [ "$bad" -eq 0 ]; then
		passed=$((passed + 1))
	else
		fail "race: stop/rm -f/exec/ps of one container: $bad of 20 rounds went wrong"
	fi
	rm -rf "$t"
}

# ps while other containers are made and removed: never a word on stderr.
race_ps_during_churn() {
	local t=$LAB/churn i bad=0 runs=0 stop=$LAB/churn.stop
	mkdir -p "$t"
	(
		i=0
		while [ ! -e "$stop" ]; do
			"$BIN" run -d --name "stress-churn-$i" busybox sleep "$NAP" \
				>/dev/null 2>&1
			"$BIN" rm -f "stress-churn-$i" >/dev/null 2>&1
			i=$((i + 1))
		done
	) &
	local churn=$!
	for ((i = 0; i < 150; i++)); do
		"$BIN" ps >/dev/null 2>"$t/ps" || bad=$((bad + 1))
		[ -s "$t/ps" ] && { bad=$((bad + 1)); [ "$VERBOSE" = 1 ] &&
			sed 's/^/#   stderr: /' "$t/ps"; }
		runs=$((runs + 1))
	done
	touch "$stop"
	wait "$churn"
	for d in "$MYDOCKER_RUN"/stress-churn-*; do
		[ -e "$d" ] && quiet rm -f "${d##*/}"
	done
	for id in $(ls "$MYDOCKER_ROOT/containers" 2>/dev/null); do
		echo "$id" >>"$IDS"
	done
	if [ "$bad" -eq 0 ]; then
		passed=$((passed + 1))
	else
		fail "race: ps during creation and removal: $bad of $runs ps said something or failed"
	fi
	rm -rf "$t" "$stop"
}

# ---- main ----

since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { print b - a }'; }

# Unpack the image once, outside the trials.
quiet run --name stress-warm busybox true || {
	echo "stress: $BIN cannot run a container; giving up" >&2
	exit 1
}
start=$(date +%s)
for cmd in $CMDS; do
	inject_all "$cmd"
done
if [ "$RACES" = 1 ]; then
	rs=$(date +%s.%N)
	race_same_name
	race_one_container
	race_ps_during_churn
	printf '# races: %.1f s\n' "$(since "$rs")"
fi
echo "# stress: $(( $(date +%s) - start )) s, STRESS_STEP=$STEP, $BIN"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
