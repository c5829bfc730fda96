#!/bin/bash
# Usage: bench.sh MYDOCKER_BIN IMAGE_TAR
# Time `mydocker run busybox /bin/true` against runc running the same image
# and against the floor (bare unshare + chroot), in one hyperfine run.
# Env: BENCH_RUNS (default 50), BENCH_JSON (keep hyperfine's JSON there).
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 MYDOCKER_BIN IMAGE_TAR" >&2; exit 2; }
mydocker=$(realpath "$1")
image=$(realpath "$2")
runs=${BENCH_RUNS:-50}
[ -x "$mydocker" ] || { echo "$0: $1 is not executable" >&2; exit 1; }
[ -r "$image" ] || { echo "$0: $2 not readable" >&2; exit 1; }
for t in hyperfine runc jq unshare; do
	command -v "$t" >/dev/null || { echo "$0: $t missing (scripts/deps.sh)" >&2; exit 1; }
done

tmp=$(mktemp -d)
id=bench-$$                # runc run deletes its container on exit, so one id serves every run
bundle=$tmp/bundle
runc=(runc --root "$tmp/runc")   # runc's state under $tmp, not /run/runc

cleanup() {
	# Only matters after a failure or ^C: a container still there (its
	# cgroups go with it), then mounts a broken mydocker left under $tmp
	# (deepest first), so rm never walks into a mounted overlay.
	"${runc[@]}" delete -f "$id" >/dev/null 2>&1 || true
	grep -o " $tmp/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l || true
	# A runc orphaned by a killed hyperfine may still be writing to the
	# bundle for a moment: retry.
	for _ in 1 2 3 4 5; do
		rm -rf --one-file-system "$tmp" 2>/dev/null && return
		sleep 0.5
		"${runc[@]}" delete -f "$id" >/dev/null 2>&1 || true
	done
	rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT

# mydocker finds images by name under $MYDOCKER_ROOT; give it private roots.
export MYDOCKER_ROOT=$tmp/root MYDOCKER_RUN=$tmp/run
mkdir -p "$MYDOCKER_ROOT/images" "$MYDOCKER_RUN"
cp "$image" "$MYDOCKER_ROOT/images/busybox.tar"

# The first run unpacks the image into a cached layer: keep it out of the timing.
"$mydocker" run busybox /bin/true || { echo "$0: mydocker warm-up run failed" >&2; exit 1; }

# An OCI bundle with the same files, and runc's default spec but for the command.
mkdir -p "$bundle/rootfs"
tar -xf "$image" -C "$bundle/rootfs"
(cd "$bundle" && runc spec)
jq '.process.args = ["/bin/true"] | .process.terminal = false | .root.path = "rootfs"' \
	"$bundle/config.json" >"$tmp/config.json"
mv "$tmp/config.json" "$bundle/config.json"

# -N runs the commands without a shell (so no shell start-up in the numbers,
# and no shell correction); hyperfine then splits them like a shell would,
# hence %q.
q() { printf '%q ' "$@"; }
json=${BENCH_JSON:-$tmp/bench.json}
hyperfine -N --warmup 5 --runs "$runs" --export-json "$json" \
	-n mydocker "$(q "$mydocker" run busybox /bin/true)" \
	-n runc "$(q "${runc[@]}" run --bundle "$bundle" "$id")" \
	-n floor "$(q unshare --fork --pid --mount --uts --ipc --net chroot "$bundle/rootfs" /bin/true)"

# Anything left means mydocker broke its "no state behind" contract.
if [ -n "$(ls -A "$MYDOCKER_RUN")" ] || grep -q " $MYDOCKER_ROOT/" /proc/mounts; then
	echo "warning: mydocker left state in $MYDOCKER_RUN or mounts under $MYDOCKER_ROOT" >&2
fi

# Medians in ms, read from the JSON (-n names are its "command" fields).
median() { jq -r --arg c "$1" '.results[] | select(.command == $c) | .median * 1000' "$json"; }
m=$(median mydocker) r=$(median runc) f=$(median floor)
echo
printf '%-9s %7.2f ms (median)\n' mydocker "$m" runc "$r" floor "$f"
awk -v m="$m" -v r="$r" -v f="$f" \
	'BEGIN { printf "mydocker/runc = %.2f\nmydocker/floor = %.2f\n", m / r, m / f }'
