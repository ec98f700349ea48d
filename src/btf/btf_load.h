/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Views on BTF (libbpf's, or bytes we indexed ourselves) and the checks
 * libbpf 1.1 does not make (dangling type ids, loops) so that no renderer
 * ever walks into a cycle. Getting BTF is btf_src.h's job.
 */
#ifndef BPFKIT_BTF_LOAD_H
#define BPFKIT_BTF_LOAD_H

#include <stdbool.h>
#include <linux/types.h>

#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "btf_type.h"

/*
 * Read access to BTF types and names, from libbpf's struct btf or from a
 * file we mapped and checked ourselves (btf_view_map). Raw dumps, checks
 * and name lookups work on either; the C emitter needs libbpf's.
 */
struct btf_view {
	const struct btf *btf;	/* libbpf's; NULL for a mapped file */
	const char *types;	/* mapped: type section */
	const __u32 *off;	/* mapped: offset of type id in types */
	const char *strs;	/* mapped: string section */
	__u32 str_len;
	__u32 first;		/* first type id of this BTF (past its base) */
	__u32 cnt;		/* type ids are < cnt (base and void included) */
	void *mem;		/* mapped: the mapping (or buffer) we own */
	size_t mem_len;
	bool mapped;		/* mem is an mmap, not malloc */
};

extern const struct btf_type btf_view_void;

static inline const struct btf_type *btf_view_type(const struct btf_view *v,
						   __u32 id)
{
	if (v->btf)
		return btf__type_by_id(v->btf, id);
	if (!id || id >= v->cnt)
		return id ? NULL : &btf_view_void;
	return (const struct btf_type *)(v->types + v->off[id]);
}

/* NULL for an offset past the string section */
static inline const char *btf_view_str(const struct btf_view *v, __u32 off)
{
	if (v->btf)
		return btf__name_by_offset(v->btf, off);
	return off < v->str_len ? v->strs + off : NULL;
}

/* A view on libbpf's btf (nothing to free). */
void btf_view_of(struct btf_view *v, const struct btf *btf);

/* Same on a buffer the caller keeps alive (the fuzzer's). */
int btf_view_parse(const void *data, size_t size, struct btf_view *v);
void btf_view_free(struct btf_view *v);

/*
 * Why would libbpf refuse this raw BTF (split on a base whose types end
 * before first_id)? One phrase in why, or why empty when unsure.
 */
void btf_diagnose_raw(const char *data, size_t size, __u32 first_id,
		      char *why, size_t sz);

#define SYSFS_VMLINUX	"/sys/kernel/btf/vmlinux"
#define BTF_FILE_MAX	(256u << 20)	/* bigger is not BTF we want to read */

/*
 * Reject what would make a renderer misbehave: type ids past the end and
 * cycles that do not go through a struct/union member behind a pointer.
 * Checks the types of v itself (not its base). 0, or a negative errno
 * with err filled.
 */
struct btf_err;
int btf_check_err(const struct btf_view *v, struct btf_err *err);

/*
 * An ELF object's .BTF.ext against its (checked) .BTF: the layout as
 * libbpf reads it, type ids in range (func_info: FUNCs), string offsets
 * inside the string section. 0, or a negative errno with err filled.
 */
int btf_ext_check(const struct btf *btf, const void *data, size_t size,
		  struct btf_err *err);

/*
 * The same checks, handing each record to fn: its kind, the ELF section it
 * is for (a name), its index among that section's records, and its first
 * four words (insn_off first). fn returns 0, or a negative errno after
 * filling err, which ends the walk.
 */
enum btf_ext_kind { BTF_EXT_FUNC, BTF_EXT_LINE, BTF_EXT_CORE };
typedef int (*btf_ext_fn)(void *ctx, enum btf_ext_kind k, const char *sec,
			  __u32 idx, const __u32 *rec, struct btf_err *err);
int btf_ext_walk(const struct btf *btf, const void *data, size_t size,
		 btf_ext_fn fn, void *ctx, struct btf_err *err);

/*
 * Resolve a type name for "root NAME": "struct X", "union X", "enum X",
 * "typedef X", or a bare X (any named struct/union/enum/typedef/int/float).
 * A number is taken as a type id. 0 with *id set, or a negative errno with
 * err filled.
 */
int btf_find_root(const struct btf_view *v, const char *name, __u32 *id,
		  struct btf_err *err);

#endif
