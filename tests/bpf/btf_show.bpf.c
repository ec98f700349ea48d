// SPDX-License-Identifier: GPL-2.0-only
/* A program and a map sharing one BTF object: "btf show" must list both. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct btf_show_val {
	__u64 packets;
	__u32 flags;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct btf_show_val);
} btf_show_map SEC(".maps");

SEC("socket")
int btf_show_prog(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct btf_show_val *v = bpf_map_lookup_elem(&btf_show_map, &key);

	if (v)
		__sync_fetch_and_add(&v->packets, 1);
	return skb->len;
}

char _license[] SEC("license") = "GPL";
