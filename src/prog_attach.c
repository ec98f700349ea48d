// SPDX-License-Identifier: GPL-2.0-only
/*
 * prog attach / prog detach PROG ATTACH_TYPE [TARGET] [link FILE].
 *
 * bpftool's form attaches sk_skb/sk_msg programs to a sockmap (MAP) and
 * flow dissectors to the current netns. The same command also reaches the
 * other attach points a user otherwise needs a second tool for:
 *
 *   TARGET := { MAP | dev IFNAME | cgroup PATH }
 *
 * "dev" attaches XDP (netlink, as ip link does) or tcx/netkit programs;
 * "cgroup" attaches cgroup programs (multi mode, so others stay). With
 * "link FILE" the attachment is a BPF link pinned at FILE instead: it lives
 * as long as the pin and shows up in "link show"; remove the pin (or use
 * "link detach") to detach it.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
#include <sys/capability.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "args.h"
#include "cgroup.h"
#include "handle.h"
#include "main.h"
#include "names.h"
#include "prog.h"
#include "libbpf_log.h"

/* attach types newer than the system headers */
#define AT_SK_SKB_VERDICT	38
#define AT_TCX_INGRESS		46
#define AT_TCX_EGRESS		47
#define AT_NETKIT_PRIMARY	54
#define AT_NETKIT_PEER		55

enum target_kind { TGT_NONE, TGT_MAP, TGT_DEV, TGT_CGROUP };

struct attach_req {
	int prog_fd;
	int type;
	enum target_kind kind;
	int target_fd;		/* map or cgroup fd */
	__u32 ifindex;
	const char *target;	/* for messages */
	const char *link_path;
};

/* bpftool's legacy spellings, matched as prefixes in kernel enum order. */
static const struct {
	const char *name;
	int type;
} legacy_types[] = {
	{ "stream_parser",	BPF_SK_SKB_STREAM_PARSER },
	{ "stream_verdict",	BPF_SK_SKB_STREAM_VERDICT },
	{ "msg_verdict",	BPF_SK_MSG_VERDICT },
	{ "flow_dissector",	BPF_FLOW_DISSECTOR },
	{ "skb_verdict",	AT_SK_SKB_VERDICT },
};

static int parse_attach_type(const char *w)
{
	size_t i;
	int t;

	if (!w)
		return -1;
	t = attach_type_parse(w);
	if (t >= 0)
		return t;
	for (i = 0; i < sizeof(legacy_types) / sizeof(legacy_types[0]); i++)
		if (is_prefix(w, legacy_types[i].name))
			return legacy_types[i].type;
	return -1;
}

static bool is_dev_type(int t)
{
	return t == BPF_XDP || t == AT_TCX_INGRESS || t == AT_TCX_EGRESS ||
	       t == AT_NETKIT_PRIMARY || t == AT_NETKIT_PEER;
}

/*
 * 0, -1 after a usage error (bpftool exits 234 then), or 1 when a MAP named
 * by enough words does not open (reported; bpftool exits 255 then).
 */
static int parse_target(struct attach_req *r, struct argcur *c)
{
	const char *w;
	bool few;

	if (arg_take(c, "dev")) {
		w = arg_next(c);
		if (!w)
			return p_err("network device is missing after 'dev'");
		r->ifindex = if_nametoindex(w);
		if (!r->ifindex)
			return p_err("unrecognized netdevice '%s': %s", w,
				     strerror(errno));
		r->kind = TGT_DEV;
		r->target = w;
		return 0;
	}
	if (arg_take(c, "cgroup")) {
		if (is_dev_type(r->type))
			return p_err("attach type '%s' needs 'dev IFNAME'",
				     attach_type_name(r->type));
		w = arg_next(c);
		if (!w)
			return p_err("cgroup path is missing after 'cgroup'");
		r->target_fd = open_cgroup(w);
		if (r->target_fd < 0)
			return -1;
		r->kind = TGT_CGROUP;
		r->target = w;
		return 0;
	}
	if (r->type == BPF_FLOW_DISSECTOR)
		return 0;	/* the current network namespace */
	if (is_dev_type(r->type))
		return p_err("attach type '%s' needs 'dev IFNAME'",
			     attach_type_name(r->type));
	if (!arg_more(c))
		return p_err("attach type '%s' needs a MAP (or 'dev IFNAME' / 'cgroup PATH')",
			     attach_type_name(r->type) ?: "?");
	few = c->argc < 2;
	r->target_fd = map_parse_fd(c, false);
	if (r->target_fd < 0)
		return few ? -1 : 1;
	r->kind = TGT_MAP;
	r->target = "map";
	return 0;
}

static int parse_req(struct attach_req *r, int argc, char **argv,
		     bool attach)
{
	ARGCUR(c, argc, argv);
	const char *w;
	int err;

	r->prog_fd = r->target_fd = -1;
	if (argc < 3) {
		p_err("'%s' needs at least 3 arguments, %d found", argv[-1],
		      argc);
		return -EINVAL;
	}
	r->prog_fd = prog_parse_fd(&c);
	if (r->prog_fd < 0)
		return -1;
	w = arg_next(&c);
	r->type = parse_attach_type(w);
	if (r->type < 0) {
		p_err("invalid attach/detach type '%s'", w ? w : "");
		return -EINVAL;
	}
	err = parse_target(r, &c);
	if (err)
		return err > 0 ? -1 : -EINVAL;
	if (attach && arg_take(&c, "link")) {
		r->link_path = arg_next(&c);
		if (!r->link_path)
			return p_err("pin path is missing after 'link'");
	}
	if (arg_done(&c))
		return -EINVAL;
	return 0;
}

static void free_req(struct attach_req *r)
{
	if (r->prog_fd >= 0)
		close(r->prog_fd);
	if (r->target_fd >= 0)
		close(r->target_fd);
}

/*
 * Attaching to a device goes through netlink or the netdev, which want
 * CAP_NET_ADMIN rather than the capabilities cap_hint() knows about.
 */
static const char *attach_hint(const struct attach_req *r, int err)
{
	cap_flag_value_t v = CAP_SET;
	cap_t caps;

	if (err != EPERM || r->kind != TGT_DEV)
		return cap_hint(err);
	caps = cap_get_proc();
	if (caps) {
		if (cap_get_flag(caps, CAP_NET_ADMIN, CAP_EFFECTIVE, &v))
			v = CAP_SET;
		cap_free(caps);
	}
	if (v == CAP_SET)
		return cap_hint(err);
	return " (missing CAP_NET_ADMIN: run as root or grant it with setcap cap_net_admin,cap_bpf+ep)";
}

/* Failure of the attach/detach call itself: bpftool exits 234 here. */
static int attach_failed(const struct attach_req *r, const char *what,
			 int err, const char *warn)
{
	char kmsg[600] = "";

	/* netlink's extack ("XDP program already attached") says why */
	if (*warn)
		snprintf(kmsg, sizeof(kmsg), " (%s)", warn);
	if (r->kind == TGT_MAP)
		p_err("failed prog %s map: %s%s%s", what, strerror(err), kmsg,
		      cap_hint(err));
	else if (r->kind == TGT_DEV)
		p_err("failed prog %s dev '%s': %s%s%s", what, r->target,
		      strerror(err), kmsg, attach_hint(r, err));
	else if (r->kind == TGT_CGROUP)
		p_err("failed prog %s cgroup '%s': %s%s%s", what, r->target,
		      strerror(err), kmsg, cap_hint(err));
	else
		p_err("failed prog %s the network namespace: %s%s%s", what,
		      strerror(err), kmsg, cap_hint(err));
	return -EINVAL;
}

static int link_target(const struct attach_req *r)
{
	if (r->kind == TGT_DEV)
		return r->ifindex;
	if (r->kind == TGT_NONE)
		return open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	return r->target_fd;
}

static int attach_link(const struct attach_req *r)
{
	int target, fd, err;

	target = link_target(r);
	if (target < 0)
		return p_err("can't open the network namespace: %s",
			     strerror(errno));
	fd = bpf_link_create(r->prog_fd, target, r->type, NULL);
	err = fd < 0 ? errno : 0;
	if (r->kind == TGT_NONE)
		close(target);
	if (fd < 0)
		return attach_failed(r, "attach to", err, "");
	err = pin_fd_at(fd, r->link_path);
	close(fd);	/* unpinned, the link goes away with this fd */
	return err;
}

static int attach_legacy(const struct attach_req *r)
{
	LIBBPF_OPTS(bpf_xdp_attach_opts, xo);
	int err;

	if (r->type == BPF_XDP) {
		err = bpf_xdp_attach(r->ifindex, r->prog_fd,
				     XDP_FLAGS_UPDATE_IF_NOEXIST, &xo);
	} else if (r->kind == TGT_DEV) {
		/* the kernel reads target_fd as target_ifindex here */
		err = bpf_prog_attach(r->prog_fd, r->ifindex, r->type, 0);
	} else if (r->kind == TGT_CGROUP) {
		err = bpf_prog_attach(r->prog_fd, r->target_fd, r->type,
				      BPF_F_ALLOW_MULTI);
	} else {
		err = bpf_prog_attach(r->prog_fd,
				      r->kind == TGT_MAP ? r->target_fd : 0,
				      r->type, 0);
	}
	return err ? errno : 0;
}

static int detach_legacy(const struct attach_req *r)
{
	LIBBPF_OPTS(bpf_xdp_attach_opts, xo, .old_prog_fd = r->prog_fd);
	int err;

	if (r->type == BPF_XDP) {
		/* only if it is still our program that is attached */
		err = bpf_xdp_detach(r->ifindex, XDP_FLAGS_REPLACE, &xo);
	} else if (r->kind == TGT_DEV) {
		err = bpf_prog_detach2(r->prog_fd, r->ifindex, r->type);
	} else {
		err = bpf_prog_detach2(r->prog_fd,
				       r->kind == TGT_NONE ? 0 : r->target_fd,
				       r->type);
	}
	return err ? errno : 0;
}

/*
 * Run the legacy attach or detach with libbpf's warnings held back: the
 * first one (netlink's reason for XDP) joins our error line.
 */
static int run_legacy(const struct attach_req *r, bool attach)
{
	const char *warn;
	int err;

	libbpf_log_hold();
	err = attach ? attach_legacy(r) : detach_legacy(r);
	warn = libbpf_log_release();
	if (err)
		return attach_failed(r, attach ? "attach to" : "detach from",
				     err, warn);
	return 0;
}

int do_prog_attach(int argc, char **argv)
{
	struct attach_req r = {};
	int err;

	err = parse_req(&r, argc, argv, true);
	if (!err)
		err = r.link_path ? attach_link(&r) : run_legacy(&r, true);
	free_req(&r);
	return cmd_done(err);
}

int do_prog_detach(int argc, char **argv)
{
	struct attach_req r = {};
	int err;

	err = parse_req(&r, argc, argv, false);
	if (!err)
		err = run_legacy(&r, false);
	free_req(&r);
	return cmd_done(err);
}
