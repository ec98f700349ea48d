// SPDX-License-Identifier: GPL-2.0-only
/*
 * core check: two struct_ops maps of different kernel structs; each
 * program attaches to the struct of the map that points at it.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct sock;
struct bpf_dummy_ops_state;

struct tcp_congestion_ops {
	void (*init)(struct sock *sk);
	__u32 (*ssthresh)(struct sock *sk);
	/* left unset: where the kernel lacks it, libbpf passes it over */
	void (*cong_avoid)(struct sock *sk, __u32 ack, __u32 acked);
	char name[16];
};

struct bpf_dummy_ops {
	int (*test_1)(struct bpf_dummy_ops_state *cb);
};

SEC("struct_ops/ops_cc_init")
void ops_cc_init(unsigned long long *ctx)
{
}

SEC("struct_ops/ops_cc_ssthresh")
__u32 ops_cc_ssthresh(unsigned long long *ctx)
{
	return 2;
}

SEC("struct_ops/ops_dummy_test")
int ops_dummy_test(unsigned long long *ctx)
{
	return 0;
}

SEC(".struct_ops")
struct tcp_congestion_ops ops_cc = {
	.init = (void *)ops_cc_init,
	.ssthresh = (void *)ops_cc_ssthresh,
	.name = "ops_cc",
};

SEC(".struct_ops")
struct bpf_dummy_ops ops_dummy = {
	.test_1 = (void *)ops_dummy_test,
};

char LICENSE[] SEC("license") = "GPL";
