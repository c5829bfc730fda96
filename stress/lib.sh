# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
#
# What stress/stress.sh and fuzz/fuzz.sh share: running under a
# subreaper, and finding the processes of a trial in one scan.
#
# This host's PID 1 leaves a re-parented process a zombie for about a
# second, so a container killed by one trial would still be "there" for
# the next one, and harm would be blamed on the wrong case. Each tool
# (and each of its workers) therefore runs as the only child of
# selftests/tools/reap-now, a child subreaper that reaps every orphan at
# once: the orphans of a trial (a container's init, a monitor, a killed
# mydocker's child) become children of that reaper, which makes them easy
# to find, and their death is visible the moment it happens.

LIB_DIR=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")

# The reap-now program: $REAP_NOW (make passes the one it built), else
# one compiled here, into @1 (a directory the caller removes).
reaper_program() {
	local src=$LIB_DIR/../selftests/tools/reap-now.c
	if [ -n "${REAP_NOW:-}" ] && [ -x "$REAP_NOW" ]; then
		readlink -f "$REAP_NOW"
		return
	fi
	mkdir -p "$1" &&
		"${CC:-cc}" -O2 -o "$1/reap-now" "$src" >&2 &&
		echo "$1/reap-now"
}

# Re-run the calling script (@2...) as the only child of a reaper, unless
# it is that child already (STRESS_REAPER_PENDING says so: then its
# parent is the reaper, STRESS_REAPER). @1 names the tool in messages.
under_reaper() {
	local tool=$1 tmp
	shift
	if [ -n "${STRESS_REAPER_PENDING:-}" ]; then
		export STRESS_REAPER=$PPID
		unset STRESS_REAPER_PENDING
		return 0
	fi
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/mydocker-reaper.XXXXXX")
	REAP_NOW=$(reaper_program "$tmp") || {
		echo "$tool: cannot build selftests/tools/reap-now" >&2
		rm -rf "$tmp"
		exit 1
	}
	export REAP_NOW REAPER_TMP=$tmp STRESS_REAPER_PENDING=1
	exec "$REAP_NOW" "$@"
}

# How either tool starts: @1 names it, @2 is the calling script, @3...
# its arguments, MYDOCKER IMAGE_TAR (anything else: the usage, exit 2).
# Re-runs it under a reaper, then sets BIN and IMAGE, the two as
# absolute paths.
tool_start() {
	local tool=$1 self=$2
	shift 2
	if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -f "$2" ]; then
		echo "usage: $tool.sh MYDOCKER IMAGE_TAR (an executable and a tar)" >&2
		exit 2
	fi
	under_reaper "$tool" "$self" "$@"
	BIN=$(readlink -f "$1")
	IMAGE=$(readlink -f "$2")
}

# The processes that belong to a trial, in one ps: "PID STATE" a line,
# STATE being "dying" (a zombie, SIGKILL pending, a monitor whose
# container is gone, a monitor-exit), or "alive". Ours are:
#   - the reaper's children but this script (a trial's orphans: a
#     container's init, a monitor, a killed mydocker's child);
#   - any process in a cgroup mydocker/WORD;
#   - mydocker or mydocker-shim with a WORD that is an ID as an argument;
#   - "sleep $NAP", the containers' command, a number no one else uses.
# @...: the words (container names and IDs).
trial_procs() {
	ps -eo pid=,ppid=,stat=,pending=,cgroup:4096=,args= 2>/dev/null |
	awk -v me="$$" -v reaper="${STRESS_REAPER:-0}" -v nap="sleep $NAP" \
	    -v words="$*" '
	BEGIN { n = split(words, w, " "); for (i = 1; i <= n; i++) want[w[i]] = 1 }
	{ live[$1] = 1; line[NR] = $0 }
	END {
		for (r = 1; r <= NR; r++) {
			$0 = line[r]
			if ($1 == me)
				continue
			hit = ($2 == reaper)
			m = split($5, cg, ",")
			for (i = 1; i <= m; i++) {
				p = cg[i]
				if (sub(/.*:\/mydocker\//, "", p) && (p in want))
					hit = 1
			}
			args = $6
			for (i = 7; i <= NF; i++)
				args = args " " $i
			if (args == nap)
				hit = 1
			a0 = $6
			sub(/.*\//, "", a0)
			# By ID only: a name ("target") may be in use in
			# another lab too; an orphan of ours is the
			# reaper child anyway.
			if (a0 ~ /^mydocker(-shim)?$/)
				for (i = 7; i <= NF; i++)
					if (($i in want) && $i ~ /^[0-9a-f]+$/ && length($i) == 12)
						hit = 1
			if (!hit)
				continue
			dying = ($3 ~ /^Z/) ||
				index("13579bdf", substr($4, length($4) - 2, 1))
			# A monitor whose container has gone is about to
			# record its exit, and a monitor-exit to end.
			if (a0 == "mydocker-shim" && !($7 in live))
				dying = 1
			if (a0 == "mydocker" && $7 == "monitor-exit")
				dying = 1
			print $1, (dying ? "dying" : "alive")
		}
	}'
}

# Wait until no process of the trial (words @...) is dying: gone, or
# alive and going nowhere, at most 5 s. Polls (20 ms) only while
# something is on its way out; prints what is left.
settle() {
	local procs i
	for ((i = 0; i < 250; i++)); do
		procs=$(trial_procs "$@")
		[[ $procs == *dying* ]] || break
		sleep 0.02
	done
	[ -n "$procs" ] && echo "$procs" | awk '{print $1}'
}

# Kill what settle() would list and wait until it is gone (5 s at most).
kill_trial_procs() {
	local pids i
	for ((i = 0; i < 250; i++)); do
		pids=$(trial_procs "$@" | awk '$2 == "alive" {print $1}')
		# shellcheck disable=SC2086
		[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
		[ -n "$(trial_procs "$@")" ] || return 0
		sleep 0.02
	done
}

# Is process @1 alive and untouched: not a zombie, not exiting, not
# stopped, no signal pending (a kill that has not landed yet is harm
# already), and started at @2 (not a recycled PID)?
untouched() {
	local stat rest st flags sigpnd
	read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
	rest=${stat##*) }
	# shellcheck disable=SC2086
	set -- "$1" "$2" $rest
	st=$3 flags=$9
	[[ $st =~ ^[RSD]$ ]] || return 1
	[ -z "$2" ] || [ "${22}" = "$2" ] || return 1
	# PF_EXITING
	(( (flags & 4) == 0 )) || return 1
	sigpnd=$(awk '/^SigPnd|^ShdPnd/ {printf "%s", $2}' "/proc/$1/status" 2>/dev/null)
	[[ $sigpnd =~ ^0+$ ]]
}
