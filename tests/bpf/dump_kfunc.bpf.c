// SPDX-License-Identifier: GPL-2.0-only
/* prog dump tests: kfunc calls (resolved by libbpf against vmlinux BTF). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

SEC("socket")
int dump_kfunc(struct __sk_buff *skb)
{
	__u32 len;

	bpf_rcu_read_lock();
	len = skb->len;
	bpf_rcu_read_unlock();
	return len & 1;
}

char LICENSE[] SEC("license") = "GPL";
