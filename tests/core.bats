#!/usr/bin/env bats
# core check: the CO-RE engine against libbpf's own relocation log
# (tests/core_libbpf) on the running kernel, Debian 6.1 and a 4.19 btfhub
# kernel; verdicts per problem class on variant BTFs built with libbpf's
# btf__add_* API (tests/core_variant); exit codes, JSON shape, bad input.

load helpers

VMLINUX=/sys/kernel/btf/vmlinux
BTF61="$SHARED/btf/vmlinux-6.1.0-56-amd64.btf"

setup() {
	setup_tmp
}

teardown() {
	teardown_tmp
}

require_tools() {
	command -v clang >/dev/null || skip_or_fail "needs clang"
	command -v jq >/dev/null || skip_or_fail "needs jq"
	[ -r "$VMLINUX" ] || skip_or_fail "no $VMLINUX"
	build_tool core_libbpf
	build_tool core_variant
	build_tool core_retag
}

# core_kinds with its ___match type_exists turned into type_matches
kinds_obj() {
	local o
	o=$(build_bpf_obj core_kinds.bpf.c) || return 1
	"$TBUILD/core_retag" "$o" "$TMP/core_kinds.o" && echo "$TMP/core_kinds.o"
}

# the 4.19 btfhub kernel, unpacked for libbpf (which reads raw BTF only)
btf419() {
	local t
	t=$(ls "$SHARED"/btf/4.19*.btf.tar.xz 2>/dev/null | head -1)
	[ -n "$t" ] || return 1
	tar -xJf "$t" -C "$TMP" && ls "$TMP"/4.19*.btf | head -1
}

ENGINE_JQ='.kernels[0].programs[] | .name as $n | .relocations[] |
  if .result == "failed" then "\($n) \(.index) failed"
  elif .result == "poisoned" then "\($n) \(.index) \(.insn) poison"
  elif .new_size then "\($n) \(.index) \(.insn) \(.new_value) size \(.new_size)"
  else "\($n) \(.index) \(.insn) \(.new_value)" end'

# same_as_libbpf OBJ BTF: every relocation libbpf logs, bpfkit computes the
# same; when libbpf did not give up half-way, the two sets are equal
same_as_libbpf() {
	local obj=$1 btf=$2 n
	"$BPFKIT" -j core check "$obj" btf "$btf" | jq -r "$ENGINE_JQ" |
		sort >"$TMP/engine" || true
	"$TBUILD/core_libbpf" "$obj" "$btf" | sort >"$TMP/libbpf"
	n=$(wc -l <"$TMP/libbpf")
	[ "$n" -gt 0 ] || { echo "libbpf logged no relocation"; return 1; }
	if grep -q failed "$TMP/libbpf"; then
		comm -13 "$TMP/engine" "$TMP/libbpf" >"$TMP/diff"
	else
		comm -3 "$TMP/engine" "$TMP/libbpf" >"$TMP/diff"
	fi
	if [ -s "$TMP/diff" ]; then
		echo "engine vs libbpf ($btf):"; cat "$TMP/diff"
		return 1
	fi
	echo "$n relocations agree on $btf"
}

@test "core help names check" {
	run "$BPFKIT" core help
	[ "$status" -eq 0 ]
	[[ "$output" == *"core check OBJ [btf FILE|DIR]"* ]]
}

@test "engine = libbpf on every relocation kind: running kernel" {
	require_root_bpf
	require_tools
	local o
	o=$(kinds_obj)
	run same_as_libbpf "$o" "$VMLINUX"
	echo "$output"
	[ "$status" -eq 0 ]
	# every kind is covered by the object
	run bash -c "'$BPFKIT' -j core check '$o' | jq -r '.kernels[0].programs[].relocations[].kind' | sort -u | wc -l"
	[ "$output" -eq 13 ]
	for o in "$(build_bpf_obj core_problems.bpf.c)" \
		"$(build_bpf_obj core_global.bpf.c)"; do
		run same_as_libbpf "$o" "$VMLINUX"
		echo "$output"
		[ "$status" -eq 0 ]
	done
}

@test "engine = libbpf: Debian 6.1 and 4.19 btfhub BTF, and variants" {
	require_root_bpf
	require_tools
	require_shared
	local o p b419
	o=$(kinds_obj)
	p=$(build_bpf_obj core_problems.bpf.c)
	b419=$(btf419)
	"$TBUILD/core_variant" "$BTF61" "$TMP/renamed.btf" \
		member task_struct __state state name list_head list_head_gone
	for btf in "$BTF61" "$b419" "$TMP/renamed.btf"; do
		for obj in "$o" "$p"; do
			run same_as_libbpf "$obj" "$btf"
			echo "$output"
			[ "$status" -eq 0 ]
		done
	done
}

@test "JSON shape: object, kernels, programs, relocations, problems" {
	require_tools
	local o
	o=$(kinds_obj)
	run "$BPFKIT" -j core check "$o"
	[ "$status" -eq 0 ]
	echo "$output" | jq -e '.object and (.kernels | length == 1)'
	echo "$output" | jq -e '.kernels[0] | .btf == "/sys/kernel/btf/vmlinux"
		and has("release") and .verdict == "ok"'
	echo "$output" | jq -e '[.kernels[0].programs[] | select(.name == "sub_read")][0]
		| .subprogram and .section == ".text"'
	echo "$output" | jq -e '.kernels[0].programs[0].relocations[0]
		| (.index|type) == "number" and (.insn|type) == "number" and .kind
		  and .access and .type and .spec and has("old_value") and has("new_value")'
	echo "$output" | jq -e '[.kernels[0].programs[].relocations[]
		| select(.spec == "task_struct.pid")][0] | .type == "struct task_struct"
		  and .access == "0:0" and .kind == "byte_off"'
	# pretty output is the same JSON
	diff <("$BPFKIT" -j core check "$o" | jq -S .) \
		<("$BPFKIT" -p core check "$o" | jq -S .)
}

@test "plain output: a matrix of kernels by programs, then problems in words" {
	require_tools
	require_shared
	local p b419
	p=$(build_bpf_obj core_problems.bpf.c)
	b419=$(btf419)
	run "$BPFKIT" core check "$p" btf "$BTF61" btf "$b419"
	[ "$status" -eq 1 ]
	[[ "${lines[0]}" == KERNEL*RELEASE*VERDICT*prob_field*prob_guarded*prob_paths*prob_subcall*prob_kfunc*prob_ring*prob_ksym*prob_size ]]
	[[ "${lines[1]}" == "$BTF61"*" fails "* ]]
	[[ "${lines[2]}" == "$b419"*" fails "* ]]
	[[ "$output" == *"prob_field: fails: task_struct.__state: field missing (renamed? a ___flavor exists in the object: state)"* ]]
	[[ "$output" == *"prob_guarded: note: task_struct.__state: field missing (dead code: the verifier skips it)"* ]]
	[[ "$output" == *"prob_kfunc: fails: bpf_task_acquire: kfunc missing"* ]]
	[[ "$output" == *"prob_kfunc: note: bpf_kfunc_nowhere: kfunc missing (weak: resolved to 0)"* ]]
	[[ "$output" == *"prob_ring: fails: events: map type ringbuf missing"* ]]
	[[ "$output" == *"prob_ring: fails: bpf_ringbuf_output: helper missing"* ]]
	# libbpf refuses to shrink a signed load: poisoned where it runs
	[[ "$output" == *"prob_size: fails: task_struct.pid: field size changes from 8 to 4 bytes and it is not an unsigned integer or a pointer"* ]]
}

# verdict OBJ BTF PROG -> the program's verdict
verdict() {
	"$BPFKIT" -j core check "$1" btf "$2" |
		jq -r --arg p "$3" '.kernels[0].programs[] | select(.name == $p) | .verdict'
}

problems() {
	"$BPFKIT" -j core check "$1" btf "$2" |
		jq -r --arg p "$3" '.kernels[0].programs[] | select(.name == $p) | .problems[] | "\(.what) \(.effect) \(.message)"'
}

@test "variants: renamed field, removed type, missing enum value" {
	require_tools
	local o p
	o=$(kinds_obj)
	p=$(build_bpf_obj core_problems.bpf.c)
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/v.btf" member task_struct __state state
	[ "$(verdict "$p" "$TMP/v.btf" prob_field)" = fails ]
	[ "$(verdict "$p" "$TMP/v.btf" prob_guarded)" = ok ]
	[ "$(verdict "$p" "$VMLINUX" prob_paths)" = ok ]
	# a subprogram that fails by itself, called only behind the guard
	[ "$(verdict "$p" "$TMP/v.btf" prob_subcall)" = ok ]
	[ "$(verdict "$p" "$TMP/v.btf" read_state)" = fails ]
	problems "$p" "$TMP/v.btf" prob_field | grep -F "relocation fails task_struct.__state: field missing (renamed? a ___flavor exists in the object: state)"
	# problems name types as the kernel does: ___flavor suffixes dropped
	problems "$p" "$VMLINUX" prob_guarded |
		grep -Fx "relocation ok task_struct.state: field missing (dead code: the verifier skips it)"
	"$BPFKIT" -j core check "$p" | jq -e '[.kernels[0].programs[].problems[]
		| select(.name | test("___"))] | length == 0'
	# poisoned, but behind bpf_core_field_exists(): dead code
	"$BPFKIT" -j core check "$p" btf "$TMP/v.btf" | jq -e '[.kernels[0].programs[]
		| select(.name == "prob_guarded") | .relocations[] | select(.result == "poisoned")]
		| length == 1 and .[0].dead_code and .[0].new_value == null'
	# a type removed
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/t.btf" name task_struct task_struct_gone
	problems "$p" "$TMP/t.btf" prob_field | grep -F "relocation fails task_struct.__state: type missing"
	# an enum value missing: the guarded read is dead code, the value 0
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/e.btf" enumval BPF_MAP_TYPE_RINGBUF X_RINGBUF
	[ "$(verdict "$o" "$TMP/e.btf" core_types)" = ok ]
	"$BPFKIT" -j core check "$o" btf "$TMP/e.btf" | jq -e '[.kernels[0].programs[]
		| .relocations[] | select(.kind == "enumval_exists")] | all(.new_value == 0)'
}

@test "variants: missing kfunc, helper, map type, attach target; adapted helper" {
	require_tools
	local p
	p=$(build_bpf_obj core_problems.bpf.c)
	[ "$(verdict "$p" "$VMLINUX" prob_kfunc)" = ok ]
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/k.btf" name bpf_task_acquire x_task_acquire
	[ "$(verdict "$p" "$TMP/k.btf" prob_kfunc)" = fails ]
	problems "$p" "$TMP/k.btf" prob_kfunc | grep -F "kfunc fails bpf_task_acquire: kfunc missing"
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/h.btf" \
		enumval BPF_FUNC_ringbuf_output X_ringbuf_output \
		enumval BPF_MAP_TYPE_RINGBUF X_RINGBUF
	problems "$p" "$TMP/h.btf" prob_ring | grep -F "helper fails bpf_ringbuf_output: helper missing"
	problems "$p" "$TMP/h.btf" prob_ring | grep -F "map_type fails events: map type ringbuf missing"
	# libbpf rewrites probe_read_kernel into probe_read by itself
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/a.btf" enumval BPF_FUNC_probe_read_kernel X_prk
	[ "$(verdict "$p" "$TMP/a.btf" prob_ring)" = ok ]
	problems "$p" "$TMP/a.btf" prob_ring | grep -F "helper ok bpf_probe_read_kernel: missing, libbpf rewrites it"
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/s.btf" name btf_trace_sched_switch x_sched_switch
	problems "$p" "$TMP/s.btf" prob_kfunc | grep -F "attach_target fails btf_trace_sched_switch: attach target missing"
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/v.btf" name bpf_prog_active x_prog_active
	problems "$p" "$TMP/v.btf" prob_ksym | grep -F "ksym fails bpf_prog_active: kernel variable missing"
	# the kernel's verdict is the worst of its programs
	run "$BPFKIT" core check "$p" btf "$TMP/v.btf"
	[ "$status" -eq 1 ]
}

@test "exit codes: 0 all ok, 1 something fails, 2 only unknowns" {
	require_tools
	local o u
	o=$(kinds_obj)
	u=$(build_bpf_obj core_unknown.bpf.c)
	run "$BPFKIT" core check "$o"
	[ "$status" -eq 0 ]
	run "$BPFKIT" core check "$u"
	[ "$status" -eq 2 ]
	[[ "$output" == *"unk_config: unknown: CONFIG_HZ: a kernel config value, not in BTF"* ]]
	# a BTF without the enums to tell: unknown, never a guess
	"$TBUILD/core_variant" - "$TMP/tiny.btf" tiny
	run "$BPFKIT" -j core check "$o" btf "$TMP/tiny.btf"
	[ "$status" -eq 1 ]
	echo "$output" | jq -e '.kernels[0].programs[] | select(.name == "core_types")
		| .problems[] | select(.what == "prog_type" and .effect == "unknown")'
	run "$BPFKIT" core check "$u" btf "$TMP/tiny.btf"
	[ "$status" -eq 2 ]
}

@test "bad input: one clear line and a non-zero exit" {
	require_tools
	local o
	o=$(kinds_obj)
	run "$BPFKIT" core check
	[ "$status" -ne 0 ]
	[[ "$output" == "Error: "* ]]
	head -c 100 "$o" >"$TMP/trunc.o"
	run "$BPFKIT" core check "$TMP/trunc.o"
	[ "$status" -ne 0 ]; [ "${#lines[@]}" -eq 1 ]; [[ "$output" == "Error: "* ]]
	run "$BPFKIT" core check /bin/true
	[ "$status" -ne 0 ]; [ "${#lines[@]}" -eq 1 ]
	[[ "$output" == *"not a BPF object"* ]]
	run "$BPFKIT" core check "$TMP/none.o"
	[ "$status" -ne 0 ]; [ "${#lines[@]}" -eq 1 ]
	run "$BPFKIT" core check "$o" btf "$TMP/none.btf"
	[ "$status" -ne 0 ]; [ "${#lines[@]}" -eq 1 ]; [[ "$output" == "Error: "* ]]
	head -c 1000 "$VMLINUX" >"$TMP/corrupt.btf"
	run "$BPFKIT" core check "$o" btf "$TMP/corrupt.btf"
	[ "$status" -ne 0 ]; [ "${#lines[@]}" -eq 1 ]; [[ "$output" == "Error: "* ]]
	mkfifo "$TMP/fifo.o"
	run timeout 10 "$BPFKIT" core check "$TMP/fifo.o"
	[ "$status" -ne 0 ]; [ "$status" -ne 124 ]; [ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "Error: "*"not a regular file" ]]
	mkdir "$TMP/empty"
	run "$BPFKIT" core check "$o" btf "$TMP/empty"
	[ "$status" -ne 0 ]; [ "${#lines[@]}" -eq 1 ]; [[ "$output" == "Error: "* ]]
	run "$BPFKIT" -j core check "$o" btf "$TMP/corrupt.btf"
	[ "$status" -ne 0 ]
	echo "$output" | jq -e .error
	run "$BPFKIT" core check "$o" bogus x
	[ "$status" -ne 0 ]; [[ "$output" == "Error: "* ]]
	# the object's own .BTF corrupt: libbpf's complaint is in our one
	# line, not a line of its own (its first type gets 65535 members)
	local off
	off=$(readelf -SW "$o" | sed -n \
		's/.*\] \.BTF  *PROGBITS  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1/p')
	[ -n "$off" ]
	cp "$o" "$TMP/badbtf.o"
	printf '\xff\xff\x00\x04' | dd of="$TMP/badbtf.o" bs=1 \
		seek=$((0x$off + 28)) conv=notrunc status=none
	run "$BPFKIT" core check "$TMP/badbtf.o"
	[ "$status" -eq 255 ]; [ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "Error: "*"bad .BTF: BTF type [1] is malformed" ]]
}

# rel_values OBJ BTF: relocation results, type ids reduced to found/not
rel_values() {
	"$BPFKIT" -j core check "$1" btf "$2" | jq -r '.kernels[0].programs[] |
		.name as $n | .relocations[] | "\($n) \(.index) \(.insn) \(.kind) \(.result) \(
		if .kind == "target_type_id" then (.new_value > 0) else .new_value end)"'
}

@test "gen min_core_btf: a few KB that resolve every relocation as the full BTF" {
	require_root_bpf
	require_tools
	local o p in sz insz
	o=$(kinds_obj)
	p=$(build_bpf_obj core_problems.bpf.c)
	for in in "$VMLINUX" ${SHARED:+$(ls "$BTF61" 2>/dev/null)}; do
		run "$BPFKIT" gen min_core_btf "$in" "$TMP/min.btf" "$o" "$p"
		[ "$status" -eq 0 ]
		sz=$(stat -c %s "$TMP/min.btf")
		insz=$(stat -c %s "$in" 2>/dev/null || wc -c <"$in")
		echo "$in: $insz -> $sz bytes"
		[ $((sz * 100)) -lt $((insz * 2)) ]
		for obj in "$o" "$p"; do
			diff <(rel_values "$obj" "$in") <(rel_values "$obj" "$TMP/min.btf")
			# libbpf agrees on the smaller BTF (type ids aside)
			diff <("$TBUILD/core_libbpf" "$obj" "$in" | grep -v "^core_types 2 ") \
				<("$TBUILD/core_libbpf" "$obj" "$TMP/min.btf" | grep -v "^core_types 2 ")
		done
	done
	run "$BPFKIT" gen min_core_btf "$VMLINUX" "$TMP/x.btf"
	[ "$status" -ne 0 ]; [[ "$output" == "Error: "* ]]
	run "$BPFKIT" gen min_core_btf "$TMP/none" "$TMP/x.btf" "$o"
	[ "$status" -ne 0 ]; [ "${#lines[@]}" -eq 1 ]
	[ ! -e "$TMP/x.btf" ]
}

@test "btf DIR and btfhub archives: every kernel below, module split BTF passed over" {
	require_tools
	require_shared
	local p
	p=$(build_bpf_obj core_problems.bpf.c)
	run "$BPFKIT" -j core check "$p" btf "$SHARED/btf"
	[ "$status" -eq 1 ]
	echo "$output" | jq -e '[.kernels[].btf] | length == 2'
	echo "$output" | jq -e '.kernels[] | select(.btf | endswith(".tar.xz"))
		| .release == "4.19.90-2107.6.0.0248.35.oe1.bclinux.x86_64"
		  and .verdict == "fails"'
	# the archive gives the same relocations as its unpacked BTF
	diff <("$BPFKIT" -j core check "$p" btf "$SHARED"/btf/4.19*.tar.xz | jq -r "$ENGINE_JQ") \
		<("$BPFKIT" -j core check "$p" btf "$(btf419)" | jq -r "$ENGINE_JQ")
	# a kernel without BTF of its own (btfhub ships its BTF) cannot
	# attach by BTF, whatever types its BTF has
	tar -cJf "$TMP/6.1.btf.tar.xz" -C "$SHARED/btf" vmlinux-6.1.0-56-amd64.btf
	run "$BPFKIT" -j core check "$(build_bpf_obj core_attach.bpf.c)" btf "$TMP/6.1.btf.tar.xz"
	[ "$status" -eq 1 ]
	echo "$output" | jq -e '[.kernels[0].programs[] | select(.name == "att_fentry")
		| .problems[] | select(.message | contains("btfhub archive"))] | length == 1'
}

@test "gen min_core_btf INDIR OUTDIR: file by file, archives to raw BTF, failures kept" {
	require_root_bpf
	require_tools
	require_shared
	local o b419
	o=$(kinds_obj)
	mkdir -p "$TMP/in/old"
	cp "$SHARED"/btf/4.19*.btf.tar.xz "$TMP/in/old/"
	cp "$BTF61" "$TMP/in/"
	run "$BPFKIT" gen min_core_btf "$TMP/in" "$TMP/out" "$o"
	[ "$status" -eq 0 ]
	[ -f "$TMP/out/vmlinux-6.1.0-56-amd64.btf" ]
	b419=$(btf419)
	local m419="$TMP/out/old/$(basename "$b419")"
	[ -f "$m419" ]
	diff <(rel_values "$o" "$BTF61") <(rel_values "$o" "$TMP/out/vmlinux-6.1.0-56-amd64.btf")
	# 4.19 has two task_struct: libbpf refuses the object, on both BTFs
	diff <("$TBUILD/core_libbpf" "$o" "$b419" | grep -v "^core_types 2 [0-9]") \
		<("$TBUILD/core_libbpf" "$o" "$m419" | grep -v "^core_types 2 [0-9]")
	"$TBUILD/core_libbpf" "$o" "$m419" | grep -x "core_types 2 failed"
}

@test "an unlinked extern function fails; an object with maps only is checked" {
	require_tools
	run "$BPFKIT" core check "$(build_bpf_obj gen_main.bpf.c)"
	[ "$status" -eq 1 ]
	[[ "$output" == *"gl_count: extern function not linked in"* ]]
	run "$BPFKIT" -j core check "$(build_bpf_obj gen_maponly.bpf.c)"
	[ "$status" -eq 0 ]
	echo "$output" | jq -e '.kernels[0].verdict == "ok" and (.kernels[0].programs | length == 0)'
}

@test "attach targets: fentry FUNC, lsm bpf_lsm_*, iter bpf_iter_*, tp_btf btf_trace_*" {
	require_tools
	local a
	a=$(build_bpf_obj core_attach.bpf.c)
	run "$BPFKIT" core check "$a"
	[ "$status" -eq 0 ]
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/a.btf" name do_nanosleep x1 \
		name bpf_lsm_file_open x2 name bpf_iter_task x3 \
		name btf_trace_sched_switch x4
	run "$BPFKIT" core check "$a" btf "$TMP/a.btf"
	[ "$status" -eq 1 ]
	[[ "$output" == *"att_fentry: fails: do_nanosleep: attach target missing"* ]]
	[[ "$output" == *"att_lsm: fails: bpf_lsm_file_open: attach target missing"* ]]
	[[ "$output" == *"att_iter: fails: bpf_iter_task: attach target missing"* ]]
	[[ "$output" == *"att_tp_btf: fails: btf_trace_sched_switch: attach target missing"* ]]
}

@test "struct_ops: each program attaches to the struct of its own map" {
	require_tools
	local s
	s=$(build_bpf_obj core_ops.bpf.c)
	run "$BPFKIT" core check "$s"
	[ "$status" -eq 0 ]
	# tcp_congestion_ops gone: its programs and map fail, not the other's
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/cc.btf" name tcp_congestion_ops x_cc
	[ "$(verdict "$s" "$TMP/cc.btf" ops_cc_init)" = fails ]
	[ "$(verdict "$s" "$TMP/cc.btf" ops_cc_ssthresh)" = fails ]
	[ "$(verdict "$s" "$TMP/cc.btf" ops_dummy_test)" = ok ]
	problems "$s" "$TMP/cc.btf" ops_cc_init |
		grep -F "attach_target fails tcp_congestion_ops: attach target missing"
	run "$BPFKIT" core check "$s" btf "$TMP/cc.btf"
	[ "$status" -eq 1 ]
	[[ "$output" == *"fails: ops_cc: struct tcp_congestion_ops missing"* ]]
	# the struct is there but the kernel does not register it as
	# struct_ops (no bpf_struct_ops_NAME value type): libbpf fails too
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/dv.btf" \
		name bpf_struct_ops_bpf_dummy_ops x_dummy
	[ "$(verdict "$s" "$TMP/dv.btf" ops_dummy_test)" = fails ]
	[ "$(verdict "$s" "$TMP/dv.btf" ops_cc_init)" = ok ]
	problems "$s" "$TMP/dv.btf" ops_dummy_test |
		grep -F "attach_target fails bpf_dummy_ops: not a struct_ops type on this kernel (no struct bpf_struct_ops_bpf_dummy_ops)"
	run "$BPFKIT" core check "$s" btf "$TMP/dv.btf"
	[ "$status" -eq 1 ]
	[[ "$output" == *"fails: ops_dummy: bpf_dummy_ops is not a struct_ops type on this kernel"* ]]
	# a member the map sets is missing from the kernel's struct: the map
	# and the programs it holds fail; a member left zero does not matter
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/mm.btf" \
		member tcp_congestion_ops ssthresh x_ssthresh
	[ "$(verdict "$s" "$TMP/mm.btf" ops_cc_init)" = fails ]
	[ "$(verdict "$s" "$TMP/mm.btf" ops_dummy_test)" = ok ]
	problems "$s" "$TMP/mm.btf" ops_cc_ssthresh |
		grep -F "map_type fails ops_cc: tcp_congestion_ops.ssthresh missing from the kernel's struct, libbpf cannot set it"
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/za.btf" \
		member tcp_congestion_ops cong_avoid x_cong_avoid
	run "$BPFKIT" core check "$s" btf "$TMP/za.btf"
	[ "$status" -eq 0 ]
}

@test "a global subprogram called only from dead code: ok since 6.8, fails before" {
	require_tools
	local g
	g=$(build_bpf_obj core_global.bpf.c)
	# __state renamed; the kernel verifies global subprograms lazily
	# (bpf_func_info_aux.called, 6.8+): the guarded call is never made
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/lazy.btf" \
		member task_struct __state state
	[ "$(verdict "$g" "$TMP/lazy.btf" glob_guarded)" = ok ]
	run "$BPFKIT" core check "$g" btf "$TMP/lazy.btf"
	[ "$status" -eq 0 ]
	# the same kernel before 6.8 verifies glob_state on its own
	"$TBUILD/core_variant" "$VMLINUX" "$TMP/eager.btf" \
		member task_struct __state state \
		member bpf_func_info_aux called x_called
	[ "$(verdict "$g" "$TMP/eager.btf" glob_guarded)" = fails ]
	run "$BPFKIT" core check "$g" btf "$TMP/eager.btf"
	[ "$status" -eq 1 ]
	[[ "$output" == *"glob_state: fails: task_struct.__state: field missing"* ]]
}
