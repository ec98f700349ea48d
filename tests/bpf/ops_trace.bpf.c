// SPDX-License-Identifier: GPL-2.0-only
/* prog_ops.bats: programs that autoattach, and one that prints. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 ops_calls;

SEC("raw_tp/sys_enter")
int ops_rawtp(void *ctx)
{
	__sync_fetch_and_add(&ops_calls, 1);
	return 0;
}

SEC("tracepoint/sched/sched_process_exec")
int ops_tp(void *ctx)
{
	__sync_fetch_and_add(&ops_calls, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
