#!/usr/bin/env bash
# Run every bats suite in tests/ and end with "N passed, N failed, N skipped".
# Usage: tests/run.sh [FILE.bats...]   (BPFKIT selects the binary)
#
# Tests that were planned but never reported (bats died, a file did not
# parse) and a bats failure without any "not ok" line count as failures, so
# the summary cannot read "0 failed" for a broken run.
#
# Every skip is listed with its reason. Under CI=true a skip is a failure
# unless it is expected: a "../shared..." one while ../shared is absent, or
# "../shared/expected/host..." while those files are for another kernel.
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
# expected_skip REASON: 0 when CI may accept this skip
expected_skip() {
	local shared=../shared sum
	case "$1" in
	../shared/expected/host*)
		[ -d "$shared" ] || return 0
		sum=$(sha256sum /sys/kernel/btf/vmlinux 2>/dev/null | cut -d' ' -f1)
		[ "$sum" != "$(cut -d' ' -f1 "$shared/expected/host-btf.sha256" 2>/dev/null)" ] ;;
	../shared*)
		[ ! -d "$shared/btf" ] ;;
	*)
		return 1 ;;
	esac
}

if [ "$skipped" -gt 0 ]; then
	echo "skipped:"
	unexpected=0
	while IFS= read -r line; do
		reason=${line#*# skip}
		reason=${reason# }
		mark=""
		if [ "${CI:-}" = true ] && ! expected_skip "$reason"; then
			mark="  <- unexpected in CI"
			unexpected=$((unexpected + 1))
		fi
		echo "  ${line%% # skip*}: $reason$mark"
	done < <(grep -E '^ok [0-9]+ .*# skip' "$log")
	if [ "$unexpected" -gt 0 ]; then
		echo "$unexpected unexpected skips count as failures (CI=true)" >&2
		fail=$((fail + unexpected))
	fi
fi
if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
	echo "bats exited with status $rc" >&2
	fail=1
fi
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
