#!/usr/bin/env bats
# btf show / dump: raw and JSON formats against golden files and bpftool,
# BTF sources (file, id, prog, map, merged modules), root_id and root NAME,
# -o, malformed input, and a CO-RE program built on our vmlinux.h.
# Other suites load objects at the same time: show tests select by the ids
# of what this file loads.

load helpers

GOLD="$TESTS/golden"
VMLINUX=/sys/kernel/btf/vmlinux

setup() {
	setup_tmp
}

teardown() {
	teardown_bpffs
	teardown_tmp
}

# the object with every kind clang emits (not loaded)
kinds_obj() {
	build_bpf_obj btf_kinds.c
}

require_vmlinux() {
	[ -r "$VMLINUX" ] || skip_or_fail "no $VMLINUX"
}

# load btf_show.bpf.o, held by a background bpfload; sets PROG_ID MAP_ID BTF_ID
load_show_obj() {
	setup_bpffs
	local obj
	obj=$(build_bpf_obj btf_show.bpf.c)
	mkdir "$BPFFS/p" "$BPFFS/m"
	start_holder "$obj" "$BPFFS/p" --maps "$BPFFS/m"
	PROG_ID=$("$BPFKIT" -j prog show pinned "$BPFFS/p/btf_show_prog" | jq .id)
	MAP_ID=$("$BPFKIT" -j map show pinned "$BPFFS/m/btf_show_map" | jq .id)
	BTF_ID=$("$BPFKIT" -j map show pinned "$BPFFS/m/btf_show_map" | jq .btf_id)
	[ -n "$BTF_ID" ] && [ "$BTF_ID" != null ] && [ "$BTF_ID" -gt 0 ]
}

# ---- raw format: golden files ----

@test "raw dump of every kind matches the golden file" {
	run --separate-stderr "$BPFKIT" btf dump file "$GOLD/btf_allkinds.btf"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	diff -u "$GOLD/btf_allkinds.raw" <(echo "$output")
}

@test "raw dump JSON (-j and -p) of every kind matches the golden files" {
	"$BPFKIT" -j btf dump file "$GOLD/btf_allkinds.btf" >"$TMP/j"
	cmp "$GOLD/btf_allkinds.json" "$TMP/j"
	"$BPFKIT" -p btf dump file "$GOLD/btf_allkinds.btf" >"$TMP/p"
	cmp "$GOLD/btf_allkinds.pretty" "$TMP/p"
	jq -e '.types | length == 32' "$TMP/j" >/dev/null
}

@test "raw dump: the corner cases are printed as bpftool does" {
	run "$BPFKIT" btf dump file "$GOLD/btf_allkinds.btf"
	[[ "$output" == *"'NEG' val=-5"* ]]
	[[ "$output" == *"'B2' val=18446744073709551615ULL"* ]]
	[[ "$output" == *"'S1' val=-2LL"* ]]
	[[ "$output" == *"VAR 'v_global' type_id=6, linkage=global"* ]]
	[[ "$output" == *"FUNC 'f_weird' type_id=17 linkage=(unknown)"* ]]
	[[ "$output" == *"[31] PTR '(invalid)' type_id=30"* ]]
	[[ "$output" == *$'\ttype_id=25 offset=20 size=4 (VAR \'v_weird\')'* ]]
	# bpftool's JSON runs an unsigned 32-bit enum value through int64
	"$BPFKIT" -j btf dump file "$GOLD/btf_allkinds.btf" |
		jq -e '.types[8].values[0].val == 18446744073709551615' >/dev/null
}

@test "raw dump of a clang-built object matches the golden file (clang 14)" {
	command -v clang >/dev/null || skip "needs clang"
	major=$(clang -dumpversion | cut -d. -f1)
	[ "$major" = 14 ] || skip "golden made with clang 14, this is clang $major"
	obj=$(kinds_obj)
	"$BPFKIT" btf dump file "$obj" >"$TMP/raw"
	cmp "$GOLD/btf_kinds.clang14.raw" "$TMP/raw"
	"$BPFKIT" -j btf dump file "$obj" >"$TMP/json"
	cmp "$GOLD/btf_kinds.clang14.json" "$TMP/json"
}

@test "raw dump of a clang-built object is byte-identical to bpftool's" {
	command -v clang >/dev/null || skip "needs clang"
	require_bpftool
	bt=$BPFTOOL_REF
	obj=$(kinds_obj)
	for mode in "" -j -p; do
		"$bt" $mode btf dump file "$obj" >"$TMP/theirs"
		"$BPFKIT" $mode btf dump file "$obj" >"$TMP/ours"
		cmp "$TMP/theirs" "$TMP/ours"
	done
}

@test "raw dump of the running kernel's vmlinux is byte-identical to bpftool's" {
	require_vmlinux
	require_bpftool
	bt=$BPFTOOL_REF
	"$bt" btf dump file "$VMLINUX" >"$TMP/theirs"
	"$BPFKIT" btf dump file "$VMLINUX" >"$TMP/ours"
	cmp "$TMP/theirs" "$TMP/ours"
	"$bt" -j btf dump file "$VMLINUX" >"$TMP/theirs"
	"$BPFKIT" -j btf dump file "$VMLINUX" >"$TMP/ours"
	cmp "$TMP/theirs" "$TMP/ours"
}

@test "shared: vmlinux 6.1 raw and JSON are byte-identical to upstream HEAD" {
	require_shared
	v="$SHARED/btf/vmlinux-6.1.0-56-amd64.btf"
	"$BPFKIT" btf dump file "$v" >"$TMP/raw"
	xz -dc "$SHARED/expected/vmlinux-6.1.0-56-amd64.raw.xz" | cmp - "$TMP/raw"
	"$BPFKIT" -j btf dump file "$v" format raw >"$TMP/rawj"
	xz -dc "$SHARED/expected/vmlinux-6.1.0-56-amd64.rawj.xz" | cmp - "$TMP/rawj"
}

@test "shared: split module BTF on -B base is byte-identical to upstream HEAD" {
	require_shared
	"$BPFKIT" -B "$SHARED/btf/vmlinux-6.1.0-56-amd64.btf" btf dump \
		file "$SHARED/btf/mod-6.1.0-56-amd64-kvm.btf" format raw >"$TMP/raw"
	xz -dc "$SHARED/expected/mod-6.1.0-56-amd64-kvm.raw.xz" | cmp - "$TMP/raw"
}

@test "shared: several module files merge on their base" {
	require_shared
	b="$SHARED/btf/vmlinux-6.1.0-56-amd64.btf"
	m1="$SHARED/btf/mod-6.1.0-56-amd64-tcp_bbr.btf"
	m2="$SHARED/btf/mod-6.1.0-56-amd64-nf_conntrack.btf"
	"$BPFKIT" -B "$b" btf dump file "$m1" file "$m2" >"$TMP/merged"
	# numbering continues the base, both modules' types are there
	head -1 "$TMP/merged" | grep -q '^\[100751\] '
	grep -q "STRUCT 'bbr' " "$TMP/merged"
	grep -q "STRUCT 'nf_conntrack_l4proto' " "$TMP/merged"
	# dedup: types the two share appear once
	n1=$("$BPFKIT" -B "$b" btf dump file "$m1" | grep -c '^\[')
	n2=$("$BPFKIT" -B "$b" btf dump file "$m2" | grep -c '^\[')
	n=$(grep -c '^\[' "$TMP/merged")
	[ "$n" -le $((n1 + n2)) ]
	[ "$(grep -c "STRUCT 'bbr' " "$TMP/merged")" -eq 1 ]
	run "$BPFKIT" btf dump file "$m1" file "$m2"
	[ "$status" -eq 234 ]	# bpftool's -EINVAL
	[[ "$output" == *"base BTF is required when merging multiple BTF files"* ]]
}

@test "shared: split BTF without its base says so" {
	require_shared
	run "$BPFKIT" btf dump file "$SHARED/btf/mod-6.1.0-56-amd64-tcp_bbr.btf"
	[ "$status" -eq 234 ]	# bpftool's -EINVAL
	[[ "$output" == *"split BTF"*"-B FILE"* ]]
	[ "${#lines[@]}" -eq 1 ]
}

@test "raw JSON inside batch is one valid document" {
	printf 'btf dump file %s\nversion\n' "$GOLD/btf_allkinds.btf" >"$TMP/b"
	"$BPFKIT" -j batch file "$TMP/b" >"$TMP/out"
	jq -e 'length == 2 and (.[0].output.types | length == 32)' "$TMP/out" >/dev/null
	"$BPFKIT" -p batch file "$TMP/b" | jq -e '.[0].output.types[0].name == "int"' >/dev/null
}

@test "file from a pipe and the vmlinux path" {
	"$BPFKIT" btf dump file /dev/stdin <"$GOLD/btf_allkinds.btf" >"$TMP/out"
	cmp "$GOLD/btf_allkinds.raw" "$TMP/out"
	require_vmlinux
	run --separate-stderr "$BPFKIT" btf dump file "$VMLINUX" root_id 1
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "[1] "* ]]
	[ -z "$stderr" ]
}

# ---- roots ----

@test "root_id and root NAME select types (raw: just those types)" {
	obj=$(kinds_obj)
	run "$BPFKIT" btf dump file "$obj" root 'struct bits' root 'union either'
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == *"STRUCT 'bits' size=104 vlen=15" ]]
	[[ "$output" == *"UNION 'either' size=8 vlen=2"* ]]
	[ "$(grep -c '^\[' <<<"$output")" -eq 2 ]
	id=$(sed -n "s/^\[\([0-9]*\)\] STRUCT 'bits'.*/\1/p" <<<"$output")
	run "$BPFKIT" btf dump file "$obj" root_id "$id"
	[[ "${lines[0]}" == "[$id] STRUCT 'bits'"* ]]
	# a number after root is an id; the same type twice counts once
	run "$BPFKIT" btf dump file "$obj" root "$id" root bits
	[ "$status" -eq 0 ]
	[ "$(grep -c '^\[' <<<"$output")" -eq 1 ]
	run "$BPFKIT" btf dump file "$obj" root u64_t root 'enum colour'
	[[ "${lines[0]}" == *"TYPEDEF 'u64_t'"* ]]
	[[ "$output" == *"ENUM 'colour'"* ]]
}

@test "root NAME: unknown, ambiguous and empty names are errors" {
	obj=$(kinds_obj)
	run "$BPFKIT" btf dump file "$obj" root nosuch_type
	[ "$status" -eq 255 ]
	[ "$output" = "Error: no type named 'nosuch_type' in this BTF" ]
	run "$BPFKIT" btf dump file "$obj" root pair
	[ "$status" -eq 255 ]
	[[ "$output" == *"type name 'pair' is ambiguous"*"typedef pair"*"struct pair"* ]]
	run "$BPFKIT" btf dump file "$obj" root 'struct pair'
	[ "$status" -eq 0 ]
	run "$BPFKIT" btf dump file "$obj" root ''
	[ "$status" -eq 255 ]
	run "$BPFKIT" btf dump file "$obj" root
	[ "$status" -eq 255 ]
	[[ "$output" == *"expecting a type name after 'root'"* ]]
	run "$BPFKIT" -j btf dump file "$obj" root nosuch_type
	[ "$status" -eq 255 ]
	[ "$(jq -r .error <<<"$output")" = "no type named 'nosuch_type' in this BTF" ]
}

@test "root_id errors: invalid, duplicate, too many, not a number" {
	f="$GOLD/btf_allkinds.btf"
	run "$BPFKIT" btf dump file "$f" root_id 33
	[ "$status" -eq 255 ]
	[ "$output" = "Error: invalid root ID: 33" ]
	run "$BPFKIT" btf dump file "$f" root_id 3 root_id 3
	[ "$output" = "Error: duplicate root_id 3 supplied" ]
	run "$BPFKIT" btf dump file "$f" root_id x
	[ "$output" = "Error: can't parse x as root ID" ]
	args=()
	for i in $(seq 1 17); do args+=(root_id "$i"); done
	run "$BPFKIT" btf dump file "$f" "${args[@]}"
	[ "$output" = "Error: only 16 root_id are supported" ]
}

@test "root NAME and root_id together are capped (256 roots)" {
	f="$GOLD/btf_allkinds.btf"
	args=()
	# names are only resolved after parsing: the cap must count them
	for i in $(seq 1 256); do args+=(root "t$i"); done
	run "$BPFKIT" btf dump file "$f" "${args[@]}" root_id 1
	[ "$status" -eq 255 ]
	[ "$output" = "Error: too many roots (max 256)" ]
	run "$BPFKIT" btf dump file "$f" root_id 1 "${args[@]}"
	[ "$status" -eq 255 ]
	[ "$output" = "Error: too many roots (max 256)" ]
}

# ---- btf show and kernel sources ----

@test "btf show: the loaded object's BTF lists its prog, map and holder" {
	load_show_obj
	run --separate-stderr "$BPFKIT" btf show id "$BTF_ID"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^$BTF_ID:\ name\ \<anon\>\ \ size\ [0-9]+B\ \ prog_ids\ $PROG_ID\ \ map_ids\ $MAP_ID$ ]]
	[ "${lines[1]}" = $'\t'"pids bpfload($HOLDER_PID)" ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "btf show JSON: keys, order and values" {
	load_show_obj
	run --separate-stderr "$BPFKIT" -j btf show id "$BTF_ID"
	[ "$status" -eq 0 ]
	echo "$output" | jq -e --argjson id "$BTF_ID" --argjson p "$PROG_ID" \
		--argjson m "$MAP_ID" --argjson pid "$HOLDER_PID" '
		.id == $id and .size > 0 and .prog_ids == [$p] and .map_ids == [$m] and
		.pids == [{"pid": $pid, "comm": "bpfload"}] and .kernel == false and
		(has("name") | not)' >/dev/null
	[ "$(jq -c keys_unsorted <<<"$output")" = '["id","size","prog_ids","map_ids","pids","kernel"]' ]
}

@test "btf show without a handle lists vmlinux and our object" {
	load_show_obj
	run --separate-stderr "$BPFKIT" btf show
	[ "$status" -eq 0 ]
	[[ "$output" == *"1: name [vmlinux]  size "* ]]
	[[ "$output" == *"$BTF_ID: name <anon>  size "* ]]
	"$BPFKIT" -j btf list >"$TMP/j"
	jq -e --argjson id "$BTF_ID" 'type == "array" and
		(map(select(.id == 1))[0] | .kernel == true and .name == "vmlinux" and .prog_ids == [] and .map_ids == []) and
		(map(.id) | index($id) != null) and (map(.id) == (map(.id) | sort))' "$TMP/j" >/dev/null
}

# Issue 8 item 19: the program walk runs first, and its EPERM was reported
# as "can't get next prog" for a command about BTF objects.
@test "btf show unprivileged: the error names BTF objects and the capability" {
	command -v setpriv >/dev/null || skip_or_fail "needs setpriv (util-linux)"
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$BPFKIT" btf show
	[ "$status" -eq 255 ]
	[[ "$output" == "Error: can't get next BTF object: Operation not permitted (missing CAP_"* ]]
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$BPFKIT" -j btf show
	[ "$status" -eq 255 ]
	jq -e '.error | startswith("can'"'"'t get next BTF object")' <<<"$output" >/dev/null
	# CAP_BPF without CAP_SYS_ADMIN: the walk needs the latter
	run setpriv --bounding-set -sys_admin "$BPFKIT" btf show
	[ "$status" -eq 255 ]
	[ "$output" = "Error: can't get next BTF object: Operation not permitted (missing CAP_SYS_ADMIN: run as root)" ]
}

@test "btf show errors: bad id, bad handle word, arity" {
	require_root_bpf
	run "$BPFKIT" btf show id 4294967295
	[ "$status" -eq 255 ]
	[[ "$output" == "Error: can't get BTF object by id (4294967295): "* ]]
	run "$BPFKIT" btf show name x
	[ "$output" = "Error: expected 'id', got: 'name'?" ]
	run "$BPFKIT" btf show id
	[ "$status" -eq 255 ]
	[ "$output" = "Error: what is 'id'?" ]
	run "$BPFKIT" btf show id abc
	[ "$output" = "Error: can't parse abc as ID" ]
}

@test "btf dump map: key, value, kv (default), all; prog; id" {
	load_show_obj
	run "$BPFKIT" btf dump map id "$MAP_ID"
	[ "$status" -eq 0 ]
	[ "$(grep -c '^\[' <<<"$output")" -eq 2 ]
	[[ "${lines[0]}" == *"TYPEDEF '__u32'"* ]]
	[[ "$output" == *"STRUCT 'btf_show_val' size=16 vlen=2"* ]]
	run "$BPFKIT" btf dump map pinned "$BPFFS/m/btf_show_map" value
	[ "$(grep -c '^\[' <<<"$output")" -eq 1 ]
	[[ "${lines[0]}" == *"STRUCT 'btf_show_val'"* ]]
	run "$BPFKIT" btf dump map id "$MAP_ID" key
	[[ "${lines[0]}" == *"TYPEDEF '__u32'"* ]]
	all=$("$BPFKIT" btf dump map id "$MAP_ID" all | grep -c '^\[')
	byid=$("$BPFKIT" btf dump id "$BTF_ID" | grep -c '^\[')
	byprog=$("$BPFKIT" btf dump prog id "$PROG_ID" | grep -c '^\[')
	[ "$all" -gt 2 ] && [ "$all" -eq "$byid" ] && [ "$byid" -eq "$byprog" ]
	run "$BPFKIT" btf dump map id "$MAP_ID" kv root_id 1
	[ "$status" -eq 255 ]
	[ "$output" = "Error: cannot use root_id with other type filtering" ]
	run "$BPFKIT" -j btf dump map id "$MAP_ID" value
	jq -e '.types[0].kind == "STRUCT"' <<<"$output" >/dev/null
}

@test "btf dump id of a missing object" {
	require_root_bpf
	run "$BPFKIT" btf dump id 4294967295
	[ "$status" -eq 254 ]	# -ENOENT, as bpftool
	[[ "$output" == "Error: can't get BTF object by id (4294967295): "* ]]
	[ "${#lines[@]}" -eq 1 ]
}

# ---- failure paths ----

@test "dump errors: missing file, directory, not BTF, truncated" {
	run "$BPFKIT" btf dump file "$TMP/none"
	[ "$status" -eq 254 ]	# -ENOENT, as bpftool
	[ "$output" = "Error: failed to load BTF from $TMP/none: No such file or directory" ]
	run "$BPFKIT" btf dump file "$TMP"
	[ "$status" -eq 235 ]	# -EISDIR
	[[ "$output" == *"Is a directory" ]]
	echo "hello, world, not BTF at all" >"$TMP/txt"
	run "$BPFKIT" btf dump file "$TMP/txt"
	[ "$status" -eq 234 ]
	[[ "$output" == *"not BTF data (bad magic"* ]]
	for n in 0 10 30 200 800; do
		head -c "$n" "$GOLD/btf_allkinds.btf" >"$TMP/trunc"
		run --separate-stderr "$BPFKIT" btf dump file "$TMP/trunc"
		[ "$status" -eq 234 ]
		[ -z "$output" ]
		[[ "$stderr" == "Error: failed to load BTF from $TMP/trunc: "* ]]
	done
}

@test "dump errors: malformed BTF gets one line and no output" {
	for what in loop valueloop range kind vlen; do
		run --separate-stderr "$BPFKIT" btf dump file "$GOLD/btf_bad_$what.btf"
		[ "$status" -eq 234 ]
		[ -z "$output" ]
		[ "$(wc -l <<<"$stderr")" -eq 1 ]
		[[ "$stderr" == "Error: "* ]]
		run --separate-stderr "$BPFKIT" btf dump file "$GOLD/btf_bad_$what.btf" format c
		[ "$status" -ne 0 ]
		[ -z "$output" ]
	done
	run "$BPFKIT" btf dump file "$GOLD/btf_bad_kind.btf"
	[[ "$output" == *"unknown BTF kind 25 at type id 2"* ]]
	run "$BPFKIT" btf dump file "$GOLD/btf_bad_loop.btf"
	[[ "$output" == *"is part of a loop"* ]]
	run "$BPFKIT" btf dump file "$GOLD/btf_bad_range.btf"
	[[ "$output" == *"refers to type 99"* ]]
	run "$BPFKIT" btf dump file "$GOLD/btf_bad_vlen.btf"
	[[ "$output" == *"runs past the end"* ]]
}

@test "dump errors: a type section off 4-byte alignment is refused" {
	# libbpf 1.1 accepts any header length (found by tests/fuzz)
	base64 -d >"$TMP/a.btf" <<<'n+sBADcAAAAAAAAAHAAAABwAAAADAAAAAQAAAAAAAAEEAAEAAAAAIAAAAAAAAAgBAAAAAAAACQACYI4DDwAM/38AAAABBC4AAGludAAgAAABAAAAAAAAAAAAAGEA'
	for fmt in raw c; do
		run --separate-stderr "$BPFKIT" btf dump file "$TMP/a.btf" format $fmt
		[ "$status" -eq 234 ]
		[ -z "$output" ]
		[ "$stderr" = "Error: malformed BTF: type section is not 4-byte aligned" ]
	done
}

@test "format c appends to an O_APPEND stdout (no sendfile there)" {
	require_vmlinux
	"$BPFKIT" btf dump file "$VMLINUX" format c >"$TMP/plain.h"
	echo "// before" >"$TMP/app.h"
	"$BPFKIT" btf dump file "$VMLINUX" format c >>"$TMP/app.h"
	[ "$(head -1 "$TMP/app.h")" = "// before" ]
	tail -n +2 "$TMP/app.h" | cmp - "$TMP/plain.h"
}

@test "dump errors: format c with -j is ENOTSUP (exit 161)" {
	run --separate-stderr "$BPFKIT" -j btf dump file "$GOLD/btf_allkinds.btf" format c
	[ "$status" -eq 161 ]
	[ "$output" = '{"error":"JSON output for C-syntax dump is not supported"}' ]
}

@test "dump errors: bad keywords" {
	f="$GOLD/btf_allkinds.btf"
	run "$BPFKIT" btf dump file "$f" format x
	[ "$status" -eq 234 ]	# bpftool's -EINVAL
	[ "$output" = "Error: unrecognized format specifier: 'x', possible values: raw, c" ]
	run "$BPFKIT" btf dump file "$f" format
	[ "$status" -eq 234 ]
	[ "$output" = "Error: expecting value for 'format' option" ]
	run "$BPFKIT" btf dump file "$f" bogus
	[ "$status" -eq 234 ]
	[ "$output" = "Error: unrecognized option: 'bogus'" ]
	run "$BPFKIT" btf dump thing x
	[ "$output" = "Error: unrecognized BTF source specifier: 'thing'" ]
	run "$BPFKIT" btf dump file
	[ "$status" -eq 255 ]
	[[ "$output" == *"Usage:"* ]]
	run "$BPFKIT" -j btf dump
	[ "$status" -eq 255 ]
	[ "$output" = null ]
}

@test "btf help: usage on stderr, null under -j" {
	run --separate-stderr "$BPFKIT" btf help
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[[ "$stderr" == *"btf dump BTF_SRC [format FORMAT] [root_id ROOT_ID]... [root NAME]..."* ]]
	run "$BPFKIT" -j btf help
	[ "$output" = null ]
}

# ---- -o ----

@test "-o writes the dump atomically; stdout stays empty" {
	run --separate-stderr "$BPFKIT" -o "$TMP/out" btf dump file "$GOLD/btf_allkinds.btf"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	cmp "$GOLD/btf_allkinds.raw" "$TMP/out"
	[ "$(ls "$TMP")" = out ]
}

@test "-o leaves the previous file untouched when the dump fails" {
	echo previous >"$TMP/vmlinux.h"
	for args in "file $TMP/none format c" "file $GOLD/btf_bad_loop.btf format c" \
		"file $GOLD/btf_allkinds.btf root nosuch format c" "file $GOLD/btf_allkinds.btf root_id 99"; do
		run "$BPFKIT" -o "$TMP/vmlinux.h" btf dump $args
		[ "$status" -ne 0 ]
		[ "$(cat "$TMP/vmlinux.h")" = previous ]
		[ "$(ls "$TMP")" = vmlinux.h ]
	done
}

@test "-o into a directory that does not exist or is not writable" {
	run "$BPFKIT" -o "$TMP/nodir/vmlinux.h" btf dump file "$GOLD/btf_allkinds.btf"
	[ "$status" -eq 255 ]
	[[ "$output" == "Error: can't create a temporary file"* ]]
	[ ! -e "$TMP/nodir" ]
	if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
		mkdir "$TMP/ro" && chmod 555 "$TMP/ro"
		run setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$BPFKIT" -o "$TMP/ro/x.h" btf dump file "$GOLD/btf_allkinds.btf"
		[ "$status" -eq 255 ]
		[[ "$output" == *"can't create a temporary file"* ]]
		[ -z "$(ls "$TMP/ro")" ]
	fi
}

# ---- format c (through the C emitter) ----

@test "format c: a complete header, roots limit it" {
	obj=$(kinds_obj)
	run --separate-stderr "$BPFKIT" btf dump file "$obj" format c
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "#ifndef __VMLINUX_H__" ]
	[ "${lines[-1]}" = "#endif /* __VMLINUX_H__ */" ]
	[[ "$output" == *"struct bits {"* ]]
	run "$BPFKIT" btf dump file "$obj" format c root 'union either'
	[ "$status" -eq 0 ]
	[[ "$output" == *"union either {"* ]]
	[[ "$output" == *"typedef unsigned long long u64_t;"* ]]
	[[ "$output" != *"struct bits {"* ]]
}

@test "format c: vmlinux.h for the running kernel compiles a CO-RE program that loads" {
	require_vmlinux
	setup_bpffs
	"$BPFKIT" -o "$TMP/vmlinux.h" btf dump file "$VMLINUX" format c
	# the same bytes through stdout
	"$BPFKIT" btf dump file "$VMLINUX" format c | cmp - "$TMP/vmlinux.h"
	clang -O2 -g -target bpf -D__TARGET_ARCH_x86 -I"$TMP" \
		-c "$TESTS/bpf/btf_core.bpf.c" -o "$TMP/core.o"
	mkdir "$BPFFS/core"
	"$BPFLOAD" "$TMP/core.o" "$BPFFS/core"
	[ -e "$BPFFS/core/btf_core_rx" ]
	run "$BPFKIT" -j prog show pinned "$BPFFS/core/btf_core_rx"
	jq -e '.type == "tracing" and .btf_id > 0' <<<"$output" >/dev/null
}

@test "a write error is one error line, raw and C" {
	obj=$(kinds_obj)
	for fmt in raw c; do
		run bash -c "'$BPFKIT' btf dump file '$obj' format $fmt >/dev/full"
		[ "$status" -ne 0 ]
		[ "${#lines[@]}" -eq 1 ]
		[[ "${lines[0]}" == "Error: "*"No space left on device" ]]
	done
}

@test "format c: a struct claiming 1 GiB is refused, nothing is written" {
	run --separate-stderr "$BPFKIT" btf dump file "$GOLD/btf_bad_huge.btf"
	[ "$status" -eq 0 ]
	[[ "$output" == *"STRUCT 'a' size=1073741824 vlen=1"* ]]
	run --separate-stderr "$BPFKIT" btf dump file "$GOLD/btf_bad_huge.btf" format c
	[ "$status" -ne 0 ]
	[ -z "$output" ]
	[ "$(wc -l <<<"$stderr")" -eq 1 ]
	[[ "$stderr" == "Error: "* ]]
}
