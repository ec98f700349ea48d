#!/usr/bin/env bats
# struct_ops register/show/dump/unregister with a TCP congestion control
# whose name is unique to the test (tests/bpf/admin_ops.bpf.c built with
# -DADM_CC_NAME), unregistered in teardown. Compared with Debian's bpftool.

load helpers

setup() {
	require_root_bpf
	CC="bk${$}t${BATS_TEST_NUMBER}"
	CC=${CC:0:15}
	SOBJ="$BATS_TEST_TMPDIR/admin_ops.o"
	clang -O2 -g -target bpf -D__TARGET_ARCH_x86 -DADM_CC_NAME="\"$CC\"" \
		-I/usr/include/x86_64-linux-gnu -c "$TESTS/bpf/admin_ops.bpf.c" -o "$SOBJ"
	SOID=
}

teardown() {
	[ -n "${SOID:-}" ] && "$BPFKIT" struct_ops unregister id "$SOID" 2>/dev/null
	true
}

# Whether this kernel loads struct_ops programs is decided by the tests'
# own loader (libbpf loads the programs and creates the map, registering
# nothing); only its "load" refusal skips. bpfkit's answer is the thing
# under test: any failure of register fails.
need_struct_ops() {
	local err
	build_bpfload || return 1
	err=$("$BPFLOAD" "$SOBJ" "$BATS_TEST_TMPDIR" --no-pin 2>&1) && return 0
	echo "$err" >&2
	[[ "$err" == *"bpfload: load $SOBJ: "* ]] || return 1
	skip_or_fail "this kernel refuses struct_ops programs: ${err##*$'\n'}"
}

register() {
	need_struct_ops
	run --separate-stderr "$BPFKIT" struct_ops register "$SOBJ"
	[ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
	[[ "$stderr" =~ ^Registered\ tcp_congestion_ops\ adm_cc\ id\ ([0-9]+)$ ]]
	SOID=${BASH_REMATCH[1]}
	# the kernel knows it as a congestion control now
	grep -qw "$CC" /proc/sys/net/ipv4/tcp_available_congestion_control
}

@test "struct_ops register, show (plain and JSON), unregister" {
	register
	run --separate-stderr "$BPFKIT" struct_ops show id "$SOID"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%u: %-15s %-32s' "$SOID" adm_cc tcp_congestion_ops)" ]
	run "$BPFKIT" -j struct_ops show id "$SOID"
	[ "$output" = "[{\"id\":$SOID,\"name\":\"adm_cc\",\"kernel_struct_ops\":\"tcp_congestion_ops\"}]" ]
	run "$BPFKIT" -j struct_ops show
	echo "$output" | jq -e --argjson id "$SOID" '[.[] | select(.id == $id)] | length == 1' >/dev/null
	run --separate-stderr "$BPFKIT" struct_ops unregister id "$SOID"
	[ "$status" -eq 0 ]
	[ "$stderr" = "Unregistered tcp_congestion_ops adm_cc id $SOID" ]
	! grep -qw "$CC" /proc/sys/net/ipv4/tcp_available_congestion_control
	SOID=
}

@test "struct_ops dump: programs behind the function pointers" {
	register
	ss=$("$BPFKIT" -j prog show name adm_ssthresh | jq -r --argjson m "$SOID" 'if type == "array" then .[] else . end | .id' | tail -n 1)
	run "$BPFKIT" -j struct_ops dump id "$SOID"
	[ "$status" -eq 0 ]
	echo "$output" | jq -e --arg cc "$CC" --argjson id "$SOID" '
		length == 2 and .[0].bpf_map_info.id == $id and
		.[0].bpf_map_info.type == 26 and
		(.[1].bpf_struct_ops_tcp_congestion_ops.data |
		 .name == $cc and
		 (.ssthresh | test("^u32 \\(struct sock \\*\\) adm_ssthresh/prog_id:[0-9]+$")) and
		 .set_state == "void (struct sock *, u8) 0")' >/dev/null
	# plain: the same values, indented
	run "$BPFKIT" struct_ops dump id "$SOID"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "[{" ]
	echo "$output" | grep -q '^                "cong_avoid": "void (struct sock \*, u32, u32) adm_cong_avoid/prog_id:[0-9]*",$'
}

@test "struct_ops: same output as bpftool" {
	BT=/usr/sbin/bpftool
	[ -x "$BT" ] || skip "Debian's bpftool is not installed (comparison only)"
	register
	diff <("$BT" struct_ops show id "$SOID") <("$BPFKIT" struct_ops show id "$SOID")
	# one map by id: Debian's 7.1 prints a bare object, upstream an array
	diff <("$BT" -j struct_ops show id "$SOID" | jq -c 'if type == "array" then . else [.] end') \
		<("$BPFKIT" -j struct_ops show id "$SOID")
	# Debian's 7.1 writes "{..},{..}" for one map, which is not JSON
	diff <(echo "[$("$BT" -j struct_ops dump id "$SOID")]" | jq -c 'if .[0] | type == "array" then .[0] else . end') \
		<("$BPFKIT" -j struct_ops dump id "$SOID" | jq -c .)
}

@test "struct_ops: bad input, one error line, exit 255" {
	MAPOBJ=$(build_bpf_obj map_demo.bpf.c)
	for args in "show name no_such_$$" "show id 0" "show id bogus" "show pinned /x" \
		"unregister name no_such_$$" "unregister" "register /nonexistent-$$.o" \
		"register $MAPOBJ" "dump name no_such_$$"; do
		run --separate-stderr "$BPFKIT" struct_ops $args
		[ "$status" -eq 255 ] || { echo "$args: status $status"; return 1; }
		[ "$(printf '%s\n' "$stderr" | grep -c '^Error: ')" -le 1 ] ||
			{ echo "$args: $stderr"; return 1; }
		run --separate-stderr "$BPFKIT" -j struct_ops $args
		echo "$output" | jq -e 'has("error")' >/dev/null ||
			{ echo "$args -j: $output"; return 1; }
	done
}
