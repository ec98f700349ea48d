#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-only
# BTF-to-C emitter (src/btf/btf_c.c): "btf dump ... format c".
#
# Upstream comparisons need ../shared (real kernel BTF and upstream bpftool
# output) and skip without it. The oracle tests compare with libbpf's own
# btf_dump; the compile tests feed the headers to clang -target bpf.

load helpers

setup_file() {
	build_tool btf_c_driver src/btf/btf_c.c src/btf/btf_type.c src/base/array.c src/out/obuf.c -lbpf
	build_tool btf_c_oracle -lbpf
	if command -v clang >/dev/null; then
		clang -O2 -g -target bpf -c "$TESTS/bpf/btfc_tricky.c" \
			-o "$TBUILD/btfc_tricky.o"
	fi
}

setup() {
	DRIVER="$TBUILD/btf_c_driver"
	ORACLE="$TBUILD/btf_c_oracle"
	TRICKY="$TBUILD/btfc_tricky.o"
	WORK=$(mktemp -d)
	# the shared material sits next to the repository
	SHARED="$(git -C "$REPO" rev-parse --show-toplevel 2>/dev/null || echo "$REPO")/../shared"
}

teardown() {
	rm -rf "$WORK"
}

# c_dump [-B BASE] [-u] FILE: the C header on stdout
c_dump() {
	local base="" unsorted=""
	while [ $# -gt 1 ]; do
		case "$1" in
		-B) base=$2; shift 2 ;;
		-u) unsorted=1; shift ;;
		*) break ;;
		esac
	done
	# always the command under test: a broken bpfkit must fail here, not
	# fall back to a driver built from src/
	"$BPFKIT" ${base:+-B "$base"} btf dump file "$1" format c \
		${unsorted:+unsorted}
}

# Upstream drops the first type in sort order (an anonymous enum); we
# print it. Remove our first enum block to compare with upstream's file.
drop_first_enum() {
	awk 's == 0 && $0 == "enum {" { s = 1; next }
	     s == 1 { if ($0 == "};") s = 2; next }
	     s == 2 { s = 3; if ($0 == "") next }
	     { print }'
}

require_btf() {
	[ -f "$SHARED/btf/$1" ] || skip "../shared/btf/$1 is not present (extra checks only)"
	[ -f "$SHARED/expected/$2" ] || skip "../shared/expected/$2 is not present"
}

require_clang() {
	command -v clang >/dev/null || skip "needs clang"
	[ -f "$TRICKY" ] || skip "tricky object was not built"
}

# A BPF program that includes HEADER and touches a kernel struct.
compile_with() {
	local hdr=$1 type=$2
	cat >"$WORK/prog.c" <<EOF
#include "$hdr"
#define SEC(s) __attribute__((section(s), used))
SEC("tp/sched/sched_switch")
int prog(void *ctx)
{
	struct $type *t = ctx;
	return t ? sizeof(*t) : 0;
}
char LICENSE[] SEC("license") = "GPL";
EOF
	clang -O2 -g -target bpf -Wall -Werror -c "$WORK/prog.c" -o "$WORK/prog.o"
}

@test "btf_c: unsorted 6.1 vmlinux is byte-identical to upstream" {
	require_btf vmlinux-6.1.0-56-amd64.btf vmlinux-6.1.0-56-amd64.unsorted.xz
	c_dump -u "$SHARED/btf/vmlinux-6.1.0-56-amd64.btf" >"$WORK/ours.h"
	xz -dc "$SHARED/expected/vmlinux-6.1.0-56-amd64.unsorted.xz" >"$WORK/up.h"
	cmp "$WORK/up.h" "$WORK/ours.h"
}

@test "btf_c: sorted 6.1 vmlinux matches upstream, plus the enum upstream drops" {
	require_btf vmlinux-6.1.0-56-amd64.btf vmlinux-6.1.0-56-amd64.sorted.xz
	c_dump "$SHARED/btf/vmlinux-6.1.0-56-amd64.btf" >"$WORK/ours.h"
	xz -dc "$SHARED/expected/vmlinux-6.1.0-56-amd64.sorted.xz" >"$WORK/up.h"
	# the dropped type is there, right after the preamble
	run sed -n '24,25p' "$WORK/ours.h"
	[ "${lines[0]}" = "enum {" ]
	[ "${lines[1]}" = "	AAFS_LOADDATA_ABI = 0," ]
	drop_first_enum <"$WORK/ours.h" >"$WORK/fixed.h"
	cmp "$WORK/up.h" "$WORK/fixed.h"
}

@test "btf_c: split BTF (kvm module on its vmlinux) matches upstream" {
	require_btf mod-6.1.0-56-amd64-kvm.btf mod-6.1.0-56-amd64-kvm.sorted.xz
	c_dump -B "$SHARED/btf/vmlinux-6.1.0-56-amd64.btf" \
		"$SHARED/btf/mod-6.1.0-56-amd64-kvm.btf" >"$WORK/ours.h"
	xz -dc "$SHARED/expected/mod-6.1.0-56-amd64-kvm.sorted.xz" >"$WORK/up.h"
	drop_first_enum <"$WORK/ours.h" >"$WORK/fixed.h"
	cmp "$WORK/up.h" "$WORK/fixed.h"
}

@test "btf_c: running kernel matches upstream's files when they are for it" {
	[ -f "$SHARED/expected/host-btf.sha256" ] || skip "../shared is not present"
	[ -r /sys/kernel/btf/vmlinux ] || skip "no /sys/kernel/btf/vmlinux"
	local want have
	want=$(awk '{print $1}' "$SHARED/expected/host-btf.sha256")
	have=$(sha256sum /sys/kernel/btf/vmlinux | awk '{print $1}')
	[ "$want" = "$have" ] ||
		skip "../shared/expected/host.* were made from another kernel's BTF"
	c_dump -u /sys/kernel/btf/vmlinux >"$WORK/ours.h"
	xz -dc "$SHARED/expected/host.unsorted.xz" | cmp - "$WORK/ours.h"
	c_dump /sys/kernel/btf/vmlinux | drop_first_enum >"$WORK/fixed.h"
	xz -dc "$SHARED/expected/host.sorted.xz" | cmp - "$WORK/fixed.h"
}

@test "btf_c: tricky C types agree with libbpf's btf_dump" {
	require_clang
	"$ORACLE" "$TRICKY" >"$WORK/oracle.h"
	c_dump -u "$TRICKY" >"$WORK/ours.h"
	diff -u "$WORK/oracle.h" "$WORK/ours.h"
	# the object's kfunc, and the awkward bits, made it out
	grep -qx 'extern int bpf_tricky_kfunc(struct outer \*, int) __weak __ksym;' "$WORK/ours.h"
	grep -q '} __attribute__((packed));' "$WORK/ours.h"
	grep -q '__attribute__((mode(byte))) small;' "$WORK/ours.h"
	grep -q 'void (\* (\*fp)(int))(long);' "$WORK/ours.h"
	grep -qx 'struct fwd_only;' "$WORK/ours.h"
	grep -q 'btf_type_tag("tag1"))) __attribute__((btf_type_tag("tag2"))) \*tagged2;' "$WORK/ours.h"
}

@test "btf_c: tricky types in sorted order agree with a plain full sort" {
	require_clang
	"$ORACLE" -s "$TRICKY" >"$WORK/oracle.h"
	c_dump "$TRICKY" >"$WORK/ours.h"
	diff -u "$WORK/oracle.h" "$WORK/ours.h"
}

@test "btf_c: running kernel in sorted order agrees with a plain full sort" {
	[ -r /sys/kernel/btf/vmlinux ] || skip "no /sys/kernel/btf/vmlinux"
	"$ORACLE" -s /sys/kernel/btf/vmlinux | sed 's/()/(void)/g' >"$WORK/oracle.h"
	c_dump /sys/kernel/btf/vmlinux |
		sed 's/__attribute__((address_space(\([0-9]*\))))/__attribute__((btf_type_tag("address_space(\1)")))/g' \
		>"$WORK/ours.h"
	cmp "$WORK/oracle.h" "$WORK/ours.h"
}

@test "btf_c: split modules in sorted order agree with a plain full sort" {
	require_btf mod-6.1.0-56-amd64-nf_conntrack.btf vmlinux-6.1.0-56-amd64.raw.xz
	local base="$SHARED/btf/vmlinux-6.1.0-56-amd64.btf" m
	for m in nf_conntrack tcp_bbr; do
		"$ORACLE" -s -B "$base" "$SHARED/btf/mod-6.1.0-56-amd64-$m.btf" |
			sed 's/()/(void)/g' >"$WORK/oracle.h"
		c_dump -B "$base" "$SHARED/btf/mod-6.1.0-56-amd64-$m.btf" >"$WORK/ours.h"
		cmp "$WORK/oracle.h" "$WORK/ours.h"
	done
}

@test "btf_c: running kernel agrees with libbpf's btf_dump, up to newer-libbpf changes" {
	[ -r /sys/kernel/btf/vmlinux ] || skip "no /sys/kernel/btf/vmlinux"
	# libbpf 1.1 prints "f()" and type tags the old way; upstream HEAD
	# prints "f(void)" and kflag tags as plain attributes
	"$ORACLE" /sys/kernel/btf/vmlinux | sed 's/()/(void)/g' >"$WORK/oracle.h"
	c_dump -u /sys/kernel/btf/vmlinux |
		sed 's/__attribute__((address_space(\([0-9]*\))))/__attribute__((btf_type_tag("address_space(\1)")))/g' \
		>"$WORK/ours.h"
	diff "$WORK/oracle.h" "$WORK/ours.h" | head -20
	cmp "$WORK/oracle.h" "$WORK/ours.h"
}

@test "btf_c: split module BTF agrees with libbpf's btf_dump" {
	require_btf mod-6.1.0-56-amd64-nf_conntrack.btf vmlinux-6.1.0-56-amd64.raw.xz
	local base="$SHARED/btf/vmlinux-6.1.0-56-amd64.btf"
	"$ORACLE" -B "$base" "$SHARED/btf/mod-6.1.0-56-amd64-nf_conntrack.btf" |
		sed 's/()/(void)/g' >"$WORK/oracle.h"
	c_dump -u -B "$base" "$SHARED/btf/mod-6.1.0-56-amd64-nf_conntrack.btf" >"$WORK/ours.h"
	cmp "$WORK/oracle.h" "$WORK/ours.h"
}

@test "btf_c: vmlinux.h of the running kernel compiles for BPF" {
	require_clang
	[ -r /sys/kernel/btf/vmlinux ] || skip "no /sys/kernel/btf/vmlinux"
	c_dump /sys/kernel/btf/vmlinux >"$WORK/vmlinux.h"
	grep -q '^/\* BPF kfuncs \*/$' "$WORK/vmlinux.h"
	compile_with vmlinux.h task_struct
}

@test "btf_c: vmlinux.h of the 6.1 kernel compiles for BPF" {
	require_clang
	require_btf vmlinux-6.1.0-56-amd64.btf vmlinux-6.1.0-56-amd64.sorted.xz
	c_dump "$SHARED/btf/vmlinux-6.1.0-56-amd64.btf" >"$WORK/vmlinux.h"
	compile_with vmlinux.h sk_buff
}

@test "btf_c: header of the tricky object compiles" {
	require_clang
	c_dump "$TRICKY" >"$WORK/tricky.h"
	compile_with tricky.h outer
}

@test "btf_c: root types give a minimal header without kfuncs that compiles" {
	require_clang
	[ -r /sys/kernel/btf/vmlinux ] || skip "no /sys/kernel/btf/vmlinux"
	"$DRIVER" -R task_struct -R sk_buff /sys/kernel/btf/vmlinux >"$WORK/min.h"
	c_dump /sys/kernel/btf/vmlinux >"$WORK/full.h"
	[ "$(wc -l <"$WORK/min.h")" -lt "$(($(wc -l <"$WORK/full.h") / 4))" ]
	! grep -q 'BPF kfuncs' "$WORK/min.h"
	tail -5 "$WORK/min.h" | grep -qx '#endif /\* __VMLINUX_H__ \*/'
	compile_with min.h task_struct
	compile_with min.h sk_buff
}

# defs_in_header HEADER DEFS: every "/* def N */" block of DEFS (btf_c_driver
# -D) appears verbatim in HEADER; __builtin_va_list, which headers leave to
# the compiler, is the one exception
defs_in_header() {
	python3 - "$1" "$2" <<'EOF'
import re, sys
hdr = open(sys.argv[1]).read()
parts = re.split(r"^/\* def (\d+) \*/\n", open(sys.argv[2]).read(), flags=re.M)
bad = [parts[i] for i in range(1, len(parts), 2)
       if parts[i + 1] not in hdr and "__builtin_va_list" not in parts[i + 1]]
print(f"{len(parts) // 2} definitions, not in the header: {bad[:20]}")
sys.exit(1 if bad or len(parts) < 3 else 0)
EOF
}

@test "btf_c: single definitions and declarations are the header's, names included" {
	require_clang
	c_dump "$TRICKY" >"$WORK/tricky.h"
	"$DRIVER" -D "$TRICKY" >"$WORK/tricky.defs"
	defs_in_header "$WORK/tricky.h" "$WORK/tricky.defs"
	# (enumerators printed a second time kept counting: E1_NEG___2)
	run "$DRIVER" -d cb_t "$TRICKY"
	[ "$status" -eq 0 ]
	line=$(grep '^typedef .*cb_t' "$WORK/tricky.h")
	line=${line#typedef }
	[ "$output" = "${line//cb_t/x}" ] || [ "$output;" = "${line//cb_t/x}" ]
	[ -r /sys/kernel/btf/vmlinux ] || skip "no /sys/kernel/btf/vmlinux"
	c_dump /sys/kernel/btf/vmlinux >"$WORK/v.h"
	"$DRIVER" -D /sys/kernel/btf/vmlinux >"$WORK/v.defs"
	defs_in_header "$WORK/v.h" "$WORK/v.defs"
}

@test "btf_c: invalid root id is an error with no output" {
	require_clang
	run -1 "$DRIVER" -r 999999 "$TRICKY"
	[[ "$output" == "Error: invalid root ID: 999999" ]]
}

# Raw BTF from a list of (kind, type, vlen, size_or_type, extra...) tuples.
mkbtf() {
	python3 - "$@" <<'EOF'
import struct, sys
out, spec = sys.argv[1], sys.argv[2]
types = b""
strs = b"\0a\0"
for item in spec.split(";"):
    f = [int(x) for x in item.split(",")]
    kind, name, vlen, st = f[0], f[1], f[2], f[3]
    types += struct.pack("<III", name, (kind << 24) | vlen, st)
    types += struct.pack("<%dI" % len(f[4:]), *f[4:])
hdr = struct.pack("<HBBIIIII", 0xeB9F, 1, 0, 24, 0, len(types),
                  len(types), len(strs))
open(out, "wb").write(hdr + types + strs)
EOF
}

@test "btf_c: malformed BTF fails cleanly (cycles, self-embedding, bad ids, blow-ups)" {
	command -v python3 >/dev/null || skip "needs python3"
	# [1] PTR -> [2] CONST -> [1]: a loop through modifiers only
	mkbtf "$WORK/loop.btf" "2,0,0,2;10,0,0,1"
	# [1] struct a { struct a x; }: can never be complete
	mkbtf "$WORK/self.btf" "4,1,1,4,1,1,0"
	# [1] typedef a -> [7], which does not exist
	mkbtf "$WORK/badid.btf" "8,1,0,7"
	# a 3000-deep pointer chain, deepest end first in id order
	local spec="1,1,0,4,16777248" i
	for ((i = 2; i < 3000; i++)); do spec+=";2,0,0,$((i + 1))"; done
	mkbtf "$WORK/deep.btf" "$spec;2,0,0,1"
	# anonymous structs 100 wide, nested 4 deep: 10^8 lines of C
	local w="1,1,0,4,16777248" lvl
	for lvl in 2 3 4 5; do
		local esz=$((4 * 100 ** (lvl - 2))) name=0 j m=""
		[ "$lvl" = 5 ] && name=1
		for ((j = 0; j < 100; j++)); do m+=",0,$((lvl - 1)),$((j * esz * 8))"; done
		w+=";4,$name,100,$((100 * esz))$m"
	done
	mkbtf "$WORK/wide.btf" "$w"
	# [1] anonymous struct claiming 4 GiB, behind a typedef
	mkbtf "$WORK/huge.btf" "1,1,0,4,16777248;4,0,1,4278190084,1,1,0;8,1,0,2"
	for f in loop self badid deep wide huge; do
		run "$DRIVER" -u "$WORK/$f.btf"
		[ "$status" -eq 1 ] || { echo "$f: status $status"; false; }
		[[ "$output" == Error:* ]] || { echo "$f: $output"; false; }
		[[ "$output" != *"#ifndef"* ]]
	done
}
