#!/usr/bin/env bats
# link show/pin/detach on real links: raw tracepoint, tracepoint perf_event,
# cgroup, netns (flow dissector), iter, sockmap, and xdp/tcx on a veth in a
# private netns. Links are made and pinned by tests/mklinks.

load helpers

MKLINKS="$TBUILD/mklinks"
# bpf LSM is built in but not enabled here; xdp/tcx/netfilter go in the netns
ROOT_ONLY=show_lsm,show_lxdp,show_tcx,show_nf
NS_ONLY=show_lsm,show_rawtp,show_tp,show_cgskb,show_flow,show_iter,show_iter_pid,show_skv,show_uprobe,show_umulti,show_pevent

build_mklinks() {
	build_tool mklinks
}

# libbpf finds tracepoint ids through tracefs
need_tracefs() {
	[ -d /sys/kernel/tracing/events ] && return 0
	mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null && TRACEFS_MOUNTED=1
}

setup() {
	setup_bpffs
	build_mklinks
	need_tracefs || true
	OBJ=$(build_bpf_obj show_links.bpf.c)
	CGROOT=/sys/fs/cgroup/unified
	[ -e "$CGROOT/cgroup.procs" ] || CGROOT=/sys/fs/cgroup
	CG=$(mktemp -d "$CGROOT/bpfkit-link.XXXXXX")
	NS="bpfkit-link-$$-${BATS_TEST_NUMBER:-0}"
	ip netns add "$NS"
	ip -n "$NS" link add veth0 type veth peer name veth1
	ip -n "$NS" link set veth0 up
	ip -n "$NS" link set veth1 up
	IDX0=$(ip netns exec "$NS" cat /sys/class/net/veth0/ifindex)
	IDX1=$(ip netns exec "$NS" cat /sys/class/net/veth1/ifindex)
	OUT="$BATS_TEST_TMPDIR/mklinks.out"
	"$MKLINKS" "$OBJ" "$BPFFS" --cgroup "$CG" --skip "$ROOT_ONLY" --hold >"$OUT" 2>&1 &
	MK_PID=$!
	HOLDER_PIDS+=("$MK_PID")
	for _ in $(seq 1 100); do
		grep -q ready "$OUT" && break
		kill -0 "$MK_PID" 2>/dev/null || break
		sleep 0.05
	done
	grep -q ready "$OUT" || { cat "$OUT" >&2; return 1; }
	ip netns exec "$NS" "$MKLINKS" "$OBJ" "$BPFFS" --xdp "$IDX0" --tcx "$IDX1" \
		--skip "$NS_ONLY" >>"$OUT" 2>&1
}

teardown() {
	teardown_bpffs	# kills mklinks and unpins: every link goes away
	[ -n "${NS:-}" ] && ip netns del "$NS" 2>/dev/null
	[ -n "${CG:-}" ] && rmdir "$CG" 2>/dev/null
	[ -n "${TRACEFS_MOUNTED:-}" ] && umount /sys/kernel/tracing 2>/dev/null
	true
}

# lid VAR PROG: set VAR to the id of the link made for PROG, or skip when
# this kernel can't make it. Not $(...)-able: a skip there skips nothing.
lid() {
	local _id
	_id=$(awk -v p="$2" '$1 == "link" && $2 == p { print $3 }' "$OUT")
	[ -n "$_id" ] || skip "no $2 link here: $(grep " $2 " "$OUT")"
	printf -v "$1" '%s' "$_id"
}

show_json() {
	"$BPFKIT" -j link show id "$1"
}

@test "raw_tracepoint link: tp name and cookie" {
	lid id show_rawtp
	run --separate-stderr "$BPFKIT" link show id "$id"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^$id:\ raw_tracepoint\ \ prog\ [0-9]+\ \ $ ]]
	[ "${lines[1]}" = $'\t'"tp 'sys_enter'  " ]
	[ "${lines[2]}" = $'\t'"pids mklinks($MK_PID)" ]
	run show_json "$id"
	echo "$output" | jq -e --argjson id "$id" --argjson pid "$MK_PID" '
		.id == $id and .type == "raw_tracepoint" and .prog_id > 0 and
		.tp_name == "sys_enter" and .cookie == 0 and
		.pids == [{"pid": $pid, "comm": "mklinks"}]' >/dev/null
	[ "$(echo "$output" | jq -c keys_unsorted)" = '["id","type","prog_id","tp_name","cookie","pids"]' ]
}

@test "perf_event tracepoint link: name, cookie, bpf_cookie" {
	lid id show_tp
	run "$BPFKIT" link show id "$id"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^$id:\ perf_event\ \ prog\ [0-9]+\ \ $ ]]
	[ "${lines[1]}" = $'\t'"tracepoint sys_enter_getppid  " ]
	[ "${lines[2]}" = $'\t'"bpf_cookie 0" ]
	[ "${lines[3]}" = $'\t'"pids mklinks($MK_PID)" ]
	run show_json "$id"
	[ "$(echo "$output" | jq -c 'del(.id, .prog_id, .pids)')" = '{"type":"perf_event","tracepoint":"sys_enter_getppid","cookie":0,"bpf_cookie":0}' ]
}

@test "cgroup link: cgroup id and attach type" {
	lid id show_cgskb
	cgid=$(stat -c %i "$CG")
	run "$BPFKIT" link show id "$id"
	[ "${lines[1]}" = $'\t'"cgroup_id $cgid  attach_type cgroup_inet_egress  " ]
	run show_json "$id"
	echo "$output" | jq -e --argjson c "$cgid" \
		'.type == "cgroup" and .cgroup_id == $c and .attach_type == "cgroup_inet_egress"' >/dev/null
}

@test "netns link: inode and attach type" {
	lid id show_flow
	ino=$(stat -L -c %i /proc/self/ns/net)
	run "$BPFKIT" link show id "$id"
	[ "${lines[1]}" = $'\t'"netns_ino $ino  attach_type flow_dissector  " ]
	run show_json "$id"
	echo "$output" | jq -e --argjson i "$ino" \
		'.type == "netns" and .netns_ino == $i and .attach_type == "flow_dissector"' >/dev/null
}

@test "iter link: target on the header line" {
	lid id show_iter
	run "$BPFKIT" link show id "$id"
	[[ "${lines[0]}" =~ ^$id:\ iter\ \ prog\ [0-9]+\ \ target_name\ task\ \ $ ]]
	run show_json "$id"
	echo "$output" | jq -e '.type == "iter" and .target_name == "task" and (has("tid") | not)' >/dev/null
}

@test "iter link on one process: pid after the target" {
	lid id show_iter_pid
	run "$BPFKIT" link show id "$id"
	[[ "${lines[0]}" =~ ^$id:\ iter\ \ prog\ [0-9]+\ \ target_name\ task\ \ pid\ $MK_PID\ $ ]]
	run show_json "$id"
	echo "$output" | jq -e --argjson p "$MK_PID" '.target_name == "task" and .pid == $p and (has("tid") | not)' >/dev/null
}

@test "sockmap link: map id and attach type" {
	lid id show_skv
	run show_json "$id"
	mid=$(echo "$output" | jq .map_id)
	echo "$output" | jq -e '.type == "sockmap" and .map_id > 0 and .attach_type == "sk_skb_stream_verdict"' >/dev/null
	run "$BPFKIT" link show id "$id"
	[ "${lines[1]}" = $'\t'"map_id $mid  attach_type sk_skb_stream_verdict  " ]
}

@test "xdp and tcx links: device names inside the netns" {
	lid xid show_lxdp
	lid tid show_tcx
	run ip netns exec "$NS" "$BPFKIT" link show id "$xid"
	[ "${lines[1]}" = $'\t'"ifindex veth0($IDX0)  " ]
	run ip netns exec "$NS" "$BPFKIT" link show id "$tid"
	[ "${lines[1]}" = $'\t'"ifindex veth1($IDX1)  attach_type tcx_ingress  " ]
	run ip netns exec "$NS" "$BPFKIT" -j link show id "$xid"
	echo "$output" | jq -e --argjson i "$IDX0" '.type == "xdp" and .devname == "veth0" and .ifindex == $i' >/dev/null
	run ip netns exec "$NS" "$BPFKIT" -j link show id "$tid"
	[ "$(echo "$output" | jq -c '[.devname, .ifindex, .attach_type]')" = "[\"veth1\",$IDX1,\"tcx_ingress\"]" ]
}

@test "perf_event uprobe link: file and offset" {
	lid id show_uprobe
	run show_json "$id"
	echo "$output" | jq -e --arg f "$MKLINKS" \
		'.type == "perf_event" and .retprobe == false and .file == $f and .offset > 0 and .cookie == 0 and .ref_ctr_offset == 0 and .bpf_cookie == 0' >/dev/null
	off=$(echo "$output" | jq .offset)
	run "$BPFKIT" link show id "$id"
	[ "${lines[1]}" = $'\t'"uprobe $MKLINKS+$(printf '%#x' "$off")  " ]
	[ "${lines[2]}" = $'\t'"bpf_cookie 0" ]
}

@test "uprobe_multi link: path, count and the offsets table" {
	lid id show_umulti
	run show_json "$id"
	echo "$output" | jq -e --arg f "$MKLINKS" \
		'.type == "uprobe_multi" and .retprobe == false and .path == $f and .func_cnt == 1 and .pid == 0 and (.funcs | length == 1) and .funcs[0].offset > 0 and .funcs[0].cookie == 0' >/dev/null
	[ "$(echo "$output" | jq -c 'keys_unsorted')" = '["id","type","prog_id","retprobe","path","func_cnt","pid","funcs","pids"]' ]
	off=$(echo "$output" | jq '.funcs[0].offset')
	run "$BPFKIT" link show id "$id"
	[ "${lines[1]}" = $'\t'"uprobe.multi  path $MKLINKS  func_cnt 1  " ]
	[ "${lines[2]}" = "$(printf '\t%-16s   %-16s   %-16s' offset ref_ctr_offset cookies)" ]
	[ "${lines[3]}" = "$(printf '\t0x%-16x 0x%-16x 0x%-16x' "$off" 0 0)" ]
}

@test "perf_event software event link: type and config names" {
	lid id show_pevent
	run "$BPFKIT" link show id "$id"
	[ "${lines[1]}" = $'\t'"event software:page-faults  " ]
	run show_json "$id"
	[ "$(echo "$output" | jq -c 'del(.id, .prog_id, .pids)')" = '{"type":"perf_event","event_type":"software","event_config":"page-faults","cookie":0,"bpf_cookie":0}' ]
}

@test "netfilter link: family, hook and priority" {
	lid id show_nf
	run "$BPFKIT" link show id "$id"
	[ "${lines[1]}" = $'\t'"ip output prio 100" ]
	run show_json "$id"
	[ "$(echo "$output" | jq -c 'del(.id, .prog_id)')" = '{"type":"netfilter","pf":2,"hook":3,"prio":100,"flags":0}' ]
}

@test "link show (all) lists ours in id order; list is an alias" {
	run "$BPFKIT" -j link show
	[ "$status" -eq 0 ]
	for p in show_rawtp show_iter; do
		lid id "$p"
		echo "$output" | jq -e --argjson id "$id" 'any(.[]; .id == $id)' >/dev/null
	done
	echo "$output" | jq -e '[.[].id] == ([.[].id] | sort)' >/dev/null
	lid id show_iter
	run "$BPFKIT" link list
	[[ "$output" == *"$id: iter  prog "* ]]
}

@test "link show: a link held only through a re-opened pin shows its holder" {
	# the kernel names such fds anon_inode:bpf-link, created ones bpf_link
	build_tool proc_walk_driver src/kern/proc_walk.c src/kern/fd_batch.c \
		src/base/array.c
	id=$(awk '$1 == "link" && $2 == "show_rawtp" { print $3 }' "$OUT")
	[ -n "$id" ] || skip_or_fail "no raw_tracepoint link here"
	kill "$MK_PID"
	wait "$MK_PID" 2>/dev/null || true
	"$TBUILD/proc_walk_driver" hold "$BPFFS/show_rawtp" >"$BATS_TEST_TMPDIR/hold.out" &
	HOLDER_PIDS+=("$!")
	for _ in $(seq 1 100); do
		grep -q ready "$BATS_TEST_TMPDIR/hold.out" && break
		sleep 0.05
	done
	for fd in /proc/$!/fd/*; do readlink "$fd"; done | grep -qx 'anon_inode:bpf-link' 
	run show_json "$id"
	[ "$status" -eq 0 ]
	echo "$output" | jq -e --argjson pid "$!" \
		'.pids == [{"pid": $pid, "comm": "proc_walk_drive"}]' >/dev/null
	run "$BPFKIT" link show id "$id"
	echo "$output"
	[ "${lines[-1]}" = $'\t'"pids proc_walk_drive($!)" ]
}

@test "link show: holders go away with the holder" {
	lid id show_rawtp
	kill "$MK_PID"
	wait "$MK_PID" 2>/dev/null || true
	run show_json "$id"
	[ "$status" -eq 0 ]
	echo "$output" | jq -e 'has("pids") | not' >/dev/null
	lid id show_tp
	run "$BPFKIT" link show id "$id"
	[[ "$output" != *bpf_cookie* ]]
}

@test "link show -f and link pin" {
	lid id show_iter
	run "$BPFKIT" -f link show id "$id"
	[ "${lines[1]}" = $'\t'"pinned $BPFFS/show_iter" ]
	run "$BPFKIT" -j link pin id "$id" "$BPFFS/again"
	[ "$status" -eq 0 ]
	[ "$output" = null ]
	run "$BPFKIT" -j -f link show pinned "$BPFFS/again"
	echo "$output" | jq -e --arg a "$BPFFS/show_iter" --arg b "$BPFFS/again" \
		'.pinned | length == 2 and index($a) != null and index($b) != null' >/dev/null
	run --separate-stderr "$BPFKIT" link pin id "$id" "$BPFFS/again"
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: can't pin BPF object: path '$BPFFS/again' already exists" ]
	run --separate-stderr "$BPFKIT" link pin id "$id"
	[ "$status" -eq 234 ] || { echo "status $status: $stderr"; false; }
	[ "$stderr" = "Error: 'pin' needs at least 3 arguments, 2 found" ]
	# a missing link exits 256-ENOENT, as bpftool's
	run --separate-stderr "$BPFKIT" link pin id 4000000000 "$BPFFS/none"
	[ "$status" -eq 254 ] || { echo "status $status: $stderr"; false; }
	[ "$stderr" = "Error: failed to get link with ID 4000000000: No such file or directory" ]
	[ ! -e "$BPFFS/none" ]
	# one rule for words after FILE in prog/map/link pin (pin.c)
	run --separate-stderr "$BPFKIT" link pin id "$id" "$BPFFS/x" extra
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: too many arguments: unexpected 'extra'" ]
	[ ! -e "$BPFFS/x" ]
	run "$BPFKIT" -j link show id "$id"
	echo "$output" | jq -e 'has("pinned") | not' >/dev/null
}

@test "link detach: success, unsupported type, bad specifier" {
	lid id show_cgskb
	run --separate-stderr "$BPFKIT" -j link detach id "$id"
	[ "$status" -eq 0 ]
	[ "$output" = null ]
	run "$BPFKIT" -j link show id "$id"
	echo "$output" | jq -e '.cgroup_id == 0' >/dev/null
	lid iid show_iter
	run --separate-stderr "$BPFKIT" link detach id "$iid"
	[ "$status" -eq 1 ]
	[ "$stderr" = "Error: failed link detach: Operation not supported" ]
	run --separate-stderr "$BPFKIT" link detach
	[ "$status" -eq 1 ]
	[ "$stderr" = "Error: link specifier is invalid or missing" ]
	run --separate-stderr "$BPFKIT" -j link detach id 4000000000
	[ "$status" -eq 1 ]
	echo "$output" | jq -e '.error | startswith("failed to get link with ID 4000000000")' >/dev/null
}

@test "link show errors: exit codes and JSON errors" {
	run --separate-stderr "$BPFKIT" link show id 4000000000
	[ "$status" -eq 254 ]
	[ "$stderr" = "Error: failed to get link with ID 4000000000: No such file or directory" ]
	run --separate-stderr "$BPFKIT" -j link show id 4000000000
	[ "$status" -eq 254 ]
	[ "$(echo "$output" | jq -r .error)" = "failed to get link with ID 4000000000: No such file or directory" ]
	run --separate-stderr "$BPFKIT" link show id abc
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: can't parse abc as ID" ]
	run --separate-stderr "$BPFKIT" link show id
	[ "$stderr" = "Error: what is 'id'?" ]
	run --separate-stderr "$BPFKIT" link show id 1 2
	[ "$stderr" = "Error: what is 'id'?" ]
	run --separate-stderr "$BPFKIT" link show name x
	[ "$stderr" = "Error: expected 'id' or 'pinned', got: 'name'?" ]
	touch "$BATS_TEST_TMPDIR/f"
	run --separate-stderr "$BPFKIT" link show pinned "$BATS_TEST_TMPDIR/f"
	[ "$stderr" = "Error: bpf obj get ($BATS_TEST_TMPDIR): directory not in bpf file system (bpffs)" ]
	obj=$(build_bpf_obj cli_basic.bpf.c)
	mkdir "$BPFFS/c"
	"$BPFLOAD" "$obj" "$BPFFS/c"
	run --separate-stderr "$BPFKIT" -j link show pinned "$BPFFS/c/cli_sock"
	[ "$status" -eq 255 ]
	[ "$(echo "$output" | jq -r .error)" = "incorrect object type: prog" ]
}

@test "link help and unknown link command" {
	run --separate-stderr "$BPFKIT" link help
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"link { show | list }   [LINK]"* ]]
	[[ "$stderr" == *"link pin        LINK  FILE"* ]]
	[[ "$stderr" == *"link detach     LINK"* ]]
	run "$BPFKIT" -j link help
	[ "$output" = null ]
	run "$BPFKIT" link bogus
	[ "$status" -eq 255 ]
}

same_keys() {
	jq -n --argjson a "$1" --argjson b "$2" \
		'[($a | keys[]) as $k | select($b | has($k)) | select($a[$k] != $b[$k]) | $k]'
}

@test "link show -j agrees with Debian's bpftool" {
	require_bpftool
	ref=$BPFTOOL_REF
	for p in show_rawtp show_tp show_cgskb show_flow show_iter show_skv; do
		id=$(awk -v p="$p" '$1 == "link" && $2 == p { print $3 }' "$OUT")
		[ -n "$id" ] || continue
		a=$("$BPFKIT" -j -f link show id "$id")
		b=$("$ref" -j -f link show id "$id")
		# 7.1.0 has no name for link types newer than 6.1
		b=$(echo "$b" | jq -c 'if .type == 14 then .type = "sockmap" else . end')
		[ "$(same_keys "$a" "$b")" = "[]" ] || { echo "$p"; same_keys "$a" "$b"; false; }
	done
	lid id show_rawtp
	[ "$("$BPFKIT" link show id "$id" | grep -v pids)" = "$("$ref" link show id "$id")" ]
}
