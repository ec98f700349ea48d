#!/usr/bin/env bats
# Command line: dispatch, prefixes, options, version, help, batch, errors.

load helpers

@test "version prints bpfkit and libbpf versions" {
	run "$BPFKIT" version
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "bpfkit v"* ]]
	[[ "${lines[1]}" == "using libbpf v"* ]]
}

@test "version -j is valid JSON with version keys" {
	run "$BPFKIT" -j version
	[ "$status" -eq 0 ]
	echo "$output" | jq -e '.version and .libbpf_version and .features' >/dev/null
}

@test "-V is version" {
	run "$BPFKIT" -V
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "bpfkit v"* ]]
}

@test "no arguments prints help and exits 0" {
	run "$BPFKIT"
	[ "$status" -eq 0 ]
	[[ "$output" == *"OBJECT := { prog | map | link | "*" }"* ]]
}

@test "unknown option: one error line, usage, exit 255" {
	run "$BPFKIT" --bogus
	[ "$status" -eq 255 ]
	[[ "${lines[0]}" == "Error: unrecognized option '--bogus'" ]]
}

@test "unknown option under -j: only a JSON error" {
	run --separate-stderr "$BPFKIT" -j -x
	[ "$status" -eq 255 ]
	[ "$(echo "$output" | jq -r .error)" = "unrecognized option '-x'" ]
}

@test "unknown object prints help and exits 255" {
	run "$BPFKIT" bogus
	[ "$status" -eq 255 ]
	[[ "$output" == *"Usage:"* ]]
}

@test "-j help prints null" {
	run "$BPFKIT" -j prog help
	[ "$status" -eq 0 ]
	[ "$output" = "null" ]
}

@test "prefix b is batch, bt is btf, v is version" {
	run "$BPFKIT" b
	[ "$status" -eq 255 ]
	[[ "$output" == *"too few parameters for batch"* ]]
	run "$BPFKIT" v
	[ "$status" -eq 0 ]
	[[ "$output" == "bpfkit v"* ]]
	run "$BPFKIT" bt help
	[ "$status" -eq 0 ]
	[[ "$output" == *"btf"* ]]
}

@test "batch: comments, continuation and quotes" {
	f=$(mktemp)
	printf '# comment\nversion # trailing\n\nversion \\\n  # cont\n"version"\n' >"$f"
	run "$BPFKIT" batch file "$f"
	rm -f "$f"
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "processed 3 commands" ]
}

@test "batch -j: array of command/output objects" {
	run "$BPFKIT" -j batch file - <<<$'version\nversion'
	[ "$status" -eq 0 ]
	echo "$output" | jq -e 'length == 2 and .[0].command == ["version"] and .[1].output.version' >/dev/null
}

@test "batch stops at the first failing line with its error" {
	run "$BPFKIT" -j batch file - <<<$'version\nbogus\nversion'
	[ "$status" -eq 255 ]
	echo "$output" | jq -e 'length == 2' >/dev/null
}

@test "batch errors: arity, keyword, missing file, unterminated quote" {
	run "$BPFKIT" batch file
	[[ "$output" == *"too few parameters for batch"* ]]
	run "$BPFKIT" batch file a b
	[[ "$output" == *"too many parameters for batch"* ]]
	run "$BPFKIT" batch fil x
	[[ "$output" == *"can't open file (x)"* ]]
	run "$BPFKIT" batch xyz f
	[[ "$output" == *"expected 'file', got: xyz"* ]]
	run "$BPFKIT" batch file - <<<'version "oops'
	[ "$status" -eq 255 ]
	[[ "$output" == *"unterminated quoted string"* ]]
}

@test "JSON errors escape quotes and control characters" {
	run "$BPFKIT" -j batch file $'a"b\x01c'
	[ "$status" -eq 255 ]
	echo "$output" | jq -e '.error | test("a\"b\u0001c")' >/dev/null
}

@test "pretty JSON layout matches bpftool's" {
	run "$BPFKIT" -p version
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "{" ]
	[ "${lines[1]}" = '    "version": "0.1.0",' ]
	[ "${lines[-1]}" = "}" ]
}

@test "a write error on stdout is reported" {
	run "$BPFKIT" version >/dev/full
	run bash -c "'$BPFKIT' version >/dev/full"
	[ "$status" -ne 0 ]
	[[ "$output" == *"writing to stdout failed"* ]]
}

@test "bpfload helper loads and pins into a private bpffs" {
	setup_bpffs
	obj=$(build_bpf_obj cli_basic.bpf.c)
	mkdir "$BPFFS/p"
	"$BPFLOAD" "$obj" "$BPFFS/p" --maps "$BPFFS"
	[ -e "$BPFFS/p/cli_sock" ]
	[ -e "$BPFFS/cli_counts" ]
}

teardown() {
	teardown_bpffs
}

@test "-o writes the file only on success and leaves the old one otherwise" {
	d=$(mktemp -d)
	echo old >"$d/out"
	run "$BPFKIT" -o "$d/out" version
	[ "$status" -eq 0 ]
	grep -q "^bpfkit v" "$d/out"
	cp "$d/out" "$d/before"
	run "$BPFKIT" -o "$d/out" prog show id 4294967295
	[ "$status" -ne 0 ]
	cmp "$d/out" "$d/before"
	[ "$(ls "$d" | wc -l)" -eq 2 ]
	run "$BPFKIT" -o "$d/nodir/out" version
	[ "$status" -eq 255 ]
	[[ "$output" == *"can't create a temporary file"* ]]
	rm -rf "$d"
}

# Issue 8 item 7: lines were read in 64 KiB pieces and a piece after the
# first ran as a command, even when the whole line was a comment.
@test "batch: a long commented-out line never runs its tail" {
	setup_bpffs
	local f m="$BPFFS/long$$"
	"$BPFKIT" map create "$m" type hash key 4 value 4 entries 4 name long_batch
	"$BPFKIT" map update pinned "$m" key 1 0 0 0 value 7 0 0 0
	f=$(mktemp)
	# the old 65535-byte read ended exactly before "map delete"
	{ printf '#'; head -c 65534 /dev/zero | tr '\0' x
	  printf 'map delete pinned %s key 1 0 0 0\nversion\n' "$m"; } >"$f"
	run "$BPFKIT" batch file "$f"
	rm -f "$f"
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "processed 1 commands" ]
	run "$BPFKIT" map lookup pinned "$m" key 1 0 0 0
	[ "$status" -eq 0 ]
	[[ "$output" == *"value: 07 00 00 00"* ]]
}

@test "batch: lines and continuations longer than 64 KiB run whole" {
	local f
	f=$(mktemp)
	{ printf 'version'; head -c 100000 /dev/zero | tr '\0' ' '; printf '\\\n'
	  head -c 70000 /dev/zero | tr '\0' ' '; printf '\n'
	  printf '"version"'; head -c 200000 /dev/zero | tr '\0' '\t'; printf '# x\n'; } >"$f"
	run "$BPFKIT" -j batch file "$f"
	rm -f "$f"
	[ "$status" -eq 0 ]
	echo "$output" | jq -e 'length == 2 and .[1].command == ["version"]' >/dev/null
}

# Issue 8 item 18: features.llvm was true even where no libLLVM loads.
@test "version: features are true to this bpfkit, plain and JSON agree" {
	run "$BPFKIT" -j version
	[ "$status" -eq 0 ]
	jq -e '.features | (keys | sort) == ["bootstrap","libbfd","llvm","pids","skeletons"] and
		.pids == true and .skeletons == false and .libbfd == false and .bootstrap == false' \
		<<<"$output" >/dev/null
	local on
	on=$(jq -r '[.features | to_entries[] | select(.value) | .key] | join(", ")' <<<"$output")
	run "$BPFKIT" version
	[ "${lines[2]}" = "features: $on" ]
	# no libLLVM: no llvm feature, and prog dump jited says why
	BPFKIT_LLVM_LIB=/nonexistent/libLLVM.so run "$BPFKIT" -j version
	jq -e '.features.llvm == false' <<<"$output" >/dev/null
	BPFKIT_LLVM_LIB=/nonexistent/libLLVM.so run "$BPFKIT" version
	[ "${lines[2]}" = "features: pids" ]
	# with a libLLVM the jited dump can use, the feature is on
	if BPFKIT_LLVM_LIB= "$BPFKIT" -j version | jq -e '.features.llvm' >/dev/null; then
		run "$BPFKIT" version
		[[ "${lines[2]}" == "features: llvm, pids" ]]
	fi
}
