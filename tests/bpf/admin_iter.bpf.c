// SPDX-License-Identifier: GPL-2.0-only
/* iter pin: one line "map ID" per BPF map in the system. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct bpf_iter_meta {
	void *seq;
	__u64 session_id;
	__u64 seq_num;
} __attribute__((preserve_access_index));

struct bpf_map {
	__u32 id;
} __attribute__((preserve_access_index));

struct bpf_iter__bpf_map {
	struct bpf_iter_meta *meta;
	struct bpf_map *map;
} __attribute__((preserve_access_index));

SEC("iter/bpf_map")
int adm_maps(struct bpf_iter__bpf_map *ctx)
{
	static const char fmt[] = "map %u\n";
	struct bpf_map *map = ctx->map;
	__u64 args[1];

	if (!map)
		return 0;
	args[0] = map->id;
	bpf_seq_printf(ctx->meta->seq, fmt, sizeof(fmt), args, sizeof(args));
	return 0;
}

char _license[] SEC("license") = "GPL";
