/* SPDX-License-Identifier: GPL-2.0-only */
/* Types shared by gen_skel.bpf.c and the loader built on its skeleton. */
#ifndef GEN_SKEL_H
#define GEN_SKEL_H

#include <linux/types.h>

struct pair {
	int a;
	long long b;
};

struct stats {
	__u64 packets;
	__u64 bytes;
	char tag[3];
};

typedef struct pair pair_t;

#endif
