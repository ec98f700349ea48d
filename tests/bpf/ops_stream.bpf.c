// SPDX-License-Identifier: GPL-2.0-only
/* prog_ops.bats: a socket filter that writes to its BPF stdout stream. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int bpf_stream_vprintk_impl(int stream_id, const char *fmt__str,
				   const void *args, __u32 len__sz,
				   void *aux__prog) __ksym __weak;

SEC("socket")
int ops_stream(struct __sk_buff *skb)
{
	__u64 args[1] = { skb->len };

	bpf_stream_vprintk_impl(1, "bpfkit-stream len=%llu\n", args,
				sizeof(args), 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
