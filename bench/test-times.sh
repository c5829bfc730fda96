#!/bin/bash
# Usage: bench/test-times.sh [make test arguments, e.g. CH=05-stop JOBS=2]
# `make test`'s wall time, and its slowest tests: every test program runs
# under bench/test-clock (through selftests/run.sh's REAP_NOW hook, with
# the reap-now subreaper still under it if REAP=now is given), which
# passes the program's output through unchanged and writes each line's
# time to a log; from the "RUN" and "OK"/"FAIL"/"SKIP" lines of the
# kselftest harness each test's own time follows. Prints the wall time,
# the load, and the TEST_TIMES_TOP (25) slowest tests with the chapter
# whose binary ran them. The logs stay in build/test-times/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
logs=$top/build/test-times
rm -rf "$logs"
mkdir -p "$logs"
reap=
for a in "$@"; do
	[ "$a" != REAP=now ] || reap=$top/build/selftests/tools/reap-now
done
[ -z "$reap" ] || make -C "$top" "build/selftests/tools/reap-now" >/dev/null

echo "load before: $(uptime)"
start=$(date +%s.%N)
rc=0
make -C "$top" test "$@" TEST_ENV="REAP_NOW=$here/test-clock TEST_CLOCK_LOGS=$logs TEST_CLOCK_REAP=$reap" \
	>"$logs/make-test.out" 2>&1 || rc=$?
end=$(date +%s.%N)
echo "load after:  $(uptime)"
grep -E "^[0-9]+ passed, " "$logs/make-test.out" || true
awk -v s="$start" -v e="$end" -v rc="$rc" 'BEGIN { printf "make test: %.0f s wall (exit status %d)\n", e - s, rc }'
# One line a test: seconds, chapter binary, test program, test name.
for f in "$logs"/*.log; do
	awk '
		FNR == 1 { split(FILENAME, p, "/"); n = split(p[length(p)], q, "@"); bin = q[1]; prog = q[2] }
		/ RUN / { name = $NF == "..." ? $(NF - 1) : $NF; t0 = $1 }
		/ (OK|FAIL|SKIP|XFAIL) / && t0 { printf "%8.2f  %-10s %-22s %s\n", $1 - t0, bin, prog, name; t0 = 0 }
	' "$f"
done | sort -rn >"$logs/tests.txt"
echo "$(wc -l <"$logs/tests.txt") tests; slowest (s, binary, program, test):"
head -n "${TEST_TIMES_TOP:-25}" "$logs/tests.txt"
exit "$rc"
