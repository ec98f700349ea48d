// SPDX-License-Identifier: GPL-2.0-only
/*
 * Enums of every size in one map value, for bpftool's matching rule: the
 * value is read sign-extended from the enum's size, each enumerator
 * sign-extended from 32 bits, so 200 in a 1-byte enum matches no name.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

enum e8u { U8A = 200, U8B = 3 } __attribute__((packed));
enum e8s { S8A = -1, S8B = 5 } __attribute__((packed));
enum e16 { X16 = 40000, Y16 = 2 } __attribute__((packed));
enum e32 { X32 = 0xffffffffu, Y32 = 7 };
enum e32s { Z32 = -7, W32 = 9 };
enum e64 { X64 = 0xffffffffffffffffULL, Y64 = 1 };

struct enums {
	enum e8u a;
	enum e8s b;
	enum e16 c;
	enum e32 d;
	enum e32s e;
	enum e64 f;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct enums);
} map_enums SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getpid")
int enums_prog(void *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&map_enums, &k) != 0;
}

char LICENSE[] SEC("license") = "GPL";
