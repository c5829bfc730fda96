#!/bin/bash
# setup.sh: Gradescope runs this once, as root, when it builds the
# autograder's image (in /autograder/source, where the zip is unpacked);
# nothing else is downloaded or built while grading. It needs no
# privilege beyond root's files (no mount, no loop device, no KVM): the
# guest is assembled from Debian's packages (vm/mkguest.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The host's tools: a C compiler and jansson for the lab, QEMU for the
# guest, and what vm/mkguest.sh, vm/grade.sh and the tests' build use.
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends build-essential pkg-config \
	libjansson-dev busybox-static qemu-system-x86 cpio debian-archive-keyring \
	binutils jq tar xz-utils ca-certificates

# The lab: build the guest, the busybox image, and the handout once, so
# that each submission only compiles its chapter.
cd "$here/lab"
make vm-image
ch=$(sed -nE 's/^[[:space:]]*chapter[[:space:]]*=[[:space:]]*([^[:space:]]+).*/\1/p' "$here/assignment.conf")
make -s CH="$ch" all build/images/busybox.tar
# The list of the tests that should run (vm/list-tests.sh), made once.
chapters=$(cd chapters && for c in [0-9][0-9]-*; do [[ $c > $ch ]] || echo "$c"; done)
# shellcheck disable=SC2086
LIST_CACHE=build/tests-list vm/list-tests.sh $chapters >/dev/null
echo "setup: the guest and chapter $ch are built in $here/lab/build"
