// SPDX-License-Identifier: GPL-2.0-only
/* Programs for the admin views: cgroup, net, perf and iter tests. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("cgroup_skb/ingress")
int adm_ingress(struct __sk_buff *skb)
{
	return 1;
}

SEC("cgroup_skb/egress")
int adm_egress(struct __sk_buff *skb)
{
	return 1;
}

SEC("cgroup_skb/egress")
int adm_egress_with_a_long_name(struct __sk_buff *skb)
{
	return 1;
}

SEC("cgroup/sock_create")
int adm_sock(struct bpf_sock *sk)
{
	return 1;
}

SEC("xdp")
int adm_xdp(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("xdp")
int adm_xdp2(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("tc")
int adm_tc(struct __sk_buff *skb)
{
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getppid")
int adm_tp(void *ctx)
{
	return 0;
}

char _license[] SEC("license") = "GPL";

SEC("flow_dissector")
int adm_flow(struct __sk_buff *skb)
{
	return 1;	/* BPF_DROP: the kernel dissector does the work */
}

SEC("raw_tp/sys_enter")
int adm_rawtp(void *ctx)
{
	return 0;
}

SEC("sk_lookup")
int adm_lookup(struct bpf_sk_lookup *ctx)
{
	return SK_PASS;
}
