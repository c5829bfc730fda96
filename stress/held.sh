# SPDX-License-Identifier: GPL-2.0
#
# make stress, the held races (sourced by stress.sh). Two commands on one
# running container, HELD:RIVAL: strace holds HELD at one of its system
# calls (`-e inject=SYSCALL:delay_enter=STRESS_HOLD_US:when=K`) while
# RIVAL runs to its end, then HELD goes on. Each point of HELD in turn
# (every STRESS_STEP-th), so every moment of it meets RIVAL, where the
# one-container race meets only what chance brings. After each trial both
# commands have done what race_verdict accepts, ps is quiet, and nothing
# of the container is left.

HOLD_US=${STRESS_HOLD_US:-300000}
HELD_PAIRS=${STRESS_HELD-stop:rm rm:stop exec:rm rm:exec exec:stop stop:stop rm:rm}

# The command line of @1 (stop, rm or exec) on container @2.
held_argv() {
	case $1 in
	stop) echo "stop -t 0 $2" ;;
	rm) echo "rm -f $2" ;;
	exec) echo "exec $2 true" ;;
	esac
}

# What command @1 did wrong, racing another on one container, given its
# status @2 and its stderr @3; nothing when it did right. stop: done, or
# "no such container"; rm -f: done, silently, or "no such container"
# when the other one was an rm -f too (@4 = rm); exec: done, or not
# running (1, or 137 when rm -f killed it in the container's cgroup);
# one line at most; ps: silent.
race_verdict() {
	local cmd=$1 rc=$2 err=$3 other=${4:-} lines
	lines=$(grep -c . "$err")
	[ "$lines" -gt 1 ] && echo -n " $cmd-lines"
	case $cmd in
	stop)
		[ "$rc" -eq 0 ] && [ -s "$err" ] && echo -n " stop-said-something"
		[ "$rc" -ne 0 ] && ! grep -q "no such container" "$err" &&
			echo -n " stop:$rc"
		;;
	rm)
		if [ "$other" = rm ] && [ "$rc" -eq 1 ] &&
		   grep -q "no such container" "$err"; then
			:	# the other rm -f removed it
		else
			[ "$rc" -ne 0 ] && echo -n " rm-f:$rc"
			[ -s "$err" ] && echo -n " rm-f-said-something"
		fi
		;;
	exec)
		if [ "$rc" -eq 1 ]; then
			grep -q "is not running\|no such container" "$err" ||
				echo -n " exec:1-but-not-'not-running'"
		elif [ "$rc" -ne 0 ] && [ "$rc" -ne 137 ]; then
			echo -n " exec:$rc"
		fi
		;;
	ps)
		[ "$rc" -ne 0 ] && echo -n " ps:$rc"
		[ -s "$err" ] && echo -n " ps-stderr"
		;;
	esac
}

# The /proc/PID/syscall line of @1 while its tracer has it stopped.
stopped_in() {
	local stat
	read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
	stat=${stat##*) }
	[ "${stat%% *}" = t ] && cat "/proc/$1/syscall" 2>/dev/null
}

# Wait until a process of group @1 (timeout leads its own) is held: stopped
# by strace in one system call twice, 20 ms apart (a passing stop is
# shorter). 1 when the group's leader ended first, or after 4 s: HELD
# never got to its point (it took another way this time).
wait_held() {
	local i p a b stat
	for ((i = 0; i < 200; i++)); do
		read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
		stat=${stat##*) }
		[ "${stat%% *}" = Z ] && return 1
		for p in $(pgrep -g "$1"); do
			a=$(stopped_in "$p") || continue
			sleep 0.02
			b=$(stopped_in "$p") && [ "$a" = "$b" ] && return 0
		done
		sleep 0.01
	done
	return 1
}

# The points of HELD command @1 on a running container.
held_points() {
	local cmd=$1 name=stress-probe-held-$1 trace=$ROOTDIR/probe.held.$1 ids
	quiet run -d --name "$name" busybox sleep "$NAP"
	ids=$(ids_in "$MYDOCKER_RUN/$name/config.json")
	echo "$ids" >>"$IDS"
	# shellcheck disable=SC2046
	timeout "$TIMEOUT" strace -f -b execve -qq -o "$trace" \
		"$BIN" $(held_argv "$cmd" "$name") >/dev/null 2>&1 </dev/null
	quiet rm -f "$name"
	# shellcheck disable=SC2086
	scrub "$name" $ids
	points_in "$trace"
}

# The held trials of each pair, into $LAB/trials: "held HELD:RIVAL S K I".
list_held_trials() {
	local pair i sc k phase
	local -a pts
	declare -A of=()
	for pair in $HELD_PAIRS; do
		[ -n "${of[${pair%:*}]:-}" ] ||
			of[${pair%:*}]=$(held_points "${pair%:*}")
		mapfile -t pts <<<"${of[${pair%:*}]}"
		npoints["held $pair"]=${#pts[@]}
		for ((i = 0; i < ${#pts[@]}; i += STEP)); do
			read -r sc k phase <<<"${pts[$i]}"
			if [ -n "$ONLY" ] && [[ ",$ONLY," != *",held $pair $sc#$k,"* ]]; then
				continue
			fi
			echo "held $pair $sc $k $i" >>"$LAB/trials"
		done
	done
}

# One held trial: pair @1 ("stop:rm"), syscall @2, its call @3, number @4.
held_trial() {
	local pair=$1 sc=$2 k=$3 n=$4 held=${1%:*} rival=${1#*:}
	local name="s$WORKER-held-$n" t=$ROOTDIR/h what="held $1 $2#$3"
	local start=$EPOCHREALTIME why="" hp rc left t1 t2 t3 was_held=0
	if ! quiet run -d --name "$name" busybox sleep "$NAP"; then
		echo "not ok $what: set-up failed # replay: $(replay "$what")"
		# shellcheck disable=SC2046
		scrub "$name" $(ids_in "$MYDOCKER_RUN/$name/config.json")
		return
	fi
	ids_in "$MYDOCKER_RUN/$name/config.json" >"$t.ids"
	cat "$t.ids" >>"$IDS"
	# shellcheck disable=SC2046
	timeout "$TIMEOUT" strace -f -qq -o /dev/null \
		-e "inject=$sc:delay_enter=$HOLD_US:when=$k" \
		"$BIN" $(held_argv "$held" "$name") >/dev/null 2>"$t.held" </dev/null &
	hp=$!
	wait_held "$hp" && was_held=1
	# shellcheck disable=SC2046
	timeout "$TIMEOUT" "$BIN" $(held_argv "$rival" "$name") \
		>/dev/null 2>"$t.rival" </dev/null
	rc=$?
	why+=$(race_verdict "$rival" "$rc" "$t.rival" "$held")
	wait "$hp"
	rc=$?
	t1=$EPOCHREALTIME
	[ "$rc" -eq 124 ] && why+=" hang"
	# strace's own words (it may complain of its delayed stops) are not
	# mydocker's.
	sed -i '/^strace: /d' "$t.held"
	why+=$(race_verdict "$held" "$rc" "$t.held" "$rival")
	timeout "$TIMEOUT" "$BIN" ps >/dev/null 2>"$t.ps" </dev/null
	rc=$?
	why+=$(race_verdict ps "$rc" "$t.ps")
	quiet rm -f "$name"
	t2=$EPOCHREALTIME
	# shellcheck disable=SC2046
	left=$(leftovers "$name" $(cat "$t.ids"))
	t3=$EPOCHREALTIME
	[ -n "$left" ] && why+=" left:${left// /,}"
	if [ -n "$why" ]; then
		echo "not ok $what:$why # replay: $(replay "$what")"
		[ "$VERBOSE" = 1 ] && sed "s/^/#   stderr: /" "$t.held" "$t.rival" "$t.ps"
		# shellcheck disable=SC2046
		scrub "$name" $(cat "$t.ids")
	else
		echo "ok $what"
	fi
	time_line held "$pair" "$start" "$t1" "$t2" "$t3" "$was_held"
}
