/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CO-RE engine: for one .BTF.ext relocation record and one target BTF,
 * what libbpf's loader would write into the instruction (or that it would
 * poison it, or refuse the object). Same rules as libbpf's relo_core.c:
 * candidates by essential name (___flavor stripped), field matching through
 * anonymous members, array bounds, bitfields, ambiguity between candidates,
 * and candidate lists pruned per local root type in record order.
 *
 * Library code: nothing here prints.
 */
#ifndef BPFKIT_CORE_RELOC_H
#define BPFKIT_CORE_RELOC_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <linux/bpf.h>

struct btf_view;
struct bpf_elf_core;

#define CORE_SPEC_MAX	64
#define CORE_POISON_IMM	0xbad2310	/* libbpf's "bad relo" helper id */
#define CORE_MATCH_MAX	16

struct core_acc {
	__u32 type_id;
	__u32 idx;
	const char *name;	/* NULL for array indexes */
};

struct core_spec {
	const struct btf_view *btf;
	__u32 root_id;
	__u32 kind;
	int raw[CORE_SPEC_MAX];
	int raw_len;
	struct core_acc acc[CORE_SPEC_MAX];
	int len;
	__u32 bit_offset;
};

enum core_status {
	CORE_PATCHED,	/* instruction rewritten with new_val */
	CORE_POISONED,	/* replaced by a call to an invalid helper */
	CORE_FAILED,	/* libbpf refuses the whole object */
};

struct core_result {
	enum core_status status;
	__u64 orig_val;
	__u64 new_val;
	__u32 orig_sz, new_sz;	/* load/store size (byte_off on fields) */
	bool validate;
	bool fail_memsz;
	bool resized;		/* a load/store's size was changed */
	int ncands;		/* target types of the same essential name */
	int matched;		/* candidates that matched */
	__u32 match_ids[CORE_MATCH_MAX];	/* the first of them */
	struct core_spec local;
	struct core_spec targ;	/* valid when matched > 0 */
	char why[200];		/* poison or failure reason, in words */
};

/*
 * Names of a target BTF, indexed once by essential name: candidate search
 * and every "does the kernel have X" question become lookups instead of
 * scans of 100k types.
 */
struct core_index;

struct core_index *core_index_new(const struct btf_view *btf);
/*
 * The same for just the types whose essential name is among names (much
 * cheaper): lookups of any other name then find nothing.
 */
struct core_index *core_index_new_for(const struct btf_view *btf,
				      const char *const *names, int nnames);
void core_index_free(struct core_index *x);
/*
 * Type ids whose essential name is name[0..len) (len from
 * core_essential_len), ascending: start with prev = 0; 0 ends.
 */
__u32 core_index_next(const struct core_index *x, const char *name,
		      size_t len, __u32 prev);
/* The first type of exactly this name and kind, or 0. */
__u32 core_index_find(const struct core_index *x, const char *name, int kind);

/* Per target BTF: candidate lists cached (and pruned) per local type. */
struct core_ctx;

/* idx may be NULL: the context then indexes targ itself. */
struct core_ctx *core_ctx_new(const struct btf_view *local, const struct btf_view *targ,
			      const struct core_index *idx);
void core_ctx_free(struct core_ctx *c);

/*
 * Resolve rec and apply it to insn (a copy the caller owns; insn[1] must be
 * valid for ld_imm64): res says what libbpf would do. Records must be fed
 * in .BTF.ext order, as libbpf does, because candidate lists are pruned.
 */
void core_relo_apply(struct core_ctx *c, const struct bpf_elf_core *rec,
		     struct bpf_insn *insn, int avail, struct core_result *res);

/*
 * Match a parsed local spec against target type targ_id: 1 matched (spec
 * filled), 0 not, <0 error. For gen min_core_btf.
 */
int core_spec_match(const struct core_spec *local, const struct btf_view *targ,
		    __u32 targ_id, struct core_spec *spec);

const char *core_kind_name(__u32 kind);
bool core_kind_is_field(__u32 kind);
bool core_kind_is_type(__u32 kind);
bool core_kind_is_enumval(__u32 kind);
/* Length of name without its ___flavor suffix. */
size_t core_essential_len(const char *name);
/* "task_struct.pid", "sk_buff.cb[2]", "bpf_map_type::BPF_MAP_TYPE_HASH" */
void core_spec_str(const struct core_spec *s, char *buf, size_t len);
/* "struct task_struct", "enum bpf_map_type", "typedef u32" */
void core_type_str(const struct btf_view *btf, __u32 id, char *buf, size_t len);
/* The raw access string of the record ("0:1:2"), or "" */
const char *core_access_str(const struct btf_view *local,
			    const struct bpf_elf_core *rec);

#endif
