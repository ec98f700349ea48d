// SPDX-License-Identifier: GPL-2.0-only
/*
 * Real programs that call one helper each, for tests/feature.bats: the
 * program named TYPE__HELPER must load exactly when `feature probe` lists
 * HELPER for TYPE. Arguments are valid, so a refusal can only be the
 * verifier's "this type cannot call that helper".
 */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} vals SEC(".maps");

/* ---- socket_filter ---- */
SEC("socket") int socket_filter__bpf_skb_load_bytes(struct __sk_buff *s)
{
	char b[4];

	return bpf_skb_load_bytes(s, 0, b, sizeof(b)) ? 0 : 1;
}

SEC("socket") int socket_filter__bpf_get_socket_cookie(struct __sk_buff *s)
{
	return bpf_get_socket_cookie(s) & 1;
}

SEC("socket") int socket_filter__bpf_redirect(struct __sk_buff *s)
{
	return bpf_redirect(s->ifindex, 0) & 1;
}

SEC("socket") int socket_filter__bpf_skb_store_bytes(struct __sk_buff *s)
{
	char b[4] = {};

	return bpf_skb_store_bytes(s, 0, b, sizeof(b), 0) & 1;
}

/* ---- xdp ---- */
SEC("xdp") int xdp__bpf_redirect(struct xdp_md *x)
{
	return bpf_redirect(x->ingress_ifindex, 0);
}

SEC("xdp") int xdp__bpf_xdp_adjust_head(struct xdp_md *x)
{
	return bpf_xdp_adjust_head(x, 0) ? XDP_DROP : XDP_PASS;
}

SEC("xdp") int xdp__bpf_bind(struct xdp_md *x)
{
	return bpf_bind((void *)x, 0, 0) ? XDP_DROP : XDP_PASS;
}

SEC("xdp") int xdp__bpf_skb_load_bytes(struct xdp_md *x)
{
	char b[4];

	return bpf_skb_load_bytes(x, 0, b, sizeof(b)) ? XDP_DROP : XDP_PASS;
}

SEC("xdp") int xdp__bpf_copy_from_user(struct xdp_md *x)
{
	char b[4];

	return bpf_copy_from_user(b, sizeof(b), (void *)0) ? XDP_DROP : XDP_PASS;
}

/* ---- sched_cls ---- */
SEC("tc") int sched_cls__bpf_skb_store_bytes(struct __sk_buff *s)
{
	char b[4] = {};

	return bpf_skb_store_bytes(s, 0, b, sizeof(b), 0) & 1;
}

SEC("tc") int sched_cls__bpf_redirect(struct __sk_buff *s)
{
	return bpf_redirect(s->ifindex, 0);
}

SEC("tc") int sched_cls__bpf_xdp_adjust_head(struct __sk_buff *s)
{
	return bpf_xdp_adjust_head((void *)s, 0) & 1;
}

SEC("tc") int sched_cls__bpf_get_current_comm(struct __sk_buff *s)
{
	char c[16];

	(void)s;
	return bpf_get_current_comm(c, sizeof(c)) & 1;
}

/* ---- kprobe (and its sleepable uprobe form) ---- */
SEC("kprobe/do_nanosleep") int kprobe__bpf_get_current_pid_tgid(void *c)
{
	(void)c;
	return bpf_get_current_pid_tgid() & 1;
}

SEC("kprobe/do_nanosleep") int kprobe__bpf_probe_read_kernel(void *c)
{
	long v;

	return bpf_probe_read_kernel(&v, sizeof(v), c) & 1;
}

SEC("kprobe/do_nanosleep") int kprobe__bpf_skb_load_bytes(void *c)
{
	char b[4];

	return bpf_skb_load_bytes(c, 0, b, sizeof(b)) & 1;
}

SEC("uprobe.s//bin/true:main") int kprobe__bpf_copy_from_user(void *c)
{
	char b[4];

	(void)c;
	return bpf_copy_from_user(b, sizeof(b), (void *)0) & 1;
}

/* ---- tracepoint ---- */
SEC("tracepoint/syscalls/sys_enter_nanosleep")
int tracepoint__bpf_get_current_comm(void *c)
{
	char comm[16];

	(void)c;
	return bpf_get_current_comm(comm, sizeof(comm)) & 1;
}

SEC("tracepoint/syscalls/sys_enter_nanosleep")
int tracepoint__bpf_redirect(void *c)
{
	(void)c;
	return bpf_redirect(1, 0) & 1;
}

SEC("tracepoint/syscalls/sys_enter_nanosleep")
int tracepoint__bpf_get_func_ip(void *c)
{
	return bpf_get_func_ip(c) & 1;
}

/* ---- raw_tracepoint ---- */
SEC("raw_tp/sys_enter") int raw_tracepoint__bpf_get_current_task(void *c)
{
	(void)c;
	return bpf_get_current_task() & 1;
}

SEC("raw_tp/sys_enter") int raw_tracepoint__bpf_skb_load_bytes(void *c)
{
	char b[4];

	return bpf_skb_load_bytes(c, 0, b, sizeof(b)) & 1;
}

/* ---- cgroup_skb ---- */
SEC("cgroup_skb/ingress") int cgroup_skb__bpf_skb_load_bytes(struct __sk_buff *s)
{
	char b[4];

	return bpf_skb_load_bytes(s, 0, b, sizeof(b)) ? 1 : 1;
}

SEC("cgroup_skb/ingress") int cgroup_skb__bpf_redirect(struct __sk_buff *s)
{
	return bpf_redirect(s->ifindex, 0) ? 1 : 1;
}

/* ---- cgroup_sock_addr ---- */
SEC("cgroup/connect4") int cgroup_sock_addr__bpf_bind(struct bpf_sock_addr *a)
{
	char sa[16] = {};

	return bpf_bind(a, (void *)sa, sizeof(sa)) ? 1 : 1;
}

SEC("cgroup/connect4") int cgroup_sock_addr__bpf_redirect(struct bpf_sock_addr *a)
{
	return bpf_redirect(a->user_port, 0) ? 1 : 1;
}

/* ---- sk_lookup ---- */
SEC("sk_lookup") int sk_lookup__bpf_sk_assign(struct bpf_sk_lookup *c)
{
	return bpf_sk_assign(c, (void *)0, 0) ? SK_PASS : SK_PASS;
}

SEC("sk_lookup") int sk_lookup__bpf_redirect(struct bpf_sk_lookup *c)
{
	return bpf_redirect(c->ingress_ifindex, 0) ? SK_PASS : SK_PASS;
}

/* ---- syscall ---- */
SEC("syscall") int syscall__bpf_copy_from_user(void *c)
{
	char b[4];

	(void)c;
	return bpf_copy_from_user(b, sizeof(b), (void *)0) & 1;
}

SEC("syscall") int syscall__bpf_map_lookup_elem(void *c)
{
	__u32 k = 0;

	(void)c;
	return bpf_map_lookup_elem(&vals, &k) ? 1 : 0;
}

SEC("syscall") int syscall__bpf_redirect(void *c)
{
	(void)c;
	return bpf_redirect(1, 0) & 1;
}
