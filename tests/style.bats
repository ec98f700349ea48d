#!/usr/bin/env bats
# Source hygiene that a reviewer would otherwise have to remember.

load helpers

@test "no banned string/number functions in src/" {
	run grep -nE '\b(strcpy|strcat|sprintf|vsprintf|atoi|atol|strtok|gets)\s*\(' "$REPO"/src/*.c
	[ "$status" -eq 1 ] || { echo "$output"; false; }
}

@test "the build is warning-free with -Wall -Wextra" {
	d=$(mktemp -d)
	run make -s -C "$REPO" BUILD="$d" BIN="$d/bpfkit" CFLAGS="-O2 -Werror" "$d/bpfkit"
	rm -rf "$d"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
}

@test "every object file ends with its command table and dispatcher" {
	for obj in prog map link feature btf gen core; do
		grep -q "^int do_$obj(int argc, char \*\*argv)" "$REPO/src/$obj.c"
		grep -q "static const struct cmd cmds\[\]" "$REPO/src/$obj.c"
	done
}

@test "plain commands do not link LLVM" {
	run ldd "$BPFKIT"
	[[ "$output" != *libLLVM* ]]
}
