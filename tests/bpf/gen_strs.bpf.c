// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen subskeleton: a string literal lands in .rodata.str1.1, an internal
 * map with no BTF DATASEC. bpftool 7.1 then prints no subskeleton at all
 * (and exits 0); bpfkit prints it, with that map among the maps.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int strs_seen;

SEC("raw_tp/sys_enter")
int strs_prog(void *ctx)
{
	strs_seen++;
	bpf_trace_printk("strs\n", sizeof("strs\n"));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
