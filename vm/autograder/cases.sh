#!/bin/bash
# Usage: vm/autograder/cases.sh CASE DIR HANDOUT CHAPTER
#
# Make in DIR the submission CASE of make autograder-test and of a test
# class for make grade-class, from HANDOUT (the package's lab/) and the
# lab's own CHAPTER (the solution):
#   solution   the chapter's files from the lab, on their own
#   handout    the handout untouched, as a tree
#   nocompile  the handout with a file that does not compile
#   hang       the handout with a file that makes every mydocker hang
#   cheat      the handout with selftests/ and points.txt edited
#   flood      the handout with a file that makes every mydocker write
#              to the console without end
# The added files are new ones (hang.c ...), so the cases do not depend on
# how the chapter's sources are split.
set -euo pipefail

c=${1:?usage: $0 CASE DIR HANDOUT CHAPTER}
d=${2:?usage: $0 CASE DIR HANDOUT CHAPTER}
handout=${3:?usage: $0 CASE DIR HANDOUT CHAPTER}
ch=${4:?usage: $0 CASE DIR HANDOUT CHAPTER}
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

tree() { mkdir -p "$d" && tar -C "$handout" --exclude=./build -cf - . | tar -C "$d" -xf -; }
case $c in
solution) mkdir -p "$d" && cp "$top/chapters/$ch"/*.[ch] "$d/" ;;
handout) tree ;;
nocompile) tree && printf 'int broken( {\n' >"$d/chapters/$ch/broken.c" ;;
hang) tree && cat >"$d/chapters/$ch/hang.c" <<'C'
#include <unistd.h>
__attribute__((constructor)) static void hang(void) { for (;;) pause(); }
C
;;
flood) tree && cat >"$d/chapters/$ch/flood.c" <<'C'
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
__attribute__((constructor)) static void flood(void)
{
	static char line[4096];
	int fd = open("/dev/console", O_WRONLY);

	memset(line, 'y', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';
	for (;;)
		if (write(fd, line, sizeof(line)) < 0)
			pause();
}
C
;;
cheat) tree && echo '*/* 100' >"$d/selftests/points.txt" &&
	for t in "$d"/selftests/*/*_test.c; do
		sed -i 's/ASSERT_[A-Z]*(/(void)(/' "$t"
	done ;;
*) echo "cases: no case '$c' (solution handout nocompile hang cheat flood)" >&2; exit 2 ;;
esac
