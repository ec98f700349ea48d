// SPDX-License-Identifier: GPL-2.0-only
/* A socket filter that sends a small record through a perf event array. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} map_events SEC(".maps");

SEC("socket")
int map_perf_sock(struct __sk_buff *skb)
{
	struct {
		__u32 magic;
		__u32 len;
	} rec = { 0xfeedbeef, skb->len };

	bpf_perf_event_output(skb, &map_events, BPF_F_CURRENT_CPU, &rec,
			      sizeof(rec));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
