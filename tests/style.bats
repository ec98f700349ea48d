#!/usr/bin/env bats
# Source hygiene that a reviewer would otherwise have to remember.

load helpers

@test "no banned string/number functions in src/" {
	run grep -nE '\b(strcpy|strcat|sprintf|vsprintf|atoi|atol|strtok|gets)\s*\(' "$REPO"/src/*.c "$REPO"/src/*/*.c
	[ "$status" -eq 1 ] || { echo "$output"; false; }
}

@test "the build is warning-free with -Wall -Wextra" {
	d=$(mktemp -d)
	run make -s -C "$REPO" BUILD="$d" BIN="$d/bpfkit" CFLAGS="-O2 -Werror" "$d/bpfkit"
	rm -rf "$d"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
}

@test "every object file ends with its command table and dispatcher" {
	local obj last
	for obj in prog map link cgroup perf net feature btf gen struct_ops iter token core; do
		# the last top-level construct is CMD_OBJECT(obj, ...)
		last=$(grep -n "^[A-Za-z]" "$REPO/src/$obj.c" | tail -1)
		[[ "$last" == *":CMD_OBJECT($obj, "* ]] ||
			{ echo "src/$obj.c ends with: $last"; return 1; }
		[ -n "$(table_words "$REPO/src/$obj.c")" ] ||
			{ echo "src/$obj.c: no command rows"; return 1; }
	done
}

@test "plain commands do not link LLVM" {
	run ldd "$BPFKIT"
	[[ "$output" != *libLLVM* ]]
}

@test "hand-copied UAPI structs keep the kernel's layout on a 32-bit ABI" {
	# __u64 is 4-aligned on i386: without __aligned_u64 (or the kernel's
	# explicit padding) members move, and link_info.h's asserts fire
	command -v clang >/dev/null || skip_or_fail "needs clang"
	run clang -target i386-linux-gnu -ffreestanding -std=gnu11 \
		-fsyntax-only -DPATH_MAX=4096 -I/usr/include/x86_64-linux-gnu \
		-I/usr/include -include "$REPO/src/link_info.h" -x c /dev/null
	[ "$status" -eq 0 ] || { echo "$output"; false; }
}
