/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Link info as the running kernel fills it (up to 6.18), and its rendering.
 * Debian's linux/bpf.h (6.1) lacks most of the bpf_link_info union, so the
 * layout is ours; the kernel copies min(our size, its size), so a bigger or
 * smaller struct is fine either way.
 */
#ifndef BPFKIT_LINK_INFO_H
#define BPFKIT_LINK_INFO_H

#include <limits.h>
#include <stdbool.h>
#include <linux/types.h>

enum bk_link_type {
	BK_LINK_RAW_TP = 1,
	BK_LINK_TRACING = 2,
	BK_LINK_CGROUP = 3,
	BK_LINK_ITER = 4,
	BK_LINK_NETNS = 5,
	BK_LINK_XDP = 6,
	BK_LINK_PERF_EVENT = 7,
	BK_LINK_KPROBE_MULTI = 8,
	BK_LINK_STRUCT_OPS = 9,
	BK_LINK_NETFILTER = 10,
	BK_LINK_TCX = 11,
	BK_LINK_UPROBE_MULTI = 12,
	BK_LINK_NETKIT = 13,
	BK_LINK_SOCKMAP = 14,
	BK_LINK_NR
};

enum bk_perf_event_type {
	BK_PERF_UNSPEC = 0,
	BK_PERF_UPROBE = 1,
	BK_PERF_URETPROBE = 2,
	BK_PERF_KPROBE = 3,
	BK_PERF_KRETPROBE = 4,
	BK_PERF_TRACEPOINT = 5,
	BK_PERF_EVENT = 6,
	BK_PERF_NR
};

/*
 * The kernel's layout exactly: 64-bit members 8-aligned (__aligned_u64,
 * or the kernel's explicit padding) on every architecture, i386 included.
 */
struct bk_link_info {
	__u32 type;
	__u32 id;
	__u32 prog_id;
	union {
		struct {
			__aligned_u64 tp_name;
			__u32 tp_name_len;
			__u32 :32;
			__aligned_u64 cookie;
		} raw_tracepoint;
		struct {
			__u32 attach_type;
			__u32 target_obj_id;
			__u32 target_btf_id;
			__u32 :32;
			__aligned_u64 cookie;
		} tracing;
		struct {
			__aligned_u64 cgroup_id;
			__u32 attach_type;
		} cgroup;
		struct {
			__aligned_u64 target_name;
			__u32 target_name_len;
			union {
				struct {
					__u32 map_id;
				} map;
			};
			union {
				struct {
					__aligned_u64 cgroup_id;
					__u32 order;
				} cgroup;
				struct {
					__u32 tid;
					__u32 pid;
				} task;
			};
		} iter;
		struct {
			__u32 netns_ino;
			__u32 attach_type;
		} netns;
		struct {
			__u32 ifindex;
		} xdp;
		struct {
			__u32 map_id;
		} struct_ops;
		struct {
			__u32 pf;
			__u32 hooknum;
			__s32 priority;
			__u32 flags;
		} netfilter;
		struct {
			__aligned_u64 addrs;
			__u32 count;
			__u32 flags;
			__aligned_u64 missed;
			__aligned_u64 cookies;
		} kprobe_multi;
		struct {
			__aligned_u64 path;
			__aligned_u64 offsets;
			__aligned_u64 ref_ctr_offsets;
			__aligned_u64 cookies;
			__u32 path_size;
			__u32 count;
			__u32 flags;
			__u32 pid;
		} uprobe_multi;
		struct {
			__u32 type;
			__u32 :32;
			union {
				struct {
					__aligned_u64 file_name;
					__u32 name_len;
					__u32 offset;
					__aligned_u64 cookie;
					__aligned_u64 ref_ctr_offset;
				} uprobe;
				struct {
					__aligned_u64 func_name;
					__u32 name_len;
					__u32 offset;
					__aligned_u64 addr;
					__aligned_u64 missed;
					__aligned_u64 cookie;
				} kprobe;
				struct {
					__aligned_u64 tp_name;
					__u32 name_len;
					__u32 :32;
					__aligned_u64 cookie;
				} tracepoint;
				struct {
					__aligned_u64 config;
					__u32 type;
					__u32 :32;
					__aligned_u64 cookie;
				} event;
			};
		} perf_event;
		struct {
			__u32 ifindex;
			__u32 attach_type;
		} tcx, netkit;	/* one layout: link_info.c reads both as tcx */
		struct {
			__u32 map_id;
			__u32 attach_type;
		} sockmap;
		/* room for members of kernels newer than this header */
		__u8 pad[128];
	};
} __attribute__((aligned(8)));

/* Offsets as include/uapi/linux/bpf.h has them, whatever the ABI. */
#define BK_LINK_AT(m, off) \
	_Static_assert(__builtin_offsetof(struct bk_link_info, m) == (off), \
		       "struct bk_link_info: " #m " is not where the kernel has it")
BK_LINK_AT(raw_tracepoint.cookie, 32);
BK_LINK_AT(tracing.cookie, 32);
BK_LINK_AT(iter.cgroup.cgroup_id, 32);
BK_LINK_AT(kprobe_multi.missed, 32);
BK_LINK_AT(uprobe_multi.pid, 60);
BK_LINK_AT(perf_event.uprobe.ref_ctr_offset, 48);
BK_LINK_AT(perf_event.kprobe.cookie, 56);
BK_LINK_AT(perf_event.tracepoint.cookie, 40);
BK_LINK_AT(perf_event.event.cookie, 40);

/* A link's info plus the buffers its pointers were aimed at. */
struct link_data {
	struct bk_link_info info;
	char name[PATH_MAX];	/* tp_name, target_name, func/file name */
	char path[PATH_MAX];	/* uprobe_multi path */
	__u64 *arr[3];		/* kprobe/uprobe_multi arrays */
};

/* Per-command rendering state (kernel symbols, loaded on first need). */
struct link_ctx;

struct link_ctx *link_ctx_new(void);
void link_ctx_free(struct link_ctx *c);

/* Fill d from fd (two info calls when strings/arrays are wanted). */
int link_data_get(int fd, struct link_data *d);
void link_data_release(struct link_data *d);

/* "ID: TYPE  prog N  " / {"id","type","prog_id"} */
void link_render_header(const struct link_data *d);
/* The per-type detail, plain and JSON through one code path. */
void link_render_detail(struct link_ctx *c, const struct link_data *d);
/* The bpf_cookie of a perf_event link; false for other types. */
bool link_perf_cookie(const struct link_data *d, __u64 *cookie);

#endif
