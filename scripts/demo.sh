#!/usr/bin/env bash
# demo.sh MYDOCKER IMAGE_TAR: show a chapter's runtime at work on the
# busybox image, in temporary roots that are removed afterwards.
set -euo pipefail
mydocker=$(realpath "$1")
image=$(realpath "$2")

tmp=$(mktemp -d)
# Even if the demo is interrupted: no container, cgroup or file is left.
cleanup() {
	local ids
	ids=$("$mydocker" ps -q 2>/dev/null) || true
	[ -z "$ids" ] || "$mydocker" rm -f $ids > /dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
export MYDOCKER_ROOT=$tmp/root MYDOCKER_RUN=$tmp/run
mkdir -p "$MYDOCKER_ROOT/images"
ln -s "$image" "$MYDOCKER_ROOT/images/busybox.tar"

# Print each command as a reader would type it, then run it.
show() {
	local arg line="mydocker"
	for arg in "$@"; do
		case "$arg" in
		*[!A-Za-z0-9_./:=,-]*) line+=" '$arg'" ;;
		*) line+=" $arg" ;;
		esac
	done
	printf '\n$ %s\n' "$line"
	"$mydocker" "$@"
}

echo "mydocker demo: the life of a container, with $mydocker"
echo "(data root $MYDOCKER_ROOT, state root $MYDOCKER_RUN; removed at the end)"

show run --name bird -m 64m busybox sh -c 'echo "I am $(hostname), PID $$"; grep memory /proc/self/cgroup'
show run -d --name web -e GREETING='hello there' busybox sh -c 'echo "$GREETING from the log"; echo container-data > /tmp/state; sleep 1000'
show ps
# Give its first line a moment to reach the log (at most 5 s).
for _ in $(seq 50); do
	[ -s "$MYDOCKER_RUN/web/container.log" ] && break
	sleep 0.1
done
show logs web
show exec web sh -c 'echo "inside: $(hostname), env GREETING=$GREETING"; ps'
show stop -t 1 web
# From 09-monitor on: each detached container has a monitor that records
# how it ended; wait prints that exit code.
if "$mydocker" help | grep -q '^  mydocker wait'; then
	show wait web
	show run -d --rm --name job busybox sh -c 'sleep 1; exit 3'
	show wait job
	sleep 0.5	# its monitor removes it once wait has read the code
fi
show ps
show commit web web-snapshot
show run web-snapshot cat /tmp/state
show rm web
show ps
echo
echo "demo: done"
