/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One BTF type layer: what a type record holds, kind by kind, so that the
 * checks, the merger, the renderers and the CO-RE code do not each keep
 * their own switch over the kinds.
 */
#ifndef BPFKIT_BTF_TYPE_H
#define BPFKIT_BTF_TYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <linux/btf.h>
#include <linux/types.h>
#include <bpf/btf.h>

/* t's kind as messages name it: "struct", "pointer", ... ("unknown") */
const char *btf_kind_word(const struct btf_type *t);

/* Bytes the record of t takes (header and vlen part), 0 for an unknown kind. */
size_t btf_type_rec_size(const struct btf_type *t);

/* A kind this layer knows (the ones btf_type_rec_size() sizes)? */
static inline bool btf_kind_known(__u32 kind)
{
	return kind >= BTF_KIND_INT && kind <= BTF_KIND_ENUM64;
}

/* How a type refers to another. */
enum btf_edge {
	BTF_EDGE_NONE,		/* no such reference */
	BTF_EDGE_MOD,		/* typedef, const, volatile, restrict, type_tag */
	BTF_EDGE_PTR,		/* pointer to its target */
	BTF_EDGE_ELEM,		/* array element, by value */
	BTF_EDGE_INDEX,		/* array index type */
	BTF_EDGE_MEMBER,	/* struct/union member, by value */
	BTF_EDGE_RET,		/* func_proto return type */
	BTF_EDGE_PARAM,		/* func_proto parameter */
	BTF_EDGE_FUNC,		/* func to its prototype */
	BTF_EDGE_VAR,		/* var to its type */
	BTF_EDGE_SECINFO,	/* datasec to a var */
	BTF_EDGE_TAG,		/* decl_tag to what it tags */
};

/*
 * The i-th type id t refers to (i = 0, 1, ...), in record order: *ref
 * points at it inside the record (the merger renumbers through it), and
 * the edge says what kind of reference it is. BTF_EDGE_NONE past the last.
 * Inline: the C emitter and the checks take every edge of every type.
 */
static inline enum btf_edge btf_type_edge(const struct btf_type *t, __u32 i,
					  __u32 **ref)
{
	/* libbpf hands out const records; the merger owns writable copies */
	struct btf_type *w = (struct btf_type *)t;
	__u32 vlen = btf_vlen(t);

	switch (btf_kind(t)) {
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		*ref = &w->type;
		return i ? BTF_EDGE_NONE : BTF_EDGE_MOD;
	case BTF_KIND_PTR:
		*ref = &w->type;
		return i ? BTF_EDGE_NONE : BTF_EDGE_PTR;
	case BTF_KIND_FUNC:
		*ref = &w->type;
		return i ? BTF_EDGE_NONE : BTF_EDGE_FUNC;
	case BTF_KIND_VAR:
		*ref = &w->type;
		return i ? BTF_EDGE_NONE : BTF_EDGE_VAR;
	case BTF_KIND_DECL_TAG:
		*ref = &w->type;
		return i ? BTF_EDGE_NONE : BTF_EDGE_TAG;
	case BTF_KIND_ARRAY:
		if (i > 1)
			return BTF_EDGE_NONE;
		*ref = i ? &btf_array(w)->index_type : &btf_array(w)->type;
		return i ? BTF_EDGE_INDEX : BTF_EDGE_ELEM;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (i >= vlen)
			return BTF_EDGE_NONE;
		*ref = &btf_members(w)[i].type;
		return BTF_EDGE_MEMBER;
	case BTF_KIND_FUNC_PROTO:
		if (i > vlen)
			return BTF_EDGE_NONE;
		*ref = i ? &btf_params(w)[i - 1].type : &w->type;
		return i ? BTF_EDGE_PARAM : BTF_EDGE_RET;
	case BTF_KIND_DATASEC:
		if (i >= vlen)
			return BTF_EDGE_NONE;
		*ref = &btf_var_secinfos(w)[i].type;
		return BTF_EDGE_SECINFO;
	default:	/* int, enum, enum64, fwd, float: no references */
		return BTF_EDGE_NONE;
	}
}

/* Does the edge make up the object by value (no pointer, no function)? */
static inline bool btf_edge_by_value(enum btf_edge e)
{
	return e == BTF_EDGE_MOD || e == BTF_EDGE_ELEM || e == BTF_EDGE_MEMBER;
}

/*
 * The i-th type the C type t is built from (i = 0, 1, ...): every edge but
 * an array's index type, which C does not spell. false past the last.
 */
static inline bool btf_type_part(const struct btf_type *t, __u32 i,
				 __u32 *id)
{
	__u32 *ref;
	enum btf_edge e = btf_type_edge(t, i, &ref);

	if (e == BTF_EDGE_NONE || e == BTF_EDGE_INDEX)
		return false;
	*id = *ref;
	return true;
}

/*
 * Sets of kinds, a bit per kind, for the walks down a declaration chain
 * (int *const x[4]: array, const, pointer, int) that each follow their own
 * kinds and stop at the others.
 */
#define BTF_KBIT(kind)	(1u << (kind))
/* cv-qualifiers and type tags: the same type, qualified */
#define BTF_KINDS_QUAL	(BTF_KBIT(BTF_KIND_VOLATILE) |			\
			 BTF_KBIT(BTF_KIND_CONST) |			\
			 BTF_KBIT(BTF_KIND_RESTRICT) |			\
			 BTF_KBIT(BTF_KIND_TYPE_TAG))
/* the BTF_EDGE_MOD kinds: qualifiers and typedefs */
#define BTF_KINDS_MOD	(BTF_KINDS_QUAL | BTF_KBIT(BTF_KIND_TYPEDEF))
/* what a C declarator is made of: qualifiers, pointers, arrays, prototypes */
#define BTF_KINDS_DECL	(BTF_KINDS_QUAL | BTF_KBIT(BTF_KIND_PTR) |	\
			 BTF_KBIT(BTF_KIND_ARRAY) |			\
			 BTF_KBIT(BTF_KIND_FUNC_PROTO))

static inline bool btf_kind_in(__u32 kinds, __u32 kind)
{
	return kind < 32 && (kinds >> kind) & 1;
}

/*
 * One step down a declaration chain: if t's kind is in kinds, *next is the
 * type t stands on, its first edge (a modifier's, pointer's or tag's
 * target, an array's element, a prototype's return type). kinds must hold
 * only such kinds, not the ones with members.
 */
static inline bool btf_type_next(const struct btf_type *t, __u32 kinds,
				 __u32 *next)
{
	if (!btf_kind_in(kinds, btf_kind(t)))
		return false;
	*next = btf_is_array(t) ? btf_array(t)->type : t->type;
	return true;
}

/*
 * The name offset of t's i-th member, parameter or enumerator (i = 0, 1,
 * ...): false past the last, or for a kind without named parts.
 */
static inline bool btf_type_part_name(const struct btf_type *t, __u32 i,
				      __u32 *name_off)
{
	if (i >= btf_vlen(t))
		return false;
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		*name_off = btf_members(t)[i].name_off;
		return true;
	case BTF_KIND_FUNC_PROTO:
		*name_off = btf_params(t)[i].name_off;
		return true;
	case BTF_KIND_ENUM:
		*name_off = btf_enum(t)[i].name_off;
		return true;
	case BTF_KIND_ENUM64:
		*name_off = btf_enum64(t)[i].name_off;
		return true;
	default:
		return false;
	}
}

/*
 * The i-th enumerator of an ENUM or ENUM64: its name offset and its value
 * (sign-extended for a signed enum, i.e. with kflag set). false past the
 * last, or for another kind.
 */
bool btf_type_enumerator(const struct btf_type *t, __u32 i, __u32 *name_off,
			 __u64 *val);

/*
 * Byte size of type id through typedefs, modifiers and arrays, as libbpf's
 * btf__resolve_size(): -EINVAL when unknown, -E2BIG past 4 GiB. get()
 * looks a type up in ctx (NULL when there is none); being inline, each
 * caller gets its lookup inlined.
 */
static inline long long btf_size_walk(const void *ctx,
	const struct btf_type *(*get)(const void *ctx, __u32 id),
	__u32 id, int ptr_sz)
{
	unsigned long long nelems = 1;
	long long size = -1;
	const struct btf_type *t;
	int i;

	for (i = 0; i < 32 && id; i++) {
		t = get(ctx, id);
		if (!t)
			return -EINVAL;
		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_DATASEC:
		case BTF_KIND_FLOAT:
			size = t->size;
			goto done;
		case BTF_KIND_PTR:
			size = ptr_sz;
			goto done;
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_VAR:
		case BTF_KIND_DECL_TAG:
		case BTF_KIND_TYPE_TAG:
			id = t->type;
			break;
		case BTF_KIND_ARRAY:
			if (nelems && btf_array(t)->nelems > UINT32_MAX / nelems)
				return -E2BIG;
			nelems *= btf_array(t)->nelems;
			id = btf_array(t)->type;
			break;
		default:
			return -EINVAL;
		}
	}
done:
	if (size < 0)
		return -EINVAL;
	if (nelems && (unsigned long long)size > UINT32_MAX / nelems)
		return -E2BIG;
	return nelems * size;
}

/* btf_size_walk() on libbpf's btf, pointers of its pointer size. */
long long btf_type_size(const struct btf *btf, __u32 id);

/*
 * A type as bpftool writes it in prog dumps and struct_ops values:
 * "int f(struct __sk_buff * skb)" for a FUNC, "int (struct sock *)" for a
 * FUNC_PROTO, "const char * " for others; an empty string when it cannot
 * be rendered (or does not fit in size bytes).
 */
void btf_func_sig(const struct btf *btf, __u32 type_id, char *buf, int size);

#endif
