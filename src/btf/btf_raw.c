// SPDX-License-Identifier: GPL-2.0-only
/*
 * Raw BTF dump. vmlinux has ~150k types and ~1M member lines, so the cost
 * is all in formatting: plain text goes straight into an output buffer
 * with hand-made integer formatting (obuf.h), JSON through the shared
 * writer in its buffered mode on the same buffer.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#include "btf_load.h"
#include "btf_raw.h"
#include "btf_type.h"
#include "json_writer.h"
#include "names.h"

/* " key=" followed by a number: the common shape of a plain field */
#define RB_FIELD(ob, key, v)	do { obuf_lit(ob, key); obuf_u64(ob, v); } while (0)

#define J_UINT(jw, k, v)	do { jsonw_name_lit(jw, k); jsonw_uint(jw, v); } while (0)
#define J_INT(jw, k, v)		do { jsonw_name_lit(jw, k); jsonw_int(jw, v); } while (0)
#define J_STR(jw, k, v)		do { jsonw_name_lit(jw, k); jsonw_string(jw, v); } while (0)

/* ---- one type ---- */

struct raw_ctx {
	struct obuf *ob;
	struct jsonw *jw;
	const struct btf_view *v;
	bool json;
};

static const char *kind_str(__u32 kind)
{
	const char *s = btf_kind_name(kind);

	return s ? s : "UNKNOWN";
}

static inline const char *name_of(const struct btf_view *v, __u32 off)
{
	const char *s;

	if (!off)
		return "(anon)";
	s = btf_view_str(v, off);
	return s ? s : "(invalid)";
}

static const char *linkage_str(__u32 l)
{
	switch (l) {
	case 0: return "static";
	case 1: return "global";
	case 2: return "extern";
	default: return "(unknown)";
	}
}

static const char *int_enc_str(__u32 enc)
{
	switch (enc) {
	case 0: return "(none)";
	case BTF_INT_SIGNED: return "SIGNED";
	case BTF_INT_CHAR: return "CHAR";
	case BTF_INT_BOOL: return "BOOL";
	default: return "UNKN";
	}
}

/* plain: "\n\t'name'" opening a member line */
static void p_member(struct obuf *ob, const char *name)
{
	obuf_put(ob, "\n\t'", 3);
	obuf_puts(ob, name);
	obuf_putc(ob, '\'');
}

static void dump_int(struct raw_ctx *c, const struct btf_type *t)
{
	__u32 v = *(const __u32 *)(t + 1);
	const char *enc = int_enc_str(BTF_INT_ENCODING(v));

	if (c->json) {
		J_UINT(c->jw, "size", t->size);
		J_UINT(c->jw, "bits_offset", BTF_INT_OFFSET(v));
		J_UINT(c->jw, "nr_bits", BTF_INT_BITS(v));
		J_STR(c->jw, "encoding", enc);
		return;
	}
	RB_FIELD(c->ob, " size=", t->size);
	RB_FIELD(c->ob, " bits_offset=", BTF_INT_OFFSET(v));
	RB_FIELD(c->ob, " nr_bits=", BTF_INT_BITS(v));
	obuf_lit(c->ob, " encoding=");
	obuf_puts(c->ob, enc);
}

static void dump_array(struct raw_ctx *c, const struct btf_type *t)
{
	const struct btf_array *a = (const void *)(t + 1);

	if (c->json) {
		J_UINT(c->jw, "type_id", a->type);
		J_UINT(c->jw, "index_type_id", a->index_type);
		J_UINT(c->jw, "nr_elems", a->nelems);
		return;
	}
	RB_FIELD(c->ob, " type_id=", a->type);
	RB_FIELD(c->ob, " index_type_id=", a->index_type);
	RB_FIELD(c->ob, " nr_elems=", a->nelems);
}

/* "size" and "vlen", then the name of the member array (JSON) */
static void open_members(struct raw_ctx *c, const struct btf_type *t,
			 const char *arr)
{

	if (c->json) {
		J_UINT(c->jw, "size", t->size);
		J_UINT(c->jw, "vlen", btf_vlen(t));
		jsonw_name(c->jw, arr);
		jsonw_begin(c->jw, '[');
		return;
	}
	RB_FIELD(c->ob, " size=", t->size);
	RB_FIELD(c->ob, " vlen=", btf_vlen(t));
}

static void dump_composite(struct raw_ctx *c, const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	__u32 i, vlen = btf_vlen(t), off, bits;
	bool kflag = btf_kflag(t);

	open_members(c, t, "members");
	for (i = 0; i < vlen; i++, m++) {
		const char *name = name_of(c->v, m->name_off);

		off = kflag ? BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;
		bits = kflag ? BTF_MEMBER_BITFIELD_SIZE(m->offset) : 0;
		if (c->json) {
			jsonw_begin(c->jw, '{');
			J_STR(c->jw, "name", name);
			J_UINT(c->jw, "type_id", m->type);
			J_UINT(c->jw, "bits_offset", off);
			if (bits)
				J_UINT(c->jw, "bitfield_size", bits);
			jsonw_end(c->jw, '}');
			continue;
		}
		p_member(c->ob, name);
		RB_FIELD(c->ob, " type_id=", m->type);
		RB_FIELD(c->ob, " bits_offset=", off);
		if (bits)
			RB_FIELD(c->ob, " bitfield_size=", bits);
	}
	if (c->json)
		jsonw_end(c->jw, ']');
}

static void enum_head(struct raw_ctx *c, const struct btf_type *t)
{
	const char *enc = btf_kflag(t) ? "SIGNED" : "UNSIGNED";

	if (c->json) {
		J_STR(c->jw, "encoding", enc);
		J_UINT(c->jw, "size", t->size);
		J_UINT(c->jw, "vlen", btf_vlen(t));
		jsonw_name_lit(c->jw, "values");
		jsonw_begin(c->jw, '[');
		return;
	}
	obuf_lit(c->ob, " encoding=");
	obuf_puts(c->ob, enc);
	RB_FIELD(c->ob, " size=", t->size);
	RB_FIELD(c->ob, " vlen=", btf_vlen(t));
}

/*
 * One enumerator. Plain: val in C spelling, with sfx ("LL"/"ULL" for
 * ENUM64). JSON: signed enums as signed numbers, unsigned ones as jval.
 */
static void enum_val(struct raw_ctx *c, __u32 name_off, bool sgn, __u64 val,
		     __u64 jval, const char *sfx)
{
	const char *name = name_of(c->v, name_off);

	if (c->json) {
		jsonw_begin(c->jw, '{');
		J_STR(c->jw, "name", name);
		if (sgn)
			J_INT(c->jw, "val", (__s64)val);
		else
			J_UINT(c->jw, "val", jval);
		jsonw_end(c->jw, '}');
		return;
	}
	p_member(c->ob, name);
	obuf_lit(c->ob, " val=");
	if (sgn)
		obuf_s64(c->ob, (__s64)val);
	else
		obuf_u64(c->ob, val);
	obuf_puts(c->ob, sfx);
}

/*
 * Unsigned 32-bit values go through a sign-extending conversion in
 * bpftool's JSON (the field is __s32), so 0xffffffff prints as
 * 18446744073709551615 there. Match it.
 */
static void dump_enum(struct raw_ctx *c, const struct btf_type *t)
{
	bool sgn = btf_kflag(t), e64 = btf_is_enum64(t);
	const char *sfx = !e64 ? "" : sgn ? "LL" : "ULL";
	__u32 i, off;
	__u64 val;

	enum_head(c, t);
	for (i = 0; btf_type_enumerator(t, i, &off, &val); i++)
		enum_val(c, off, sgn, val,
			 e64 ? val : (__u64)(__s64)(__s32)val, sfx);
	if (c->json)
		jsonw_end(c->jw, ']');
}

static void dump_proto(struct raw_ctx *c, const struct btf_type *t)
{
	const struct btf_param *p = btf_params(t);
	__u32 i, vlen = btf_vlen(t);

	if (c->json) {
		J_UINT(c->jw, "ret_type_id", t->type);
		J_UINT(c->jw, "vlen", vlen);
		jsonw_name_lit(c->jw, "params");
		jsonw_begin(c->jw, '[');
	} else {
		RB_FIELD(c->ob, " ret_type_id=", t->type);
		RB_FIELD(c->ob, " vlen=", vlen);
	}
	for (i = 0; i < vlen; i++, p++) {
		const char *name = name_of(c->v, p->name_off);

		if (c->json) {
			jsonw_begin(c->jw, '{');
			J_STR(c->jw, "name", name);
			J_UINT(c->jw, "type_id", p->type);
			jsonw_end(c->jw, '}');
			continue;
		}
		p_member(c->ob, name);
		RB_FIELD(c->ob, " type_id=", p->type);
	}
	if (c->json)
		jsonw_end(c->jw, ']');
}

static void dump_datasec(struct raw_ctx *c, const struct btf_type *t)
{
	const struct btf_var_secinfo *v = btf_var_secinfos(t);
	__u32 i, vlen = btf_vlen(t);

	open_members(c, t, "vars");
	for (i = 0; i < vlen; i++, v++) {
		const struct btf_type *vt;

		if (c->json) {
			jsonw_begin(c->jw, '{');
			J_UINT(c->jw, "type_id", v->type);
			J_UINT(c->jw, "offset", v->offset);
			J_UINT(c->jw, "size", v->size);
			jsonw_end(c->jw, '}');
			continue;
		}
		RB_FIELD(c->ob, "\n\ttype_id=", v->type);
		RB_FIELD(c->ob, " offset=", v->offset);
		RB_FIELD(c->ob, " size=", v->size);
		vt = v->type < c->v->cnt ? btf_view_type(c->v, v->type) : NULL;
		if (!vt)
			continue;
		obuf_put(c->ob, " (", 2);
		obuf_puts(c->ob, kind_str(btf_kind(vt)));
		obuf_put(c->ob, " '", 2);
		obuf_puts(c->ob, name_of(c->v, vt->name_off));
		obuf_put(c->ob, "')", 2);
	}
	if (c->json)
		jsonw_end(c->jw, ']');
}

/* the one-liner kinds: FWD, FUNC, VAR, FLOAT, DECL_TAG */
static void dump_simple(struct raw_ctx *c, const struct btf_type *t,
			__u32 kind)
{
	const char *s;

	switch (kind) {
	case BTF_KIND_FWD:
		s = btf_kflag(t) ? "union" : "struct";
		if (c->json) {
			J_STR(c->jw, "fwd_kind", s);
		} else {
			obuf_lit(c->ob, " fwd_kind=");
			obuf_puts(c->ob, s);
		}
		break;
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
		s = linkage_str(kind == BTF_KIND_FUNC ? btf_vlen(t) :
				btf_var(t)->linkage);
		if (c->json) {
			J_UINT(c->jw, "type_id", t->type);
			J_STR(c->jw, "linkage", s);
			break;
		}
		RB_FIELD(c->ob, " type_id=", t->type);
		/* bpftool's VAR line has a comma here; keep it */
		obuf_puts(c->ob, kind == BTF_KIND_VAR ? ", linkage=" : " linkage=");
		obuf_puts(c->ob, s);
		break;
	case BTF_KIND_FLOAT:
		if (c->json)
			J_UINT(c->jw, "size", t->size);
		else
			RB_FIELD(c->ob, " size=", t->size);
		break;
	case BTF_KIND_DECL_TAG:
		if (c->json) {
			J_UINT(c->jw, "type_id", t->type);
			J_INT(c->jw, "component_idx", btf_decl_tag(t)->component_idx);
			break;
		}
		RB_FIELD(c->ob, " type_id=", t->type);
		obuf_lit(c->ob, " component_idx=");
		obuf_s64(c->ob, btf_decl_tag(t)->component_idx);
		break;
	}
}

static void dump_body(struct raw_ctx *c, const struct btf_type *t)
{
	__u32 kind = btf_kind(t);

	/* modifiers and pointers: t->type is all they hold */
	if (btf_kind_in(BTF_KINDS_MOD | BTF_KBIT(BTF_KIND_PTR), kind)) {
		if (c->json)
			J_UINT(c->jw, "type_id", t->type);
		else
			RB_FIELD(c->ob, " type_id=", t->type);
		return;
	}
	switch (kind) {
	case BTF_KIND_INT: dump_int(c, t); break;
	case BTF_KIND_ARRAY: dump_array(c, t); break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: dump_composite(c, t); break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64: dump_enum(c, t); break;
	case BTF_KIND_FUNC_PROTO: dump_proto(c, t); break;
	case BTF_KIND_DATASEC: dump_datasec(c, t); break;
	default: dump_simple(c, t, kind); break;
	}
}

static void dump_type(struct raw_ctx *c, __u32 id)
{
	const struct btf_type *t = btf_view_type(c->v, id);

	if (!t)		/* callers check ids; never print garbage */
		return;
	if (c->json) {
		jsonw_begin(c->jw, '{');
		J_UINT(c->jw, "id", id);
		J_STR(c->jw, "kind", kind_str(btf_kind(t)));
		J_STR(c->jw, "name", name_of(c->v, t->name_off));
		dump_body(c, t);
		jsonw_end(c->jw, '}');
		return;
	}
	obuf_putc(c->ob, '[');
	obuf_u64(c->ob, id);
	obuf_put(c->ob, "] ", 2);
	obuf_puts(c->ob, kind_str(btf_kind(t)));
	obuf_put(c->ob, " '", 2);
	obuf_puts(c->ob, name_of(c->v, t->name_off));
	obuf_putc(c->ob, '\'');
	dump_body(c, t);
	obuf_putc(c->ob, '\n');
}

int btf_raw_dump(const struct btf_view *v, const struct btf_raw_opts *o,
		 FILE *out)
{
	struct raw_ctx c = { .v = v, .json = o->json };
	struct jsonw jw;
	__u32 id;
	size_t i;
	int err;

	c.ob = obuf_new(out);
	if (!c.ob)
		return -ENOMEM;
	c.jw = &jw;
	jsonw_init_buf(&jw, c.ob, o->depth, o->pretty);
	if (c.json) {
		jsonw_start_object(&jw);
		jsonw_name_lit(&jw, "types");
		jsonw_start_array(&jw);
	}
	if (o->ids) {
		for (i = 0; i < o->cnt; i++)
			dump_type(&c, o->ids[i]);
	} else {
		for (id = v->first; id < v->cnt; id++)
			dump_type(&c, id);
	}
	if (c.json) {
		jsonw_end_array(&jw);
		jsonw_end_object(&jw);
	}
	obuf_flush(c.ob);
	err = c.ob->err ? -EIO : 0;
	free(c.ob);
	return err;
}
