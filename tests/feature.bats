#!/usr/bin/env bats
# feature probe (live: keys, dmesg helpers, macros, per-helper verdicts
# proven by loading real programs), feature list_builtins, and the offline
# probe from BTF.

load helpers

setup() {
	setup_tmp
}

teardown() {
	teardown_tmp
}

# one live probe per test that needs it, cached in $TMP
probe_json() {
	[ -s "$TMP/probe.json" ] || "$BPFKIT" -j feature probe "$@" >"$TMP/probe.json"
	cat "$TMP/probe.json"
}

@test "feature probe -j: bpftool's sections and keys" {
	require_root_bpf
	probe_json >/dev/null
	run jq -r 'keys_unsorted | join(" ")' "$TMP/probe.json"
	[ "$output" = "system_config syscall_config program_types map_types helpers misc" ]
	run jq -r '.syscall_config.have_bpf_syscall,
		   .program_types.have_xdp_prog_type,
		   .program_types.have_socket_filter_prog_type,
		   .map_types.have_hash_map_type,
		   .misc.have_bounded_loops,
		   (.helpers.xdp_available_helpers | type),
		   (.system_config.bpf_jit_enable | type)' "$TMP/probe.json"
	[ "$output" = "$(printf 'true\ntrue\ntrue\ntrue\ntrue\narray\nnumber')" ]
	# one have_*_prog_type per known type, one *_available_helpers each
	run jq -r '[.program_types | keys[] | select(test("^have_[a-z0-9_]+_prog_type$"))] | length' "$TMP/probe.json"
	local n=$output
	[ "$n" -eq "$("$BPFKIT" feature list_builtins prog_types | tail -n +2 | wc -l)" ]
	run jq -r '.helpers | length' "$TMP/probe.json"
	[ "$output" -eq "$n" ]
	run jq -r '.map_types | keys[] | select(test("_map_type$") | not)' "$TMP/probe.json"
	[ -z "$output" ]
}

@test "feature probe: the same keys as bpftool, where bpftool knows the type" {
	require_root_bpf
	local bt
	require_bpftool
	bt=$BPFTOOL_REF
	probe_json >/dev/null
	"$bt" -j feature probe >"$TMP/bt.json"
	local s
	for s in system_config syscall_config program_types map_types misc; do
		run jq -r --arg s "$s" --slurpfile b "$TMP/bt.json" \
			'(.[$s] | keys) as $ours | ($b[0][$s] | keys) - $ours | .[]' \
			"$TMP/probe.json"
		[ -z "$output" ] || { echo "$s: missing $output"; return 1; }
	done
	# program and map type answers agree where bpftool can probe
	run jq -r --slurpfile b "$TMP/bt.json" \
		'.map_types as $m | $b[0].map_types | to_entries[] |
		 select($m[.key] != .value) | .key' "$TMP/probe.json"
	[ -z "$output" ]
}

@test "feature probe: no dmesg helpers without full; full adds exactly them" {
	require_root_bpf
	probe_json >/dev/null
	run jq -r '[.helpers[][] | select(. == "bpf_trace_printk" or
		     . == "bpf_trace_vprintk" or . == "bpf_probe_write_user")] | length' \
		"$TMP/probe.json"
	[ "$output" -eq 0 ]
	"$BPFKIT" -j feature probe full >"$TMP/full.json"
	run jq -r '.helpers.kprobe_available_helpers | index("bpf_trace_printk") != null' "$TMP/full.json"
	[ "$output" = true ]
	# removing the three from full gives the same answers as without it
	run jq -r --slurpfile f "$TMP/full.json" \
		'[$f[0].helpers | to_entries[] | .value |= map(select(. != "bpf_trace_printk" and
		   . != "bpf_trace_vprintk" and . != "bpf_probe_write_user"))] == [.helpers | to_entries[]]' \
		"$TMP/probe.json"
	[ "$output" = true ]
}

@test "feature probe: XDP cannot call bpf_bind (Debian's bpftool says it can)" {
	require_root_bpf
	probe_json >/dev/null
	run jq -r '.helpers.xdp_available_helpers | index("bpf_bind")' "$TMP/probe.json"
	[ "$output" = null ]
	run jq -r '.helpers.cgroup_sock_addr_available_helpers | index("bpf_bind") != null' "$TMP/probe.json"
	[ "$output" = true ]
	# every probed type lists some helpers, and none lists them all
	run jq -r '[.helpers | to_entries[] | select(.value | length > 0) | .value | length] | max' "$TMP/probe.json"
	[ "$output" -lt 180 ]
}

@test "feature probe: each verdict matches loading a real program that calls the helper" {
	require_root_bpf
	local obj le line name verdict type helper listed bad=0 n=0
	obj=$(build_bpf_obj feature_helpers.bpf.c)
	build_tool feature_loadeach
	le=$TBUILD/feature_loadeach
	probe_json >/dev/null
	"$le" "$obj" >"$TMP/loads"
	while read -r name verdict line; do
		type=${name%%__*}
		helper=${name#*__}
		listed=$(jq -r --arg k "${type}_available_helpers" --arg h "$helper" \
			'.helpers[$k] | index($h) != null' "$TMP/probe.json")
		n=$((n + 1))
		case "$verdict/$listed" in
		ok/true|refused/false) ;;
		*) echo "$type $helper: real load $verdict $line, probe listed=$listed"
		   bad=1 ;;
		esac
	done <"$TMP/loads"
	[ "$n" -ge 30 ]
	[ "$bad" -eq 0 ]
}

@test "feature probe: plain text reads like bpftool's" {
	require_root_bpf
	"$BPFKIT" feature probe >"$TMP/plain"
	grep -qx 'Scanning eBPF program types...' "$TMP/plain"
	grep -qx 'eBPF program_type xdp is available' "$TMP/plain"
	grep -qx 'eBPF map_type hash is available' "$TMP/plain"
	grep -qx 'eBPF helpers supported for program type xdp:' "$TMP/plain"
	grep -qx '	- bpf_redirect' "$TMP/plain"
	grep -qx 'Bounded loop support is available' "$TMP/plain"
	grep -qx 'bpf() syscall is available' "$TMP/plain"
	grep -qE '^CONFIG_BPF (is set to y|is not set)$' "$TMP/plain" ||
		grep -q 'skipping kernel config' "$TMP/plain"
}

@test "feature probe macros: C header with prefix" {
	require_root_bpf
	"$BPFKIT" feature probe macros >"$TMP/m.h"
	grep -qx '/\*\*\* eBPF program types \*\*\*/' "$TMP/m.h"
	grep -qx '#define HAVE_XDP_PROG_TYPE' "$TMP/m.h"
	grep -qx '#define HAVE_BPF_SYSCALL' "$TMP/m.h"
	grep -qx '#define BPF__PROG_TYPE_xdp__HELPER_bpf_redirect 1' "$TMP/m.h"
	grep -qx '#define BPF__PROG_TYPE_xdp__HELPER_bpf_bind 0' "$TMP/m.h"
	! grep -q 'JIT compiler' "$TMP/m.h"
	"$BPFKIT" feature probe macros prefix FOO_ >"$TMP/p.h"
	grep -qx '#define FOO_HAVE_XDP_PROG_TYPE' "$TMP/p.h"
	# the header compiles and answers
	printf '#include "%s"\n#if !FOO_HAVE_PROG_TYPE_HELPER(xdp, bpf_redirect)\n#error no\n#endif\n#if FOO_HAVE_PROG_TYPE_HELPER(xdp, bpf_bind)\n#error yes\n#endif\n' \
		"$TMP/p.h" >"$TMP/t.c"
	cc -fsyntax-only "$TMP/t.c"
}

@test "feature probe dev: no system_config; unknown device is one error" {
	require_root_bpf
	run "$BPFKIT" -j feature probe dev lo
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r 'keys_unsorted | join(" ")')" = "syscall_config program_types map_types helpers misc" ]
	[ "$(echo "$output" | jq -r '.program_types | keys | join(" ")')" = "have_sched_cls_prog_type have_xdp_prog_type" ]
	run "$BPFKIT" feature probe dev bpfkit-nosuch$$
	[ "$status" -eq 255 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "Error: unrecognized netdevice"* ]]
	run "$BPFKIT" -j feature probe kernel dev lo
	[ "$status" -eq 255 ]
	echo "$output" | jq -e .error
}

@test "feature probe unprivileged: answers of a user without BPF capabilities" {
	require_root_bpf
	local u
	u=$(cat /proc/sys/kernel/unprivileged_bpf_disabled)
	run "$BPFKIT" -j feature probe unprivileged
	[ "$status" -eq 0 ]
	if [ "$u" != 0 ]; then
		[ "$(echo "$output" | jq -r '.program_types.have_socket_filter_prog_type')" = false ]
		[ "$(echo "$output" | jq -r '[.helpers[][]] | length')" -eq 0 ]
	fi
}

@test "feature probe: a missing capability is one error line, unless unprivileged" {
	require_root_bpf
	command -v capsh >/dev/null || skip "needs capsh (libcap2-bin)"
	run capsh --drop=cap_bpf -- -c "'$BPFKIT' feature probe"
	[ "$status" -eq 255 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$output" = "Error: missing CAP_BPF, required for full feature probing; run as root or use 'unprivileged'" ]
	run capsh --drop=cap_bpf -- -c "'$BPFKIT' -j feature probe unprivileged"
	[ "$status" -eq 0 ]
	echo "$output" | jq -e .program_types
}

@test "feature probe: bad words are one error line" {
	run "$BPFKIT" feature probe bogus
	[ "$status" -eq 255 ]
	[[ "$output" == "Error: expected no more arguments"* ]]
	run "$BPFKIT" feature probe prefix X
	[ "$status" -eq 255 ]
	[[ "$output" == *"can only be use after 'macros'"* ]]
	run "$BPFKIT" -j feature probe macros prefix
	[ "$status" -eq 255 ]
	echo "$output" | jq -e .error
}

@test "feature list_builtins: every group, bpftool's first entries" {
	run "$BPFKIT" feature list_builtins prog_types
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = unspec ]
	[ "${lines[6]}" = xdp ]
	run "$BPFKIT" feature list_builtins helpers
	[ "${lines[0]}" = bpf_unspec ]
	[ "${lines[1]}" = bpf_map_lookup_elem ]
	printf '%s\n' "${lines[@]}" | grep -qx bpf_loop
	run "$BPFKIT" -j feature l a
	[ "$(echo "$output" | jq -r '.[0]')" = cgroup_inet_ingress ]
	run "$BPFKIT" feature list_builtins link_types
	printf '%s\n' "${lines[@]}" | grep -qx netkit
	run "$BPFKIT" feature list_builtins map_types
	printf '%s\n' "${lines[@]}" | grep -qx arena
	run "$BPFKIT" feature list_builtins bogus
	[ "$status" -eq 255 ]
	[[ "$output" == "Error: expected 'prog_types'"* ]]
}

@test "feature list_builtins: bpftool's names are a prefix of ours" {
	local bt g
	require_bpftool
	bt=$BPFTOOL_REF
	for g in prog_types map_types attach_types link_types helpers; do
		"$bt" feature list_builtins $g >"$TMP/b"
		"$BPFKIT" feature list_builtins $g | head -n "$(wc -l <"$TMP/b")" >"$TMP/o"
		diff "$TMP/b" "$TMP/o"
	done
}

# ---- offline: feature probe btf ----

btf_build() {
	build_tool btf_build || return 1
	"$TBUILD/btf_build" "$@"
}

@test "feature probe btf: answers from BTF built with libbpf" {
	btf_build feature "$TMP/f.btf"
	run "$BPFKIT" -j feature probe btf file "$TMP/f.btf"
	[ "$status" -eq 0 ]
	echo "$output" >"$TMP/o.json"
	[ "$(jq -r 'keys_unsorted | join(" ")' "$TMP/o.json")" = "program_types map_types attach_types link_types helpers kfuncs btf_attach" ]
	# known values the kernel has, known values it lacks, a value from the future
	[ "$(jq -r '.program_types | [.have_xdp_prog_type, .have_socket_filter_prog_type,
		.have_kprobe_prog_type, .have_future_thing_prog_type] | map(tostring) | join(" ")' "$TMP/o.json")" = "true true false true" ]
	[ "$(jq -r '.map_types.have_ringbuf_map_type, .map_types.have_array_map_type' "$TMP/o.json" | paste -sd' ')" = "true false" ]
	[ "$(jq -r '.attach_types.have_xdp_attach_type, .link_types.have_xdp_link_type, .link_types.have_tcx_link_type' "$TMP/o.json" | paste -sd' ')" = "true true false" ]
	[ "$(jq -c .helpers "$TMP/o.json")" = '["bpf_map_lookup_elem","bpf_loop"]' ]
	[ "$(jq -c .kfuncs "$TMP/o.json")" = '["bpf_cpumask_create","bpf_obj_new_impl"]' ]
	[ "$(jq -c .btf_attach "$TMP/o.json")" = '{"have_btf_trace":true,"btf_trace":2,"have_bpf_lsm":true,"bpf_lsm":1,"have_bpf_iter":true,"bpf_iter":1}' ]
	run "$BPFKIT" feature probe btf file "$TMP/f.btf"
	printf '%s\n' "${lines[@]}" | grep -qx 'eBPF program_type future_thing is available'
	printf '%s\n' "${lines[@]}" | grep -qx 'eBPF program_type kprobe is NOT available'
	printf '%s\n' "${lines[@]}" | grep -qx '	- bpf_loop'
}

@test "feature probe btf: the running kernel's BTF knows every type the live probe finds" {
	require_root_bpf
	[ -r /sys/kernel/btf/vmlinux ] || skip_or_fail "no vmlinux BTF"
	probe_json >/dev/null
	"$BPFKIT" -j feature probe btf file /sys/kernel/btf/vmlinux >"$TMP/off.json"
	local s
	for s in program_types map_types; do
		run jq -r --arg s "$s" --slurpfile off "$TMP/off.json" \
			'.[$s] | to_entries[] | select(.value) | select($off[0][$s][.key] != true) | .key' \
			"$TMP/probe.json"
		[ -z "$output" ] || { echo "live but not offline: $output"; return 1; }
	done
	run jq -r --slurpfile off "$TMP/off.json" \
		'[.helpers[][]] | unique | . - $off[0].helpers | .[]' "$TMP/probe.json"
	[ -z "$output" ] || { echo "helpers live but not offline: $output"; return 1; }
	[ "$(jq -r '.kfuncs | length' "$TMP/off.json")" -gt 0 ]
	[ "$(jq -r '.btf_attach.have_btf_trace' "$TMP/off.json")" = true ]
}

@test "feature probe btf: Debian 6.1 BTF" {
	require_shared
	local f
	f=$(ls "$SHARED"/btf/vmlinux-6.1*.btf | head -1)
	run "$BPFKIT" -j feature probe btf file "$f"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '.program_types.have_sk_lookup_prog_type, .map_types.have_ringbuf_map_type, (.helpers | index("bpf_loop") != null), .program_types.have_netfilter_prog_type' | paste -sd' ')" = "true true true false" ]
}

@test "feature probe btf: 4.19 btfhub archive has no ring buffer, bpf_loop or sk_lookup" {
	require_shared
	local f
	f=$(ls "$SHARED"/btf/4.19*.btf.tar.xz | head -1)
	run --separate-stderr "$BPFKIT" -j feature probe btf file "$f"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '.program_types.have_sk_lookup_prog_type, .map_types.have_ringbuf_map_type, (.helpers | index("bpf_loop") != null), .program_types.have_xdp_prog_type, (.helpers | index("bpf_map_lookup_elem") != null)' | paste -sd' ')" = "false false false true true" ]
}

@test "feature probe btf: bad sources are one error line" {
	run "$BPFKIT" feature probe btf
	[ "$status" -eq 255 ]
	[[ "$output" == "Error: expected a BTF source"* ]]
	run --separate-stderr "$BPFKIT" feature probe btf file "$TMP/nosuch"
	[ "$status" -eq 254 ]
	[[ "$stderr" == Error:* ]] || [[ "$output" == Error:* ]]
	btf_build feature "$TMP/f.btf"
	run "$BPFKIT" feature probe btf file "$TMP/f.btf" extra
	[ "$status" -eq 255 ]
	[[ "$output" == "Error: expected no more arguments after the BTF source"* ]]
}
