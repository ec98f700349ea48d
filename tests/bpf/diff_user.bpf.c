// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/btf_diff.bats: an object that uses struct s (CO-RE), hooks func f1
 * and tracepoint tp1 of the BTF tests/btf_build.c writes, and calls kfunc
 * f2, so `btf diff ... object` keeps exactly those. Opened, never loaded.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct s {
	int a;
} __attribute__((preserve_access_index));

extern int f2(int x) __ksym;

SEC("fentry/f1") int on_f1(unsigned long long *ctx)
{
	struct s *p = (void *)ctx[0];

	return p->a + f2(1);
}

SEC("tp_btf/tp1") int on_tp1(unsigned long long *ctx)
{
	return ctx[0] & 1;
}
