#!/usr/bin/env bats
# perf show: a tracepoint program attached through perf_event_open +
# PERF_EVENT_IOC_SET_BPF and a raw tracepoint, held by tests/perfhold, a
# helper process each test starts and kills. Compared with Debian's bpftool.

load helpers

PERFHOLD="$TBUILD/perfhold"

setup() {
	setup_bpffs
	build_tool perfhold -lbpf
	OBJ=$(build_bpf_obj admin.bpf.c)
	mkdir "$BPFFS/p"
	"$BPFLOAD" "$OBJ" "$BPFFS/p"
	P="$BPFFS/p"
	# the tracepoint id comes from tracefs
	if [ ! -d /sys/kernel/tracing/events ]; then
		mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null && TRACEFS_MOUNTED=1
	fi
	OUT="$BATS_TEST_TMPDIR/perfhold.out"
	"$PERFHOLD" "$P/adm_tp" syscalls/sys_enter_getppid "$P/adm_rawtp" sys_enter \
		>"$OUT" 2>&1 3>&- &
	PH=$!
	HOLDER_PIDS+=("$PH")
	for _ in $(seq 1 100); do
		grep -q ready "$OUT" && break
		kill -0 "$PH" 2>/dev/null || break
		sleep 0.05
	done
	grep -q ready "$OUT" || { cat "$OUT" >&2; return 1; }
	read -r _ PFD RFD <"$OUT"
	TP=$("$BPFKIT" -j prog show pinned "$P/adm_tp" | jq .id)
	RAW=$("$BPFKIT" -j prog show pinned "$P/adm_rawtp" | jq .id)
}

teardown() {
	teardown_bpffs
	[ -n "${TRACEFS_MOUNTED:-}" ] && umount /sys/kernel/tracing 2>/dev/null
	true
}

@test "perf show: tracepoint and raw tracepoint rows of the holder" {
	run --separate-stderr "$BPFKIT" perf show
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	printf '%s\n' "${lines[@]}" | grep -qx "pid $PH  fd $PFD: prog_id $TP  tracepoint  sys_enter_getppid"
	printf '%s\n' "${lines[@]}" | grep -qx "pid $PH  fd $RFD: prog_id $RAW  raw_tracepoint  sys_enter"
}

@test "perf show -j: bpftool's keys and values" {
	run "$BPFKIT" -j perf show
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c --argjson p "$PH" '[.[] | select(.pid == $p)]')" = \
	  "[{\"pid\":$PH,\"fd\":$PFD,\"prog_id\":$TP,\"fd_type\":\"tracepoint\",\"tracepoint\":\"sys_enter_getppid\"},{\"pid\":$PH,\"fd\":$RFD,\"prog_id\":$RAW,\"fd_type\":\"raw_tracepoint\",\"tracepoint\":\"sys_enter\"}]" ]
	run "$BPFKIT" perf list
	[ "$status" -eq 0 ]
}

@test "perf show: same rows as bpftool for our holder" {
	require_bpftool
	BT=$BPFTOOL_REF
	# other suites' processes come and go: compare the holder's rows
	diff <("$BT" perf show | grep "^pid $PH ") <("$BPFKIT" perf show | grep "^pid $PH ")
	diff <("$BT" -j perf show | jq -c --argjson p "$PH" '[.[] | select(.pid == $p)]') \
		<("$BPFKIT" -j perf show | jq -c --argjson p "$PH" '[.[] | select(.pid == $p)]')
}

@test "perf show: a detached holder disappears; bad input" {
	kill "$PH"
	wait "$PH" 2>/dev/null || true
	run "$BPFKIT" -j perf show
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq --argjson p "$PH" '[.[] | select(.pid == $p)] | length')" -eq 0 ]
	run --separate-stderr "$BPFKIT" perf show extra
	[ "$status" -eq 255 ]
	[ "$(printf '%s\n' "$stderr" | grep -c '^Error: ')" -eq 1 ]
	run "$BPFKIT" -j perf show extra
	echo "$output" | jq -e .error >/dev/null
}

@test "perf show: a uprobe's file and offset, as bpftool" {
	MKLINKS="$TBUILD/mklinks"
	build_tool mklinks
	LOBJ=$(build_bpf_obj show_links.bpf.c)
	mkdir "$BPFFS/l"
	out="$BATS_TEST_TMPDIR/mk.out"
	"$MKLINKS" "$LOBJ" "$BPFFS/l" --hold \
		--skip show_rawtp,show_tp,show_cgskb,show_lxdp,show_tcx,show_flow,show_iter,show_iter_pid,show_lsm,show_skv,show_umulti,show_pevent,show_nf \
		>"$out" 2>&1 3>&- &
	MK=$!
	HOLDER_PIDS+=("$MK")
	for _ in $(seq 1 100); do grep -q ready "$out" && break; sleep 0.05; done
	grep -qE '^link show_uprobe [0-9]+' "$out" || skip "no uprobe here: $(cat "$out")"
	run "$BPFKIT" perf show
	printf '%s\n' "${lines[@]}" | grep -qE "^pid $MK  fd [0-9]+: prog_id [0-9]+  uprobe  filename $MKLINKS  offset [0-9]+$"
	run "$BPFKIT" -j perf show
	echo "$output" | jq -e --argjson p "$MK" --arg f "$MKLINKS" \
		'[.[] | select(.pid == $p)] | length == 1 and .[0].fd_type == "uprobe" and .[0].filename == $f and .[0].offset > 0' >/dev/null
	BT=/usr/sbin/bpftool
	[ -x "$BT" ] || return 0
	diff <("$BT" perf show | grep "^pid $MK ") <("$BPFKIT" perf show | grep "^pid $MK ")
}
