#!/bin/bash
# Usage: vm/run.sh [--shell] [CHAPTER...]
#
# Boot the lab's guest (built by vm/image.sh) under QEMU and, by default,
# run selftests/run.sh CHAPTER... inside it (every chapter when none is
# named), printing its output as it comes over the serial console. Exits
# with the tests' status. --shell boots to an interactive shell instead
# (CHAPTER: whose mydocker is on PATH, default the newest).
#
# Runs as any user: QEMU only reads the guest's files, and the guest lives
# in its own memory.
#
#   BUILD        the build dir (default: build): binaries, tests, image
#   VM_DIR       the guest's files (default: $BUILD/vm)
#   VM_ACCEL     kvm or tcg; default: probed (see probe_accel)
#   VM_TIMEOUT   seconds the whole run may take (default: 300 + 4 per
#                test); then the guest is killed, and run.sh says so
#   VM_BOOT_TIMEOUT  seconds to the init's first line (default: 60)
#   VM_IDLE_TIMEOUT  seconds the guest may print nothing (default: 180)
#   VM_MEM, VM_CPUS, VM_CPU  the guest's memory in MB (1536), number of
#                CPUs (2) and CPU model (qemu64 under TCG, host under KVM)
#   VM_TB_MB     MB for TCG's translated code (64)
#   VM_KERNEL_LOG=1  show the kernel's messages, not only errors
#   VM_APPEND    more words for the kernel command line
#   VM_UNTIL_TAP=1   stop the guest at the first TAP line and print the
#                time to it (vm/boot-time.sh)
#   VM_INITRD    boot this initramfs instead of the guest and the lab
#                (vm/boot-time.sh's floor)
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD:-$top/build}
build=$(cd "$build" 2>/dev/null && pwd) || { echo "vm: no build dir ${BUILD:-$top/build}" >&2; exit 2; }
vmdir=${VM_DIR:-$build/vm}

shell=0
if [ "${1:-}" = --shell ]; then
	shell=1
	shift
fi
mapfile -t all < <(find "$top/chapters" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | LC_ALL=C sort)
if [ $# -eq 0 ] && [ $shell = 1 ]; then
	set -- "${all[-1]}"
elif [ $# -eq 0 ]; then
	set -- "${all[@]}"
fi

for f in vmlinuz guest.cpio; do
	[ -r "$vmdir/$f" ] || { echo "vm: $vmdir/$f missing: build the guest with 'make vm'" >&2; exit 2; }
done
for c in qemu-system-x86_64:qemu-system-x86 cpio:cpio; do
	command -v "${c%:*}" >/dev/null ||
		{ echo "vm: ${c%:*} missing (apt-get install ${c#*:})" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mydocker-vm.XXXXXX")
qpid=
cleanup() {
	[ -n "$qpid" ] && kill "$qpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the lab, appended to the guest's initramfs ----
# The kernel unpacks every cpio archive of its initramfs in turn, so the
# lab for this run is a second archive after the guest's (vm/mkguest.sh):
# the lab's sources (what run.sh needs, and what a student in the shell
# reads), then from the build dir what the run uses: the chapters'
# mydocker (a test run: the chapters named), the test programs of the
# chapters up to the newest named, the busybox image. About 6 MB, made in
# a fraction of a second; the guest finds it under /lab. Nothing is
# rebuilt, and nothing comes back.
make_lab_initrd() {
	local lab=$tmp/lab newest ch f src=() files=()
	for f in chapters common selftests README.md Makefile; do
		[ -e "$top/$f" ] && src+=("$f")
	done
	newest=$(printf '%s\n' "$@" | LC_ALL=C sort | tail -n 1)
	for ch in "${all[@]}"; do
		if [ $shell = 1 ] || [[ " $* " == *" $ch "* ]]; then
			[ -f "$build/$ch/mydocker" ] && files+=("$ch/mydocker")
			# From 09-monitor on, its monitor program beside it.
			[ -f "$build/$ch/mydocker-shim" ] && files+=("$ch/mydocker-shim")
		fi
		if [ $shell = 1 ] || ! [[ $ch > $newest ]]; then
			for f in "$build/selftests/$ch"/*; do
				[ -f "$f" ] && files+=("${f#"$build"/}")
			done
		fi
	done
	[ -f "$build/images/busybox.tar" ] && files+=(images/busybox.tar)
	[ ${#files[@]} -gt 0 ] || { echo "vm: nothing built in $build (make all)" >&2; return 1; }

	mkdir -p "$lab/lab/build" &&
	tar -C "$top" -cf - --exclude='*.o' --exclude='*.d' "${src[@]}" | tar -C "$lab/lab" -xf - &&
	tar -C "$build" -cf - "${files[@]}" | tar -C "$lab/lab/build" -xf - || return
	# Debug information is for the host's gdb: half the bytes to unpack.
	for f in "${files[@]}"; do
		[[ $f == *.tar ]] || objcopy --strip-debug "$lab/lab/build/$f" 2>/dev/null || :
	done
	# Owned by root in the guest, whoever runs this.
	cp "$vmdir/guest.cpio" "$tmp/initrd" &&
	(cd "$lab" && find lab | cpio -o -H newc -R 0:0 --quiet) >>"$tmp/initrd"
}
if [ -n "${VM_INITRD:-}" ]; then
	cp "$VM_INITRD" "$tmp/initrd" || exit 2
else
	make_lab_initrd "$@" || exit 2
fi

# ---- QEMU ----
mode=test
rows= cols=
if [ $shell = 1 ]; then
	mode=shell
	read -r rows cols < <(stty size 2>/dev/null)
fi
words="$*"
quiet=quiet
[ "${VM_KERNEL_LOG:-0}" = 1 ] && quiet=

# The QEMU command for lab.mode=$1 under accelerator $2.
# No root=: the initramfs is the root, and its /init vm/init.c. panic=-1
# and -no-reboot: a guest whose init dies ends QEMU instead of rebooting
# into the same failure.
qemu_cmd() {
	# TCG: qemu64, a plain x86-64. "max" offers AVX2 and 5-level paging,
	# which glibc and the kernel then use and TCG emulates slowly: the same
	# tests took 1.5 times as long.
	local append cpu=${VM_CPU:-qemu64}
	[ "$2" = kvm ] && cpu=${VM_CPU:-host}
	append="console=ttyS0 rdinit=/init"
	# mitigations=off cryptomgr.notests: 2 s less boot under TCG, for a
	# guest that runs only the lab.
	append+=" panic=-1 mitigations=off cryptomgr.notests $quiet ${VM_APPEND:-}"
	append+=" lab.mode=$1 lab.chapters=${words// /+} lab.chapter=${words%% *}"
	[ "$1" = shell ] && append+=" lab.rows=${rows:-0} lab.cols=${cols:-0}"
	# tb-size: QEMU 7.2 lets TCG's cache of translated code grow to 1 GB,
	# which a long run fills; 64 MB holds what the guest runs, and QEMU
	# and a 512 MB guest then fit a 768 MB grading box.
	local accel=$2
	[ "$2" = tcg ] && accel=tcg,tb-size=${VM_TB_MB:-64}
	qemu=(qemu-system-x86_64 -accel "$accel" -cpu "$cpu"
		-smp "${VM_CPUS:-2}" -m "${VM_MEM:-1536}"
		-nodefaults -no-user-config -display none -no-reboot
		-kernel "$vmdir/vmlinuz" -initrd "$tmp/initrd" -append "$append")
}

# KVM when a guest really boots with it, else TCG. /dev/kvm existing is not
# enough (on some hosts a KVM guest hangs in early boot), so boot the guest
# to its init (lab.mode=probe: it says so and powers off) with a short
# timeout. A KVM boot takes about 2 s; the answer is kept in $vmdir/accel
# (or, when that is not writable, in $TMPDIR) for as long as the host is up
# (its boot_id).
probe_accel() {
	local cache boot_id accel=tcg
	boot_id=$(cat /proc/sys/kernel/random/boot_id)
	for cache in "$vmdir/accel" "${TMPDIR:-/tmp}/mydocker-lab-accel.$(id -u)"; do
		if [ -r "$cache" ] && [ "$(cut -d' ' -f1 "$cache")" = "$boot_id" ]; then
			cut -d' ' -f2 "$cache"
			return
		fi
	done
	if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
		echo "vm: trying KVM (at most ${VM_PROBE_TIMEOUT:-15} s, once per host boot)" >&2
		qemu_cmd probe kvm
		if timeout -k 1 "${VM_PROBE_TIMEOUT:-15}" "${qemu[@]}" -serial stdio \
			</dev/null 2>/dev/null | grep -q '^vm: probe: userspace reached'; then
			accel=kvm
		fi
		echo "vm: KVM $([ $accel = kvm ] && echo works || echo "does not boot the guest: using TCG")" >&2
	fi
	for cache in "$vmdir/accel" "${TMPDIR:-/tmp}/mydocker-lab-accel.$(id -u)"; do
		echo "$boot_id $accel" 2>/dev/null >"$cache" && break
	done
	echo "$accel"
}

accel=${VM_ACCEL:-$(probe_accel)}
case $accel in
kvm|tcg) ;;
*) echo "vm: VM_ACCEL=$accel: kvm or tcg" >&2; exit 2 ;;
esac
qemu_cmd "$mode" "$accel"

if [ $shell = 1 ]; then
	echo "vm: booting the guest ($accel); Ctrl-a x ends it, Ctrl-a h for help"
	# mon:stdio: the serial console and QEMU's monitor share the terminal.
	"${qemu[@]}" -serial mon:stdio
	exit
fi

# ---- a test run: stream the console, watch the clock ----
# Limits: the whole run (generous: 4 s a test, where 1.5 s is usual under
# TCG), the boot, and silence. A test that hangs is ended by the harness
# after 30 s and says so; a guest silent for longer is hung.
ntests=0
for ch in "$@"; do
	for tch in "${all[@]}"; do
		[[ $tch > $ch ]] && break
		n=$(cat "$top/selftests/$tch"/*_test.c 2>/dev/null | grep -c '^TEST')
		ntests=$((ntests + n))
	done
done
timeout=${VM_TIMEOUT:-$((300 + 4 * ntests))}
boot_timeout=${VM_BOOT_TIMEOUT:-60}
idle_timeout=${VM_IDLE_TIMEOUT:-180}

now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
start=$(now_ms)
elapsed() { echo $(($(now_ms) - start)); }
secs() { printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100)); }

mkfifo "$tmp/console"
TMPDIR=$tmp "${qemu[@]}" -serial stdio </dev/null >"$tmp/console" 2>"$tmp/qemu.err" &
qpid=$!
exec 3<"$tmp/console"

status= booted= first_tap= summary= buf= why= last=0
while :; do
	if IFS= read -r -t 1 line <&3; then
		line=$buf$line
		buf=
	elif [ $? -gt 128 ]; then       # no whole line this second
		buf+=$line
		now=$(elapsed)
		if [ -z "$booted" ] && [ "$now" -gt $((boot_timeout * 1000)) ]; then
			why="the guest did not boot within $boot_timeout s under $accel (VM_BOOT_TIMEOUT)"
		elif [ "$now" -gt $((timeout * 1000)) ]; then
			why="the tests did not finish within $timeout s (VM_TIMEOUT)"
		elif [ -n "$booted" ] && [ $((now - last)) -gt $((idle_timeout * 1000)) ]; then
			why="the guest printed nothing for $idle_timeout s: a test or the guest hung (VM_IDLE_TIMEOUT)"
		fi
		[ -n "$why" ] && break
		continue
	else                            # end of file: QEMU has exited
		[ -n "$buf$line" ] && printf '%s\n' "$buf$line"
		break
	fi
	line=${line%$'\r'}
	last=$(elapsed)
	[ -z "$booted" ] && [[ $line == "vm: "* ]] && booted=$last
	[ -z "$first_tap" ] && [[ $line == "TAP version"* ]] && first_tap=$last
	if [ -n "$first_tap" ] && [ "${VM_UNTIL_TAP:-0}" = 1 ]; then
		kill "$qpid" 2>/dev/null
		wait "$qpid" 2>/dev/null
		qpid=
		printf "vm: %s: boot to first TAP line %d.%02d s\n" "$accel" $((first_tap / 1000)) $((first_tap % 1000 / 10))
		exit 0
	fi
	if [[ $line =~ ^"vm: tests exited with status "([0-9]+)$ ]]; then
		status=${BASH_REMATCH[1]}
	fi
	# The kernel's last word, even with "quiet": noise here.
	[[ $line =~ ^\[\ *[0-9.]+\]\ reboot:\ (Power\ down|Restarting\ system)$ ]] && continue
	# run.sh's last line, the summary, is kept to be this script's last.
	if [[ $line =~ ^[0-9]+" passed, "[0-9]+" failed, "[0-9]+" skipped"$ ]]; then
		summary=$line
		continue
	fi
	printf '%s\n' "$line"
done

if [ -n "$why" ]; then
	kill "$qpid" 2>/dev/null
	wait "$qpid" 2>/dev/null
	qpid=
	echo "vm: TIMEOUT: $why; QEMU killed after $(secs "$(elapsed)") s" >&2
	[ -n "$summary" ] && echo "$summary"
	exit 124
fi
wait "$qpid"
qrc=$?
qpid=
total=$(elapsed)
if [ -z "$status" ]; then
	echo "vm: the guest stopped without reporting the tests' status (QEMU exit status $qrc)" >&2
	sed 's/^/vm: qemu: /' "$tmp/qemu.err" >&2
	[ -n "$summary" ] && echo "$summary"
	exit 125
fi
echo "vm: $accel: boot to first TAP line $(secs "${first_tap:-0}") s, whole run $(secs "$total") s"
[ -n "$summary" ] && echo "$summary"
exit "$status"
