// SPDX-License-Identifier: GPL-2.0-only
/*
 * prog dump tests: a socket filter whose translated image has map
 * references (.data/.rodata/.bss values, hash and array maps), helper
 * calls, a bpf-to-bpf call, a bpf_loop callback (ld_imm64 of a function),
 * 64-bit constants, 32-bit ALU and jumps, atomics, byte swaps and loads
 * and stores of every size. Built with -mcpu=v3.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} dump_hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} dump_arr SEC(".maps");

const volatile __u32 dump_limit = 7;	/* .rodata */
__u64 dump_data_var = 3;		/* .data */
__u64 dump_bss_var;			/* .bss */

struct loop_ctx {
	__u64 sum;
};

static int loop_cb(__u32 i, void *data)
{
	struct loop_ctx *c = data;

	c->sum += i * 3;
	return 0;
}

__attribute__((noinline)) int dump_sub(__u32 x, __u64 y)
{
	if ((int)x < 0)
		return -1;
	return (x * 5 + (__u32)y) >> 1;
}

SEC("socket")
int dump_ops(struct __sk_buff *skb)
{
	struct loop_ctx lc = { .sum = 0 };
	volatile __u8 b = 1;
	volatile __u16 h = 2;
	volatile __u32 w = 3;
	volatile __u64 d = 4;
	__u32 k = 0, i;
	__u64 *v, old;

	v = bpf_map_lookup_elem(&dump_hash, &k);
	if (v) {
		__sync_fetch_and_add(v, 1);
		old = __sync_fetch_and_or(v, 2);
		__sync_fetch_and_and(v, ~4ULL);
		__sync_fetch_and_xor(v, old);
		__sync_lock_test_and_set(v, 5);
		__sync_val_compare_and_swap(v, 5, 6);
	}
	v = bpf_map_lookup_elem(&dump_arr, &k);
	if (v)
		*v += bpf_ktime_get_ns() & 0xffff;
	bpf_loop(4, loop_cb, &lc, 0);
	for (i = 0; i < dump_limit && i < 16; i++) {
		if (i & 1)
			continue;
		dump_bss_var += i;
	}
	b += skb->len;
	h += bpf_htons(skb->protocol);
	w += bpf_htonl(skb->mark);
	d += bpf_cpu_to_be64(dump_data_var) + 0x1122334455667788ULL;
	dump_data_var = d;
	if ((__s64)d > -100 && (__s32)w != 9)
		lc.sum += dump_sub(w, d);
	if (lc.sum > 0xfffffffffULL)
		return 1;
	return (b + h + w + lc.sum) & 0xff;
}

char LICENSE[] SEC("license") = "GPL";
