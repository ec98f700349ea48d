// SPDX-License-Identifier: GPL-2.0-only
/*
 * prog_ops.bats: one program per networking attach point, and a sockmap
 * for the sk_skb/sk_msg attach tests.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} ops_sockmap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} ops_hits SEC(".maps");

static void count(void)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&ops_hits, &k);

	if (v)
		__sync_fetch_and_add(v, 1);
}

SEC("socket")
int ops_sock(struct __sk_buff *skb)
{
	count();
	return skb->len;
}

/* Rewrites the first byte so data_out differs from data_in. */
SEC("xdp")
int ops_xdp(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;

	if (data + 1 > end)
		return XDP_ABORTED;
	data[0] = 0x42;
	return XDP_PASS;
}

SEC("tc")
int ops_tc(struct __sk_buff *skb)
{
	count();
	return 0;	/* TC_ACT_OK */
}

SEC("cgroup_skb/ingress")
int ops_cgskb(struct __sk_buff *skb)
{
	count();
	return 1;
}

SEC("flow_dissector")
int ops_flow(struct __sk_buff *skb)
{
	return BPF_OK;
}

SEC("sk_skb/stream_verdict")
int ops_skv(struct __sk_buff *skb)
{
	return SK_PASS;
}

SEC("sk_msg")
int ops_msg(struct sk_msg_md *msg)
{
	return SK_PASS;
}

char LICENSE[] SEC("license") = "GPL";
