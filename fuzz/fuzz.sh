#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make fuzz: random command lines for every command and random damage to
# a container's record, against the ASan/UBSan build (make SAN=1).
#
#   fuzz/fuzz.sh MYDOCKER IMAGE_TAR
#
# Every case runs one mydocker with a time limit and then looks for:
#   crash     mydocker killed by a signal it did not pass on (SIGSEGV...)
#   sanitizer an AddressSanitizer or UndefinedBehaviorSanitizer report
#   hang      still running after FUZZ_TIMEOUT seconds
#   harm      something outside the damaged container touched: a decoy
#             process (started here, in the host's namespaces) signalled
#             or stopped; a decoy file or directory (outside the lab's
#             roots, checksummed) changed or gone; the bystander container
#             (its process, record, layer, cgroup) affected; an image
#             that holds a file of the host (the decoys, /etc/shadow); an
#             exec that ran in the host's root.
#
# Half the cases are command lines: a command (or a random word) and up to
# 8 arguments drawn from the options, names, IDs and values that each
# command takes, plus odd ones (empty, long, huge numbers, "../..").
# The other half damage the target container's record one way (see
# damage()) and run one command on it.
#
# Case N draws from a generator seeded with FUZZ_SEED and N only, so it
# is the same case in any run, alone too. Each case is judged once every
# process it signalled or left on its way out has gone: FUZZ_JOBS workers,
# each with its own lab, decoys and containers, run under a subreaper of
# their own (stress/lib.sh), so a killed process is gone at once instead
# of staying a zombie of PID 1 into the next case.
#
# Environment: FUZZ_CASES (10000), FUZZ_SEED (1), FUZZ_TIMEOUT (10),
# FUZZ_ONLY=N[,N...] runs only those cases (what a finding's replay line
# says), FUZZ_JOBS (2), FUZZ_VERBOSE=1 prints every finding's stderr.
# Every finding is one "not ok" line naming the case (number, seed, kind,
# damage, command line) and ending with the command that replays it.
# Ends with "N passed, N failed, N skipped", one case each. Exits 2 (with
# the usage) on a bad command line.
set -uo pipefail

SELF=$(readlink -f "$0")
# shellcheck source=stress/lib.sh
. "$(dirname "$SELF")/../stress/lib.sh"
tool_start fuzz "$SELF" "$@"
CASES=${FUZZ_CASES:-10000}
SEED=${FUZZ_SEED:-1}
TIMEOUT=${FUZZ_TIMEOUT:-10}
VERBOSE=${FUZZ_VERBOSE:-0}
ONLY=${FUZZ_ONLY:-}
JOBS=${FUZZ_JOBS:-2}
WORKER=${FUZZ_WORKER:-}
[ -n "$ONLY" ] && [ -z "$WORKER" ] && JOBS=1

# The main process: start the workers, add up what they found.
if [ -z "$WORKER" ]; then
	out=$(mktemp -d "${TMPDIR:-/tmp}/mydocker-fuzz-out.XXXXXX")
	trap 'rm -rf "$out" "${REAPER_TMP:-}"' EXIT
	start_s=$EPOCHREALTIME
	pids=()
	for ((w = 0; w < JOBS; w++)); do
		FUZZ_WORKER=$w FUZZ_JOBS=$JOBS STRESS_REAPER_PENDING=1 \
			"$REAP_NOW" "$SELF" "$BIN" "$IMAGE" >"$out/$w" 2>&1 </dev/null &
		pids+=($!)
	done
	wait "${pids[@]}"
	grep -hv '^ok \|^# counts' "$out"/*
	elapsed=$(awk -v a="$start_s" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
	cat "$out"/* | awk -v cases="$(grep -h '^\(not \)\?ok ' "$out"/* | grep -c .)" \
		-v t="$elapsed" -v seed="$SEED" -v jobs="$JOBS" '
		/^# counts / { for (i = 4; i < NF; i += 2) c[$i] += $(i + 1) }
		/^ok / { p++ }
		/^not ok / { f++ }
		END {
			printf "# fuzz: %d cases in %d s, seed %s, %d jobs;", cases, t, seed, jobs
			split("crash sanitizer hang harm-process harm-file harm-container harm-image harm-exec-host stray-process", k, " ")
			for (i = 1; i in k; i++)
				printf " %s %d", k[i], c[k[i]]
			printf "\n%d passed, %d failed, 0 skipped\n", p, f
			exit f > 0
		}'
	exit
fi

# Sanitizer reports go to stderr; leaks are not this tool's business.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=87

LAB=$(mktemp -d "${TMPDIR:-/tmp}/mydocker-fuzz.XXXXXX")
export MYDOCKER_ROOT=$LAB/root MYDOCKER_RUN=$LAB/run
mkdir -p "$MYDOCKER_ROOT/images" "$MYDOCKER_RUN"
ln -s "$IMAGE" "$MYDOCKER_ROOT/images/busybox.tar"
NAP=$((200000 + $$ % 100000))
CG_ROOTS=$(find /sys/fs/cgroup -mindepth 1 -maxdepth 1 -type d 2>/dev/null;
	   [ -e /sys/fs/cgroup/cgroup.controllers ] && echo /sys/fs/cgroup)
declare -A count=()


# ---- decoys: what no command on the target may touch ----

DECOY=$LAB/decoy	# a tree outside both roots
mkdir -p "$DECOY/tree/sub" "$LAB/decoycg"
echo "decoy-secret-$$" >"$DECOY/secret"
echo keep >"$DECOY/tree/sub/file"
decoy_sum() {
	{ find "$DECOY" "$LAB/decoycg" -printf '%p %m %s %T@\n' | sort
	  cat "$DECOY/secret" "$DECOY/tree/sub/file"; } 2>/dev/null | md5sum
}
DECOY_SUM=$(decoy_sum)

decoys=() decoy_starts=()
start_decoys() {
	local i
	for i in 1 2; do
		# In the host's namespaces, as any process of the host;
		# setsid execs (a background job leads no group), so $! is
		# the sleep. disown: no "Killed" from bash at the end.
		setsid sleep "$NAP" </dev/null >/dev/null 2>&1 &
		decoys+=($!)
		disown $!
	done
	for i in "${decoys[@]}"; do decoy_starts+=("$(start_time "$i")"); done
}
# Alive, not stopped, not exiting, no signal pending (stress/lib.sh).
decoys_ok() {
	local i
	for i in "${!decoys[@]}"; do
		untouched "${decoys[$i]}" "${decoy_starts[$i]}" || return 1
	done
}
start_time() {
	local stat
	read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
	# shellcheck disable=SC2086
	set -- ${stat##*) }
	echo "${20}"
}

cleanup() {
	local p id m r
	for p in "${decoys[@]}"; do kill -KILL "$p" 2>/dev/null; done
	for d in "$MYDOCKER_RUN"/*/; do
		[ -d "$d" ] && timeout 10 "$BIN" rm -f "$(basename "$d")" \
			>/dev/null 2>&1
	done
	# Our containers' processes and cgroups, by the IDs we made.
	for id in $(cat "$LAB/ids" 2>/dev/null | sort -u); do
		for p in $(grep -ls "/mydocker/$id\$" /proc/[0-9]*/cgroup |
			   sed 's|/proc/\([0-9]*\)/.*|\1|'); do
			kill -KILL "$p" 2>/dev/null
		done
	done
	pkill_own
	# shellcheck disable=SC2046
	kill_trial_procs $(sort -u "$LAB/ids" 2>/dev/null)
	for id in $(cat "$LAB/ids" 2>/dev/null | sort -u); do
		for r in $CG_ROOTS; do rmdir "$r/mydocker/$id" 2>/dev/null; done
	done
	grep -F " $LAB/" /proc/self/mountinfo | awk '{print $5}' | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	rm -rf "$LAB"
}
# Our own sleeps: the containers' command has a number no one else uses.
pkill_own() {
	ps -eo pid=,args= | awk -v nap="sleep $NAP" \
		'substr($0, index($0, $2)) == nap { print $1 }' |
		while read -r p; do kill -KILL "$p" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- containers: the target (damaged) and the bystander (not) ----

# Start container @1; its ID is appended to $LAB/ids.
start() {
	# Into a file, not $(...): on 08-env the container keeps a copy of
	# every descriptor of ours, a pipe too (issue 12).
	timeout 20 "$BIN" run -d --name "$1" busybox sleep "$NAP" \
		>"$LAB/id" 2>/dev/null </dev/null || return 1
	cat "$LAB/id" >>"$LAB/ids"
}
# (Never a FIFO: a damaged record may be one.)
field() {
	[ -f "$MYDOCKER_RUN/$1/config.json" ] &&
		jq -r ".$2" "$MYDOCKER_RUN/$1/config.json" 2>/dev/null
}

start bystander || { echo "fuzz: cannot start a container" >&2; exit 1; }
BY_ID=$(field bystander id)
BY_PID=$(field bystander pid)
BY_START=$(start_time "$BY_PID")
BY_REC=$(md5sum <"$MYDOCKER_RUN/bystander/config.json")
start_decoys

# Sets by_why to what is wrong with the bystander.
bystander_ok() {
	local r
	by_why=""
	[ "$(md5sum 2>/dev/null <"$MYDOCKER_RUN/bystander/config.json")" = "$BY_REC" ] ||
		by_why+=",record"
	[ -d "$MYDOCKER_ROOT/containers/$BY_ID" ] || by_why+=",layer"
	untouched "$BY_PID" "$BY_START" &&
		grep -qs "/mydocker/$BY_ID\$" "/proc/$BY_PID/cgroup" || by_why+=",process"
	for r in $CG_ROOTS; do
		[ -d "$r/mydocker" ] || continue
		grep -qs "^[0-9]*:[^:]*${r##*/}[^:]*:/mydocker/$BY_ID\$\|^0::/mydocker/$BY_ID\$" \
			"/proc/$BY_PID/cgroup" || continue
		[ -d "$r/mydocker/$BY_ID" ] || by_why+=",cgroup"
	done
	[ -z "$by_why" ]
}

# The monitor (09-monitor on) of container ID @1: mydocker-shim naming it.
monitor_of() {
	ps -eo pid=,args= | awk -v id="$1" '$2 ~ /(^|\/)mydocker-shim$/ &&
		index($0 " ", " " id " ") { print $1 }'
}

# Remove container @1 (ID @2) whatever its record says: a damaged record
# may keep rm -f from finding what it has to remove, and what is left
# would be blamed on the next case. The lab's own clean-up, not a check.
force_remove() {
	local name=$1 id=$2 r pids
	timeout 20 "$BIN" rm -f "$name" >/dev/null 2>&1 </dev/null
	[ -n "$id" ] || { rm -rf "${MYDOCKER_RUN:?}/$name"; return; }
	pids="$(grep -ls "/mydocker/$id\$" /proc/[0-9]*/cgroup 2>/dev/null |
		sed 's|/proc/\([0-9]*\)/.*|\1|') $(monitor_of "$id")"
	# shellcheck disable=SC2086
	[ -n "${pids// /}" ] && kill -KILL $pids 2>/dev/null
	settle "$id" >/dev/null
	for r in $CG_ROOTS; do rmdir "$r/mydocker/$id" 2>/dev/null; done
	grep -F " $MYDOCKER_ROOT/containers/$id/" /proc/self/mountinfo |
		awk '{print $5}' | while read -r m; do umount -l "$m" 2>/dev/null; done
	rm -rf "${MYDOCKER_RUN:?}/$name" "$MYDOCKER_ROOT/containers/$id"
}

# A fresh target for the next case: its saved record back when its
# container (and monitor) still runs whole, else a new one.
target_reset() {
	local rec=$MYDOCKER_RUN/target/config.json pid mon
	pid=$(jq -r .pid "$LAB/target.json" 2>/dev/null)
	mon=$(jq -r '.monitor.pid // empty' "$LAB/target.json" 2>/dev/null)
	if [ -n "${TG_ID:-}" ] && [ -d "$MYDOCKER_ROOT/containers/$TG_ID" ] &&
	   [ -d "$MYDOCKER_RUN/target" ] &&
	   grep -qs "/mydocker/$TG_ID\$" "/proc/$pid/cgroup" &&
	   { [ -z "$mon" ] || [ "$(monitor_of "$TG_ID")" = "$mon" ]; }; then
		rm -rf "$rec" && cp "$LAB/target.json" "$rec" && return 0
	fi
	# rm -f with the saved record: the damaged one may name another.
	[ -d "$MYDOCKER_RUN/target" ] && rm -rf "$rec" &&
		cp "$LAB/target.json" "$rec" 2>/dev/null
	force_remove target "${TG_ID:-}"
	start target || return 1
	TG_ID=$(field target id)
	cp "$MYDOCKER_RUN/target/config.json" "$LAB/target.json"
}

# ---- random inputs ----

# These set REPLY instead of printing: a $(...) subshell re-seeds
# RANDOM from the clock, and a case would not be the same twice.
pick() { local a=("$@"); REPLY=${a[RANDOM % ${#a[@]}]}; }
long() { head -c "$1" /dev/zero | tr '\0' "${2:-a}"; }

odd_values=("" "-" "--" "0" "-1" "4294967297" "18446744073709551616"
	"99999999999999999999999" "1e309" "nan" "0x10" "../.." "/" "."
	"%s%s%n" "a b" "$(long 300)" "$(long 5000 x)" $'\x01\x7f' "é"
	"target" "busybox" "$LAB/decoy")

# A value for an option or a position of a command, in REPLY.
value() {
	case $((RANDOM % 4)) in
	0) pick "${odd_values[@]}" ;;
	# The bystander is never named: what a command does to a
	# container it names is no harm.
	1) pick target nosuch "${TG_ID:0:$((RANDOM % 13))}" busybox ;;
	2) pick 100m 1k 0 10 0.5 0-1 1 "$LAB/vol:/data" "/nonexistent:/x" \
		"a:b:c" "KEY=v" "KEY" "=x" ;;
	3) REPLY=$RANDOM$RANDOM ;;
	esac
}

options_of() {
	case $1 in
	run) echo "-d -i -t -it --name -name -m -mem --memory --cpus --cpuset -cpuset -v --volume -e --env --" ;;
	exec) echo "-i -t -it --" ;;
	stop) echo "-t --time --" ;;
	rm) echo "-f --force --" ;;
	ps) echo "-q --quiet -a" ;;
	logs) echo "-f --follow --" ;;
	commit) echo "--" ;;
	*) echo "-h --help -x" ;;
	esac
}

# The container's commands for run and exec: short, harmless.
cmds=("true" "false" "sh -c exit\ 3" "echo hi" "cat /etc/hostname" "nosuchcmd" "/")

# Fills argv with a random command line.
argv_random() {
	local cmd n i opts
	value
	pick run run exec stop rm ps logs commit help "" "$REPLY"
	cmd=$REPLY
	argv=()
	[ -n "$cmd" ] || [ $((RANDOM % 2)) = 0 ] && argv+=("$cmd")
	read -r -a opts <<<"$(options_of "$cmd")"
	n=$((RANDOM % 9))
	for ((i = 0; i < n; i++)); do
		if [ $((RANDOM % 2)) = 0 ]; then
			pick "${opts[@]}"
		else
			value
		fi
		argv+=("$REPLY")
	done
	# run and exec end with something to run, most of the time.
	if [[ $cmd =~ ^(run|exec)$ ]] && [ $((RANDOM % 4)) != 0 ]; then
		[ "$cmd" = run ] && argv+=(busybox)
		pick target nosuch
		[ "$cmd" = exec ] && argv+=("$REPLY")
		pick "${cmds[@]}"
		# shellcheck disable=SC2206
		argv+=($REPLY)
	fi
	# A foreground run of the bystander's name must fail, not wait.
	[ "$cmd" = logs ] && [[ " ${argv[*]} " == *" -f "* ]] &&
		argv=(logs target)
	return 0
}

# Damage the target's record one way; sets "damaged" to its name.
damage() {
	local rec=$MYDOCKER_RUN/target/config.json tmp=$LAB/rec.tmp d p
	local kinds=(pid-decoy pid-wrap pid-bystander id-escape id-bystander
		id-empty name-other name-bystander cgroup-escape cgroup-bystander
		image-escape symlink-bystander fifo dir devnull empty truncated
		garbage pid-string pid-negative pid-huge start-huge command-number
		command-huge status-huge missing-fields null array volumes-odd
		start-bogus)
	pick "${kinds[@]}"
	damaged=$REPLY
	p=${decoys[0]}
	jqset() { jq "$1" "$rec" >"$tmp" 2>/dev/null && mv "$tmp" "$rec"; }
	case $damaged in
	pid-decoy) jqset ".pid = $p | .start_time = $(start_time "$p")" ;;
	pid-wrap) jqset ".pid = $((p + 4294967296)) | .start_time = $(start_time "$p")" ;;
	pid-bystander) jqset ".pid = $BY_PID | .start_time = $(start_time "$BY_PID")" ;;
	id-escape) jqset '.id = "../../decoy"' ;;
	id-bystander) jqset ".id = \"$BY_ID\"" ;;
	id-empty) jqset '.id = ""' ;;
	name-other) jqset '.name = "other"' ;;
	name-bystander) jqset '.name = "bystander"' ;;
	cgroup-escape)
		d=$(realpath --relative-to=/sys/fs/cgroup/memory "$LAB/decoycg")
		jqset ".cgroup = \"$d\"" ;;
	cgroup-bystander) jqset ".cgroup = \"mydocker/$BY_ID\"" ;;
	image-escape) jqset '.image = "../../../../etc"' ;;
	symlink-bystander)
		rm -f "$rec"; ln -s "$MYDOCKER_RUN/bystander/config.json" "$rec" ;;
	fifo) rm -f "$rec"; mkfifo "$rec" ;;
	dir) rm -f "$rec"; mkdir "$rec" ;;
	devnull) rm -f "$rec"; ln -s /dev/null "$rec" ;;
	empty) : >"$rec" ;;
	truncated) truncate -s $((RANDOM % ($(stat -c %s "$rec") + 1))) "$rec" ;;
	# Bytes of the case's own seed, so that a replay damages alike.
	garbage) LC_ALL=C awk -v s="$RANDOM" -v n=$((RANDOM % 4096)) 'BEGIN {
		srand(s); for (i = 0; i < n; i++) printf "%c", int(rand() * 256) }' >"$rec" ;;
	pid-string) jqset '.pid = "1"' ;;
	pid-negative) jqset '.pid = -1' ;;
	pid-huge) jqset '.pid = 1e30' ;;
	start-huge) jqset '.start_time = 184467440737095516160' ;;
	start-bogus) jqset '.start_time = -5' ;;
	command-number) jqset '.command = 7' ;;
	command-huge) jqset ".command = [range(0; 20000) | \"x\"]" ;;
	status-huge) jqset ".status = \"$(long 5000)\"" ;;
	missing-fields) jqset 'del(.id, .pid, .cgroup)' ;;
	null) echo null >"$rec" ;;
	array) echo '[1,2,3]' >"$rec" ;;
	volumes-odd) jqset '.volumes = [1, null, ":", "/etc:/x"]' ;;
	esac
}

# A command on the damaged target.
argv_on_target() {
	local c
	pick ps ps-q stop rm rm-f exec commit logs
	c=$REPLY
	case $c in
	ps) argv=(ps) ;;
	ps-q) argv=(ps -q) ;;
	stop) argv=(stop -t 0 target) ;;
	rm) argv=(rm target) ;;
	rm-f) argv=(rm -f target) ;;
	# Exit 0 only where the decoy is: in the host's root.
	exec) argv=(exec target test -e "$DECOY/secret") ;;
	commit) argv=(commit target fuzzimg) ;;
	logs) argv=(logs target) ;;
	esac
}

# ---- one case ----

finding() {
	count[$1]=$(( ${count[$1]:-0} + 1 ))
	why+=" $1"
}

# What the case @1 (argv) left: sets why.
check() {
	local rc=$1 err=$LAB/err
	why=""
	[ "$rc" -eq 124 ] && finding hang
	grep -qE 'Sanitizer|runtime error:' "$err" && finding sanitizer
	# 128+N with no sanitizer: mydocker itself died (run/exec may pass
	# on their command's signal, but these commands are never killed).
	if [ "$rc" -gt 128 ] && [ "$rc" -ne 124 ] && [ "$rc" -lt 160 ]; then
		finding crash
	fi
	decoys_ok || { finding harm-process; start_decoys_again; }
	[ "$(decoy_sum)" = "$DECOY_SUM" ] || { finding harm-file; decoy_restore; }
	bystander_ok || { finding harm-container; why+="($by_why)"; bystander_again; }
	if [ -f "$MYDOCKER_ROOT/images/fuzzimg.tar" ]; then
		tar tf "$MYDOCKER_ROOT/images/fuzzimg.tar" 2>/dev/null |
			grep -qE 'decoy|(^|/)etc/shadow$' && finding harm-image
		rm -f "$MYDOCKER_ROOT/images/fuzzimg.tar"
	fi
	if [ "${argv[0]:-}" = exec ] && [ "${argv[1]:-}" = target ] &&
	   [ "${argv[2]:-}" = test ] && [ "$rc" -eq 0 ]; then
		finding harm-exec-host
	fi
}

start_decoys_again() {
	local p
	for p in "${decoys[@]}"; do kill -KILL "$p" 2>/dev/null; done
	decoys=() decoy_starts=()
	start_decoys
}
decoy_restore() {
	rm -rf "$DECOY" "$LAB/decoycg"
	mkdir -p "$DECOY/tree/sub" "$LAB/decoycg"
	echo "decoy-secret-$$" >"$DECOY/secret"
	echo keep >"$DECOY/tree/sub/file"
	DECOY_SUM=$(decoy_sum)
}
bystander_again() {
	force_remove bystander "$BY_ID"
	start bystander
	BY_ID=$(field bystander id)
	BY_PID=$(field bystander pid)
	BY_START=$(start_time "$BY_PID")
	BY_REC=$(md5sum 2>/dev/null <"$MYDOCKER_RUN/bystander/config.json")
}

# The processes the lab keeps: the bystander's and the target's
# container and monitor (stress/lib.sh's trial_procs lists the others).
# The target's from its saved record: the one on disk may be a FIFO.
kept_pids() {
	local rec
	for rec in "$MYDOCKER_RUN/bystander/config.json" "$LAB/target.json"; do
		[ -f "$rec" ] && jq -r '.pid, (.monitor.pid // empty)' "$rec" 2>/dev/null
	done
	echo "${decoys[@]}"
}

# Wait until what the case signalled or left on its way out has gone,
# so that what it did is judged now, not in the next case.
case_settled() {
	# shellcheck disable=SC2046
	settle target bystander "$TG_ID" "$BY_ID" $(ls "$MYDOCKER_RUN" 2>/dev/null) >/dev/null
}

# A process that outlived the case and all its containers: one finding
# (with its command line), and killed.
strays() {
	local pids
	case_settled
	# shellcheck disable=SC2046
	pids=$(trial_procs $(ls "$MYDOCKER_RUN" 2>/dev/null) "$TG_ID" "$BY_ID" "$@" |
		awk -v kept=" $(kept_pids | tr '\n' ' ') " \
			'$2 == "alive" && !index(kept, " " $1 " ") { print $1 }')
	[ -z "$pids" ] && return 0
	finding stray-process
	why+="($(ps -o args= -p "$(echo $pids | tr ' ' ,)" 2>/dev/null |
		cut -c1-60 | paste -sd ';'))"
	# shellcheck disable=SC2086
	kill -KILL $pids 2>/dev/null
	case_settled
	return 1
}

run_case() {
	local kind=$1 rc limit=$TIMEOUT
	# stop without a valid -t gives the container its 10 s of grace,
	# which a sleep as PID 1 (SIGTERM ignored) takes: no hang.
	[ "${argv[0]:-}" = stop ] && [ "$limit" -lt 15 ] && limit=15
	# --verbose: "timeout: sending signal" in err says it hung.
	timeout --verbose -k 1 "$limit" "$BIN" "${argv[@]}" </dev/null \
		>/dev/null 2>"$LAB/err"
	rc=$?
	grep -q '^timeout: sending signal' "$LAB/err" && rc=124
	case_settled
	check "$rc"
}

# The end of case @1: one line, "ok" or "not ok" naming it.
verdict() {
	if [ -n "$why" ]; then
		echo "not ok $1 $kind ${damaged:+($damaged) }mydocker ${argv[*]:0:12}:$why # replay: FUZZ_SEED=$SEED FUZZ_ONLY=$1 fuzz/fuzz.sh $BIN $IMAGE"
		[ "$VERBOSE" = 1 ] && head -c 2000 "$LAB/err" | sed 's/^/#   /'
	else
		echo "ok $1"
	fi
}

target_reset
for ((n = WORKER; n < CASES; n += JOBS)); do
	[ -n "$ONLY" ] && [[ ",$ONLY," != *",$n,"* ]] && continue
	# The case's own generator: the same case in any run.
	RANDOM=$((SEED * 100003 + n))
	damaged=""
	if [ $((n % 2)) = 0 ]; then
		kind=args
		argv_random
		run_case args
		# Whatever a command line made (a container, an image) goes.
		for d in "$MYDOCKER_RUN"/*/; do
			d=$(basename "$d")
			[[ $d =~ ^(bystander|target)$ ]] && continue
			[ -e "$MYDOCKER_RUN/$d" ] || continue
			field "$d" id >>"$LAB/ids"
			timeout 20 "$BIN" rm -f "$d" >/dev/null 2>&1 </dev/null ||
				rm -rf "${MYDOCKER_RUN:?}/$d"
		done
		find "$MYDOCKER_ROOT/images" -mindepth 1 -not -name busybox.tar -delete
	else
		kind=record
		damage
		argv_on_target
		run_case record
	fi
	# The target back as it was, then what else is still running: the
	# case's.
	old_tg=${TG_ID:-}
	target_reset
	strays "$old_tg"
	verdict "$n"
done
printf '# counts %s' "$WORKER"
for k in "${!count[@]}"; do printf ' %s %d' "$k" "${count[$k]}"; done
echo
