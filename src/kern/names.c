// SPDX-License-Identifier: GPL-2.0-only
/*
 * Name tables, indexed by the UAPI enums so a new value can never shift the
 * names. Generated once from a 6.18 kernel's BTF, then extended by hand with
 * values from newer kernels; the strings are the ones libbpf and bpftool
 * print, so output stays interchangeable.
 */
#include <string.h>

#include "main.h"
#include "names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const prog_names[] = {
	[0] = "unspec",
	[1] = "socket_filter",
	[2] = "kprobe",
	[3] = "sched_cls",
	[4] = "sched_act",
	[5] = "tracepoint",
	[6] = "xdp",
	[7] = "perf_event",
	[8] = "cgroup_skb",
	[9] = "cgroup_sock",
	[10] = "lwt_in",
	[11] = "lwt_out",
	[12] = "lwt_xmit",
	[13] = "sock_ops",
	[14] = "sk_skb",
	[15] = "cgroup_device",
	[16] = "sk_msg",
	[17] = "raw_tracepoint",
	[18] = "cgroup_sock_addr",
	[19] = "lwt_seg6local",
	[20] = "lirc_mode2",
	[21] = "sk_reuseport",
	[22] = "flow_dissector",
	[23] = "cgroup_sysctl",
	[24] = "raw_tracepoint_writable",
	[25] = "cgroup_sockopt",
	[26] = "tracing",
	[27] = "struct_ops",
	[28] = "ext",
	[29] = "lsm",
	[30] = "sk_lookup",
	[31] = "syscall",
	[32] = "netfilter",
};

static const char *const map_names[] = {
	[0] = "unspec",
	[1] = "hash",
	[2] = "array",
	[3] = "prog_array",
	[4] = "perf_event_array",
	[5] = "percpu_hash",
	[6] = "percpu_array",
	[7] = "stack_trace",
	[8] = "cgroup_array",
	[9] = "lru_hash",
	[10] = "lru_percpu_hash",
	[11] = "lpm_trie",
	[12] = "array_of_maps",
	[13] = "hash_of_maps",
	[14] = "devmap",
	[15] = "sockmap",
	[16] = "cpumap",
	[17] = "xskmap",
	[18] = "sockhash",
	[19] = "cgroup_storage",
	[20] = "reuseport_sockarray",
	[21] = "percpu_cgroup_storage",
	[22] = "queue",
	[23] = "stack",
	[24] = "sk_storage",
	[25] = "devmap_hash",
	[26] = "struct_ops",
	[27] = "ringbuf",
	[28] = "inode_storage",
	[29] = "task_storage",
	[30] = "bloom_filter",
	[31] = "user_ringbuf",
	[32] = "cgrp_storage",
	[33] = "arena",
	[34] = "insn_array",
	[35] = "rhash",		/* resizable hash (after 6.19) */
};

static const char *const link_names[] = {
	[0] = "unspec",
	[1] = "raw_tracepoint",
	[2] = "tracing",
	[3] = "cgroup",
	[4] = "iter",
	[5] = "netns",
	[6] = "xdp",
	[7] = "perf_event",
	[8] = "kprobe_multi",
	[9] = "struct_ops",
	[10] = "netfilter",
	[11] = "tcx",
	[12] = "uprobe_multi",
	[13] = "netkit",
	[14] = "sockmap",
};

static const char *const attach_names[] = {
	[0] = "cgroup_inet_ingress",
	[1] = "cgroup_inet_egress",
	[2] = "cgroup_inet_sock_create",
	[3] = "cgroup_sock_ops",
	[4] = "sk_skb_stream_parser",
	[5] = "sk_skb_stream_verdict",
	[6] = "cgroup_device",
	[7] = "sk_msg_verdict",
	[8] = "cgroup_inet4_bind",
	[9] = "cgroup_inet6_bind",
	[10] = "cgroup_inet4_connect",
	[11] = "cgroup_inet6_connect",
	[12] = "cgroup_inet4_post_bind",
	[13] = "cgroup_inet6_post_bind",
	[14] = "cgroup_udp4_sendmsg",
	[15] = "cgroup_udp6_sendmsg",
	[16] = "lirc_mode2",
	[17] = "flow_dissector",
	[18] = "cgroup_sysctl",
	[19] = "cgroup_udp4_recvmsg",
	[20] = "cgroup_udp6_recvmsg",
	[21] = "cgroup_getsockopt",
	[22] = "cgroup_setsockopt",
	[23] = "trace_raw_tp",
	[24] = "trace_fentry",
	[25] = "trace_fexit",
	[26] = "modify_return",
	[27] = "lsm_mac",
	[28] = "trace_iter",
	[29] = "cgroup_inet4_getpeername",
	[30] = "cgroup_inet6_getpeername",
	[31] = "cgroup_inet4_getsockname",
	[32] = "cgroup_inet6_getsockname",
	[33] = "xdp_devmap",
	[34] = "cgroup_inet_sock_release",
	[35] = "xdp_cpumap",
	[36] = "sk_lookup",
	[37] = "xdp",
	[38] = "sk_skb_verdict",
	[39] = "sk_reuseport_select",
	[40] = "sk_reuseport_select_or_migrate",
	[41] = "perf_event",
	[42] = "trace_kprobe_multi",
	[43] = "lsm_cgroup",
	[44] = "struct_ops",
	[45] = "netfilter",
	[46] = "tcx_ingress",
	[47] = "tcx_egress",
	[48] = "trace_uprobe_multi",
	[49] = "cgroup_unix_connect",
	[50] = "cgroup_unix_sendmsg",
	[51] = "cgroup_unix_recvmsg",
	[52] = "cgroup_unix_getpeername",
	[53] = "cgroup_unix_getsockname",
	[54] = "netkit_primary",
	[55] = "netkit_peer",
	[56] = "trace_kprobe_session",
	[57] = "trace_uprobe_session",
	[58] = "trace_fsession",
};

static const char *const btf_kinds[] = {
	[0] = "UNKNOWN", [1] = "INT", [2] = "PTR", [3] = "ARRAY",
	[4] = "STRUCT", [5] = "UNION", [6] = "ENUM", [7] = "FWD",
	[8] = "TYPEDEF", [9] = "VOLATILE", [10] = "CONST", [11] = "RESTRICT",
	[12] = "FUNC", [13] = "FUNC_PROTO", [14] = "VAR", [15] = "DATASEC",
	[16] = "FLOAT", [17] = "DECL_TAG", [18] = "TYPE_TAG", [19] = "ENUM64",
};

static const char *lookup(const char *const *tab, size_t n, __u32 v)
{
	return v < n ? tab[v] : NULL;
}

const char *prog_type_name(__u32 t)
{
	return lookup(prog_names, ARRAY_SIZE(prog_names), t);
}

const char *map_type_name(__u32 t)
{
	return lookup(map_names, ARRAY_SIZE(map_names), t);
}

const char *link_type_name(__u32 t)
{
	return lookup(link_names, ARRAY_SIZE(link_names), t);
}

const char *attach_type_name(__u32 t)
{
	return lookup(attach_names, ARRAY_SIZE(attach_names), t);
}

const char *btf_kind_name(__u32 k)
{
	return lookup(btf_kinds, ARRAY_SIZE(btf_kinds), k);
}

static int rlookup(const char *const *tab, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tab[i] && !strcmp(tab[i], name))
			return i;
	return -1;
}

int prog_type_parse(const char *name)
{
	return rlookup(prog_names, ARRAY_SIZE(prog_names), name);
}

int map_type_parse(const char *name)
{
	return rlookup(map_names, ARRAY_SIZE(map_names), name);
}

/* bpftool's short spellings for "prog attach", tried before the full names */
static const struct {
	const char *name;
	int type;
} attach_aliases[] = {
	{ "msg_verdict",	7 },	/* BPF_SK_MSG_VERDICT */
	{ "skb_verdict",	38 },	/* BPF_SK_SKB_VERDICT */
	{ "stream_verdict",	5 },	/* BPF_SK_SKB_STREAM_VERDICT */
	{ "stream_parser",	4 },	/* BPF_SK_SKB_STREAM_PARSER */
	{ "flow_dissector",	17 },	/* BPF_FLOW_DISSECTOR */
};

/*
 * The short input spellings bpftool's cgroup commands have always taken
 * ("ingress", "bind4", ...); types without one are typed by full name.
 */
static const char *const attach_input_names[] = {
	[0] = "ingress",
	[1] = "egress",
	[2] = "sock_create",
	[3] = "sock_ops",
	[6] = "device",
	[8] = "bind4",
	[9] = "bind6",
	[10] = "connect4",
	[11] = "connect6",
	[12] = "post_bind4",
	[13] = "post_bind6",
	[14] = "sendmsg4",
	[15] = "sendmsg6",
	[18] = "sysctl",
	[19] = "recvmsg4",
	[20] = "recvmsg6",
	[21] = "getsockopt",
	[22] = "setsockopt",
	[23] = "raw_tp",
	[24] = "fentry",
	[25] = "fexit",
	[26] = "mod_ret",
	[29] = "getpeername4",
	[30] = "getpeername6",
	[31] = "getsockname4",
	[32] = "getsockname6",
	[34] = "sock_release",
	[39] = "sk_skb_reuseport_select",
	[40] = "sk_skb_reuseport_select_or_migrate",
};

int attach_type_parse_prefix(const char *name)
{
	size_t i;
	int t;

	t = rlookup(attach_names, ARRAY_SIZE(attach_names), name);
	if (t >= 0)
		return t;
	for (i = 0; i < ARRAY_SIZE(attach_names); i++) {
		const char *in = i < ARRAY_SIZE(attach_input_names) &&
				 attach_input_names[i] ? attach_input_names[i] :
				 attach_names[i];

		if (in && is_prefix(name, in))
			return i;
	}
	return -1;
}

int attach_type_parse(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(attach_aliases); i++)
		if (!strcmp(attach_aliases[i].name, name))
			return attach_aliases[i].type;
	return rlookup(attach_names, ARRAY_SIZE(attach_names), name);
}
