// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen skeleton: sections .data.x-y and .data.x_y both become the member
 * data_x_y; bpftool 7.1 prints a header that does not compile, bpfkit
 * refuses with one error line.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int clash_a SEC(".data.x-y") = 1;
int clash_b SEC(".data.x_y") = 2;

SEC("socket")
int clash_prog(void *ctx)
{
	return clash_a + clash_b;
}

char LICENSE[] SEC("license") = "GPL";
