#!/bin/bash
# Usage: bench.sh BUILD IMAGE_TAR CHAPTER...
# Times mydocker's life cycle, each command against its floor or its peer
# in the same hyperfine invocation (the machine is shared and noisy: only
# a pair measured together compares), and prints one table of medians and
# ratios:
#   run        `run busybox /bin/true` of every CHAPTER, runc run, the floor
#              (bare unshare + chroot)
#   run-d+rm   `run -d` + `rm -f`, against `runc run -d` + `runc delete -f`
#   exec       `exec C /bin/true`, against nsenter into the same container
#   ps         ps over BENCH_PS_N (1000) stopped records, against
#              `runc list` over as many created containers; and ps at 10,
#              100 and 1000 records
#   stop       stop of a container that ends at once on SIGTERM, against
#              SIGTERM to the same kind of container + waiting on a pidfd
#              (pidstop.c)
#   logs -f    from a write inside the container to its bytes on logs -f's
#              stdout (logslat.c), median of BENCH_RUNS lines
#   commit     commit with 100 MB written, against tar -cf of the same
#              merged directory, and against tar -cf + sync of the archive
#              (commit fsyncs the image before its rename)
# Every row but run uses the newest CHAPTER (skipped if it lacks the
# command); stop is also timed with 08-env's binary when it is given and
# is not the newest (the last chapter before the monitor, whose stop
# waits for the monitor to record the end).
# Env: BENCH_RUNS (default 30), BENCH_PS_N (1000), BENCH_COMMIT_MB (100),
#      BENCH_QUICK=1 (a smoke run: 3 runs, 100 records, 10 MB; the
#      defaults took 159 s on 2 cores at load 3 to 10, most of it making and
#      deleting 1,000 runc containers), BENCH_JSON (keep every hyperfine
#      JSON there, one object per row).
set -euo pipefail

[ $# -ge 3 ] || { echo "usage: $0 BUILD IMAGE_TAR CHAPTER..." >&2; exit 2; }
build=$(realpath "$1")
image=$(realpath "$2")
shift 2
chapters=("$@")
quick=${BENCH_QUICK:-0}
runs=${BENCH_RUNS:-$([ "$quick" = 1 ] && echo 3 || echo 30)}
ps_n=${BENCH_PS_N:-$([ "$quick" = 1 ] && echo 100 || echo 1000)}
commit_mb=${BENCH_COMMIT_MB:-$([ "$quick" = 1 ] && echo 10 || echo 100)}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ -r "$image" ] || { echo "$0: $image not readable" >&2; exit 1; }
for t in hyperfine runc jq unshare nsenter cc tar; do
	command -v "$t" >/dev/null || { echo "$0: $t missing (scripts/deps.sh)" >&2; exit 1; }
done
for ch in "${chapters[@]}"; do
	[ -x "$build/$ch/mydocker" ] || { echo "$0: no $build/$ch/mydocker (make CH=$ch)" >&2; exit 1; }
done
newest=${chapters[-1]}
md=$build/$newest/mydocker

tmp=$(mktemp -d)
bundle=$tmp/bundle
runc=(runc --root "$tmp/runc")   # runc's state under $tmp, not /run/runc
warm=$(( runs < 5 ? 1 : 5 ))

cleanup() {
	# A container still there (its cgroups go with it), then mounts a
	# broken mydocker left under $tmp (deepest first), so rm never walks
	# into a mounted overlay.
	local id

	for id in $("${runc[@]}" list -q 2>/dev/null); do
		"${runc[@]}" delete -f "$id" >/dev/null 2>&1 || true
	done
	if [ -x "$md" ]; then
		"$md" ps -q 2>/dev/null | xargs -r "$md" rm -f >/dev/null 2>&1 || true
	fi
	grep -o " $tmp/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l || true
	for _ in 1 2 3 4 5; do
		rm -rf --one-file-system "$tmp" 2>/dev/null && return
		sleep 0.5
	done
	rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT

cc -O2 -Wall -o "$tmp/pidstop" "$here/pidstop.c"
cc -O2 -Wall -o "$tmp/logslat" "$here/logslat.c"

# mydocker finds images by name under $MYDOCKER_ROOT; give it private roots.
export MYDOCKER_ROOT=$tmp/root MYDOCKER_RUN=$tmp/run
fresh_roots() {
	"$md" ps -q 2>/dev/null | xargs -r "$md" rm -f >/dev/null 2>&1 || true
	rm -rf --one-file-system "$MYDOCKER_ROOT" "$MYDOCKER_RUN"
	mkdir -p "$MYDOCKER_ROOT/images" "$MYDOCKER_RUN"
	cp "$image" "$MYDOCKER_ROOT/images/busybox.tar"
}
fresh_roots

# An OCI bundle with the same files, and runc's default spec but for the
# command.
mkdir -p "$bundle/rootfs"
tar -xf "$image" -C "$bundle/rootfs"
(cd "$bundle" && runc spec)
spec() {
	jq --argjson a "$1" '.process.args = $a | .process.terminal = false | .root.path = "rootfs"' \
		"$bundle/config.json.orig" >"$bundle/config.json"
}
mv "$bundle/config.json" "$bundle/config.json.orig"

# -N runs the commands without a shell (so no shell start-up in the
# numbers); hyperfine splits them like a shell would, hence %q.
q() { printf '%q ' "$@"; }
rows=$tmp/rows      # name<TAB>command<TAB>peer command, one a line
: >"$rows"
jsons=()
# hf ROW [hyperfine options and -n NAME CMD...]: one invocation, its JSON kept.
hf() {
	local row=$1
	shift
	echo
	echo "== $row"
	hyperfine --style basic --export-json "$tmp/json-$row.json" "$@"
	jsons+=("$tmp/json-$row.json")
}
row() { printf '%s\t%s\t%s\n' "$@" >>"$rows"; }
has() { local u; u=$("$md" help 2>&1 || true); grep -q "^  mydocker $1 " <<<"$u"; }
ready_term() {		# wait until PID $1 has its SIGTERM trap set
	local i
	for i in $(seq 500); do
		(( 0x$(awk '/^SigCgt/ { print $2 }' "/proc/$1/status") & (1 << 14) )) && return
		sleep 0.01
	done
	return 1
}

# ---- run, every chapter ----
spec '["/bin/true"]'
args=()
for ch in "${chapters[@]}"; do
	# The first run unpacks the image into a cached layer.
	"$build/$ch/mydocker" run busybox /bin/true
	args+=(-n "run $ch" "$(q "$build/$ch/mydocker" run busybox /bin/true)")
	row "run $ch" "run $ch" "floor"
done
hf run -N --warmup "$warm" --runs "$runs" "${args[@]}" \
	-n runc "$(q "${runc[@]}" run --bundle "$bundle" bench-true)" \
	-n floor "$(q unshare --fork --pid --mount --uts --ipc --net chroot "$bundle/rootfs" /bin/true)"
row "run $newest vs runc" "run $newest" runc

# ---- run -d + rm -f ----
if has rm; then
	spec '["/bin/sleep","1000"]'
	hf run-d-rm --warmup "$warm" --runs "$runs" -S 'bash --norc' \
		-n "run -d + rm -f" "id=\$($(q "$md") run -d busybox sleep 1000) && $(q "$md") rm -f \$id >/dev/null" \
		-n "runc run -d + delete -f" "$(q "${runc[@]}") run -d --bundle $(q "$bundle") bench-d </dev/null >/dev/null 2>&1 && $(q "${runc[@]}") delete -f bench-d"
	row "run -d + rm -f" "run -d + rm -f" "runc run -d + delete -f"
fi

# ---- exec ----
if has exec; then
	"$md" run -d --name ex busybox sleep 1000 >/dev/null
	pid=$(jq -r .pid "$MYDOCKER_RUN/ex/config.json")
	hf exec -N --warmup "$warm" --runs "$runs" \
		-n exec "$(q "$md" exec ex /bin/true)" \
		-n nsenter "$(q nsenter -t "$pid" -m -u -i -n -p -r -w /bin/true)"
	row exec exec nsenter
	"$md" stop -t 0 ex >/dev/null 2>&1 || kill -9 "$pid"
fi

# ---- stop ----
if has stop; then
	trapcmd='trap "exit 0" TERM; sleep 1000 & wait'
	# stop-prep BINARY NAME: a container NAME of BINARY's, its trap set;
	# its PID in $tmp/NAME.pid.
	cat >"$tmp/stop-prep" <<-PREP
	#!/bin/bash
	set -e
	$(declare -f ready_term)
	"\$1" rm -f "\$2" >/dev/null 2>&1 || true
	"\$1" run -d --name "\$2" busybox sh -c $(q "$trapcmd") >/dev/null
	jq -r .pid "$MYDOCKER_RUN/\$2/config.json" >"$tmp/\$2.pid"
	ready_term \$(cat "$tmp/\$2.pid")
	PREP
	chmod +x "$tmp/stop-prep"
	stop_args=()
	pre=
	[[ " ${chapters[*]} " = *" 08-env "* ]] && [ "$newest" != 08-env ] && pre=$build/08-env/mydocker
	if [ -n "$pre" ]; then
		stop_args+=(--prepare "$(q "$tmp/stop-prep" "$pre" st8)" -n "stop 08-env" "$(q "$pre" stop st8)")
		row "stop 08-env" "stop 08-env" "SIGTERM + pidfd"
	fi
	# The floor stops the same kind of container, without mydocker.
	hf stop -N --warmup "$warm" --runs "$runs" "${stop_args[@]}" \
		--prepare "$(q "$tmp/stop-prep" "$md" st)" -n "stop $newest" "$(q "$md" stop st)" \
		--prepare "$(q "$tmp/stop-prep" "$md" fl)" -n "SIGTERM + pidfd" "$(q "$tmp/pidstop" "$tmp/fl.pid")"
	row "stop $newest" "stop $newest" "SIGTERM + pidfd"
	[ -z "$pre" ] || "$pre" rm -f st8 >/dev/null 2>&1 || true
	"$md" rm -f st fl >/dev/null 2>&1 || true
fi

# ---- ps: 10, 100, 1000 records; runc list over as many ----
if has ps; then
	fresh_roots
	spec '["/bin/sleep","1000"]'
	ps_args=() have=0
	for n in 10 100 "$ps_n"; do
		[ "$n" -le "$ps_n" ] && [ "$n" -gt "$have" ] || continue
		echo "making $n stopped records..."
		while [ "$have" -lt "$n" ]; do
			"$md" run -d busybox /bin/true >/dev/null
			have=$((have + 1))
		done
		cp -a "$MYDOCKER_RUN" "$tmp/run-$n"
		ps_args+=(-n "ps $n" "$(q env MYDOCKER_RUN="$tmp/run-$n" "$md" ps)")
	done
	echo "making $ps_n created runc containers..."
	# Four at a time: made and deleted one by one, they are most of the
	# bench's time.
	seq "$ps_n" | xargs -P 4 -I{} "${runc[@]}" create --bundle "$bundle" "l{}" \
		>/dev/null 2>&1
	hf ps -N --warmup "$warm" --runs "$runs" "${ps_args[@]}" \
		-n "runc list" "$(q "${runc[@]}" list)"
	row "ps $ps_n" "ps $ps_n" "runc list"
	for n in $(printf '%s\n' 100 "$ps_n" | sort -nu); do	# how ps grows
		[ "$n" -gt 10 ] && [ "$n" -le "$ps_n" ] || continue
		row "ps growth 10..$n" "ps $n" "ps 10"
	done
	seq "$ps_n" | xargs -P 4 -I{} "${runc[@]}" delete -f "l{}" >/dev/null 2>&1 || true
	rm -rf "$tmp"/run-*
	fresh_roots
fi

# ---- logs -f latency ----
if has logs; then
	"$md" run -d --name lg busybox sh -c \
		'mkfifo /tmp/f; exec 3</tmp/f; while read l <&3; do echo "$l"; done' >/dev/null
	pid=$(jq -r .pid "$MYDOCKER_RUN/lg/config.json")
	for _ in $(seq 500); do [ -p "/proc/$pid/root/tmp/f" ] && break; sleep 0.01; done
	echo
	echo "== logs -f"
	"$tmp/logslat" "/proc/$pid/root/tmp/f" "$runs" "$md" logs -f lg >"$tmp/logs.txt"
	jq -Rn --arg c "logs -f" '{results: [{command: $c, times: [inputs | tonumber / 1000]}
		| .median = (.times | sort | if length % 2 == 1 then .[length / 2 | floor]
			else (.[length / 2 - 1] + .[length / 2]) / 2 end)]}' \
		<"$tmp/logs.txt" >"$tmp/json-logs.json"
	jsons+=("$tmp/json-logs.json")
	echo "median $(jq '.results[0].median * 1000' "$tmp/json-logs.json") ms over $runs lines"
	row "logs -f latency" "logs -f" "-"
	"$md" rm -f lg >/dev/null
fi

# ---- commit of 100 MB against tar of the same merged dir ----
if has commit; then
	"$md" run -d --name cm busybox sh -c \
		"dd if=/dev/urandom of=/big bs=1M count=$commit_mb 2>/dev/null; touch /done; sleep 1000" >/dev/null
	pid=$(jq -r .pid "$MYDOCKER_RUN/cm/config.json")
	for _ in $(seq 3000); do [ -e "/proc/$pid/root/done" ] && break; sleep 0.01; done
	# The second peer also fsyncs its archive, as commit does with the
	# image before its rename: what is left is commit's own.
	same=$tmp/same.tar
	hf commit -N --warmup 1 --runs "$(( runs < 10 ? runs : 10 ))" \
		--prepare "$(q rm -f "$MYDOCKER_ROOT/images/bigimg.tar")" -n commit "$(q "$md" commit cm bigimg)" \
		--prepare "$(q rm -f "$same")" -n "tar -cf" "$(q tar -cf "$same" --one-file-system -C "/proc/$pid/root" .)" \
		--prepare "$(q rm -f "$same")" -n "tar -cf + sync" \
		"$(q sh -c 'tar -cf "$1" --one-file-system -C "$2" . && sync "$1"' sh "$same" "/proc/$pid/root")"
	row commit commit "tar -cf"
	row "commit vs tar + fsync" commit "tar -cf + sync"
	"$md" rm -f cm >/dev/null
fi

# ---- the table ----
all=$tmp/all.json
jq -s '{results: [.[].results[]]}' "${jsons[@]}" >"$all"
[ -z "${BENCH_JSON:-}" ] || jq -s '[.[] ]' "${jsons[@]}" >"$BENCH_JSON"
median() { jq -r --arg c "$1" '[.results[] | select(.command == $c) | .median * 1000][0] // empty' "$all"; }
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $SECONDS s; load: $(uptime)"
printf '| %-26s | %10s | %-24s | %10s | %6s |\n' row median peer median ratio
printf '|%s|%s|%s|%s|%s|\n' "----------------------------" ------------ \
	-------------------------- ------------ --------
while IFS=$'\t' read -r name a b; do
	ma=$(median "$a") mb=
	[ "$b" = - ] || mb=$(median "$b")
	if [ -n "$mb" ]; then
		printf '| %-26s | %7.2f ms | %-24s | %7.2f ms | %6.2f |\n' "$name" "$ma" "$b" "$mb" \
			"$(awk -v a="$ma" -v b="$mb" 'BEGIN { print a / b }')"
	else
		printf '| %-26s | %7.2f ms | %-24s | %10s | %6s |\n' "$name" "$ma" - - -
	fi
done <"$rows"

if [ -n "$(ls -A "$MYDOCKER_RUN")" ] || grep -q " $MYDOCKER_ROOT/" /proc/mounts; then
	echo "warning: mydocker left state in $MYDOCKER_RUN or mounts under $MYDOCKER_ROOT" >&2
fi
