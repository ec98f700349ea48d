# Shared setup for the bats suites. `load helpers` at the top of a .bats file.
#
#   $BPFKIT            binary under test (make check sets it; default ./bpfkit)
#   $BPFLOAD           tests/build/bpfload (built on demand)
#   require_root_bpf   skip (or fail under CI=true) without root and bpf()
#   skip_or_fail MSG   skip with MSG, but fail when CI=true
#   setup_bpffs        private bpffs mount at $BPFFS (call from setup)
#   teardown_bpffs     kill holders, unmount, remove (call from teardown)
#   build_bpf_obj SRC [FLAG...]
#                      compile tests/bpf/SRC with clang -target bpf (and
#                      FLAGs); prints the object path (cached in
#                      tests/build/); a compiler error fails the caller,
#                      never hidden
#   start_holder OBJ DIR [--maps MDIR]
#                      bpfload --hold in the background; sets HOLDER_PID
#   require_bpftool    sets BPFTOOL_REF to Debian's bpftool (or to
#                      $BPFKIT_REF_BPFTOOL), or skips (a failure under
#                      CI=true: .ci/deps.sh installs it)
#   build_tool NAME [src/FILE.c...] [LIBS...]
#                      tests/NAME.c (with bpfkit sources src/FILE.c, sanitized
#                      when $BPFKIT is bpfkit-san) -> tests/build/NAME when
#                      stale; LIBS default to -lbpf -lelf -lz; a compiler
#                      error fails the caller, never hidden
#
# Helpers that may skip set variables; they never print a result for
# $(...), where bats' skip would only end the subshell.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TESTS="$REPO/tests"
TBUILD="$REPO/tests/build"
BPFKIT="${BPFKIT:-$REPO/bpfkit}"
BPFLOAD="$TBUILD/bpfload"
SHARED="$REPO/../shared"
# -I for src/ and each of its layer directories: drivers built from src/
# files find every header by its bare name, as the Makefile does
SRC_INC=$(for d in "$REPO"/src "$REPO"/src/*/; do printf -- '-I%s ' "${d%/}"; done)

mkdir -p "$TBUILD"
bats_require_minimum_version 1.5.0

# Command words of a source file's table, in order: the rows of main.c's
# top_cmds[] or of an object's CMD_OBJECT(...) (CMD_HELP is "help").
table_words() {
	awk '/^static const struct cmd top_cmds\[\] = \{/ || /^CMD_OBJECT\(/ {
		on = 1; next }
	     on && /^\};/ { exit }
	     on { if (match($0, /\{ *"[^"]+"/)) {
			w = substr($0, RSTART, RLENGTH); sub(/^\{ *"/, "", w)
			sub(/"$/, "", w); print w }
		  else if ($0 ~ /CMD_HELP/) print "help"
		  if ($0 ~ /\)[ \t]*$/) exit }' "$1"
}

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

# Not $(...)-able on purpose: a skip in a subshell does not skip the test.
require_bpftool() {
	BPFTOOL_REF=${BPFKIT_REF_BPFTOOL:-$(command -v bpftool || true)}
	[ -n "$BPFTOOL_REF" ] || BPFTOOL_REF=/usr/sbin/bpftool
	[ -x "$BPFTOOL_REF" ] ||
		skip_or_fail "Debian's bpftool is not installed (comparison only)"
}

build_tool() {
	local name=$1 out="$TBUILD/$1" src="$TESTS/$1.c" a cmd
	local -a srcs=() libs=() flags
	shift
	for a; do
		case $a in
		src/*.c) srcs+=("$REPO/$a") ;;
		"") ;;
		*) libs+=("$a") ;;
		esac
	done
	[ ${#libs[@]} -gt 0 ] || libs=(-lbpf -lelf -lz)
	# shellcheck disable=SC2207
	flags=(-O2 -g -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE $SRC_INC
	       $(pkg-config --cflags libbpf 2>/dev/null))
	# bpfkit's own code runs sanitized under the sanitizer build
	if [ ${#srcs[@]} -gt 0 ] &&
	   { [ "${SANITIZE:-}" = 1 ] || [[ "${BPFKIT:-}" == *-san ]]; }; then
		flags+=(-fsanitize=address,undefined -fno-omit-frame-pointer
			-fno-sanitize-recover=undefined)
	fi
	cmd="${flags[*]} $src ${srcs[*]} ${libs[*]}"
	if [ -x "$out" ] && [ "$(cat "$out.cmd" 2>/dev/null)" = "$cmd" ] &&
	   [ -z "$(find "$src" "${srcs[@]}" ${srcs[0]:+"$REPO"/src/*.h "$REPO"/src/*/*.h} \
		-newer "$out" 2>/dev/null)" ]; then
		return 0
	fi
	rm -f "$out" "$out.cmd"
	if ! cc "${flags[@]}" -o "$out.$$" "$src" "${srcs[@]}" "${libs[@]}"; then
		rm -f "$out.$$"
		echo "building $src failed (see above)" >&2
		return 1
	fi
	mv "$out.$$" "$out"
	echo "$cmd" >"$out.cmd"
}

build_bpfload() {
	build_tool bpfload
}

# build_bpf_obj NAME.bpf.c [CLANG_FLAG...] -> prints tests/build/NAME.bpf.o
# (with flags, NAME.bpf.FLAGS.o: -mcpu=v3 gives NAME.bpf._mcpu_v3.o)
build_bpf_obj() {
	local src="$TESTS/bpf/$1" tag=
	shift
	[ $# -eq 0 ] || tag=.$(printf '%s' "$*" | tr -c 'A-Za-z0-9' '_')
	local out="$TBUILD/$(basename "${src%.c}")$tag.o"
	if [ ! -f "$out" ] || [ "$src" -nt "$out" ]; then
		if ! clang -O2 -g -target bpf -D__TARGET_ARCH_x86 "$@" \
			-I/usr/include/x86_64-linux-gnu -I"$TESTS/bpf" \
			-c "$src" -o "$out.$$" >&2; then
			rm -f "$out.$$"
			echo "building $src failed (see above)" >&2
			return 1
		fi
		mv "$out.$$" "$out"
	fi
	echo "$out"
}

setup_bpffs() {
	require_root_bpf
	BPFFS=$(mktemp -d /tmp/bpfkit-bpffs.XXXXXX)
	mount -t bpf bpf "$BPFFS"
	build_bpfload || return 1
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

# A private scratch directory for one test in $TMP, named after the bats
# file, and its removal (teardown_tmp always succeeds).
setup_tmp() {
	TMP=$(mktemp -d "/tmp/bpfkit-$(basename "$BATS_TEST_FILENAME" .bats).XXXXXX")
}

teardown_tmp() {
	[ -n "${TMP:-}" ] && rm -rf "$TMP"
	TMP=
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
