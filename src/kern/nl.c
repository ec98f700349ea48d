// SPDX-License-Identifier: GPL-2.0-only
/* rtnetlink dumps over libmnl, for net show. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "nl.h"

/* big enough for a dump part with many devices: fewer recvmsg calls */
#define NL_BUF_SIZE	(64 * 1024)

struct nl_sock {
	struct mnl_socket *mnl;
	__u32 portid;
	__u32 seq;
	char *buf;
};

struct nl_sock *nl_open(void)
{
	struct nl_sock *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->buf = malloc(NL_BUF_SIZE);
	s->mnl = mnl_socket_open(NETLINK_ROUTE);
	if (!s->buf || !s->mnl ||
	    mnl_socket_bind(s->mnl, 0, MNL_SOCKET_AUTOPID) < 0) {
		nl_close(s);
		return NULL;
	}
	s->portid = mnl_socket_get_portid(s->mnl);
	s->seq = time(NULL);
	return s;
}

void nl_close(struct nl_sock *s)
{
	if (!s)
		return;
	if (s->mnl)
		mnl_socket_close(s->mnl);
	free(s->buf);
	free(s);
}

struct run_ctx {
	nl_msg_cb cb;
	void *ctx;
	size_t hdrlen;
	int max;
	int ret;
};

static int index_attr(const struct nlattr *a, void *data)
{
	struct nlattr **tb = ((void **)data)[0];
	int max = *(int *)((void **)data)[1];
	int type = mnl_attr_get_type(a);

	if (type <= max)
		tb[type] = (struct nlattr *)a;
	return MNL_CB_OK;
}

static int msg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct run_ctx *r = data;
	struct nlattr *tb[128] = {};
	void *args[2] = { tb, &r->max };

	if (mnl_attr_parse(nlh, r->hdrlen, index_attr, args) < 0)
		return MNL_CB_OK;	/* skip a malformed message */
	r->ret = r->cb(mnl_nlmsg_get_payload(nlh), tb, r->ctx);
	return r->ret ? MNL_CB_STOP : MNL_CB_OK;
}

/* Send the request in s->buf and run the callback over the answer. */
static int run(struct nl_sock *s, struct nlmsghdr *nlh, struct run_ctx *r)
{
	ssize_t n;
	int ret;

	if (mnl_socket_sendto(s->mnl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		n = mnl_socket_recvfrom(s->mnl, s->buf, NL_BUF_SIZE);
		if (n < 0)
			return -errno;
		ret = mnl_cb_run(s->buf, n, nlh->nlmsg_seq, s->portid, msg_cb,
				 r);
		if (ret < 0)
			return -errno;
		if (ret == MNL_CB_STOP)
			return r->ret;
	}
}

/*
 * A dump request of type in req with the family header of r's messages
 * after it, zeroed for the caller to fill.
 */
static void *dump_request(struct nl_sock *s, char *req, int type,
			  const struct run_ctx *r)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(req);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = ++s->seq;
	return mnl_nlmsg_put_extra_header(nlh, r->hdrlen);
}

int nl_dump_links(struct nl_sock *s, nl_msg_cb cb, void *ctx)
{
	struct run_ctx r = { cb, ctx, sizeof(struct ifinfomsg), IFLA_MAX, 0 };
	char req[MNL_SOCKET_BUFFER_SIZE];
	struct ifinfomsg *ifm = dump_request(s, req, RTM_GETLINK, &r);

	ifm->ifi_family = AF_PACKET;
	return run(s, (struct nlmsghdr *)req, &r);
}

int nl_dump_tc(struct nl_sock *s, int type, int ifindex, __u32 parent,
	       nl_msg_cb cb, void *ctx)
{
	struct run_ctx r = { cb, ctx, sizeof(struct tcmsg), TCA_MAX, 0 };
	char req[MNL_SOCKET_BUFFER_SIZE];
	struct tcmsg *t = dump_request(s, req, type, &r);

	t->tcm_family = AF_UNSPEC;
	t->tcm_ifindex = ifindex;
	t->tcm_parent = parent;
	return run(s, (struct nlmsghdr *)req, &r);
}

int nl_parse_nested(const struct nlattr *nest, struct nlattr **tb, int max)
{
	void *args[2] = { tb, &max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (mnl_attr_parse_nested(nest, index_attr, args) < 0)
		return -1;
	return 0;
}
