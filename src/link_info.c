// SPDX-License-Identifier: GPL-2.0-only
/*
 * Link info: fetching (with the second info call some types need for their
 * strings and arrays) and rendering. Each link type has one small render
 * function, found through an ops table indexed by link type; it writes
 * plain text and JSON through the same emitters, so the two outputs cannot
 * drift apart. Formats follow bpftool HEAD's link show.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <bpf/bpf.h>

#include "link_info.h"
#include "ksyms.h"
#include "main.h"
#include "names.h"
#include "print.h"

/* ---- fields: print.h writes a JSON field or a plain fragment ---- */

static void lo_attach(__u32 at)
{
	print_named("attach_type", attach_type_name(at), at);
}

static void lo_ifindex(__u32 ifindex)
{
	char name[IF_NAMESIZE] = "", text[2 * IF_NAMESIZE + 16];
	bool found = ifindex && if_indextoname(ifindex, name);

	if (json_wtr) {
		jsonw_string_field(json_wtr, "devname",
				   !ifindex ? "(detached)" :
				   found ? name : "(unknown)");
		jsonw_uint_field(json_wtr, "ifindex", ifindex);
		return;
	}
	if (!ifindex)
		snprintf(text, sizeof(text), "(detached)");
	else if (found)
		snprintf(text, sizeof(text), "%s(%u)", name, ifindex);
	else
		snprintf(text, sizeof(text), "(unknown)");
	printf("ifindex %s  ", text);
}

/* ---- kernel symbols for kprobe_multi ---- */

struct link_ctx {
	struct ksyms *ks;	/* loaded on first use, once per command */
	bool loaded;
};

struct link_ctx *link_ctx_new(void)
{
	return calloc(1, sizeof(struct link_ctx));
}

void link_ctx_free(struct link_ctx *c)
{
	if (!c)
		return;
	ksyms_free(c->ks);
	free(c);
}

static const struct ksyms *link_ksyms(struct link_ctx *c)
{
	if (!c->loaded) {
		c->loaded = true;
		c->ks = ksyms_load();
	}
	return c->ks;
}

/*
 * With x86 IBT the probe sits after the 4-byte endbr, so an address that
 * is not a symbol may be symbol+4.
 */
static bool ksym_for_probe(const struct ksyms *ks, __u64 addr,
			   struct ksym *s)
{
	return ksyms_lookup(ks, addr, s) ||
	       (addr >= 4 && ksyms_lookup(ks, addr - 4, s));
}

/* ---- per-type renderers ---- */

typedef void (*render_fn)(struct link_ctx *c, const struct link_data *d);

static void show_raw_tp(struct link_ctx *c, const struct link_data *d)
{
	__u64 cookie = d->info.raw_tracepoint.cookie;

	(void)c;
	print_nl();
	print_s("tp_name", "tp '%s'  ", d->name);
	print_u_if(cookie, "cookie", "cookie %llu  ", cookie);
}

static void show_tracing(struct link_ctx *c, const struct link_data *d)
{
	__u32 obj = d->info.tracing.target_obj_id;
	__u32 btf = d->info.tracing.target_btf_id;
	__u64 cookie = d->info.tracing.cookie;
	struct bpf_prog_info pi = {};
	__u32 len = sizeof(pi);
	int fd;

	(void)c;
	fd = bpf_prog_get_fd_by_id(d->info.prog_id);
	if (fd >= 0 && !bpf_obj_get_info_by_fd(fd, &pi, &len)) {
		print_nl();
		print_named("prog_type", prog_type_name(pi.type), pi.type);
	}
	if (fd >= 0)
		close(fd);
	lo_attach(d->info.tracing.attach_type);
	if (obj || btf)
		print_nl();
	print_u_if(obj || btf, "target_obj_id", "target_obj_id %llu  ", obj);
	print_u_if(obj || btf, "target_btf_id", "target_btf_id %llu  ", btf);
	if (cookie)
		print_nl();
	print_u_if(cookie, "cookie", "cookie %llu  ", cookie);
}

static void show_cgroup(struct link_ctx *c, const struct link_data *d)
{
	(void)c;
	print_nl();
	print_u("cgroup_id", "cgroup_id %llu  ", d->info.cgroup.cgroup_id);
	lo_attach(d->info.cgroup.attach_type);
}

static const char *cgroup_order(__u32 order)
{
	static const char *const names[] = {
		"order_unspec", "self_only", "descendants_pre",
		"descendants_post", "ancestors_up",
	};

	return order < sizeof(names) / sizeof(names[0]) ? names[order] :
							  "unknown";
}

static bool name_in(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

static void show_iter(struct link_ctx *c, const struct link_data *d)
{
	static const char *const map_targets[] = {
		"bpf_map_elem", "bpf_sk_storage_map", NULL };
	static const char *const task_targets[] = {
		"task", "task_file", "task_vma", NULL };
	const char *t = d->name;

	(void)c;
	print_s("target_name", "target_name %s  ", t);
	if (name_in(t, map_targets)) {
		print_u("map_id", "map_id %llu  ", d->info.iter.map.map_id);
	} else if (name_in(t, task_targets)) {
		if (d->info.iter.task.tid)
			print_u("tid", "tid %llu ", d->info.iter.task.tid);
		else if (d->info.iter.task.pid)
			print_u("pid", "pid %llu ", d->info.iter.task.pid);
	}
	if (!strcmp(t, "cgroup")) {
		print_u("cgroup_id", "cgroup_id %llu  ",
		     d->info.iter.cgroup.cgroup_id);
		print_s("order", "order %s  ",
		     cgroup_order(d->info.iter.cgroup.order));
	}
}

static void show_netns(struct link_ctx *c, const struct link_data *d)
{
	(void)c;
	print_nl();
	print_u("netns_ino", "netns_ino %llu  ", d->info.netns.netns_ino);
	lo_attach(d->info.netns.attach_type);
}

static void show_xdp(struct link_ctx *c, const struct link_data *d)
{
	(void)c;
	print_nl();
	lo_ifindex(d->info.xdp.ifindex);
}

/* tcx and netkit: the same two members, the same output */
static void show_tcx_netkit(struct link_ctx *c, const struct link_data *d)
{
	(void)c;
	print_nl();
	lo_ifindex(d->info.tcx.ifindex);
	lo_attach(d->info.tcx.attach_type);
}

static void show_sockmap(struct link_ctx *c, const struct link_data *d)
{
	(void)c;
	print_nl();
	print_u("map_id", "map_id %llu  ", d->info.sockmap.map_id);
	lo_attach(d->info.sockmap.attach_type);
}

static void show_struct_ops(struct link_ctx *c, const struct link_data *d)
{
	(void)c;
	/* plain shows the map in the header instead of a prog */
	if (json_wtr)
		jsonw_uint_field(json_wtr, "map_id", d->info.struct_ops.map_id);
}

/* netfilter protocol families and hooks, by their uapi numbers */
static const char *nf_pf_name(__u32 pf)
{
	switch (pf) {
	case 1: return "inet";
	case 2: return "ip";
	case 3: return "arp";
	case 5: return "netdev";
	case 7: return "bridge";
	case 10: return "ip6";
	default: return NULL;
	}
}

static const char *nf_hook_name(__u32 pf, __u32 hook)
{
	static const char *const inet[] = {
		"prerouting", "input", "forward", "output", "postrouting" };
	static const char *const arp[] = { "input", "output" };

	switch (pf) {
	case 1: case 2: case 7: case 10:
		return hook < 5 ? inet[hook] : NULL;
	case 3:
		return hook < 2 ? arp[hook] : NULL;
	default:
		return NULL;
	}
}

static void show_netfilter(struct link_ctx *c, const struct link_data *d)
{
	__u32 pf = d->info.netfilter.pf, hook = d->info.netfilter.hooknum;
	const char *pfn = nf_pf_name(pf), *hookn = nf_hook_name(pf, hook);
	char pft[32], hookt[32];

	(void)c;
	if (pfn)
		snprintf(pft, sizeof(pft), "%s", pfn);
	else
		snprintf(pft, sizeof(pft), "pf: %u", pf);
	if (hookn)
		snprintf(hookt, sizeof(hookt), " %s", hookn);
	else
		snprintf(hookt, sizeof(hookt), ", hook %u,", hook);
	print_nl();
	print_u_as("pf", pf, pft);
	print_u_as("hook", hook, hookt);
	print_i("prio", " prio %lld", d->info.netfilter.priority);
	print_u_if(d->info.netfilter.flags, "flags", " flags 0x%llx",
		d->info.netfilter.flags);
}

struct addr_cookie {
	__u64 addr, cookie;
};

static int addr_cookie_cmp(const void *a, const void *b)
{
	const struct addr_cookie *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* One probed function: a JSON object, or a plain table row. */
static void kmulti_func(const struct addr_cookie *e, const struct ksym *s)
{
	if (!json_wtr) {
		printf("\n\t%016llx %-16llx %s", (unsigned long long)e->addr,
		       (unsigned long long)e->cookie, s->name);
		if (s->module)
			printf(" [%s]  ", s->module);
		else
			printf("  ");
		return;
	}
	jsonw_start_object(json_wtr);
	jsonw_uint_field(json_wtr, "addr", e->addr);
	jsonw_string_field(json_wtr, "func", s->name);
	if (s->module)
		jsonw_string_field(json_wtr, "module", s->module);
	else
		jsonw_null_field(json_wtr, "module");
	jsonw_uint_field(json_wtr, "cookie", e->cookie);
	jsonw_end_object(json_wtr);
}

static void kmulti_funcs(struct link_ctx *c, const struct link_data *d,
			 __u32 cnt)
{
	struct addr_cookie *v = calloc(cnt ? cnt : 1, sizeof(*v));
	const struct ksyms *ks;
	struct ksym s;
	__u32 i;

	if (json_wtr) {
		jsonw_name(json_wtr, "funcs");
		jsonw_start_array(json_wtr);
	}
	if (v && d->arr[0] && d->arr[1]) {
		for (i = 0; i < cnt; i++) {
			v[i].addr = d->arr[0][i];
			v[i].cookie = d->arr[1][i];
		}
		qsort(v, cnt, sizeof(*v), addr_cookie_cmp);
		ks = link_ksyms(c);
		if (ksyms_count(ks) && !json_wtr)
			printf("\n\t%-16s %-16s %s", "addr", "cookie",
			       "func [module]");
		for (i = 0; ksyms_count(ks) && i < cnt; i++) {
			if (ksym_for_probe(ks, v[i].addr, &s))
				kmulti_func(&v[i], &s);
		}
	}
	print_end_array(NULL);
	free(v);
}

static void show_kprobe_multi(struct link_ctx *c, const struct link_data *d)
{
	__u32 cnt = d->info.kprobe_multi.count;
	__u64 missed = d->info.kprobe_multi.missed;
	bool ret = d->info.kprobe_multi.flags & 1;	/* ..._MULTI_RETURN */

	if (!cnt && !json_wtr)
		return;
	print_nl();
	print_bool("retprobe", ret);
	print_text(ret ? "kretprobe.multi  " : "kprobe.multi  ");
	print_u("func_cnt", "func_cnt %llu  ", cnt);
	print_u_if(missed, "missed", "missed %llu  ", missed);
	kmulti_funcs(c, d, cnt);
}

static void show_uprobe_multi(struct link_ctx *c, const struct link_data *d)
{
	__u32 cnt = d->info.uprobe_multi.count, i;
	bool ret = d->info.uprobe_multi.flags & 1;	/* ..._MULTI_RETURN */
	__u32 pid = d->info.uprobe_multi.pid;

	(void)c;
	if (!cnt && !json_wtr)
		return;
	print_nl();
	print_bool("retprobe", ret);
	print_text(ret ? "uretprobe.multi  " : "uprobe.multi  ");
	print_s("path", "path %s  ", d->path);
	print_u("func_cnt", "func_cnt %llu  ", cnt);
	if (json_wtr)
		jsonw_int_field(json_wtr, "pid", (int)pid);
	else if (pid)
		printf("pid %u  ", pid);
	if (json_wtr) {
		jsonw_name(json_wtr, "funcs");
		jsonw_start_array(json_wtr);
	} else {
		printf("\n\t%-16s   %-16s   %-16s", "offset",
		       "ref_ctr_offset", "cookies");
	}
	for (i = 0; d->arr[0] && d->arr[1] && d->arr[2] && i < cnt; i++) {
		if (json_wtr)
			jsonw_start_object(json_wtr);
		else
			print_nl();
		print_u("offset", "0x%-16llx ", d->arr[0][i]);
		print_u("ref_ctr_offset", "0x%-16llx ", d->arr[1][i]);
		print_u("cookie", "0x%-16llx", d->arr[2][i]);
		print_end_object(NULL);
	}
	print_end_array(NULL);
}

/* perf event names, as perf(1) spells them */
static const char *const perf_types[] = {
	"hardware", "software", "tracepoint", "hw-cache", "raw", "breakpoint",
};
static const char *const perf_hw[] = {
	"cpu-cycles", "instructions", "cache-references", "cache-misses",
	"branch-instructions", "branch-misses", "bus-cycles",
	"stalled-cycles-frontend", "stalled-cycles-backend", "ref-cycles",
};
static const char *const perf_sw[] = {
	"cpu-clock", "task-clock", "page-faults", "context-switches",
	"cpu-migrations", "minor-faults", "major-faults", "alignment-faults",
	"emulation-faults", "dummy", "bpf-output", "cgroup-switches",
};
static const char *const perf_cache[] = {
	"L1-dcache", "L1-icache", "LLC", "dTLB", "iTLB", "branch", "node",
};
static const char *const perf_cache_op[] = { "load", "store", "prefetch" };
static const char *const perf_cache_res[] = { "refs", "misses" };

#define NAME_AT(tab, i) \
	((i) < sizeof(tab) / sizeof((tab)[0]) ? (tab)[i] : NULL)

/* One "name-" part of a hw-cache config, or its number. */
static void cache_part(char *buf, size_t sz, const char *name, __u64 v,
		       const char *sep)
{
	size_t len = strlen(buf);

	if (name)
		snprintf(buf + len, sz - len, "%s%s", name, sep);
	else
		snprintf(buf + len, sz - len, "%llu%s", (unsigned long long)v,
			 sep);
}

/* Config name of a perf event into buf; false when it has no name. */
static bool perf_config_name(__u32 type, __u64 cfg, char *buf, size_t sz)
{
	const char *n = NULL;

	buf[0] = '\0';
	if (type == 0)
		n = NAME_AT(perf_hw, cfg);
	else if (type == 1)
		n = NAME_AT(perf_sw, cfg);
	if (type == 3) {
		cache_part(buf, sz, NAME_AT(perf_cache, cfg & 0xff),
			   cfg & 0xff, "-");
		cache_part(buf, sz, NAME_AT(perf_cache_op, (cfg >> 8) & 0xff),
			   (cfg >> 8) & 0xff, "-");
		cache_part(buf, sz, NAME_AT(perf_cache_res, cfg >> 16),
			   cfg >> 16, "");
		return true;
	}
	if (n)
		snprintf(buf, sz, "%s", n);
	return n;
}

static void perf_event_event(const struct link_data *d)
{
	__u32 type = d->info.perf_event.event.type;
	__u64 cfg = d->info.perf_event.event.config;
	__u64 cookie = d->info.perf_event.event.cookie;
	const char *tn = NAME_AT(perf_types, type);
	char cn[128], text[160];
	bool named = perf_config_name(type, cfg, cn, sizeof(cn));

	print_nl();
	print_text("event ");
	if (tn)
		snprintf(text, sizeof(text), "%s:", tn);
	else
		snprintf(text, sizeof(text), "%u :", type);
	if (json_wtr && tn)
		jsonw_string_field(json_wtr, "event_type", tn);
	else
		print_u_as("event_type", type, text);
	if (named)
		print_s("event_config", "%s  ", cn);
	else
		print_u("event_config", "%llu  ", cfg);
	print_u_if(cookie, "cookie", "cookie %llu  ", cookie);
}

static void perf_event_tracepoint(const struct link_data *d)
{
	__u64 cookie = d->info.perf_event.tracepoint.cookie;
	bool shown = d->name[0];

	if (shown)
		print_nl();
	print_s_if(shown, "tracepoint", "tracepoint %s  ", d->name);
	print_u_if(shown && cookie, "cookie", "cookie %llu  ", cookie);
}

static void perf_event_kprobe(const struct link_data *d)
{
	bool ret = d->info.perf_event.type == BK_PERF_KRETPROBE;
	__u64 addr = d->info.perf_event.kprobe.addr;
	__u32 off = d->info.perf_event.kprobe.offset;
	__u64 missed = d->info.perf_event.kprobe.missed;
	__u64 cookie = d->info.perf_event.kprobe.cookie;
	bool shown = d->name[0] || addr;

	if (shown) {
		print_nl();
		print_text(ret ? "kretprobe " : "kprobe ");
	}
	print_bool("retprobe", ret);
	print_u_if(shown && addr, "addr", "%llx ", addr);
	print_s_if(shown, "func", "%s", d->name);
	print_u_if(shown && off, "offset", "+%#llx", off);
	print_u_if(shown && missed, "missed", "  missed %llu", missed);
	print_u_if(shown && cookie, "cookie", "  cookie %llu", cookie);
	if (shown)
		print_text("  ");
}

static void perf_event_uprobe(const struct link_data *d)
{
	bool ret = d->info.perf_event.type == BK_PERF_URETPROBE;
	__u32 off = d->info.perf_event.uprobe.offset;
	__u64 cookie = d->info.perf_event.uprobe.cookie;
	__u64 ref = d->info.perf_event.uprobe.ref_ctr_offset;
	bool shown = d->name[0];

	if (shown) {
		print_nl();
		print_text(ret ? "uretprobe " : "uprobe ");
	}
	print_bool("retprobe", ret);
	print_s_if(shown, "file", "%s", d->name);
	print_u_if(shown, "offset", "+%#llx  ", off);
	print_u_if(shown && cookie, "cookie", "cookie %llu  ", cookie);
	print_u_if(shown && ref, "ref_ctr_offset", "ref_ctr_offset 0x%llx  ",
		ref);
}

static void show_perf_event(struct link_ctx *c, const struct link_data *d)
{
	static void (*const sub[BK_PERF_NR])(const struct link_data *) = {
		[BK_PERF_UPROBE] = perf_event_uprobe,
		[BK_PERF_URETPROBE] = perf_event_uprobe,
		[BK_PERF_KPROBE] = perf_event_kprobe,
		[BK_PERF_KRETPROBE] = perf_event_kprobe,
		[BK_PERF_TRACEPOINT] = perf_event_tracepoint,
		[BK_PERF_EVENT] = perf_event_event,
	};
	__u32 t = d->info.perf_event.type;

	(void)c;
	if (t < BK_PERF_NR && sub[t])
		sub[t](d);
}

/* ---- fetching ---- */

/*
 * Aim the info pointers of types that return strings or arrays at our
 * buffers. Returns 1 when a second info call is needed, -1 on ENOMEM.
 */
typedef int (*prep_fn)(struct link_data *d);

static __u64 ptr(const void *p)
{
	return (__u64)(unsigned long)p;
}

/* A string member (pointer and length) aimed at d->name. */
static int aim_name(struct link_data *d, __u64 *p, __u32 *len)
{
	*p = ptr(d->name);
	*len = sizeof(d->name);
	return 1;
}

/* Each of n array members aimed at an array of cnt u64s in d->arr. */
static int aim_arrays(struct link_data *d, __u32 cnt, __u64 *const *member,
		      int n)
{
	int i;

	if (!cnt)
		return 0;
	for (i = 0; i < n; i++) {
		d->arr[i] = calloc(cnt, sizeof(__u64));
		if (!d->arr[i])
			return -1;
		*member[i] = ptr(d->arr[i]);
	}
	return 1;
}

static int prep_raw_tp(struct link_data *d)
{
	return aim_name(d, &d->info.raw_tracepoint.tp_name,
			&d->info.raw_tracepoint.tp_name_len);
}

static int prep_iter(struct link_data *d)
{
	return aim_name(d, &d->info.iter.target_name,
			&d->info.iter.target_name_len);
}

static int prep_kprobe_multi(struct link_data *d)
{
	__u64 *const m[] = { &d->info.kprobe_multi.addrs,
			     &d->info.kprobe_multi.cookies };

	return aim_arrays(d, d->info.kprobe_multi.count, m, 2);
}

static int prep_uprobe_multi(struct link_data *d)
{
	typeof(d->info.uprobe_multi) *u = &d->info.uprobe_multi;
	__u64 *const m[] = { &u->offsets, &u->ref_ctr_offsets, &u->cookies };

	u->path = ptr(d->path);
	u->path_size = sizeof(d->path);
	return aim_arrays(d, u->count, m, 3);
}

static int prep_perf_event(struct link_data *d)
{
	typeof(d->info.perf_event) *pe = &d->info.perf_event;

	switch (pe->type) {
	case BK_PERF_TRACEPOINT:
		return aim_name(d, &pe->tracepoint.tp_name,
				&pe->tracepoint.name_len);
	case BK_PERF_KPROBE:
	case BK_PERF_KRETPROBE:
		return aim_name(d, &pe->kprobe.func_name, &pe->kprobe.name_len);
	case BK_PERF_UPROBE:
	case BK_PERF_URETPROBE:
		return aim_name(d, &pe->uprobe.file_name, &pe->uprobe.name_len);
	default:
		return 0;
	}
}

struct link_ops {
	prep_fn prep;		/* NULL: the first info call says it all */
	render_fn render;
};

static const struct link_ops link_ops[BK_LINK_NR] = {
	[BK_LINK_RAW_TP]	= { prep_raw_tp, show_raw_tp },
	[BK_LINK_TRACING]	= { NULL, show_tracing },
	[BK_LINK_CGROUP]	= { NULL, show_cgroup },
	[BK_LINK_ITER]		= { prep_iter, show_iter },
	[BK_LINK_NETNS]		= { NULL, show_netns },
	[BK_LINK_XDP]		= { NULL, show_xdp },
	[BK_LINK_PERF_EVENT]	= { prep_perf_event, show_perf_event },
	[BK_LINK_KPROBE_MULTI]	= { prep_kprobe_multi, show_kprobe_multi },
	[BK_LINK_STRUCT_OPS]	= { NULL, show_struct_ops },
	[BK_LINK_NETFILTER]	= { NULL, show_netfilter },
	[BK_LINK_TCX]		= { NULL, show_tcx_netkit },
	[BK_LINK_UPROBE_MULTI]	= { prep_uprobe_multi, show_uprobe_multi },
	[BK_LINK_NETKIT]	= { NULL, show_tcx_netkit },
	[BK_LINK_SOCKMAP]	= { NULL, show_sockmap },
};

static const struct link_ops *ops_of(__u32 type)
{
	return type < BK_LINK_NR ? &link_ops[type] : NULL;
}

int link_data_get(int fd, struct link_data *d)
{
	const struct link_ops *ops;
	__u32 len = sizeof(d->info);
	int again = 0;

	memset(&d->info, 0, sizeof(d->info));
	d->name[0] = d->path[0] = '\0';
	d->arr[0] = d->arr[1] = d->arr[2] = NULL;
	if (bpf_obj_get_info_by_fd(fd, &d->info, &len))
		return p_err("can't get link info: %s", strerror(errno));
	ops = ops_of(d->info.type);
	if (ops && ops->prep)
		again = ops->prep(d);
	if (again < 0)
		return p_err("out of memory");
	if (again && bpf_obj_get_info_by_fd(fd, &d->info, &len))
		return p_err("can't get link info: %s", strerror(errno));
	d->name[sizeof(d->name) - 1] = '\0';
	d->path[sizeof(d->path) - 1] = '\0';
	return 0;
}

void link_data_release(struct link_data *d)
{
	int i;

	for (i = 0; i < 3; i++) {
		free(d->arr[i]);
		d->arr[i] = NULL;
	}
}

void link_render_header(const struct link_data *d)
{
	const char *type = link_type_name(d->info.type);

	if (json_wtr) {
		jsonw_uint_field(json_wtr, "id", d->info.id);
		if (type)
			jsonw_string_field(json_wtr, "type", type);
		else
			jsonw_uint_field(json_wtr, "type", d->info.type);
		jsonw_uint_field(json_wtr, "prog_id", d->info.prog_id);
		return;
	}
	printf("%u: ", d->info.id);
	if (type)
		printf("%s  ", type);
	else
		printf("type %u  ", d->info.type);
	if (d->info.type == BK_LINK_STRUCT_OPS)
		printf("map %u  ", d->info.struct_ops.map_id);
	else
		printf("prog %u  ", d->info.prog_id);
}

void link_render_detail(struct link_ctx *c, const struct link_data *d)
{
	const struct link_ops *ops = ops_of(d->info.type);

	if (ops && ops->render)
		ops->render(c, d);
}

bool link_perf_cookie(const struct link_data *d, __u64 *cookie)
{
	const struct bk_link_info *i = &d->info;

	if (i->type != BK_LINK_PERF_EVENT)
		return false;
	switch (i->perf_event.type) {
	case BK_PERF_UPROBE:
	case BK_PERF_URETPROBE:
		*cookie = i->perf_event.uprobe.cookie;
		break;
	case BK_PERF_KPROBE:
	case BK_PERF_KRETPROBE:
		*cookie = i->perf_event.kprobe.cookie;
		break;
	case BK_PERF_TRACEPOINT:
		*cookie = i->perf_event.tracepoint.cookie;
		break;
	case BK_PERF_EVENT:
		*cookie = i->perf_event.event.cookie;
		break;
	default:
		*cookie = 0;
	}
	return true;
}
