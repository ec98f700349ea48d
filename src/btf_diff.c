// SPDX-License-Identifier: GPL-2.0-only
/*
 * `btf diff SRC SRC [type NAME]... [object OBJ]`: what changed from the
 * first kernel's BTF to the second, in the types a BPF object can depend
 * on: named structs, unions, enums, typedefs, functions and tracepoints
 * (btf_trace_* typedefs).
 *
 * Types are matched by kind and name (the first of duplicates). A struct
 * or union changed when a member (matched by name) was added, removed, or
 * moved, resized or retyped, or when its size changed; an enum when an
 * enumerator came, went or changed value; a typedef, function or
 * tracepoint when its type or prototype reads differently. Types are
 * compared by shape, stopping at named types: a named member type that
 * changed inside shows up as its own record, not in every user of it.
 * Text for types is libbpf's own C declaration printer (btf_dump), not
 * btf_c_decl(): that one reads differently in three places (see btf_c.h)
 * and would change this output.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#include "args.h"
#include "array.h"
#include "bpf_elf.h"
#include "btf_diff.h"
#include "btf_src.h"
#include "btf_type.h"
#include "main.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_FILTER_NAMES 256
#define SHAPE_DEPTH 16

/* record kinds, in output order */
enum dkind { DK_STRUCT, DK_UNION, DK_ENUM, DK_TYPEDEF, DK_FUNC, DK_TP, DK_CNT };

static const char *const dkind_names[DK_CNT] = {
	"struct", "union", "enum", "typedef", "func", "tracepoint",
};

enum change { CH_ADDED, CH_REMOVED, CH_CHANGED };
static const char *const change_names[] = { "added", "removed", "changed" };

#define TP_PREFIX "btf_trace_"

/* ---- one side: a BTF, its name index, its type printer ---- */

struct side {
	const struct btf *btf;
	struct btf_dump *dump;
	char *buf;		/* btf_dump output collects here */
	size_t len, cap;
	/* open-addressing index: (kind, name) -> first type id */
	struct slot *slots;
	size_t nslots;
};

struct slot {
	const char *name;	/* NULL: empty */
	__u32 id;
	__u32 hash;		/* of kind and name: most probes end here */
	enum dkind kind;
};

static enum dkind dkind_of(const struct btf *btf, const struct btf_type *t,
			   const char **name)
{
	*name = btf__name_by_offset(btf, t->name_off);
	if (!*name || !**name)
		return DK_CNT;
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
		return DK_STRUCT;
	case BTF_KIND_UNION:
		return DK_UNION;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return DK_ENUM;
	case BTF_KIND_FUNC:
		return DK_FUNC;
	case BTF_KIND_TYPEDEF:
		if (!strncmp(*name, TP_PREFIX, strlen(TP_PREFIX))) {
			*name += strlen(TP_PREFIX);
			return DK_TP;
		}
		return DK_TYPEDEF;
	}
	return DK_CNT;
}

static __u32 hash_key(enum dkind k, const char *name)
{
	__u32 h = 2166136261u ^ k;

	while (*name)
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return h;
}

/* the slot of (k, name): its entry, or the empty slot where it would go */
static struct slot *side_slot(const struct side *s, enum dkind k,
			      const char *name, __u32 h)
{
	size_t i = h & (s->nslots - 1);
	struct slot *e;

	for (;; i = (i + 1) & (s->nslots - 1)) {
		e = &s->slots[i];
		if (!e->name)
			return e;
		if (e->hash == h && e->kind == k && !strcmp(e->name, name))
			return e;
	}
}

static __u32 side_find(const struct side *s, enum dkind k, const char *name)
{
	return side_slot(s, k, name, hash_key(k, name))->id;
}

static int side_index(struct side *s)
{
	__u32 id, n = btf__type_cnt(s->btf);
	const char *name;
	enum dkind k;

	for (s->nslots = 1024; s->nslots < 2 * (size_t)n; s->nslots *= 2)
		;
	s->slots = calloc(s->nslots, sizeof(*s->slots));
	if (!s->slots)
		return -ENOMEM;
	for (id = 1; id < n; id++) {
		struct slot *e;
		__u32 h;

		k = dkind_of(s->btf, btf__type_by_id(s->btf, id), &name);
		if (k == DK_CNT)
			continue;
		h = hash_key(k, name);
		e = side_slot(s, k, name, h);
		if (!e->name)
			*e = (struct slot){ .name = name, .id = id, .hash = h,
					    .kind = k };
	}
	return 0;
}

static void collect(void *ctx, const char *fmt, va_list ap)
{
	struct side *s = ctx;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(s->buf + s->len, s->cap - s->len, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if (s->len + n + 1 > s->cap) {
		if (ARRAY_RESERVE(s->buf, s->cap, s->len + n + 1, 256))
			return;
		vsnprintf(s->buf + s->len, s->cap - s->len, fmt, ap);
	}
	s->len += n;
}

/*
 * An anonymous struct or union comes out as its whole multi-line body:
 * keep one line, "union {...} *".
 */
static void one_line(char *s)
{
	char *open = strchr(s, '{'), *close = strrchr(s, '}'), *w, *r;

	if (open && close > open) {
		memmove(open + 4, close, strlen(close) + 1);
		memcpy(open + 1, "...", 3);
	}
	for (r = w = s; *r; r++) {
		if (*r == '\n' || *r == '\t')
			continue;
		*w++ = *r;
	}
	*w = '\0';
}

/* "struct sock *", "int (*)(void *)": libbpf's declaration of type id */
static const char *type_text(struct side *s, __u32 id)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, o, .field_name = "");

	s->len = 0;
	if (s->buf)
		s->buf[0] = '\0';
	if (!s->dump || btf_dump__emit_type_decl(s->dump, id, &o) || !s->buf)
		return "?";
	one_line(s->buf);
	return s->buf;
}

/*
 * libbpf's printer trusts every string offset, and btf_check_err() (ids and
 * cycles) does not look at them, on purpose: raw dumps and feature probe
 * btf take such BTF. The first type whose name, or a member,
 * parameter or enumerator name, is not in the string section, or 0.
 */
static __u32 bad_name(const struct btf *btf)
{
	__u32 id, n = btf__type_cnt(btf);
	int i;

	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);

		if (!btf__name_by_offset(btf, t->name_off))
			return id;
		for (i = 0; i < btf_vlen(t); i++) {
			__u32 off = btf_is_composite(t) ? btf_members(t)[i].name_off :
				    btf_is_func_proto(t) ? btf_params(t)[i].name_off : 0;
			__u64 val;

			btf_type_enumerator(t, i, &off, &val);

			if (!btf__name_by_offset(btf, off))
				return id;
		}
	}
	return 0;
}

static int side_init(struct side *s, const struct btf *btf)
{
	__u32 bad = bad_name(btf);

	if (bad)
		return p_err_errno(EINVAL, "malformed BTF: type %u has a name outside the string section",
				   bad);
	memset(s, 0, sizeof(*s));
	s->btf = btf;
	s->cap = 256;
	s->buf = malloc(s->cap);
	if (s->buf)
		s->dump = btf_dump__new(btf, collect, s, NULL);
	if (!s->buf || !s->dump || side_index(s))
		return p_err("out of memory");
	return 0;
}

static void side_free(struct side *s)
{
	btf_dump__free(s->dump);
	free(s->buf);
	free(s->slots);
}

/* ---- shape comparison ---- */

static const struct btf_type *skip_tags(const struct btf *btf, __u32 *id)
{
	const struct btf_type *t = btf__type_by_id(btf, *id);

	while (t && btf_is_type_tag(t)) {
		*id = t->type;
		t = btf__type_by_id(btf, *id);
	}
	return t;
}

static bool same_name(const struct btf *a, const struct btf_type *ta,
		      const struct btf *b, const struct btf_type *tb)
{
	return !strcmp(btf__name_by_offset(a, ta->name_off),
		       btf__name_by_offset(b, tb->name_off));
}

/* a struct and a forward declaration of it read the same */
static int agg_class(const struct btf_type *t)
{
	if (btf_is_fwd(t))
		return btf_kflag(t) ? BTF_KIND_UNION : BTF_KIND_STRUCT;
	return btf_kind(t) == BTF_KIND_ENUM64 ? BTF_KIND_ENUM : btf_kind(t);
}

static bool same_shape(const struct btf *a, __u32 ia, const struct btf *b,
		       __u32 ib, int depth);

/*
 * Same encoding, except the signedness of plain "char": C leaves it to the
 * compiler and Linux 6.2 made it unsigned everywhere, which would mark
 * every char member of every struct as changed while reading the same.
 */
static bool same_int(const struct btf *a, const struct btf_type *ta,
		     const struct btf_type *tb)
{
	__u32 ea = *(const __u32 *)(ta + 1), eb = *(const __u32 *)(tb + 1);

	if (!strcmp(btf__name_by_offset(a, ta->name_off), "char")) {
		ea &= ~(BTF_INT_SIGNED << 24);
		eb &= ~(BTF_INT_SIGNED << 24);
	}
	return ea == eb;
}

static bool same_members(const struct btf *a, const struct btf_type *ta,
			 const struct btf *b, const struct btf_type *tb,
			 int depth)
{
	const struct btf_member *ma = btf_members(ta), *mb = btf_members(tb);
	int i;

	if (btf_vlen(ta) != btf_vlen(tb) || ta->size != tb->size)
		return false;
	for (i = 0; i < btf_vlen(ta); i++, ma++, mb++) {
		if (btf_member_bit_offset(ta, i) != btf_member_bit_offset(tb, i) ||
		    btf_member_bitfield_size(ta, i) !=
			    btf_member_bitfield_size(tb, i) ||
		    strcmp(btf__name_by_offset(a, ma->name_off),
			   btf__name_by_offset(b, mb->name_off)) ||
		    !same_shape(a, ma->type, b, mb->type, depth + 1))
			return false;
	}
	return true;
}

/*
 * Declarators (pointers, qualifiers, arrays, prototypes) of one kind: the
 * same length or arity, and the same shapes of what they are made of.
 */
static bool same_decl(const struct btf *a, const struct btf_type *ta,
		      const struct btf *b, const struct btf_type *tb,
		      int depth)
{
	__u32 i, pa, pb;

	if (btf_vlen(ta) != btf_vlen(tb) ||
	    (btf_is_array(ta) && btf_array(ta)->nelems != btf_array(tb)->nelems))
		return false;
	for (i = 0; btf_type_part(ta, i, &pa); i++)
		if (!btf_type_part(tb, i, &pb) ||
		    !same_shape(a, pa, b, pb, depth + 1))
			return false;
	return true;
}

/*
 * Same C type, looking through modifiers, pointers, arrays, prototypes and
 * anonymous aggregates, but stopping at names (named types have their own
 * records).
 */
static bool same_shape(const struct btf *a, __u32 ia, const struct btf *b,
		       __u32 ib, int depth)
{
	const struct btf_type *ta = skip_tags(a, &ia), *tb = skip_tags(b, &ib);

	if (!ia || !ib)
		return !ia && !ib;
	if (!ta || !tb || depth > SHAPE_DEPTH)
		return false;
	if (agg_class(ta) != agg_class(tb))
		return false;
	switch (btf_kind(ta)) {
	case BTF_KIND_INT:
		return same_name(a, ta, b, tb) && ta->size == tb->size &&
		       same_int(a, ta, tb);
	case BTF_KIND_FLOAT:
		return same_name(a, ta, b, tb) && ta->size == tb->size;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_FWD:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (ta->name_off || tb->name_off)
			return same_name(a, ta, b, tb);
		if (btf_is_enum(ta) || btf_is_enum64(ta) || btf_is_fwd(ta))
			return ta->size == tb->size &&
			       btf_vlen(ta) == btf_vlen(tb);
		return same_members(a, ta, b, tb, depth);
	case BTF_KIND_TYPEDEF:
		return same_name(a, ta, b, tb);
	}
	return btf_kind_in(BTF_KINDS_DECL, btf_kind(ta)) &&
	       same_decl(a, ta, b, tb, depth);
}

/* ---- records ---- */

struct mchange {
	const char *name;
	enum change ch;
	int oi, ni;		/* member / enumerator index, or -1 */
};

struct rec {
	enum dkind kind;
	const char *name;
	enum change ch;
	__u32 oid, nid;
	struct mchange *m;
	int nm;
	size_t mcap;
};

struct diff {
	struct side old, new;
	struct rec *recs;
	size_t n, cap;
	/* filters */
	const char *names[MAX_FILTER_NAMES];
	int nnames;
	bool filtered;
};

static int add_rec(struct diff *d, const struct rec *r)
{
	if (ARRAY_RESERVE(d->recs, d->cap, d->n + 1, 256))
		return -ENOMEM;
	d->recs[d->n++] = *r;
	return 0;
}

static int add_m(struct rec *r, const char *name, enum change ch, int oi,
		 int ni)
{
	if (ARRAY_RESERVE(r->m, r->mcap, (size_t)r->nm + 1, 8))
		return -ENOMEM;
	r->m[r->nm++] = (struct mchange){ name, ch, oi, ni };
	return 0;
}

static const char *member_name(const struct btf *btf, const struct btf_type *t,
			       int i)
{
	__u32 off = 0;

	btf_type_part_name(t, i, &off);
	return btf__name_by_offset(btf, off);
}

static int find_member(const struct btf *btf, const struct btf_type *t,
		       const char *name)
{
	int i;

	if (!*name)
		return -1;	/* anonymous members match by position */
	for (i = 0; i < btf_vlen(t); i++)
		if (!strcmp(member_name(btf, t, i), name))
			return i;
	return -1;
}

/* an enumerator's value, sign-extended when the enum is signed */
static __u64 enum_val(const struct btf_type *t, int i)
{
	__u32 off;
	__u64 v = 0;

	btf_type_enumerator(t, i, &off, &v);
	return v;
}

static bool same_member(const struct diff *d, const struct btf_type *ot,
			int oi, const struct btf_type *nt, int ni)
{
	if (btf_is_composite(ot))
		return btf_member_bit_offset(ot, oi) ==
			       btf_member_bit_offset(nt, ni) &&
		       btf_member_bitfield_size(ot, oi) ==
			       btf_member_bitfield_size(nt, ni) &&
		       same_shape(d->old.btf, btf_members(ot)[oi].type,
				  d->new.btf, btf_members(nt)[ni].type, 0);
	return enum_val(ot, oi) == enum_val(nt, ni);
}

/* anonymous members pair up in order of appearance */
static int nth_anon(const struct btf *btf, const struct btf_type *t, int k)
{
	int i;

	for (i = 0; i < btf_vlen(t); i++)
		if (!*member_name(btf, t, i) && k-- == 0)
			return i;
	return -1;
}

static int anon_rank(const struct btf *btf, const struct btf_type *t, int i)
{
	int j, k = 0;

	for (j = 0; j < i; j++)
		k += !*member_name(btf, t, j);
	return k;
}

static int diff_members(struct diff *d, struct rec *r)
{
	const struct btf_type *ot = btf__type_by_id(d->old.btf, r->oid);
	const struct btf_type *nt = btf__type_by_id(d->new.btf, r->nid);
	int i, j, err = 0;

	for (i = 0; i < btf_vlen(ot) && !err; i++) {
		const char *name = member_name(d->old.btf, ot, i);

		j = *name ? find_member(d->new.btf, nt, name) :
			    nth_anon(d->new.btf, nt, anon_rank(d->old.btf, ot, i));
		if (j < 0)
			err = add_m(r, name, CH_REMOVED, i, -1);
		else if (!same_member(d, ot, i, nt, j))
			err = add_m(r, name, CH_CHANGED, i, j);
	}
	for (j = 0; j < btf_vlen(nt) && !err; j++) {
		const char *name = member_name(d->new.btf, nt, j);

		i = *name ? find_member(d->old.btf, ot, name) :
			    nth_anon(d->old.btf, ot, anon_rank(d->new.btf, nt, j));
		if (i < 0)
			err = add_m(r, name, CH_ADDED, -1, j);
	}
	return err;
}

/* the type a typedef, function or tracepoint stands for */
static __u32 target_of(const struct btf *btf, __u32 id)
{
	return btf__type_by_id(btf, id)->type;
}

static bool changed_whole(struct diff *d, struct rec *r)
{
	const struct btf_type *ot = btf__type_by_id(d->old.btf, r->oid);
	const struct btf_type *nt = btf__type_by_id(d->new.btf, r->nid);

	switch (r->kind) {
	case DK_STRUCT:
	case DK_UNION:
		return ot->size != nt->size || r->nm;
	case DK_ENUM:
		return r->nm || ot->size != nt->size;
	default:
		return !same_shape(d->old.btf, target_of(d->old.btf, r->oid),
				   d->new.btf, target_of(d->new.btf, r->nid), 0);
	}
}

static bool wanted(const struct diff *d, enum dkind k, const char *name)
{
	char full[256];
	int i;

	if (!d->filtered)
		return true;
	snprintf(full, sizeof(full), "%s %s", dkind_names[k], name);
	for (i = 0; i < d->nnames; i++)
		if (!strcmp(d->names[i], name) || !strcmp(d->names[i], full))
			return true;
	return false;
}

static int compare(struct diff *d)
{
	__u32 id, n;
	const char *name;
	enum dkind k;
	int err = 0;

	/* old side: removed or changed */
	n = btf__type_cnt(d->old.btf);
	for (id = 1; id < n && !err; id++) {
		struct rec r = {};

		k = dkind_of(d->old.btf, btf__type_by_id(d->old.btf, id), &name);
		if (k == DK_CNT || side_find(&d->old, k, name) != id ||
		    !wanted(d, k, name))
			continue;
		r = (struct rec){ .kind = k, .name = name, .oid = id,
				  .nid = side_find(&d->new, k, name) };
		if (!r.nid) {
			r.ch = CH_REMOVED;
			err = add_rec(d, &r);
			continue;
		}
		r.ch = CH_CHANGED;
		if (k == DK_STRUCT || k == DK_UNION || k == DK_ENUM)
			err = diff_members(d, &r);
		if (!err && changed_whole(d, &r))
			err = add_rec(d, &r);
		else
			free(r.m);
	}
	/* new side: added */
	n = btf__type_cnt(d->new.btf);
	for (id = 1; id < n && !err; id++) {
		struct rec r = {};

		k = dkind_of(d->new.btf, btf__type_by_id(d->new.btf, id), &name);
		if (k == DK_CNT || side_find(&d->new, k, name) != id ||
		    side_find(&d->old, k, name) || !wanted(d, k, name))
			continue;
		r = (struct rec){ .kind = k, .name = name, .ch = CH_ADDED,
				  .nid = id };
		err = add_rec(d, &r);
	}
	return err;
}

static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* ---- output ---- */

struct mview {
	__u32 bits, bitfield, size;
	const char *type;	/* in its side's buffer: copy before reuse */
};

static char *member_text(struct side *s, const struct btf_type *t, int i,
			 struct mview *v)
{
	const struct btf_member *m = &btf_members(t)[i];
	__s64 sz = btf_type_size(s->btf, m->type);

	v->bits = btf_member_bit_offset(t, i);
	v->bitfield = btf_member_bitfield_size(t, i);
	v->size = sz < 0 ? 0 : sz;
	return strdup(type_text(s, m->type));
}

static void json_member_side(struct side *s, const struct btf_type *t, int i,
			     bool composite, const char *key)
{
	struct mview v;
	char *type;

	jsonw_name(json_wtr, key);
	if (!composite) {
		if (btf_kflag(t))
			jsonw_int(json_wtr, (__s64)enum_val(t, i));
		else
			jsonw_uint(json_wtr, enum_val(t, i));
		return;
	}
	type = member_text(s, t, i, &v);
	jsonw_start_object(json_wtr);
	jsonw_uint_field(json_wtr, "bits_offset", v.bits);
	jsonw_uint_field(json_wtr, "size", v.size);
	if (v.bitfield)
		jsonw_uint_field(json_wtr, "bitfield_size", v.bitfield);
	jsonw_string_field(json_wtr, "type", type ? type : "?");
	jsonw_end_object(json_wtr);
	free(type);
}

static void plain_member_side(struct side *s, const struct btf_type *t, int i,
			      bool composite)
{
	struct mview v;
	char *type;

	if (!composite) {
		printf(btf_kflag(t) ? "%lld" : "%llu",
		       (unsigned long long)enum_val(t, i));
		return;
	}
	type = member_text(s, t, i, &v);
	printf("%s at bit %u, %u bytes", type ? type : "?", v.bits, v.size);
	if (v.bitfield)
		printf(", %u-bit field", v.bitfield);
	free(type);
}

static void print_members(struct diff *d, const struct rec *r)
{
	const struct btf_type *ot = r->oid ?
		btf__type_by_id(d->old.btf, r->oid) : NULL;
	const struct btf_type *nt = r->nid ?
		btf__type_by_id(d->new.btf, r->nid) : NULL;
	bool comp = r->kind != DK_ENUM;
	int i;

	for (i = 0; i < r->nm; i++) {
		const struct mchange *m = &r->m[i];

		if (json_wtr) {
			jsonw_start_object(json_wtr);
			jsonw_string_field(json_wtr, "name", m->name);
			jsonw_string_field(json_wtr, "change",
					   change_names[m->ch]);
			if (m->oi >= 0)
				json_member_side(&d->old, ot, m->oi, comp, "old");
			if (m->ni >= 0)
				json_member_side(&d->new, nt, m->ni, comp, "new");
			jsonw_end_object(json_wtr);
			continue;
		}
		printf("\tchanged %s %s: %s %s", dkind_names[r->kind], r->name,
		       comp ? "member" : "value",
		       *m->name ? m->name : "(anonymous)");
		if (m->ch != CH_CHANGED)
			printf(" %s", change_names[m->ch]);
		printf(": ");
		if (m->oi >= 0)
			plain_member_side(&d->old, ot, m->oi, comp);
		if (m->oi >= 0 && m->ni >= 0)
			printf(" -> ");
		if (m->ni >= 0)
			plain_member_side(&d->new, nt, m->ni, comp);
		printf("\n");
	}
}

/* text of a typedef's, function's or tracepoint's type */
static char *whole_text(struct side *s, enum dkind k, __u32 id)
{
	__u32 t = target_of(s->btf, id);
	const struct btf_type *pt;

	/* functions and tracepoints read as their prototype */
	if (k == DK_TP) {
		pt = btf__type_by_id(s->btf, t);
		if (pt && btf_is_ptr(pt))
			t = pt->type;
	}
	return strdup(type_text(s, t));
}

static void print_rec(struct diff *d, const struct rec *r)
{
	bool agg = r->kind <= DK_ENUM;
	char *o = NULL, *n = NULL;
	__u32 osz = 0, nsz = 0;

	if (!agg) {
		if (r->oid)
			o = whole_text(&d->old, r->kind, r->oid);
		if (r->nid)
			n = whole_text(&d->new, r->kind, r->nid);
	} else {
		if (r->oid)
			osz = btf__type_by_id(d->old.btf, r->oid)->size;
		if (r->nid)
			nsz = btf__type_by_id(d->new.btf, r->nid)->size;
	}
	if (json_wtr) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "kind", dkind_names[r->kind]);
		jsonw_string_field(json_wtr, "name", r->name);
		jsonw_string_field(json_wtr, "change", change_names[r->ch]);
		if (agg && r->ch == CH_CHANGED && osz != nsz) {
			jsonw_name(json_wtr, "size");
			jsonw_start_object(json_wtr);
			jsonw_uint_field(json_wtr, "old", osz);
			jsonw_uint_field(json_wtr, "new", nsz);
			jsonw_end_object(json_wtr);
		}
		if (o)
			jsonw_string_field(json_wtr, "old", o);
		if (n)
			jsonw_string_field(json_wtr, "new", n);
		jsonw_name(json_wtr, "members");
		jsonw_start_array(json_wtr);
		print_members(d, r);
		jsonw_end_array(json_wtr);
		jsonw_end_object(json_wtr);
	} else if (r->ch != CH_CHANGED) {
		printf("\t%-7s %s %s", change_names[r->ch], dkind_names[r->kind],
		       r->name);
		if (o || n)
			printf(": %s", o ? o : n);
		printf("\n");
	} else {
		if (agg && osz != nsz)
			printf("\tchanged %s %s: size %u -> %u\n",
			       dkind_names[r->kind], r->name, osz, nsz);
		if (!agg)
			printf("\tchanged %s %s: %s -> %s\n",
			       dkind_names[r->kind], r->name, o, n);
		print_members(d, r);
	}
	free(o);
	free(n);
}

static void print_diff(struct diff *d)
{
	int kind = -1;
	size_t i;

	if (json_wtr)
		jsonw_start_array(json_wtr);
	for (i = 0; i < d->n; i++) {
		const struct rec *r = &d->recs[i];

		if (!json_wtr && (int)r->kind != kind) {
			size_t j, cnt[3] = {};

			for (j = i; j < d->n && d->recs[j].kind == r->kind; j++)
				cnt[d->recs[j].ch]++;
			printf("%s%s: %zu added, %zu removed, %zu changed\n",
			       kind < 0 ? "" : "\n", dkind_names[r->kind],
			       cnt[CH_ADDED], cnt[CH_REMOVED], cnt[CH_CHANGED]);
			kind = r->kind;
		}
		print_rec(d, r);
	}
	if (json_wtr)
		jsonw_end_array(json_wtr);
}

/* ---- what one object uses ---- */

static int keep_name(struct diff *d, const char *name)
{
	int i;

	for (i = 0; i < d->nnames; i++)
		if (!strcmp(d->names[i], name))
			return 0;
	if (d->nnames == MAX_FILTER_NAMES)
		return p_err("too many type names (at most %d)",
			     MAX_FILTER_NAMES);
	d->names[d->nnames++] = name;
	return 0;
}

/* the hook name in "fentry/tcp_connect", "tp_btf/sched_switch", ... */
static const char *sec_target(const char *sec)
{
	static const char *const pfx[] = {
		"fentry/", "fexit/", "fmod_ret/", "fentry.s/", "fexit.s/",
		"kprobe/", "kretprobe/", "lsm/", "lsm.s/", "lsm_cgroup/",
		"tp_btf/", "raw_tp/", "raw_tracepoint/", "iter/", "iter.s/",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pfx); i++)
		if (!strncmp(sec, pfx[i], strlen(pfx[i])))
			return sec + strlen(pfx[i]);
	return NULL;
}

/*
 * The named types of the object's BTF (what its CO-RE accesses name), the
 * functions it declares extern (kfuncs), and the hooks its programs'
 * section names point to (as a function, an LSM hook bpf_lsm_NAME, or a
 * tracepoint). The object is read with bpf_elf.c, the BPF ELF reader.
 */
static int object_names(struct diff *d, const struct bpf_elf *elf,
			char **own, int *nown)
{
	const struct btf *btf = elf->btf;
	__u32 id, n;
	int i;

	if (!btf)
		return p_err("the object has no BTF: nothing to compare");
	n = btf__type_cnt(btf);
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name;

		/* a FUNC's vlen is its linkage: only extern ones are the
		 * kernel's */
		if (dkind_of(btf, t, &name) == DK_CNT ||
		    (btf_is_func(t) && btf_vlen(t) != BTF_FUNC_EXTERN))
			continue;
		if (keep_name(d, name))
			return -1;
	}
	for (i = 0; i < elf->nfuncs; i++) {
		const struct bpf_elf_func *f = &elf->funcs[i];
		const char *sec, *tgt;
		char *lsm;

		if (!bpf_elf_is_prog(elf, f))
			continue;
		sec = elf->secs[f->sec].name;
		tgt = sec_target(sec);
		if (!tgt || !*tgt)
			continue;
		if (keep_name(d, tgt))
			return -1;
		if (strncmp(sec, "lsm", 3) || *nown == MAX_FILTER_NAMES)
			continue;
		if (asprintf(&lsm, "bpf_lsm_%s", tgt) < 0)
			return p_err("out of memory");
		own[(*nown)++] = lsm;
		if (keep_name(d, lsm))
			return -1;
	}
	return 0;
}

/* ---- command ---- */

/* compare and print d's filtered view of old -> new; frees d's records */
static int diff_run(struct diff *d, const struct btf *old,
		    const struct btf *new)
{
	int err;
	size_t i;

	err = side_init(&d->old, old);
	if (!err)
		err = side_init(&d->new, new);
	if (!err && compare(d))
		err = p_err("out of memory");
	if (!err) {
		if (d->n)
			qsort(d->recs, d->n, sizeof(*d->recs), cmp_rec);
		print_diff(d);
	}
	for (i = 0; i < d->n; i++)
		free(d->recs[i].m);
	free(d->recs);
	side_free(&d->old);
	side_free(&d->new);
	return err;
}

int btf_diff_btf(const struct btf *old, const struct btf *new,
		 const char *const *names, int nnames)
{
	struct diff d = {};

	d.filtered = nnames >= 0;
	for (; nnames > 0 && d.nnames < MAX_FILTER_NAMES; nnames--)
		d.names[d.nnames++] = *names++;
	return diff_run(&d, old, new);
}

/* one source: exactly "KEYWORD VALUE" (file F, id N) */
static int open_src(struct argcur *a, struct btf_src *src, const char *which)
{
	struct btf_spec *spec = NULL;
	struct btf_err err = {};
	ARGCUR(one, a->argc < 2 ? a->argc : 2, a->argv);
	int ret;

	if (!arg_is(a, "file") && !arg_is(a, "id"))
		return p_err_errno(EINVAL, "expected %s BTF source (file FILE or id BTF_ID), got: '%s'",
			     which, arg_more(a) ? arg_peek(a) : "");
	if (btf_spec_parse(&one, &spec))
		return -1;
	a->argc -= 2 - one.argc;
	a->argv += 2 - one.argc;
	ret = btf_spec_open(spec, src, &err);
	btf_spec_free(spec);
	if (ret)
		return p_err_errno(ret, "%s", err.msg);
	return 0;
}

int do_btf_diff(int argc, char **argv)
{
	struct btf_src a = {}, b = {};
	struct bpf_elf *elf = NULL;
	char *own[MAX_FILTER_NAMES];
	struct diff d = {};
	const char *objpath = NULL;
	int nown = 0, err = -1;
	ARGCUR(cur, argc, argv);

	err = open_src(&cur, &a, "first");
	if (!err)
		err = open_src(&cur, &b, "second");
	if (err)
		goto out;
	err = -1;
	while (arg_more(&cur)) {
		if (arg_take(&cur, "type")) {
			if (!arg_more(&cur)) {
				p_err("expected a type name after 'type'");
				goto out;
			}
			d.filtered = true;
			if (keep_name(&d, arg_next(&cur)))
				goto out;
		} else if (arg_take(&cur, "object")) {
			if (!arg_more(&cur) || objpath) {
				p_err(objpath ? "only one 'object' may be given" :
					       "expected an object file after 'object'");
				goto out;
			}
			objpath = arg_next(&cur);
		} else {
			err = p_err_errno(EINVAL,
					  "expected 'type' or 'object', got: '%s'",
					  arg_peek(&cur));
			goto out;
		}
	}
	if (objpath) {
		char msg[256];

		d.filtered = true;
		if (bpf_elf_open(objpath, &elf, msg, sizeof(msg))) {
			p_err("%s", msg);
			goto out;
		}
		if (object_names(&d, elf, own, &nown))
			goto out;
	}
	err = diff_run(&d, a.btf, b.btf);
out:
	while (nown--)
		free(own[nown]);
	bpf_elf_free(elf);
	btf_src_free(&a);
	btf_src_free(&b);
	return err;
}
