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
