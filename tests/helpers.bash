# Shared setup for the bats suites. `load helpers` at the top of a .bats file.
#
#   $BPFKIT            binary under test (make check sets it; default ./bpfkit)
#   $BPFLOAD           tests/build/bpfload (built on demand)
#   require_root_bpf   skip (or fail under CI=true) without root and bpf()
#   skip_or_fail MSG   skip with MSG, but fail when CI=true
#   setup_bpffs        private bpffs mount at $BPFFS (call from setup)
#   teardown_bpffs     kill holders, unmount, remove (call from teardown)
#   build_bpf_obj SRC  compile tests/bpf/SRC with clang -target bpf; prints
#                      the object path (cached in tests/build/)
#   start_holder OBJ DIR [--maps MDIR]
#                      bpfload --hold in the background; sets HOLDER_PID
#   bpftool_ref        path of Debian's bpftool, or skips the test
#   build_driver NAME SRC...
#                      cc tests/NAME.c with bpfkit sources SRC (src/...) into
#                      tests/build/NAME, sanitized when $BPFKIT is bpfkit-san

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TESTS="$REPO/tests"
TBUILD="$REPO/tests/build"
BPFKIT="${BPFKIT:-$REPO/bpfkit}"
BPFLOAD="$TBUILD/bpfload"
SHARED="$REPO/../shared"

mkdir -p "$TBUILD"
bats_require_minimum_version 1.5.0

skip_or_fail() {
	if [ "${CI:-}" = true ]; then
		echo "required in CI, but: $1" >&2
		return 1
	fi
	skip "$1"
}

require_root_bpf() {
	[ "$(id -u)" = 0 ] || skip_or_fail "needs root"
	[ -d /sys/fs/bpf ] || [ -e /sys/kernel/btf/vmlinux ] ||
		skip_or_fail "no BPF support in this kernel"
	command -v clang >/dev/null || skip_or_fail "needs clang"
}

require_shared() {
	[ -d "$SHARED/btf" ] || skip "../shared/ is not present (extra checks only)"
}

bpftool_ref() {
	local b
	b=$(command -v bpftool || true)
	[ -n "$b" ] || b=/usr/sbin/bpftool
	[ -x "$b" ] || skip "Debian's bpftool is not installed (comparison only)"
	echo "$b"
}

build_driver() {
	local name=$1 san="" inc libs
	shift
	inc=$(pkg-config --cflags libbpf 2>/dev/null)
	libs=$(pkg-config --libs libbpf libelf zlib 2>/dev/null || echo "-lbpf -lelf -lz")
	if [ "${SANITIZE:-}" = 1 ] || [[ "${BPFKIT:-}" == *-san ]]; then
		san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
	fi
	# shellcheck disable=SC2086
	cc -O2 -g -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE $san $inc \
		-o "$TBUILD/$name" "$TESTS/$name.c" "${@/#/$REPO/}" $libs
}

build_bpfload() {
	local src="$TESTS/bpfload.c"
	if [ ! -x "$BPFLOAD" ] || [ "$src" -nt "$BPFLOAD" ]; then
		cc -O2 -g -Wall -o "$BPFLOAD.$$" "$src" -lbpf -lelf -lz &&
			mv "$BPFLOAD.$$" "$BPFLOAD"
	fi
}

# build_bpf_obj NAME.bpf.c -> prints tests/build/NAME.bpf.o
build_bpf_obj() {
	local src="$TESTS/bpf/$1" out="$TBUILD/${1%.c}.o"
	if [ ! -f "$out" ] || [ "$src" -nt "$out" ]; then
		clang -O2 -g -target bpf -D__TARGET_ARCH_x86 \
			-I/usr/include/x86_64-linux-gnu -I"$TESTS/bpf" \
			-c "$src" -o "$out.$$" >&2 && mv "$out.$$" "$out" ||
			return 1
	fi
	echo "$out"
}

setup_bpffs() {
	require_root_bpf
	BPFFS=$(mktemp -d /tmp/bpfkit-bpffs.XXXXXX)
	mount -t bpf bpf "$BPFFS"
	build_bpfload
	HOLDER_PIDS=()
}

start_holder() {
	local fifo out
	out=$(mktemp /tmp/bpfkit-holder.XXXXXX)
	"$BPFLOAD" "$@" --hold >"$out" 2>&1 &
	HOLDER_PID=$!
	HOLDER_PIDS+=("$HOLDER_PID")
	# wait (bounded) for the loader to say it holds everything
	for _ in $(seq 1 100); do
		grep -q ready "$out" 2>/dev/null && { rm -f "$out"; return 0; }
		kill -0 "$HOLDER_PID" 2>/dev/null || break
		sleep 0.05
	done
	cat "$out" >&2
	rm -f "$out"
	return 1
}

teardown_bpffs() {
	local p
	for p in "${HOLDER_PIDS[@]:-}"; do
		[ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	if [ -n "${BPFFS:-}" ] && [ -d "$BPFFS" ]; then
		umount "$BPFFS" 2>/dev/null || umount -l "$BPFFS" 2>/dev/null
		rmdir "$BPFFS" 2>/dev/null
	fi
	true
}
