#!/usr/bin/env bats
# prog dump xlated / jited: text, JSON, DOT, raw files, several programs,
# errors, and LLVM staying out of every other command.
# Other suites load objects at the same time: everything here is selected
# by the pinned paths and names this file creates.

load helpers

# Our objects need cpu v3 (32-bit jumps, atomics).
setup() {
	local raw
	setup_bpffs
	mkdir "$BPFFS/p"
	OPS_OBJ=$(build_bpf_obj dump_ops.bpf.c -mcpu=v3) || return 1
	raw=$(build_bpf_obj dump_raw.bpf.c -mcpu=v3) || return 1
	"$BPFLOAD" "$OPS_OBJ" "$BPFFS/p"
	"$BPFLOAD" "$raw" "$BPFFS/p"
	OPS="$BPFFS/p/dump_ops"
	RAW="$BPFFS/p/dump_raw"
	GOLDEN="$TESTS/golden"
}

teardown() {
	teardown_bpffs
}

# Ids, helper offsets and prog tags change from load to load.
normalize() {
	sed -E -e 's/map\[id:[0-9]+\]/map[id:N]/g' \
		-e 's/#-?[0-9]+$/#N/' \
		-e 's/bpf_prog_[0-9a-f]{16}_/bpf_prog_TAG_/g' \
		-e "s|$TESTS/|TESTS/|g"
}

have_llvm() {
	compgen -G '/usr/lib/*/libLLVM*.so*' >/dev/null ||
		compgen -G '/usr/lib*/libLLVM*.so*' >/dev/null ||
		skip_or_fail "libLLVM is not installed"
}

# Only the kernel's refusal to load (bpfload's "load" step) is a missing
# feature; a build or pin failure fails the test.
load_kfunc() {
	local obj err
	obj=$(build_bpf_obj dump_kfunc.bpf.c -mcpu=v3) || return 1
	err=$("$BPFLOAD" "$obj" "$BPFFS/p" 2>&1) && return 0
	echo "$err" >&2
	[[ "$err" == *"bpfload: load $obj: "* ]] || return 1
	skip_or_fail "this kernel refuses kfunc calls from socket filters: $err"
}

@test "xlated plain, linum and opcodes match bpftool line by line" {
	local ref flag
	require_bpftool
	ref=$BPFTOOL_REF
	for flag in "" linum opcodes; do
		diff <("$BPFKIT" prog dump xlated pinned "$OPS" $flag) \
			<("$ref" prog dump xlated pinned "$OPS" $flag)
	done
}

@test "xlated JSON (compact and pretty, opcodes, linum) matches bpftool" {
	local ref flag opt
	require_bpftool
	ref=$BPFTOOL_REF
	for opt in -j -p; do
		for flag in "" linum opcodes; do
			diff <("$BPFKIT" $opt prog dump xlated pinned "$OPS" $flag) \
				<("$ref" $opt prog dump xlated pinned "$OPS" $flag)
		done
	done
}

@test "xlated kfunc calls are named as bpftool names them" {
	local ref
	load_kfunc
	run "$BPFKIT" prog dump xlated pinned "$BPFFS/p/dump_kfunc"
	[ "$status" -eq 0 ]
	[[ "$output" == *"call bpf_rcu_read_lock#"* ]]
	[[ "$output" == *"call bpf_rcu_read_unlock#"* ]]
	require_bpftool
	ref=$BPFTOOL_REF
	diff <("$BPFKIT" prog dump xlated pinned "$BPFFS/p/dump_kfunc") \
		<("$ref" prog dump xlated pinned "$BPFFS/p/dump_kfunc")
}

@test "xlated shows maps, values, calls, atomics, 32-bit ops and swaps" {
	run "$BPFKIT" prog dump xlated pinned "$OPS"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "int dump_ops(struct __sk_buff * skb):" ]
	[[ "$output" =~ \(18\)\ r1\ =\ map\[id:[0-9]+\]$'\n' ]]
	[[ "$output" =~ \(18\)\ r[0-9]\ =\ map\[id:[0-9]+\]\[0\]\+0 ]]
	[[ "$output" =~ \(85\)\ call\ __htab_map_lookup_elem#[0-9]+ ]]
	[[ "$output" =~ \(85\)\ call\ bpf_ktime_get_ns#[0-9]+ ]]
	[[ "$output" =~ \(85\)\ call\ pc\+[0-9]+#bpf_prog_[0-9a-f]{16}_dump_sub ]]
	[[ "$output" =~ \(18\)\ r2\ =\ subprog\[\+[0-9]+\] ]]
	[[ "$output" == *"(18) r3 = 0x1122334455667788"* ]]
	[[ "$output" == *"(db) lock *(u64 *)(r1 +0) += r2"* ]]
	[[ "$output" == *"(db) r2 = atomic64_fetch_or((u64 *)(r1 +0), r2)"* ]]
	[[ "$output" == *"(db) r2 = atomic64_xchg((u64 *)(r1 +0), r2)"* ]]
	[[ "$output" == *"(db) r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)"* ]]
	[[ "$output" == *"(dc) r1 = be16 r1"* ]]
	[[ "$output" == *"(73) *(u8 *)(r10 -9) = r1"* ]]
	[[ "$output" == *"(69) r1 = *(u16 *)(r6 +176)"* ]]
	[[ "$output" =~ \(16\)\ if\ w[0-9]\ ==\ 0x[0-9a-f]+\ goto\ pc\+[0-9]+ ]]
	[[ "$output" == *"int loop_cb(__u32 i, void * data):"* ]]
	[[ "$output" == *"int dump_sub(__u32 x, __u64 y):"* ]]
}

@test "xlated cpu v4 forms (bswap, movsx, ldsx, sdiv, st, gotol) match golden" {
	run "$BPFKIT" prog dump xlated pinned "$RAW"
	[ "$status" -eq 0 ]
	diff <(echo "$output" | normalize) "$GOLDEN/dump_raw.xlated"
	run "$BPFKIT" prog dump xlated pinned "$RAW" opcodes linum
	[ "$status" -eq 0 ]
	diff <(echo "$output" | normalize) "$GOLDEN/dump_raw.opcodes_linum"
	run "$BPFKIT" -j prog dump xlated pinned "$RAW" opcodes
	[ "$status" -eq 0 ]
	diff <(echo "$output" | normalize) "$GOLDEN/dump_raw.json"
}

@test "xlated of the C program matches our golden (ids normalized)" {
	[[ "$(clang --version)" == *"version 14."* ]] ||
		skip "golden made with clang 14"
	run "$BPFKIT" prog dump xlated pinned "$OPS" linum
	[ "$status" -eq 0 ]
	diff <(echo "$output" | normalize) "$GOLDEN/dump_ops.linum"
}

# Parse DOT loosely: header, balanced braces outside labels, one cluster
# per function, ENTRY/EXIT per function, edges between known nodes.
check_dot() {
	local f=$1 nfunc=$2
	[ "$(head -1 "$f")" = 'digraph "DOT graph for eBPF program" {' ]
	[ "$(tail -1 "$f")" = "}" ]
	# braces that are not escaped must balance
	[ "$(sed -e 's/\\[{}]//g' "$f" | tr -cd '{' | wc -c)" = \
	  "$(sed -e 's/\\[{}]//g' "$f" | tr -cd '}' | wc -c)" ]
	[ "$(grep -c '^subgraph "cluster_[0-9]*" {$' "$f")" -eq "$nfunc" ]
	[ "$(grep -c 'label="ENTRY"' "$f")" -eq "$nfunc" ]
	[ "$(grep -c 'label="EXIT"' "$f")" -eq "$nfunc" ]
	grep -qE '^	fn_[0-9]+_bb_[0-9]+:s -> fn_[0-9]+_bb_[0-9]+:n \[style="solid,bold"' "$f"
	# every edge end is a declared node
	local n
	for n in $(grep -oE 'fn_[0-9]+_bb_[0-9]+:[sn]' "$f" | cut -d: -f1 | sort -u); do
		grep -q "^	$n \[shape=" "$f"
	done
}

@test "visual prints a DOT graph with one cluster per function" {
	"$BPFKIT" prog dump xlated pinned "$OPS" visual >"$BATS_TEST_TMPDIR/g.dot"
	check_dot "$BATS_TEST_TMPDIR/g.dot" 3
	grep -q '^0: (bf) r6 = r1\\l\\$' "$BATS_TEST_TMPDIR/g.dot"
	grep -q 'label="func_2 ()"' "$BATS_TEST_TMPDIR/g.dot"
}

@test "visual: clusters and edges are bpftool's" {
	local ref
	require_bpftool
	ref=$BPFTOOL_REF
	diff <("$BPFKIT" prog dump xlated pinned "$OPS" visual | grep -E '^subgraph|->') \
		<("$ref" prog dump xlated pinned "$OPS" visual | grep -E '^subgraph|->')
}

@test "visual combines with linum and opcodes (source and bytes in labels)" {
	"$BPFKIT" prog dump xlated pinned "$OPS" visual linum opcodes \
		>"$BATS_TEST_TMPDIR/g.dot"
	check_dot "$BATS_TEST_TMPDIR/g.dot" 3
	grep -q '^; int\\ dump_ops(struct\\ __sk_buff\\ \*skb)\\l\\$' "$BATS_TEST_TMPDIR/g.dot"
	grep -qE '^; \[(\.\.\.)?[^ ]*dump_ops\.bpf\.c line:[0-9]+ col:[0-9]+\]\\l\\$' "$BATS_TEST_TMPDIR/g.dot"
	grep -q '^\\ \\ \\ \\ bf 16 00 00 00 00 00 00\\l\\$' "$BATS_TEST_TMPDIR/g.dot"
}

@test "linum, opcodes and visual combine in any order" {
	run "$BPFKIT" prog dump xlated pinned "$OPS" opcodes linum
	[ "$status" -eq 0 ]
	[[ "$output" =~ \[file:[^\ ]+dump_ops\.bpf\.c\ line_num:[0-9]+\ line_col:[0-9]+\] ]]
	[[ "$output" == *$'\n''       bf 16 00 00 00 00 00 00'$'\n'* ]]
	run "$BPFKIT" prog dump xlated pinned "$OPS" li op vi
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "digraph"* ]]
}

@test "jited: functions, offsets and instructions from LLVM" {
	have_llvm
	run --separate-stderr "$BPFKIT" prog dump jited pinned "$OPS"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "${lines[0]}" = "int dump_ops(struct __sk_buff * skb):" ]
	[[ "${lines[1]}" =~ ^bpf_prog_[0-9a-f]{16}_dump_ops:$ ]]
	[[ "$output" =~ $'\n''   0:'$'\t'[a-z]+ ]]
	[[ "$output" == *$'\n'"int dump_sub(__u32 x, __u64 y):"$'\n'* ]]
	[[ "$output" =~ $'\n'bpf_prog_[0-9a-f]{16}_loop_cb:$'\n' ]]
	[[ "$output" == *"; int dump_ops(struct __sk_buff *skb)"* ]]
}

@test "jited opcodes and linum" {
	have_llvm
	run "$BPFKIT" prog dump jited pinned "$OPS" opcodes linum
	[ "$status" -eq 0 ]
	[[ "$output" =~ \[file:[^\ ]+dump_ops\.bpf\.c\ line_num:[0-9]+\ line_col:[0-9]+\] ]]
	[[ "$output" =~ $'\n'$'\t'([0-9a-f]{2}\ )+$'\n' ]]
}

@test "jited JSON: name, proto and pc/operation/operands per instruction" {
	have_llvm
	run --separate-stderr "$BPFKIT" -j prog dump jited pinned "$OPS" opcodes
	[ "$status" -eq 0 ]
	echo "$output" | jq -e '
		length == 3 and
		.[0].proto == "int dump_ops(struct __sk_buff * skb)" and
		(.[0].name | test("^bpf_prog_[0-9a-f]{16}_dump_ops$")) and
		.[0].insns[0].pc == "0x0" and
		(.[0].insns[0].operation | type) == "string" and
		(.[0].insns[0].operands | type) == "array" and
		(.[0].insns[0].opcodes[0] | test("^0x[0-9a-f]{2}$")) and
		all(.[].insns[]; has("pc") and has("operation") and has("operands"))
	' >/dev/null
}

@test "jited without LLVM: one clear error line, exit 255" {
	BPFKIT_LLVM_LIB=/nonexistent/libLLVM.so run --separate-stderr \
		"$BPFKIT" prog dump jited pinned "$OPS"
	[ "$status" -eq 255 ]
	[ -z "$output" ]
	[[ "$stderr" == "Error: jited dump needs LLVM's disassembler ("*"install libllvm"* ]]
	[ "$(echo "$stderr" | wc -l)" -eq 1 ]
}

@test "BPFKIT_LLVM_LIB is ignored when setcap gives bpfkit more privilege" {
	[ "$(id -u)" = 0 ] || skip_or_fail "needs root (setcap, setpriv)"
	command -v setcap >/dev/null || skip_or_fail "needs setcap (libcap2-bin)"
	command -v setpriv >/dev/null || skip_or_fail "needs setpriv (util-linux)"
	local d
	d=$(mktemp -d /tmp/bpfkit-llvmenv.XXXXXX)
	chmod 0755 "$d"
	mkdir -m 1777 "$d/out"
	cat >"$d/evil.c" <<-'END'
	#include <fcntl.h>
	#include <stdlib.h>
	#include <unistd.h>
	__attribute__((constructor)) static void mark(void)
	{
		const char *m = getenv("MARKER");
		if (m)
			close(open(m, O_WRONLY | O_CREAT, 0666));
	}
	END
	cc -shared -fPIC -o "$d/evil.so" "$d/evil.c"
	cp "$BPFKIT" "$d/plain"
	cp "$BPFKIT" "$d/capped"
	chmod 0755 "$d/plain" "$d/capped" "$d/evil.so"
	# DAC override: the unprivileged caller still reaches our private pin
	setcap cap_bpf,cap_perfmon,cap_sys_admin,cap_dac_override+ep "$d/capped"
	nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	# nobody reaches the pinned program through the capabilities alone
	chmod 0755 "$BPFFS" "$(dirname "$OPS")"
	chmod 0666 "$OPS"
	# the library does run when nothing is elevated: the marker shows it
	BPFKIT_LLVM_LIB="$d/evil.so" MARKER="$d/out/plain" \
		"$d/plain" prog dump jited pinned "$OPS" >/dev/null 2>&1 || true
	# elevated by its file capabilities: the variable is not looked at
	BPFKIT_LLVM_LIB="$d/evil.so" MARKER="$d/out/capped" \
		"${nobody[@]}" "$d/capped" prog dump jited pinned "$OPS" \
		>"$d/capped.out" 2>&1 || true
	local plain=no capped=no
	[ -e "$d/out/plain" ] && plain=yes
	[ -e "$d/out/capped" ] && capped=yes
	out=$(cat "$d/capped.out")
	echo "$out"
	rm -rf "$d"
	[ "$plain" = yes ]
	[ "$capped" = no ]
	# and the capped run did get as far as the disassembler
	[[ "$out" != *"Operation not permitted"* ]]
}

@test "jited file needs no LLVM" {
	BPFKIT_LLVM_LIB=/nonexistent/libLLVM.so run "$BPFKIT" prog dump jited \
		pinned "$OPS" file "$BATS_TEST_TMPDIR/jit.bin"
	[ "$status" -eq 0 ]
	[ "$(stat -c %s "$BATS_TEST_TMPDIR/jit.bin")" -eq \
	  "$("$BPFKIT" -j prog show pinned "$OPS" | jq .bytes_jited)" ]
}

@test "LLVM is neither linked nor loaded by other commands" {
	! ldd "$BPFKIT" | grep -qi libLLVM
	run env LD_DEBUG=libs "$BPFKIT" version
	[ "$status" -eq 0 ]
	[[ "$output" != *libLLVM* ]]
	run env LD_DEBUG=libs "$BPFKIT" prog dump xlated pinned "$OPS"
	[ "$status" -eq 0 ]
	[[ "$output" != *libLLVM* ]]
}

@test "file FILE writes the raw xlated image, mode 0600, atomically" {
	local f="$BATS_TEST_TMPDIR/x.bin" ref
	run "$BPFKIT" prog dump xlated pinned "$OPS" file "$f"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(stat -c '%a %s' "$f")" = "600 $("$BPFKIT" -j prog show pinned "$OPS" | jq .bytes_xlated)" ]
	# an existing file is replaced but keeps its mode (as bpftool's open())
	echo old >"$f"
	chmod 644 "$f"
	run "$BPFKIT" prog dump xlated pinned "$OPS" file "$f"
	[ "$status" -eq 0 ]
	[ "$(stat -c '%a %s' "$f")" = "644 $("$BPFKIT" -j prog show pinned "$OPS" | jq .bytes_xlated)" ]
	[ -z "$(ls -A "$BATS_TEST_TMPDIR" | grep -v '^x.bin$')" ]
	run "$BPFKIT" -j prog dump xlated pinned "$OPS" file "$f"
	[ "$output" = "null" ]
	require_bpftool
	ref=$BPFTOOL_REF
	"$ref" prog dump xlated pinned "$OPS" file "$BATS_TEST_TMPDIR/ref.bin"
	cmp "$f" "$BATS_TEST_TMPDIR/ref.bin"
}

@test "file into a missing directory fails cleanly" {
	run --separate-stderr "$BPFKIT" prog dump xlated pinned "$OPS" \
		file "$BATS_TEST_TMPDIR/none/x.bin"
	[ "$status" -eq 255 ]
	[[ "$stderr" == "Error: can't open file $BATS_TEST_TMPDIR/none/x.bin: No such file or directory" ]]
}

@test "several programs by name: headers in plain, array in JSON" {
	local id1 id2 ref
	mkdir "$BPFFS/q"
	"$BPFLOAD" "$OPS_OBJ" "$BPFFS/q"
	id1=$("$BPFKIT" -j prog show pinned "$OPS" | jq .id)
	id2=$("$BPFKIT" -j prog show pinned "$BPFFS/q/dump_ops" | jq .id)
	run "$BPFKIT" prog dump xlated name dump_ops
	[ "$status" -eq 0 ]
	[[ "$output" =~ (^|$'\n')$id1:\ socket_filter\ \ name\ dump_ops\ \ tag\ [0-9a-f]{16}\ \ gpl$'\n'int\ dump_ops ]]
	[[ "$output" =~ $'\n\n'$id2:\ socket_filter\ \ name\ dump_ops\ \ tag\ [0-9a-f]{16}\ \ gpl$'\n'int\ dump_ops ]]
	run "$BPFKIT" -j prog dump xlated name dump_ops
	[ "$status" -eq 0 ]
	echo "$output" | jq -e --argjson a "$id1" --argjson b "$id2" '
		type == "array" and
		([.[].id] | index($a) != null and index($b) != null) and
		all(.[]; .type == "socket_filter" and .name == "dump_ops" and
			(.tag | length) == 16 and .gpl_compatible == true and
			(.insns | type) == "array" and .insns[0].disasm)
	' >/dev/null
	require_bpftool
	ref=$BPFTOOL_REF
	diff <("$BPFKIT" prog dump xlated name dump_ops) \
		<("$ref" prog dump xlated name dump_ops)
	diff <("$BPFKIT" -j prog dump xlated name dump_ops) \
		<("$ref" -j prog dump xlated name dump_ops)
}

@test "several programs: visual and file need one" {
	mkdir "$BPFFS/q"
	"$BPFLOAD" "$OPS_OBJ" "$BPFFS/q"
	run --separate-stderr "$BPFKIT" prog dump xlated name dump_ops visual
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: several programs matched" ]
	run --separate-stderr "$BPFKIT" prog dump xlated name dump_ops file "$BATS_TEST_TMPDIR/f"
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: several programs matched" ]
	[ ! -e "$BATS_TEST_TMPDIR/f" ]
}

@test "bad input: one clear line and bpftool's exit code" {
	run --separate-stderr "$BPFKIT" prog dump
	[ "$status" -eq 255 ]
	[[ "$stderr" == "Error: expected 'xlated' or 'jited', got: nothing" ]]
	run --separate-stderr "$BPFKIT" prog dump bogus pinned "$OPS"
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: expected 'xlated' or 'jited', got: bogus" ]
	run --separate-stderr "$BPFKIT" prog dump xlated pinned "$OPS" bogus
	[ "$status" -eq 255 ]
	[[ "$stderr" == *"prog dump xlated PROG"* ]]
	run --separate-stderr "$BPFKIT" prog dump xlated pinned "$OPS" file
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: expected file path" ]
	run --separate-stderr "$BPFKIT" prog dump xlated pinned "$OPS" file "$BATS_TEST_TMPDIR/f" opcodes
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: 'file' is not compatible with 'opcodes', 'visual', or 'linum'" ]
	[ ! -e "$BATS_TEST_TMPDIR/f" ]
	run --separate-stderr "$BPFKIT" prog dump xlated id 4294967295
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: get by id (4294967295): No such file or directory" ]
	run --separate-stderr "$BPFKIT" prog dump jited id 4294967295
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: get by id (4294967295): No such file or directory" ]
	run --separate-stderr "$BPFKIT" prog dump xlated name no_such_prog_xyz
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: no program with name no_such_prog_xyz" ]
	[ -z "$output" ]
	run "$BPFKIT" -j prog dump xlated tag 0123456789abcdef
	[ "$status" -eq 255 ]
	[ "$output" = '{"error":"no program with tag 0123456789abcdef"}' ]
}

@test "missing PROG prints the usage and exits 255" {
	run --separate-stderr "$BPFKIT" prog dump xlated
	[ "$status" -eq 255 ]
	[[ "$stderr" == *"Usage:"* ]]
	run --separate-stderr "$BPFKIT" prog dump jited id
	[ "$status" -eq 255 ]
	[[ "$stderr" == *"Usage:"* ]]
	run --separate-stderr "$BPFKIT" -j prog dump xlated
	[ "$status" -eq 255 ]
	[ "$output" = "null" ]
}

@test "visual with -j is refused in JSON" {
	run --separate-stderr "$BPFKIT" -j prog dump xlated pinned "$OPS" visual
	[ "$status" -eq 255 ]
	[ "$(echo "$output" | jq -r .error)" = "'visual' is not compatible with JSON output" ]
}
