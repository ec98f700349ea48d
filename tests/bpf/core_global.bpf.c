// SPDX-License-Identifier: GPL-2.0-only
/*
 * core check: a global subprogram that reads a field without asking,
 * called only when the field exists. Kernels since 6.8 verify it only
 * when called from code they reach; older ones verify it regardless.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct task_struct {
	unsigned int __state;
} __attribute__((preserve_access_index));

__attribute__((noinline)) int glob_state(__u64 tp)
{
	struct task_struct *t = (void *)tp;

	return BPF_CORE_READ(t, __state);
}

SEC("raw_tp/sys_exit")
int glob_guarded(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();

	if (bpf_core_field_exists(t->__state))
		return glob_state((__u64)t);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
