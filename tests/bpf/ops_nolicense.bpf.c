// SPDX-License-Identifier: GPL-2.0-only
/* prog_ops.bats: calls a GPL-only helper but has no license section. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("socket")
int ops_nolic(struct __sk_buff *skb)
{
	bpf_printk("no license");
	return 0;
}
