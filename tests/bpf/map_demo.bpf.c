// SPDX-License-Identifier: GPL-2.0-only
/*
 * Maps with BTF of every shape the value printer handles: structs, unions,
 * arrays, strings, bitfields, enums, pointers, bools, chars, signed ints,
 * per-CPU values, map-in-map and a prog array. No global data: libbpf
 * cannot pin maps named with a dot (map_sec.bpf.c has those).
 */
#include <stdbool.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

enum color { RED, GREEN, BLUE = 7 };

struct stats {
	__u64 packets;
	__u64 bytes;
};

struct kv {
	__u32 id;
	enum color c;
	char tag[8];
};

struct mixed {
	int neg;
	signed char sc;
	bool flag;
	unsigned short us;
	unsigned int a:3, b:5, c:12;
	union {
		__u32 word;
		unsigned char bytes[4];
	} u;
	void *ptr;
	__s64 big;
	__u8 raw[3];
	struct stats nested[2];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__uint(map_flags, BPF_F_ZERO_SEED);	/* same order every load */
	__type(key, __u32);
	__type(value, struct stats);
} map_counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} map_pcpu SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct kv);
} map_things SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct mixed);
} map_mixed SEC(".maps");

/* no bitfields: the dump's fast plans flatten all of it */
struct flat {
	int neg;
	short s;
	__s8 tiny;
	char label[5];
	union {
		__u32 w;
		__u16 h[2];
	} u;
	struct stats nested[2];
	enum color c;
	const volatile __u64 arr[3];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct flat);
} map_flat SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, struct stats);
} map_pcpu_hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 8);
	__type(key, __u64);
	__type(value, __u32);
} map_lru SEC(".maps");

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} map_inner SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} map_outer SEC(".maps") = {
	.values = { [0] = &map_inner },
};

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} map_jmp SEC(".maps");

SEC("socket")
int map_sock(struct __sk_buff *skb)
{
	__u32 k = 0;
	struct stats *s = bpf_map_lookup_elem(&map_counters, &k);
	struct kv *t = bpf_map_lookup_elem(&map_things, &k);
	struct mixed *m = bpf_map_lookup_elem(&map_mixed, &k);
	struct flat *f = bpf_map_lookup_elem(&map_flat, &k);
	__u64 *p = bpf_map_lookup_elem(&map_pcpu, &k);
	struct stats *ph = bpf_map_lookup_elem(&map_pcpu_hash, &k);
	__u64 lk = 0;
	__u32 *l = bpf_map_lookup_elem(&map_lru, &lk);
	void *in = bpf_map_lookup_elem(&map_outer, &k);

	if (s)
		s->packets++;
	if (t)
		t->id++;
	if (m)
		m->neg--;
	if (f)
		f->neg--;
	if (p)
		(*p)++;
	if (ph)
		ph->bytes++;
	if (l)
		(*l)++;
	bpf_tail_call(skb, &map_jmp, 0);
	return in ? skb->len : 0;
}

char LICENSE[] SEC("license") = "GPL";
