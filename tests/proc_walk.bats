#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-only
# The /proc walker (src/kern/proc_walk.c), through tests/proc_walk_driver.c.

load helpers

setup_file() {
	build_tool proc_walk_driver src/kern/proc_walk.c src/kern/fd_batch.c \
		src/base/array.c
}

setup() {
	DRIVER="$TBUILD/proc_walk_driver"
	WORK=$(mktemp -d /tmp/bpfkit-pw.XXXXXX)
	SLEEPER=
	OTHERS=()
}

teardown() {
	[ -n "$SLEEPER" ] && kill "$SLEEPER" 2>/dev/null && wait "$SLEEPER" 2>/dev/null
	[ ${#OTHERS[@]} -gt 0 ] && kill "${OTHERS[@]}" 2>/dev/null
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

# hold_600 FILE: a process (SLEEPER) holding 600 fds of FILE, once ready
hold_600() {
	: >"$1"
	python3 -c '
import os, sys, time
fds = [os.open(sys.argv[1], os.O_RDONLY) for _ in range(600)]
print("ready", flush=True)
time.sleep(1000)' "$1" >"$WORK/py.out" &
	SLEEPER=$!
	for _ in $(seq 1 100); do
		grep -q ready "$WORK/py.out" && return 0
		sleep 0.05
	done
	return 1
}

@test "proc walk: fdinfo of every fd of a process holding 600 matching fds" {
	hold_600 "$WORK/many"
	run --separate-stderr "$DRIVER" list "$WORK/many"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 600 ]
	# every fdinfo read, also after the batches of spent fds were closed
	[ "$(printf '%s\n' "${lines[@]}" | grep -c " pos:")" -eq 600 ]
}

@test "proc walk shared by two threads: every fd of a 600-fd process once, with its fdinfo" {
	hold_600 "$WORK/h-many"
	: >"$WORK/h-few"
	sleep 1000 7<"$WORK/h-few" 8<"$WORK/h-many" &
	SLEEPER2=$!
	OTHERS+=("$SLEEPER2")
	run --separate-stderr "$DRIVER" plist "$WORK/h-"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 602 ]
	# each fd once: the runs of the big process taken by either thread
	[ "$(printf '%s\n' "${lines[@]}" | cut -d' ' -f1,3 | sort -u | wc -l)" -eq 602 ]
	[ "$(printf '%s\n' "${lines[@]}" | grep -c "^$SLEEPER python3 [0-9]* $WORK/h-many pos:")" -eq 600 ]
	printf '%s\n' "${lines[@]}" | grep -qx "$SLEEPER2 sleep 7 $WORK/h-few pos:"$'\t'"0"
	printf '%s\n' "${lines[@]}" | grep -qx "$SLEEPER2 sleep 8 $WORK/h-many pos:"$'\t'"0"
}
