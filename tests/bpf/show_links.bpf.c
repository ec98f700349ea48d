// SPDX-License-Identifier: GPL-2.0-only
/* link show tests: one program per link type tests/mklinks can create. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_iter_meta {
	void *seq;
	__u64 session_id;
	__u64 seq_num;
} __attribute__((preserve_access_index));

struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	void *task;
} __attribute__((preserve_access_index));

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} show_sockmap SEC(".maps");

SEC("raw_tp/sys_enter")
int show_rawtp(void *ctx)
{
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getppid")
int show_tp(void *ctx)
{
	return 0;
}

SEC("cgroup_skb/egress")
int show_cgskb(struct __sk_buff *skb)
{
	return 1;
}

SEC("xdp")
int show_lxdp(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("tc")
int show_tcx(struct __sk_buff *skb)
{
	return 0;
}

SEC("flow_dissector")
int show_flow(struct __sk_buff *skb)
{
	return 1;	/* BPF_DROP: let the kernel dissector do the work */
}

SEC("iter/task")
int show_iter(struct bpf_iter__task *ctx)
{
	return 0;
}

/* the same iterator, limited to one process (mklinks itself) */
SEC("iter/task")
int show_iter_pid(struct bpf_iter__task *ctx)
{
	return 0;
}

SEC("lsm/file_open")
int show_lsm(unsigned long long *ctx)
{
	return 0;
}

SEC("sk_skb/stream_verdict")
int show_skv(struct __sk_buff *skb)
{
	return SK_PASS;
}

/* perf_event link on a uprobe (mklinks' own probe target) */
SEC("uprobe")
int show_uprobe(void *ctx)
{
	return 0;
}

/* uprobe_multi link: mklinks sets the expected attach type */
SEC("uprobe")
int show_umulti(void *ctx)
{
	return 0;
}

/* perf_event link on a software page-faults event */
SEC("perf_event")
int show_pevent(void *ctx)
{
	return 0;
}

/* netfilter link: mklinks sets the program type (libbpf 1.1 lacks it) */
SEC("socket")
int show_nf(void *ctx)
{
	return 1;	/* NF_ACCEPT */
}

char LICENSE[] SEC("license") = "GPL";
