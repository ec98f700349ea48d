// SPDX-License-Identifier: GPL-2.0-only
/*
 * net object: show/list, attach, detach, help.
 *
 * "net show" lists what runs on the network path, in bpftool's (upstream
 * HEAD's) sections: XDP per device (rtnetlink), tc per device (tcx and
 * netkit through BPF_PROG_QUERY, then classic cls_bpf filters through
 * rtnetlink), the netns flow dissector, netfilter links, and, bpfkit only,
 * the netns sk_lookup programs.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
#include <linux/pkt_cls.h>
#include <linux/rtnetlink.h>
#include <linux/tc_act/tc_bpf.h>
#include <libmnl/libmnl.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "args.h"
#include "array.h"
#include "handle.h"
#include "libbpf_log.h"
#include "link_info.h"
#include "main.h"
#include "nl.h"
#include "obj_walk.h"
#include "print.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* attach types newer than the system headers */
#define AT_SK_LOOKUP		36
#define AT_TCX_INGRESS		46
#define AT_TCX_EGRESS		47
#define AT_NETKIT_PRIMARY	54
#define AT_NETKIT_PEER		55

#ifndef TC_H_CLSACT
#define TC_H_CLSACT TC_H_INGRESS
#endif
#ifndef TC_H_MIN_INGRESS
#define TC_H_MIN_INGRESS 0xFFF2U
#define TC_H_MIN_EGRESS	 0xFFF3U
#endif

/* BPF_PROG_QUERY's attr as kernels since 6.6 read it (links, revision). */
struct query_attr {
	__u32 target;		/* fd or ifindex */
	__u32 attach_type;
	__u32 query_flags;
	__u32 attach_flags;
	__aligned_u64 prog_ids;
	__u32 count;
	__u32 pad;
	__aligned_u64 prog_attach_flags;
	__aligned_u64 link_ids;
	__aligned_u64 link_attach_flags;
	__aligned_u64 revision;
} __attribute__((aligned(8)));

_Static_assert(__builtin_offsetof(struct query_attr, revision) == 56,
	       "struct query_attr: not the kernel's layout");

#define QUERY_MAX 64

struct mprog_list {
	__u32 count;
	__u32 prog_ids[QUERY_MAX];
	__u32 prog_flags[QUERY_MAX];
	__u32 link_ids[QUERY_MAX];
	__u32 link_flags[QUERY_MAX];
};

static int prog_query(__u32 target, __u32 type, struct mprog_list *l)
{
	struct query_attr a = {
		.target = target,
		.attach_type = type,
		.prog_ids = (__u64)(unsigned long)l->prog_ids,
		.count = QUERY_MAX,
		.prog_attach_flags = (__u64)(unsigned long)l->prog_flags,
		.link_ids = (__u64)(unsigned long)l->link_ids,
		.link_attach_flags = (__u64)(unsigned long)l->link_flags,
	};

	memset(l, 0, sizeof(*l));
	if (syscall(__NR_bpf, BPF_PROG_QUERY, &a, sizeof(a)) < 0)
		return -errno;
	l->count = a.count < QUERY_MAX ? a.count : QUERY_MAX;
	return 0;
}

/*
 * --- output: fields and ends through print.h (one call feeds JSON and
 * plain text); objects and lists open as JSON, or as the plain text that
 * stands for them (a list's fmt gets its key) ---
 */

static void obj_open(const char *plain)
{
	if (json_wtr)
		jsonw_start_object(json_wtr);
	else
		fputs(plain, stdout);
}

static void list_open(const char *key, const char *fmt)
{
	if (!json_wtr) {
		printf(fmt, key);
		return;
	}
	if (key)
		jsonw_name(json_wtr, key);
	jsonw_start_array(json_wtr);
}

/* --- devices and XDP --- */

struct net_dev {
	int ifindex;
	bool netkit;		/* only netkit devices can have netkit programs */
	char name[IFNAMSIZ];
};

struct dev_list {
	struct net_dev *devs;
	size_t n, cap;
	int only;		/* ifindex of "dev NAME", or 0 */
};

static void xdp_mode(struct nlattr **tb, int attr, const char *mode,
		     bool own_object)
{
	if (!tb[attr])
		return;
	if (own_object)
		obj_open("");
	print_s("mode", " %s", mode);
	print_u("id", " id %llu", mnl_attr_get_u32(tb[attr]));
	if (own_object)
		print_end_object(NULL);
}

static void show_xdp(const struct net_dev *d, const struct nlattr *xdp)
{
	struct nlattr *tb[IFLA_XDP_MAX + 1];
	__u8 mode;

	if (nl_parse_nested(xdp, tb, IFLA_XDP_MAX) || !tb[IFLA_XDP_ATTACHED])
		return;
	mode = mnl_attr_get_u8(tb[IFLA_XDP_ATTACHED]);
	if (mode == XDP_ATTACHED_NONE)
		return;
	obj_open("");
	print_s("devname", "%s", d->name);
	print_u("ifindex", "(%llu)", d->ifindex);
	if (mode == XDP_ATTACHED_MULTI) {
		list_open("multi_attachments", "");
		xdp_mode(tb, IFLA_XDP_SKB_PROG_ID, "generic", true);
		xdp_mode(tb, IFLA_XDP_DRV_PROG_ID, "driver", true);
		xdp_mode(tb, IFLA_XDP_HW_PROG_ID, "offload", true);
		print_end_array(NULL);
	} else if (mode == XDP_ATTACHED_DRV) {
		xdp_mode(tb, IFLA_XDP_PROG_ID, "driver", false);
	} else if (mode == XDP_ATTACHED_SKB) {
		xdp_mode(tb, IFLA_XDP_PROG_ID, "generic", false);
	} else if (mode == XDP_ATTACHED_HW) {
		xdp_mode(tb, IFLA_XDP_PROG_ID, "offload", false);
	}
	print_end_object("\n");
}

static bool is_netkit(const struct nlattr *linkinfo)
{
	struct nlattr *tb[IFLA_INFO_MAX + 1];

	return linkinfo && !nl_parse_nested(linkinfo, tb, IFLA_INFO_MAX) &&
	       tb[IFLA_INFO_KIND] &&
	       !strcmp(mnl_attr_get_str(tb[IFLA_INFO_KIND]), "netkit");
}

/* One RTM_GETLINK answer: remember the device, print its XDP programs. */
static int on_link(const void *hdr, struct nlattr **tb, void *ctx)
{
	const struct ifinfomsg *ifi = hdr;
	struct dev_list *l = ctx;
	struct net_dev *d;

	if (l->only && ifi->ifi_index != l->only)
		return 0;
	if (ARRAY_RESERVE(l->devs, l->cap, l->n + 1, 16))
		return -ENOMEM;
	d = &l->devs[l->n++];
	d->ifindex = ifi->ifi_index;
	snprintf(d->name, sizeof(d->name), "%s",
		 tb[IFLA_IFNAME] ? mnl_attr_get_str(tb[IFLA_IFNAME]) : "");
	d->netkit = is_netkit(tb[IFLA_LINKINFO]);
	if (tb[IFLA_XDP])
		show_xdp(d, tb[IFLA_XDP]);
	return 0;
}

/* --- tc: tcx and netkit --- */

static void prog_name_of(__u32 id, char *buf, size_t size)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	int fd;

	*buf = '\0';
	fd = bpf_prog_get_fd_by_id(id);
	if (fd < 0)
		return;
	if (!bpf_obj_get_info_by_fd(fd, &info, &len) && info.name[0])
		prog_full_name(fd, &info, buf, size);
	close(fd);
}

static void flag_bits(const char *key, __u32 flags)
{
	int b;

	list_open(key, "%s ");
	for (b = 0; b < 32; b++) {
		if (!(flags & (1U << b)))
			continue;
		if (json_wtr)
			jsonw_uint(json_wtr, 1U << b);
		else
			printf("%u ", 1U << b);
	}
	print_end_array(NULL);
}

static void show_mprog(const struct net_dev *d, __u32 type, const char *kind)
{
	struct mprog_list l;
	char name[128];
	__u32 i;

	if (prog_query(d->ifindex, type, &l))
		return;
	for (i = 0; i < l.count; i++) {
		obj_open("");
		print_s("devname", "%s", d->name);
		print_u("ifindex", "(%llu)", d->ifindex);
		print_s("kind", " %s", kind);
		prog_name_of(l.prog_ids[i], name, sizeof(name));
		if (*name)
			print_s("name", " %s", name);
		print_u("prog_id", " prog_id %llu ", l.prog_ids[i]);
		if (l.prog_flags[i] || json_wtr)
			flag_bits("prog_flags", l.prog_flags[i]);
		if (l.link_ids[i] || json_wtr) {
			print_u("link_id", "link_id %llu ", l.link_ids[i]);
			if (l.link_flags[i] || json_wtr)
				flag_bits("link_flags", l.link_flags[i]);
		}
		print_end_object("\n");
	}
}

/* --- tc: classic cls_bpf filters --- */

struct tc_parent {
	__u32 handle;
	char kind[32];
};

struct tc_walk {
	const struct net_dev *dev;
	struct tc_parent *p;
	size_t n, cap;
	bool qdiscs;
	const char *kind;	/* of the parent whose filters are dumped */
};

/* A class, or a qdisc other than clsact with a handle: parents to ask. */
static int on_parent(const void *hdr, struct nlattr **tb, void *ctx)
{
	const struct tcmsg *t = hdr;
	struct tc_walk *w = ctx;
	const char *kind = tb[TCA_KIND] ? mnl_attr_get_str(tb[TCA_KIND]) :
			   "unknown";

	if (t->tcm_ifindex != w->dev->ifindex)
		return 0;
	if (w->qdiscs && (!strcmp(kind, "clsact") || !t->tcm_handle))
		return 0;
	if (ARRAY_RESERVE(w->p, w->cap, w->n + 1, 8))
		return -ENOMEM;
	w->p[w->n].handle = t->tcm_handle;
	snprintf(w->p[w->n].kind, sizeof(w->p[w->n].kind), "%s", kind);
	w->n++;
	return 0;
}

static void show_act(const struct nlattr *acts)
{
	struct nlattr *tb[TCA_ACT_MAX_PRIO + 1], *a[TCA_ACT_MAX + 1];
	struct nlattr *b[TCA_ACT_BPF_MAX + 1];
	int i;

	if (nl_parse_nested(acts, tb, TCA_ACT_MAX_PRIO))
		return;
	list_open("act", " %s [");
	for (i = 0; i <= TCA_ACT_MAX_PRIO; i++) {
		if (!tb[i] || nl_parse_nested(tb[i], a, TCA_ACT_MAX))
			continue;
		if (!a[TCA_ACT_KIND] || !a[TCA_ACT_OPTIONS] ||
		    strcmp(mnl_attr_get_str(a[TCA_ACT_KIND]), "bpf"))
			continue;
		if (nl_parse_nested(a[TCA_ACT_OPTIONS], b, TCA_ACT_BPF_MAX) ||
		    !b[TCA_ACT_BPF_PARMS])
			continue;
		obj_open("{");
		if (b[TCA_ACT_BPF_NAME])
			print_s("name", "%s",
				mnl_attr_get_str(b[TCA_ACT_BPF_NAME]));
		if (b[TCA_ACT_BPF_ID])
			print_u("id", " id %llu",
				 mnl_attr_get_u32(b[TCA_ACT_BPF_ID]));
		print_end_object("}");
	}
	print_end_array("] ");
}

static int on_filter(const void *hdr, struct nlattr **tb, void *ctx)
{
	struct tc_walk *w = ctx;
	struct nlattr *o[TCA_BPF_MAX + 1];

	(void)hdr;
	if (!tb[TCA_OPTIONS] || !tb[TCA_KIND] ||
	    strcmp(mnl_attr_get_str(tb[TCA_KIND]), "bpf"))
		return 0;
	if (nl_parse_nested(tb[TCA_OPTIONS], o, TCA_BPF_MAX))
		return 0;
	obj_open("");
	if (w->dev->name[0])
		print_s("devname", "%s", w->dev->name);
	print_u("ifindex", "(%llu)", w->dev->ifindex);
	print_s("kind", " %s", w->kind);
	if (o[TCA_BPF_NAME])
		print_s("name", " %s", mnl_attr_get_str(o[TCA_BPF_NAME]));
	if (o[TCA_BPF_ID])
		print_u("id", " id %llu", mnl_attr_get_u32(o[TCA_BPF_ID]));
	if (o[TCA_BPF_ACT])
		show_act(o[TCA_BPF_ACT]);
	print_end_object("\n");
	return 0;
}

static int dump_filters(struct nl_sock *s, struct tc_walk *w, __u32 parent,
			const char *kind)
{
	w->kind = kind;
	return nl_dump_tc(s, RTM_GETTFILTER, w->dev->ifindex, parent,
			  on_filter, w);
}

/*
 * Filters hang off classes, qdiscs, the root and clsact's two hooks; ask
 * each in bpftool's order. A device that vanished meanwhile has none.
 */
static int show_classic(struct nl_sock *s, const struct net_dev *d)
{
	struct tc_walk w = { .dev = d };
	size_t i;
	int err;

	err = nl_dump_tc(s, RTM_GETTCLASS, d->ifindex, 0, on_parent, &w);
	w.qdiscs = true;
	if (!err)
		err = nl_dump_tc(s, RTM_GETQDISC, d->ifindex, 0, on_parent,
				 &w);
	for (i = 0; !err && i < w.n; i++)
		err = dump_filters(s, &w, w.p[i].handle, w.p[i].kind);
	if (!err)
		err = dump_filters(s, &w, TC_H_ROOT, "root");
	if (!err)
		err = dump_filters(s, &w, TC_H_MAKE(TC_H_CLSACT,
						    TC_H_MIN_INGRESS),
				   "clsact/ingress");
	if (!err)
		err = dump_filters(s, &w, TC_H_MAKE(TC_H_CLSACT,
						    TC_H_MIN_EGRESS),
				   "clsact/egress");
	free(w.p);
	return err == -ENODEV ? 0 : err;
}

/* --- network namespace: flow dissector and sk_lookup --- */

static int netns_query(__u32 type, struct mprog_list *l)
{
	int fd, err;

	memset(l, 0, sizeof(*l));
	fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return p_err("can't open /proc/self/ns/net: %s",
			     strerror(errno));
	err = prog_query(fd, type, l);
	close(fd);
	/* kernels without the query have nothing attached we could see */
	if (err == -EINVAL)
		return 0;
	if (err)
		return p_err("can't query prog: %s", strerror(-err));
	return 0;
}

/*
 * bpftool writes the flow dissector's id as a bare "id" member of an
 * array, which is not JSON; here it is an object {"id": N}.
 */
static void show_netns_ids(const char *section, const struct mprog_list *l)
{
	__u32 i;

	list_open(section, "%s:\n");
	for (i = 0; i < l->count; i++) {
		obj_open("");
		print_u("id", i ? "\nid %llu" : "id %llu", l->prog_ids[i]);
		print_end_object(NULL);
	}
	print_end_array("\n");
}

/* --- netfilter links --- */

static int nf_cmp(const void *a, const void *b)
{
	const struct bk_link_info *x = a, *y = b;

	if (x->netfilter.pf != y->netfilter.pf)
		return x->netfilter.pf < y->netfilter.pf ? -1 : 1;
	if (x->netfilter.hooknum != y->netfilter.hooknum)
		return x->netfilter.hooknum < y->netfilter.hooknum ? -1 : 1;
	if (x->netfilter.priority != y->netfilter.priority)
		return x->netfilter.priority < y->netfilter.priority ? -1 : 1;
	if (x->netfilter.flags != y->netfilter.flags)
		return x->netfilter.flags < y->netfilter.flags ? -1 : 1;
	return 0;
}

static void show_netfilter(void)
{
	struct obj_walk w = OBJ_WALK_INIT(OBJ_LINK);
	struct bk_link_info *nf = NULL, info;
	struct link_data *d = NULL;
	struct link_ctx *lc = NULL;
	size_t n = 0, cap = 0, i;
	__u32 len;

	list_open("netfilter", "%s:\n");
	while (!obj_walk_next(&w)) {
		memset(&info, 0, sizeof(info));
		len = sizeof(info);
		if (bpf_obj_get_info_by_fd(w.fd, &info, &len) ||
		    info.type != BK_LINK_NETFILTER) {
			close(w.fd);
			continue;
		}
		close(w.fd);
		if (ARRAY_RESERVE(nf, cap, n + 1, 16))
			break;
		nf[n++] = info;
	}
	if (n)
		qsort(nf, n, sizeof(*nf), nf_cmp);
	if (n) {
		d = calloc(1, sizeof(*d));
		lc = link_ctx_new();
	}
	for (i = 0; d && lc && i < n; i++) {
		d->info = nf[i];
		obj_open("");
		link_render_detail(lc, d);
		print_u("id", " prog_id %llu", nf[i].prog_id);
		print_end_object(NULL);
	}
	if (lc)
		link_ctx_free(lc);
	free(d);
	free(nf);
	print_end_array("\n");
}

/* --- show --- */

static int parse_dev(struct argcur *c)
{
	const char *w;
	int ifindex;

	if (!arg_take(c, "dev"))
		return p_err("expected 'dev', got: '%s'?", arg_peek(c) ?: "");
	w = arg_next(c);
	if (!w)
		return p_err("network device is missing after 'dev'");
	ifindex = if_nametoindex(w);
	if (!ifindex)
		return p_err("invalid devname %s", w);
	return ifindex;
}

static int do_show(int argc, char **argv)
{
	ARGCUR(cur, argc, argv);
	struct mprog_list flow, lookup;
	struct dev_list devs = {};
	struct nl_sock *s;
	size_t i;
	int err;

	if (arg_more(&cur)) {
		devs.only = parse_dev(&cur);
		if (devs.only < 0)
			return -1;
		if (arg_done(&cur))
			return -1;
	}
	if (netns_query(BPF_FLOW_DISSECTOR, &flow) ||
	    netns_query(AT_SK_LOOKUP, &lookup))
		return -1;
	s = nl_open();
	if (!s)
		return p_err("can't open a netlink socket: %s",
			     strerror(errno));
	if (json_wtr)
		jsonw_start_array(json_wtr);
	obj_open("");
	list_open("xdp", "%s:\n");
	err = nl_dump_links(s, on_link, &devs);
	print_end_array("\n");
	if (!err) {
		list_open("tc", "%s:\n");
		for (i = 0; !err && i < devs.n; i++) {
			show_mprog(&devs.devs[i], AT_TCX_INGRESS, "tcx/ingress");
			show_mprog(&devs.devs[i], AT_TCX_EGRESS, "tcx/egress");
			if (devs.devs[i].netkit) {
				show_mprog(&devs.devs[i], AT_NETKIT_PRIMARY,
					   "netkit/primary");
				show_mprog(&devs.devs[i], AT_NETKIT_PEER,
					   "netkit/peer");
			}
			err = show_classic(s, &devs.devs[i]);
		}
		print_end_array("\n");
	}
	show_netns_ids("flow_dissector", &flow);
	show_netfilter();
	show_netns_ids("sk_lookup", &lookup);
	print_end_object(NULL);
	if (err)
		p_err("can't dump network devices: %s", strerror(-err));
	if (json_wtr)
		jsonw_end_array(json_wtr);
	nl_close(s);
	free(devs.devs);
	return err ? -1 : 0;
}

/* --- attach / detach --- */

enum net_type { NT_XDP, NT_XDPGENERIC, NT_XDPDRV, NT_XDPOFFLOAD,
		NT_TCX_INGRESS, NT_TCX_EGRESS, NT_NR };

static const char *const net_type_names[NT_NR] = {
	"xdp", "xdpgeneric", "xdpdrv", "xdpoffload", "tcx_ingress",
	"tcx_egress",
};

static int parse_net_type(struct argcur *c)
{
	const char *w = arg_next(c);
	int t;

	for (t = 0; w && t < NT_NR; t++)
		if (is_prefix(w, net_type_names[t]))
			return t;
	return p_err("invalid net attach/detach type: %s", w ?: "");
}

static __u32 xdp_flags(int t, bool overwrite)
{
	__u32 f = overwrite ? 0 : XDP_FLAGS_UPDATE_IF_NOEXIST;

	if (t == NT_XDPGENERIC)
		f |= XDP_FLAGS_SKB_MODE;
	else if (t == NT_XDPDRV)
		f |= XDP_FLAGS_DRV_MODE;
	else if (t == NT_XDPOFFLOAD)
		f |= XDP_FLAGS_HW_MODE;
	return f;
}

static int tcx_type(int t)
{
	return t == NT_TCX_INGRESS ? AT_TCX_INGRESS : AT_TCX_EGRESS;
}

/* "net CMD ATTACH_TYPE": the type, or -EINVAL after reporting. */
static int parse_head(struct argcur *c, int argc, int min, const char *cmd)
{
	int t;

	if (argc < min) {
		p_err("too few parameters for net %s", cmd);
		return -EINVAL;
	}
	t = parse_net_type(c);
	return t < 0 ? -EINVAL : t;
}

/*
 * Put prog_fd on the device's hook of type t, or take what is there off
 * with prog_fd -1; 0 or -errno.
 */
static int set_hook(int t, int ifindex, int prog_fd, bool overwrite)
{
	int err;

	if (t <= NT_XDPOFFLOAD)
		return bpf_xdp_attach(ifindex, prog_fd, xdp_flags(t, overwrite),
				      NULL);
	if (prog_fd >= 0)
		err = bpf_prog_attach(prog_fd, ifindex, tcx_type(t), 0);
	else
		err = bpf_prog_detach(ifindex, tcx_type(t));
	return err ? -errno : 0;
}

/*
 * The error line of a failed attach or detach: netlink's own reason when
 * libbpf logged one (why), else our hint. Returns err.
 */
static int hook_failed(int t, const char *cmd, int err, const char *why,
		       const char *hint)
{
	p_err("interface %s %s failed: %s%s%s%s%s", net_type_names[t], cmd,
	      strerror(-err), *why ? " (" : "", why, *why ? ")" : "",
	      *why ? "" : hint);
	return err;
}

/*
 * Exit codes as bpftool's: a bad command line is -EINVAL, a refusal by
 * the kernel its -errno.
 */
static int do_attach(int argc, char **argv)
{
	ARGCUR(cur, argc, argv);
	bool overwrite = false;
	int t, prog_fd, ifindex, err;
	const char *why;

	t = parse_head(&cur, argc, 5, "attach");
	if (t < 0)
		return t;
	prog_fd = prog_parse_fd(&cur);
	if (prog_fd < 0)
		return -EINVAL;
	ifindex = parse_dev(&cur);
	if (ifindex > 0 && arg_more(&cur)) {
		if (arg_take(&cur, "overwrite"))
			overwrite = true;
		else
			ifindex = p_err("expected 'overwrite', got: '%s'?",
					arg_peek(&cur));
	}
	if (ifindex > 0 && arg_done(&cur))
		ifindex = -1;
	if (ifindex < 0) {
		close(prog_fd);
		return -EINVAL;
	}
	libbpf_log_hold();	/* netlink's reason joins our error line */
	err = set_hook(t, ifindex, prog_fd, overwrite);
	why = libbpf_log_release();
	close(prog_fd);
	if (err)
		return hook_failed(t, "attach", err, why,
				   err == -EBUSY || err == -EEXIST ?
				   " (a program is already attached; use 'overwrite')" :
				   cap_hint(-err));
	return cmd_done(0);
}

static int do_detach(int argc, char **argv)
{
	ARGCUR(cur, argc, argv);
	int t, ifindex, err;

	t = parse_head(&cur, argc, 3, "detach");
	if (t < 0)
		return t;
	ifindex = parse_dev(&cur);
	if (ifindex < 0 || arg_done(&cur))
		return -EINVAL;
	err = set_hook(t, ifindex, -1, false);
	if (err)
		return hook_failed(t, "detach", err, "",
				   err == -ENOENT ? " (nothing attached there)" :
				   cap_hint(-err));
	return cmd_done(0);
}

static const char help_text[] =
	"Usage: %1$s net { show | list } [dev <devname>]\n"
	"       %1$s net attach ATTACH_TYPE PROG dev <devname> [ overwrite ]\n"
	"       %1$s net detach ATTACH_TYPE dev <devname>\n"
	"       %1$s net help\n"
	"\n"
	"       " HELP_SPEC_PROGRAM "\n"
	"       ATTACH_TYPE := { xdp | xdpgeneric | xdpdrv | xdpoffload | tcx_ingress\n"
	"                        | tcx_egress }\n"
	"       " HELP_SPEC_OPTIONS " }\n"
	"\n"
	"Note: xdp, tcx, tc, netkit, flow_dissector, netfilter and sk_lookup\n"
	"      attachments are shown. For programs attached to cgroups, use\n"
	"      \"%1$s cgroup\".\n";

CMD_OBJECT(net, help_text,
	{ "show",	do_show },
	{ "list",	do_show },
	{ "attach",	do_attach },
	{ "detach",	do_detach },
	CMD_HELP)
