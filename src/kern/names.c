// SPDX-License-Identifier: GPL-2.0-only
/*
 * Name tables, indexed by the UAPI enums so a new value can never shift the
 * names, and one lookup for all of them. Generated once from a 6.18
 * kernel's BTF, then extended by hand with values from newer kernels; the
 * strings are the ones libbpf and bpftool print, so output stays
 * interchangeable.
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

/*
 * BPF helper ids (enum bpf_func_id) as the kernel's instruction printer
 * spells them: "bpf_" + the enum's suffix. Debian's UAPI headers stop
 * earlier; regenerate with
 *   bpftool btf dump file /sys/kernel/btf/vmlinux format c |
 *     sed -n '/enum bpf_func_id {/,/^};/p'
 */
static const char *const helper_names[] = {
	[0] = "bpf_unspec",
	[1] = "bpf_map_lookup_elem",
	[2] = "bpf_map_update_elem",
	[3] = "bpf_map_delete_elem",
	[4] = "bpf_probe_read",
	[5] = "bpf_ktime_get_ns",
	[6] = "bpf_trace_printk",
	[7] = "bpf_get_prandom_u32",
	[8] = "bpf_get_smp_processor_id",
	[9] = "bpf_skb_store_bytes",
	[10] = "bpf_l3_csum_replace",
	[11] = "bpf_l4_csum_replace",
	[12] = "bpf_tail_call",
	[13] = "bpf_clone_redirect",
	[14] = "bpf_get_current_pid_tgid",
	[15] = "bpf_get_current_uid_gid",
	[16] = "bpf_get_current_comm",
	[17] = "bpf_get_cgroup_classid",
	[18] = "bpf_skb_vlan_push",
	[19] = "bpf_skb_vlan_pop",
	[20] = "bpf_skb_get_tunnel_key",
	[21] = "bpf_skb_set_tunnel_key",
	[22] = "bpf_perf_event_read",
	[23] = "bpf_redirect",
	[24] = "bpf_get_route_realm",
	[25] = "bpf_perf_event_output",
	[26] = "bpf_skb_load_bytes",
	[27] = "bpf_get_stackid",
	[28] = "bpf_csum_diff",
	[29] = "bpf_skb_get_tunnel_opt",
	[30] = "bpf_skb_set_tunnel_opt",
	[31] = "bpf_skb_change_proto",
	[32] = "bpf_skb_change_type",
	[33] = "bpf_skb_under_cgroup",
	[34] = "bpf_get_hash_recalc",
	[35] = "bpf_get_current_task",
	[36] = "bpf_probe_write_user",
	[37] = "bpf_current_task_under_cgroup",
	[38] = "bpf_skb_change_tail",
	[39] = "bpf_skb_pull_data",
	[40] = "bpf_csum_update",
	[41] = "bpf_set_hash_invalid",
	[42] = "bpf_get_numa_node_id",
	[43] = "bpf_skb_change_head",
	[44] = "bpf_xdp_adjust_head",
	[45] = "bpf_probe_read_str",
	[46] = "bpf_get_socket_cookie",
	[47] = "bpf_get_socket_uid",
	[48] = "bpf_set_hash",
	[49] = "bpf_setsockopt",
	[50] = "bpf_skb_adjust_room",
	[51] = "bpf_redirect_map",
	[52] = "bpf_sk_redirect_map",
	[53] = "bpf_sock_map_update",
	[54] = "bpf_xdp_adjust_meta",
	[55] = "bpf_perf_event_read_value",
	[56] = "bpf_perf_prog_read_value",
	[57] = "bpf_getsockopt",
	[58] = "bpf_override_return",
	[59] = "bpf_sock_ops_cb_flags_set",
	[60] = "bpf_msg_redirect_map",
	[61] = "bpf_msg_apply_bytes",
	[62] = "bpf_msg_cork_bytes",
	[63] = "bpf_msg_pull_data",
	[64] = "bpf_bind",
	[65] = "bpf_xdp_adjust_tail",
	[66] = "bpf_skb_get_xfrm_state",
	[67] = "bpf_get_stack",
	[68] = "bpf_skb_load_bytes_relative",
	[69] = "bpf_fib_lookup",
	[70] = "bpf_sock_hash_update",
	[71] = "bpf_msg_redirect_hash",
	[72] = "bpf_sk_redirect_hash",
	[73] = "bpf_lwt_push_encap",
	[74] = "bpf_lwt_seg6_store_bytes",
	[75] = "bpf_lwt_seg6_adjust_srh",
	[76] = "bpf_lwt_seg6_action",
	[77] = "bpf_rc_repeat",
	[78] = "bpf_rc_keydown",
	[79] = "bpf_skb_cgroup_id",
	[80] = "bpf_get_current_cgroup_id",
	[81] = "bpf_get_local_storage",
	[82] = "bpf_sk_select_reuseport",
	[83] = "bpf_skb_ancestor_cgroup_id",
	[84] = "bpf_sk_lookup_tcp",
	[85] = "bpf_sk_lookup_udp",
	[86] = "bpf_sk_release",
	[87] = "bpf_map_push_elem",
	[88] = "bpf_map_pop_elem",
	[89] = "bpf_map_peek_elem",
	[90] = "bpf_msg_push_data",
	[91] = "bpf_msg_pop_data",
	[92] = "bpf_rc_pointer_rel",
	[93] = "bpf_spin_lock",
	[94] = "bpf_spin_unlock",
	[95] = "bpf_sk_fullsock",
	[96] = "bpf_tcp_sock",
	[97] = "bpf_skb_ecn_set_ce",
	[98] = "bpf_get_listener_sock",
	[99] = "bpf_skc_lookup_tcp",
	[100] = "bpf_tcp_check_syncookie",
	[101] = "bpf_sysctl_get_name",
	[102] = "bpf_sysctl_get_current_value",
	[103] = "bpf_sysctl_get_new_value",
	[104] = "bpf_sysctl_set_new_value",
	[105] = "bpf_strtol",
	[106] = "bpf_strtoul",
	[107] = "bpf_sk_storage_get",
	[108] = "bpf_sk_storage_delete",
	[109] = "bpf_send_signal",
	[110] = "bpf_tcp_gen_syncookie",
	[111] = "bpf_skb_output",
	[112] = "bpf_probe_read_user",
	[113] = "bpf_probe_read_kernel",
	[114] = "bpf_probe_read_user_str",
	[115] = "bpf_probe_read_kernel_str",
	[116] = "bpf_tcp_send_ack",
	[117] = "bpf_send_signal_thread",
	[118] = "bpf_jiffies64",
	[119] = "bpf_read_branch_records",
	[120] = "bpf_get_ns_current_pid_tgid",
	[121] = "bpf_xdp_output",
	[122] = "bpf_get_netns_cookie",
	[123] = "bpf_get_current_ancestor_cgroup_id",
	[124] = "bpf_sk_assign",
	[125] = "bpf_ktime_get_boot_ns",
	[126] = "bpf_seq_printf",
	[127] = "bpf_seq_write",
	[128] = "bpf_sk_cgroup_id",
	[129] = "bpf_sk_ancestor_cgroup_id",
	[130] = "bpf_ringbuf_output",
	[131] = "bpf_ringbuf_reserve",
	[132] = "bpf_ringbuf_submit",
	[133] = "bpf_ringbuf_discard",
	[134] = "bpf_ringbuf_query",
	[135] = "bpf_csum_level",
	[136] = "bpf_skc_to_tcp6_sock",
	[137] = "bpf_skc_to_tcp_sock",
	[138] = "bpf_skc_to_tcp_timewait_sock",
	[139] = "bpf_skc_to_tcp_request_sock",
	[140] = "bpf_skc_to_udp6_sock",
	[141] = "bpf_get_task_stack",
	[142] = "bpf_load_hdr_opt",
	[143] = "bpf_store_hdr_opt",
	[144] = "bpf_reserve_hdr_opt",
	[145] = "bpf_inode_storage_get",
	[146] = "bpf_inode_storage_delete",
	[147] = "bpf_d_path",
	[148] = "bpf_copy_from_user",
	[149] = "bpf_snprintf_btf",
	[150] = "bpf_seq_printf_btf",
	[151] = "bpf_skb_cgroup_classid",
	[152] = "bpf_redirect_neigh",
	[153] = "bpf_per_cpu_ptr",
	[154] = "bpf_this_cpu_ptr",
	[155] = "bpf_redirect_peer",
	[156] = "bpf_task_storage_get",
	[157] = "bpf_task_storage_delete",
	[158] = "bpf_get_current_task_btf",
	[159] = "bpf_bprm_opts_set",
	[160] = "bpf_ktime_get_coarse_ns",
	[161] = "bpf_ima_inode_hash",
	[162] = "bpf_sock_from_file",
	[163] = "bpf_check_mtu",
	[164] = "bpf_for_each_map_elem",
	[165] = "bpf_snprintf",
	[166] = "bpf_sys_bpf",
	[167] = "bpf_btf_find_by_name_kind",
	[168] = "bpf_sys_close",
	[169] = "bpf_timer_init",
	[170] = "bpf_timer_set_callback",
	[171] = "bpf_timer_start",
	[172] = "bpf_timer_cancel",
	[173] = "bpf_get_func_ip",
	[174] = "bpf_get_attach_cookie",
	[175] = "bpf_task_pt_regs",
	[176] = "bpf_get_branch_snapshot",
	[177] = "bpf_trace_vprintk",
	[178] = "bpf_skc_to_unix_sock",
	[179] = "bpf_kallsyms_lookup_name",
	[180] = "bpf_find_vma",
	[181] = "bpf_loop",
	[182] = "bpf_strncmp",
	[183] = "bpf_get_func_arg",
	[184] = "bpf_get_func_ret",
	[185] = "bpf_get_func_arg_cnt",
	[186] = "bpf_get_retval",
	[187] = "bpf_set_retval",
	[188] = "bpf_xdp_get_buff_len",
	[189] = "bpf_xdp_load_bytes",
	[190] = "bpf_xdp_store_bytes",
	[191] = "bpf_copy_from_user_task",
	[192] = "bpf_skb_set_tstamp",
	[193] = "bpf_ima_file_hash",
	[194] = "bpf_kptr_xchg",
	[195] = "bpf_map_lookup_percpu_elem",
	[196] = "bpf_skc_to_mptcp_sock",
	[197] = "bpf_dynptr_from_mem",
	[198] = "bpf_ringbuf_reserve_dynptr",
	[199] = "bpf_ringbuf_submit_dynptr",
	[200] = "bpf_ringbuf_discard_dynptr",
	[201] = "bpf_dynptr_read",
	[202] = "bpf_dynptr_write",
	[203] = "bpf_dynptr_data",
	[204] = "bpf_tcp_raw_gen_syncookie_ipv4",
	[205] = "bpf_tcp_raw_gen_syncookie_ipv6",
	[206] = "bpf_tcp_raw_check_syncookie_ipv4",
	[207] = "bpf_tcp_raw_check_syncookie_ipv6",
	[208] = "bpf_ktime_get_tai_ns",
	[209] = "bpf_user_ringbuf_drain",
	[210] = "bpf_cgrp_storage_get",
	[211] = "bpf_cgrp_storage_delete",
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

unsigned int helper_max_id(void)
{
	return ARRAY_SIZE(helper_names);
}

const char *helper_name(int id)
{
	return id < 0 ? NULL : lookup(helper_names, ARRAY_SIZE(helper_names),
				      id);
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
