// SPDX-License-Identifier: GPL-2.0-only
/* A big hash map with a BTF-described value, for bench/map.sh and the tests. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

enum mb_state { MB_IDLE, MB_BUSY, MB_DONE };

struct mb_value {
	__u64 packets;
	__u64 bytes;
	__u32 flags;
	enum mb_state state;
	char name[8];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 100000);
	__type(key, __u32);
	__type(value, struct mb_value);
} mb_big SEC(".maps");

SEC("socket")
int mb_sock(struct __sk_buff *skb)
{
	__u32 k = skb->len;
	struct mb_value *v = bpf_map_lookup_elem(&mb_big, &k);

	if (v)
		v->packets++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
