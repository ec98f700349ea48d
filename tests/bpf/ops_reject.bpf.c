// SPDX-License-Identifier: GPL-2.0-only
/* prog_ops.bats: the verifier must refuse this out-of-bounds ctx read. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("socket")
int ops_reject(struct __sk_buff *skb)
{
	return *(volatile __u32 *)((char *)skb + 1000);
}

char LICENSE[] SEC("license") = "GPL";
