/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * "btf dump ... format raw": one line per type (plain) or {"types":[...]}
 * (JSON), byte-identical to upstream bpftool, written through a large
 * buffer with hand-rolled number formatting instead of printf per field.
 */
#ifndef BPFKIT_BTF_RAW_H
#define BPFKIT_BTF_RAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/types.h>

struct btf_view;

struct btf_raw_opts {
	const __u32 *ids;	/* only these types (no closure); NULL: all own types */
	size_t cnt;
	bool json;
	bool pretty;
	unsigned int depth;	/* JSON nesting level the document starts at */
};

/*
 * Write the dump to out. Returns 0 or -EIO when writing failed (not
 * reported: the caller knows where it was writing).
 */
int btf_raw_dump(const struct btf_view *v, const struct btf_raw_opts *o,
		 FILE *out);

#endif
