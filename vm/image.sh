#!/bin/bash
# Usage: vm/image.sh DIR            (make vm: DIR is build/vm)
#
# Make the guest's boot files in DIR with vm/mkguest.sh (DIR/vmlinuz,
# DIR/guest.cpio), unless they are there and were made from the same
# vm/mkguest.sh and vm/init.c. Inputs are compared by content (sha256),
# not by date: a fresh clone's dates say nothing. Needs no root and no
# privilege, only Debian's mirror the first time (the packages are kept in
# DIR/debs). Prints nothing when up to date.
set -euo pipefail

dir=${1:?usage: $0 DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
key=$(cat "$here/mkguest.sh" "$here/init.c" | sha256sum | cut -c1-16)

if [ -r "$dir/guest.key" ] && [ "$(cat "$dir/guest.key")" = "$key" ] &&
   [ -r "$dir/guest.cpio" ] && [ -r "$dir/vmlinuz" ]; then
	exit 0
fi
rm -f "$dir/guest.key"
"$here/mkguest.sh" "$dir"
echo "$key" >"$dir/guest.key"
