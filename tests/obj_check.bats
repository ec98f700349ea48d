#!/usr/bin/env bats
# prog load/loadall read the object once and check its ELF layout, .BTF and
# .BTF.ext (obj_check.c) before libbpf 1.1 parses it: libbpf crashes on
# some corrupt .BTF. kernel_btf goes through the BTF source layer too.

load helpers

GOLD="$TESTS/golden"
VMLINUX=/sys/kernel/btf/vmlinux

setup() {
	setup_tmp
	setup_bpffs
	command -v llvm-objcopy >/dev/null || skip_or_fail "needs llvm-objcopy"
	command -v python3 >/dev/null || skip_or_fail "needs python3"
	OBJ=$(build_bpf_obj ops_net.bpf.c)
}

teardown() {
	teardown_bpffs
	teardown_tmp
}

# with_section OUT SECTION FILE: a copy of $OBJ with SECTION replaced
with_section() {
	cp "$OBJ" "$1"
	llvm-objcopy --update-section "$2=$3" "$1"
}

# patch_btf IN OUT: the first VAR of raw BTF IN points at type 55825
# (found by mutating an object: libbpf 1.1 segfaults on it)
patch_btf() {
	python3 - "$1" "$2" <<'EOF'
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
hl, toff, tlen = struct.unpack_from("<III", d, 4)[0], *struct.unpack_from("<II", d, 8)
p, end = hl + toff, hl + toff + tlen
sizes = {1: 4, 3: 12, 4: 12, 5: 12, 6: 8, 13: 8, 14: 4, 15: 12, 17: 4, 19: 12}
while p < end:
    name, info, typ = struct.unpack_from("<III", d, p)
    kind, vlen = (info >> 24) & 0x1f, info & 0xffff
    if kind == 14:
        struct.pack_into("<I", d, p + 8, 55825)
        break
    extra = sizes.get(kind, 0)
    p += 12 + (extra * vlen if kind in (4, 5, 6, 13, 15, 19) else extra)
open(sys.argv[2], "wb").write(d)
EOF
}

@test "prog load: a corrupt .BTF is refused before libbpf sees it" {
	llvm-objcopy --dump-section .BTF="$TMP/net.btf" "$OBJ" "$TMP/tmp.o"
	patch_btf "$TMP/net.btf" "$TMP/var.btf"
	with_section "$TMP/var.o" .BTF "$TMP/var.btf"
	for cmd in load loadall; do
		run --separate-stderr "$BPFKIT" prog $cmd "$TMP/var.o" "$BPFFS/x"
		[ "$status" -eq 255 ]
		[ "$stderr" = "Error: '$TMP/var.o' has a bad .BTF section: malformed BTF: type 18 (var) refers to type 55825, past the last type 57" ] ||
			[[ "$stderr" == "Error: '$TMP/var.o' has a bad .BTF section: malformed BTF: "*"55825"* ]]
		[ ! -e "$BPFFS/x" ]
	done
	for what in loop valueloop range kind vlen; do
		with_section "$TMP/bad.o" .BTF "$GOLD/btf_bad_$what.btf"
		run --separate-stderr "$BPFKIT" prog load "$TMP/bad.o" "$BPFFS/x"
		[ "$status" -eq 255 ]
		[[ "$stderr" == "Error: '$TMP/bad.o' has a bad .BTF section: "* ]]
		[ "$(wc -l <<<"$stderr")" -eq 1 ]
		[ ! -e "$BPFFS/x" ]
	done
}

@test "prog load: a corrupt .BTF.ext is refused with one line" {
	llvm-objcopy --dump-section .BTF.ext="$TMP/ext" "$OBJ" "$TMP/tmp.o"
	# func_info: after the 32-byte header, the record size, then the
	# first section's name and count, then insn_off and type_id
	python3 - "$TMP/ext" "$TMP/ext_type" "$TMP/ext_len" <<'EOF'
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
hl, foff = struct.unpack_from("<II", d, 4)
a = bytearray(d)
struct.pack_into("<I", a, hl + foff + 4 + 8 + 4, 9999)
open(sys.argv[2], "wb").write(a)
b = bytearray(d)
struct.pack_into("<I", b, hl + foff + 4 + 4, 0x7fffffff)
open(sys.argv[3], "wb").write(b)
EOF
	with_section "$TMP/t.o" .BTF.ext "$TMP/ext_type"
	run --separate-stderr "$BPFKIT" prog load "$TMP/t.o" "$BPFFS/x"
	[ "$status" -eq 255 ]
	[ "$stderr" = "Error: '$TMP/t.o': bad .BTF.ext: func_info names type 9999, not a FUNC" ]
	with_section "$TMP/l.o" .BTF.ext "$TMP/ext_len"
	run --separate-stderr "$BPFKIT" prog loadall "$TMP/l.o" "$BPFFS/x"
	[ "$status" -eq 255 ]
	[[ "$stderr" == "Error: '$TMP/l.o': bad .BTF.ext: func_info section of 2147483647 records does not fit" ]]
	[ ! -e "$BPFFS/x" ]
}

@test "prog load: the object may come from a pipe" {
	"$BPFKIT" prog load <(cat "$OBJ") "$BPFFS/p"
	run "$BPFKIT" -j prog show pinned "$BPFFS/p"
	[ "$status" -eq 0 ]
	"$BPFKIT" prog load <(cat "$OBJ") "$BPFFS/q" pinmaps "$BPFFS/maps"
	[ -e "$BPFFS/maps/ops_hits" ]
}

@test "prog load: kernel_btf from a pipe or a tarball; a corrupt one is refused" {
	[ -r "$VMLINUX" ] || skip_or_fail "no $VMLINUX"
	"$BPFKIT" prog load "$OBJ" "$BPFFS/a" kernel_btf <(cat "$VMLINUX")
	[ -e "$BPFFS/a" ]
	mkdir "$TMP/t"
	cp "$VMLINUX" "$TMP/t/6.18.0.btf"
	tar -C "$TMP/t" -cJf "$TMP/k.btf.tar.xz" 6.18.0.btf
	"$BPFKIT" prog load "$OBJ" "$BPFFS/b" kernel_btf "$TMP/k.btf.tar.xz"
	[ -e "$BPFFS/b" ]
	run --separate-stderr "$BPFKIT" prog load "$OBJ" "$BPFFS/c" kernel_btf "$GOLD/btf_bad_loop.btf"
	[ "$status" -eq 255 ]
	[[ "$stderr" == "Error: kernel_btf: malformed BTF: "*"loop"* ]]
	[ ! -e "$BPFFS/c" ]
}

@test "core check: an object whose .BTF is corrupt is refused, as prog load does" {
	for what in loop valueloop range; do
		with_section "$TMP/c.o" .BTF "$GOLD/btf_bad_$what.btf"
		run --separate-stderr "$BPFKIT" core check "$TMP/c.o"
		[ "$status" -ne 0 ]
		[[ "$stderr" == "Error: $TMP/c.o: bad .BTF: malformed BTF: "* ]]
		[ "$(wc -l <<<"$stderr")" -eq 1 ]
	done
}
