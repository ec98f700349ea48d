// SPDX-License-Identifier: GPL-2.0-only
/*
 * One program per problem class "core check" reports, so each verdict can
 * be pinned on the program that causes it: an unguarded field (fails where
 * the field is gone), a kfunc, a weak kfunc, a typed ksym, a ring buffer
 * map and its helper, a helper libbpf adapts, a BTF-based attach target.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#define __pai __attribute__((preserve_access_index))

struct task_struct {
	int pid;
	unsigned int __state;
} __pai;

struct task_struct___old {
	long state;
} __pai;

/* signed and wider than the kernel's int pid: libbpf will not resize it */
struct task_struct___sz {
	long pid;
} __pai;

extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern void bpf_kfunc_nowhere(void) __ksym __weak;
extern const int bpf_prog_active __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

/* reads __state without asking: breaks where it is called state */
SEC("raw_tp/sys_enter")
int prob_field(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&counts, &k);

	if (v)
		*v = BPF_CORE_READ(t, __state);
	return 0;
}

/* the same, guarded: never a failure */
SEC("raw_tp/sys_exit")
int prob_guarded(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	struct task_struct___old *o = (void *)t;
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&counts, &k);

	if (!v)
		return 0;
	if (bpf_core_field_exists(t->__state))
		*v = BPF_CORE_READ(t, __state);
	else
		*v = BPF_CORE_READ(o, state);
	return 0;
}

/*
 * The guard's result goes through a variable: only a walk that follows
 * each path with its own constants, as the verifier does, sees that the
 * old field is read only where __state does not exist.
 */
SEC("raw_tp/sys_exit")
int prob_paths(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	struct task_struct___old *o = (void *)t;
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&counts, &k);
	int how;

	if (!v)
		return 0;
	if (bpf_core_field_exists(t->__state))
		how = 1;
	else
		how = 2;
	asm volatile("" : "+r"(how));
	if (how == 2)
		*v = BPF_CORE_READ(o, state);
	return 0;
}

/* reads __state without asking; only ever called when it exists */
static __attribute__((noinline)) __u64 read_state(struct task_struct *t)
{
	return BPF_CORE_READ(t, __state);
}

SEC("raw_tp/sys_exit")
int prob_subcall(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&counts, &k);

	if (v && bpf_core_field_exists(t->__state))
		*v = read_state(t);
	return 0;
}

SEC("tp_btf/sched_switch")
int prob_kfunc(__u64 *ctx)
{
	struct task_struct *t = bpf_task_acquire((void *)ctx[1]);

	if (t)
		bpf_task_release(t);
	if (bpf_kfunc_nowhere)
		bpf_kfunc_nowhere();
	return 0;
}

SEC("kprobe/do_nanosleep")
int prob_ring(void *ctx)
{
	__u64 x = 1, y = 0;

	bpf_probe_read_kernel(&y, sizeof(y), &x);
	bpf_ringbuf_output(&events, &y, sizeof(y), 0);
	return 0;
}

SEC("kprobe/do_nanosleep")
int prob_ksym(void *ctx)
{
	return *(int *)&bpf_prog_active;
}

SEC("kprobe/do_nanosleep")
int prob_size(void *ctx)
{
	struct task_struct___sz *t = (void *)bpf_get_current_task();

	return t->pid;
}

char _license[] SEC("license") = "GPL";
