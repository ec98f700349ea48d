#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-only
# The /proc walker (src/proc_walk.c), through tests/proc_walk_driver.c.

load helpers

setup_file() {
	build_driver proc_walk_driver src/proc_walk.c src/fd_batch.c
}

setup() {
	DRIVER="$TBUILD/proc_walk_driver"
	WORK=$(mktemp -d /tmp/bpfkit-pw.XXXXXX)
	SLEEPER=
}

teardown() {
	[ -n "$SLEEPER" ] && kill "$SLEEPER" 2>/dev/null && wait "$SLEEPER" 2>/dev/null
	rm -rf "$WORK"
	true
}

@test "proc walk: pid, comm, fd number, link and fdinfo of a matching fd" {
	: >"$WORK/held"
	sleep 1000 7<"$WORK/held" &
	SLEEPER=$!
	run --separate-stderr "$DRIVER" list "$WORK/held"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "$SLEEPER sleep 7 $WORK/held pos:"$'\t'"0" ]
}

@test "proc walk: a pid reused mid-walk never mixes two processes" {
	[ "$(id -u)" = 0 ] || skip_or_fail "needs root (clone3 with set_tid)"
	run --separate-stderr "$DRIVER" reuse
	echo "$output $stderr"
	[ "$status" -eq 0 ]
	[[ "$output" == ok:* ]] || skip_or_fail "could not reuse a pid here: $output"
}
