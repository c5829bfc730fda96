#!/usr/bin/env bash
# demo.sh MYDOCKER IMAGE_TAR: show a chapter's runtime at work on the
# busybox image, in temporary roots that are removed afterwards.
set -euo pipefail
mydocker=$(realpath "$1")
image=$(realpath "$2")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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

echo "mydocker demo: $mydocker (data root $MYDOCKER_ROOT)"
show run --name bird busybox sh -c 'echo "hostname: $(hostname)"; echo "my pid: $$"; ps'
show run -m 64m --cpus 0.5 busybox sh -c 'grep -E "memory|cpu" /proc/self/cgroup'
show run -v "$tmp/shared:/shared" busybox sh -c 'echo written inside > /shared/note'
printf '\n$ cat %s\n' "$tmp/shared/note"
cat "$tmp/shared/note"
set +e
show run busybox sh -c 'exit 3'
echo "exit status: $?"
set -e
echo
echo "demo: done"
