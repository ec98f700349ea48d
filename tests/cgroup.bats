#!/usr/bin/env bats
# cgroup show/tree/attach/detach on a private cgroup v2 subtree that each
# test creates and removes, compared with Debian's bpftool where it agrees.

load helpers

cg_root() {
	awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts
}

setup() {
	setup_bpffs
	CGR=$(cg_root)
	[ -n "$CGR" ] || skip_or_fail "cgroup v2 is not mounted"
	OBJ=$(build_bpf_obj admin.bpf.c)
	mkdir "$BPFFS/p"
	"$BPFLOAD" "$OBJ" "$BPFFS/p"
	P="$BPFFS/p"
	CG=$(mktemp -d "$CGR/bpfkit-cg-$$-${BATS_TEST_NUMBER}.XXXXXX")
	mkdir -p "$CG/a/b" "$CG/c"
}

teardown() {
	# a cgroup with programs attached can still be removed, deepest first
	[ -n "${CG:-}" ] && [ -d "$CG" ] &&
		find "$CG" -depth -type d -exec rmdir {} + 2>/dev/null
	teardown_bpffs
}

need_bpftool() {
	require_bpftool
	BT=$BPFTOOL_REF
}

# the usual setup: ingress+egress on CG (multi), sock_create on a (override),
# and a link-based egress attachment on c
attach_some() {
	"$BPFKIT" cgroup attach "$CG" ingress pinned "$P/adm_ingress" multi
	"$BPFKIT" cgroup attach "$CG" cgroup_inet_egress pinned "$P/adm_egress_with_a_long_name" multi
	"$BPFKIT" cgroup attach "$CG" egress pinned "$P/adm_egress" multi
	"$BPFKIT" cgroup attach "$CG/a" sock_create pinned "$P/adm_sock" override
	"$BPFKIT" prog attach pinned "$P/adm_egress" cgroup_inet_egress cgroup "$CG/c" link "$BPFFS/lnk"
}

id_of() {
	"$BPFKIT" -j prog show pinned "$P/$1" | jq .id
}

@test "cgroup show: rows, flags, full names (plain and JSON)" {
	attach_some
	run --separate-stderr "$BPFKIT" cgroup show "$CG"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "${lines[0]}" = "ID       AttachType      AttachFlags     Name           " ]
	[[ "${lines[1]}" =~ ^$(id_of adm_ingress)\ +cgroup_inet_ingress\ multi\ +adm_ingress\ +$ ]]
	[[ "${lines[2]}" =~ ^$(id_of adm_egress_with_a_long_name)\ +cgroup_inet_egress\ multi\ +adm_egress_with_a_long_name\ +$ ]]
	[ "${#lines[@]}" -eq 4 ]
	run "$BPFKIT" -j cgroup show "$CG"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c '.[1] | keys_unsorted')" = '["id","attach_type","attach_flags","name","attach_btf_name","attach_btf_obj_id","attach_btf_id"]' ]
	[ "$(echo "$output" | jq -c '[.[] | [.attach_type, .attach_flags, .name]]')" = '[["cgroup_inet_ingress","multi","adm_ingress"],["cgroup_inet_egress","multi","adm_egress_with_a_long_name"],["cgroup_inet_egress","multi","adm_egress"]]' ]
	run "$BPFKIT" -j cgroup show "$CG/a"
	[ "$(echo "$output" | jq -c '[.[] | [.attach_type, .attach_flags]]')" = '[["cgroup_inet_sock_create","override"]]' ]
	# a link-based attachment shows as multi
	run "$BPFKIT" -j cgroup show "$CG/c"
	[ "$(echo "$output" | jq -c '[.[] | [.id, .attach_flags]]')" = "[[$(id_of adm_egress),\"multi\"]]" ]
}

@test "cgroup show: same output as bpftool (plain, JSON, effective)" {
	need_bpftool
	attach_some
	for args in "$CG" "$CG/a" "$CG/c" "$CG/a/b effective" "$CG/c effective"; do
		diff <("$BT" cgroup show $args) <("$BPFKIT" cgroup show $args)
		diff <("$BT" -j cgroup show $args) <("$BPFKIT" -j cgroup show $args)
	done
}

@test "cgroup show effective: inherited programs, no flags column" {
	attach_some
	run "$BPFKIT" cgroup show "$CG/a/b" effective
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "ID       AttachType      Name           " ]
	[ "${#lines[@]}" -eq 5 ]
	run "$BPFKIT" -j cgroup show "$CG/a/b" effective
	[ "$(echo "$output" | jq -c '[.[] | .name]')" = '["adm_ingress","adm_egress_with_a_long_name","adm_egress","adm_sock"]' ]
	[ "$(echo "$output" | jq '[.[] | has("attach_flags")] | any')" = false ]
}

@test "cgroup show: an empty cgroup prints nothing, [] under -j" {
	run --separate-stderr "$BPFKIT" cgroup show "$CG"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run "$BPFKIT" -j cgroup show "$CG"
	[ "$output" = "[]" ]
}

@test "cgroup tree: subtree in walk order, indented below the root" {
	attach_some
	run "$BPFKIT" cgroup tree "$CG"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "CgroupPath" ]
	[ "${lines[2]}" = "$CG" ]
	[[ "${lines[3]}" =~ ^[0-9] ]]
	printf '%s\n' "${lines[@]}" | grep -qx "$CG/a"
	printf '%s\n' "${lines[@]}" | grep -qE "^    [0-9]+ +cgroup_inet_sock_create override +adm_sock +$"
	run "$BPFKIT" -j cgroup tree "$CG"
	[ "$(echo "$output" | jq -c '[.[] | .cgroup]' | jq -c sort)" = "$(jq -nc --arg c "$CG" '[$c, $c + "/a", $c + "/c"]')" ]
	run "$BPFKIT" -j cgroup tree "$CG" effective
	[ "$(echo "$output" | jq -c '[.[] | .cgroup]' | jq -c sort)" = "$(jq -nc --arg c "$CG" '[$c, $c + "/a", $c + "/a/b", $c + "/c"]')" ]
}

@test "cgroup tree: same output as bpftool (subtree and whole hierarchy)" {
	need_bpftool
	attach_some
	diff <("$BT" cgroup tree "$CG") <("$BPFKIT" cgroup tree "$CG")
	diff <("$BT" -j cgroup tree "$CG") <("$BPFKIT" -j cgroup tree "$CG")
	diff <("$BT" cgroup tree "$CG" effective) <("$BPFKIT" cgroup tree "$CG" effective)
	diff <("$BT" -j cgroup tree "$CG" effective) <("$BPFKIT" -j cgroup tree "$CG" effective)
	# the default root; other suites change it meanwhile, so only our part
	diff <("$BT" -j cgroup tree | jq -c --arg c "$CG" '[.[] | select(.cgroup | startswith($c))]') \
		<("$BPFKIT" -j cgroup tree | jq -c --arg c "$CG" '[.[] | select(.cgroup | startswith($c))]')
}

@test "cgroup attach/detach: override, replace by detach, JSON null" {
	run "$BPFKIT" -j cgroup attach "$CG/a" ingress pinned "$P/adm_ingress" override
	[ "$status" -eq 0 ]
	[ "$output" = "null" ]
	run "$BPFKIT" -j cgroup show "$CG/a"
	[ "$(echo "$output" | jq -c '[.[] | .attach_flags]')" = '["override"]' ]
	# without multi a second program cannot join
	run --separate-stderr "$BPFKIT" cgroup attach "$CG/a" ingress pinned "$P/adm_egress" multi
	[ "$status" -eq 255 ]
	[[ "$stderr" == "Error: failed to attach program: "* ]]
	run "$BPFKIT" -j cgroup detach "$CG/a" cgroup_inet_ingress pinned "$P/adm_ingress"
	[ "$status" -eq 0 ]
	[ "$output" = "null" ]
	run "$BPFKIT" -j cgroup show "$CG/a"
	[ "$output" = "[]" ]
}

@test "cgroup attach: no flags, then no second program" {
	"$BPFKIT" cgroup attach "$CG" device pinned "$P/adm_egress" 2>/dev/null && false
	"$BPFKIT" cgroup attach "$CG" ingress pinned "$P/adm_ingress"
	run "$BPFKIT" -j cgroup show "$CG"
	[ "$(echo "$output" | jq -c '[.[] | [.attach_type, .attach_flags]]')" = '[["cgroup_inet_ingress",""]]' ]
}

@test "cgroup: bad input gives one error line and exit 255" {
	for args in "show" "show /nonexistent-$$" "show /tmp" "show $CG effective effective" \
		"show $CG bogus" "tree /nonexistent-$$" "attach $CG ingress" \
		"attach $CG bogus pinned $P/adm_ingress" "attach $CG xdp pinned $P/adm_ingress" \
		"attach $CG ingress pinned $P/adm_xdp" "attach $CG ingress pinned $P/adm_ingress sideways" \
		"attach /tmp ingress pinned $P/adm_ingress" "attach $CG ingress pinned $BPFFS/nope" \
		"detach $CG sock_create pinned $P/adm_sock"; do
		run --separate-stderr "$BPFKIT" cgroup $args
		[ "$status" -eq 255 ] || { echo "$args: status $status"; return 1; }
		[ -z "$output" ] || { echo "$args: stdout $output"; return 1; }
		[ "$(printf '%s\n' "$stderr" | grep -c '^Error: ')" -eq 1 ] ||
			{ echo "$args: $stderr"; return 1; }
		run "$BPFKIT" -j cgroup $args
		echo "$output" | jq -e 'has("error")' >/dev/null ||
			{ echo "$args -j: $output"; return 1; }
	done
	run --separate-stderr "$BPFKIT" cgroup detach "$CG" sock_create pinned "$P/adm_sock"
	[[ "$stderr" == *"not attached there"* ]]
}
