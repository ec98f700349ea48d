#!/usr/bin/env bash
# Run every bats suite in tests/ and end with "N passed, N failed".
# Usage: tests/run.sh [FILE.bats...]   (BPFKIT selects the binary)
set -u
cd "$(dirname "$0")/.." || exit 2
export BPFKIT="${BPFKIT:-$PWD/bpfkit}"
if [ $# -eq 0 ]; then
	set -- tests/*.bats
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
bats --tap "$@" 2>&1 | tee "$log"
pass=$(grep -cE '^ok [0-9]+' "$log")
skipped=$(grep -cE '^ok [0-9]+ .*# skip' "$log")
fail=$(grep -cE '^not ok [0-9]+' "$log")
pass=$((pass - skipped))
if ! grep -qE '^1\.\.[0-9]+' "$log"; then
	echo "bats did not run (no plan line)" >&2
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
