#!/bin/bash
# Install the Debian packages the lab needs. Idempotent: does nothing (and
# says one line) when everything is already installed.
set -euo pipefail

pkgs=(build-essential pkg-config libjansson-dev libseccomp-dev busybox-static
      linux-source-6.1 hyperfine runc jq xz-utils tar debootstrap)
pkgs+=(strace)	# the chapters' "Try it" blocks (make try-test)
# The VM: QEMU; the guest is assembled from Debian's packages by a private
# apt (their keyring), dpkg-deb and readelf, and packed with cpio.
pkgs+=(qemu-system-x86 cpio debian-archive-keyring binutils)
# Grading: the autograder's zip file, and capsh for its test, which runs
# as root without CAP_SYS_ADMIN.
pkgs+=(zip unzip libcap2-bin libxml2-utils)
pkgs+=(procps)	# make stress: ps finds what a trial left
# The slides: diagrams, the browser that renders and tests them, a font.
pkgs+=(graphviz chromium fonts-dejavu-core)
# Debian's Node.js, unless a node and npm are there already (NodeSource's
# nodejs bundles npm and conflicts with Debian's npm package).
command -v node >/dev/null && command -v npm >/dev/null || pkgs+=(nodejs npm)

# A package counts as present only when dpkg says "install ok installed";
# a removed-but-not-purged package ("deinstall ok config-files") does not.
missing=()
for p in "${pkgs[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all installed"
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing ${missing[*]}; run as root to install them" >&2
	exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive   # no debconf prompts
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
