#!/bin/bash
# Usage: vm/box.sh MEM_MB CPUS COMMAND...      (as root)
#
# Run COMMAND as a grading box would: in a memory cgroup of MEM_MB (v1
# memory.limit_in_bytes or v2 memory.max, whichever this host has, swap
# included when it can be limited), on CPUS host CPUs (taskset, the first
# ones). Prints COMMAND's output, then one line: its status, its wall
# time, and the cgroup's peak memory. Removes the cgroup after.
set -uo pipefail

mem=${1:?usage: $0 MEM_MB CPUS COMMAND...}
cpus=${2:?usage: $0 MEM_MB CPUS COMMAND...}
shift 2
[ $# -gt 0 ] || { echo "usage: $0 MEM_MB CPUS COMMAND..." >&2; exit 2; }
name=mydocker-box.$$
if [ -d /sys/fs/cgroup/memory ]; then
	cg=/sys/fs/cgroup/memory/$name
	mkdir "$cg" || exit 2
	echo $((mem << 20)) >"$cg/memory.limit_in_bytes"
	echo $((mem << 20)) >"$cg/memory.memsw.limit_in_bytes" 2>/dev/null
	peak_file=$cg/memory.max_usage_in_bytes
else
	cg=/sys/fs/cgroup/$name
	mkdir "$cg" || exit 2
	echo $((mem << 20)) >"$cg/memory.max"
	echo 0 >"$cg/memory.swap.max" 2>/dev/null
	peak_file=$cg/memory.peak
fi
cleanup() {
	# Wait for the last process to leave before removing the cgroup.
	for _ in $(seq 50); do rmdir "$cg" 2>/dev/null && return; sleep 0.1; done
	echo "box: cannot remove $cg" >&2
}
trap cleanup EXIT
start=$EPOCHREALTIME
bash -c 'echo $$ >"$1/cgroup.procs" && shift && exec taskset -c "$@"' box "$cg" \
	"0-$((cpus - 1))" "$@"
rc=$?
end=$EPOCHREALTIME
oom=$(grep -h '^oom_kill ' "$cg/memory.oom_control" "$cg/memory.events" 2>/dev/null | awk '{ print $2 }' | head -n 1)
awk -v s="$start" -v e="$end" -v p="$(cat "$peak_file" 2>/dev/null || echo 0)" -v rc=$rc \
    -v mem="$mem" -v cpus="$cpus" -v oom="${oom:-?}" \
    'BEGIN { printf "box: %d MB, %d CPU: exit %d, %.0f s, peak %.0f MB, oom kills %s\n", mem, cpus, rc, e - s, p / 1048576, oom }'
exit $rc
