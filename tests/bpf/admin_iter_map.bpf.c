// SPDX-License-Identifier: GPL-2.0-only
/* iter pin ... map MAP: "KEY VALUE" per element of a u32 -> u64 map. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_iter_meta {
	void *seq;
	__u64 session_id;
	__u64 seq_num;
} __attribute__((preserve_access_index));

struct bpf_iter__bpf_map_elem {
	struct bpf_iter_meta *meta;
	void *map;
	void *key;
	void *value;
} __attribute__((preserve_access_index));

/* only here so that the program's key/value accesses are typed */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} adm_elems SEC(".maps");

SEC("iter/bpf_map_elem")
int adm_elem(struct bpf_iter__bpf_map_elem *ctx)
{
	static const char fmt[] = "%u %llu\n";
	__u32 *key = ctx->key;
	__u64 *val = ctx->value, args[2];

	if (!key || !val)
		return 0;
	args[0] = *key;
	args[1] = *val;
	bpf_seq_printf(ctx->meta->seq, fmt, sizeof(fmt), args, sizeof(args));
	return 0;
}

char _license[] SEC("license") = "GPL";
