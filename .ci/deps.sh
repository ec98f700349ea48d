#!/bin/sh
# Install the Debian packages that building and testing bpfkit need, only
# those that are missing: with everything present it is a quick no-op that
# needs no network. Runs as root, or through sudo when available.
set -e
PKGS="gcc make pkg-config libbpf-dev libelf-dev zlib1g-dev libcap-dev libarchive-dev \
clang llvm libllvm14 bats jq iproute2 python3-docutils xz-utils bpftool \
bash-completion libmnl-dev"
if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps.sh: not a Debian system; install the equivalents of:" \
		"$PKGS" >&2
	exit 0
fi
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
if [ "$(id -u)" != 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "deps.sh: missing packages:$missing (run as root to install them)" >&2
		exit 1
	fi
	SUDO=sudo
fi
echo "installing:$missing" >&2
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
