// SPDX-License-Identifier: GPL-2.0-only
/* gen skeleton: a struct_ops map, its programs, compiler string sections. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct sock;

struct tcp_congestion_ops {
	void (*init)(struct sock *sk);
	__u32 (*ssthresh)(struct sock *sk);
	void (*cong_avoid)(struct sock *sk, __u32 ack, __u32 acked);
	char name[16];
};

const char gs_fmt[] = "ops %d\n";

SEC("struct_ops/gs_init")
void gs_init(unsigned long long *ctx)
{
	bpf_printk("gs_init %d", 1);
}

SEC("struct_ops/gs_ssthresh")
__u32 gs_ssthresh(unsigned long long *ctx)
{
	bpf_trace_printk(gs_fmt, sizeof(gs_fmt), 2);
	return 2;
}

SEC(".struct_ops")
struct tcp_congestion_ops gs_cc = {
	.init = (void *)gs_init,
	.ssthresh = (void *)gs_ssthresh,
	.name = "gs_cc",
};

char LICENSE[] SEC("license") = "GPL";
