// SPDX-License-Identifier: GPL-2.0-only
/* gen skeleton: maps and globals but no program. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} mo_hash SEC(".maps");

int mo_counter = 1;
const volatile char mo_ro[3] = "ro";
