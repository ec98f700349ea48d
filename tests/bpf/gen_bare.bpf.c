// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen skeleton: one program, no maps and no globals; built with and
 * without -g (an object without BTF), and under long and odd file names.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("socket")
int bare_a_rather_long_program_name_for_the_skeleton_fields(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
