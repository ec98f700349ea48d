// SPDX-License-Identifier: GPL-2.0-only
/*
 * show tests: two programs sharing maps, .rodata metadata, a long name
 * (full name from BTF), a raw tracepoint program for links.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} show_counts SEC(".maps");

volatile const char bpf_metadata_owner[] = "show-team";
volatile const int bpf_metadata_build = 42;
volatile int show_hits;

SEC("socket")
int show_sock(struct __sk_buff *skb)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&show_counts, &k);

	if (v)
		__sync_fetch_and_add(v, 1);
	show_hits++;
	return bpf_metadata_build ? 0 : 1;
}

SEC("xdp")
int show_xdp_with_a_long_name(struct xdp_md *ctx)
{
	return bpf_metadata_build ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
