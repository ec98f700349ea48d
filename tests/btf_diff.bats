#!/usr/bin/env bats
# btf diff: records on BTF built with libbpf where every change is known
# (tests/btf_build.c), type and object filters, bad input, and the Debian
# 6.1 BTF against the running kernel (spot checks, FUNC set difference).

load helpers

VMLINUX=/sys/kernel/btf/vmlinux
GOLD="$TESTS/golden"

setup() {
	setup_tmp
}

teardown() {
	teardown_tmp
}

btf_build() {
	build_tool btf_build || return 1
	"$TBUILD/btf_build" "$@"
}

built_pair() {
	btf_build old "$TMP/old.btf" && btf_build new "$TMP/new.btf"
}

old_61() {
	require_shared
	OLD61=$(ls "$SHARED"/btf/vmlinux-6.1*.btf 2>/dev/null | head -1)
	[ -n "$OLD61" ] || skip "no 6.1 vmlinux BTF in ../shared/btf"
	[ -r "$VMLINUX" ] || skip_or_fail "no $VMLINUX"
}

@test "btf diff -j: every record of a known change, in kind and name order" {
	built_pair
	run "$BPFKIT" -j btf diff file "$TMP/old.btf" file "$TMP/new.btf"
	[ "$status" -eq 0 ]
	echo "$output" | jq -c '.[]' >"$TMP/got"
	cat >"$TMP/want" <<'JSON'
{"kind":"struct","name":"added_s","change":"added","members":[]}
{"kind":"struct","name":"gone_s","change":"removed","members":[]}
{"kind":"struct","name":"s","change":"changed","size":{"old":16,"new":24},"members":[{"name":"b","change":"changed","old":{"bits_offset":32,"size":4,"type":"int"},"new":{"bits_offset":64,"size":8,"type":"long"}},{"name":"c","change":"removed","old":{"bits_offset":64,"size":8,"type":"long"}},{"name":"d","change":"added","new":{"bits_offset":128,"size":4,"type":"int"}}]}
{"kind":"enum","name":"e","change":"changed","members":[{"name":"B","change":"changed","old":2,"new":5},{"name":"C","change":"removed","old":3},{"name":"D","change":"added","new":4}]}
{"kind":"typedef","name":"td_t","change":"changed","old":"int","new":"long","members":[]}
{"kind":"func","name":"f1","change":"changed","old":"int(int)","new":"int(int, int)","members":[]}
{"kind":"func","name":"f_gone","change":"removed","old":"int(void)","members":[]}
{"kind":"func","name":"f_new","change":"added","new":"int(void)","members":[]}
{"kind":"tracepoint","name":"tp1","change":"changed","old":"void(void *, int)","new":"void(void *, int, int)","members":[]}
{"kind":"tracepoint","name":"tp2","change":"added","new":"void(void *)","members":[]}
JSON
	diff "$TMP/want" "$TMP/got"
}

@test "btf diff: plain output groups by kind, one line per change" {
	built_pair
	run "$BPFKIT" btf diff file "$TMP/old.btf" file "$TMP/new.btf"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "struct: 1 added, 1 removed, 1 changed" ]
	printf '%s\n' "${lines[@]}" | grep -qx '	changed struct s: member c removed: long at bit 64, 8 bytes'
	printf '%s\n' "${lines[@]}" | grep -qx '	changed struct s: member d added: int at bit 128, 4 bytes'
	printf '%s\n' "${lines[@]}" | grep -qx '	changed enum e: value B: 2 -> 5'
	printf '%s\n' "${lines[@]}" | grep -qx '	added   tracepoint tp2: void(void \*)'
	printf '%s\n' "${lines[@]}" | grep -qx 'tracepoint: 1 added, 0 removed, 1 changed'
	# nothing unchanged is listed (struct same, union u: char signedness)
	! printf '%s\n' "${lines[@]}" | grep -qE ' (same|u|keep_t|f2)(:|$)'
	# a BTF against itself: no records
	run "$BPFKIT" -j btf diff file "$TMP/old.btf" file "$TMP/old.btf"
	[ "$output" = "[]" ]
}

@test "btf diff type NAME: only the named types, with or without their kind" {
	built_pair
	run "$BPFKIT" -j btf diff file "$TMP/old.btf" file "$TMP/new.btf" type s type 'func f1' type tp2 type 'struct e'
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '[.[] | .kind + " " + .name] | join(",")')" = "struct s,func f1,tracepoint tp2" ]
}

@test "btf diff object OBJ: only what the object uses" {
	require_root_bpf	# clang
	local obj
	built_pair
	obj=$(build_bpf_obj diff_user.bpf.c)
	run "$BPFKIT" -j btf diff file "$TMP/old.btf" file "$TMP/new.btf" object "$obj"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r '[.[] | .kind + " " + .name] | join(",")')" = "struct s,func f1,tracepoint tp1" ]
}

@test "btf diff: bad input is one error line" {
	built_pair
	run "$BPFKIT" btf diff file "$TMP/old.btf"
	[ "$status" -ne 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "Error: expected second BTF source"* ]]
	run "$BPFKIT" btf diff file "$TMP/old.btf" file "$TMP/nosuch.btf"
	[ "$status" -eq 254 ]	# -ENOENT, as btf dump
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == Error:* ]]
	head -c 100 /dev/urandom >"$TMP/junk"
	run --separate-stderr "$BPFKIT" -j btf diff file "$TMP/junk" file "$TMP/old.btf"
	[ "$status" -ne 0 ]
	echo "$output" | jq -e .error
	run "$BPFKIT" btf diff file "$TMP/old.btf" file "$TMP/new.btf" bogus
	[ "$status" -eq 234 ]	# -EINVAL
	[[ "$output" == "Error: expected 'type' or 'object', got: 'bogus'" ]]
	run "$BPFKIT" btf diff file "$TMP/old.btf" file "$TMP/new.btf" object "$TMP/junk"
	[ "$status" -ne 0 ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "btf diff: a name outside the string section is one error (the C emitter checks names)" {
	built_pair
	run "$BPFKIT" btf diff file "$TMP/old.btf" file "$GOLD/btf_bad_name.btf"
	[ "$status" -eq 234 ]
	[ "$output" = "Error: malformed BTF: type 12 has a name outside the string section" ]
	run "$BPFKIT" -j feature probe btf file "$GOLD/btf_bad_name.btf"
	[ "$status" -eq 0 ]
	echo "$output" | jq -e .kfuncs
}

@test "btf diff 6.1 -> running kernel: known changes" {
	old_61
	"$BPFKIT" -j btf diff file "$OLD61" file "$VMLINUX" >"$TMP/d.json"
	# BPF_PROG_TYPE_NETFILTER came in 6.4
	run jq -r '.[] | select(.kind == "enum" and .name == "bpf_prog_type") |
		.members[] | select(.name == "BPF_PROG_TYPE_NETFILTER") | .change + " " + (.new | tostring)' "$TMP/d.json"
	[ "$output" = "added 32" ]
	# struct bpf_map_type gained BPF_MAP_TYPE_ARENA (6.9)
	run jq -r '.[] | select(.kind == "enum" and .name == "bpf_map_type") |
		.members[] | select(.name == "BPF_MAP_TYPE_ARENA") | .change' "$TMP/d.json"
	[ "$output" = added ]
	# struct sk_buff changed; struct bpf_arena is new
	run jq -r '.[] | select(.name == "sk_buff" and .kind == "struct") | .change' "$TMP/d.json"
	[ "$output" = changed ]
	run jq -r '.[] | select(.name == "bpf_arena" and .kind == "struct") | .change' "$TMP/d.json"
	[ "$output" = added ]
}

@test "btf diff 6.1 -> running kernel: funcs added/removed are the FUNC name set difference" {
	old_61
	local dump=("$BPFKIT" btf dump file)
	"${dump[@]}" "$OLD61" | sed -n "s/^\[[0-9]*\] FUNC '\([^']*\)'.*/\1/p" | sort -u >"$TMP/a"
	"${dump[@]}" "$VMLINUX" | sed -n "s/^\[[0-9]*\] FUNC '\([^']*\)'.*/\1/p" | sort -u >"$TMP/b"
	"$BPFKIT" -j btf diff file "$OLD61" file "$VMLINUX" >"$TMP/d.json"
	jq -r '.[] | select(.kind == "func" and .change == "added") | .name' "$TMP/d.json" | sort >"$TMP/added"
	jq -r '.[] | select(.kind == "func" and .change == "removed") | .name' "$TMP/d.json" | sort >"$TMP/removed"
	comm -13 "$TMP/a" "$TMP/b" | diff - "$TMP/added"
	comm -23 "$TMP/a" "$TMP/b" | diff - "$TMP/removed"
	[ -s "$TMP/added" ]
}

@test "btf diff: a shared type name reads as in format c's header, whatever the filter" {
	require_shared
	local old
	old=$(ls "$SHARED"/btf/4.19*.btf.tar.xz 2>/dev/null | head -1)
	[ -n "$old" ] || skip "no 4.19 btfhub tarball in ../shared/btf"
	old_61
	# 4.19's BTF has two struct inode: the header calls one inode___2
	"$BPFKIT" btf dump file "$old" format c |
		awk '/^struct (bdev_inode|socket_alloc) \{/ { s = $2 }
		     s && /\tstruct inode(___2)? vfs_inode;/ { print s ": " $1 " " $2; s = "" }' |
		sort >"$TMP/want"
	[ "$(wc -l <"$TMP/want")" -eq 2 ]
	grep -q inode___2 "$TMP/want"
	local pick='s/^\tchanged struct \(bdev_inode\|socket_alloc\): member vfs_inode: \(struct [a-z_0-9]*\) at .*/\1: \2/p'
	"$BPFKIT" btf diff file "$old" file "$OLD61" | sed -n "$pick" | sort | diff "$TMP/want" -
	"$BPFKIT" btf diff file "$old" file "$OLD61" type socket_alloc type bdev_inode |
		sed -n "$pick" | sort | diff "$TMP/want" -
}
