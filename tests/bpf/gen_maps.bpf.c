// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen skeleton (golden only, never loaded): the map kinds gen_skel.bpf.c
 * does not have, a hash of maps, and a static variable inside a function
 * (not exposed in the skeleton).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define MAP(name, kind)						\
	struct {						\
		__uint(type, kind);				\
		__uint(max_entries, 4);				\
		__type(key, __u32);				\
		__type(value, __u32);				\
	} name SEC(".maps")

MAP(m_percpu_hash, BPF_MAP_TYPE_PERCPU_HASH);
MAP(m_lru_percpu, BPF_MAP_TYPE_LRU_PERCPU_HASH);
MAP(m_devmap, BPF_MAP_TYPE_DEVMAP);
MAP(m_devmap_hash, BPF_MAP_TYPE_DEVMAP_HASH);
MAP(m_cpumap, BPF_MAP_TYPE_CPUMAP);
MAP(m_xskmap, BPF_MAP_TYPE_XSKMAP);
MAP(m_sockhash, BPF_MAP_TYPE_SOCKHASH);
MAP(m_cgroup_array, BPF_MAP_TYPE_CGROUP_ARRAY);
MAP(m_reuseport, BPF_MAP_TYPE_REUSEPORT_SOCKARRAY);

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, 4);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, 127 * sizeof(__u64));
} m_stack_trace SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_USER_RINGBUF);
	__uint(max_entries, 4096);
} m_user_ringbuf SEC(".maps");

#define STORAGE(name, kind)					\
	struct {						\
		__uint(type, kind);				\
		__uint(map_flags, BPF_F_NO_PREALLOC);		\
		__type(key, int);				\
		__type(value, __u64);				\
	} name SEC(".maps")

STORAGE(m_sk_storage, BPF_MAP_TYPE_SK_STORAGE);
STORAGE(m_inode_storage, BPF_MAP_TYPE_INODE_STORAGE);
STORAGE(m_cgrp_storage, 32);	/* BPF_MAP_TYPE_CGRP_STORAGE, newer than the uapi headers */

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_STORAGE);
	__type(key, struct bpf_cgroup_storage_key);
	__type(value, __u64);
} m_cgroup_storage SEC(".maps");

struct inner_hash {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} m_inner SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner_hash);
} m_hash_of_maps SEC(".maps");

SEC("cgroup_skb/ingress")
int maps_skb(struct __sk_buff *skb)
{
	static __u32 calls;
	__u64 *v = bpf_get_local_storage(&m_cgroup_storage, 0);

	calls++;
	if (v)
		*v += calls;
	return 1;
}

char LICENSE[] SEC("license") = "GPL";
