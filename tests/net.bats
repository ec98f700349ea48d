#!/usr/bin/env bats
# net show/attach/detach on a veth pair in a private network namespace that
# each test creates and removes: XDP (generic, driver), tcx (attach and
# link), classic cls_bpf filters, the flow dissector, netfilter links.
# Compared with Debian's bpftool where its sections exist (it predates
# tcx, netkit and netfilter in "net show").

load helpers

setup() {
	setup_bpffs
	OBJ=$(build_bpf_obj admin.bpf.c)
	mkdir "$BPFFS/p"
	"$BPFLOAD" "$OBJ" "$BPFFS/p"
	P="$BPFFS/p"
	NS="bpfkit-net-$$-${BATS_TEST_NUMBER}-$RANDOM"
	ip netns add "$NS"
	ip -n "$NS" link add v0 type veth peer name v1
	ip -n "$NS" link set v0 up
	ip -n "$NS" link set v1 up
	I0=$(ip netns exec "$NS" cat /sys/class/net/v0/ifindex)
	I1=$(ip netns exec "$NS" cat /sys/class/net/v1/ifindex)
}

teardown() {
	[ -n "${NS:-}" ] && ip netns del "$NS" 2>/dev/null
	teardown_bpffs
}

in_ns() {
	ip netns exec "$NS" "$@"
}

kit() {
	ip netns exec "$NS" "$BPFKIT" "$@"
}

pid_of() {
	"$BPFKIT" -j prog show pinned "$P/$1" | jq .id
}

# The root namespace's flow dissector takes precedence: while one is
# attached there (link.bats attaches one for each of its tests), the
# kernel refuses ours with EEXIST. Whether one is there is asked of the
# kernel directly (tests/progquery), never read from bpfkit's answer: wait
# a while for it to go, and after a failed attach skip only when the
# kernel still has one there and bpfkit said EEXIST; any other failure of
# bpfkit fails.
root_flow_count() {
	"$TBUILD/progquery" /proc/self/ns/net 17	# BPF_FLOW_DISSECTOR
}

attach_flow() {
	local n
	build_tool progquery -lbpf
	for _ in $(seq 1 100); do
		n=$(root_flow_count)
		[ "$n" -eq 0 ] && break
		sleep 0.1
	done
	run --separate-stderr in_ns "$BPFKIT" prog attach pinned "$P/adm_flow" flow_dissector
	[ "$status" -eq 0 ] && return 0
	echo "$stderr"
	n=$(root_flow_count)
	[ "$n" -gt 0 ] && [[ "$stderr" == *"File exists"* ]] || return 1
	skip "a flow dissector is attached in the root network namespace ($n)"
}

need_bpftool() {
	require_bpftool
	BT=$BPFTOOL_REF
}

# what Debian's bpftool also prints: no tcx/netkit rows, nothing after
# the flow dissector
old_sections() {
	awk '/^netfilter:$/ { exit } / (tcx|netkit)\// { next } { print }'
}

old_json() {
	jq -c '.[0] | {xdp, tc: [.tc[] | select(.kind | test("^(tcx|netkit)/") | not)], flow_dissector}'
}

@test "net show: empty namespace, every section, valid JSON" {
	run --separate-stderr kit net show
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'xdp:\n\ntc:\n\nflow_dissector:\n\nnetfilter:\n\nsk_lookup:')" ] ||
		[[ "$output" == *"netfilter:"* ]]	# other suites' netfilter links
	run kit -j net show
	echo "$output" | jq -e '.[0] | .xdp == [] and .tc == [] and .flow_dissector == [] and .sk_lookup == []' >/dev/null
	[ "$(echo "$output" | jq -c '.[0] | keys_unsorted')" = '["xdp","tc","flow_dissector","netfilter","sk_lookup"]' ]
}

@test "net attach xdp modes; net show xdp rows (plain and JSON)" {
	run kit -j net attach xdpgeneric pinned "$P/adm_xdp" dev v0
	[ "$status" -eq 0 ]
	[ "$output" = null ]
	kit net attach xdp pinned "$P/adm_xdp2" dev v1
	x=$(pid_of adm_xdp) x2=$(pid_of adm_xdp2)
	run kit net show
	printf '%s\n' "${lines[@]}" | grep -qx "v0($I0) generic id $x"
	printf '%s\n' "${lines[@]}" | grep -qx "v1($I1) driver id $x2"
	run kit -j net show dev v0
	[ "$(echo "$output" | jq -c '.[0].xdp')" = "[{\"devname\":\"v0\",\"ifindex\":$I0,\"mode\":\"generic\",\"id\":$x}]" ]
	# a second program needs overwrite; the kernel's reason is in the error
	run --separate-stderr kit net attach xdpgeneric pinned "$P/adm_xdp2" dev v0
	[ "$status" -eq 240 ]	# -EBUSY, as bpftool
	[[ "$stderr" == "Error: interface xdpgeneric attach failed: Device or resource busy"* ]]
	kit net attach xdpgeneric pinned "$P/adm_xdp2" dev v0 overwrite
	run kit -j net show dev v0
	[ "$(echo "$output" | jq '.[0].xdp[0].id')" = "$x2" ]
	run kit -j net detach xdpgeneric dev v0
	[ "$status" -eq 0 ]
	[ "$output" = null ]
	run kit -j net show dev v0
	[ "$(echo "$output" | jq -c '.[0].xdp')" = "[]" ]
}

@test "net attach/detach tcx; a tcx link shows its link id" {
	t=$(pid_of adm_tc)
	kit net attach tcx_ingress pinned "$P/adm_tc" dev v0
	in_ns "$BPFKIT" prog attach pinned "$P/adm_tc" tcx_egress dev v1 link "$BPFFS/tcxl"
	run kit net show
	printf '%s\n' "${lines[@]}" | grep -qx "v0($I0) tcx/ingress adm_tc prog_id $t "
	lid=$("$BPFKIT" -j link show pinned "$BPFFS/tcxl" | jq .id)
	printf '%s\n' "${lines[@]}" | grep -qx "v1($I1) tcx/egress adm_tc prog_id $t link_id $lid "
	run kit -j net show dev v1
	[ "$(echo "$output" | jq -c '.[0].tc')" = "[{\"devname\":\"v1\",\"ifindex\":$I1,\"kind\":\"tcx/egress\",\"name\":\"adm_tc\",\"prog_id\":$t,\"prog_flags\":[],\"link_id\":$lid,\"link_flags\":[]}]" ]
	kit net detach tcx_ingress dev v0
	run --separate-stderr kit net detach tcx_ingress dev v0
	[ "$status" -eq 254 ]
	[[ "$stderr" == *"nothing attached there"* ]]
	run kit -j net show dev v0
	[ "$(echo "$output" | jq -c '.[0].tc')" = "[]" ]
}

@test "net show: classic cls_bpf filters on clsact and on a classful qdisc" {
	command -v tc >/dev/null || skip_or_fail "needs tc (iproute2)"
	in_ns tc qdisc add dev v1 clsact
	in_ns tc filter add dev v1 ingress bpf da obj "$OBJ" sec tc
	in_ns tc qdisc add dev v0 root handle 1: htb
	in_ns tc filter add dev v0 parent 1: bpf obj "$OBJ" sec tc
	run kit net show
	printf '%s\n' "${lines[@]}" | grep -qE "^v1\($I1\) clsact/ingress admin.bpf.o:\[tc\] id [0-9]+$"
	printf '%s\n' "${lines[@]}" | grep -qE "^v0\($I0\) htb admin.bpf.o:\[tc\] id [0-9]+$"
	run kit -j net show
	echo "$output" | jq -e '[.[0].tc[] | .kind] | sort == ["clsact/ingress", "htb"]' >/dev/null
	[ "$(echo "$output" | jq -c '.[0].tc[0] | keys_unsorted')" = '["devname","ifindex","kind","name","id"]' ]
}

@test "net show: same as bpftool for xdp, tc filters and the flow dissector" {
	need_bpftool
	command -v tc >/dev/null || skip_or_fail "needs tc (iproute2)"
	kit net attach xdpgeneric pinned "$P/adm_xdp" dev v0
	kit net attach xdp pinned "$P/adm_xdp2" dev v1
	kit net attach tcx_ingress pinned "$P/adm_tc" dev v0
	in_ns tc qdisc add dev v1 clsact
	in_ns tc filter add dev v1 egress bpf da obj "$OBJ" sec tc
	diff <(in_ns "$BT" net show) <(kit net show | old_sections)
	diff <(in_ns "$BT" -j net show | old_json) <(kit -j net show | old_json)
	diff <(in_ns "$BT" net show dev v1) <(kit net show dev v1 | old_sections)
	# bpftool writes the flow dissector as invalid JSON: plain only
	attach_flow
	diff <(in_ns "$BT" net show) <(kit net show | old_sections)
}

@test "net show: flow dissector as valid JSON" {
	attach_flow
	f=$(pid_of adm_flow)
	run kit net show
	printf '%s\n' "${lines[@]}" | grep -A1 -x 'flow_dissector:' | grep -qx "id $f"
	run kit -j net show
	[ "$(echo "$output" | jq -c '.[0].flow_dissector')" = "[{\"id\":$f}]" ]
}

@test "net show: netfilter links, sorted, with prog ids" {
	MKLINKS="$TBUILD/mklinks"
	build_tool mklinks
	LOBJ=$(build_bpf_obj show_links.bpf.c)
	skip_all=show_rawtp,show_tp,show_cgskb,show_lxdp,show_tcx,show_flow,show_iter,show_iter_pid,show_lsm,show_skv,show_uprobe,show_umulti,show_pevent
	mkdir "$BPFFS/l"
	out="$BATS_TEST_TMPDIR/mk.out"
	# nsenter execs (ip netns exec forks): $! is mklinks itself
	nsenter --net="/run/netns/$NS" "$MKLINKS" "$LOBJ" "$BPFFS/l" --skip "$skip_all" --hold >"$out" 2>&1 3>&- &
	HOLDER_PIDS+=("$!")
	for _ in $(seq 1 100); do grep -q ready "$out" && break; sleep 0.05; done
	id=$(awk '$1 == "link" && $2 == "show_nf" { print $3 }' "$out")
	[ -n "$id" ] || skip "no netfilter link here: $(cat "$out")"
	prog=$("$BPFKIT" -j link show id "$id" | jq .prog_id)
	run kit net show
	printf '%s\n' "${lines[@]}" | grep -qx $'\t'"ip output prio 100 prog_id $prog"
	run kit -j net show
	echo "$output" | jq -e --argjson p "$prog" '[.[0].netfilter[] | select(.id == $p)] | length == 1' >/dev/null
	echo "$output" | jq -e --argjson p "$prog" '.[0].netfilter[] | select(.id == $p) | .pf == 2 and .hook == 3 and .prio == 100' >/dev/null
}

@test "net: bad input, one error line, bpftool's exit codes" {
	for args in "attach xdp pinned $P/adm_xdp dev nope" "attach xdp pinned $P/adm_xdp v0" \
		"attach bogus pinned $P/adm_xdp dev v0" "attach xdp pinned $P/adm_xdp dev v0 junk" \
		"attach xdp pinned $BPFFS/none dev v0" "attach xdp" "detach xdp dev nope" "detach xdp"; do
		run --separate-stderr kit net $args
		[ "$status" -eq 234 ] || { echo "$args: status $status"; return 1; }
		[ "$(printf '%s\n' "$stderr" | grep -c '^Error: ')" -eq 1 ] ||
			{ echo "$args: $stderr"; return 1; }
	done
	# wrong program type: the kernel's EINVAL
	run --separate-stderr kit net attach xdpdrv pinned "$P/adm_tc" dev v0
	[ "$status" -eq 234 ]
	[[ "$stderr" == "Error: interface xdpdrv attach failed: Invalid argument"* ]]
	for args in "show dev nope" "show foo" "show dev v0 extra"; do
		run --separate-stderr kit net $args
		[ "$status" -eq 255 ] || { echo "$args: status $status"; return 1; }
		[ "$(printf '%s\n' "$stderr" | grep -c '^Error: ')" -eq 1 ]
		run kit -j net $args
		echo "$output" | jq -e '.error' >/dev/null
	done
}

@test "net show: sk_lookup programs of the namespace (bpfkit only)" {
	NSLINK="$TBUILD/nslink"
	build_tool nslink -lbpf
	out="$BATS_TEST_TMPDIR/nslink.out"
	nsenter --net="/run/netns/$NS" "$NSLINK" "$P/adm_lookup" >"$out" 2>&1 3>&- &
	HOLDER_PIDS+=("$!")
	for _ in $(seq 1 100); do grep -q ready "$out" && break; sleep 0.05; done
	grep -q ready "$out" || { cat "$out"; return 1; }
	l=$(pid_of adm_lookup)
	run kit -j net show
	[ "$(echo "$output" | jq -c '.[0].sk_lookup')" = "[{\"id\":$l}]" ]
	run kit net show
	printf '%s\n' "${lines[@]}" | grep -A1 -x 'sk_lookup:' | grep -qx "id $l"
	# not in the root namespace
	run "$BPFKIT" -j net show
	[ "$(echo "$output" | jq --argjson l "$l" '[.[0].sk_lookup[] | select(.id == $l)] | length')" -eq 0 ]
}
