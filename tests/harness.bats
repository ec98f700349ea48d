#!/usr/bin/env bats
# The test harness itself (issue 9 item 6): a missing prerequisite really
# skips, a build error is never hidden, and tests/run.sh lists skips and,
# under CI=true, fails the unexpected ones. Each case runs bats on a small
# generated suite.

load helpers

setup() {
	H="$BATS_TEST_TMPDIR"
}

# suite NAME BODY: a one-test suite that loads our helpers
suite() {
	printf 'load %s/helpers\n@test "%s" {\n%s\n}\n' "$TESTS" "$1" "$2" >"$H/$1.bats"
}

@test "require_bpftool without bpftool skips (and fails under CI=true)" {
	suite nobt '	require_bpftool
	echo "ran on with $BPFTOOL_REF"; false'
	BPFKIT_REF_BPFTOOL=/nonexistent/bpftool CI= run bats --tap "$H/nobt.bats"
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == "ok 1 nobt # skip Debian's bpftool is not installed"* ]]
	BPFKIT_REF_BPFTOOL=/nonexistent/bpftool CI=true run bats --tap "$H/nobt.bats"
	[ "$status" -ne 0 ]
	[[ "$output" == *"not ok 1 nobt"* ]]
	[[ "$output" == *"required in CI, but: Debian's bpftool is not installed"* ]]
}

@test "the old \$(...) pattern did not skip: the helpers have no such form" {
	# what bpftool_ref and lid did: skip in a command substitution
	suite subst '	x=$(skip "from a subshell"; echo got)
	[ "$x" = got ] || true
	false'
	CI= run bats --tap "$H/subst.bats"
	[[ "$output" == *"not ok 1 subst"* ]]
	# no helper is used that way any more
	! grep -nE '=\$\((bpftool_ref|lid|require_[a-z_]+|skip_or_fail)\b' "$TESTS"/*.bats "$TESTS/helpers.bash"
	! grep -n '^bpftool_ref()' "$TESTS/helpers.bash"
}

@test "build_tool: a compiler error fails the caller and keeps no stale binary" {
	mkdir -p "$H/t"
	printf 'int main(void) { return 0; }\n' >"$H/t/harness_ok.c"
	printf 'int main(void) { return nope; }\n' >"$H/t/harness_bad.c"
	TESTS="$H/t" TBUILD="$H/t" build_tool harness_ok
	[ -x "$H/t/harness_ok" ]
	# a newer, broken source: the build fails loudly, the old binary goes
	cp "$H/t/harness_bad.c" "$H/t/harness_ok.c"
	touch -d '+1 min' "$H/t/harness_ok.c"
	TESTS="$H/t" TBUILD="$H/t" run build_tool harness_ok
	[ "$status" -ne 0 ]
	[[ "$output" == *"building $H/t/harness_ok.c failed"* ]]
	[ ! -e "$H/t/harness_ok" ]
	# and under set -e, as in setup(), it stops the caller
	run bash -ec 'bats_require_minimum_version() { :; }; source "$1"
		TESTS=$2 TBUILD=$2 build_tool harness_bad; echo went on' \
		_ "$TESTS/helpers.bash" "$H/t"
	[ "$status" -eq 1 ]
	[[ "$output" == *"building $H/t/harness_bad.c failed"* ]]
	[[ "$output" != *"went on"* ]]
}

@test "build_tool: bpfkit sources, libs and the sanitizer build make a rebuild" {
	mkdir -p "$H/t"
	printf 'int main(void) { return 0; }\n' >"$H/t/harness_drv.c"
	TESTS="$H/t" TBUILD="$H/t" build_tool harness_drv -lm
	grep -q -- '-lm' "$H/t/harness_drv.cmd"
	# bpfkit's own code is compiled in, sanitized for bpfkit-san
	BPFKIT=/x/bpfkit-san TESTS="$H/t" TBUILD="$H/t" \
		build_tool harness_drv src/base/array.c -lbpf
	grep -q -- '-fsanitize=address,undefined' "$H/t/harness_drv.cmd"
	grep -q -- "$REPO/src/base/array.c" "$H/t/harness_drv.cmd"
	BPFKIT=/x/bpfkit TESTS="$H/t" TBUILD="$H/t" \
		build_tool harness_drv src/base/array.c -lbpf
	! grep -q -- '-fsanitize' "$H/t/harness_drv.cmd"
	[ -x "$H/t/harness_drv" ]
}

@test "run.sh lists skips; under CI=true an unexpected one is a failure" {
	suite plainskip '	skip "for no good reason"'
	CI= run "$REPO/tests/run.sh" "$H/plainskip.bats"
	[ "$status" -eq 0 ]
	[[ "$output" == *"skipped:"*"ok 1 plainskip: for no good reason"* ]]
	[ "${lines[-1]}" = "0 passed, 0 failed, 1 skipped" ]
	CI=true run "$REPO/tests/run.sh" "$H/plainskip.bats"
	[ "$status" -ne 0 ]
	[[ "$output" == *"for no good reason  <- unexpected in CI"* ]]
	[ "${lines[-1]}" = "0 passed, 1 failed, 1 skipped" ]
	# a ../shared skip is expected only when ../shared is absent
	suite sharedskip '	skip "../shared/ is not present (extra checks only)"'
	CI=true run "$REPO/tests/run.sh" "$H/sharedskip.bats"
	if [ -d "$REPO/../shared/btf" ]; then
		[ "$status" -ne 0 ]
	else
		[ "$status" -eq 0 ]
	fi
}
