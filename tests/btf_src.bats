#!/usr/bin/env bats
# BTF sources (btf_src.c): trust follows the origin, not the path string;
# pipes and process substitution everywhere (-B too); btfhub tarballs;
# merging split BTF in any order; a bad -B base is checked like any input.

load helpers

GOLD="$TESTS/golden"
VMLINUX=/sys/kernel/btf/vmlinux

setup() {
	setup_tmp
	command -v python3 >/dev/null || skip_or_fail "needs python3"
	python3 "$TESTS/mksplit.py" "$TMP"
}

teardown() {
	teardown_bpffs
	teardown_tmp
}

require_vmlinux() {
	[ -r "$VMLINUX" ] || skip_or_fail "no $VMLINUX"
}

# the raw BTF tarball of btfhub's layout: NAME.btf inside NAME.btf.tar.xz
make_tarball() {
	local name=$1 src=$2
	mkdir -p "$TMP/tar"
	cp "$src" "$TMP/tar/$name.btf"
	tar -C "$TMP/tar" -cJf "$TMP/$name.btf.tar.xz" "$name.btf"
}

@test "merge: split BTF whose names live in the base, in either order" {
	# crashed (SIGSEGV) before: libbpf freed the -B base's bytes while
	# a module's name read from them was being looked up
	cd "$TMP"
	run --separate-stderr "$BPFKIT" -B base.btf btf dump file m1.btf file m2.btf format c
	[ "$status" -eq 0 ]
	[[ "$output" == *"typedef struct shared m1_t;"* ]]
	[[ "$output" == *"typedef struct shared m2_t;"* ]]
	for order in "m1 m2" "m2 m1"; do
		set -- $order
		run --separate-stderr "$BPFKIT" -B base.btf btf dump file $1.btf file $2.btf
		[ "$status" -eq 0 ]
		# the shared struct is deduplicated, both typedefs are there
		[ "$(grep -c "STRUCT 'shared'" <<<"$output")" -eq 1 ]
		grep -q "TYPEDEF 'm1_t'" <<<"$output"
		grep -q "TYPEDEF 'm2_t'" <<<"$output"
	done
}

@test "shared: 6.1 module files merge in any order" {
	require_shared
	local d="$SHARED/btf" b m
	b="$d/vmlinux-6.1.0-56-amd64.btf"
	for order in "nf_conntrack tcp_bbr" "tcp_bbr nf_conntrack" \
		     "kvm tcp_bbr nf_conntrack" "nf_conntrack kvm"; do
		set --
		for m in $order; do
			set -- "$@" file "$d/mod-6.1.0-56-amd64-$m.btf"
		done
		run --separate-stderr "$BPFKIT" -B "$b" btf dump "$@" format c
		[ "$status" -eq 0 ]
		[[ "$output" == *"struct nf_conntrack_l4proto {"* ]] ||
			[[ "$order" != *nf_conntrack* ]]
		run --separate-stderr "$BPFKIT" -B "$b" btf dump "$@"
		[ "$status" -eq 0 ]
	done
}

@test "-B: a corrupt base is refused like any other BTF input" {
	cd "$TMP"
	run --separate-stderr "$BPFKIT" -B bad_base.btf btf dump file m1.btf
	[ "$status" -eq 234 ]
	[ -z "$output" ]
	[ "$stderr" = "Error: base BTF (-B): malformed BTF: type 2 (struct) refers to type 99, past the last type 2" ]
	for what in loop valueloop range kind vlen; do
		run --separate-stderr "$BPFKIT" -B "$GOLD/btf_bad_$what.btf" btf dump file m1.btf
		[ "$status" -eq 234 ]
		[ -z "$output" ]
		[[ "$stderr" == "Error: base BTF (-B): "* ]]
		[ "$(wc -l <<<"$stderr")" -eq 1 ]
	done
	run --separate-stderr "$BPFKIT" -B "$TMP/none" btf dump file m1.btf
	[ "$status" -eq 254 ]
	[ "$stderr" = "Error: base BTF (-B): failed to load BTF from $TMP/none: No such file or directory" ]
}

@test "-B from a pipe: <(cat base) and <(cat vmlinux)" {
	cd "$TMP"
	"$BPFKIT" -B base.btf btf dump file m1.btf >ref
	"$BPFKIT" -B <(cat base.btf) btf dump file m1.btf | cmp - ref
	"$BPFKIT" -B <(cat base.btf) btf dump file <(cat m1.btf) | cmp - ref
	require_vmlinux
	local sl cnt
	sl=$(python3 -c 'import struct,sys
print(struct.unpack("<HBBIIIII", open(sys.argv[1], "rb").read(24))[7])' "$VMLINUX")
	cnt=$("$BPFKIT" -j btf dump file "$VMLINUX" | jq '.types | length + 1')
	python3 "$TESTS/mksplit.py" "$TMP" "$sl" "$cnt"
	run --separate-stderr "$BPFKIT" -B <(cat "$VMLINUX") btf dump file on_base.btf
	[ "$status" -eq 0 ]
	[ "$output" = "[$cnt] INT 'onb_int' size=4 bits_offset=0 nr_bits=32 encoding=(none)
[$((cnt + 1))] TYPEDEF 'onb_t' type_id=$cnt" ]
}

@test "trust by origin: a path through /sys/kernel/btf/ to another file is checked" {
	cp "$GOLD/btf_bad_range.btf" "$TMP/x.btf"
	# the string starts with /sys/kernel/btf/, the file is in /tmp
	for p in "/sys/kernel/btf/../../..$TMP/x.btf" "/sys/kernel/btf/./../../..$TMP/x.btf"; do
		[ -e "$p" ] || skip_or_fail "no /sys/kernel/btf directory"
		for fmt in raw c; do
			run --separate-stderr "$BPFKIT" btf dump file "$p" format $fmt
			[ "$status" -eq 234 ]
			[ -z "$output" ]
			[[ "$stderr" == "Error: malformed BTF: type "*"refers to type 99"* ]]
		done
	done
	# a symlink to it is checked too
	ln -s "$TMP/x.btf" "$TMP/link.btf"
	run --separate-stderr "$BPFKIT" btf dump file "$TMP/link.btf"
	[ "$status" -eq 234 ]
	[[ "$stderr" == "Error: malformed BTF: "* ]]
}

@test "trust by origin: sysfs reached through a symlink is still the kernel's" {
	require_vmlinux
	ln -s "$VMLINUX" "$TMP/vmlinux"
	"$BPFKIT" btf dump file "$VMLINUX" | tail -3 >"$TMP/ref"
	"$BPFKIT" btf dump file "$TMP/vmlinux" | tail -3 | cmp - "$TMP/ref"
	"$BPFKIT" btf dump file "$TMP/vmlinux" format c | grep -q '^struct task_struct {$'
}

@test "pipes: file <(...), raw and C, and a pipe of an ELF object" {
	local f="$GOLD/btf_allkinds.btf" obj
	"$BPFKIT" btf dump file "$f" >"$TMP/ref"
	"$BPFKIT" btf dump file <(cat "$f") | cmp - "$TMP/ref"
	# (allkinds has a bad name offset on purpose, which C refuses)
	"$BPFKIT" btf dump file "$TMP/base.btf" format c >"$TMP/ref.h"
	"$BPFKIT" btf dump file <(cat "$TMP/base.btf") format c | cmp - "$TMP/ref.h"
	command -v clang >/dev/null || skip_or_fail "needs clang"
	obj=$(build_bpf_obj btf_kinds.c)
	"$BPFKIT" btf dump file "$obj" >"$TMP/obj"
	"$BPFKIT" btf dump file <(cat "$obj") | cmp - "$TMP/obj"
}

@test "ELF: an object without .BTF says so" {
	command -v clang >/dev/null || skip_or_fail "needs clang"
	echo 'int x;' | clang -target bpf -c -x c - -o "$TMP/nobtf.o"
	run --separate-stderr "$BPFKIT" btf dump file "$TMP/nobtf.o"
	[ "$status" -eq 254 ]
	[ "$stderr" = "Error: failed to load BTF from $TMP/nobtf.o: ELF file has no .BTF section" ]
}

@test "ELF: .BTF of any machine, class and byte order, through bpf_elf's reader" {
	# a vmlinux or module of another architecture: libelf read these
	# before, bpf_elf.c's reader (one for every ELF) must too
	command -v clang >/dev/null || skip_or_fail "needs clang"
	command -v llvm-objcopy >/dev/null || skip_or_fail "needs llvm-objcopy"
	local f="$GOLD/btf_allkinds.btf" fmt
	"$BPFKIT" btf dump file "$f" >"$TMP/ref"
	echo 'int x;' | clang -c -x c - -o "$TMP/host.o"
	for fmt in elf64-x86-64 elf32-i386 elf64-powerpc elf32-powerpc; do
		llvm-objcopy -O "$fmt" --add-section .BTF="$f" "$TMP/host.o" "$TMP/$fmt.o"
		"$BPFKIT" btf dump file "$TMP/$fmt.o" | cmp - "$TMP/ref"
	done
	# a truncated section table is one clear line
	head -c 200 "$TMP/elf32-i386.o" >"$TMP/short.o"
	run --separate-stderr "$BPFKIT" btf dump file "$TMP/short.o"
	[ "$status" -eq 234 ]
	[[ "$stderr" == "Error: failed to load BTF from $TMP/short.o: not a valid ELF file (truncated: "* ]]
}

@test "tarballs: btfhub's .btf.tar.xz, raw and C, also from a pipe" {
	command -v xz >/dev/null || skip_or_fail "needs xz"
	local f="$GOLD/btf_allkinds.btf"
	make_tarball 5.4.0-42-generic "$f"
	"$BPFKIT" btf dump file "$f" >"$TMP/ref"
	"$BPFKIT" btf dump file "$TMP/5.4.0-42-generic.btf.tar.xz" | cmp - "$TMP/ref"
	"$BPFKIT" btf dump file <(cat "$TMP/5.4.0-42-generic.btf.tar.xz") | cmp - "$TMP/ref"
	make_tarball 6.1.0-1-amd64 "$TMP/base.btf"
	"$BPFKIT" btf dump file "$TMP/base.btf" format c >"$TMP/ref.h"
	"$BPFKIT" btf dump file "$TMP/6.1.0-1-amd64.btf.tar.xz" format c | cmp - "$TMP/ref.h"
	# a tarball is checked like a file
	make_tarball bad "$GOLD/btf_bad_loop.btf"
	run --separate-stderr "$BPFKIT" btf dump file "$TMP/bad.btf.tar.xz"
	[ "$status" -eq 234 ]
	[[ "$stderr" == "Error: malformed BTF: "*"loop"* ]]
}

@test "tarballs: two files, no file, a corrupt stream: one error line each" {
	command -v xz >/dev/null || skip_or_fail "needs xz"
	mkdir "$TMP/two" "$TMP/none"
	cp "$GOLD/btf_allkinds.btf" "$TMP/two/a.btf"
	cp "$GOLD/btf_allkinds.btf" "$TMP/two/b.btf"
	tar -C "$TMP/two" -cJf "$TMP/two.tar.xz" a.btf b.btf
	run --separate-stderr "$BPFKIT" btf dump file "$TMP/two.tar.xz"
	[ "$status" -eq 234 ]
	[ "$stderr" = "Error: failed to load BTF from $TMP/two.tar.xz: the archive holds more than one file" ]
	tar -C "$TMP/none" -cJf "$TMP/none.tar.xz" .
	run --separate-stderr "$BPFKIT" btf dump file "$TMP/none.tar.xz"
	[ "$status" -eq 254 ]
	[ "$stderr" = "Error: failed to load BTF from $TMP/none.tar.xz: the archive holds no file" ]
	make_tarball cut "$GOLD/btf_allkinds.btf"
	head -c 100 "$TMP/cut.btf.tar.xz" >"$TMP/cut2.btf.tar.xz"
	run --separate-stderr "$BPFKIT" btf dump file "$TMP/cut2.btf.tar.xz"
	[ "$status" -ne 0 ]
	[ -z "$output" ]
	[[ "$stderr" == "Error: failed to load BTF from $TMP/cut2.btf.tar.xz: "* ]]
	[ "$(wc -l <<<"$stderr")" -eq 1 ]
}

@test "shared: btfhub's 4.19 tarball dumps" {
	require_shared
	local t
	t=$(ls "$SHARED"/btf/*.btf.tar.xz | head -1)
	run --separate-stderr "$BPFKIT" btf dump file "$t" format c
	[ "$status" -eq 0 ]
	[[ "$output" == *"struct task_struct {"* ]]
}

@test "exit codes as bpftool: missing map BTF is 254, split BTF without -B is 234" {
	setup_bpffs
	"$BPFKIT" map create "$BPFFS/nobtf" type hash key 4 value 4 entries 1 name nobtf_$$
	run --separate-stderr "$BPFKIT" btf dump map pinned "$BPFFS/nobtf"
	[ "$status" -eq 254 ]
	[[ "$stderr" == "Error: map "*" has no BTF" ]]
	run --separate-stderr "$BPFKIT" btf dump file "$TMP/m1.btf"
	[ "$status" -eq 234 ]
	[[ "$stderr" == *"split BTF"*"-B FILE"* ]]
	run --separate-stderr "$BPFKIT" btf dump file "$TMP/m1.btf" extra
	[ "$status" -eq 234 ]
}

# the driver for what no command shows yet (expand, origin, release)
src_driver() {
	build_tool btf_src_driver src/btf/btf_src.c src/btf/bpf_elf.c src/btf/btf_load.c \
		src/btf/btf_type.c src/base/array.c \
		src/cli/error.c src/out/json_writer.c src/out/obuf.c src/kern/libbpf_log.c \
		src/cli/args.c src/cli/cmd.c "$(pkg-config --cflags libarchive)" \
		-lbpf -lelf -lz -lcap -ldl
}

@test "btf_src: origin and release of files, tarballs, sysfs and ids" {
	command -v xz >/dev/null || skip_or_fail "needs xz"
	local drv
	src_driver
	drv=$TBUILD/btf_src_driver
	make_tarball 5.4.0-42-generic "$TMP/base.btf"
	run "$drv" info "$TMP/5.4.0-42-generic.btf.tar.xz"
	[ "$output" = "origin=archive release=5.4.0-42-generic types=3 trusted=0" ]
	make_tarball vmlinux "$TMP/base.btf"
	run "$drv" info "$TMP/vmlinux.btf.tar.xz"
	[ "$output" = "origin=archive release=- types=3 trusted=0" ]
	run "$drv" info "$TMP/base.btf"
	[ "$output" = "origin=file release=- types=3 trusted=0" ]
	require_vmlinux
	run "$drv" info "$VMLINUX"
	[[ "$output" == "origin=sysfs release=$(uname -r) types="*" trusted=1" ]]
	run "$drv" info "/sys/kernel/btf/../btf/vmlinux"
	[[ "$output" == "origin=sysfs release=$(uname -r) "* ]]
	require_root_bpf
	id=$("$BPFKIT" -j btf show | jq '[.[] | select(.name == "vmlinux")][0].id')
	run "$drv" id "$id"
	[[ "$output" == "origin=kernel release=$(uname -r) types="*" trusted=1" ]]
}

@test "btf_src: a directory expands to its BTF files, sorted, symlinks not followed" {
	command -v xz >/dev/null || skip_or_fail "needs xz"
	local drv
	src_driver
	drv=$TBUILD/btf_src_driver
	mkdir -p "$TMP/d/sub/deeper"
	cp "$TMP/base.btf" "$TMP/d/z.btf"
	cp "$TMP/m1.btf" "$TMP/d/sub/a.btf"
	make_tarball 5.4.0-42-generic "$TMP/base.btf"
	cp "$TMP/5.4.0-42-generic.btf.tar.xz" "$TMP/d/sub/deeper/"
	echo "not BTF" >"$TMP/d/sub/notes.txt"
	ln -s "$TMP/base.btf" "$TMP/d/link.btf"
	run "$drv" expand "$TMP/d/"
	[ "$status" -eq 0 ]
	[ "$output" = "$TMP/d/sub/a.btf
$TMP/d/sub/deeper/5.4.0-42-generic.btf.tar.xz
$TMP/d/z.btf" ]
	run "$drv" expand "$TMP/d/z.btf"
	[ "$output" = "$TMP/d/z.btf" ]
	run "$drv" expand "$TMP/none"
	[ "$status" -eq 1 ]
	[ "$output" = "can't open $TMP/none: No such file or directory (-2)" ]
}
