#!/bin/bash
# Usage: profile.sh BUILD IMAGE_TAR CHAPTER...
# Where the time goes in the rows of bench.sh that miss their target:
# each command and its floor or peer, PROFILE_RUNS times each (default
# 10; commit 3) under `strace -f -y -T -tt`, one trace a run, kept in
# PROFILE_DIR (default BUILD/profile). For every command it prints:
#   - the median wall time under strace (inflated by strace, but the
#     split is what matters);
#   - the syscalls that took the most time: the median over the runs of
#     a run's total, and the calls a run;
#   - the sites that took the most, the same way: a syscall and its first
#     argument (paths and fds by name, the container's ID as ID).
# Syscall times are wall times: a wait4() or poll() in the parent covers
# what its child did meanwhile, listed under the child's own sites too.
# With PROFILE_PERF=1 it also samples the kernel (perf record -a -g)
# over the runs of `run` and prints the top kernel symbols of the
# commands' processes (the machine's other jobs are filtered out by comm).
# Cases: run CH (each CHAPTER), floor, runc, exec, nsenter, stop (the
# newest chapter and 08-env, before the monitor), SIGTERM + pidfd,
# commit, tar -cf, ps over BENCH_PS_N (1000) records (not by default).
# PROFILE_CASES="run stop ps" chooses.
set -euo pipefail

[ $# -ge 3 ] || { echo "usage: $0 BUILD IMAGE_TAR CHAPTER..." >&2; exit 2; }
build=$(realpath "$1")
image=$(realpath "$2")
shift 2
chapters=("$@")
runs=${PROFILE_RUNS:-10}
out=${PROFILE_DIR:-$build/profile}
cases=${PROFILE_CASES:-run exec stop commit}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for t in strace runc jq unshare nsenter cc tar; do
	command -v "$t" >/dev/null || { echo "$0: $t missing (scripts/deps.sh)" >&2; exit 1; }
done
newest=${chapters[-1]}
md=$build/$newest/mydocker
mkdir -p "$out"
rm -f "$out"/*.trace "$out"/*.perf

tmp=$(mktemp -d)
bundle=$tmp/bundle
runc=(runc --root "$tmp/runc")
cleanup() {
	local id

	for id in $("${runc[@]}" list -q 2>/dev/null); do
		"${runc[@]}" delete -f "$id" >/dev/null 2>&1 || true
	done
	for m in "$build"/*/mydocker; do
		"$m" ps -q 2>/dev/null | xargs -r "$m" rm -f >/dev/null 2>&1 || true
	done
	grep -o " $tmp/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l || true
	rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT
cc -O2 -Wall -o "$tmp/pidstop" "$here/pidstop.c"
export MYDOCKER_ROOT=$tmp/root MYDOCKER_RUN=$tmp/run
mkdir -p "$MYDOCKER_ROOT/images" "$MYDOCKER_RUN" "$bundle/rootfs"
cp "$image" "$MYDOCKER_ROOT/images/busybox.tar"
tar -xf "$image" -C "$bundle/rootfs"
(cd "$bundle" && runc spec && jq '.process.args = ["/bin/true"] | .process.terminal = false' \
	config.json >c.json && mv c.json config.json)

# trace NAME PREP CMD...: PREP (a shell command, untimed) then CMD under
# strace, $runs times.
trace() {
	local name=$1 prep=$2 i
	shift 2
	for i in $(seq "$runs"); do
		[ -z "$prep" ] || bash -c "$prep" >/dev/null
		strace -f -y -T -tt -qq -o "$out/$name.$i.trace" "$@" >/dev/null 2>&1 || true
	done
	report "$name"
}

# report NAME: one summary over $out/NAME.*.trace.
report() {
	echo
	echo "== $1 (strace, $runs runs)"
	awk -v runs="$runs" -f - "$out/$1".*.trace >"$tmp/sum" <<-'AWK'
	function secs(t,  a) { split(t, a, ":"); return a[1] * 3600 + a[2] * 60 + a[3] }
	FNR == 1 {
		if (last) walls[++nw] = last - first
		first = secs($2); main = $1; run++
	}
	{ last = secs($2) }
	/ <[0-9.]+>$/ {
		d = substr($NF, 2, length($NF) - 2) * 1000
		line = $0
		sub(/^[0-9]+ +[0-9:.]+ /, "", line)
		if (line ~ /^<\.\.\. /) {
			split(line, w, " ")
			site = pending[$1]
			name = w[2]
		} else {
			name = line
			sub(/\(.*/, "", name)
			site = line
			sub(/, .*|\) += .*/, "", site)
			site = site ")"
		}
		gsub(/[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]/, "ID", site)
		gsub(/\/tmp\/tmp\.[A-Za-z0-9]+/, "$TMP", site)
		gsub(/\/proc\/[0-9]+/, "/proc/N", site)
		gsub(/[0-9]+</, "<", site)
		gsub(/\/self\/fd\/[0-9]+/, "/self/fd/N", site)
		gsub(/\([0-9]+\)/, "(N)", site)
		gsub(/:\[[0-9]+\]/, "", site)
		who = $1 == main ? "" : "[child] "
		bysys[name, run] += d; nsys[name]++; sys[name] = 1
		bysite[who site, run] += d; nsite[who site]++; sites[who site] = 1
		next
	}
	/ <unfinished \.\.\.>$/ {
		line = $0
		sub(/^[0-9]+ +[0-9:.]+ /, "", line)
		sub(/, .*|\) += .*| <unfinished.*/, "", line)
		pending[$1] = line ")"
	}
	# The median over the runs (a run without it counts 0): one run
	# slowed down by the machine's other jobs does not move it.
	function median(tab, key,  v, i, j, x, n) {
		n = 0
		for (i = 1; i <= run; i++) {
			x = (key, i) in tab ? tab[key, i] : 0
			for (j = n; j > 0 && v[j] > x; j--) v[j + 1] = v[j]
			v[j + 1] = x
			n++
		}
		return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
	END {
		walls[++nw] = last - first
		for (i = 1; i <= nw; i++) printf "W %.3f\n", walls[i] * 1000
		for (s in sys) printf "S %.3f %.1f %s\n", median(bysys, s), nsys[s] / run, s
		for (s in sites) printf "T %.3f %.1f %s\n", median(bysite, s), nsite[s] / run, substr(s, 1, 110)
	}
	AWK
	grep '^W ' "$tmp/sum" | sort -k2 -n | awk '{ w[++n] = $2 } END {
		printf "wall under strace: median %.2f ms (min %.2f, max %.2f)\n",
			n % 2 ? w[(n + 1) / 2] : (w[n / 2] + w[n / 2 + 1]) / 2, w[1], w[n] }'
	echo "syscalls by time (median ms over the runs, calls a run):"
	grep '^S ' "$tmp/sum" | sort -k2 -rn |
		awk 'NR <= 10 { printf "  %8.3f %6.1f  %s\n", $2, $3, $4 }'
	echo "sites by time (median ms over the runs, calls a run):"
	grep '^T ' "$tmp/sum" | sort -k2 -rn |
		awk 'NR <= 14 { t = $2; c = $3; sub(/^T [^ ]+ [^ ]+ /, ""); printf "  %8.3f %6.1f  %s\n", t, c, $0 }'
}

# perf_run NAME CMD...: sample the kernel while CMD runs $runs times.
perf_run() {
	local name=$1 comms
	shift
	[ "${PROFILE_PERF:-0}" = 1 ] && command -v perf >/dev/null || return 0
	perf record -q -a -g -o "$out/$name.perf" -- \
		bash -c 'for i in $(seq '"$runs"'); do "$@" >/dev/null 2>&1; done' _ "$@" \
		>/dev/null 2>&1 || return 0
	comms=mydocker,unshare,chroot,true,runc,busybox,"runc:[2:INIT]"
	echo
	echo "== $name (perf, kernel symbols of $comms, $runs runs)"
	perf report -q -i "$out/$name.perf" --comms "$comms" --no-children \
		--percentage relative --sort sym --stdio -g none 2>/dev/null |
		awk 'NF && ++n <= 20'
	true
}

if [[ " $cases " = *" run "* ]]; then
	for ch in "${chapters[@]}"; do
		"$build/$ch/mydocker" run busybox /bin/true	# unpack the layer
		trace "run-$ch" "" "$build/$ch/mydocker" run busybox /bin/true
	done
	floor=(unshare --fork --pid --mount --uts --ipc --net chroot "$bundle/rootfs" /bin/true)
	trace floor "" "${floor[@]}"
	trace runc "" "${runc[@]}" run --bundle "$bundle" prof-true
	perf_run "perf-run-$newest" "$md" run busybox /bin/true
	perf_run perf-floor "${floor[@]}"
fi

if [[ " $cases " = *" exec "* ]] && "$md" help 2>&1 | grep -q '^  mydocker exec '; then
	"$md" run -d --name ex busybox sleep 1000 >/dev/null
	pid=$(jq -r .pid "$MYDOCKER_RUN/ex/config.json")
	trace exec "" "$md" exec ex /bin/true
	trace nsenter "" nsenter -t "$pid" -m -u -i -n -p -r -w /bin/true
	"$md" rm -f ex >/dev/null
fi

if [[ " $cases " = *" stop "* ]]; then
	# A container that ends at once on SIGTERM, its trap set.
	prep() {
		printf '%q ' "$1" rm -f "$2"
		printf '>/dev/null 2>&1; %q run -d --name %q busybox sh -c %q >/dev/null;' \
			"$1" "$2" 'trap "exit 0" TERM; sleep 1000 & wait'
		printf 'p=$(jq -r .pid %q);' "$MYDOCKER_RUN/$2/config.json"
		printf 'echo $p >%q;' "$tmp/floor.pid"
		printf 'for i in $(seq 500); do (( 0x$(awk "/^SigCgt/ { print \\$2 }" /proc/$p/status) & (1 << 14) )) && break; sleep 0.01; done'
	}
	for ch in 08-env "$newest"; do
		m=$build/$ch/mydocker
		[ -x "$m" ] || continue
		trace "stop-$ch" "$(prep "$m" st)" "$m" stop st
		"$m" rm -f st >/dev/null 2>&1 || true
	done
	trace pidstop "$(prep "$md" fl)" "$tmp/pidstop" "$tmp/floor.pid"
	"$md" rm -f fl >/dev/null 2>&1 || true
fi

if [[ " $cases " = *" commit "* ]] && "$md" help 2>&1 | grep -q '^  mydocker commit '; then
	"$md" run -d --name cm busybox sh -c \
		"dd if=/dev/urandom of=/big bs=1M count=${BENCH_COMMIT_MB:-100} 2>/dev/null; touch /done; sleep 1000" >/dev/null
	pid=$(jq -r .pid "$MYDOCKER_RUN/cm/config.json")
	for _ in $(seq 3000); do [ -e "/proc/$pid/root/done" ] && break; sleep 0.01; done
	runs_all=$runs
	runs=$(( runs < 3 ? runs : 3 ))
	trace commit "rm -f $(printf %q "$MYDOCKER_ROOT/images/bigimg.tar")" "$md" commit cm bigimg
	trace tar "rm -f $(printf %q "$tmp/same.tar")" tar -cf "$tmp/same.tar" --one-file-system -C "/proc/$pid/root" .
	runs=$runs_all
	"$md" rm -f cm >/dev/null
fi
if [[ " $cases " = *" ps "* ]] && "$md" help 2>&1 | grep -q '^  mydocker ps '; then
	n=${BENCH_PS_N:-1000}
	echo "making $n stopped records..."
	for _ in $(seq "$n"); do "$md" run -d busybox /bin/true >/dev/null; done
	trace "ps-$n" "" "$md" ps
	"$md" ps -q | xargs -r "$md" rm -f >/dev/null
fi
echo
echo "traces in $out; load: $(uptime)"
