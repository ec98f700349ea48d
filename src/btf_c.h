/* SPDX-License-Identifier: GPL-2.0-only */
/* BTF-to-C emitter: vmlinux.h generation, byte-identical to upstream bpftool. */
#ifndef BPFKIT_BTF_C_H
#define BPFKIT_BTF_C_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/types.h>

struct btf;

struct btf_c_opts {
	bool unsorted;		/* "format c unsorted": keep BTF id order */
	const __u32 *root_ids;	/* only these types and their closure; NULL: all */
	size_t root_cnt;
};

/*
 * Write btf as a C header to out. Returns 0, or a negative errno after
 * reporting the problem with p_err(). Writes nothing it would have to take
 * back: callers that need all-or-nothing output write to a temporary file.
 */
int btf_c_dump(const struct btf *btf, const struct btf_c_opts *o, FILE *out);

#endif
