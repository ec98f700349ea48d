#!/usr/bin/env bash
# Run every bats suite in tests/ and end with "N passed, N failed, N skipped".
# Usage: tests/run.sh [FILE.bats...]   (BPFKIT selects the binary)
#
# Tests that were planned but never reported (bats died, a file did not
# parse) and a bats failure without any "not ok" line count as failures, so
# the summary cannot read "0 failed" for a broken run.
set -u
cd "$(dirname "$0")/.." || exit 2
export BPFKIT="${BPFKIT:-$PWD/bpfkit}"
if [ $# -eq 0 ]; then
	set -- tests/*.bats
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
bats --tap "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
ok=$(grep -cE '^ok [0-9]+' "$log")
skipped=$(grep -cE '^ok [0-9]+ .*# skip' "$log")
fail=$(grep -cE '^not ok [0-9]+' "$log")
pass=$((ok - skipped))
plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$log" | head -n 1)
if [ -z "$plan" ]; then
	echo "bats did not run (no plan line)" >&2
	fail=$((fail + 1))
elif [ $((ok + fail)) -lt "$plan" ]; then
	echo "$((plan - ok - fail)) planned tests never reported" >&2
	fail=$((fail + plan - ok - fail))
fi
if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
	echo "bats exited with status $rc" >&2
	fail=1
fi
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
