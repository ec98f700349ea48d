// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen object / subskeleton: a BPF "library" linked into gen_main.bpf.c's
 * object. Its weak gl_scale() is overridden there; gl_hits and gl_base are
 * its own globals, reached from user space through its subskeleton.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 gl_hits;
const volatile __u32 gl_base = 100;
int gl_shared_weak __attribute__((weak)) = 1;

__attribute__((weak, noinline)) int gl_scale(int x)
{
	return x;
}

__attribute__((noinline)) int gl_count(int x)
{
	gl_hits++;
	return gl_scale(x) + gl_base + gl_shared_weak;
}

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} gl_map SEC(".maps");
