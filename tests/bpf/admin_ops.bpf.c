// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct_ops tests: a TCP congestion control. Its name is set at build
 * time (-DADM_CC_NAME) so that concurrent test runs never collide.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#ifndef ADM_CC_NAME
#define ADM_CC_NAME "bpfkit_adm"
#endif

struct sock;

/* libbpf matches members by name against the kernel's BTF */
struct tcp_congestion_ops {
	__u32 (*ssthresh)(struct sock *sk);
	void (*cong_avoid)(struct sock *sk, __u32 ack, __u32 acked);
	__u32 (*undo_cwnd)(struct sock *sk);
	char name[16];
};

SEC("struct_ops/adm_ssthresh")
__u32 adm_ssthresh(unsigned long long *ctx)
{
	return 2;
}

SEC("struct_ops/adm_cong_avoid")
void adm_cong_avoid(unsigned long long *ctx)
{
}

SEC("struct_ops/adm_undo_cwnd")
__u32 adm_undo_cwnd(unsigned long long *ctx)
{
	return 2;
}

SEC(".struct_ops")
struct tcp_congestion_ops adm_cc = {
	.ssthresh = (void *)adm_ssthresh,
	.cong_avoid = (void *)adm_cong_avoid,
	.undo_cwnd = (void *)adm_undo_cwnd,
	.name = ADM_CC_NAME,
};

char LICENSE[] SEC("license") = "GPL";
