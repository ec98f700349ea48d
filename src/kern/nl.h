/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rtnetlink dumps through libmnl: one socket per command, one request and
 * its multi-part answer per call, each message handed to a callback with
 * its attributes already indexed.
 */
#ifndef BPFKIT_NL_H
#define BPFKIT_NL_H

#include <linux/types.h>

struct nlattr;
struct nl_sock;

struct nl_sock *nl_open(void);
void nl_close(struct nl_sock *s);

/*
 * Called per answer message: hdr is the family header (ifinfomsg or
 * tcmsg), tb its top-level attributes indexed by type (NULL when absent,
 * up to max as given to the dump). Nonzero stops the dump with that value.
 */
typedef int (*nl_msg_cb)(const void *hdr, struct nlattr **tb, void *ctx);

/* RTM_GETLINK dump of every device (IFLA_* attributes, up to IFLA_MAX). */
int nl_dump_links(struct nl_sock *s, nl_msg_cb cb, void *ctx);
/*
 * RTM_GETQDISC, RTM_GETTCLASS or RTM_GETTFILTER dump for one device (and
 * one parent handle for filters); TCA_* attributes up to TCA_MAX.
 * 0, a callback's value, or -errno (the kernel's error included).
 */
int nl_dump_tc(struct nl_sock *s, int type, int ifindex, __u32 parent,
	       nl_msg_cb cb, void *ctx);

/* Index a nested attribute's members, up to max; -1 on a malformed one. */
int nl_parse_nested(const struct nlattr *nest, struct nlattr **tb, int max);

#endif
