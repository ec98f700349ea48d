// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen skeleton: globals in every data section, arrays of structs, many map
 * kinds, several programs and subprograms, weak symbols, custom sections.
 * tests/gen_loader.c loads it through the generated skeleton: it sets
 * cfg_mult (.rodata) before load, attaches gs_raw_tp to sys_enter, and reads
 * gs_calls/gs_last (.bss) back.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "gen_skel.h"

#define __kconfig __attribute__((section(".kconfig")))

/* .rodata */
const volatile __u32 cfg_mult = 1;
const volatile struct pair cfg_pairs[2] = { { 1, 2 }, { 3, 4 } };
const volatile char cfg_name[16] = "gen-skel";
/* .data */
int gs_data_int = 7;
struct stats gs_data_stats[3] = { { 1, 2, "ab" } };
pair_t gs_pair = { 5, 6 };
void *gs_ptr = (void *)0;
int (*gs_fnptr)(int) = (void *)0;
char gs_c = 'x';
__u64 gs_u64 = 0x1122334455667788ULL;
/* .bss */
__u64 gs_calls;
__u32 gs_last;
struct stats gs_bss_stats[4];
char gs_bss_pad;
long gs_bss_long;
/* weak globals */
__attribute__((weak)) int gs_weak_var = 3;
/* .kconfig */
extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_HZ __kconfig __attribute__((weak));
/* custom sections */
int gs_custom_data SEC(".data.custom") = 11;
struct pair gs_custom_pairs[2] SEC(".data.custom") = { { 9, 9 } };
const volatile int gs_custom_ro SEC(".rodata.custom") = 12;
const volatile char gs_custom_str[5] SEC(".rodata.custom") = "ro!";
int gs_odd_sec SEC(".data.odd-name.v2") = 13;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, struct stats);
} gs_hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} gs_array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} gs_pcpu SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 8);
	__type(key, __u64);
	__type(value, __u32);
} gs_lru SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} gs_ringbuf SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(int));
	__uint(value_size, sizeof(int));
} gs_perf SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} gs_progs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 4);
	__type(value, __u32);
} gs_queue SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 4);
	__type(value, __u32);
} gs_stack SEC(".maps");

struct lpm_key {
	__u32 prefixlen;
	__u32 addr;
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 4);
	__type(key, struct lpm_key);
	__type(value, __u32);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} gs_lpm SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 16);
	__type(value, __u32);
} gs_bloom SEC(".maps");

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} gs_inner SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} gs_outer SEC(".maps") = { .values = { &gs_inner } };

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} gs_sockmap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u64);
} gs_task_store SEC(".maps");

static __attribute__((noinline)) int gs_static_sub(int x)
{
	static int gs_counter;

	gs_counter += x;
	return gs_counter * (int)cfg_mult;
}

__attribute__((noinline)) int gs_global_sub(int x)
{
	return gs_static_sub(x) + gs_data_int;
}

__attribute__((weak, noinline)) int gs_weak_sub(int x)
{
	return x + gs_weak_var;
}

SEC("raw_tp/sys_enter")
int gs_raw_tp(void *ctx)
{
	__u32 k = 0;
	__u64 *v;

	gs_calls++;
	gs_last = cfg_mult * 3 + gs_custom_ro;
	gs_bss_stats[1].packets += gs_global_sub(1) + gs_weak_sub(0);
	gs_bss_long = LINUX_KERNEL_VERSION + CONFIG_HZ;
	gs_custom_data++;
	gs_odd_sec += gs_custom_pairs[0].a + cfg_pairs[1].a + cfg_name[0];
	v = bpf_map_lookup_elem(&gs_array, &k);
	if (v)
		*v += gs_data_stats[0].packets + gs_pair.a + gs_c + gs_u64;
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getpid")
int gs_tp(void *ctx)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&gs_pcpu, &k);

	if (v)
		*v += gs_custom_str[0];
	return 0;
}

SEC("xdp")
int gs_xdp(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("socket")
int gs_sock(struct __sk_buff *skb)
{
	return gs_global_sub(skb->len) > 0;
}

char LICENSE[] SEC("license") = "GPL";
