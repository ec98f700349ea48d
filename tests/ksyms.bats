#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-only
# The one kallsyms loader (src/kern/ksyms.c), through tests/ksyms_driver.c.

load helpers

setup_file() {
	build_tool ksyms_driver src/kern/ksyms.c src/base/array.c
}

setup() {
	DRIVER="$TBUILD/ksyms_driver"
	WORK=$(mktemp -d /tmp/bpfkit-ksyms.XXXXXX)
}

teardown() {
	rm -rf "$WORK"
}

@test "ksyms: a symbol line longer than 512 bytes is read whole" {
	# cut at 512 bytes, the tail "cafe...cafe\t[mod_y]" would parse as
	# a symbol "mod_y]" at 0xffffffffffffffff (strtoul saturates)
	long=$(printf 'x%.0s' $(seq 1 492))$(printf 'cafe%.0s' $(seq 1 27))
	printf 'ffffffff81000000 T %s\t[mod_y]\nffffffff81000010 t next_sym\t[mod_x]\n' \
		"$long" >"$WORK/kallsyms"
	run "$DRIVER" "$WORK/kallsyms" ffffffff81000000 ffffffff81000010 ffffffffffffffff
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "count 2" ]
	[ "${lines[2]}" = "ffffffff81000000 $long [mod_y]" ]
	[ "${lines[3]}" = "ffffffff81000010 next_sym [mod_x]" ]
	[ "${lines[4]}" = "ffffffffffffffff -" ]
}

@test "ksyms: aliases resolve to the first in file order; call base" {
	cat >"$WORK/kallsyms" <<-'END'
	ffffffff81000100 T second_b
	ffffffff81000000 T __bpf_call_base
	ffffffff81000100 T second_a
	not a symbol line
	ffffffff81000200
	END
	run "$DRIVER" "$WORK/kallsyms" ffffffff81000100 ffffffff81000200
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "count 3" ]
	[ "${lines[1]}" = "call_base ffffffff81000000" ]
	[ "${lines[2]}" = "ffffffff81000100 second_b" ]
	[ "${lines[3]}" = "ffffffff81000200 -" ]
}

@test "ksyms: addresses hidden by kptr_restrict give an empty table" {
	printf '0000000000000000 T __bpf_call_base\n0000000000000000 T other\n' \
		>"$WORK/kallsyms"
	run "$DRIVER" "$WORK/kallsyms" 0
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "count 0" ]
	[ "${lines[2]}" = "0 -" ]
}

@test "ksyms: the running kernel's /proc/kallsyms" {
	[ "$(id -u)" = 0 ] || skip_or_fail "needs root (kptr_restrict hides addresses)"
	addr=$(awk '$3 == "__bpf_call_base" { print $1; exit }' /proc/kallsyms)
	[ -n "$addr" ] || skip "no __bpf_call_base in this kernel"
	run "$DRIVER" - "$addr"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "call_base $(printf '%x' "0x$addr")" ]
	[ "${lines[2]#* }" = "__bpf_call_base" ]
}
