// SPDX-License-Identifier: GPL-2.0-only
/*
 * CO-RE relocation engine. The rules are libbpf's (relo_core.c), so that
 * "core check" predicts exactly what a loader patches; the object's BTF is
 * untrusted, so every type lookup may fail and every walk is bounded.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#include "array.h"
#include "bpf_elf.h"
#include "btf_load.h"
#include "core_reloc.h"

#define WALK_MAX	32

struct cand {
	__u32 id;
};

struct cand_list {
	struct cand *c;
	int len;
	bool done;	/* searched */
};

struct core_index {
	const struct btf_view *btf;
	__u32 *head;		/* per bucket: first id, 0 = empty */
	__u32 *next;		/* per id: next id in the same bucket */
	__u32 mask;
	__u32 n;
	__u32 slots[];		/* head's, then next's: one allocation */
};

struct core_ctx {
	const struct btf_view *local;
	const struct btf_view *targ;
	const struct core_index *idx;
	struct core_index *own_idx;
	__u32 nlocal;
	struct cand_list lists[];	/* indexed by local type id */
};

static const struct btf_type *type_at(const struct btf_view *btf, __u32 id)
{
	if (id >= btf->cnt)
		return NULL;
	return btf_view_type(btf, id);
}

static const char *name_at(const struct btf_view *btf, __u32 off)
{
	const char *s = btf_view_str(btf, off);

	return s ? s : "";
}

static const struct btf_type *skip_mods(const struct btf_view *btf, __u32 id,
					__u32 *res)
{
	const struct btf_type *t = type_at(btf, id);
	int n = 0;

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		if (++n > WALK_MAX)
			return NULL;
		id = t->type;
		t = type_at(btf, id);
	}
	if (res)
		*res = id;
	return t;
}

static const struct btf_type *type_of(const void *btf, __u32 id)
{
	return type_at(btf, id);
}

/* libbpf's btf__resolve_size(), on a view (8-byte pointers, as BPF's) */
static __s64 type_size(const struct btf_view *btf, __u32 id)
{
	if (!id)
		return -EINVAL;
	return btf_size_walk(btf, type_of, id, 8);
}

const char *core_kind_name(__u32 kind)
{
	static const char *const names[] = {
		"byte_off", "byte_sz", "field_exists", "signed", "lshift_u64",
		"rshift_u64", "local_type_id", "target_type_id", "type_exists",
		"type_size", "enumval_exists", "enumval_value", "type_matches",
	};

	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : NULL;
}

bool core_kind_is_field(__u32 kind)
{
	return kind <= BPF_CORE_FIELD_RSHIFT_U64;
}

bool core_kind_is_type(__u32 kind)
{
	return (kind >= BPF_CORE_TYPE_ID_LOCAL &&
		kind <= BPF_CORE_TYPE_SIZE) || kind == BPF_CORE_TYPE_MATCHES;
}

bool core_kind_is_enumval(__u32 kind)
{
	return kind == BPF_CORE_ENUMVAL_EXISTS ||
	       kind == BPF_CORE_ENUMVAL_VALUE;
}

/* A flavor separator is X___Y with X and Y not underscores. */
size_t core_essential_len(const char *name)
{
	size_t n = strlen(name);
	long i;

	for (i = (long)n - 5; i >= 0; i--) {
		const char *s = name + i;

		if (s[0] != '_' && s[1] == '_' && s[2] == '_' &&
		    s[3] == '_' && s[4] != '_')
			return i + 1;
	}
	return n;
}

static bool essential_eq(const char *a, const char *b)
{
	size_t la = core_essential_len(a), lb = core_essential_len(b);

	return la == lb && !strncmp(a, b, la);
}

static bool kind_compat(const struct btf_type *a, const struct btf_type *b)
{
	return btf_kind(a) == btf_kind(b) ||
	       (btf_is_any_enum(a) && btf_is_any_enum(b));
}

static bool is_composite(const struct btf_type *t)
{
	return btf_is_struct(t) || btf_is_union(t);
}

static __u32 enum_name_off(const struct btf_type *t, int i)
{
	return btf_is_enum(t) ? btf_enum(t)[i].name_off
			      : btf_enum64(t)[i].name_off;
}

/* ---- spec parsing ---- */

static bool is_flex_arr(const struct btf_view *btf, const struct core_acc *acc,
			const struct btf_array *arr)
{
	const struct btf_type *t;

	if (!acc->name || arr->nelems > 0)
		return false;
	t = type_at(btf, acc->type_id);
	return t && acc->idx == (__u32)btf_vlen(t) - 1;
}

static int parse_access(const char *s, struct core_spec *spec)
{
	while (*s) {
		char *end;
		long v;

		if (*s == ':')
			s++;
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v = strtol(s, &end, 10);
		if (v > INT_MAX)
			return -EINVAL;
		if (spec->raw_len == CORE_SPEC_MAX)
			return -E2BIG;
		spec->raw[spec->raw_len++] = v;
		s = end;
	}
	return spec->raw_len ? 0 : -EINVAL;
}

static int parse_spec(const struct btf_view *btf, const struct bpf_elf_core *rec,
		      struct core_spec *spec)
{
	const char *str = btf_view_str(btf, rec->access_str_off);
	const struct btf_type *t;
	struct core_acc *acc;
	__u32 id;
	__s64 sz;
	int i, err;

	memset(spec, 0, sizeof(*spec));
	if (!str || !*str || *str == ':')
		return -EINVAL;
	spec->btf = btf;
	spec->root_id = rec->type_id;
	spec->kind = rec->kind;
	if (core_kind_is_type(rec->kind))
		return strcmp(str, "0") ? -EINVAL : 0;
	err = parse_access(str, spec);
	if (err)
		return err;
	t = skip_mods(btf, rec->type_id, &id);
	if (!t)
		return -EINVAL;
	acc = &spec->acc[0];
	acc->type_id = id;
	acc->idx = spec->raw[0];
	spec->len = 1;
	if (core_kind_is_enumval(rec->kind)) {
		if (!btf_is_any_enum(t) || spec->raw_len > 1 ||
		    acc->idx >= btf_vlen(t))
			return -EINVAL;
		acc->name = name_at(btf, enum_name_off(t, acc->idx));
		return 0;
	}
	if (!core_kind_is_field(rec->kind))
		return -EINVAL;
	sz = type_size(btf, id);
	if (sz < 0)
		return sz;
	spec->bit_offset = acc->idx * sz * 8;
	for (i = 1; i < spec->raw_len; i++) {
		__u32 idx = spec->raw[i];

		t = skip_mods(btf, id, &id);
		if (!t)
			return -EINVAL;
		acc = &spec->acc[spec->len];
		if (is_composite(t)) {
			const struct btf_member *m;

			if (idx >= btf_vlen(t))
				return -EINVAL;
			spec->bit_offset += btf_member_bit_offset(t, idx);
			m = btf_members(t) + idx;
			if (m->name_off) {
				acc->name = btf_view_str(btf, m->name_off);
				if (!acc->name || !*acc->name)
					return -EINVAL;
				acc->type_id = id;
				acc->idx = idx;
				spec->len++;
			}
			id = m->type;
		} else if (btf_is_array(t)) {
			const struct btf_array *a = btf_array(t);

			t = skip_mods(btf, a->type, &id);
			if (!t)
				return -EINVAL;
			if (!is_flex_arr(btf, acc - 1, a) && idx >= a->nelems)
				return -EINVAL;
			acc->type_id = id;
			acc->idx = idx;
			acc->name = NULL;
			spec->len++;
			sz = type_size(btf, id);
			if (sz < 0)
				return sz;
			spec->bit_offset += idx * sz * 8;
		} else {
			return -EINVAL;
		}
	}
	return 0;
}

/* ---- compatibility ---- */

/*
 * One step of the lockstep walk libbpf's comparisons take over a local and
 * a target type: both sides past modifiers and typedefs, and a budget of
 * steps (*left) so that a loop in either BTF ends. 0, or -EINVAL on a bad
 * id or a spent budget.
 */
static int step_both(const struct btf_view *lb, __u32 *lid,
		     const struct btf_type **lt, const struct btf_view *tb,
		     __u32 *tid, const struct btf_type **tt, int *left)
{
	if (--*left < 0)
		return -EINVAL;
	*lt = skip_mods(lb, *lid, lid);
	*tt = skip_mods(tb, *tid, tid);
	return *lt && *tt ? 0 : -EINVAL;
}

static int types_compat(const struct btf_view *lb, __u32 lid,
			const struct btf_view *tb, __u32 tid, int level);

/* Prototypes' parameters pairwise, each compatible: 1, 0 or -EINVAL. */
static int params_compat(const struct btf_view *lb, const struct btf_type *lt,
			 const struct btf_view *tb, const struct btf_type *tt,
			 int level)
{
	const struct btf_param *lp = btf_params(lt), *tp = btf_params(tt);
	int i, err;

	if (btf_vlen(lt) != btf_vlen(tt))
		return 0;
	for (i = 0; i < btf_vlen(lt); i++, lp++, tp++) {
		__u32 a = 0, b = 0;

		if (level <= 0)
			return -EINVAL;
		skip_mods(lb, lp->type, &a);
		skip_mods(tb, tp->type, &b);
		err = types_compat(lb, a, tb, b, level - 1);
		if (err <= 0)
			return err;
	}
	return 1;
}

static int types_compat(const struct btf_view *lb, __u32 lid,
			const struct btf_view *tb, __u32 tid, int level)
{
	const struct btf_type *lt = type_at(lb, lid), *tt = type_at(tb, tid);
	int steps = WALK_MAX, err;

	if (!lt || !tt || !kind_compat(lt, tt))
		return 0;
recur:
	if (step_both(lb, &lid, &lt, tb, &tid, &tt, &steps))
		return -EINVAL;
	if (!kind_compat(lt, tt))
		return 0;
	switch (btf_kind(lt)) {
	case BTF_KIND_UNKN:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_FWD:
	case BTF_KIND_ENUM64:
		return 1;
	case BTF_KIND_INT:
		return btf_int_offset(lt) == 0 && btf_int_offset(tt) == 0;
	case BTF_KIND_PTR:
		lid = lt->type;
		tid = tt->type;
		goto recur;
	case BTF_KIND_ARRAY:
		lid = btf_array(lt)->type;
		tid = btf_array(tt)->type;
		goto recur;
	case BTF_KIND_FUNC_PROTO:
		err = params_compat(lb, lt, tb, tt, level);
		if (err <= 0)
			return err;
		skip_mods(lb, lt->type, &lid);
		skip_mods(tb, tt->type, &tid);
		goto recur;
	default:
		return 0;
	}
}

static int fields_compat(const struct btf_view *lb, __u32 lid,
			 const struct btf_view *tb, __u32 tid)
{
	const struct btf_type *lt, *tt;
	int steps = WALK_MAX;

recur:
	if (step_both(lb, &lid, &lt, tb, &tid, &tt, &steps))
		return -EINVAL;
	if (is_composite(lt) && is_composite(tt))
		return 1;
	if (!kind_compat(lt, tt))
		return 0;
	switch (btf_kind(lt)) {
	case BTF_KIND_PTR:
	case BTF_KIND_FLOAT:
		return 1;
	case BTF_KIND_FWD:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64: {
		const char *ln = name_at(lb, lt->name_off);
		const char *tn = name_at(tb, tt->name_off);
		size_t ll = core_essential_len(ln), tl = core_essential_len(tn);

		return !ll || !tl || (ll == tl && !strncmp(ln, tn, ll));
	}
	case BTF_KIND_INT:
		return btf_int_offset(lt) == 0 && btf_int_offset(tt) == 0;
	case BTF_KIND_ARRAY:
		lid = btf_array(lt)->type;
		tid = btf_array(tt)->type;
		goto recur;
	default:
		return 0;
	}
}

static bool names_match(const struct btf_view *lb, __u32 loff,
			const struct btf_view *tb, __u32 toff)
{
	const char *ln = name_at(lb, loff), *tn = name_at(tb, toff);

	if (!*tn)
		return !*ln;
	return essential_eq(ln, tn);
}

static int types_match(const struct btf_view *lb, __u32 lid, const struct btf_view *tb,
		       __u32 tid, bool behind_ptr, int level);

static int enums_match(const struct btf_view *lb, const struct btf_type *lt,
		       const struct btf_view *tb, const struct btf_type *tt)
{
	int i, j;

	if (lt->size != tt->size || btf_vlen(lt) > btf_vlen(tt))
		return 0;
	for (i = 0; i < btf_vlen(lt); i++) {
		bool found = false;

		for (j = 0; j < btf_vlen(tt) && !found; j++)
			found = names_match(lb, enum_name_off(lt, i), tb,
					    enum_name_off(tt, j));
		if (!found)
			return 0;
	}
	return 1;
}

static int composites_match(const struct btf_view *lb, const struct btf_type *lt,
			    const struct btf_view *tb, const struct btf_type *tt,
			    bool behind_ptr, int level)
{
	const struct btf_member *lm = btf_members(lt);
	int i, j, err;

	if (btf_vlen(lt) > btf_vlen(tt))
		return 0;
	for (i = 0; i < btf_vlen(lt); i++, lm++) {
		const struct btf_member *tm = btf_members(tt);
		bool found = false;

		for (j = 0; j < btf_vlen(tt) && !found; j++, tm++) {
			if (!names_match(lb, lm->name_off, tb, tm->name_off))
				continue;
			err = types_match(lb, lm->type, tb, tm->type,
					  behind_ptr, level - 1);
			if (err < 0)
				return err;
			found = err > 0;
		}
		if (!found)
			return 0;
	}
	return 1;
}

static int types_match(const struct btf_view *lb, __u32 lid, const struct btf_view *tb,
		       __u32 tid, bool behind_ptr, int level)
{
	const struct btf_type *lt, *tt;
	int steps = WALK_MAX;
	__u16 lk, tk;

	if (level <= 0)
		return -EINVAL;
recur:
	if (step_both(lb, &lid, &lt, tb, &tid, &tt, &steps))
		return -EINVAL;
	if (!names_match(lb, lt->name_off, tb, tt->name_off))
		return 0;
	lk = btf_kind(lt);
	tk = btf_kind(tt);
	switch (lk) {
	case BTF_KIND_UNKN:
		return lk == tk;
	case BTF_KIND_FWD: {
		bool lf = btf_kflag(lt);

		if (behind_ptr) {
			if (lk == tk)
				return lf == btf_kflag(tt);
			return (tk == BTF_KIND_STRUCT && !lf) ||
			       (tk == BTF_KIND_UNION && lf);
		}
		return lk == tk && lf == btf_kflag(tt);
	}
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		if (!btf_is_any_enum(tt))
			return 0;
		return enums_match(lb, lt, tb, tt);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (behind_ptr) {
			if (lk == tk)
				return 1;
			if (tk != BTF_KIND_FWD)
				return 0;
			return (lk == BTF_KIND_UNION) == btf_kflag(tt);
		}
		if (lk != tk)
			return 0;
		return composites_match(lb, lt, tb, tt, behind_ptr, level);
	case BTF_KIND_INT:
		if (lk != tk)
			return 0;
		return lt->size == tt->size &&
		       (btf_int_encoding(lt) & BTF_INT_SIGNED) ==
		       (btf_int_encoding(tt) & BTF_INT_SIGNED);
	case BTF_KIND_PTR:
		if (lk != tk)
			return 0;
		behind_ptr = true;
		lid = lt->type;
		tid = tt->type;
		goto recur;
	case BTF_KIND_ARRAY:
		if (lk != tk ||
		    btf_array(lt)->nelems != btf_array(tt)->nelems)
			return 0;
		lid = btf_array(lt)->type;
		tid = btf_array(tt)->type;
		goto recur;
	case BTF_KIND_FUNC_PROTO: {
		const struct btf_param *lp = btf_params(lt), *tp = btf_params(tt);
		int i, err;

		if (lk != tk || btf_vlen(lt) != btf_vlen(tt))
			return 0;
		for (i = 0; i < btf_vlen(lt); i++, lp++, tp++) {
			err = types_match(lb, lp->type, tb, tp->type,
					  behind_ptr, level - 1);
			if (err <= 0)
				return err;
		}
		lid = lt->type;
		tid = tt->type;
		goto recur;
	}
	default:
		return 0;
	}
}

/* ---- matching a local spec to one candidate ---- */

static int match_member(const struct btf_view *lb, const struct core_acc *lacc,
			const struct btf_view *tb, __u32 tid,
			struct core_spec *spec, __u32 *next, int depth)
{
	const struct btf_type *lt, *tt;
	const struct btf_member *lm, *m;
	const char *lname;
	int i, found;

	if (depth > WALK_MAX)
		return -EINVAL;
	tt = skip_mods(tb, tid, &tid);
	if (!tt)
		return -EINVAL;
	if (!is_composite(tt))
		return 0;
	lt = type_at(lb, lacc->type_id);
	lm = btf_members(lt) + lacc->idx;
	lname = name_at(lb, lm->name_off);
	m = btf_members(tt);
	for (i = 0; i < btf_vlen(tt); i++, m++) {
		__u32 bit_off = btf_member_bit_offset(tt, i);
		const char *tname;

		if (spec->raw_len == CORE_SPEC_MAX)
			return -E2BIG;
		spec->bit_offset += bit_off;
		spec->raw[spec->raw_len++] = i;
		tname = name_at(tb, m->name_off);
		if (!*tname) {
			found = match_member(lb, lacc, tb, m->type, spec, next,
					     depth + 1);
			if (found)
				return found;
		} else if (!strcmp(lname, tname)) {
			struct core_acc *tacc = &spec->acc[spec->len++];

			tacc->type_id = tid;
			tacc->idx = i;
			tacc->name = tname;
			*next = m->type;
			found = fields_compat(lb, lm->type, tb, m->type);
			if (!found)
				spec->len--;
			return found;
		}
		spec->bit_offset -= bit_off;
		spec->raw_len--;
	}
	return 0;
}

static int spec_match(const struct core_spec *ls, const struct btf_view *tb,
		      __u32 tid, struct core_spec *ts)
{
	const struct core_acc *lacc = &ls->acc[0];
	struct core_acc *tacc = &ts->acc[0];
	const struct btf_type *tt;
	int i, ret;
	__s64 sz;

	memset(ts, 0, sizeof(*ts));
	ts->btf = tb;
	ts->root_id = tid;
	ts->kind = ls->kind;
	if (core_kind_is_type(ls->kind)) {
		if (ls->kind == BPF_CORE_TYPE_MATCHES)
			return types_match(ls->btf, ls->root_id, tb, tid, false,
					   WALK_MAX);
		return types_compat(ls->btf, ls->root_id, tb, tid, WALK_MAX);
	}
	if (core_kind_is_enumval(ls->kind)) {
		tt = skip_mods(tb, tid, &tid);
		if (!tt || !btf_is_any_enum(tt))
			return 0;
		for (i = 0; i < btf_vlen(tt); i++) {
			const char *tn = name_at(tb, enum_name_off(tt, i));

			if (!essential_eq(lacc->name, tn))
				continue;
			tacc->type_id = tid;
			tacc->idx = i;
			tacc->name = tn;
			ts->len = 1;
			ts->raw[0] = i;
			ts->raw_len = 1;
			return 1;
		}
		return 0;
	}
	for (i = 0; i < ls->len; i++, lacc++, tacc++) {
		tt = skip_mods(tb, tid, &tid);
		if (!tt)
			return -EINVAL;
		if (lacc->name) {
			ret = match_member(ls->btf, lacc, tb, tid, ts, &tid, 0);
			if (ret <= 0)
				return ret;
			continue;
		}
		if (i > 0) {
			const struct btf_array *a;

			if (!btf_is_array(tt))
				return 0;
			a = btf_array(tt);
			if (!is_flex_arr(tb, tacc - 1, a) &&
			    lacc->idx >= a->nelems)
				return 0;
			if (!skip_mods(tb, a->type, &tid))
				return -EINVAL;
		}
		if (ts->raw_len == CORE_SPEC_MAX)
			return -E2BIG;
		tacc->type_id = tid;
		tacc->idx = lacc->idx;
		tacc->name = NULL;
		ts->len++;
		ts->raw[ts->raw_len++] = lacc->idx;
		sz = type_size(tb, tid);
		if (sz < 0)
			return sz;
		ts->bit_offset += lacc->idx * sz * 8;
	}
	return 1;
}

int core_spec_match(const struct core_spec *local, const struct btf_view *targ,
		    __u32 targ_id, struct core_spec *spec)
{
	return spec_match(local, targ, targ_id, spec);
}

/* ---- values ---- */

#define EPOISON	EUCLEAN

static int calc_field(const struct bpf_elf_core *rec,
		      const struct core_spec *spec, __u64 *val, __u32 *fsz,
		      __u32 *ftype, bool *validate, char *why, size_t wlen)
{
	const struct core_acc *acc;
	const struct btf_type *t, *mt;
	const struct btf_member *m;
	__u32 byte_off, byte_sz, bit_off, bit_sz, fid = 0;
	bool bitfield;
	__s64 sz;

	*fsz = 0;
	if (rec->kind == BPF_CORE_FIELD_EXISTS) {
		*val = spec ? 1 : 0;
		return 0;
	}
	if (!spec)
		return -EPOISON;
	acc = &spec->acc[spec->len - 1];
	t = type_at(spec->btf, acc->type_id);
	if (!t)
		return -EINVAL;
	if (!acc->name) {
		sz = type_size(spec->btf, acc->type_id);
		if (sz < 0)
			return -EINVAL;
		if (rec->kind == BPF_CORE_FIELD_BYTE_OFFSET) {
			*val = spec->bit_offset / 8;
			*fsz = sz;
			*ftype = acc->type_id;
		} else if (rec->kind == BPF_CORE_FIELD_BYTE_SIZE) {
			*val = sz;
		} else {
			snprintf(why, wlen, "%s cannot apply to an array element",
				 core_kind_name(rec->kind));
			return -EINVAL;
		}
		if (validate)
			*validate = true;
		return 0;
	}
	m = btf_members(t) + acc->idx;
	mt = skip_mods(spec->btf, m->type, &fid);
	if (!mt)
		return -EINVAL;
	bit_off = spec->bit_offset;
	bit_sz = btf_member_bitfield_size(t, acc->idx);
	bitfield = bit_sz > 0;
	if (bitfield) {
		byte_sz = mt->size;
		if (!byte_sz)
			return -EINVAL;
		byte_off = bit_off / 8 / byte_sz * byte_sz;
		while (bit_off + bit_sz - byte_off * 8 > byte_sz * 8) {
			if (byte_sz >= 8) {
				snprintf(why, wlen,
					 "bitfield cannot be read with one 64-bit load");
				return -E2BIG;
			}
			byte_sz *= 2;
			byte_off = bit_off / 8 / byte_sz * byte_sz;
		}
	} else {
		sz = type_size(spec->btf, fid);
		if (sz < 0)
			return -EINVAL;
		byte_sz = sz;
		byte_off = spec->bit_offset / 8;
		bit_sz = byte_sz * 8;
	}
	if (validate)
		*validate = !bitfield;
	switch (rec->kind) {
	case BPF_CORE_FIELD_BYTE_OFFSET:
		*val = byte_off;
		if (!bitfield) {
			*fsz = byte_sz;
			*ftype = fid;
		}
		break;
	case BPF_CORE_FIELD_BYTE_SIZE:
		*val = byte_sz;
		break;
	case BPF_CORE_FIELD_SIGNED:
		*val = (btf_is_any_enum(mt) && btf_kflag(mt)) ||
		       (btf_is_int(mt) &&
			(btf_int_encoding(mt) & BTF_INT_SIGNED));
		if (validate)
			*validate = true;
		break;
	case BPF_CORE_FIELD_LSHIFT_U64:
		*val = 64 - (bit_off + bit_sz - byte_off * 8);
		break;
	case BPF_CORE_FIELD_RSHIFT_U64:
		*val = 64 - bit_sz;
		if (validate)
			*validate = true;
		break;
	default:
		return -EOPNOTSUPP;
	}
	return 0;
}

static int calc_type(const struct bpf_elf_core *rec,
		     const struct core_spec *spec, __u64 *val, bool *validate)
{
	__s64 sz;

	if (validate)
		*validate = true;
	if (!spec) {
		*val = 0;
		return 0;
	}
	switch (rec->kind) {
	case BPF_CORE_TYPE_ID_TARGET:
		*val = spec->root_id;
		if (validate)
			*validate = false;
		return 0;
	case BPF_CORE_TYPE_EXISTS:
	case BPF_CORE_TYPE_MATCHES:
		*val = 1;
		return 0;
	case BPF_CORE_TYPE_SIZE:
		sz = type_size(spec->btf, spec->root_id);
		if (sz < 0)
			return -EINVAL;
		*val = sz;
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

static int calc_enumval(const struct bpf_elf_core *rec,
			const struct core_spec *spec, __u64 *val)
{
	const struct btf_type *t;

	switch (rec->kind) {
	case BPF_CORE_ENUMVAL_EXISTS:
		*val = spec ? 1 : 0;
		return 0;
	case BPF_CORE_ENUMVAL_VALUE:
		if (!spec)
			return -EPOISON;
		t = type_at(spec->btf, spec->acc[0].type_id);
		if (!t)
			return -EINVAL;
		if (btf_is_enum(t))
			*val = (__u32)btf_enum(t)[spec->acc[0].idx].val;
		else
			*val = btf_enum64_value(btf_enum64(t) +
						spec->acc[0].idx);
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

/* One candidate (or none: ts NULL) into res; <0 means libbpf gives up. */
static int calc_relo(const struct bpf_elf_core *rec,
		     const struct core_spec *ls, const struct core_spec *ts,
		     struct core_result *res)
{
	__u32 otype = 0, ntype = 0;
	int err = -EOPNOTSUPP;
	bool poison = false;

	res->orig_val = res->new_val = 0;
	res->validate = true;
	res->fail_memsz = false;
	res->orig_sz = res->new_sz = 0;
	if (core_kind_is_field(rec->kind)) {
		err = calc_field(rec, ls, &res->orig_val, &res->orig_sz, &otype,
				 &res->validate, res->why, sizeof(res->why));
		if (!err)
			err = calc_field(rec, ts, &res->new_val, &res->new_sz,
					 &ntype, NULL, res->why,
					 sizeof(res->why));
		if (!err && res->orig_sz != res->new_sz) {
			const struct btf_type *o = type_at(ls->btf, otype);
			const struct btf_type *n = type_at(ts->btf, ntype);

			if (!o || !n)
				return -EINVAL;
			if (!(btf_is_ptr(o) && btf_is_ptr(n)) &&
			    !(btf_is_int(o) && btf_is_int(n) &&
			      btf_int_encoding(o) != BTF_INT_SIGNED &&
			      btf_int_encoding(n) != BTF_INT_SIGNED))
				res->fail_memsz = true;
		}
	} else if (core_kind_is_type(rec->kind)) {
		err = calc_type(rec, ls, &res->orig_val, &res->validate);
		if (!err)
			err = calc_type(rec, ts, &res->new_val, NULL);
	} else if (core_kind_is_enumval(rec->kind)) {
		err = calc_enumval(rec, ls, &res->orig_val);
		if (!err)
			err = calc_enumval(rec, ts, &res->new_val);
	}
	if (err == -EPOISON) {
		poison = true;
		err = 0;
	}
	res->status = poison ? CORE_POISONED : CORE_PATCHED;
	return err;
}

/* ---- the name index ---- */

static __u32 name_hash(const char *s, size_t len)
{
	__u32 h = 2166136261u;

	while (len--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Hash of name's essential part, in one pass unless it has a "___". */
static __u32 essential_hash(const char *name, size_t *len)
{
	__u32 h = 2166136261u;
	const char *p = name;
	int under = 0, flavor = 0;

	for (; *p; p++) {
		under = *p == '_' ? under + 1 : 0;
		flavor |= under == 3;
		h = (h ^ (unsigned char)*p) * 16777619u;
	}
	*len = p - name;
	if (!flavor)
		return h;
	*len = core_essential_len(name);
	return name_hash(name, *len);
}

struct qset {
	struct qslot {
		const char *name;	/* NULL: empty */
		size_t len;
	} *slot;		/* open addressing */
	__u32 mask;
	/*
	 * The first two bytes of every name asked about: most of a kernel's
	 * 100k names are passed over on those, before any hashing.
	 */
	unsigned char first2[65536 / 8];
	bool no_first2;		/* a name of one character: no filter */
};

static __u32 first2_key(const char *name)
{
	return (unsigned char)name[0] | (name[0] ? (unsigned char)name[1] << 8 : 0);
}

static bool qset_maybe(const struct qset *q, const char *name)
{
	__u32 k = first2_key(name);

	return q->no_first2 || (q->first2[k / 8] & (1u << (k % 8)));
}

static bool qset_has(const struct qset *q, const char *name, size_t len,
		     __u32 h)
{
	__u32 i;

	for (i = h & q->mask; q->slot[i].name; i = (i + 1) & q->mask)
		if (q->slot[i].len == len && !memcmp(q->slot[i].name, name, len))
			return true;
	return false;
}

static int qset_init(struct qset *q, const char *const *names, int n)
{
	__u32 size = 64, i;
	int j;

	while (size < (__u32)n * 4)
		size *= 2;
	q->mask = size - 1;
	q->slot = calloc(size, sizeof(*q->slot));
	if (!q->slot)
		return -ENOMEM;
	for (j = 0; j < n; j++) {
		size_t len = core_essential_len(names[j]);
		__u32 h = name_hash(names[j], len);

		if (!len || qset_has(q, names[j], len, h))
			continue;
		if (len < 2) {
			q->no_first2 = true;
		} else {
			__u32 k = first2_key(names[j]);

			q->first2[k / 8] |= 1u << (k % 8);
		}
		for (i = h & q->mask; q->slot[i].name; i = (i + 1) & q->mask)
			;
		q->slot[i] = (struct qslot){ names[j], len };
	}
	return 0;
}

static void qset_free(struct qset *q)
{
	free(q->slot);
	free(q);
}

struct core_index *core_index_new_for(const struct btf_view *btf,
				      const char *const *names, int nnames)
{
	struct qset *q = calloc(1, sizeof(*q));
	struct core_index *x = NULL;
	__u32 i, size = 1024;

	if (!q)
		return NULL;
	if (names) {
		if (qset_init(q, names, nnames))
			goto fail;
		while (size < (__u32)nnames * 8)
			size *= 2;
	} else {
		while (size < btf->cnt * 2)
			size *= 2;
	}
	x = calloc(1, sizeof(*x) + ((size_t)size + btf->cnt) * sizeof(__u32));
	if (!x)
		goto fail;
	x->btf = btf;
	x->n = btf->cnt;
	x->mask = size - 1;
	x->head = x->slots;
	x->next = x->slots + size;
	/* backwards, pushing in front: each bucket ends up ascending */
	for (i = x->n - 1; i > 0; i--) {
		const char *name = name_at(btf, btf_view_type(btf, i)->name_off);
		size_t len;
		__u32 h, b;

		if (!*name || (names && !qset_maybe(q, name)))
			continue;
		h = essential_hash(name, &len);
		if (names && !qset_has(q, name, len, h))
			continue;
		b = h & x->mask;
		x->next[i] = x->head[b];
		x->head[b] = i;
	}
	qset_free(q);
	return x;
fail:
	qset_free(q);
	return NULL;
}

struct core_index *core_index_new(const struct btf_view *btf)
{
	return core_index_new_for(btf, NULL, 0);
}

void core_index_free(struct core_index *x)
{
	free(x);
}

__u32 core_index_next(const struct core_index *x, const char *name,
		      size_t len, __u32 prev)
{
	__u32 id = prev ? x->next[prev]
			: x->head[name_hash(name, len) & x->mask];

	for (; id; id = x->next[id]) {
		const char *tn = name_at(x->btf,
					 btf_view_type(x->btf, id)->name_off);

		if (!strncmp(tn, name, len) && core_essential_len(tn) == len)
			return id;
	}
	return 0;
}

__u32 core_index_find(const struct core_index *x, const char *name, int kind)
{
	size_t len = core_essential_len(name);
	__u32 id = 0;

	while ((id = core_index_next(x, name, len, id))) {
		const struct btf_type *t = btf_view_type(x->btf, id);

		if (btf_kind(t) == kind && !strcmp(name_at(x->btf, t->name_off),
						   name))
			return id;
	}
	return 0;
}

/* ---- candidates ---- */

struct core_ctx *core_ctx_new(const struct btf_view *local, const struct btf_view *targ,
			      const struct core_index *idx)
{
	struct core_ctx *c = calloc(1, sizeof(*c) +
				       (size_t)local->cnt * sizeof(c->lists[0]));

	if (!c)
		return NULL;
	c->local = local;
	c->targ = targ;
	c->idx = idx;
	c->nlocal = local->cnt;
	if (!idx) {
		c->own_idx = core_index_new(targ);
		c->idx = c->own_idx;
		if (!c->idx) {
			free(c);
			return NULL;
		}
	}
	return c;
}

void core_ctx_free(struct core_ctx *c)
{
	__u32 i;

	if (!c)
		return;
	core_index_free(c->own_idx);
	for (i = 0; i < c->nlocal; i++)
		free(c->lists[i].c);
	free(c);
}

static int find_cands(struct core_ctx *c, __u32 lid, struct cand_list **out)
{
	struct cand_list *l = &c->lists[lid];
	const struct btf_type *lt = type_at(c->local, lid);
	const char *lname;
	__u32 i, cap = 0;
	size_t len;

	*out = l;
	if (l->done)
		return 0;
	if (!lt)
		return -EINVAL;
	lname = name_at(c->local, lt->name_off);
	len = core_essential_len(lname);
	if (!len)
		return -EINVAL;
	for (i = 0; (i = core_index_next(c->idx, lname, len, i));) {
		if (!kind_compat(btf_view_type(c->targ, i), lt))
			continue;
		if (ARRAY_RESERVE(l->c, cap, (size_t)l->len + 1, 4))
			return -ENOMEM;
		l->c[l->len++].id = i;
	}
	l->done = true;
	return 0;
}

static void set_fail(struct core_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_fail(struct core_result *res, const char *fmt, ...)
{
	va_list ap;

	res->status = CORE_FAILED;
	if (res->why[0])
		return;	/* keep the more precise reason */
	va_start(ap, fmt);
	vsnprintf(res->why, sizeof(res->why), fmt, ap);
	va_end(ap);
}

static int calc_insn(struct core_ctx *c, const struct bpf_elf_core *rec,
		     struct core_result *res)
{
	struct core_spec cand;
	struct core_result cres;
	struct cand_list *cl;
	const struct btf_type *lt;
	int i, j, err;

	lt = type_at(c->local, rec->type_id);
	if (!lt) {
		set_fail(res, "relocation names type id %u the object lacks",
			 rec->type_id);
		return -EINVAL;
	}
	err = parse_spec(c->local, rec, &res->local);
	if (err) {
		set_fail(res, "malformed relocation (access string %s)",
			 core_access_str(c->local, rec));
		return err;
	}
	if (rec->kind == BPF_CORE_TYPE_ID_LOCAL) {
		res->status = CORE_PATCHED;
		res->validate = false;
		res->orig_val = res->new_val = rec->type_id;
		return 0;
	}
	if (!*name_at(c->local, lt->name_off)) {
		set_fail(res, "relocation of an anonymous type");
		return -EOPNOTSUPP;
	}
	if (!core_kind_name(rec->kind)) {
		set_fail(res, "unknown relocation kind %u", rec->kind);
		return -EOPNOTSUPP;
	}
	err = find_cands(c, rec->type_id, &cl);
	if (err) {
		set_fail(res, "candidate search failed: %s", strerror(-err));
		return err;
	}
	res->ncands = cl->len;
	for (i = 0, j = 0; i < cl->len; i++) {
		err = spec_match(&res->local, c->targ, cl->c[i].id, &cand);
		if (err < 0) {
			set_fail(res, "error matching candidate [%u]",
				 cl->c[i].id);
			return err;
		}
		if (!err)
			continue;
		memset(&cres, 0, sizeof(cres));
		err = calc_relo(rec, &res->local, &cand, &cres);
		if (err) {
			set_fail(res, "%s", cres.why[0] ? cres.why :
				 "relocation cannot be computed");
			return err;
		}
		if (j == 0) {
			res->status = cres.status;
			res->orig_val = cres.orig_val;
			res->new_val = cres.new_val;
			res->orig_sz = cres.orig_sz;
			res->new_sz = cres.new_sz;
			res->validate = cres.validate;
			res->fail_memsz = cres.fail_memsz;
			res->targ = cand;
		} else if (cand.bit_offset != res->targ.bit_offset) {
			set_fail(res, "ambiguous: candidates [%u] and [%u] put the field at different offsets",
				 res->targ.root_id, cand.root_id);
			return -EINVAL;
		} else if (cres.status != res->status ||
			   cres.new_val != res->new_val) {
			set_fail(res, "ambiguous: candidates [%u] and [%u] give %llu and %llu",
				 res->targ.root_id, cand.root_id,
				 (unsigned long long)res->new_val,
				 (unsigned long long)cres.new_val);
			return -EINVAL;
		}
		if (j < CORE_MATCH_MAX)
			res->match_ids[j] = cl->c[i].id;
		cl->c[j++] = cl->c[i];
	}
	res->matched = j;
	if (j > 0) {
		cl->len = j;
		return 0;
	}
	err = calc_relo(rec, &res->local, NULL, res);
	if (err)
		set_fail(res, "%s", res->why[0] ? res->why :
			 "relocation cannot be computed");
	return err;
}

static int insn_size_bytes(__u8 code)
{
	switch (BPF_SIZE(code)) {
	case BPF_DW: return 8;
	case BPF_W: return 4;
	case BPF_H: return 2;
	default: return 1;
	}
}

static int bytes_to_size(__u32 sz)
{
	switch (sz) {
	case 8: return BPF_DW;
	case 4: return BPF_W;
	case 2: return BPF_H;
	case 1: return BPF_B;
	default: return -1;
	}
}

static void poison(struct bpf_insn *insn, int avail, struct core_result *res)
{
	int n = insn->code == (BPF_LD | BPF_IMM | BPF_DW) && avail > 1 ? 2 : 1;
	int i;

	for (i = 0; i < n; i++) {
		insn[i].code = BPF_JMP | BPF_CALL;
		insn[i].dst_reg = insn[i].src_reg = 0;
		insn[i].off = 0;
		insn[i].imm = CORE_POISON_IMM;
	}
	res->status = CORE_POISONED;
}

static void patch(struct bpf_insn *insn, int avail, struct core_result *res)
{
	__u64 imm;
	int bsz;

	if (res->status == CORE_POISONED) {
		poison(insn, avail, res);
		return;
	}
	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		if (BPF_SRC(insn->code) != BPF_K)
			return set_fail(res, "relocated instruction has no immediate");
		if (res->validate && (__u64)(__s64)insn->imm != res->orig_val)
			return set_fail(res, "instruction holds %u, expected %llu",
					insn->imm,
					(unsigned long long)res->orig_val);
		insn->imm = res->new_val;
		return;
	case BPF_LDX:
	case BPF_ST:
	case BPF_STX:
		if (res->validate && (__u64)(__s64)insn->off != res->orig_val)
			return set_fail(res, "instruction offset %d, expected %llu",
					insn->off,
					(unsigned long long)res->orig_val);
		if (res->new_val > SHRT_MAX)
			return set_fail(res, "offset %llu too big for an instruction",
					(unsigned long long)res->new_val);
		if (res->fail_memsz) {
			snprintf(res->why, sizeof(res->why),
				 "field size changes from %u to %u bytes and it is not an unsigned integer or a pointer",
				 res->orig_sz, res->new_sz);
			poison(insn, avail, res);
			return;
		}
		insn->off = res->new_val;
		if (res->new_sz == res->orig_sz)
			return;
		if (insn_size_bytes(insn->code) != (int)res->orig_sz)
			return set_fail(res, "load size %d, expected %u",
					insn_size_bytes(insn->code),
					res->orig_sz);
		bsz = bytes_to_size(res->new_sz);
		if (bsz < 0)
			return set_fail(res, "field size %u cannot be loaded",
					res->new_sz);
		insn->code = BPF_MODE(insn->code) | bsz | BPF_CLASS(insn->code);
		res->resized = true;
		return;
	case BPF_LD:
		if (insn->code != (BPF_LD | BPF_IMM | BPF_DW) || avail < 2 ||
		    insn[0].src_reg || insn[0].off || insn[1].code ||
		    insn[1].dst_reg || insn[1].src_reg || insn[1].off)
			return set_fail(res, "ld_imm64 of unexpected form");
		imm = (__u32)insn[0].imm | ((__u64)(__u32)insn[1].imm << 32);
		if (res->validate && imm != res->orig_val)
			return set_fail(res, "instruction holds %llu, expected %llu",
					(unsigned long long)imm,
					(unsigned long long)res->orig_val);
		insn[0].imm = res->new_val;
		insn[1].imm = res->new_val >> 32;
		return;
	default:
		set_fail(res, "instruction class cannot be relocated");
	}
}

void core_relo_apply(struct core_ctx *c, const struct bpf_elf_core *rec,
		     struct bpf_insn *insn, int avail, struct core_result *res)
{
	memset(res, 0, sizeof(*res));
	if (calc_insn(c, rec, res)) {
		res->status = CORE_FAILED;
		return;
	}
	patch(insn, avail, res);
}

/* ---- words ---- */

const char *core_access_str(const struct btf_view *local,
			    const struct bpf_elf_core *rec)
{
	const char *s = btf_view_str(local, rec->access_str_off);

	return s ? s : "";
}

void core_type_str(const struct btf_view *btf, __u32 id, char *buf, size_t len)
{
	const struct btf_type *t = type_at(btf, id);
	const char *kw = "", *name;

	if (!t) {
		snprintf(buf, len, "[%u]", id);
		return;
	}
	name = name_at(btf, t->name_off);
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT: kw = "struct "; break;
	case BTF_KIND_UNION: kw = "union "; break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64: kw = "enum "; break;
	case BTF_KIND_TYPEDEF: kw = "typedef "; break;
	case BTF_KIND_FWD: kw = btf_kflag(t) ? "union " : "struct "; break;
	default: break;
	}
	snprintf(buf, len, "%s%s", kw, *name ? name : "<anon>");
}

void core_spec_str(const struct core_spec *s, char *buf, size_t len)
{
	const struct btf_type *t = type_at(s->btf, s->root_id);
	size_t n;
	int i;

	t = skip_mods(s->btf, s->root_id, NULL);
	snprintf(buf, len, "%s", t ? name_at(s->btf, t->name_off) : "?");
	if (core_kind_is_type(s->kind) || !s->len)
		return;
	if (core_kind_is_enumval(s->kind)) {
		n = strlen(buf);
		snprintf(buf + n, len - n, "::%s", s->acc[0].name);
		return;
	}
	for (i = 0; i < s->len; i++) {
		n = strlen(buf);
		if (n >= len - 1)
			return;
		if (s->acc[i].name)
			snprintf(buf + n, len - n, ".%s", s->acc[i].name);
		else if (i > 0 || s->acc[i].idx > 0)
			snprintf(buf + n, len - n, "[%u]", s->acc[i].idx);
	}
}
