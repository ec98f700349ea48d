// SPDX-License-Identifier: GPL-2.0-only
/* BTF-based attach targets, one per kind "core check" looks up. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("fentry/do_nanosleep")
int att_fentry(void *ctx)
{
	return 0;
}

SEC("lsm/file_open")
int att_lsm(void *ctx)
{
	return 0;
}

SEC("iter/task")
int att_iter(void *ctx)
{
	return 0;
}

SEC("tp_btf/sched_switch")
int att_tp_btf(void *ctx)
{
	return 0;
}

char _license[] SEC("license") = "GPL";
