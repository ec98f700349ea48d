#!/usr/bin/env bats
# prog load/loadall/pin/attach/detach/run/tracelog/profile on the real
# kernel: every attach point in a private netns, cgroup or bpffs of the
# test's own, removed in teardown even when a test fails.

load helpers

setup() {
	setup_bpffs
	NET_OBJ=$(build_bpf_obj ops_net.bpf.c)
	OPS_NS=""
	OPS_CG=""
	OPS_MNT=""
	OPS_PIDS=()
	PKT="$BATS_TEST_TMPDIR/pkt.bin"
	# 52 bytes: an Ethernet-sized header and a readable payload
	printf 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmn\001\002' >"$PKT"
}

teardown() {
	local p
	for p in "${OPS_PIDS[@]:-}"; do
		[ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	[ -n "$OPS_NS" ] && ip netns del "$OPS_NS" 2>/dev/null
	[ -n "$OPS_CG" ] && rmdir "$OPS_CG" 2>/dev/null
	if [ -n "$OPS_MNT" ]; then
		# bpffs, and the bind mount that made the directory private
		for _ in 1 2 3; do
			mountpoint -q "$OPS_MNT" || break
			umount "$OPS_MNT" 2>/dev/null || umount -l "$OPS_MNT"
		done
		rm -rf "$OPS_MNT"
	fi
	teardown_bpffs
}

# A private netns with a veth pair opsv0 <-> opsv1, both up.
make_netns() {
	OPS_NS="bpfkit-ops-$$-$BATS_TEST_NUMBER"
	ip netns add "$OPS_NS" || skip_or_fail "cannot create a network namespace"
	ip -n "$OPS_NS" link add opsv0 type veth peer name opsv1
	ip -n "$OPS_NS" link set opsv0 up
	ip -n "$OPS_NS" link set opsv1 up
}

in_ns() {
	ip netns exec "$OPS_NS" "$@"
}

make_cgroup() {
	[ -d /sys/fs/cgroup/unified ] || skip_or_fail "no cgroup v2 at /sys/fs/cgroup/unified"
	OPS_CG="/sys/fs/cgroup/unified/bpfkit-ops-$$-$BATS_TEST_NUMBER"
	mkdir "$OPS_CG"
}

prog_id() {
	"$BPFKIT" -j prog show pinned "$1" | jq -r .id
}

# The kernel frees a program once its last reference goes; wait (bounded)
# for the id to disappear.
gone() {
	local i
	for i in $(seq 1 50); do
		"$BPFKIT" prog show id "$1" >/dev/null 2>&1 || return 0
		sleep 0.1
	done
	echo "prog id $1 still exists" >&2
	return 1
}

# Run a command in a private mount namespace with tracefs mounted there.
with_tracefs() {
	unshare -m --propagation private sh -c '
		mountpoint -q /sys/kernel/tracing ||
			mount -t tracefs nodev /sys/kernel/tracing || exit 99
		exec "$@"' sh "$@"
}

# ---------------------------------------------------------------- load

@test "prog load: socket filter pinned, shown, run, unpinned" {
	run "$BPFKIT" prog load "$NET_OBJ" "$BPFFS/sock"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$("$BPFKIT" -j prog show pinned "$BPFFS/sock" | jq -r .name)" = ops_sock ]
	[ "$("$BPFKIT" -j prog show pinned "$BPFFS/sock" | jq -r .type)" = socket_filter ]
	id=$(prog_id "$BPFFS/sock")
	run "$BPFKIT" prog run pinned "$BPFFS/sock" data_in "$PKT"
	[ "$status" -eq 0 ]
	# the socket filter returns skb->len: the packet less its L2 header
	[[ "$output" =~ ^"Return value: 38, duration: "[0-9]+ns$ ]]
	rm "$BPFFS/sock"
	gone "$id"
}

@test "prog load -j prints null; pinmaps pins the maps" {
	run --separate-stderr "$BPFKIT" -j prog load "$NET_OBJ" "$BPFFS/sock" pinmaps "$BPFFS/maps"
	[ "$status" -eq 0 ]
	[ "$output" = null ]
	[ -e "$BPFFS/maps/ops_hits" ]
	[ -e "$BPFFS/maps/ops_sockmap" ]
	[ "$("$BPFKIT" -j map show pinned "$BPFFS/maps/ops_hits" | jq -r .name)" = ops_hits ]
}

@test "prog loadall pins every program by name" {
	run "$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net"
	[ "$status" -eq 0 ]
	for p in ops_sock ops_xdp ops_tc ops_cgskb ops_flow ops_skv ops_msg; do
		[ -e "$BPFFS/net/$p" ]
		[ "$("$BPFKIT" -j prog show pinned "$BPFFS/net/$p" | jq -r .name)" = "$p" ]
	done
	[ "$("$BPFKIT" -j prog show pinned "$BPFFS/net/ops_xdp" | jq -r .type)" = xdp ]
	[ "$("$BPFKIT" -j prog show pinned "$BPFFS/net/ops_flow" | jq -r .type)" = flow_dissector ]
}

@test "prog loadall mounts bpffs on a plain directory, and -n refuses to" {
	OPS_MNT=$(mktemp -d /tmp/bpfkit-ops-mnt.XXXXXX)
	run "$BPFKIT" -n prog loadall "$NET_OBJ" "$OPS_MNT"
	[ "$status" -eq 255 ]
	[[ "$output" == *"not mounting it due to --nomount option"* ]]
	[ "$(stat -f -c %T "$OPS_MNT")" != bpf_fs ]
	run "$BPFKIT" prog loadall "$NET_OBJ" "$OPS_MNT"
	[ "$status" -eq 0 ]
	[ "$(stat -f -c %T "$OPS_MNT")" = bpf_fs ]
	[ -e "$OPS_MNT/ops_xdp" ]
}

@test "prog loadall: missing parent directory is one clear error" {
	run "$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/no/such"
	[ "$status" -eq 255 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "Error: can't pin BPF objects: dir '$BPFFS/no' doesn't exist" ]]
}

@test "prog load: type and map reuse" {
	"$BPFKIT" prog load "$NET_OBJ" "$BPFFS/first" pinmaps "$BPFFS/maps"
	hits=$("$BPFKIT" -j map show pinned "$BPFFS/maps/ops_hits" | jq .id)
	run "$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/again" \
		map name ops_hits pinned "$BPFFS/maps/ops_hits"
	[ "$status" -eq 0 ]
	"$BPFKIT" -j prog show pinned "$BPFFS/again/ops_sock" |
		jq -e --argjson h "$hits" '.map_ids | index($h) != null'
	# "map idx": ops_sockmap is map 0, ops_hits map 1 in libbpf's order
	run "$BPFKIT" prog load "$NET_OBJ" "$BPFFS/third" \
		map idx 1 pinned "$BPFFS/maps/ops_hits"
	[ "$status" -eq 0 ]
	"$BPFKIT" -j prog show pinned "$BPFFS/third" |
		jq -e --argjson h "$hits" '.map_ids | index($h) != null'
	# "type" applies to every program (here all become socket filters)
	run "$BPFKIT" prog load "$(build_bpf_obj ops_printk.bpf.c)" "$BPFFS/typed" type socket
	[ "$status" -eq 0 ]
	[ "$("$BPFKIT" -j prog show pinned "$BPFFS/typed" | jq -r .type)" = socket_filter ]
}

@test "prog pin: pins a program, refuses an existing path" {
	"$BPFKIT" prog load "$NET_OBJ" "$BPFFS/sock"
	id=$(prog_id "$BPFFS/sock")
	run "$BPFKIT" -j prog pin id "$id" "$BPFFS/copy"
	[ "$status" -eq 0 ]
	[ "$output" = null ]
	[ "$(prog_id "$BPFFS/copy")" = "$id" ]
	run "$BPFKIT" prog pin id "$id" "$BPFFS/copy"
	[ "$status" -eq 255 ]
	[ "$output" = "Error: can't pin BPF object: path '$BPFFS/copy' already exists" ]
	# bpftool: -EINVAL (234), naming the command word as typed
	run "$BPFKIT" prog pin id "$id"
	[ "$status" -eq 234 ] || { echo "status $status: $output"; false; }
	[ "$output" = "Error: 'pin' needs at least 3 arguments, 2 found" ]
	run "$BPFKIT" -j prog pi id "$id"
	[ "$status" -eq 234 ]
	[ "$(echo "$output" | jq -r .error)" = "'pi' needs at least 3 arguments, 2 found" ]
	# words after FILE: one error, no help text, one JSON value under -j
	run --separate-stderr "$BPFKIT" prog pin id "$id" "$BPFFS/x" extra
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: too many arguments: unexpected 'extra'" ]
	run "$BPFKIT" -j prog pin id "$id" "$BPFFS/x" extra
	[ "$status" -eq 255 ]
	[ "$(echo "$output" | jq -c .)" = '{"error":"too many arguments: unexpected '"'extra'"'"}' ]
	[ ! -e "$BPFFS/x" ]
}

@test "prog pin, load and loadall: a bare relative name pins in the current directory" {
	"$BPFKIT" prog load "$NET_OBJ" "$BPFFS/sock"
	id=$(prog_id "$BPFFS/sock")
	# the parent of a bare name is "." (dirname(3)'s own string)
	run bash -c 'cd "$1" && "$2" prog pin id "$3" bare_pin' _ "$BPFFS" "$BPFKIT" "$id"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ "$(prog_id "$BPFFS/bare_pin")" = "$id" ]
	run bash -c 'cd "$1" && "$2" prog load "$3" bare_load' _ "$BPFFS" "$BPFKIT" "$NET_OBJ"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ -e "$BPFFS/bare_load" ]
	run bash -c 'cd "$1" && "$2" prog loadall "$3" bare_dir' _ "$BPFFS" "$BPFKIT" "$NET_OBJ"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ -e "$BPFFS/bare_dir/ops_sock" ]
}

@test "prog load onto an existing path fails and leaves the old pin" {
	"$BPFKIT" prog load "$NET_OBJ" "$BPFFS/sock"
	id=$(prog_id "$BPFFS/sock")
	run "$BPFKIT" prog load "$NET_OBJ" "$BPFFS/sock"
	[ "$status" -eq 255 ]
	[[ "$output" == *"path '$BPFFS/sock' already exists"* ]]
	[ "$(prog_id "$BPFFS/sock")" = "$id" ]
}

@test "prog load/loadall: a failed map pin removes every pin and directory the load made" {
	mkdir "$BPFFS/maps"
	"$BPFKIT" map create "$BPFFS/maps/ops_hits" type array key 4 value 4 \
		entries 1 name taken
	# the second map's pin fails: the first map, the programs and the
	# directory made for them go again; what was there before stays
	run "$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net" pinmaps "$BPFFS/maps"
	[ "$status" -eq 255 ]
	[ "$output" = "Error: can't pin BPF object: path '$BPFFS/maps/ops_hits' already exists" ]
	[ ! -e "$BPFFS/net" ]
	[ "$(ls "$BPFFS/maps")" = ops_hits ]
	run "$BPFKIT" prog load "$NET_OBJ" "$BPFFS/one" pinmaps "$BPFFS/new/maps"
	[ "$status" -eq 255 ]
	[ ! -e "$BPFFS/one" ]
	[ ! -e "$BPFFS/new/maps" ]
}

# ---------------------------------------------------------------- XDP, tc

@test "XDP on a veth in a private netns: attach, show, run, detach" {
	make_netns
	"$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net"
	id=$(prog_id "$BPFFS/net/ops_xdp")
	run in_ns "$BPFKIT" prog attach pinned "$BPFFS/net/ops_xdp" xdp dev opsv0
	[ "$status" -eq 0 ]
	ip -n "$OPS_NS" link show opsv0 | grep -q "prog/xdp id $id "
	# a second program on the same device: refused, with the kernel's reason
	run in_ns "$BPFKIT" prog attach pinned "$BPFFS/net/ops_xdp" xdp dev opsv0
	[ "$status" -eq 234 ]
	[[ "$output" == "Error: failed prog attach to dev 'opsv0': "*"already attached"* ]]
	# run: the program rewrites the first byte and passes (2)
	run "$BPFKIT" prog run pinned "$BPFFS/net/ops_xdp" data_in "$PKT" data_out -
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "0000000	4242 4344 4546 4748 494a 4b4c 4d4e 4f50 | BBCDEFGH IJKLMNOP" ]
	[ "${lines[3]}" = "0000030	6d6e 0102                               | mn.." ]
	[[ "${lines[4]}" =~ ^"Return value: 2, duration: "[0-9]+ns$ ]]
	run --separate-stderr "$BPFKIT" -j prog run pinned "$BPFFS/net/ops_xdp" data_in "$PKT" data_out - repeat 4
	[ "$status" -eq 0 ]
	echo "$output" | jq -e '.data_out[0] == 66 and .data_out[1] == 66 and (.data_out | length) == 52 and .retval == 2 and (.duration | type) == "number"'
	run in_ns "$BPFKIT" -j prog detach pinned "$BPFFS/net/ops_xdp" xdp dev opsv0
	[ "$status" -eq 0 ]
	[ "$output" = null ]
	! ip -n "$OPS_NS" link show opsv0 | grep -q prog/xdp
	# nothing holds the program any more once its pins are gone
	rm -r "$BPFFS/net"
	gone "$id"
}

@test "XDP as a pinned link: link show, then unpin detaches" {
	make_netns
	"$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net"
	id=$(prog_id "$BPFFS/net/ops_xdp")
	run in_ns "$BPFKIT" prog attach pinned "$BPFFS/net/ops_xdp" xdp dev opsv1 link "$BPFFS/xdplink"
	[ "$status" -eq 0 ]
	run in_ns "$BPFKIT" -j link show pinned "$BPFFS/xdplink"
	[ "$status" -eq 0 ]
	echo "$output" | jq -e --argjson id "$id" '.type == "xdp" and .prog_id == $id'
	ip -n "$OPS_NS" link show opsv1 | grep -q "prog/xdp id $id "
	rm "$BPFFS/xdplink"
	! ip -n "$OPS_NS" link show opsv1 | grep -q prog/xdp
	rm -r "$BPFFS/net"
	gone "$id"
}

@test "tcx on a veth: attach, run, detach; and as a link" {
	make_netns
	"$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net"
	id=$(prog_id "$BPFFS/net/ops_tc")
	run in_ns "$BPFKIT" prog attach pinned "$BPFFS/net/ops_tc" tcx_ingress dev opsv0
	[ "$status" -eq 0 ]
	run "$BPFKIT" prog run pinned "$BPFFS/net/ops_tc" data_in "$PKT"
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^"Return value: 0, duration: "[0-9]+ns$ ]]
	run in_ns "$BPFKIT" prog detach pinned "$BPFFS/net/ops_tc" tcx_ingress dev opsv0
	[ "$status" -eq 0 ]
	# detached already: the kernel says so
	run in_ns "$BPFKIT" prog detach pinned "$BPFFS/net/ops_tc" tcx_ingress dev opsv0
	[ "$status" -eq 234 ]
	[[ "$output" == "Error: failed prog detach from dev 'opsv0': "* ]]
	run in_ns "$BPFKIT" prog attach pinned "$BPFFS/net/ops_tc" tcx_egress dev opsv1 link "$BPFFS/tcxlink"
	[ "$status" -eq 0 ]
	in_ns "$BPFKIT" -j link show pinned "$BPFFS/tcxlink" |
		jq -e --argjson id "$id" '.type == "tcx" and .prog_id == $id and .attach_type == "tcx_egress"'
	rm "$BPFFS/tcxlink"
	rm -r "$BPFFS/net"
	gone "$id"
}

@test "attaching to a missing interface: one clear error" {
	make_netns
	"$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net"
	run in_ns "$BPFKIT" prog attach pinned "$BPFFS/net/ops_xdp" xdp dev nosuchdev0
	[ "$status" -eq 234 ]
	[ "$output" = "Error: unrecognized netdevice 'nosuchdev0': No such device" ]
	run in_ns "$BPFKIT" prog attach pinned "$BPFFS/net/ops_xdp" xdp
	[ "$status" -eq 234 ]
	[ "$output" = "Error: attach type 'xdp' needs 'dev IFNAME'" ]
}

# ---------------------------------------------------------------- cgroup

@test "cgroup skb on a test cgroup: attach, run, detach; and as a link" {
	make_cgroup
	"$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net"
	id=$(prog_id "$BPFFS/net/ops_cgskb")
	run "$BPFKIT" prog attach pinned "$BPFFS/net/ops_cgskb" cgroup_inet_ingress cgroup "$OPS_CG"
	[ "$status" -eq 0 ]
	if bt=$(command -v bpftool || ls /usr/sbin/bpftool 2>/dev/null); then
		"$bt" cgroup show "$OPS_CG" | grep -q "^$id .*cgroup_inet_ingress"
	fi
	run "$BPFKIT" prog run pinned "$BPFFS/net/ops_cgskb" data_in "$PKT"
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^"Return value: 1, duration: "[0-9]+ns$ ]]
	run "$BPFKIT" prog detach pinned "$BPFFS/net/ops_cgskb" cgroup_inet_ingress cgroup "$OPS_CG"
	[ "$status" -eq 0 ]
	run "$BPFKIT" prog detach pinned "$BPFFS/net/ops_cgskb" cgroup_inet_ingress cgroup "$OPS_CG"
	[ "$status" -eq 234 ]
	run "$BPFKIT" prog attach pinned "$BPFFS/net/ops_cgskb" cgroup_inet_ingress cgroup "$OPS_CG" link "$BPFFS/cglink"
	[ "$status" -eq 0 ]
	"$BPFKIT" -j link show pinned "$BPFFS/cglink" |
		jq -e --argjson id "$id" '.type == "cgroup" and .prog_id == $id and .attach_type == "cgroup_inet_ingress"'
	rm "$BPFFS/cglink"
	run "$BPFKIT" prog attach pinned "$BPFFS/net/ops_cgskb" cgroup_inet_ingress cgroup /nonexistent
	[ "$status" -eq 234 ]
	[[ "$output" == "Error: can't open cgroup /nonexistent: No such file or directory" ]]
	# a directory outside cgroup2: said so (the kernel's attach says EBADF)
	for c in attach detach; do
		run "$BPFKIT" prog $c pinned "$BPFFS/net/ops_cgskb" cgroup_inet_ingress cgroup "$BATS_TEST_TMPDIR"
		[ "$status" -eq 234 ]
		[ "$output" = "Error: $BATS_TEST_TMPDIR is not a cgroup v2 directory" ]
	done
	rm -r "$BPFFS/net"
	gone "$id"
}

# ---------------------------------------------------------------- tracing

@test "raw tracepoint and tracepoint: autoattach pins links" {
	obj=$(build_bpf_obj ops_trace.bpf.c)
	run with_tracefs "$BPFKIT" prog loadall "$obj" "$BPFFS/trace" autoattach pinmaps "$BPFFS/tmaps"
	[ "$status" -ne 99 ] || skip_or_fail "cannot mount tracefs"
	[ "$status" -eq 0 ]
	"$BPFKIT" -j link show pinned "$BPFFS/trace/ops_rawtp" |
		jq -e '.type == "raw_tracepoint" and .tp_name == "sys_enter"'
	"$BPFKIT" -j link show pinned "$BPFFS/trace/ops_tp" | jq -e '.type == "perf_event"'
	rawid=$("$BPFKIT" -j link show pinned "$BPFFS/trace/ops_rawtp" | jq .prog_id)
	# the programs run: every syscall bumps the counter in .bss
	"$BPFKIT" -j map show pinned "$BPFFS/tmaps/ops_trac_bss" | jq -e '.name == "ops_trac.bss"'
	rm "$BPFFS/trace/ops_rawtp" "$BPFFS/trace/ops_tp"
	rm "$BPFFS/tmaps/ops_trac_bss"
	gone "$rawid"
}

@test "prog load autoattach: the first program's link at PATH" {
	obj=$(build_bpf_obj ops_trace.bpf.c)
	run "$BPFKIT" prog load "$obj" "$BPFFS/rawtp" autoattach
	[ "$status" -eq 0 ]
	"$BPFKIT" -j link show pinned "$BPFFS/rawtp" | jq -e '.type == "raw_tracepoint"'
}

@test "autoattach falls back to pinning programs that cannot autoattach" {
	run "$BPFKIT" prog load "$NET_OBJ" "$BPFFS/sock" autoattach
	[ "$status" -eq 0 ]
	[ "$output" = "Program ops_sock does not support autoattach, falling back to pinning" ]
	[ "$("$BPFKIT" -j prog show pinned "$BPFFS/sock" | jq -r .name)" = ops_sock ]
}

# ---------------------------------------------------------------- netns

@test "flow dissector in the test netns: attach, run, detach; and as a link" {
	make_netns
	"$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net"
	id=$(prog_id "$BPFFS/net/ops_flow")
	run in_ns "$BPFKIT" -j prog attach pinned "$BPFFS/net/ops_flow" flow_dissector
	[ "$status" -eq 0 ]
	[ "$output" = null ]
	run in_ns "$BPFKIT" prog attach pinned "$BPFFS/net/ops_flow" flow_d
	[ "$status" -eq 234 ]
	run "$BPFKIT" prog run pinned "$BPFFS/net/ops_flow" data_in "$PKT" data_out -
	[ "$status" -eq 0 ]
	[[ "${lines[-1]}" =~ ^"Return value: 0, duration: "[0-9]+ns$ ]]
	[[ "${lines[0]}" == "0000000	"* ]]
	run in_ns "$BPFKIT" prog detach pinned "$BPFFS/net/ops_flow" flow_dissector
	[ "$status" -eq 0 ]
	run in_ns "$BPFKIT" prog attach pinned "$BPFFS/net/ops_flow" flow_dissector link "$BPFFS/fdlink"
	[ "$status" -eq 0 ]
	in_ns "$BPFKIT" -j link show pinned "$BPFFS/fdlink" |
		jq -e --argjson id "$id" '.type == "netns" and .prog_id == $id and .attach_type == "flow_dissector"'
	rm "$BPFFS/fdlink"
	rm -r "$BPFFS/net"
	gone "$id"
}

# ---------------------------------------------------------------- sockmap

@test "sk_skb and sk_msg on a sockmap: attach, detach, exit codes" {
	"$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net" pinmaps "$BPFFS/maps"
	run "$BPFKIT" prog attach pinned "$BPFFS/net/ops_skv" stream_verdict pinned "$BPFFS/maps/ops_sockmap"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run "$BPFKIT" -j prog attach pinned "$BPFFS/net/ops_msg" sk_msg_verdict pinned "$BPFFS/maps/ops_sockmap"
	[ "$status" -eq 0 ]
	[ "$output" = null ]
	run "$BPFKIT" prog detach pinned "$BPFFS/net/ops_skv" sk_skb_stream_verdict pinned "$BPFFS/maps/ops_sockmap"
	[ "$status" -eq 0 ]
	run "$BPFKIT" prog detach pinned "$BPFFS/net/ops_msg" msg pinned "$BPFFS/maps/ops_sockmap"
	[ "$status" -eq 0 ]
	run "$BPFKIT" prog detach pinned "$BPFFS/net/ops_msg" msg_verdict pinned "$BPFFS/maps/ops_sockmap"
	[ "$status" -eq 234 ]
	[[ "$output" == "Error: failed prog detach from map: "* ]]
	# a map is needed for these types
	run "$BPFKIT" prog attach pinned "$BPFFS/net/ops_skv" stream_verdict
	[ "$status" -eq 234 ]
	# bpftool's codes: a MAP missing its words is a usage error (234), a
	# MAP that does not open is not (255)
	run "$BPFKIT" prog attach pinned "$BPFFS/net/ops_skv" sk_skb_verdict id
	[ "$status" -eq 234 ]
	run "$BPFKIT" prog attach pinned "$BPFFS/net/ops_skv" sk_skb_verdict id 4000000000
	[ "$status" -eq 255 ]
	[ "$output" = "Error: get map by id (4000000000): No such file or directory" ]
	run "$BPFKIT" prog detach pinned "$BPFFS/net/ops_skv" skb_verdict pinned "$BPFFS/nonexistent"
	[ "$status" -eq 255 ]
	# sk_skb programs cannot be test-run: said plainly, with bpftool's
	# exit code, the kernel's -errno (-ENOTSUPP: 256 - 524 % 256 = 244)
	run "$BPFKIT" prog run pinned "$BPFFS/net/ops_skv" data_in "$PKT"
	[ "$status" -eq 244 ]
	[[ "$output" == "Error: failed to run program: this program type can't be test-run"* ]]
	run "$BPFKIT" -j prog run pinned "$BPFFS/net/ops_skv" data_in "$PKT"
	[ "$status" -eq 244 ]
	jq -e .error <<<"$output" >/dev/null
	id=$(prog_id "$BPFFS/net/ops_skv")
	rm -r "$BPFFS/net" "$BPFFS/maps"
	gone "$id"
}

@test "sk_skb as a sockmap link" {
	"$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net" pinmaps "$BPFFS/maps"
	run "$BPFKIT" prog attach pinned "$BPFFS/net/ops_skv" stream_verdict pinned "$BPFFS/maps/ops_sockmap" link "$BPFFS/sklink"
	# the kernel decides, not bpfkit's answer (a failure must not skip)
	local kv
	kv=$(uname -r | awk -F. '{ print $1 * 1000 + $2 }')
	[ "$kv" -ge 6010 ] || skip "kernel without sockmap links (6.10+)"
	[ "$status" -eq 0 ]
	"$BPFKIT" -j link show pinned "$BPFFS/sklink" | jq -e '.prog_id > 0'
	rm "$BPFFS/sklink"
}

# ---------------------------------------------------------------- run

@test "prog run: output files, sizes, stdin, repeat" {
	"$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net"
	out="$BATS_TEST_TMPDIR/out.bin"
	run "$BPFKIT" prog run pinned "$BPFFS/net/ops_xdp" data_in - data_out "$out" repeat 3 <"$PKT"
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^"Return value: 2, duration (average): "[0-9]+ns$ ]]
	cmp "$out" <(printf B; tail -c +2 "$PKT")
	# an output buffer smaller than the packet: the kernel refuses with
	# ENOSPC, the exit code is its -errno as bpftool's (256 - 28)
	run "$BPFKIT" prog run pinned "$BPFFS/net/ops_xdp" data_in "$PKT" data_out "$out.small" data_size_out 8
	[ "$status" -eq 228 ]
	[ "$output" = "Error: failed to run program: No space left on device" ]
	[ ! -e "$out.small" ]
}

@test "prog run: bad arguments" {
	"$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net"
	p="$BPFFS/net/ops_xdp"
	run "$BPFKIT" prog run pinned "$p"
	[ "$status" -eq 255 ]
	[ "$output" = "Error: 'run' needs at least 4 arguments, 2 found" ]
	run "$BPFKIT" prog run pinned "$p" data "$PKT"
	[ "$status" -eq 255 ]
	[ "$output" = "Error: ambiguous prefix: 'data' could be 'data_in' or 'data_out' or 'data_size_out'" ]
	run "$BPFKIT" prog run pinned "$p" data_in - ctx_in -
	[ "$status" -eq 255 ]
	[ "$output" = "Error: cannot use standard input for both data_in and ctx_in" ]
	run "$BPFKIT" prog run pinned "$p" data_in /nonexistent
	[ "$status" -eq 255 ]
	[ "$output" = "Error: failed to open /nonexistent: No such file or directory" ]
	run "$BPFKIT" prog run pinned "$p" data_in "$PKT" repeat x
	[ "$status" -eq 255 ]
	[ "$output" = "Error: can't parse x as repeat number" ]
	run "$BPFKIT" prog run pinned "$p" data_in "$PKT" bogus 1
	[ "$status" -eq 255 ]
	[[ "$output" == "Error: expected no more arguments, 'data_in'"*"got: 'bogus'?" ]]
}

@test "prog run output matches Debian bpftool" {
	require_bpftool
	bt=$BPFTOOL_REF
	"$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net"
	for p in ops_xdp ops_sock ops_flow; do
		a=$("$BPFKIT" prog run pinned "$BPFFS/net/$p" data_in "$PKT" data_out - | sed 's/: [0-9]*ns$//')
		b=$("$bt" prog run pinned "$BPFFS/net/$p" data_in "$PKT" data_out - | sed 's/: [0-9]*ns$//')
		[ "$a" = "$b" ]
	done
}

@test "prog profile: unsupported without skeletons, exit 0 as bpftool" {
	run "$BPFKIT" prog profile id 1 cycles
	[ "$status" -eq 0 ]
	[[ "$output" == "Error: prog profile is not supported"* ]]
}

# ---------------------------------------------------------------- tracelog

# Packets of a length unique to this run make the marker line ours even
# when other tests print to the same trace pipe.
marker_pkt() {
	local n=$((60 + $$ % 500))
	head -c "$n" /dev/zero >"$BATS_TEST_TMPDIR/marker.bin"
	MARK="bpfkit-ops-marker len=$((n - 14))"
}

@test "prog tracelog shows bpf_printk output of a program run" {
	obj=$(build_bpf_obj ops_printk.bpf.c)
	"$BPFKIT" prog load "$obj" "$BPFFS/printk"
	marker_pkt
	out="$BATS_TEST_TMPDIR/tl.out"
	with_tracefs timeout -k 10 --preserve-status 5 "$BPFKIT" prog tracelog >"$out" 2>"$out.err" &
	OPS_PIDS+=("$!")
	pid=$!
	for i in 1 2 3 4 5 6; do
		"$BPFKIT" prog run pinned "$BPFFS/printk" data_in "$BATS_TEST_TMPDIR/marker.bin" repeat 10 >/dev/null
		sleep 0.3
	done
	status=0
	wait "$pid" || status=$?
	[ "$status" -ne 99 ] || skip_or_fail "cannot mount tracefs"
	# SIGTERM from timeout: a clean exit
	[ "$status" -eq 0 ]
	grep -q "bpf_trace_printk: $MARK" "$out"
	! grep -q Error "$out.err"
}

@test "prog tracelog -j is a JSON array of lines, closed on SIGINT" {
	obj=$(build_bpf_obj ops_printk.bpf.c)
	"$BPFKIT" prog load "$obj" "$BPFFS/printk"
	marker_pkt
	out="$BATS_TEST_TMPDIR/tl.json"
	with_tracefs timeout -k 10 --preserve-status -s INT 4 "$BPFKIT" -j prog tracelog >"$out" &
	OPS_PIDS+=("$!")
	pid=$!
	for i in 1 2 3 4 5; do
		"$BPFKIT" prog run pinned "$BPFFS/printk" data_in "$BATS_TEST_TMPDIR/marker.bin" repeat 10 >/dev/null
		sleep 0.3
	done
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 0 ]
	jq -e 'type == "array" and all(.[]; type == "string" and endswith("\n"))' "$out"
	jq -e --arg m "$MARK" 'any(.[]; contains($m))' "$out"
}

@test "prog tracelog ends quietly when its reader goes away" {
	obj=$(build_bpf_obj ops_printk.bpf.c)
	"$BPFKIT" prog load "$obj" "$BPFFS/printk"
	marker_pkt
	err="$BATS_TEST_TMPDIR/tl.err"
	( with_tracefs timeout 20 "$BPFKIT" prog tracelog 2>"$err" | head -n 1 >/dev/null ) &
	OPS_PIDS+=("$!")
	pid=$!
	for i in $(seq 1 60); do
		kill -0 "$pid" 2>/dev/null || break
		"$BPFKIT" prog run pinned "$BPFFS/printk" data_in "$BATS_TEST_TMPDIR/marker.bin" >/dev/null
		sleep 0.2
	done
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 0 ]
	[ ! -s "$err" ]
}

@test "prog tracelog -n without tracefs: one clear error" {
	run unshare -m --propagation private sh -c '
		umount /sys/kernel/tracing 2>/dev/null
		umount /sys/kernel/debug/tracing 2>/dev/null
		grep -q " tracefs " /proc/mounts && exit 98
		exec "$0" -n prog tracelog' "$BPFKIT"
	[ "$status" -ne 98 ] || skip "a tracefs mount could not be hidden"
	[ "$status" -eq 255 ]
	[ "$output" = "Error: tracefs is not mounted, not mounting it due to --nomount option" ]
}

# Issue 8 item 19: a normal user's EACCES on trace_pipe is the tracefs
# mode, not a missing CAP_BPF; a failed tracefs mount wants CAP_SYS_ADMIN.
@test "prog tracelog as a normal user: the message names file permissions" {
	command -v setpriv >/dev/null || skip_or_fail "needs setpriv (util-linux)"
	run with_tracefs setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$BPFKIT" prog tracelog
	[ "$status" -ne 99 ] || skip_or_fail "cannot mount tracefs"
	[ "$status" -eq 255 ]
	[[ "$output" == "Error: can't open /sys/kernel/tracing/trace_pipe: Permission denied (file permissions: "*"uid 65534 gid 65534)" ]]
	[[ "$output" != *CAP_BPF* ]]
	# no tracefs and no right to mount one
	run unshare -m --propagation private sh -c '
		umount /sys/kernel/tracing 2>/dev/null
		umount /sys/kernel/debug/tracing 2>/dev/null
		grep -q " tracefs " /proc/mounts && exit 98
		exec setpriv --reuid=65534 --regid=65534 --clear-groups "$0" prog tracelog' "$BPFKIT"
	[ "$status" -ne 98 ] || skip "a tracefs mount could not be hidden"
	[ "$status" -eq 255 ]
	[[ "${lines[-1]}" == "Error: can't mount tracefs on /sys/kernel/tracing: Operation not permitted (mounting needs CAP_SYS_ADMIN"* ]]
}

# ---------------------------------------------------------------- bad objects

@test "prog load: not ELF, truncated, no BTF, no license" {
	bad="$BATS_TEST_TMPDIR"
	printf 'hello, world\n' >"$bad/text.o"
	run "$BPFKIT" prog load "$bad/text.o" "$BPFFS/x"
	[ "$status" -eq 255 ]
	[ "$output" = "Error: '$bad/text.o' is not an ELF file (expected a BPF object built with clang -target bpf)" ]

	head -c 3000 "$NET_OBJ" >"$bad/trunc.o"
	run "$BPFKIT" prog load "$bad/trunc.o" "$BPFFS/x"
	[ "$status" -eq 255 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "Error: '$bad/trunc.o' is truncated"* ]]

	run "$BPFKIT" prog load /bin/sh "$BPFFS/x"
	[ "$status" -eq 255 ]
	[[ "$output" == *"not a BPF object"* ]]

	clang -O2 -target bpf -I/usr/include/x86_64-linux-gnu \
		-c "$TESTS/bpf/ops_net.bpf.c" -o "$bad/nobtf.o"
	run "$BPFKIT" prog load "$bad/nobtf.o" "$BPFFS/x"
	[ "$status" -eq 255 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *"it has no BTF (.BTF section)"*"compile with clang -g" ]]
	# without BTF but also without BTF maps, loading works (bpftool#145
	# crashed here)
	clang -O2 -target bpf -I/usr/include/x86_64-linux-gnu \
		-c "$TESTS/bpf/ops_printk.bpf.c" -o "$bad/nobtf2.o"
	run "$BPFKIT" prog load "$bad/nobtf2.o" "$BPFFS/nobtf2"
	[ "$status" -eq 0 ]

	run --separate-stderr "$BPFKIT" prog load "$(build_bpf_obj ops_nolicense.bpf.c)" "$BPFFS/x"
	[ "$status" -eq 255 ]
	[[ "$stderr" == *"Error: program 'ops_nolic' rejected by the verifier: cannot call GPL-restricted function"*"no SEC(\"license\")"* ]]
	[ ! -e "$BPFFS/x" ]
	run "$BPFKIT" prog load /nonexistent.o "$BPFFS/x"
	[ "$status" -eq 255 ]
	[ "$output" = "Error: can't open object file '/nonexistent.o': No such file or directory" ]
}

@test "prog load: a verifier rejection names the program, instruction and reason" {
	obj=$(build_bpf_obj ops_reject.bpf.c)
	run --separate-stderr "$BPFKIT" prog load "$obj" "$BPFFS/x"
	[ "$status" -eq 255 ]
	[ -z "$output" ]
	[[ "$stderr" == *"(61) r0 = *(u32 *)(r1 +1000)"* ]]
	last=$(printf '%s\n' "$stderr" | tail -n 1)
	[[ "$last" == "Error: program 'ops_reject' rejected by the verifier: invalid bpf_context access off=1000 size=4 (at insn 0: (61) r0 = *(u32 *)(r1 +1000))" ]]
	[ ! -e "$BPFFS/x" ]
	run --separate-stderr "$BPFKIT" -j prog load "$obj" "$BPFFS/x"
	[ "$status" -eq 255 ]
	echo "$output" | jq -e '(.error | contains("ops_reject") and contains("invalid bpf_context access")) and (.verifier_log[-1] | contains("invalid bpf_context access"))'
}

@test "libbpf's own messages: held back, shown under -d" {
	obj=$(build_bpf_obj ops_reject.bpf.c)
	run --separate-stderr "$BPFKIT" prog load "$obj" "$BPFFS/x"
	[ "$status" -eq 255 ]
	[[ "$stderr" != *"libbpf: "* ]]
	run --separate-stderr "$BPFKIT" -d prog load "$obj" "$BPFFS/x"
	[ "$status" -eq 255 ]
	[[ "$stderr" == *"libbpf: "* ]]
	[[ "$(printf '%s\n' "$stderr" | tail -n 1)" == "Error: "* ]]
	# held around a BTF load too: a file libbpf refuses
	head -c 100 /sys/kernel/btf/vmlinux >"$BATS_TEST_TMPDIR/short.btf"
	run --separate-stderr "$BPFKIT" btf dump file "$BATS_TEST_TMPDIR/short.btf"
	[ "$status" -ne 0 ]
	[[ "$stderr" != *"libbpf: "* ]]
	[ "$(printf '%s\n' "$stderr" | grep -c .)" -eq 1 ]
}

@test "prog load: bad arguments" {
	run "$BPFKIT" prog load
	[ "$status" -eq 255 ]
	[ "$output" = "Error: 'load' needs at least 2 arguments, 0 found" ]
	run "$BPFKIT" prog load "$NET_OBJ" "$BPFFS/x" type bogus
	[ "$status" -eq 255 ]
	[[ "$output" == "Error: unknown program type 'bogus'"* ]]
	run "$BPFKIT" prog load "$NET_OBJ" "$BPFFS/x" type xdp type xdp
	[ "$output" = "Error: program type already specified" ]
	run "$BPFKIT" prog load "$NET_OBJ" "$BPFFS/x" bogus
	[[ "$output" == "Error: expected no more arguments, 'type', 'map',"*"got: 'bogus'?" ]]
	run "$BPFKIT" prog load "$NET_OBJ" "$BPFFS/x" offload_dev nosuchdev0
	[ "$output" = "Error: unrecognized netdevice 'nosuchdev0': No such device" ]
	"$BPFKIT" prog load "$NET_OBJ" "$BPFFS/sock" pinmaps "$BPFFS/maps"
	run "$BPFKIT" prog load "$NET_OBJ" "$BPFFS/x" map name nosuch pinned "$BPFFS/maps/ops_hits"
	[ "$output" = "Error: unable to find map 'nosuch'" ]
	run "$BPFKIT" prog load "$NET_OBJ" "$BPFFS/x" map idx 7 pinned "$BPFFS/maps/ops_hits"
	[ "$output" = "Error: map idx '7' not used" ]
	run "$BPFKIT" prog load "$NET_OBJ" "$BPFFS/x" kernel_btf /nonexistent
	[ "$output" = "Error: kernel_btf: failed to load BTF from /nonexistent: No such file or directory" ]
	[ ! -e "$BPFFS/x" ]
}

@test "prog attach/detach: bad arguments" {
	"$BPFKIT" prog load "$NET_OBJ" "$BPFFS/sock"
	run "$BPFKIT" prog attach pinned "$BPFFS/sock"
	[ "$status" -eq 234 ]
	[ "$output" = "Error: 'attach' needs at least 3 arguments, 2 found" ]
	run "$BPFKIT" prog attach pinned "$BPFFS/sock" bogus_type
	[ "$status" -eq 234 ]
	[ "$output" = "Error: invalid attach/detach type 'bogus_type'" ]
	run "$BPFKIT" -j prog detach pinned "$BPFFS/sock" bogus_type
	[ "$status" -eq 234 ]
	[ "$(echo "$output" | jq -r .error)" = "invalid attach/detach type 'bogus_type'" ]
	run "$BPFKIT" prog attach pinned "$BPFFS/nope" flow_dissector
	[ "$status" -eq 255 ]
	[[ "$output" == "Error: bpf obj get ($BPFFS/nope): No such file or directory" ]]
}

@test "prog load without CAP_BPF names the capability" {
	command -v capsh >/dev/null || skip "capsh is not installed"
	run capsh --drop=cap_bpf,cap_sys_admin,cap_perfmon,cap_net_admin -- \
		-c "exec '$BPFKIT' prog load '$NET_OBJ' '$BPFFS/x'"
	[ "$status" -eq 255 ]
	[[ "$output" == *"Operation not permitted (missing CAP_BPF"* ]]
	[ ! -e "$BPFFS/x" ]
}

@test "prog tracelog {stdout|stderr} PROG drains the program's BPF stream" {
	obj=$(build_bpf_obj ops_stream.bpf.c)
	"$BPFKIT" prog load "$obj" "$BPFFS/stream"
	"$BPFKIT" prog run pinned "$BPFFS/stream" data_in "$PKT" repeat 2 >/dev/null
	run --separate-stderr "$BPFKIT" prog tracelog stdout pinned "$BPFFS/stream"
	[ "$status" -eq 0 ]
	# bpf_stream_vprintk() may fail to allocate (then the stream is empty)
	[ -z "$output" ] || [[ "$output" == *"bpfkit-stream len=38"* ]]
	# drained: nothing left, and -j gives an array
	run --separate-stderr "$BPFKIT" -j prog tracelog stdout pinned "$BPFFS/stream"
	[ "$status" -eq 0 ]
	[ "$output" = "[]" ]
	run "$BPFKIT" prog tracelog stderr pinned "$BPFFS/stream"
	[ "$status" -eq 0 ]
	run "$BPFKIT" prog tracelog stdin pinned "$BPFFS/stream"
	[ "$status" -eq 255 ]
	[ "$output" = "Error: expected 'stdout' or 'stderr', got: 'stdin'?" ]
	run "$BPFKIT" prog tracelog stdout
	[ "$status" -eq 255 ]
	[ "$output" = "Error: expected a PROG after 'stdout'" ]
}

@test "XDP attach without CAP_NET_ADMIN names the capability" {
	command -v capsh >/dev/null || skip "capsh is not installed"
	make_netns
	"$BPFKIT" prog loadall "$NET_OBJ" "$BPFFS/net"
	run in_ns capsh --drop=cap_net_admin,cap_sys_admin -- \
		-c "exec '$BPFKIT' prog attach pinned '$BPFFS/net/ops_xdp' xdp dev opsv0"
	[ "$status" -eq 234 ]
	[[ "$output" == "Error: failed prog attach to dev 'opsv0': Operation not permitted (missing CAP_NET_ADMIN"* ]]
}
