// SPDX-License-Identifier: GPL-2.0-only
/* Global data: .rodata, .data and .bss maps dump as BTF DATASECs. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile char bpf_metadata_owner[] = "map-team";
const volatile int bpf_metadata_build = 42;
__u32 msec_hits;
__u64 msec_val = 5;
char msec_name[6] = "abc";

SEC("socket")
int msec_sock(struct __sk_buff *skb)
{
	msec_hits++;
	msec_val += msec_name[0];
	return bpf_metadata_build ? skb->len + bpf_metadata_owner[0] : 0;
}

char LICENSE[] SEC("license") = "GPL";
