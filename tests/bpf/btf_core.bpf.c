// SPDX-License-Identifier: GPL-2.0-only
/*
 * CO-RE against the vmlinux.h that "btf dump ... format c" generated: if
 * the header is wrong, this does not compile, or does not load.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>

int last_ifindex;

SEC("tp_btf/netif_receive_skb")
int BPF_PROG(btf_core_rx, struct sk_buff *skb)
{
	last_ifindex = BPF_CORE_READ(skb, dev, ifindex);
	return 0;
}

char _license[] SEC("license") = "GPL";
