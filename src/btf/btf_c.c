// SPDX-License-Identifier: GPL-2.0-only
/*
 * BTF to C header emitter ("btf dump ... format c").
 *
 * The output must match upstream bpftool byte for byte, so the ordering,
 * naming, padding and attribute rules follow libbpf's btf_dump behaviour;
 * the implementation is our own and built for speed: flat per-id arrays,
 * a private output buffer with hand-rolled number formatting, and all
 * ordering work done before the first byte is written, so that a BTF we
 * cannot handle produces an error and no output at all.
 *
 * Phases: prepare() checks every type and indexes it; the roots are put
 * in upstream's sort order (only those whose position can matter, see
 * find_reach()); order_type() turns them into the queue of definitions;
 * check_size() bounds the text that queue can produce; then emit_type()
 * prints the queue and emit_kfuncs() the kfunc prototypes.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* memccpy */
#endif
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "array.h"
#include "btf_c.h"
#include "btf_load.h"
#include "btf_type.h"
#include "error.h"
#include "obuf.h"

/* Recursion budget for type graph walks; real kernels stay far below. */
#define MAX_DEPTH	1024
/* Longest modifier/array/pointer chain we follow in one declaration. */
#define MAX_CHAIN	4096
/* libbpf formats "name___N" into a 256-byte buffer: longer gets cut. */
#define DUP_NAME_MAX	255

/* d->st[id] bits */
#define ORD_MASK	0x03
#define ORD_BUSY	0x01
#define ORD_DONE	0x02
#define EM_MASK		0x0c
#define EM_BUSY		0x04
#define EM_DONE		0x08
#define ST_FWD		0x10	/* forward declaration (or typedef) printed */
#define ST_REF		0x20	/* referenced by some other type */
#define ST_FASTCALL	0x40	/* FUNC tagged bpf_fastcall */
#define ST_HASHED	0x80	/* d->hmemo[id] is valid */

#define ALIGN_UNSET	0xff
#define ALIGN_BUSY	0xfe

/*
 * The declaration chains each walk follows (btf_type_next()), as libbpf's
 * btf_dump does: alignment looks through typedefs and arrays; a declarator
 * (BTF_KINDS_DECL) ends at a typedef, whose name is printed; a rank-10
 * typedef ends in a FWD or void; the sort key follows every reference kind.
 */
#define KINDS_ALIGN	(BTF_KINDS_MOD | BTF_KBIT(BTF_KIND_ARRAY))
#define KINDS_TYPEDEF	(BTF_KINDS_MOD | BTF_KBIT(BTF_KIND_PTR) |	\
			 BTF_KBIT(BTF_KIND_ARRAY))
#define KINDS_SORT	(KINDS_TYPEDEF | BTF_KBIT(BTF_KIND_DECL_TAG))

struct nslot {
	const char *key;
	__u32 hash;
	__u32 cnt;
};

/* Name -> occurrence count, open addressing, keys point into BTF strings. */
struct nmap {
	struct nslot *slots;
	__u32 cap;
	__u32 cnt;
	bool borrowed;		/* slots live in someone else's buffer */
};


/* A declaration chain: a window [base, base + cnt) of the shared stack. */
struct chain {
	__u32 base;
	__u32 cnt;
};

struct cdump {
	const struct btf *btf;
	__u32 n;
	int ptr_sz;
	const char *tbase;	/* non-split BTF: type id -> tbase + toff[id] */
	__u32 *toff;
	const char *strs;	/* string table of non-split BTF, else NULL */
	__u32 strs_len;
	__u32 *queue;
	/* one entry per id each, in one zeroed allocation in this order */
	__u32 *dup;		/* resolved-name occurrence number, 0: not yet */
	__u8 *st;
	__u8 *align;
	__u32 qcnt;
	__u64 *hmemo;		/* sort tie-breaker hashes, while sorting */
	__u32 *stk;		/* declaration stack shared by nested chains */
	__u32 scnt;
	__u32 scap;
	int depth;
	__u32 ndecl_tags;
	__u32 tname_max;	/* upper bounds of names per namespace */
	__u32 iname_max;
	void *scratch;		/* sort buffer, reused for the name maps */
	size_t scratch_sz;
	struct nmap tnames;	/* struct/union/enum tags */
	struct nmap inames;	/* typedefs and enumerators */
	struct obuf *ob;
	/*
	 * btf_c_open() only: the suffix each enumerator got in the dry run
	 * (edup[edup_at[enum id] + i]), replayed by later single definitions
	 * instead of counting on (enumerators have no cache like dup).
	 */
	__u32 *edup_at;
	__u32 *edup;
	bool replay;
};

static inline const struct btf_type *btype(const struct cdump *d, __u32 id)
{
	if (d->tbase && id)
		return (const void *)(d->tbase + d->toff[id]);
	return btf__type_by_id(d->btf, id);
}

/* Offsets are checked in prepare(); non-split BTF has one string table. */
static inline const char *bname(const struct cdump *d, __u32 off)
{
	return d->strs ? d->strs + off : btf__name_by_offset(d->btf, off);
}

/* ---- output ------------------------------------------------------------ */

/* Indentation is capped at 13 tabs, like upstream. */
static void ob_indent(struct obuf *o, int lvl)
{
	static const char tabs[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t";

	if (lvl > (int)sizeof(tabs) - 1)
		lvl = sizeof(tabs) - 1;
	if (lvl > 0)
		obuf_put(o, tabs, lvl);
}

/* "\n" + indent, the start of every member and enumerator line */
static void ob_nl_indent(struct obuf *o, int lvl)
{
	obuf_putc(o, '\n');
	ob_indent(o, lvl);
}

/* ---- name occurrence maps ---------------------------------------------- */

static inline __u32 name_hash(const char *s)
{
	__u32 h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void nmap_free(struct nmap *m)
{
	if (!m->borrowed)
		free(m->slots);
}

static int nmap_grow(struct nmap *m)
{
	__u32 ncap = m->cap ? m->cap * 2 : 4096, i, j;
	struct nslot *ns = calloc(ncap, sizeof(*ns));

	if (!ns)
		return -ENOMEM;
	for (i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		for (j = m->slots[i].hash & (ncap - 1); ns[j].key;
		     j = (j + 1) & (ncap - 1))
			;
		ns[j] = m->slots[i];
	}
	nmap_free(m);
	m->borrowed = false;
	m->slots = ns;
	m->cap = ncap;
	return 0;
}

/*
 * Size the map for at most want names up front, in the spare buffer when
 * it is big enough: its pages are already mapped, fresh ones cost faults.
 */
static int nmap_init(struct nmap *m, __u32 want, void **spare, size_t *left)
{
	size_t bytes;
	__u32 cap = 64;

	while (cap < 0x40000000u && (__u64)cap * 7 < (__u64)want * 10 + 10)
		cap *= 2;
	bytes = (size_t)cap * sizeof(struct nslot);
	if (*spare && *left >= bytes) {
		m->slots = *spare;
		memset(m->slots, 0, bytes);
		m->borrowed = true;
		*spare = (char *)*spare + bytes;
		*left -= bytes;
	} else {
		m->slots = calloc(cap, sizeof(struct nslot));
		if (!m->slots)
			return -ENOMEM;
	}
	m->cap = cap;
	return 0;
}

/*
 * Count one more use of name and return the new count. On allocation
 * failure we answer 1 (no suffix), the same degradation upstream has.
 */
static __u32 nmap_bump(struct nmap *m, const char *name)
{
	__u32 h = name_hash(name), i;

	if ((__u64)(m->cnt + 1) * 10 > (__u64)m->cap * 7 && nmap_grow(m))
		return 1;
	for (i = h & (m->cap - 1); m->slots[i].key; i = (i + 1) & (m->cap - 1)) {
		if (m->slots[i].hash == h && !strcmp(m->slots[i].key, name))
			return ++m->slots[i].cnt;
	}
	m->slots[i].key = name;
	m->slots[i].hash = h;
	m->slots[i].cnt = 1;
	m->cnt++;
	return 1;
}

/* ---- type properties --------------------------------------------------- */

static bool is_composite_kind(int kind)
{
	return kind == BTF_KIND_STRUCT || kind == BTF_KIND_UNION;
}

static int align_of(struct cdump *d, __u32 id);

static int struct_align(struct cdump *d, const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	int i, vlen = btf_vlen(t), best = 1, a;

	for (i = 0; i < vlen; i++, m++) {
		a = align_of(d, m->type);
		if (a <= 0)
			return a;
		if (a > best)
			best = a;
		/* a misaligned plain member means the struct is packed */
		if (!btf_member_bitfield_size(t, i) && m->offset % (8 * a))
			return 1;
	}
	if (t->size % best)
		return 1;
	return best;
}

/* Natural alignment of the end of a chain; see align_of(). */
static int align_walk(struct cdump *d, __u32 id)
{
	const struct btf_type *t;
	int a, steps;

	for (steps = 0; steps < MAX_CHAIN; steps++) {
		if (d->align[id] != ALIGN_UNSET)
			return d->align[id] == ALIGN_BUSY ? 1 : d->align[id];
		t = btype(d, id);
		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_FLOAT:
			a = t->size < (__u32)d->ptr_sz ? (int)t->size : d->ptr_sz;
			break;
		case BTF_KIND_PTR:
			a = d->ptr_sz;
			break;
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			d->align[id] = ALIGN_BUSY;
			a = struct_align(d, t);
			break;
		default:
			if (btf_type_next(t, KINDS_ALIGN, &id))
				continue;
			return 0;
		}
		d->align[id] = a < 0 ? 0 : a;
		return a;
	}
	return 0;
}

/*
 * Natural alignment as libbpf computes it; 0 for kinds without one. Both
 * ends of a typedef/qualifier/array chain remember the answer.
 */
static int align_of(struct cdump *d, __u32 id)
{
	int a;

	if (d->align[id] != ALIGN_UNSET)
		return d->align[id] == ALIGN_BUSY ? 1 : d->align[id];
	a = align_walk(d, id);
	if (id && d->align[id] == ALIGN_UNSET)
		d->align[id] = a < 0 ? 0 : a;
	return a;
}

static const struct btf_type *btype_of(const void *d, __u32 id)
{
	return btype(d, id);
}

/* Byte size through typedefs/modifiers/arrays; <0 when unknown. */
static long long resolve_size(struct cdump *d, __u32 id)
{
	return btf_size_walk(d, btype_of, id, d->ptr_sz);
}

static bool struct_is_packed(struct cdump *d, const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	int i, vlen = btf_vlen(t), best = 1, a;

	for (i = 0; i < vlen; i++, m++) {
		a = align_of(d, m->type);
		if (a && !btf_member_bitfield_size(t, i) && m->offset % (8 * a))
			return true;
		if (a > best)
			best = a;
	}
	return t->size % best != 0;
}

/* ---- names ------------------------------------------------------------- */

/*
 * Occurrence number of a type's name in its namespace, assigned the first
 * time the name is printed. Forward declarations and empty enums never take
 * a number of their own.
 */
static __u32 name_dup(struct cdump *d, __u32 id, struct nmap *m)
{
	const struct btf_type *t = btype(d, id);

	if (d->dup[id])
		return d->dup[id];
	if (btf_is_fwd(t) || (btf_is_enum(t) && !btf_vlen(t)))
		d->dup[id] = 1;
	else
		d->dup[id] = nmap_bump(m, bname(d, t->name_off));
	return d->dup[id];
}

/* Write "name" or "name___N" (cut at 255 bytes like upstream) to buf. */
static const char *dup_name(char *buf, const char *name, __u32 dup)
{
	size_t len = strlen(name), i;
	char num[12];
	int k = sizeof(num);

	if (dup <= 1)
		return name;
	if (len > DUP_NAME_MAX)
		len = DUP_NAME_MAX;
	memcpy(buf, name, len);
	do {
		num[--k] = '0' + dup % 10;
		dup /= 10;
	} while (dup);
	for (i = 0; i < 3 && len < DUP_NAME_MAX; i++)
		buf[len++] = '_';
	while (k < (int)sizeof(num) && len < DUP_NAME_MAX)
		buf[len++] = num[k++];
	buf[len] = '\0';
	return buf;
}

static void emit_resolved(struct cdump *d, __u32 id, struct nmap *m)
{
	const struct btf_type *t = btype(d, id);
	char buf[DUP_NAME_MAX + 1];

	if (!t->name_off)
		return;
	obuf_puts(d->ob, dup_name(buf, bname(d, t->name_off), name_dup(d, id, m)));
}

static void emit_type_name(struct cdump *d, __u32 id)
{
	emit_resolved(d, id, &d->tnames);
}

static bool is_blacklisted(struct cdump *d, const struct btf_type *t)
{
	/* a compiler built-in: redefining it breaks the other compiler */
	return t->name_off && !strcmp(bname(d, t->name_off), "__builtin_va_list");
}

/* ---- ordering ---------------------------------------------------------- */

static int order_type(struct cdump *d, __u32 id, bool through_ptr);

static int queue_add(struct cdump *d, __u32 id)
{
	/* each id is queued at most once, so this would be a bug of ours */
	if (d->qcnt >= d->n) {
		p_err("internal error: BTF type [%u] queued twice", id);
		return -EINVAL;
	}
	d->queue[d->qcnt++] = id;
	return 0;
}

static int order_composite(struct cdump *d, __u32 id,
			   const struct btf_type *t, bool through_ptr)
{
	const struct btf_member *m = btf_members(t);
	int i, vlen = btf_vlen(t), err;

	/* a named struct behind a pointer only needs a forward declaration */
	if (through_ptr && t->name_off)
		return 0;
	d->st[id] = (d->st[id] & ~ORD_MASK) | ORD_BUSY;
	for (i = 0; i < vlen; i++, m++) {
		err = order_type(d, m->type, false);
		if (err < 0)
			return err;
	}
	if (t->name_off) {
		err = queue_add(d, id);
		if (err)
			return err;
	}
	d->st[id] = (d->st[id] & ~ORD_MASK) | ORD_DONE;
	return 1;
}

static int order_proto(struct cdump *d, const struct btf_type *t,
		       bool through_ptr)
{
	const struct btf_param *p = btf_params(t);
	int i, vlen = btf_vlen(t), err;
	bool strong;

	err = order_type(d, t->type, through_ptr);
	if (err < 0)
		return err;
	strong = err > 0;
	for (i = 0; i < vlen; i++, p++) {
		err = order_type(d, p->type, through_ptr);
		if (err < 0)
			return err;
		if (err > 0)
			strong = true;
	}
	return strong;
}

/*
 * Topological ordering of definitions. Returns 1 when the type must be
 * fully defined before its user (a "strong" link), 0 when a forward
 * declaration is enough, <0 on an unsatisfiable cycle.
 */
static int order_one(struct cdump *d, __u32 id, bool through_ptr)
{
	const struct btf_type *t = btype(d, id);
	__u8 *st = &d->st[id];
	int err;

	if ((*st & ORD_MASK) == ORD_DONE)
		return 1;
	if ((*st & ORD_MASK) == ORD_BUSY) {
		if (is_composite_kind(btf_kind(t)) && through_ptr && t->name_off)
			return 0;
		p_err("unsatisfiable type cycle in BTF, type [%u]", id);
		return -ELOOP;
	}

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
		*st |= ORD_DONE;
		return 0;
	case BTF_KIND_PTR:
		err = order_type(d, t->type, true);
		*st = (*st & ~ORD_MASK) | ORD_DONE;
		return err;
	case BTF_KIND_ARRAY:
		return order_type(d, btf_array(t)->type, false);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return order_composite(d, id, t, through_ptr);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
		/* named or stand-alone anonymous ones are top-level decls */
		if (t->name_off || !(*st & ST_REF)) {
			err = queue_add(d, id);
			if (err)
				return err;
		}
		*st = (*st & ~ORD_MASK) | ORD_DONE;
		return 1;
	case BTF_KIND_TYPEDEF:
		err = order_type(d, t->type, through_ptr);
		if (err < 0)
			return err;
		if (through_ptr && !err)
			return 0;
		err = queue_add(d, id);
		if (err)
			return err;
		*st = (*st & ~ORD_MASK) | ORD_DONE;
		return 1;
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return order_type(d, t->type, through_ptr);
	case BTF_KIND_FUNC_PROTO:
		return order_proto(d, t, through_ptr);
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DATASEC:
	case BTF_KIND_DECL_TAG:
		*st = (*st & ~ORD_MASK) | ORD_DONE;
		return 0;
	default:
		p_err("unexpected BTF kind %u for type [%u]", btf_kind(t), id);
		return -EINVAL;
	}
}

static int order_type(struct cdump *d, __u32 id, bool through_ptr)
{
	int ret;

	if (id == 0)
		return 1;	/* void needs no definition */
	if (d->depth >= MAX_DEPTH) {
		p_err("BTF types nest too deep, or loop, at type [%u]", id);
		return -ELOOP;
	}
	d->depth++;
	ret = order_one(d, id, through_ptr);
	d->depth--;
	return ret;
}

/* ---- declarations ------------------------------------------------------ */

static void emit_struct_def(struct cdump *d, __u32 id,
			    const struct btf_type *t, int lvl);
static void emit_enum_def(struct cdump *d, __u32 id,
			  const struct btf_type *t, int lvl);
static void emit_decl(struct cdump *d, __u32 id, const char *fname, int lvl);

static inline __u32 chain_top(const struct cdump *d, const struct chain *c)
{
	return d->stk[c->base + c->cnt - 1];
}

/* The C keyword of a cv-qualifier kind, NULL for any other kind. */
static const char *cv_word(int kind)
{
	switch (kind) {
	case BTF_KIND_VOLATILE:
		return "volatile";
	case BTF_KIND_CONST:
		return "const";
	case BTF_KIND_RESTRICT:
		return "restrict";
	default:
		return NULL;
	}
}

/* cv-qualifiers on the left of a base type: "const volatile int" */
static void emit_mods(struct cdump *d, struct chain *c)
{
	const char *w;

	while (c->cnt && (w = cv_word(btf_kind(btype(d, chain_top(d, c)))))) {
		obuf_puts(d->ob, w);
		obuf_putc(d->ob, ' ');
		c->cnt--;
	}
}

/* qualifiers on arrays and functions carry no meaning in C: skip them */
static void drop_mods(struct cdump *d, struct chain *c)
{
	while (c->cnt && btf_is_mod(btype(d, chain_top(d, c))))
		c->cnt--;
}

static void emit_name(struct cdump *d, const char *name, bool last_was_ptr)
{
	if (name[0] && !last_was_ptr)
		obuf_putc(d->ob, ' ');
	obuf_puts(d->ob, name);
}

static void emit_fwd(struct cdump *d, __u32 id, const struct btf_type *t)
{
	if (btf_kflag(t))
		obuf_lit(d->ob, "union ");
	else
		obuf_lit(d->ob, "struct ");
	emit_type_name(d, id);
}

static void emit_struct_fwd(struct cdump *d, __u32 id,
			    const struct btf_type *t)
{
	if (btf_is_struct(t))
		obuf_lit(d->ob, "struct");
	else
		obuf_lit(d->ob, "union");
	if (t->name_off)
		obuf_putc(d->ob, ' ');
	emit_type_name(d, id);
}

static void emit_proto_tail(struct cdump *d, const struct btf_type *t,
			    int lvl)
{
	const struct btf_param *p = btf_params(t);
	int i, vlen = btf_vlen(t);

	obuf_putc(d->ob, '(');
	/* no parameters, or clang's lone void parameter: "(void)" */
	if (vlen == 0 || (vlen == 1 && p->type == 0)) {
		obuf_lit(d->ob, "void)");
		return;
	}
	for (i = 0; i < vlen; i++, p++) {
		if (i > 0)
			obuf_lit(d->ob, ", ");
		if (i == vlen - 1 && p->type == 0) {
			obuf_lit(d->ob, "...");
			break;
		}
		emit_decl(d, p->type, bname(d, p->name_off), lvl);
	}
	obuf_putc(d->ob, ')');
}

/*
 * Print the chain popped from the top (the base type) down to the name,
 * C-style: qualifiers of base types go left, pointers' qualifiers right,
 * arrays and function prototypes wrap what follows in parentheses.
 */
static void emit_chain(struct cdump *d, struct chain *c, const char *fname,
		       int lvl)
{
	const struct btf_type *t;
	bool last_was_ptr = true;
	__u32 id;
	int kind;

	while (c->cnt) {
		id = d->stk[c->base + --c->cnt];
		if (id == 0) {
			emit_mods(d, c);
			obuf_lit(d->ob, "void");
			last_was_ptr = false;
			continue;
		}
		t = btype(d, id);
		kind = btf_kind(t);
		switch (kind) {
		case BTF_KIND_INT:
		case BTF_KIND_FLOAT:
			emit_mods(d, c);
			obuf_puts(d->ob, bname(d, t->name_off));
			break;
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			emit_mods(d, c);
			if (!t->name_off)
				emit_struct_def(d, id, t, lvl);
			else
				emit_struct_fwd(d, id, t);
			break;
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			emit_mods(d, c);
			if (!t->name_off) {
				emit_enum_def(d, id, t, lvl);
			} else {
				obuf_lit(d->ob, "enum ");
				emit_type_name(d, id);
			}
			break;
		case BTF_KIND_FWD:
			emit_mods(d, c);
			emit_fwd(d, id, t);
			break;
		case BTF_KIND_TYPEDEF:
			emit_mods(d, c);
			emit_resolved(d, id, &d->inames);
			break;
		case BTF_KIND_PTR:
			if (last_was_ptr)
				obuf_putc(d->ob, '*');
			else
				obuf_lit(d->ob, " *");
			break;
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
			/* a pointer's qualifiers go right: "int * const p" */
			obuf_putc(d->ob, ' ');
			obuf_puts(d->ob, cv_word(kind));
			break;
		case BTF_KIND_TYPE_TAG:
			emit_mods(d, c);
			if (btf_kflag(t)) {
				obuf_lit(d->ob, " __attribute__((");
				obuf_puts(d->ob, bname(d, t->name_off));
				obuf_lit(d->ob, "))");
			} else {
				obuf_lit(d->ob, " __attribute__((btf_type_tag(\"");
				obuf_puts(d->ob, bname(d, t->name_off));
				obuf_lit(d->ob, "\")))");
			}
			break;
		case BTF_KIND_ARRAY: {
			__u32 nelems = btf_array(t)->nelems;
			bool multidim;

			drop_mods(d, c);
			if (c->cnt == 0) {
				emit_name(d, fname, last_was_ptr);
			} else {
				/* a[1][2] nests without parentheses */
				multidim = btf_is_array(btype(d, chain_top(d, c)));
				if (fname[0] && !last_was_ptr)
					obuf_putc(d->ob, ' ');
				if (!multidim)
					obuf_putc(d->ob, '(');
				emit_chain(d, c, fname, lvl);
				if (!multidim)
					obuf_putc(d->ob, ')');
			}
			obuf_putc(d->ob, '[');
			obuf_u64(d->ob, nelems);
			obuf_putc(d->ob, ']');
			return;
		}
		case BTF_KIND_FUNC_PROTO:
			drop_mods(d, c);
			if (c->cnt) {
				obuf_lit(d->ob, " (");
				emit_chain(d, c, fname, lvl);
				obuf_putc(d->ob, ')');
			} else {
				emit_name(d, fname, last_was_ptr);
			}
			emit_proto_tail(d, t, lvl);
			return;
		default:
			return;	/* not part of a declaration: give up on it */
		}
		last_was_ptr = kind == BTF_KIND_PTR;
	}
	emit_name(d, fname, last_was_ptr);
}

static int stk_push(struct cdump *d, __u32 id)
{
	if (d->scnt == d->scap &&
	    ARRAY_RESERVE(d->stk, d->scap, d->scnt + 1, 64))
		return -ENOMEM;
	d->stk[d->scnt++] = id;
	return 0;
}

/* Declare fname (may be "") of type id, e.g. "int (*fname)[4]". */
static void emit_decl(struct cdump *d, __u32 id, const char *fname, int lvl)
{
	struct chain c = { .base = d->scnt };
	const struct btf_type *t;
	int steps;

	if (d->depth >= MAX_DEPTH)
		return;
	d->depth++;
	for (steps = 0; steps < MAX_CHAIN; steps++) {
		if (stk_push(d, id))
			goto out;
		if (id == 0)
			break;
		t = btype(d, id);
		if (!btf_type_next(t, BTF_KINDS_DECL, &id))
			break;
	}
	c.cnt = d->scnt - c.base;
	emit_chain(d, &c, fname, lvl);
out:
	d->scnt = c.base;
	d->depth--;
}

/* ---- definitions ------------------------------------------------------- */

/*
 * Fill the bit gap [cur, next) with anonymous bitfields so the compiler
 * reproduces the original layout, using the widest of long/int/short/char
 * that lands on a natural boundary, and an explicit ": 0" where natural
 * alignment alone would not get there.
 */
static void emit_padding(struct cdump *d, long long cur, long long next,
			 int next_align, bool in_bitfield, int lvl)
{
	const char *names[4] = { "long", "int", "short", "char" };
	int bits[4] = { d->ptr_sz * 8, 32, 16, 8 };
	long long new_off = 0, step, gap;
	int i, pad_bits = 0;
	const char *pad = NULL;

	if (cur >= next)
		return;
	if (next_align <= 0)
		next_align = 1;
	for (i = 0; i < 4; i++) {
		pad_bits = bits[i];
		pad = names[i];
		new_off = (cur + pad_bits - 1) / pad_bits * pad_bits;
		if (new_off <= next)
			break;
	}
	if (new_off > cur && new_off <= next) {
		step = next_align * 8;
		if (in_bitfield ||
		    (new_off == next && (cur + step - 1) / step * step != new_off) ||
		    (new_off != next && next - new_off <= new_off - cur)) {
			ob_nl_indent(d->ob, lvl);
			obuf_puts(d->ob, pad);
			obuf_lit(d->ob, ": ");
			obuf_s64(d->ob, in_bitfield ? new_off - cur : 0);
			obuf_putc(d->ob, ';');
		}
		cur = new_off;
	}
	while (cur != next) {
		gap = next - cur;
		if (gap >= pad_bits) {
			gap = pad_bits;
		} else {
			/* the tail takes the smallest type that holds it */
			for (i = 3; i >= 0 && bits[i] < gap; i--)
				;
			if (i < 0)
				i = 0;
			pad = names[i];
			pad_bits = bits[i];
		}
		ob_nl_indent(d->ob, lvl);
		obuf_puts(d->ob, pad);
		obuf_lit(d->ob, ": ");
		obuf_s64(d->ob, gap);
		obuf_putc(d->ob, ';');
		cur += gap;
	}
}

static void emit_struct_def(struct cdump *d, __u32 id,
			    const struct btf_type *t, int lvl)
{
	const struct btf_member *m = btf_members(t);
	bool is_struct = btf_is_struct(t), packed, prev_bitfield = false;
	int i, vlen = btf_vlen(t), align, m_align;
	long long off = 0, m_off, m_sz;

	align = align_of(d, id);
	packed = is_struct && struct_is_packed(d, t);

	emit_struct_fwd(d, id, t);
	obuf_lit(d->ob, " {");
	for (i = 0; i < vlen; i++, m++) {
		m_sz = btf_member_bitfield_size(t, i);
		m_off = btf_member_bit_offset(t, i);
		m_align = packed ? 1 : align_of(d, m->type);

		emit_padding(d, off, m_off, m_align,
			     prev_bitfield && m_sz != 0, lvl + 1);
		ob_nl_indent(d->ob, lvl + 1);
		emit_decl(d, m->type, bname(d, m->name_off), lvl + 1);
		if (m_sz) {
			obuf_lit(d->ob, ": ");
			obuf_s64(d->ob, m_sz);
			off = m_off + m_sz;
			prev_bitfield = true;
		} else {
			m_sz = resolve_size(d, m->type);
			if (m_sz < 0)
				m_sz = 0;
			off = m_off + m_sz * 8;
			prev_bitfield = false;
		}
		obuf_putc(d->ob, ';');
	}
	if (is_struct)
		emit_padding(d, off, (long long)t->size * 8, align, false,
			     lvl + 1);
	/* an empty struct stays on one line */
	if (vlen || t->size)
		ob_nl_indent(d->ob, lvl);
	obuf_putc(d->ob, '}');
	if (packed)
		obuf_lit(d->ob, " __attribute__((packed))");
}

static void emit_enumerator(struct cdump *d, __u32 id, int i,
			    const char *name, int lvl)
{
	char buf[DUP_NAME_MAX + 1];
	__u32 dup, *rec = d->edup ? &d->edup[d->edup_at[id] + i] : NULL;

	/* enumerators share the namespace of typedefs */
	if (rec && d->replay) {
		dup = *rec;
	} else {
		dup = nmap_bump(&d->inames, name);
		if (rec && !*rec)	/* the first print is the header's */
			*rec = dup;
	}
	ob_nl_indent(d->ob, lvl);
	obuf_puts(d->ob, dup_name(buf, name, dup));
	obuf_lit(d->ob, " = ");
}

static void emit_enum_vals(struct cdump *d, __u32 id, const struct btf_type *t,
			   int lvl)
{
	bool is_signed = btf_kflag(t), wide = btf_is_enum64(t);
	__u32 i, name_off;
	__u64 v;

	for (i = 0; btf_type_enumerator(t, i, &name_off, &v); i++) {
		emit_enumerator(d, id, i, bname(d, name_off), lvl);
		if (is_signed)
			obuf_s64(d->ob, (long long)v);
		else
			obuf_u64(d->ob, v);
		if (!wide)
			obuf_putc(d->ob, ',');
		else if (is_signed)
			obuf_lit(d->ob, "LL,");
		else
			obuf_lit(d->ob, "ULL,");
	}
}

/* 8-byte enums need mode(word) unless a value already forces 64 bits */
static bool enum_needs_word_mode(const struct btf_type *t)
{
	const struct btf_enum64 *v;
	int i;

	if (btf_is_enum(t))
		return true;
	v = btf_enum64(t);
	for (i = 0; i < btf_vlen(t); i++)
		if (v[i].val_hi32)
			return false;
	return true;
}

static void emit_enum_def(struct cdump *d, __u32 id, const struct btf_type *t,
			  int lvl)
{
	obuf_lit(d->ob, "enum");
	if (t->name_off) {
		obuf_putc(d->ob, ' ');
		emit_type_name(d, id);
	}
	if (!btf_vlen(t))
		return;
	obuf_lit(d->ob, " {");
	emit_enum_vals(d, id, t, lvl + 1);
	ob_nl_indent(d->ob, lvl);
	obuf_putc(d->ob, '}');
	if (t->size == 1)
		obuf_lit(d->ob, " __attribute__((mode(byte)))");
	else if (t->size == 8 && d->ptr_sz == 8 && enum_needs_word_mode(t))
		obuf_lit(d->ob, " __attribute__((mode(word)))");
}

static void emit_typedef_def(struct cdump *d, __u32 id,
			     const struct btf_type *t, int lvl)
{
	char buf[DUP_NAME_MAX + 1];
	const char *name;

	name = dup_name(buf, bname(d, t->name_off), name_dup(d, id, &d->inames));
	/* old GCC typedefs __gnuc_va_list to void; make it compile */
	if (t->type == 0 && !strcmp(name, "__gnuc_va_list")) {
		obuf_lit(d->ob, "typedef __builtin_va_list __gnuc_va_list");
		return;
	}
	obuf_lit(d->ob, "typedef ");
	emit_decl(d, t->type, name, lvl);
}

/* GCC's Arm SIMD __PolyN_t base types, aliased to standard C types. */
static void emit_missing_alias(struct cdump *d, __u32 id,
			       const struct btf_type *t)
{
	static const char *const map[][2] = {
		{ "__Poly8_t", "unsigned char" },
		{ "__Poly16_t", "unsigned short" },
		{ "__Poly64_t", "unsigned long long" },
		{ "__Poly128_t", "unsigned __int128" },
	};
	char buf[DUP_NAME_MAX + 1];
	const char *name;
	size_t i;

	if (!t->name_off)
		return;
	/* upstream resolves base type names in the tag namespace, too */
	name = dup_name(buf, bname(d, t->name_off), name_dup(d, id, &d->tnames));
	if (strncmp(name, "__Poly", 6))
		return;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (strcmp(name, map[i][0]))
			continue;
		obuf_lit(d->ob, "typedef ");
		obuf_puts(d->ob, map[i][1]);
		obuf_putc(d->ob, ' ');
		obuf_puts(d->ob, name);
		obuf_lit(d->ob, ";\n\n");
		return;
	}
}

static void end_def(struct cdump *d)
{
	obuf_lit(d->ob, ";\n\n");
}

static void emit_type(struct cdump *d, __u32 id, __u32 cont_id);

/* A type we are in the middle of defining is needed again. */
static void emit_busy(struct cdump *d, __u32 id, const struct btf_type *t,
		      __u32 cont_id)
{
	__u8 *st = &d->st[id];

	if (*st & ST_FWD)
		return;
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		/* self-reference from inside needs no declaration */
		if (id == cont_id || !t->name_off)
			return;
		emit_struct_fwd(d, id, t);
		end_def(d);
		*st |= ST_FWD;
		break;
	case BTF_KIND_TYPEDEF:
		/* the typedef itself serves as the forward declaration */
		if (!is_blacklisted(d, t)) {
			emit_typedef_def(d, id, t, 0);
			end_def(d);
		}
		*st |= ST_FWD;
		break;
	default:
		break;
	}
}

static void emit_composite(struct cdump *d, __u32 id,
			   const struct btf_type *t, __u32 cont_id)
{
	__u8 *st = &d->st[id];
	bool top = cont_id == 0;

	*st = (*st & ~EM_MASK) | EM_BUSY;
	/* members of a definition we print need their declarations first */
	if (top || !t->name_off) {
		const struct btf_member *m = btf_members(t);
		int i, vlen = btf_vlen(t);
		__u32 inner = t->name_off ? id : cont_id;

		for (i = 0; i < vlen; i++, m++)
			emit_type(d, m->type, inner);
	} else if (!(*st & ST_FWD) && id != cont_id) {
		emit_struct_fwd(d, id, t);
		end_def(d);
		*st |= ST_FWD;
	}
	if (top) {
		emit_struct_def(d, id, t, 0);
		end_def(d);
		*st = (*st & ~EM_MASK) | EM_DONE;
	} else {
		*st &= ~EM_MASK;
	}
}

static void emit_one(struct cdump *d, __u32 id, __u32 cont_id)
{
	const struct btf_type *t = btype(d, id);
	__u8 *st = &d->st[id];
	__u32 i, part;

	if ((*st & EM_MASK) == EM_DONE)
		return;
	if ((*st & EM_MASK) == EM_BUSY) {
		emit_busy(d, id, t, cont_id);
		return;
	}
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		emit_missing_alias(d, id, t);
		*st |= EM_DONE;
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (cont_id == 0) {
			emit_enum_def(d, id, t, 0);
			end_def(d);
		}
		*st |= EM_DONE;
		break;
	case BTF_KIND_FWD:
		emit_fwd(d, id, t);
		end_def(d);
		*st |= EM_DONE;
		break;
	case BTF_KIND_TYPEDEF:
		*st |= EM_BUSY;
		emit_type(d, t->type, id);
		if (!(*st & ST_FWD) && !is_blacklisted(d, t)) {
			emit_typedef_def(d, id, t, 0);
			end_def(d);
		}
		*st = (*st & ~EM_MASK) | EM_DONE;
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		emit_composite(d, id, t, cont_id);
		break;
	default:	/* a declarator: what it is made of */
		if (!btf_kind_in(BTF_KINDS_DECL, btf_kind(t)))
			break;
		for (i = 0; btf_type_part(t, i, &part); i++)
			emit_type(d, part, cont_id);
		break;
	}
}

static void emit_type(struct cdump *d, __u32 id, __u32 cont_id)
{
	if (id == 0 || d->depth >= MAX_DEPTH)
		return;
	d->depth++;
	emit_one(d, id, cont_id);
	d->depth--;
}

/* ---- validation -------------------------------------------------------- */

static bool id_ok(const struct cdump *d, __u32 id)
{
	return id < d->n;
}

static bool name_ok(const struct cdump *d, __u32 off)
{
	if (d->strs)
		return off < d->strs_len;
	return btf__name_by_offset(d->btf, off) != NULL;
}

/* Size of a single string table: the first offset libbpf refuses. */
static __u32 strs_size(const struct btf *btf)
{
	__u64 lo = 0, hi = 1ULL << 32, mid;

	/* offsets below the end are valid, at and above it are not */
	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (btf__name_by_offset(btf, mid))
			lo = mid;
		else
			hi = mid;
	}
	return hi > UINT32_MAX ? UINT32_MAX : hi;
}

/* btf_check_err() leaves names to the renderers: raw dumps show bad ones */
static int bad_name(__u32 id)
{
	p_err("malformed BTF: type %u has a name outside the string section",
	      id);
	return -EINVAL;
}

/*
 * Everything the emitter dereferences must exist: ids, names, kinds. The
 * same walk over t's references marks them referenced, which tells inline
 * anonymous enums from stand-alone ones; a prototype's return type never
 * counted (output depends on it), so that one edge is passed over.
 */
static int check_type(struct cdump *d, __u32 id, const struct btf_type *t)
{
	enum btf_edge e;
	__u32 i, *ref, off;

	if (!btf_kind_known(btf_kind(t))) {
		p_err("unknown BTF kind %u for type [%u]", btf_kind(t), id);
		return -EINVAL;
	}
	for (i = 0; (e = btf_type_edge(t, i, &ref)) != BTF_EDGE_NONE; i++) {
		if (!id_ok(d, *ref)) {
			p_err("malformed BTF type [%u]", id);
			return -EINVAL;
		}
		if (e != BTF_EDGE_RET)
			d->st[*ref] |= ST_REF;
	}
	if (!name_ok(d, t->name_off))
		return bad_name(id);
	for (i = 0; btf_type_part_name(t, i, &off); i++)
		if (!name_ok(d, off))
			return bad_name(id);
	return 0;
}

/* Upper bounds for the name maps: every name that can ever be counted. */
static void count_names(struct cdump *d, const struct btf_type *t)
{
	if (!t->name_off && !btf_is_any_enum(t))
		return;
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_INT:
		d->tname_max++;
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		d->tname_max += t->name_off != 0;
		d->iname_max += btf_vlen(t);
		break;
	case BTF_KIND_TYPEDEF:
		d->iname_max++;
		break;
	default:
		break;
	}
}

/*
 * Check every type, note who is referenced, count names, and for non-split
 * BTF (one buffer of types, one of strings) build a direct id -> type
 * index instead of calling into libbpf on every access.
 */
static int prepare(struct cdump *d)
{
	const char *base = NULL, *p;
	const struct btf_type *t;
	__u32 id;
	int err;

	if (!btf__base_btf(d->btf)) {
		d->strs = btf__name_by_offset(d->btf, 0);
		d->strs_len = d->strs ? strs_size(d->btf) : 0;
		if (d->n > 1)
			base = (const char *)btf__type_by_id(d->btf, 1);
		if (base)
			d->toff = malloc((size_t)d->n * sizeof(*d->toff));
	}
	for (id = 1; id < d->n; id++) {
		t = btf__type_by_id(d->btf, id);
		if (!t) {
			p_err("BTF type [%u] is missing", id);
			return -EINVAL;
		}
		err = check_type(d, id, t);
		if (err)
			return err;
		count_names(d, t);
		d->ndecl_tags += btf_is_decl_tag(t);
		if (d->toff) {
			p = (const char *)t;
			if (p < base || (size_t)(p - base) > UINT32_MAX) {
				free(d->toff);
				d->toff = NULL;
				continue;
			}
			d->toff[id] = p - base;
		}
	}
	if (d->toff) {
		d->toff[0] = 0;
		d->tbase = base;
	}
	return 0;
}

/* ---- upstream's sort order --------------------------------------------- */

/*
 * Sort record: the rank and the first 8 bytes of the sort name decide most
 * comparisons with plain integer compares; full names and the structural
 * hash (computed when first needed, REC_HASHED) only break ties.
 */
struct sort_rec {
	__u64 prefix;		/* first 8 bytes of sort name, big-endian */
	__u64 hash;		/* valid with REC_HASHED */
	__u32 rid;		/* REC_HASHED | rank << RANK_SHIFT | id */
	__u32 soff;		/* sort name offset */
};

#define REC_HASHED	0x80000000u
#define RANK_SHIFT	27
#define RANK_MASK	0x0fu
#define ID_MASK		((1u << RANK_SHIFT) - 1)

/*
 * Rank buckets: anonymous enums, named enums, base types, named structs and
 * unions, named prototypes; typedefs and qualifiers of a named type take the
 * rank of what they name; everything else goes last.
 */
static __u32 sort_rank(struct cdump *d, __u32 id)
{
	const struct btf_type *t;
	bool named = false;
	int steps;

	for (steps = 0; steps < MAX_CHAIN; steps++) {
		t = btype(d, id);
		if (t->name_off)
			named = true;
		switch (btf_kind(t)) {
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			return named ? 1 : 0;
		case BTF_KIND_INT:
		case BTF_KIND_FLOAT:
			return 2;
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			return named ? 3 : 10;
		case BTF_KIND_FUNC_PROTO:
			return named ? 4 : 10;
		default:
			if (!named || !btf_type_next(t, KINDS_SORT, &id))
				return 10;
		}
	}
	return 10;
}

/* The name a type sorts under: what it refers to, or its first enumerator. */
static __u32 sort_name_off(struct cdump *d, __u32 id)
{
	const struct btf_type *t;
	bool from_ref = false;
	__u32 off;
	int steps;

	for (steps = 0; steps < MAX_CHAIN; steps++) {
		t = btype(d, id);
		switch (btf_kind(t)) {
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			off = t->name_off;
			if (!from_ref && !off && btf_vlen(t))
				off = btf_is_enum(t) ? btf_enum(t)->name_off :
						       btf_enum64(t)->name_off;
			return off;
		default:
			if (!btf_type_next(t, KINDS_SORT, &id))
				return t->name_off;
			from_ref = true;
		}
	}
	return 0;
}

/* libbpf's string hash (signed chars on x86), part of the sort key. */
#define SC(c) ((__u64)(long long)(signed char)(c))

static __u64 str_hash31(const char *s)
{
	__u64 h = 0;

	/* four characters per step: h*31^4 + a*31^3 + b*31^2 + c*31 + d */
	while (s[0] && s[1] && s[2] && s[3]) {
		h = h * 923521 + SC(s[0]) * 29791 + SC(s[1]) * 961 +
		    SC(s[2]) * 31 + SC(s[3]);
		s += 4;
	}
	for (; *s; s++)
		h = h * 31 + SC(*s);
	return h;
}

static inline __u64 mix31(__u64 h, __u64 v)
{
	return h * 31 + v;
}

static __u64 name_hash31(struct cdump *d, __u64 h, __u32 off)
{
	return off ? mix31(h, str_hash31(bname(d, off))) : h;
}

/*
 * One memo slot per id holds the variant worth keeping: a struct's hash
 * with its members, a reference chain's hash as seen from a member (the
 * chain stops at the struct name), and for other kinds both are the same.
 */
static bool memo_variant(int kind, bool members)
{
	if (is_composite_kind(kind))
		return members;
	return btf_kind_in(KINDS_SORT, kind) ? !members : true;
}

/*
 * Structural tie-breaker of the sort: names along the reference chain,
 * enumerator names, and for the outermost struct its member names and
 * member type names. Only types that tie on both names ever need it, so
 * it is computed on demand and memoized (d->hmemo, ST_HASHED).
 */
static __u64 disambig_hash(struct cdump *d, __u32 id, bool members, int depth)
{
	const struct btf_type *t = btype(d, id);
	bool memo = memo_variant(btf_kind(t), members);
	__u32 next;
	__u64 h;
	int i, vlen = btf_vlen(t);

	if (memo && (d->st[id] & ST_HASHED))
		return d->hmemo[id];
	h = name_hash31(d, 0, t->name_off);
	if (depth > MAX_CHAIN / 16)
		return h;
	switch (btf_kind(t)) {
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64: {
		__u32 off;
		__u64 v;

		for (i = 0; btf_type_enumerator(t, i, &off, &v); i++)
			h = name_hash31(d, h, off);
		break;
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (!members)
			break;
		for (i = 0; i < vlen; i++) {
			const struct btf_member *m = btf_members(t) + i;

			h = name_hash31(d, h, m->name_off);
			h = mix31(h, disambig_hash(d, m->type, false,
						   depth + 1));
		}
		break;
	case BTF_KIND_ARRAY:
		/* the length, then the element as for the other links */
		h = mix31(h, btf_array(t)->nelems);
		/* fall through */
	default:
		if (btf_type_next(t, KINDS_SORT, &next))
			h = mix31(h, disambig_hash(d, next, members,
						   depth + 1));
		break;
	}
	if (memo) {
		d->hmemo[id] = h;
		d->st[id] |= ST_HASHED;
	}
	return h;
}

static __u64 rec_hash(struct cdump *d, struct sort_rec *r)
{
	if (!(r->rid & REC_HASHED)) {
		r->hash = disambig_hash(d, r->rid & ID_MASK, true, 0);
		r->rid |= REC_HASHED;
	}
	return r->hash;
}

/* Full comparison, for records whose rank and name prefix are equal. */
static int rec_cmp_slow(struct cdump *d, struct sort_rec *x,
			struct sort_rec *y)
{
	__u32 a = x->rid & ID_MASK, b = y->rid & ID_MASK, oa, ob;
	__u64 ha, hb;
	int r;

	/* a NUL inside the equal prefixes means equal sort names */
	if ((x->prefix & 0xff) && x->soff != y->soff) {
		r = strcmp(bname(d, x->soff) + 8, bname(d, y->soff) + 8);
		if (r)
			return r;
	}
	oa = btype(d, a)->name_off;
	ob = btype(d, b)->name_off;
	if (oa != ob) {
		r = strcmp(bname(d, oa), bname(d, ob));
		if (r)
			return r;
	}
	ha = rec_hash(d, x);
	hb = rec_hash(d, y);
	if (ha != hb)
		return ha < hb ? -1 : 1;
	return a < b ? -1 : a > b;
}

static inline int rec_cmp(struct cdump *d, struct sort_rec *x,
			  struct sort_rec *y)
{
	__u32 rx = x->rid >> RANK_SHIFT & RANK_MASK;
	__u32 ry = y->rid >> RANK_SHIFT & RANK_MASK;

	if (rx != ry)
		return rx < ry ? -1 : 1;
	if (x->prefix != y->prefix)
		return x->prefix < y->prefix ? -1 : 1;
	return rec_cmp_slow(d, x, y);
}

static inline void rec_swap(struct sort_rec *a, struct sort_rec *b)
{
	struct sort_rec t = *a;

	*a = *b;
	*b = t;
}

static void rec_sift(struct cdump *d, struct sort_rec *r, size_t i, size_t n)
{
	size_t c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && rec_cmp(d, &r[c], &r[c + 1]) < 0)
			c++;
		if (rec_cmp(d, &r[i], &r[c]) >= 0)
			return;
		rec_swap(&r[i], &r[c]);
		i = c;
	}
}

static void rec_heapsort(struct cdump *d, struct sort_rec *r, size_t n)
{
	size_t i;

	for (i = n / 2; i-- > 0;)
		rec_sift(d, r, i, n);
	for (i = n; i-- > 1;) {
		rec_swap(&r[0], &r[i]);
		rec_sift(d, r, 0, i);
	}
}

/* Introsort: in place (no temporary copy), quadratic case cut off. */
static void rec_sort(struct cdump *d, struct sort_rec *r, size_t n, int budget)
{
	size_t i, j, mid;
	struct sort_rec pivot;

	while (n > 16) {
		if (budget-- <= 0) {
			rec_heapsort(d, r, n);
			return;
		}
		mid = n / 2;
		if (rec_cmp(d, &r[mid], &r[0]) < 0)
			rec_swap(&r[mid], &r[0]);
		if (rec_cmp(d, &r[n - 1], &r[0]) < 0)
			rec_swap(&r[n - 1], &r[0]);
		if (rec_cmp(d, &r[n - 1], &r[mid]) < 0)
			rec_swap(&r[n - 1], &r[mid]);
		pivot = r[mid];
		i = 0;
		j = n - 1;
		for (;;) {
			while (rec_cmp(d, &r[i], &pivot) < 0)
				i++;
			while (rec_cmp(d, &pivot, &r[j]) < 0)
				j--;
			if (i >= j)
				break;
			rec_swap(&r[i], &r[j]);
			i++;
			j--;
		}
		/* recurse into the smaller half, loop on the larger */
		if (j + 1 < n - j - 1) {
			rec_sort(d, r, j + 1, budget);
			r += j + 1;
			n -= j + 1;
		} else {
			rec_sort(d, r + j + 1, n - j - 1, budget);
			n = j + 1;
		}
	}
	for (i = 1; i < n; i++) {
		pivot = r[i];
		for (j = i; j > 0 && rec_cmp(d, &pivot, &r[j - 1]) < 0; j--)
			r[j] = r[j - 1];
		r[j] = pivot;
	}
}

static __u64 name_prefix(const char *s)
{
	__u64 p = 0;
	int i;

	for (i = 0; i < 8; i++) {
		p <<= 8;
		if (*s)
			p |= (unsigned char)*s++;
	}
	return p;
}

/*
 * Roots whose ordering can never queue a definition: where they sort has
 * no effect on the output, so they stay out of the sort (FUNCs alone are
 * close to half of a kernel's types).
 */
static bool inert_root(struct cdump *d, __u32 id)
{
	const struct btf_type *t = btype(d, id);

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DATASEC:
	case BTF_KIND_DECL_TAG:
		return true;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return !t->name_off && (d->st[id] & ST_REF);
	default:
		return false;
	}
}

/*
 * Which last-rank (10) roots can matter. By the time upstream's loop gets
 * to rank 10, every root of ranks 0-4 has been ordered: all named structs,
 * unions and enums, and every typedef that names one of them. What is left
 * to queue are forward declarations and the typedefs of rank 10 (of void or
 * of a FWD), and a rank-10 root only matters if its ordering walk can reach
 * one. Roots that cannot are left out of the sort: in a kernel that is
 * nearly all pointers, qualifiers and prototypes.
 *
 * reach[id]: 1 can reach, 0 cannot. Returns false when the shortcut does
 * not apply (unusual typedefs, or no fixed point in time): sort everything.
 */
enum { R_NO, R_YES, R_PASS };

static int reach_class(struct cdump *d, __u32 id, const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_FWD:
		return t->name_off || !(d->st[id] & ST_REF) ? R_YES : R_NO;
	case BTF_KIND_TYPEDEF:
		return sort_rank(d, id) == 10 ? R_YES : R_NO;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return t->name_off ? R_NO : R_PASS;
	default:	/* a declarator passes on what it is made of */
		return btf_kind_in(BTF_KINDS_DECL, btf_kind(t)) ? R_PASS : R_NO;
	}
}

/* A rank-10 typedef must end in void or a FWD: then it is always queued. */
static bool plain_typedef(struct cdump *d, __u32 id)
{
	const struct btf_type *t;
	int steps;

	for (steps = 0; steps < MAX_CHAIN && id; steps++) {
		t = btype(d, id);
		switch (btf_kind(t)) {
		case BTF_KIND_FWD:
			return true;
		default:
			if (!btf_type_next(t, KINDS_TYPEDEF, &id))
				return false;
		}
	}
	return id == 0;
}

/* Combine the parts: any R_YES wins, else any undecided R_PASS, else R_NO. */
static int child_reach(const __u8 *reach, const struct btf_type *t)
{
	__u32 i, part;
	int r = R_NO;

	for (i = 0; r != R_YES && btf_type_part(t, i, &part); i++)
		if (reach[part] != R_NO)
			r = reach[part];
	return r;
}

/*
 * reach[id] ends as R_YES or not; R_PASS left over means no. todo has room
 * for every id: it lists the undecided ones, shrinking with each pass.
 */
static bool find_reach(struct cdump *d, __u8 *reach, __u32 *todo)
{
	const struct btf_type *t;
	bool changed = true;
	__u32 id, i, k, cnt = 0;
	int pass, r;

	reach[0] = R_NO;
	for (id = 1; id < d->n; id++) {
		t = btype(d, id);
		reach[id] = reach_class(d, id, t);
		if (reach[id] == R_YES && btf_is_typedef(t) &&
		    !plain_typedef(d, t->type))
			return false;
		if (reach[id] == R_PASS)
			todo[cnt++] = id;
	}
	/*
	 * Propagate up through pass-through types; a type whose children are
	 * all decided is decided too. What stays R_PASS only loops back.
	 */
	for (pass = 0; changed && pass < 64; pass++) {
		changed = false;
		for (i = k = 0; i < cnt; i++) {
			id = todo[i];
			r = child_reach(reach, btype(d, id));
			if (r == R_PASS) {
				todo[k++] = id;
				continue;
			}
			reach[id] = r;
			changed = true;
		}
		cnt = k;
	}
	return !changed;
}

/* Upstream's sorted root order, as an array of ids (void excluded). */
static __u32 *sorted_roots(struct cdump *d, __u32 *cnt)
{
	struct sort_rec *rec;
	__u32 *ids, id, i, m = d->n - 1, soff, rank;
	int budget = 0;
	__u8 *reach;

	if (d->n > ID_MASK) {
		p_err("too many BTF types (%u)", d->n);
		return NULL;
	}
	/* records, then the hash memo (gated by ST_HASHED: no zeroing) */
	d->scratch_sz = (size_t)(m ? m : 1) * sizeof(*rec) +
			(size_t)d->n * sizeof(*d->hmemo);
	d->scratch = malloc(d->scratch_sz);
	if (!d->scratch) {
		p_err("out of memory");
		return NULL;
	}
	rec = d->scratch;
	d->hmemo = (__u64 *)(rec + (m ? m : 1));
	/* the memo is not in use yet: borrow it for the reach flags */
	reach = (__u8 *)d->hmemo;
	/* the record area is free until the records are built */
	if (!find_reach(d, reach, (__u32 *)rec))
		memset(reach, R_YES, d->n);
	for (id = 1, m = 0; id < d->n; id++) {
		if (inert_root(d, id))
			continue;
		rank = sort_rank(d, id);
		if (rank == 10 && reach[id] != R_YES)
			continue;
		soff = sort_name_off(d, id);
		rec[m].prefix = name_prefix(bname(d, soff));
		rec[m].rid = rank << RANK_SHIFT | id;
		rec[m].soff = soff;
		rec[m].hash = 0;
		m++;
	}
	for (i = m; i; i >>= 1)
		budget += 2;
	rec_sort(d, rec, m, budget);
	d->hmemo = NULL;

	/* compact to ids in place: id k lands below record k's start */
	ids = (__u32 *)rec;
	for (i = 0; i < m; i++)
		ids[i] = rec[i].rid & ID_MASK;
	*cnt = m;
	return ids;
}

/* ---- kfunc prototypes -------------------------------------------------- */

struct kfunc {
	const char *name;
	__u32 id;
	__u32 seq;
};

static int kfunc_cmp(const void *a, const void *b)
{
	const struct kfunc *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	if (r)
		return r;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int emit_kfuncs(struct cdump *d)
{
	struct kfunc *kf = NULL;
	__u32 id, cnt = 0, cap = 0;
	const struct btf_type *t, *ft;
	const char *tag;

	obuf_lit(d->ob, "\n/* BPF kfuncs */\n#ifndef BPF_NO_KFUNC_PROTOTYPES\n");
	for (id = 1; id < d->n; id++) {
		t = btype(d, id);
		if (!btf_is_decl_tag(t) || btf_decl_tag(t)->component_idx != -1)
			continue;
		ft = btype(d, t->type);
		if (!btf_is_func(ft))
			continue;
		tag = bname(d, t->name_off);
		if (!strcmp(tag, "bpf_fastcall")) {
			d->st[t->type] |= ST_FASTCALL;
			continue;
		}
		if (strcmp(tag, "bpf_kfunc"))
			continue;
		if (ARRAY_RESERVE(kf, cap, cnt + 1, 256)) {
			free(kf);
			return p_err("out of memory");
		}
		kf[cnt].name = bname(d, ft->name_off);
		kf[cnt].id = t->type;
		kf[cnt].seq = cnt;
		cnt++;
	}
	if (cnt)
		qsort(kf, cnt, sizeof(*kf), kfunc_cmp);
	for (id = 0; id < cnt; id++) {
		obuf_lit(d->ob, "extern ");
		if (d->st[kf[id].id] & ST_FASTCALL)
			obuf_lit(d->ob, "__bpf_fastcall ");
		emit_decl(d, btype(d, kf[id].id)->type, kf[id].name, 0);
		obuf_lit(d->ob, " __weak __ksym;\n");
	}
	obuf_lit(d->ob, "#endif\n\n");
	free(kf);
	return 0;
}

/* ---- driver ------------------------------------------------------------ */

static const char header[] =
	"#ifndef __VMLINUX_H__\n"
	"#define __VMLINUX_H__\n"
	"\n"
	"#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
	"#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n"
	"#endif\n"
	"\n"
	"#ifndef __ksym\n"
	"#define __ksym __attribute__((section(\".ksyms\")))\n"
	"#endif\n"
	"\n"
	"#ifndef __weak\n"
	"#define __weak __attribute__((weak))\n"
	"#endif\n"
	"\n"
	"#ifndef __bpf_fastcall\n"
	"#if __has_attribute(bpf_fastcall)\n"
	"#define __bpf_fastcall __attribute__((bpf_fastcall))\n"
	"#else\n"
	"#define __bpf_fastcall\n"
	"#endif\n"
	"#endif\n"
	"\n";

static const char footer[] =
	"#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
	"#pragma clang attribute pop\n"
	"#endif\n"
	"\n"
	"#endif /* __VMLINUX_H__ */\n";

static void cdump_free(struct cdump *d)
{
	free(d->dup);		/* and st and align */
	free(d->queue);
	free(d->toff);
	free(d->stk);
	nmap_free(&d->tnames);
	nmap_free(&d->inames);
	free(d->scratch);
	free(d->ob);
	free(d->edup_at);
	free(d->edup);
}

static int cdump_init(struct cdump *d, const struct btf *btf, FILE *out)
{
	size_t psz = btf__pointer_size(btf);

	memset(d, 0, sizeof(*d));
	d->btf = btf;
	d->n = btf__type_cnt(btf);
	d->ptr_sz = psz ? (int)psz : (int)sizeof(void *);
	d->dup = calloc(d->n, sizeof(__u32) + 2);
	d->queue = malloc((size_t)d->n * sizeof(*d->queue));
	d->ob = obuf_new(out);
	if (!d->dup || !d->queue || !d->ob)
		return p_err("out of memory");
	d->st = (__u8 *)(d->dup + d->n);
	d->align = d->st + d->n;
	memset(d->align, ALIGN_UNSET, d->n);
	d->st[0] = ORD_DONE | EM_DONE;
	return 0;
}

/* Run the ordering for every root before printing anything. */
static int order_roots(struct cdump *d, const struct btf_c_opts *o)
{
	__u32 *ids = NULL, cnt, i;
	int err = 0;

	if (o && o->root_ids) {
		for (i = 0; i < o->root_cnt; i++) {
			if (o->root_ids[i] >= d->n) {
				p_err("invalid root ID: %u", o->root_ids[i]);
				return -EINVAL;
			}
		}
		for (i = 0; i < o->root_cnt && err >= 0; i++)
			err = order_type(d, o->root_ids[i], false);
		return err < 0 ? err : 0;
	}
	if (o && o->unsorted) {
		for (i = 1; i < d->n && err >= 0; i++)
			err = order_type(d, i, false);
		return err < 0 ? err : 0;
	}
	ids = sorted_roots(d, &cnt);
	if (!ids)
		return -ENOMEM;
	for (i = 0; i < cnt && err >= 0; i++)
		err = order_type(d, ids[i], false);
	return err < 0 ? err : 0;
}

/* ---- output size guard ------------------------------------------------- */

/*
 * Anonymous types are printed inline at every use, and gaps are filled
 * with padding lines, so a small malformed BTF can ask for gigabytes of
 * text (a 4 GiB empty struct; anonymous structs nested 1000 wide, 10 deep).
 * Before printing, estimate the line count from above and refuse absurd
 * ones. The estimate borrows d->dup (unused until printing) as its memo.
 */
#define COST_CAP	(1ULL << 40)

static __u64 cost_add(__u64 a, __u64 b)
{
	return a + b > COST_CAP ? COST_CAP : a + b;
}

static __u64 inline_cost(struct cdump *d, __u32 id, int depth);

/* Padding can only fill [0, max(size, last member offset)): bound it. */
static __u64 body_cost(struct cdump *d, const struct btf_type *t, int depth)
{
	const struct btf_member *m = btf_members(t);
	__u64 span = (__u64)t->size * 8, c = 2;
	int i, vlen = btf_vlen(t);

	for (i = 0; i < vlen; i++, m++) {
		if (btf_member_bit_offset(t, i) > span)
			span = btf_member_bit_offset(t, i);
		c = cost_add(c, 1 + inline_cost(d, m->type, depth + 1));
	}
	/* a gap of g bits takes at most g/64 "long: 64;" lines and a few more */
	return cost_add(c, span / 64 + 8 * ((__u64)vlen + 1));
}

static __u64 inline_cost_one(struct cdump *d, const struct btf_type *t,
			     int depth)
{
	__u32 i, part;
	__u64 c = 0;

	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return t->name_off ? 1 : body_cost(d, t, depth);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return t->name_off ? 1 : 2 + (__u64)btf_vlen(t);
	default:	/* a declarator: what it is made of */
		if (!btf_kind_in(BTF_KINDS_DECL, btf_kind(t)))
			return 1;
		for (i = 0; btf_type_part(t, i, &part); i++)
			c = cost_add(c, inline_cost(d, part, depth + 1));
		return c;
	}
}

/* Lines a use of type id can print. d->dup[id]: 0 unknown, else cost+1. */
static __u64 inline_cost(struct cdump *d, __u32 id, int depth)
{
	__u64 c;

	if (id == 0)
		return 1;
	if (d->dup[id])
		return d->dup[id] - 1;
	if (depth > MAX_DEPTH)
		return COST_CAP;
	c = inline_cost_one(d, btype(d, id), depth);
	d->dup[id] = c + 1 < UINT32_MAX ? c + 1 : UINT32_MAX;
	return c;
}

static __u64 kfunc_cost(struct cdump *d)
{
	const struct btf_type *t, *ft;
	__u64 total = 0;
	__u32 id;

	for (id = 1; id < d->n && d->ndecl_tags; id++) {
		t = btype(d, id);
		if (!btf_is_decl_tag(t))
			continue;
		ft = btype(d, t->type);
		if (btf_is_func(ft))
			total = cost_add(total, 1 + inline_cost(d, ft->type, 0));
	}
	return total;
}

static int check_size(struct cdump *d, bool full)
{
	__u64 total = 0, limit = (1ULL << 24) + 64ULL * d->n;
	const struct btf_type *t;
	__u32 i;

	/* each queued definition prints once (plus its forward declaration) */
	for (i = 0; i < d->qcnt; i++) {
		t = btype(d, d->queue[i]);
		if (btf_is_composite(t))
			total = cost_add(total, 2 + body_cost(d, t, 0));
		else if (btf_is_any_enum(t))
			total = cost_add(total, 2 + (__u64)btf_vlen(t));
		else if (btf_is_typedef(t))
			total = cost_add(total, 2 + inline_cost(d, t->type, 0));
		else
			total = cost_add(total, 2);
	}
	if (full)
		total = cost_add(total, kfunc_cost(d));
	memset(d->dup, 0, (size_t)d->n * sizeof(*d->dup));
	if (total > limit) {
		p_err("BTF would expand to over %llu lines of C, refusing",
		      (unsigned long long)limit);
		return -E2BIG;
	}
	return 0;
}

/* The name maps go into the sort buffer, which ordering is done with. */
static int setup_names(struct cdump *d)
{
	void *spare = d->scratch;
	size_t left = d->scratch_sz;

	if (nmap_init(&d->tnames, d->tname_max, &spare, &left) ||
	    nmap_init(&d->inames, d->iname_max, &spare, &left))
		return p_err("out of memory");
	return 0;
}

int btf_c_dump(const struct btf *btf, const struct btf_c_opts *o, FILE *out)
{
	struct cdump d;
	__u32 i;
	int err;

	err = cdump_init(&d, btf, out);
	if (!err)
		err = prepare(&d);
	if (!err)
		err = order_roots(&d, o);
	if (!err)
		err = check_size(&d, !o || !o->root_ids);
	if (!err)
		err = setup_names(&d);
	if (err) {
		cdump_free(&d);
		return err < 0 ? err : -EINVAL;
	}

	obuf_lit(d.ob, header);
	for (i = 0; i < d.qcnt; i++)
		emit_type(&d, d.queue[i], 0);
	if (!o || !o->root_ids)
		err = emit_kfuncs(&d);
	if (!err)
		obuf_lit(d.ob, footer);
	obuf_flush(d.ob);
	if (!err && (d.ob->err || fflush(out))) {
		err = errno ? errno : EIO;
		p_err("failed to write C output: %s", strerror(err));
		err = -err;
	}
	cdump_free(&d);
	return err;
}

/* ---- single declarations ----------------------------------------------- */

struct btf_c {
	struct cdump d;
};

/* A slot per enumerator of every enum, for the dry run to fill. */
static int edup_init(struct cdump *d)
{
	const struct btf_type *t;
	size_t total = 0;
	__u32 i;

	d->edup_at = calloc(d->n, sizeof(*d->edup_at));
	if (!d->edup_at)
		return p_err("out of memory");
	for (i = 1; i < d->n; i++) {
		t = btype(d, i);
		if (!btf_is_any_enum(t))
			continue;
		d->edup_at[i] = total;
		total += btf_vlen(t);
	}
	d->edup = calloc(total ? total : 1, sizeof(*d->edup));
	return d->edup ? 0 : p_err("out of memory");
}

/*
 * Everything a full sorted dump does before and during printing, into no
 * FILE: the duplicate-name suffixes (NAME___2) are given in print order,
 * so this is what makes a single declaration use the header's names.
 */
struct btf_c *btf_c_open(const struct btf *btf, FILE *out)
{
	struct btf_c *c = calloc(1, sizeof(*c));
	__u32 i;
	int err;

	if (!c) {
		p_err("out of memory");
		return NULL;
	}
	err = cdump_init(&c->d, btf, NULL);
	if (!err)
		err = prepare(&c->d);
	if (!err)
		err = order_roots(&c->d, NULL);
	if (!err)
		err = check_size(&c->d, false);
	if (!err)
		err = setup_names(&c->d);
	if (!err)
		err = edup_init(&c->d);
	if (err) {
		cdump_free(&c->d);
		free(c);
		errno = err < -1 ? -err : 0;	/* 0: reported as generic */
		return NULL;
	}
	for (i = 0; i < c->d.qcnt; i++)
		emit_type(&c->d, c->d.queue[i], 0);
	c->d.ob->len = 0;
	c->d.ob->f = out;
	c->d.replay = true;
	return c;
}

int btf_c_decl(struct btf_c *c, __u32 id, const char *name, int indent)
{
	if (id >= c->d.n)
		return p_err("invalid type ID: %u", id);
	ob_indent(c->d.ob, indent);
	emit_decl(&c->d, id, name ? name : "", indent);
	obuf_flush(c->d.ob);	/* into out, in order with the caller's own */
	return 0;
}

int btf_c_def(struct btf_c *c, __u32 id)
{
	const struct btf_type *t;

	if (id >= c->d.n)
		return p_err("invalid type ID: %u", id);
	t = btype(&c->d, id);
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		emit_struct_def(&c->d, id, t, 0);
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		emit_enum_def(&c->d, id, t, 0);
		break;
	case BTF_KIND_TYPEDEF:
		emit_typedef_def(&c->d, id, t, 0);
		break;
	case BTF_KIND_FWD:
		emit_fwd(&c->d, id, t);
		break;
	default:
		return p_err("type %u is not a struct, union, enum or typedef", id);
	}
	end_def(&c->d);
	obuf_flush(c->d.ob);
	return 0;
}

int btf_c_close(struct btf_c *c)
{
	int err;

	if (!c)
		return 0;
	obuf_flush(c->d.ob);
	err = c->d.ob->err ? EIO : 0;
	if (!err && c->d.ob->f && fflush(c->d.ob->f))
		err = errno;
	cdump_free(&c->d);
	free(c);
	if (err)
		return p_err("failed to write C output: %s", strerror(err));
	return 0;
}
