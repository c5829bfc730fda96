#!/bin/bash
# Usage: vm/unprivileged.sh [USER]         (make vm-unprivileged, as root)
#
# Prove that make vm needs no privilege: copy the lab (without build/)
# into a temp dir and build the guest there twice from nothing, as the
# ordinary user USER (default mydocker-lab-ci, created if missing, and
# removed after if this script created it), then as root without
# CAP_SYS_ADMIN (capsh --drop); each guest must boot to its init. The
# packages make deps installs are assumed present. Ends with
# "N passed, N failed, 0 skipped".
set -uo pipefail

user=${1:-mydocker-lab-ci}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "vm-unprivileged: run as root (it makes a user and drops capabilities)" >&2; exit 2; }
command -v capsh >/dev/null || { echo "vm-unprivileged: capsh missing (apt-get install libcap2-bin)" >&2; exit 2; }

made_user=
if ! id "$user" >/dev/null 2>&1; then
	useradd --system --create-home --home-dir "/var/tmp/$user.home" "$user" || exit 2
	made_user=1
fi
tmp=$(mktemp -d /var/tmp/mydocker-unpriv.XXXXXX)
chmod 0755 "$tmp"
cleanup() {
	rm -rf "$tmp"
	[ -n "$made_user" ] && userdel -r "$user" 2>/dev/null
}
trap cleanup EXIT
passed=0 failed=0

# One build from nothing in DIR by COMMAND..., then a boot to the init.
try() {
	local what=$1 dir=$2 t0=$SECONDS
	shift 2
	mkdir -p "$dir" &&
	tar -C "$top" --exclude=./build --exclude=./.git -cf - . | tar -C "$dir" -xf - || return
	[ "$what" = user ] && chown -R "$user:" "$dir"
	if "$@" "cd '$dir' && make -s vm-image && grep -E '^Cap(Eff|Bnd)' /proc/self/status && id -u" \
		>"$tmp/$what.log" 2>&1 &&
	   [ -s "$dir/build/vm/guest.cpio" ] && [ -s "$dir/build/vm/vmlinuz" ]; then
		echo "ok: make vm as $what in $((SECONDS - t0)) s: $(tr '\n' ' ' <"$tmp/$what.log" | grep -oE 'CapEff:[[:space:]]*[0-9a-f]+')," \
			"guest $(du -h --apparent-size "$dir/build/vm/guest.cpio" | cut -f1)"
		passed=$((passed + 1))
	else
		tail -n 20 "$tmp/$what.log"
		echo "FAILED: make vm as $what"
		failed=$((failed + 1))
		return
	fi
	# The boot: the init's first line, as that user.
	"$@" "cd '$dir' && VM_ACCEL=tcg VM_INITRD=build/vm/guest.cpio VM_BOOT_TIMEOUT=120 vm/run.sh 00-run" \
		>"$tmp/$what.boot" 2>&1
	if grep -q '^vm: init: started' "$tmp/$what.boot"; then
		echo "ok: the guest built as $what boots"
		passed=$((passed + 1))
	else
		echo "FAILED: the guest built as $what does not boot"
		failed=$((failed + 1))
	fi
}

try user "$tmp/user" su -s /bin/bash "$user" -c
try no-cap-sys-admin "$tmp/nocap" capsh --drop=cap_sys_admin -- -c
echo "$passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
