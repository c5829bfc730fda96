#!/bin/bash
# Usage: monitor.sh MYDOCKER_09 MYDOCKER_08 IMAGE_TAR
# What 09-monitor's monitor costs: `run -d busybox /bin/true` of chapter
# 09 (which forks a monitor and returns once it has become mydocker-shim)
# against 08-env's (which leaves its container to init), side by side in
# one hyperfine run; then the monitor's VmRSS while its container runs.
# Env: BENCH_RUNS (default 50), BENCH_JSON (keep hyperfine's JSON there).
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 MYDOCKER_09 MYDOCKER_08 IMAGE_TAR" >&2; exit 2; }
new=$(realpath "$1")
old=$(realpath "$2")
image=$(realpath "$3")
runs=${BENCH_RUNS:-50}
for b in "$new" "$old"; do
	[ -x "$b" ] || { echo "$0: $b is not executable" >&2; exit 1; }
done
[ -r "$image" ] || { echo "$0: $3 not readable" >&2; exit 1; }
for t in hyperfine jq; do
	command -v "$t" >/dev/null || { echo "$0: $t missing (scripts/deps.sh)" >&2; exit 1; }
done

tmp=$(mktemp -d)
export MYDOCKER_ROOT=$tmp/root MYDOCKER_RUN=$tmp/run
# Remove every container (09's rm also knows 08's records).
rm_all() { "$new" ps -q | xargs -r "$new" rm -f >/dev/null; }
cleanup() {
	rm_all 2>/dev/null || true
	grep -o " $tmp/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l || true
	rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT
mkdir -p "$MYDOCKER_ROOT/images"
cp "$image" "$MYDOCKER_ROOT/images/busybox.tar"
# The first run unpacks the image: keep it out of the timing.
"$new" run busybox /bin/true

q() { printf '%q ' "$@"; }
json=${BENCH_JSON:-$tmp/monitor.json}
# --prepare (not timed) removes the container of the run before.
printf '#!/bin/sh\n%s ps -q | xargs -r %s rm -f >/dev/null\n' "$(q "$new")" \
	"$(q "$new")" > "$tmp/rm-all"
chmod +x "$tmp/rm-all"
# Two commands: /bin/true exits at once, so 09's monitor records it
# while run -d is still returning; sleep stays, and the monitor idle.
hyperfine -N --warmup 5 --runs "$runs" --export-json "$json" \
	--prepare "$(q "$tmp/rm-all")" \
	-n "09 true" "$(q "$new" run -d busybox /bin/true)" \
	-n "08 true" "$(q "$old" run -d busybox /bin/true)" \
	-n "09 sleep" "$(q "$new" run -d busybox sleep 1000)" \
	-n "08 sleep" "$(q "$old" run -d busybox sleep 1000)"

median() { jq -r --arg c "$1" '.results[] | select(.command == $c) | .median * 1000' "$json"; }
echo
for cmd in true sleep; do
	n=$(median "09 $cmd") o=$(median "08 $cmd")
	awk -v c="$cmd" -v n="$n" -v o="$o" 'BEGIN {
		printf "run -d busybox %-5s  09-monitor %6.2f ms  08-env %6.2f ms  09/08 = %.2f (medians)\n",
		       c, n, o, n / o }'
done

rm_all
"$new" run -d --name rss busybox sleep 60 >/dev/null
mon=$(jq .monitor.pid "$MYDOCKER_RUN/rss/config.json")
printf 'the monitor (pid %s, %s): %s\n' "$mon" "$(tr '\0' ' ' < "/proc/$mon/cmdline" | cut -d' ' -f1)" \
	"$(grep VmRSS "/proc/$mon/status" | tr -s ' \t' ' ')"
