#!/usr/bin/env bats
# token show: bpffs mounts with delegation options, each test mounting its
# own and unmounting it. Debian's bpftool 7.1 has no "token": the expected
# layout is upstream bpftool's.

load helpers

setup() {
	require_root_bpf
	TOK=$(mktemp -d /tmp/bpfkit-token.XXXXXX)
	mount -t bpf -o delegate_cmds=map_create:prog_load:btf_load:prog_attach:obj_get_info_by_fd,delegate_maps=array:hash,delegate_attachs=0x3 bpf "$TOK" ||
		skip_or_fail "this kernel does not take bpffs delegation options"
}

teardown() {
	umount "$TOK" 2>/dev/null
	rmdir "$TOK" 2>/dev/null
	true
}

@test "token show: the mount's four lists, four names a line" {
	run --separate-stderr "$BPFKIT" token show
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	want="$(printf 'token_info  %s\n\tallowed_cmds:\n\t  %-20s%-20s%-20s%-20s\n\t  %-20s\n\tallowed_maps:\n\t  %-20s%-20s\n\tallowed_progs:\n\tallowed_attachs:\n\t  %-20s%-20s' \
		"$TOK" map_create prog_load prog_attach obj_get_info_by_fd btf_load hash array \
		cgroup_inet_ingress cgroup_inet_egress)"
	# other suites may have delegating mounts too: take ours
	got=$(printf '%s\n' "$output" | awk -v m="token_info  $TOK" '
		/^token_info/ { on = ($0 == m) } on')
	[ "$got" = "$want" ]
}

@test "token show -j: arrays of names" {
	run "$BPFKIT" -j token show
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -c --arg t "$TOK" '.[] | select(.token_info == $t)')" = \
	  "{\"token_info\":\"$TOK\",\"allowed_cmds\":[\"map_create\",\"prog_load\",\"prog_attach\",\"obj_get_info_by_fd\",\"btf_load\"],\"allowed_maps\":[\"hash\",\"array\"],\"allowed_progs\":[],\"allowed_attachs\":[\"cgroup_inet_ingress\",\"cgroup_inet_egress\"]}" ]
}

@test "token show: bpffs without delegation is not listed; bad input" {
	umount "$TOK"
	mount -t bpf bpf "$TOK"
	run "$BPFKIT" -j token show
	[ "$(echo "$output" | jq --arg t "$TOK" '[.[] | select(.token_info == $t)] | length')" -eq 0 ]
	run --separate-stderr "$BPFKIT" token show extra
	[ "$status" -eq 255 ]
	[ "$(printf '%s\n' "$stderr" | grep -c '^Error: ')" -eq 1 ]
	run "$BPFKIT" -j token list extra
	echo "$output" | jq -e .error >/dev/null
}
