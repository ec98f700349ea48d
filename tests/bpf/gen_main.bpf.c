// SPDX-License-Identifier: GPL-2.0-only
/* gen object: the program half of the link with gen_lib.bpf.c. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int gl_count(int x);
extern __u64 gl_hits;
__u64 gm_seen;
__u64 gm_hits;

/* overrides gen_lib's weak definition */
__attribute__((noinline)) int gl_scale(int x)
{
	return 2 * x;
}

SEC("raw_tp/sys_enter")
int gm_raw_tp(void *ctx)
{
	gm_seen = gl_count(1);
	gm_hits = gl_hits;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
