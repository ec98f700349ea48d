// SPDX-License-Identifier: GPL-2.0-only
/* prog_ops.bats: a socket filter that leaves a marker in the trace pipe. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("socket")
int ops_printk(struct __sk_buff *skb)
{
	bpf_printk("bpfkit-ops-marker len=%u", skb->len);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
