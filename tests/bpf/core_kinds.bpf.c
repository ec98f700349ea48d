// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every CO-RE relocation kind against real kernel types, declared here
 * (not from vmlinux.h) so the test controls exactly what is asked:
 * fields, nested and anonymous members, arrays, bitfields, flavors, type
 * and enum value relocations, in programs and in a subprogram.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#define __pai __attribute__((preserve_access_index))

struct list_head {
	struct list_head *next, *prev;
} __pai;

struct task_struct {
	int pid;
	int tgid;
	unsigned int flags;
	char comm[16];
	struct task_struct *real_parent;
	struct list_head children;
	unsigned int __state;
} __pai;

struct list_head___match {
	struct list_head___match *next, *prev;
} __pai;

/* does not match: the kernel's pid is an int, not a pointer */
struct task_struct___match {
	void *pid;
} __pai;

/* a direct load whose size libbpf adjusts (unsigned 8 -> 4 bytes) */
struct task_struct___sz {
	unsigned long flags;
} __pai;

/* 4.19 still calls it state */
struct task_struct___old {
	long state;
} __pai;

struct sk_buff {
	unsigned int len;
	__u8 pkt_type:3;
	__u16 protocol;
	char cb[48];
} __pai;

enum bpf_map_type___l {
	BPF_MAP_TYPE_HASH___l = 1,
	BPF_MAP_TYPE_RINGBUF___l = 27,
};

struct bpf_iter_meta {
	void *seq;
} __pai;

struct core_kinds_nowhere {
	int x;
} __pai;

typedef unsigned int u32___l;

__u64 out[32];

static __attribute__((noinline)) int sub_read(struct task_struct *t)
{
	out[20] = BPF_CORE_READ(t, real_parent, tgid);
	out[21] = bpf_core_field_size(t->comm);
	return bpf_core_field_exists(t->__state);
}

SEC("raw_tp/sys_enter")
int core_fields(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	struct task_struct___old *o = (void *)t;

	out[0] = BPF_CORE_READ(t, pid);
	out[1] = bpf_core_field_offset(t->tgid);
	out[2] = bpf_core_field_size(t->flags);
	out[3] = bpf_core_field_exists(t->__state);
	out[4] = bpf_core_field_exists(o->state);
	if (bpf_core_field_exists(t->__state))
		out[5] = BPF_CORE_READ(t, __state);
	else
		out[5] = BPF_CORE_READ(o, state);
	out[6] = BPF_CORE_READ(t, comm[3]);
	out[7] = (long)&t->children.prev;
	out[8] = __builtin_preserve_field_info(t->flags, BPF_FIELD_SIGNED);
	out[9] = sub_read(t);
	out[26] = t->tgid;
	out[27] = ((struct task_struct___sz *)t)->flags;
	return 0;
}

SEC("raw_tp/sys_exit")
int core_bits(void *ctx)
{
	struct sk_buff *skb = (void *)bpf_get_current_task();

	out[10] = BPF_CORE_READ_BITFIELD_PROBED(skb, pkt_type);
	out[11] = BPF_CORE_READ(skb, len);
	out[12] = bpf_core_field_offset(skb->cb[2]);
	out[13] = bpf_core_field_size(skb->protocol);
	return 0;
}

SEC("kprobe/do_nanosleep")
int core_types(void *ctx)
{
	out[14] = bpf_core_type_exists(struct bpf_iter_meta);
	out[15] = bpf_core_type_size(struct task_struct);
	out[16] = bpf_core_type_id_kernel(struct task_struct);
	out[17] = bpf_core_type_id_local(struct task_struct);
	out[18] = bpf_core_enum_value_exists(enum bpf_map_type___l,
					     BPF_MAP_TYPE_RINGBUF___l);
	out[19] = bpf_core_enum_value(enum bpf_map_type___l,
				      BPF_MAP_TYPE_HASH___l);
	out[22] = bpf_core_type_exists(struct core_kinds_nowhere);
	/* clang 14 has no type_matches: tests/core_retag turns these into it */
	out[23] = bpf_core_type_exists(struct list_head___match);
	out[29] = bpf_core_type_exists(struct task_struct___match);
	out[24] = bpf_core_type_size(u32___l);
	if (bpf_core_enum_value_exists(enum bpf_map_type___l,
				       BPF_MAP_TYPE_RINGBUF___l))
		out[25] = bpf_core_enum_value(enum bpf_map_type___l,
					      BPF_MAP_TYPE_RINGBUF___l);
	return 0;
}

char _license[] SEC("license") = "GPL";
