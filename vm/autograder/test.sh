#!/bin/bash
# Usage: vm/autograder/test.sh AUTOGRADER_DIR [CASE...]   (make autograder-test, as root)
#
# The autograder on a brand-new Debian 12: debootstrap a minbase root
# into a temp dir, unpack AUTOGRADER_DIR/gradescope.zip into its
# /autograder/source, run setup.sh there as root without CAP_SYS_ADMIN
# (capsh --drop), then run_autograder for each CASE in a 768 MB memory
# cgroup on one CPU (vm/box.sh), and check each results file: Gradescope's
# fields (check-results.jq), PrairieLearn's, the JUnit XML, and the score
# the case deserves. CASEs (default: all):
#   solution   the chapter's files from the lab: full score
#   handout    the handout untouched: the stubs' score (every test of the
#              earlier chapters passes, not every one of this chapter)
#   nocompile  the handout with a file that does not compile: 0, and the
#              compiler's message
#   hang       every mydocker hangs (time limit cut to 60 s): a score
#              below full and the time limit named
#   cheat      the handout with selftests/ and points.txt edited: the
#              handout's score
#   flood      every mydocker floods the console: a valid results file
# Ends with "N passed, N failed, N skipped" (a case is a test).
set -uo pipefail

ag=$(cd "${1:?usage: $0 AUTOGRADER_DIR [CASE...]}" && pwd) || exit 2
shift
[ $# -gt 0 ] || set -- nocompile solution handout cheat hang flood
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "autograder-test: needs root (debootstrap, chroot)" >&2; exit 2; }
for c in debootstrap capsh unzip jq xmllint; do
	command -v $c >/dev/null || { echo "autograder-test: $c missing (make deps)" >&2; exit 2; }
done
conf=$ag/gradescope/assignment.conf
ch=$(sed -nE 's/^[[:space:]]*chapter[[:space:]]*=[[:space:]]*([^[:space:]]+).*/\1/p' "$conf")

tmp=$(mktemp -d "${TMPDIR:-/var/tmp}/mydocker-agtest.XXXXXX")
root=$tmp/root
cleanup() {
	grep -o " $tmp/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null
	rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
passed=0 failed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
bad() { echo "FAILED: $*"; failed=$((failed + 1)); }

# In the new root, as root without CAP_SYS_ADMIN (in a mount namespace of
# its own, so that its /proc and /dev go when it ends).
inside() {
	unshare -m --propagation private sh -c '
		mount -t proc proc "$0/proc" && mount --rbind /dev "$0/dev" &&
		exec capsh --drop=cap_sys_admin --chroot="$0" -- -c "$1"' "$root" "$1"
}

echo "autograder-test: debootstrap bookworm into $root"
start=$SECONDS
debootstrap --variant=minbase bookworm "$root" >"$tmp/debootstrap.log" 2>&1 ||
	{ tail -n 20 "$tmp/debootstrap.log"; echo "autograder-test: debootstrap failed" >&2; exit 1; }
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/autograder/source"
unzip -q "$ag/gradescope.zip" -d "$root/autograder/source"
echo "autograder-test: setup.sh, without CAP_SYS_ADMIN ($((SECONDS - start)) s so far)"
if inside 'grep CapEff /proc/self/status; cd /autograder/source && ./setup.sh' >"$tmp/setup.log" 2>&1; then
	ok "setup.sh in $((SECONDS - start)) s ($(grep CapEff "$tmp/setup.log"))"
else
	tail -n 30 "$tmp/setup.log"
	bad "setup.sh"
	echo "$passed passed, $failed failed, 0 skipped"
	exit 1
fi

# ---- the submissions (cases.sh) ----
handout=$root/autograder/source/lab

score_of() { jq -r '.score' "$1"; }
max_of() { jq -r '[.tests[].max_score] | add' "$1"; }
handout_score=
for c in "$@"; do
	rm -rf "$root/autograder/submission" "$root/autograder/results"
	"$here/cases.sh" "$c" "$root/autograder/submission" "$handout" "$ch" || { bad "$c: no such case"; continue; }
	cp "$conf" "$tmp/conf.saved"
	[ "$c" = hang ] && sed -i 's/^time_limit = .*/time_limit = 60/' "$root/autograder/source/assignment.conf"
	echo "autograder-test: $c: run_autograder in 768 MB on 1 CPU"
	t0=$SECONDS
	timeout -k 10 900 "$here/../box.sh" 768 1 unshare -m --propagation private sh -c '
		mount -t proc proc "$0/proc" && mount --rbind /dev "$0/dev" &&
		exec capsh --drop=cap_sys_admin --chroot="$0" -- -c /autograder/source/run_autograder' \
		"$root" >"$tmp/$c.log" 2>&1
	box=$(grep '^box: ' "$tmp/$c.log")
	cp "$tmp/conf.saved" "$root/autograder/source/assignment.conf"
	r=$root/autograder/results
	if ! jq -e -f "$here/check-results.jq" "$r/results.json" >/dev/null 2>&1; then
		tail -n 20 "$tmp/$c.log"
		bad "$c: no valid results.json ($box)"
		continue
	fi
	jq -e '(.score | type == "number") and (.tests | type == "array") and (.gradable == true)' \
		"$r/results-pl.json" >/dev/null 2>&1 || { bad "$c: results-pl.json"; continue; }
	xmllint --noout "$r/junit.xml" 2>/dev/null || { bad "$c: junit.xml is not XML"; continue; }
	s=$(score_of "$r/results.json") m=$(max_of "$r/results.json")
	why=
	case $c in
	solution) [ "$s" = "$m" ] || why="want $m" ;;
	handout)
		handout_score=$s
		[ "$s" -lt "$m" ] || why="want below $m"
		jq -e --arg ch "$ch" 'all(.tests[] | select((.name | split(": ")[1] | split("/")[0]) < $ch); .status == "passed")' \
			"$r/results.json" >/dev/null || why="a test of an earlier chapter failed" ;;
	nocompile) [ "$s" = 0 ] && grep -q 'does not compile' "$r/results.json" || why="want 0 and the compiler's message" ;;
	hang) [ "$s" -lt "$m" ] && grep -q 'time limit' "$r/results.json" || why="want below $m and the time limit named" ;;
	cheat) [ -z "$handout_score" ] || [ "$s" = "$handout_score" ] || why="want the handout's $handout_score" ;;
	flood) [ "$s" -lt "$m" ] || why="want below $m" ;;
	esac
	if [ -z "$why" ]; then
		ok "$c: $s/$m in $((SECONDS - t0)) s; $box"
	else
		bad "$c: $s/$m: $why; $box"
	fi
	rm -rf "$ag/test-$c" && cp -r "$r" "$ag/test-$c"
done
echo "$passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
