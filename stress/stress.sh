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
#   - once every process of the trial that is on its way out has gone
#     (stress/lib.sh: settle), nothing of the container is left: no mount
#     under the lab's temp dir in /proc/self/mountinfo, no cgroup
#     mydocker/ID in any hierarchy, no process (an orphan of the trial,
#     one in its cgroup, a mydocker or monitor naming it, its command), no
#     state dir, no layer dir, no file under images/ but the image and
#     what a successful commit made;
#   - in the eio mode: at most one line on stderr, "mydocker: CMD: ...",
#     exactly one when the command failed, and a documented status.
#     It skips what an errno cannot fail as the kernel would: the dynamic
#     loader's calls, exit, exit_group, execve (the container's command),
#     brk (it returns an address, not -errno: glibc would take EIO for
#     one) and close (the kernel frees the descriptor even when close
#     fails; injected, it stays open).
# The held races (stress/held.sh) are trials too: one command on a running
# container held by strace at each of its points in turn
# (`-e inject=S:delay_enter=US:when=K`) while another runs to its end.
# Whatever a trial left is then cleaned up by this script, so that one
# failure does not fail the trials after it. The trials run in
# STRESS_JOBS workers, each with a root of its own and under a subreaper
# of its own (stress/lib.sh), so a trial's orphans are its own.
#
# Environment:
#   STRESS_STEP=K       take every Kth point of each command (default 1:
#                       all); run -d always takes every point in the
#                       kill mode
#   STRESS_EIO_STEP=K   every Kth point of run -d in the eio mode (default
#                       STRESS_STEP)
#   STRESS_CMDS="..."   the commands (default: run-d run stop rm commit;
#                       empty: none, only the races)
#   STRESS_MODES="..."  kill and/or eio (default both)
#   STRESS_ONLY="..."   only these trials, as a finding names them
#                       ("run-d kill mkdir#5"), comma-separated
#   STRESS_RACES="..."  same-name one-container ps-churn descriptors
#                       name-shadow (default all; 0 or empty: none)
#   STRESS_HELD="..."   held races, HELD:RIVAL (default: stop:rm rm:stop
#                       exec:rm rm:exec exec:stop stop:stop rm:rm; empty:
#                       none), every STRESS_STEP-th point of HELD
#   STRESS_HOLD_US=300000  how long strace holds HELD
#   STRESS_RACE_N=50    concurrent runs of one name
#   STRESS_ROUNDS=20    rounds of stop/rm -f/exec/ps of one container
#   STRESS_PS_N=150     ps runs during creation and removal
#   STRESS_JOBS=2       trials at once
#   STRESS_VERBOSE=1    say what every failed trial said
#
# Every finding is one "not ok" line that ends with the command that
# replays it. Ends with "N passed, N failed, N skipped"; exits 1 if any
# failed, 2 (with the usage) on a bad command line.
set -uo pipefail

SELF=$(readlink -f "$0")
# shellcheck source=stress/lib.sh
. "$(dirname "$SELF")/lib.sh"
tool_start stress "$SELF" "$@"
STEP=${STRESS_STEP:-1}
EIO_STEP=${STRESS_EIO_STEP:-$STEP}
CMDS=${STRESS_CMDS-run-d run stop rm commit}
MODES=${STRESS_MODES:-kill eio}
ONLY=${STRESS_ONLY:-}
ALL_RACES="same-name one-container ps-churn descriptors name-shadow"
RACES=${STRESS_RACES-$ALL_RACES}
[ "$RACES" = 0 ] && RACES=""
[ "$RACES" = 1 ] && RACES=$ALL_RACES
RACE_N=${STRESS_RACE_N:-50}
ROUNDS=${STRESS_ROUNDS:-20}
PS_N=${STRESS_PS_N:-150}
JOBS=${STRESS_JOBS:-2}
VERBOSE=${STRESS_VERBOSE:-0}
TIMEOUT=20	# seconds for one mydocker under strace
WORKER=${STRESS_WORKER:-}

# What replays one finding.
replay() {
	printf "STRESS_ONLY='%s' stress/stress.sh %s %s" "$1" "$BIN" "$IMAGE"
}

# ---- the lab: a root per worker, and what was made in it ----

if [ -z "$WORKER" ]; then
	LAB=$(mktemp -d "${TMPDIR:-/tmp}/mydocker-stress.XXXXXX")
	ROOTDIR=$LAB/main
	NAP_BASE=$((100000 + $$ % 10000 * 10))
	export STRESS_LAB=$LAB STRESS_NAP_BASE=$NAP_BASE
else
	LAB=$STRESS_LAB
	ROOTDIR=$LAB/w$WORKER
	NAP_BASE=$STRESS_NAP_BASE
fi
export MYDOCKER_ROOT=$ROOTDIR/root MYDOCKER_RUN=$ROOTDIR/run
mkdir -p "$MYDOCKER_ROOT/images"
ln -sf "$IMAGE" "$MYDOCKER_ROOT/images/busybox.tar"
# The containers' command: a number no other sleep on this machine has,
# so that a stranded container is found by its command line.
NAP=$((NAP_BASE + ${WORKER:-9}))
CG_ROOTS=$(find /sys/fs/cgroup -mindepth 1 -maxdepth 1 -type d 2>/dev/null;
	   [ -e /sys/fs/cgroup/cgroup.controllers ] && echo /sys/fs/cgroup)
# IDs this root has seen, in a file because trials run in subshells.
IDS=$ROOTDIR/ids
: >"$IDS"

# A command that is not a trial: no output unless it fails.
quiet() { timeout "$TIMEOUT" "$BIN" "$@" >/dev/null 2>&1 </dev/null; }

remove_cgroups() {
	local id=$1 r
	for r in $CG_ROOTS; do
		[ -d "$r/mydocker/$id" ] && rmdir "$r/mydocker/$id" 2>/dev/null
	done
}

umount_ours() {
	local m
	grep -F " $1/" /proc/self/mountinfo | awk '{print $5}' | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
}

# Everything this root made: processes, mounts, cgroups, files.
cleanup_root() {
	local id
	# shellcheck disable=SC2046
	kill_trial_procs $(sort -u "$IDS" 2>/dev/null) $(ls "$MYDOCKER_RUN" 2>/dev/null)
	umount_ours "$ROOTDIR"
	for id in $(sort -u "$IDS" 2>/dev/null); do remove_cgroups "$id"; done
}
cleanup_all() {
	local ids id
	cleanup_root
	[ -n "$WORKER" ] && return
	# The workers clean up after themselves; this is for a worker
	# that was killed.
	umount_ours "$LAB"
	for ids in "$LAB"/w*/ids; do
		for id in $(sort -u "$ids" 2>/dev/null); do remove_cgroups "$id"; done
	done
	rm -rf "$LAB" "${REAPER_TMP:-}"
}
trap cleanup_all EXIT
trap 'exit 130' INT TERM

# What is left of container NAME (IDs in @2...): one word per kind.
leftovers() {
	local name=$1 id r left=""
	shift
	[ -n "$(settle "$name" "$@")" ] && left+=" process"
	grep -qF " $ROOTDIR/" /proc/self/mountinfo && left+=" mount"
	for id in "$@"; do
		for r in $CG_ROOTS; do
			[ -d "$r/mydocker/$id" ] && left+=" cgroup:${r##*/}"
		done
	done
	[ -e "$MYDOCKER_RUN/$name" ] && left+=" state"
	[ -n "$(ls -A "$MYDOCKER_ROOT/containers" 2>/dev/null)" ] && left+=" layer"
	ls "$MYDOCKER_ROOT/images" | grep -qv -e '^busybox\.tar$' -e '^busybox$' \
		-e '^ok-.*\.tar$' && left+=" image-temp"
	echo "${left# }"
}

# Force away what a trial left: only what this root made.
scrub() {
	local name=$1 id
	shift
	kill_trial_procs "$name" "$@"
	umount_ours "$ROOTDIR"
	for id in "$@"; do remove_cgroups "$id"; done
	rm -rf "${MYDOCKER_RUN:?}/$name" "$MYDOCKER_ROOT/containers/"*
	find "$MYDOCKER_ROOT/images" -mindepth 1 -maxdepth 1 -not -name busybox.tar \
		-not -name busybox -exec rm -rf {} +
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
ids_in() { grep -ohE '(mydocker|containers)/[0-9a-f]{12}|^[0-9a-f]{12}$' "$@" \
	   2>/dev/null | sed 's|.*/||' | sort -u; }

# The injection points of command @1: "SYSCALL K PHASE" in order of
# first call.
points() {
	local cmd=$1 name=stress-probe-$1 trace=$ROOTDIR/probe.$1
	setup "$cmd" "$name"
	# shellcheck disable=SC2046
	timeout "$TIMEOUT" strace -f -b execve -qq -o "$trace" \
		"$BIN" $(argv_of "$cmd" "$name") >/dev/null 2>&1 </dev/null
	ids_in "$trace" >>"$IDS"
	quiet rm -f "$name"
	# shellcheck disable=SC2046
	scrub "$name" $(ids_in "$trace")
	points_in "$trace"
}

# The points of strace -f output @1, "SYSCALL K PHASE". Until it unmaps
# ld.so.cache (the first munmap after rseq) the dynamic loader runs, not
# mydocker: an error there is ld.so's to report ("eio" skips those points).
points_in() {
	awk '/^[0-9]+ +[a-z_0-9]+\(/ {
		sub(/\(.*/, "", $2); k = ++n[$1 " " $2]
		if (!seen[$2 " " k]++) print $2, k, (main ? "main" : "loader")
		if ($2 == "rseq") rseq = 1
		if (rseq && $2 == "munmap") main = 1
	}' "$1"
}

# One trial: command @1, mode @2, syscall @3, call @4, number @5; prints
# "ok" or "not ok ..." with its time.
trial() {
	local cmd=$1 mode=$2 sc=$3 k=$4 n=$5
	local name="s$WORKER-$cmd-$mode-$n" t=$ROOTDIR/t rc why="" inject injected
	local start=$EPOCHREALTIME what="$cmd $mode $sc#$k" t1 t2 t3
	case $mode in
	kill) inject="inject=$sc:signal=SIGKILL:when=$k" ;;
	eio) inject="inject=$sc:error=EIO:when=$k" ;;
	esac
	if ! setup "$cmd" "$name"; then
		echo "not ok $what: set-up failed # replay: $(replay "$what")"
		# shellcheck disable=SC2046
		scrub "$name" $(ids_in "$MYDOCKER_RUN/$name/config.json")
		return
	fi
	ids_in "$MYDOCKER_RUN/$name/config.json" >"$t.ids"
	# (In a subshell that does not exec it, so that bash has no
	# "Killed" to say.)
	# shellcheck disable=SC2046
	( timeout "$TIMEOUT" strace -f -b execve -qq -o "$t.trace" -e "$inject" \
		"$BIN" $(argv_of "$cmd" "$name") >"$t.out" 2>"$t.err" </dev/null
	  exit $? ) 2>/dev/null
	rc=$?
	t1=$EPOCHREALTIME
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
	timeout "$TIMEOUT" "$BIN" ps >/dev/null 2>"$t.ps" </dev/null
	rc=$?
	[ "$rc" -ne 0 ] && why+=" ps-status=$rc"
	[ -s "$t.ps" ] && why+=" ps-stderr"
	timeout "$TIMEOUT" "$BIN" rm -f "$name" >/dev/null 2>"$t.rm" </dev/null
	rc=$?
	if [ "$rc" -ne 0 ] && ! grep -q "no such container" "$t.rm"; then
		why+=" rm-f-status=$rc"
	fi
	local left
	t2=$EPOCHREALTIME
	# shellcheck disable=SC2046
	left=$(leftovers "$name" $(cat "$t.ids2"))
	t3=$EPOCHREALTIME
	[ -n "$left" ] && why+=" left:${left// /,}"
	if [ -n "$why" ]; then
		echo "not ok $what:$why # replay: $(replay "$what")"
		if [ "$VERBOSE" = 1 ]; then
			sed 's/^/#   stderr: /' "$t.err" "$t.ps" "$t.rm"
		fi
		# shellcheck disable=SC2046
		scrub "$name" $(cat "$t.ids2")
	else
		echo "ok $what"
	fi
	find "$MYDOCKER_ROOT/images" -mindepth 1 -maxdepth 1 -name 'ok-*' -delete
	time_line "$cmd" "$mode" "$start" "$t1" "$t2" "$t3"
}

# A trial's "# time CMD MODE TOTAL SETUP+COMMAND PS+RM CHECKS [EXTRA]"
# line, from its start @3 and the ends @4 @5 @6 of its three parts.
time_line() {
	awk -v c="$1" -v m="$2" -v a="$3" -v b="$4" -v d="$5" -v e="$6" \
		-v now="$EPOCHREALTIME" -v x="${7:-}" \
		'BEGIN { printf "# time %s %s %.3f %.3f %.3f %.3f%s\n",
			 c, m, now - a, b - a, d - b, e - d, x == "" ? "" : " " x }'
}

# shellcheck source=stress/held.sh
. "$(dirname "$SELF")/held.sh"

# A worker: the trials of lines @1 of $LAB/trials where line % JOBS == W.
worker_main() {
	quiet run --name "s$WORKER-warm" busybox true
	awk -v j="$JOBS" -v w="$WORKER" '(NR - 1) % j == w' "$LAB/trials" |
		while read -r cmd mode sc k i; do
			if [ "$cmd" = held ]; then
				held_trial "$mode" "$sc" "$k" "$i"
			else
				trial "$cmd" "$mode" "$sc" "$k" "$i"
			fi
		done
}
if [ -n "$WORKER" ]; then
	worker_main
	exit 0
fi

# The trials of command @1, into $LAB/trials; skipped ones are counted.
list_trials() {
	local cmd=$1 mode step i sc k phase
	local -a pts
	mapfile -t pts < <(points "$cmd")
	npoints[$cmd]=${#pts[@]}
	for mode in $MODES; do
		step=$STEP
		[ "$cmd" = run-d ] && step=1
		[ "$cmd" = run-d ] && [ "$mode" = eio ] && step=$EIO_STEP
		for ((i = 0; i < ${#pts[@]}; i += step)); do
			read -r sc k phase <<<"${pts[$i]}"
			if [ -n "$ONLY" ] && [[ ",$ONLY," != *",$cmd $mode $sc#$k,"* ]]; then
				continue
			fi
			if [ "$mode" = eio ] && { [ "$phase" = loader ] ||
			   [[ $sc =~ ^(exit|exit_group|execve|brk|close)$ ]]; }; then
				skipped=$((skipped + 1))
				continue
			fi
			echo "$cmd $mode $sc $k $i" >>"$LAB/trials"
		done
	done
}

# ---- races ----

race_result() {
	if [ -z "$2" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "not ok race: $1: ${2# } # replay: STRESS_CMDS= STRESS_RACES=$3 stress/stress.sh $BIN $IMAGE"
	fi
}

# 50 runs of one name at once: exactly one wins, the others leave nothing.
race_same_name() {
	local name=stress-same i rc wins=0 bad=0 t=$ROOTDIR/race why=""
	mkdir -p "$t"
	for ((i = 0; i < RACE_N; i++)); do
		strace -f -b execve -qq -e trace=mkdir,mkdirat \
			-o "$t/trace.$i" "$BIN" run -d --name "$name" busybox \
			sleep "$NAP" >"$t/out.$i" 2>"$t/err.$i" </dev/null &
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
	local listed left
	listed=$("$BIN" ps 2>&1 | grep -c " $name ")
	quiet rm -f "$name"
	# shellcheck disable=SC2046
	left=$(leftovers "$name" $(ids_in "$t"/trace.*))
	if [ "$wins" -ne 1 ] || [ "$bad" -ne 0 ] || [ "$listed" -ne 1 ] ||
	   [ -n "$left" ]; then
		why="$RACE_N runs of one name: $wins won, $bad said something else, ps listed $listed, left: ${left:-nothing}"
	fi
	race_result "one name" "$why" same-name
	# shellcheck disable=SC2046
	scrub "$name" $(ids_in "$t"/trace.*)
	rm -rf "$t"
}

# stop, rm -f, exec and ps of one container at once, ROUNDS times.
race_one_container() {
	local name=stress-one r t=$ROOTDIR/one bad=0 why rc left
	mkdir -p "$t"
	for ((r = 0; r < ROUNDS; r++)); do
		quiet run -d --name "$name" busybox sleep "$NAP" || {
			bad=$((bad + 1)); continue; }
		ids_in "$MYDOCKER_RUN/$name/config.json" >"$t/ids"
		cat "$t/ids" >>"$IDS"
		"$BIN" stop -t 0 "$name" >/dev/null 2>"$t/stop" </dev/null & local p1=$!
		"$BIN" rm -f "$name" >/dev/null 2>"$t/rm" </dev/null & local p2=$!
		"$BIN" exec "$name" true >/dev/null 2>"$t/exec" </dev/null & local p3=$!
		"$BIN" ps >/dev/null 2>"$t/ps" </dev/null & local p4=$!
		why=""
		wait $p1; rc=$?
		why+=$(race_verdict stop "$rc" "$t/stop")
		wait $p2; rc=$?
		why+=$(race_verdict rm "$rc" "$t/rm")
		wait $p3; rc=$?
		why+=$(race_verdict exec "$rc" "$t/exec")
		wait $p4; rc=$?
		why+=$(race_verdict ps "$rc" "$t/ps")
		quiet rm -f "$name"
		# shellcheck disable=SC2046
		left=$(leftovers "$name" $(cat "$t/ids"))
		[ -n "$left" ] && why+=" left:$left"
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			# The first always: a CI log then says what went wrong.
			if [ "$VERBOSE" = 1 ] || [ "$bad" -eq 1 ]; then
				echo "#  round $r:$why"
				sed 's/^/#   stderr: /' "$t"/stop "$t"/rm "$t"/exec "$t"/ps
			fi
		fi
		# shellcheck disable=SC2046
		scrub "$name" $(cat "$t/ids")
	done
	why=""
	[ "$bad" -ne 0 ] && why="$bad of $ROUNDS rounds went wrong"
	race_result "stop/rm -f/exec/ps of one container" "$why" one-container
	rm -rf "$t"
}

# ps while other containers are made and removed: never a word on stderr.
race_ps_during_churn() {
	local t=$ROOTDIR/churn i bad=0 runs=0 stop=$ROOTDIR/churn.stop why=""
	mkdir -p "$t"
	(
		i=0
		while [ ! -e "$stop" ]; do
			"$BIN" run -d --name "stress-churn-$i" busybox sleep "$NAP" \
				>>"$t/ids" 2>/dev/null </dev/null
			"$BIN" rm -f "stress-churn-$i" >/dev/null 2>&1 </dev/null
			i=$((i + 1))
		done
	) &
	local churn=$!
	for ((i = 0; i < PS_N; i++)); do
		"$BIN" ps >/dev/null 2>"$t/ps" </dev/null || bad=$((bad + 1))
		[ -s "$t/ps" ] && { bad=$((bad + 1)); [ "$VERBOSE" = 1 ] &&
			sed 's/^/#   stderr: /' "$t/ps"; }
		runs=$((runs + 1))
	done
	touch "$stop"
	wait "$churn"
	cat "$t/ids" >>"$IDS"
	ls "$MYDOCKER_ROOT/containers" 2>/dev/null >>"$IDS"
	for d in "$MYDOCKER_RUN"/stress-churn-*; do
		[ -e "$d" ] && quiet rm -f "${d##*/}"
	done
	[ "$bad" -ne 0 ] && why="$bad of $runs ps said something or failed"
	race_result "ps during creation and removal" "$why" ps-churn
	rm -rf "$t" "$stop"
}

# Only stdio reaches a container: a descriptor of the caller's (7, on a
# file) is not there for the container's command to write to, and
# `id=$(mydocker run -d ...)` returns at once, not when the container
# exits (the container holding the pipe's write end). Issue 12.
race_descriptors() {
	local t=$ROOTDIR/fds why="" rc id
	mkdir -p "$t"
	: >"$t/host-file"
	timeout "$TIMEOUT" "$BIN" run --name stress-fd7 busybox sh -c 'echo x >&7' \
		7>>"$t/host-file" >/dev/null 2>"$t/err" </dev/null
	[ -s "$t/host-file" ] && why+=" fd 7 reached the container (it wrote the caller's file);"
	quiet rm -f stress-fd7
	# What $(...) does, reading to EOF, but with a time limit: a
	# container that holds the pipe would keep $(...) waiting for good.
	"$BIN" run -d --name stress-fd-pipe busybox sleep "$NAP" 3>&1 \
		2>"$t/err" </dev/null | timeout 10 cat >"$t/id"
	rc=${PIPESTATUS[1]}
	id=$(cat "$t/id")
	echo "$id" >>"$IDS"
	[ "$rc" -eq 124 ] && why+=" \$(run -d ... 3>&1) still waits after 10 s (the container holds the pipe);"
	quiet rm -f stress-fd-pipe
	local left
	left=$(leftovers stress-fd-pipe "$id")
	[ -n "$left" ] && why+=" left: $left"
	race_result "descriptors" "${why%;}" descriptors
	scrub stress-fd-pipe "$id"
	rm -rf "$t"
}

# IDs and names are one namespace: a name equal to another container's
# ID (or a prefix of one) is refused, and the ID still means that
# container.
race_name_shadow() {
	local why="" a rc id2
	a=$(timeout "$TIMEOUT" "$BIN" run -d --name stress-shadow-a busybox sleep "$NAP" \
		2>/dev/null </dev/null | tail -n 1)
	echo "$a" >>"$IDS"
	id2=$(timeout "$TIMEOUT" "$BIN" run -d --name "$a" busybox sleep "$NAP" \
		2>/dev/null </dev/null)
	rc=$?
	echo "$id2" >>"$IDS"
	[ "$rc" -eq 0 ] && why+=" a container may be named $a, the ID of another;"
	id2=$(timeout "$TIMEOUT" "$BIN" run -d --name "${a:0:6}" busybox sleep "$NAP" \
		2>/dev/null </dev/null)
	rc=$?
	echo "$id2" >>"$IDS"
	[ "$rc" -eq 0 ] && why+=" a container may be named ${a:0:6}, a prefix of another's ID;"
	quiet rm -f "$a" "${a:0:6}" stress-shadow-a
	quiet rm -f stress-shadow-a
	race_result "names and IDs" "${why%;}" name-shadow
	# shellcheck disable=SC2046
	scrub stress-shadow-a $(sort -u "$IDS")
}

# ---- main ----

since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

passed=0 failed=0 skipped=0
declare -A npoints=()
start=$EPOCHREALTIME
# Unpack the image once, outside the trials.
quiet run --name stress-warm busybox true || {
	echo "stress: $BIN cannot run a container; giving up" >&2
	exit 1
}
: >"$LAB/trials"
for cmd in $CMDS; do
	list_trials "$cmd"
done
list_held_trials
ts=$EPOCHREALTIME
pids=()
for ((w = 0; w < JOBS; w++)); do
	STRESS_WORKER=$w STRESS_REAPER_PENDING=1 "$REAP_NOW" "$SELF" "$BIN" "$IMAGE" \
		>"$LAB/out.$w" 2>&1 </dev/null &
	pids+=($!)
done
wait "${pids[@]}"
cat "$LAB"/out.* >"$LAB/out"
grep -v '^# time ' "$LAB/out" | grep -v '^ok '
passed=$((passed + $(grep -c '^ok ' "$LAB/out")))
# One line per command and mode (c, m), from the trials' lines.
# shellcheck disable=SC2016
SUMMARY='
	$1 == "ok" && $2 == c && $3 == m { n++ }
	$1 == "not" && $3 == c && $4 == m { n++; f++ }
	$1 == "#" && $2 == "time" && $3 == c && $4 == m {
		s += $5; x += $6; u += $7; l += $8; h += $9 }
	END { printf "# %s %s: %d points, %d trials, %d failed, %.1f s of trials (set-up + command %.1f, ps + rm -f %.1f, checks %.1f)%s\n",
		c, m, p, n, f, s, x, u, l,
		c == "held" ? sprintf("; %d held at their point", h) : "" }'

failed=$((failed + $(grep -c '^not ok ' "$LAB/out")))
for cmd in $CMDS; do
	for mode in $MODES; do
		awk -v c="$cmd" -v m="$mode" -v p="${npoints[$cmd]}" "$SUMMARY" "$LAB/out"
	done
done
for pair in $HELD_PAIRS; do
	awk -v c=held -v m="$pair" -v p="${npoints[held $pair]}" "$SUMMARY" "$LAB/out"
done
printf '# trials: %s s with %d jobs\n' "$(since "$ts")" "$JOBS"
if [ -n "$RACES" ]; then
	rs=$EPOCHREALTIME
	for r in $RACES; do
		case $r in
		same-name) race_same_name ;;
		one-container) race_one_container ;;
		ps-churn) race_ps_during_churn ;;
		descriptors) race_descriptors ;;
		name-shadow) race_name_shadow ;;
		esac
	done
	printf '# races: %s s (%d runs of one name, %d rounds, %d ps)\n' \
		"$(since "$rs")" "$RACE_N" "$ROUNDS" "$PS_N"
fi
echo "# stress: $(since "$start") s, STRESS_STEP=$STEP, $BIN"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
