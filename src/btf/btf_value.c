// SPDX-License-Identifier: GPL-2.0-only
/*
 * BTF value printer. The rendering rules are bpftool's (see btf_value.h);
 * all reads go through memcpy because map values need not be aligned for
 * the types they hold.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#include "array.h"
#include "btf_type.h"
#include "btf_value.h"
#include "json_writer.h"

#define MAX_NESTING 64

struct vctx {
	struct jsonw *j;
	const struct btf *btf;
	bool plain;
	int nesting;
	btf_value_fptr_fn fptr;	/* NULL: function pointers are pointers */
	void *fptr_ctx;
};

static int do_type(struct vctx *c, __u32 id, __u8 bit_off, const void *data);

static const char *name_of(const struct btf *btf, __u32 off)
{
	const char *s = btf__name_by_offset(btf, off);

	return s ? s : "";
}

static __u64 read_uint(const void *data, unsigned int size)
{
	__u64 v = 0;
	__u32 v32;
	__u16 v16;

	/* fixed-size copies: a variable one stalls the load that follows */
	switch (size) {
	case 1:
		return *(const __u8 *)data;
	case 2:
		memcpy(&v16, data, 2);
		return v16;
	case 4:
		memcpy(&v32, data, 4);
		return v32;
	case 8:
		memcpy(&v, data, 8);
		return v;
	default:
		/* little endian: the low bytes come first */
		memcpy(&v, data, size > 8 ? 8 : size);
		return v;
	}
}

static __s64 read_sint(const void *data, unsigned int size)
{
	__u64 v = read_uint(data, size);

	if (size < 8 && (v >> (size * 8 - 1)) & 1)
		v |= ~0ULL << (size * 8);
	return (__s64)v;
}

/* 128-bit quantities print as hex: bare in plain mode, quoted in JSON. */
static void put_hex128(struct vctx *c, unsigned __int128 v)
{
	__u64 hi = v >> 64, lo = (__u64)v;
	char b[48];
	int n;

	if (hi)
		n = snprintf(b, sizeof(b), c->plain ? "0x%llx%016llx" :
			     "\"0x%llx%016llx\"", (unsigned long long)hi,
			     (unsigned long long)lo);
	else
		n = snprintf(b, sizeof(b), c->plain ? "0x%llx" : "\"0x%llx\"",
			     (unsigned long long)lo);
	jsonw_raw(c->j, b, n);
}

/* nr_bits bits starting bit_off bits into data (bit_off < 8). */
static void put_bitfield(struct vctx *c, __u32 nr_bits, __u8 bit_off,
			 const void *data)
{
	unsigned __int128 v = 0;
	size_t bytes = (bit_off + nr_bits + 7) / 8;

	if (bytes > sizeof(v))
		bytes = sizeof(v);
	memcpy(&v, data, bytes);
	v >>= bit_off;
	if (nr_bits < 128)
		v &= ((unsigned __int128)1 << nr_bits) - 1;
	put_hex128(c, v);
}

static void put_char(struct vctx *c, const void *data)
{
	char ch = *(const char *)data;
	char b[16];
	int n;

	if (isprint((unsigned char)ch)) {
		jsonw_string_len(c->j, &ch, 1);
		return;
	}
	if (c->plain)
		n = snprintf(b, sizeof(b), "0x%hhx", (unsigned char)ch);
	else
		n = snprintf(b, sizeof(b), "\"\\u00%02hhx\"", (unsigned char)ch);
	jsonw_raw(c->j, b, n);
}

static int do_int(struct vctx *c, const struct btf_type *t, __u8 bit_off,
		  const void *data)
{
	__u32 info = *(const __u32 *)(t + 1);
	__u32 bits = BTF_INT_BITS(info), off = BTF_INT_OFFSET(info);
	__u32 enc = BTF_INT_ENCODING(info);
	bool whole = bits == 8 || bits == 16 || bits == 32 || bits == 64;

	/* bitfields, and 128-bit ints of any encoding: as bitfields */
	if (bit_off || off || bits % 8 || bits == 128) {
		off += bit_off;
		put_bitfield(c, bits, off % 8, (const char *)data + off / 8);
		return 0;
	}
	switch (enc) {
	case 0:
	case BTF_INT_SIGNED:
		if (!whole)
			put_bitfield(c, bits, 0, data);
		else if (enc == BTF_INT_SIGNED)
			jsonw_int(c->j, read_sint(data, bits / 8));
		else
			jsonw_uint(c->j, read_uint(data, bits / 8));
		return 0;
	case BTF_INT_CHAR:
		put_char(c, data);
		return 0;
	case BTF_INT_BOOL:
		/* only the bool's own bytes: bpftool reads an int here */
		if (read_uint(data, t->size ? t->size : 1))
			jsonw_raw(c->j, "true", 4);
		else
			jsonw_raw(c->j, "false", 5);
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * bpftool's enum matching: a 32-bit ENUM's value is read sign-extended
 * from its size and each enumerator sign-extended from 32 bits, whatever
 * the enum's signedness (so 200 in a 1-byte enum never matches); an
 * ENUM64's 8 bytes are compared as they are.
 */
static __s64 enum_match_val(const struct btf_type *t, __u64 val)
{
	return btf_is_enum64(t) ? (__s64)val : (__s32)val;
}

static bool enum_size_ok(const struct btf_type *t)
{
	return t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8;
}

static int do_enum(struct vctx *c, const struct btf_type *t, const void *data)
{
	__u32 i, off;
	__u64 val;
	__s64 v;

	if (btf_is_enum64(t))
		v = read_uint(data, 8);
	else if (enum_size_ok(t))
		v = read_sint(data, t->size);
	else
		return -EINVAL;
	for (i = 0; btf_type_enumerator(t, i, &off, &val); i++) {
		if (v == enum_match_val(t, val)) {
			const char *s = name_of(c->btf, off);

			jsonw_string_len(c->j, s, strlen(s));
			return 0;
		}
	}
	jsonw_int(c->j, v);
	return 0;
}

static void do_ptr(struct vctx *c, const void *data)
{
	__u64 v = read_uint(data, sizeof(void *));
	char b[32];
	int n;

	if (!c->plain) {
		jsonw_uint(c->j, v);
		return;
	}
	/* plain dumps quote %p (upstream HEAD; Debian's 7.1.0 does not) */
	if (v)
		n = snprintf(b, sizeof(b), "\"0x%llx\"", (unsigned long long)v);
	else
		n = snprintf(b, sizeof(b), "\"(nil)\"");
	jsonw_raw(c->j, b, n);
}

/* A pointer to a function prototype the caller renders; false if not. */
static bool do_fptr(struct vctx *c, const struct btf_type *t,
		    const void *data)
{
	__s32 id = btf__resolve_type(c->btf, t->type);
	const struct btf_type *pt;
	char buf[512];
	int n;

	if (id <= 0)
		return false;
	pt = btf__type_by_id(c->btf, id);
	if (!pt || !btf_is_func_proto(pt))
		return false;
	n = c->fptr(c->fptr_ctx, c->btf, id, read_uint(data, sizeof(void *)),
		    buf, sizeof(buf));
	if (n < 0)
		return false;
	jsonw_string_len(c->j, buf, sizeof(buf));
	return true;
}

static int do_float(struct vctx *c, const struct btf_type *t,
		    const void *data)
{
	char b[64];
	double d;
	float f;
	int n;

	if (t->size == 4) {
		memcpy(&f, data, 4);
		d = f;
		n = snprintf(b, sizeof(b), "%.9g", d);
	} else if (t->size == 8) {
		memcpy(&d, data, 8);
		n = snprintf(b, sizeof(b), "%.17g", d);
	} else {
		put_bitfield(c, t->size * 8, 0, data);
		return 0;
	}
	if (!isdigit((unsigned char)b[n - 1]))	/* inf, nan: not JSON numbers */
		jsonw_string_len(c->j, b, n);
	else
		jsonw_raw(c->j, b, n);
	return 0;
}

/*
 * An array's element type under its qualifiers, typedefs not looked
 * through (bpftool's rule); NULL when missing, or qualified in a loop.
 */
static const struct btf_type *array_elem(const struct btf *btf,
					 const struct btf_array *a)
{
	const struct btf_type *e = btf__type_by_id(btf, a->type);
	__u32 next;
	int steps;

	for (steps = 0; e && btf_type_next(e, BTF_KINDS_QUAL, &next); steps++)
		e = steps < MAX_NESTING ? btf__type_by_id(btf, next) : NULL;
	return e;
}

/*
 * A char array prints as a string when it holds printable ASCII up to a
 * NUL; typedefs of char do not count (bpftool's rule).
 */
static bool is_string(const struct btf *btf, const struct btf_array *a,
		      const unsigned char *s)
{
	const struct btf_type *e = array_elem(btf, a);
	__u32 i;

	if (!a->nelems)
		return false;
	if (!e || !btf_is_int(e) || e->size != 1)
		return false;
	if (btf_int_encoding(e) != BTF_INT_CHAR &&
	    strcmp(name_of(btf, e->name_off), "char"))
		return false;
	for (i = 0; i < a->nelems; i++) {
		if (!s[i])
			return true;
		if (s[i] < 0x20 || s[i] >= 0x7f)
			return false;
	}
	return false;
}

static int do_array(struct vctx *c, const struct btf_type *t,
		    const void *data)
{
	const struct btf_array *a = btf_array(t);
	__s64 esz;
	__u32 i;
	int err = 0;

	if (is_string(c->btf, a, data)) {
		jsonw_string_len(c->j, data, strnlen(data, a->nelems));
		return 0;
	}
	esz = btf_type_size(c->btf, a->type);
	if (esz < 0)
		return esz;
	jsonw_start_array(c->j);
	for (i = 0; i < a->nelems && !err; i++)
		err = do_type(c, a->type, 0, (const char *)data + i * esz);
	jsonw_end_array(c->j);
	return err;
}

static int do_struct(struct vctx *c, const struct btf_type *t,
		     const void *data)
{
	const struct btf_member *m = btf_members(t);
	bool kflag = btf_kflag(t);
	__u16 i, n = btf_vlen(t);
	int err = 0;

	jsonw_start_object(c->j);
	for (i = 0; i < n && !err; i++) {
		__u32 off = m[i].offset, bf = 0;
		const char *p;

		if (kflag) {
			bf = BTF_MEMBER_BITFIELD_SIZE(off);
			off = BTF_MEMBER_BIT_OFFSET(off);
		}
		jsonw_name(c->j, name_of(c->btf, m[i].name_off));
		p = (const char *)data + off / 8;
		if (bf)
			put_bitfield(c, bf, off % 8, p);
		else
			err = do_type(c, m[i].type, off % 8, p);
	}
	jsonw_end_object(c->j);
	return err;
}

static int do_var(struct vctx *c, const struct btf_type *t, __u8 bit_off,
		  const void *data)
{
	int err;

	jsonw_start_object(c->j);
	jsonw_name(c->j, name_of(c->btf, t->name_off));
	err = do_type(c, t->type, bit_off, data);
	jsonw_end_object(c->j);
	return err;
}

static int do_datasec(struct vctx *c, const struct btf_type *t,
		      const void *data)
{
	const struct btf_var_secinfo *v = btf_var_secinfos(t);
	__u16 i, n = btf_vlen(t);
	int err = 0;

	jsonw_start_object(c->j);
	jsonw_name(c->j, name_of(c->btf, t->name_off));
	jsonw_start_array(c->j);
	for (i = 0; i < n && !err; i++)
		err = do_type(c, v[i].type, 0, (const char *)data + v[i].offset);
	jsonw_end_array(c->j);
	jsonw_end_object(c->j);
	return err;
}

static int do_kind(struct vctx *c, __u32 id, const struct btf_type *t,
		   __u8 bit_off, const void *data)
{
	int rid;

	if (btf_kind_in(BTF_KINDS_MOD, btf_kind(t))) {
		rid = btf__resolve_type(c->btf, id);
		if (rid < 0)
			return rid;
		return do_type(c, rid, bit_off, data);
	}
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return do_int(c, t, bit_off, data);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return do_struct(c, t, data);
	case BTF_KIND_ARRAY:
		return do_array(c, t, data);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return do_enum(c, t, data);
	case BTF_KIND_PTR:
		if (c->fptr && do_fptr(c, t, data))
			return 0;
		do_ptr(c, data);
		return 0;
	case BTF_KIND_FLOAT:
		return do_float(c, t, data);
	case BTF_KIND_FWD:
		/* a key or value can never be a forward declaration */
		jsonw_raw(c->j, "\"(fwd-kind-invalid)\"", 20);
		return -EINVAL;
	case BTF_KIND_VAR:
		return do_var(c, t, bit_off, data);
	case BTF_KIND_DATASEC:
		return do_datasec(c, t, data);
	default:
		jsonw_raw(c->j, "\"(unsupported-kind)\"", 20);
		return -EINVAL;
	}
}

static int do_type(struct vctx *c, __u32 id, __u8 bit_off, const void *data)
{
	const struct btf_type *t;
	int err;

	if (!id) {
		jsonw_raw(c->j, "\"(unknown)\"", 11);
		return 0;
	}
	t = btf__type_by_id(c->btf, id);
	if (!t || c->nesting >= MAX_NESTING)
		return -EINVAL;
	c->nesting++;
	err = do_kind(c, id, t, bit_off, data);
	c->nesting--;
	return err;
}

int btf_value_dump(struct jsonw *j, const struct btf *btf, __u32 type_id,
		   const void *data, bool plain_text)
{
	struct vctx c = { .j = j, .btf = btf, .plain = plain_text };

	return do_type(&c, type_id, 0, data);
}

int btf_value_dump_fptr(struct jsonw *jw, const struct btf *btf,
			__u32 type_id, const void *data, bool plain_text,
			btf_value_fptr_fn fptr, void *fptr_ctx)
{
	struct vctx c = { .j = jw, .btf = btf, .plain = plain_text,
			  .fptr = fptr, .fptr_ctx = fptr_ctx };

	return do_type(&c, type_id, 0, data);
}

/* ---------------------------------------------------------------- plans */

#define PLAN_MAX_OPS 4096

enum plan_op {
	OP_OBJ_START, OP_OBJ_END, OP_ARR_START, OP_ARR_END,
	OP_NAME,	/* name/qname */
	OP_UINT,	/* size bytes at off */
	OP_SINT,
	OP_ENUM,	/* size bytes at off, names in en */
	OP_CHARS,	/* 1-byte int array of size n at off: string or numbers */
	OP_GENERIC,	/* the printer, for type_id at off/bit_off */
};

/* An enumerator with its name quoted in advance. */
struct plan_enum {
	__s64 val;
	char *q;
	size_t qlen;
};

struct plan_step {
	__u8 op, size, bit_off;
	__u32 off, type_id;
	const struct btf_type *t;	/* OP_GENERIC: the type, looked up once */
	const char *name;
	char *qname;
	size_t qlen;
	struct plan_enum *en;	/* OP_ENUM */
	__u32 n;		/* OP_ENUM: enumerators; OP_CHARS: elements */
	bool str;		/* OP_CHARS: may print as a string */
	bool sign;		/* OP_CHARS: elements are signed */
};

struct btf_value_plan {
	const struct btf *btf;
	bool plain;
	size_t n, cap;
	struct plan_step *steps;
};

static struct plan_step *plan_add(struct btf_value_plan *p, enum plan_op op)
{
	struct plan_step *s;

	if (p->n == PLAN_MAX_OPS ||
	    ARRAY_RESERVE(p->steps, p->cap, p->n + 1, 32))
		return NULL;
	s = &p->steps[p->n++];
	memset(s, 0, sizeof(*s));
	s->op = op;
	return s;
}

static int plan_generic(struct btf_value_plan *p, __u32 id, __u32 off,
			__u8 bit_off)
{
	struct plan_step *s = plan_add(p, OP_GENERIC);

	if (!s)
		return -ENOMEM;
	s->type_id = id;
	s->t = id ? btf__type_by_id(p->btf, id) : NULL;
	s->off = off;
	s->bit_off = bit_off;
	return 0;
}

static int plan_type(struct btf_value_plan *p, __u32 id, __u32 off, int depth);

/* Plain enums: the value to name search stays, the BTF lookups go. */
static int plan_enum(struct btf_value_plan *p, __u32 id,
		     const struct btf_type *t, __u32 off)
{
	struct plan_step *s;
	__u32 i, name_off, n = btf_vlen(t);
	__u64 val;

	if (!enum_size_ok(t))
		return plan_generic(p, id, off, 0);
	s = plan_add(p, OP_ENUM);
	if (!s)
		return -ENOMEM;
	s->size = t->size;
	s->off = off;
	s->en = calloc(n ? n : 1, sizeof(*s->en));
	if (!s->en)
		return -ENOMEM;
	for (i = 0; btf_type_enumerator(t, i, &name_off, &val); i++) {
		s->en[i].val = enum_match_val(t, val);
		s->en[i].q = json_quote_dup(name_of(p->btf, name_off),
					    &s->en[i].qlen);
		if (!s->en[i].q)
			return -ENOMEM;
		s->n = i + 1;
	}
	return 0;
}

/*
 * Arrays of whole 8-bit numbers (elem: the element type, modifiers
 * skipped). Whether a char array is a string depends on each value, so
 * that test stays at emit time; other element encodings go to the printer.
 */
static int plan_chars(struct btf_value_plan *p, __u32 id,
		      const struct btf_type *e, __u32 nelems, __u32 off)
{
	__u32 info = *(const __u32 *)(e + 1);
	__u32 enc = BTF_INT_ENCODING(info);
	struct plan_step *s;

	if (BTF_INT_BITS(info) != 8 || BTF_INT_OFFSET(info) ||
	    (enc != 0 && enc != BTF_INT_SIGNED))
		return plan_generic(p, id, off, 0);
	s = plan_add(p, OP_CHARS);
	if (!s)
		return -ENOMEM;
	s->off = off;
	s->n = nelems;
	s->sign = enc == BTF_INT_SIGNED;
	/* is_string()'s rule; a CHAR encoding was sent to the printer */
	s->str = !strcmp(name_of(p->btf, e->name_off), "char");
	return 0;
}

static int plan_int(struct btf_value_plan *p, __u32 id,
		    const struct btf_type *t, __u32 off)
{
	__u32 info = *(const __u32 *)(t + 1);
	__u32 bits = BTF_INT_BITS(info), enc = BTF_INT_ENCODING(info);
	struct plan_step *s;

	if (BTF_INT_OFFSET(info) ||
	    (bits != 8 && bits != 16 && bits != 32 && bits != 64) ||
	    (enc != 0 && enc != BTF_INT_SIGNED))
		return plan_generic(p, id, off, 0);
	s = plan_add(p, enc ? OP_SINT : OP_UINT);
	if (!s)
		return -ENOMEM;
	s->size = bits / 8;
	s->off = off;
	return 0;
}

/* Structs whose members all start on a byte and are no bitfields. */
static bool plain_members(const struct btf_type *t)
{
	__u16 i;

	for (i = 0; i < btf_vlen(t); i++) {
		if (btf_member_bitfield_size(t, i) ||
		    btf_member_bit_offset(t, i) % 8)
			return false;
	}
	return true;
}

static int plan_struct(struct btf_value_plan *p, __u32 id,
		       const struct btf_type *t, __u32 off, int depth)
{
	const struct btf_member *m = btf_members(t);
	struct plan_step *s;
	__u16 i;
	int err;

	if (!plain_members(t))
		return plan_generic(p, id, off, 0);
	if (!plan_add(p, OP_OBJ_START))
		return -ENOMEM;
	for (i = 0; i < btf_vlen(t); i++) {
		s = plan_add(p, OP_NAME);
		if (!s)
			return -ENOMEM;
		s->name = name_of(p->btf, m[i].name_off);
		s->qname = json_quote_dup(s->name, &s->qlen);
		if (!s->qname)
			return -ENOMEM;
		err = plan_type(p, m[i].type,
				off + btf_member_bit_offset(t, i) / 8, depth + 1);
		if (err)
			return err;
	}
	return plan_add(p, OP_OBJ_END) ? 0 : -ENOMEM;
}

static int plan_array(struct btf_value_plan *p, __u32 id,
		      const struct btf_type *t, __u32 off, int depth)
{
	const struct btf_array *a = btf_array(t);
	const struct btf_type *e = array_elem(p->btf, a);
	__s64 esz;
	__u32 i;
	int err;

	if (!e || !a->nelems)
		return plan_generic(p, id, off, 0);
	if (btf_is_int(e) && e->size == 1)
		return plan_chars(p, id, e, a->nelems, off);
	esz = btf_type_size(p->btf, a->type);
	if (esz < 0 || a->nelems > PLAN_MAX_OPS)
		return plan_generic(p, id, off, 0);
	if (!plan_add(p, OP_ARR_START))
		return -ENOMEM;
	for (i = 0; i < a->nelems; i++) {
		err = plan_type(p, a->type, off + i * esz, depth + 1);
		if (err)
			return err;
	}
	return plan_add(p, OP_ARR_END) ? 0 : -ENOMEM;
}

static int plan_type(struct btf_value_plan *p, __u32 id, __u32 off, int depth)
{
	const struct btf_type *t = btf__type_by_id(p->btf, id);
	int rid;

	if (!t || !id || depth > MAX_NESTING)
		return plan_generic(p, id, off, 0);
	if (btf_kind_in(BTF_KINDS_MOD, btf_kind(t))) {
		rid = btf__resolve_type(p->btf, id);
		if (rid <= 0)
			return plan_generic(p, id, off, 0);
		return plan_type(p, rid, off, depth + 1);
	}
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return plan_int(p, id, t, off);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return plan_struct(p, id, t, off, depth);
	case BTF_KIND_ARRAY:
		return plan_array(p, id, t, off, depth);
	case BTF_KIND_ENUM:
		return plan_enum(p, id, t, off);
	default:
		return plan_generic(p, id, off, 0);
	}
}

void btf_value_plan_free(struct btf_value_plan *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++) {
		struct plan_step *s = &p->steps[i];

		free(s->qname);
		while (s->en && s->n)
			free(s->en[--s->n].q);
		free(s->en);
	}
	free(p->steps);
	free(p);
}

struct btf_value_plan *btf_value_plan_new(const struct btf *btf, __u32 type_id,
					  bool plain_text)
{
	struct btf_value_plan *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->btf = btf;
	p->plain = plain_text;
	if (plan_type(p, type_id, 0, 0)) {
		btf_value_plan_free(p);
		return NULL;
	}
	return p;
}

static void emit_enum(struct jsonw *j, const struct plan_step *s,
		      const unsigned char *d)
{
	__s64 v = read_sint(d, s->size);
	__u32 i;

	for (i = 0; i < s->n; i++) {
		if (s->en[i].val == v) {
			jsonw_raw(j, s->en[i].q, s->en[i].qlen);
			return;
		}
	}
	jsonw_int(j, v);
}

static void emit_chars(struct jsonw *j, const struct plan_step *s,
		       const unsigned char *d)
{
	__u32 i;

	for (i = 0; s->str && i < s->n; i++) {
		if (!d[i]) {
			jsonw_string_len(j, (const char *)d, i);
			return;
		}
		if (d[i] < 0x20 || d[i] >= 0x7f)
			break;
	}
	jsonw_start_array(j);
	for (i = 0; i < s->n; i++) {
		if (s->sign)
			jsonw_int(j, (signed char)d[i]);
		else
			jsonw_uint(j, d[i]);
	}
	jsonw_end_array(j);
}

int btf_value_plan_emit(struct jsonw *j, const struct btf_value_plan *p,
			const void *data)
{
	struct vctx c = { .j = j, .btf = p->btf, .plain = p->plain };
	const unsigned char *d = data;
	size_t i;
	int err;

	for (i = 0; i < p->n; i++) {
		const struct plan_step *s = &p->steps[i];

		switch (s->op) {
		case OP_OBJ_START:
			jsonw_start_object(j);
			break;
		case OP_OBJ_END:
			jsonw_end_object(j);
			break;
		case OP_ARR_START:
			jsonw_start_array(j);
			break;
		case OP_ARR_END:
			jsonw_end_array(j);
			break;
		case OP_NAME:
			jsonw_name_q(j, s->qname, s->qlen);
			break;
		case OP_UINT:
			jsonw_uint(j, read_uint(d + s->off, s->size));
			break;
		case OP_SINT:
			jsonw_int(j, read_sint(d + s->off, s->size));
			break;
		case OP_ENUM:
			emit_enum(j, s, d + s->off);
			break;
		case OP_CHARS:
			emit_chars(j, s, d + s->off);
			break;
		default:
			if (s->t)
				err = do_kind(&c, s->type_id, s->t, s->bit_off,
					      d + s->off);
			else
				err = do_type(&c, s->type_id, s->bit_off,
					      d + s->off);
			if (err)
				return err;
		}
	}
	return 0;
}
