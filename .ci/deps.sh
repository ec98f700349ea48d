#!/bin/sh
# Install the Debian packages that building and testing bpfkit need, only
# those that are missing. Runs as root, or through sudo when available.
set -e
PKGS="gcc make pkg-config libbpf-dev libelf-dev zlib1g-dev libcap-dev \
clang llvm libllvm14 bats jq iproute2 python3-docutils xz-utils bpftool"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "installing:$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
