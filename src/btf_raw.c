// SPDX-License-Identifier: GPL-2.0-only
/*
 * Raw BTF dump. vmlinux has ~150k types and ~1M member lines, so the cost
 * is all in formatting: everything goes into one 64 KiB buffer with our own
 * integer formatting and is handed to stdio in big chunks. The JSON layout
 * rules are the shared writer's (json_writer.c), reimplemented on the
 * buffer, so -j/-p output is identical to what jsonw_* would have produced.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#include "btf_load.h"
#include "btf_raw.h"
#include "names.h"

#define RB_SIZE		(1 << 16)
#define RB_SMALL	64	/* room any single number or keyword needs */

struct rbuf {
	FILE *out;
	size_t len;
	bool err;
	bool pretty;
	bool sep;		/* next JSON value needs a ',' */
	unsigned int depth;
	char buf[RB_SIZE];
};

static void rb_flush(struct rbuf *rb)
{
	if (rb->len && fwrite(rb->buf, 1, rb->len, rb->out) != rb->len)
		rb->err = true;
	rb->len = 0;
}

/* n bytes of room (n <= RB_SIZE); returns where to write them */
static inline char *rb_room(struct rbuf *rb, size_t n)
{
	if (__builtin_expect(rb->len + n > RB_SIZE, 0))
		rb_flush(rb);
	return rb->buf + rb->len;
}

static void rb_big(struct rbuf *rb, const char *s, size_t n)
{
	rb_flush(rb);
	if (fwrite(s, 1, n, rb->out) != n)
		rb->err = true;
}

static inline void rb_mem(struct rbuf *rb, const char *s, size_t n)
{
	if (__builtin_expect(n > RB_SIZE / 2, 0)) {	/* hostile string */
		rb_big(rb, s, n);
		return;
	}
	memcpy(rb_room(rb, n), s, n);
	rb->len += n;
}

/* a string literal: its length is known at compile time */
#define RB_LIT(rb, s)	rb_mem(rb, s, sizeof(s) - 1)

static inline void rb_str(struct rbuf *rb, const char *s)
{
	rb_mem(rb, s, strlen(s));
}

static inline void rb_ch(struct rbuf *rb, char c)
{
	*rb_room(rb, 1) = c;
	rb->len++;
}

static const char digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"68697071727374757677787980818283848586878889909192939495969798990";

static inline unsigned int dec_len(__u64 v)
{
	unsigned int n = 1;

	while (v >= 10000) {
		v /= 10000;
		n += 4;
	}
	return n + (v >= 10) + (v >= 100) + (v >= 1000);
}

/* decimal v straight into the buffer, two digits per step from the end */
static inline void rb_u64(struct rbuf *rb, __u64 v)
{
	unsigned int n = dec_len(v);
	char *end = rb_room(rb, RB_SMALL) + n;

	rb->len += n;
	while (v >= 100) {
		unsigned int r = v % 100;

		v /= 100;
		end -= 2;
		memcpy(end, digit_pairs + 2 * r, 2);
	}
	if (v >= 10)
		memcpy(end - 2, digit_pairs + 2 * v, 2);
	else
		end[-1] = '0' + v;
}

static void rb_s64(struct rbuf *rb, __s64 v)
{
	if (v < 0) {
		rb_ch(rb, '-');
		rb_u64(rb, -(__u64)v);
	} else {
		rb_u64(rb, v);
	}
}

/* " key=" followed by a number: the common shape of a plain field */
#define RB_FIELD(rb, key, v)	do { RB_LIT(rb, key); rb_u64(rb, v); } while (0)

/* ---- JSON, same layout rules as the shared writer ---- */

static void j_eol(struct rbuf *rb)
{
	unsigned int i;

	if (!rb->pretty)
		return;
	rb_ch(rb, '\n');
	for (i = 0; i < rb->depth; i++)
		rb_mem(rb, "    ", 4);
}

static inline void j_eor(struct rbuf *rb)
{
	if (rb->sep)
		rb_ch(rb, ',');
	rb->sep = true;
}

/* bytes a JSON string cannot hold as they are */
static inline bool j_special(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

static void j_escape(struct rbuf *rb, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char esc[7] = "\\u00";
	size_t n = 2;

	switch (c) {
	case '"': esc[1] = '"'; break;
	case '\\': esc[1] = '\\'; break;
	case '\b': esc[1] = 'b'; break;
	case '\f': esc[1] = 'f'; break;
	case '\n': esc[1] = 'n'; break;
	case '\r': esc[1] = 'r'; break;
	case '\t': esc[1] = 't'; break;
	default:
		esc[4] = hex[c >> 4];
		esc[5] = hex[c & 15];
		n = 6;
	}
	rb_mem(rb, esc, n);
}

/* Names are almost never escaped: find the length first, copy once. */
static void j_quote(struct rbuf *rb, const char *s)
{
	const char *run = s;

	rb_ch(rb, '"');
	for (;;) {
		while (*s && !j_special(*s))
			s++;
		rb_mem(rb, run, s - run);
		if (!*s)
			break;
		j_escape(rb, *s++);
		run = s;
	}
	rb_ch(rb, '"');
}

static void j_keyn(struct rbuf *rb, const char *key, size_t n)
{
	char *p;

	j_eor(rb);
	j_eol(rb);
	rb->sep = false;
	p = rb_room(rb, n + 4);
	*p++ = '"';
	memcpy(p, key, n);
	p += n;
	*p++ = '"';
	*p++ = ':';
	*p = ' ';
	rb->len += n + 3 + rb->pretty;
}

#define J_KEY(rb, k)	j_keyn(rb, k, sizeof(k) - 1)

static void j_open(struct rbuf *rb, char c)
{
	j_eor(rb);
	rb_ch(rb, c);
	rb->depth++;
	rb->sep = false;
}

static void j_close(struct rbuf *rb, char c)
{
	rb->depth--;
	if (rb->sep)
		j_eol(rb);
	rb_ch(rb, c);
	rb->sep = true;
}

#define J_UINT(rb, k, v)	do { J_KEY(rb, k); j_eor(rb); rb_u64(rb, v); } while (0)
#define J_INT(rb, k, v)		do { J_KEY(rb, k); j_eor(rb); rb_s64(rb, v); } while (0)
#define J_STR(rb, k, v)		do { J_KEY(rb, k); j_eor(rb); j_quote(rb, v); } while (0)

/* ---- one type ---- */

struct raw_ctx {
	struct rbuf *rb;
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
static void p_member(struct rbuf *rb, const char *name)
{
	rb_mem(rb, "\n\t'", 3);
	rb_str(rb, name);
	rb_ch(rb, '\'');
}

static void dump_int(struct raw_ctx *c, const struct btf_type *t)
{
	__u32 v = *(const __u32 *)(t + 1);
	const char *enc = int_enc_str(BTF_INT_ENCODING(v));
	struct rbuf *rb = c->rb;

	if (c->json) {
		J_UINT(rb, "size", t->size);
		J_UINT(rb, "bits_offset", BTF_INT_OFFSET(v));
		J_UINT(rb, "nr_bits", BTF_INT_BITS(v));
		J_STR(rb, "encoding", enc);
		return;
	}
	RB_FIELD(rb, " size=", t->size);
	RB_FIELD(rb, " bits_offset=", BTF_INT_OFFSET(v));
	RB_FIELD(rb, " nr_bits=", BTF_INT_BITS(v));
	RB_LIT(rb, " encoding=");
	rb_str(rb, enc);
}

static void dump_array(struct raw_ctx *c, const struct btf_type *t)
{
	const struct btf_array *a = (const void *)(t + 1);
	struct rbuf *rb = c->rb;

	if (c->json) {
		J_UINT(rb, "type_id", a->type);
		J_UINT(rb, "index_type_id", a->index_type);
		J_UINT(rb, "nr_elems", a->nelems);
		return;
	}
	RB_FIELD(rb, " type_id=", a->type);
	RB_FIELD(rb, " index_type_id=", a->index_type);
	RB_FIELD(rb, " nr_elems=", a->nelems);
}

/* "size" and "vlen", then the name of the member array (JSON) */
static void open_members(struct raw_ctx *c, const struct btf_type *t,
			 const char *arr)
{
	struct rbuf *rb = c->rb;

	if (c->json) {
		J_UINT(rb, "size", t->size);
		J_UINT(rb, "vlen", btf_vlen(t));
		j_keyn(rb, arr, strlen(arr));
		j_open(rb, '[');
		return;
	}
	RB_FIELD(rb, " size=", t->size);
	RB_FIELD(rb, " vlen=", btf_vlen(t));
}

static void dump_composite(struct raw_ctx *c, const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	__u32 i, vlen = btf_vlen(t), off, bits;
	struct rbuf *rb = c->rb;
	bool kflag = btf_kflag(t);

	open_members(c, t, "members");
	for (i = 0; i < vlen; i++, m++) {
		const char *name = name_of(c->v, m->name_off);

		off = kflag ? BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;
		bits = kflag ? BTF_MEMBER_BITFIELD_SIZE(m->offset) : 0;
		if (c->json) {
			j_open(rb, '{');
			J_STR(rb, "name", name);
			J_UINT(rb, "type_id", m->type);
			J_UINT(rb, "bits_offset", off);
			if (bits)
				J_UINT(rb, "bitfield_size", bits);
			j_close(rb, '}');
			continue;
		}
		p_member(rb, name);
		RB_FIELD(rb, " type_id=", m->type);
		RB_FIELD(rb, " bits_offset=", off);
		if (bits)
			RB_FIELD(rb, " bitfield_size=", bits);
	}
	if (c->json)
		j_close(rb, ']');
}

static void enum_head(struct raw_ctx *c, const struct btf_type *t)
{
	const char *enc = btf_kflag(t) ? "SIGNED" : "UNSIGNED";
	struct rbuf *rb = c->rb;

	if (c->json) {
		J_STR(rb, "encoding", enc);
		J_UINT(rb, "size", t->size);
		J_UINT(rb, "vlen", btf_vlen(t));
		J_KEY(rb, "values");
		j_open(rb, '[');
		return;
	}
	RB_LIT(rb, " encoding=");
	rb_str(rb, enc);
	RB_FIELD(rb, " size=", t->size);
	RB_FIELD(rb, " vlen=", btf_vlen(t));
}

/*
 * One enumerator. Plain: val in C spelling, with sfx ("LL"/"ULL" for
 * ENUM64). JSON: signed enums as signed numbers, unsigned ones as jval.
 */
static void enum_val(struct raw_ctx *c, __u32 name_off, bool sgn, __u64 val,
		     __u64 jval, const char *sfx)
{
	const char *name = name_of(c->v, name_off);
	struct rbuf *rb = c->rb;

	if (c->json) {
		j_open(rb, '{');
		J_STR(rb, "name", name);
		if (sgn)
			J_INT(rb, "val", (__s64)val);
		else
			J_UINT(rb, "val", jval);
		j_close(rb, '}');
		return;
	}
	p_member(rb, name);
	RB_LIT(rb, " val=");
	if (sgn)
		rb_s64(rb, (__s64)val);
	else
		rb_u64(rb, val);
	rb_str(rb, sfx);
}

/*
 * Unsigned 32-bit values go through a sign-extending conversion in
 * bpftool's JSON (the field is __s32), so 0xffffffff prints as
 * 18446744073709551615 there. Match it.
 */
static void dump_enum(struct raw_ctx *c, const struct btf_type *t)
{
	const struct btf_enum *v = btf_enum(t);
	__u32 i, vlen = btf_vlen(t);
	bool sgn = btf_kflag(t);

	enum_head(c, t);
	for (i = 0; i < vlen; i++, v++)
		enum_val(c, v->name_off, sgn,
			 sgn ? (__u64)(__s64)v->val : (__u32)v->val,
			 (__u64)(__s64)v->val, "");
	if (c->json)
		j_close(c->rb, ']');
}

static void dump_enum64(struct raw_ctx *c, const struct btf_type *t)
{
	const struct btf_enum64 *v = btf_enum64(t);
	__u32 i, vlen = btf_vlen(t);
	bool sgn = btf_kflag(t);
	__u64 val;

	enum_head(c, t);
	for (i = 0; i < vlen; i++, v++) {
		val = ((__u64)v->val_hi32 << 32) | v->val_lo32;
		enum_val(c, v->name_off, sgn, val, val, sgn ? "LL" : "ULL");
	}
	if (c->json)
		j_close(c->rb, ']');
}

static void dump_proto(struct raw_ctx *c, const struct btf_type *t)
{
	const struct btf_param *p = btf_params(t);
	__u32 i, vlen = btf_vlen(t);
	struct rbuf *rb = c->rb;

	if (c->json) {
		J_UINT(rb, "ret_type_id", t->type);
		J_UINT(rb, "vlen", vlen);
		J_KEY(rb, "params");
		j_open(rb, '[');
	} else {
		RB_FIELD(rb, " ret_type_id=", t->type);
		RB_FIELD(rb, " vlen=", vlen);
	}
	for (i = 0; i < vlen; i++, p++) {
		const char *name = name_of(c->v, p->name_off);

		if (c->json) {
			j_open(rb, '{');
			J_STR(rb, "name", name);
			J_UINT(rb, "type_id", p->type);
			j_close(rb, '}');
			continue;
		}
		p_member(rb, name);
		RB_FIELD(rb, " type_id=", p->type);
	}
	if (c->json)
		j_close(rb, ']');
}

static void dump_datasec(struct raw_ctx *c, const struct btf_type *t)
{
	const struct btf_var_secinfo *v = btf_var_secinfos(t);
	__u32 i, vlen = btf_vlen(t);
	struct rbuf *rb = c->rb;

	open_members(c, t, "vars");
	for (i = 0; i < vlen; i++, v++) {
		const struct btf_type *vt;

		if (c->json) {
			j_open(rb, '{');
			J_UINT(rb, "type_id", v->type);
			J_UINT(rb, "offset", v->offset);
			J_UINT(rb, "size", v->size);
			j_close(rb, '}');
			continue;
		}
		RB_FIELD(rb, "\n\ttype_id=", v->type);
		RB_FIELD(rb, " offset=", v->offset);
		RB_FIELD(rb, " size=", v->size);
		vt = v->type < c->v->cnt ? btf_view_type(c->v, v->type) : NULL;
		if (!vt)
			continue;
		rb_mem(rb, " (", 2);
		rb_str(rb, kind_str(btf_kind(vt)));
		rb_mem(rb, " '", 2);
		rb_str(rb, name_of(c->v, vt->name_off));
		rb_mem(rb, "')", 2);
	}
	if (c->json)
		j_close(rb, ']');
}

/* kinds whose only payload is t->type */
static bool is_ref_kind(__u32 kind)
{
	switch (kind) {
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_TYPE_TAG:
		return true;
	default:
		return false;
	}
}

/* the one-liner kinds: FWD, FUNC, VAR, FLOAT, DECL_TAG */
static void dump_simple(struct raw_ctx *c, const struct btf_type *t,
			__u32 kind)
{
	struct rbuf *rb = c->rb;
	const char *s;

	switch (kind) {
	case BTF_KIND_FWD:
		s = btf_kflag(t) ? "union" : "struct";
		if (c->json) {
			J_STR(rb, "fwd_kind", s);
		} else {
			RB_LIT(rb, " fwd_kind=");
			rb_str(rb, s);
		}
		break;
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
		s = linkage_str(kind == BTF_KIND_FUNC ? btf_vlen(t) :
				btf_var(t)->linkage);
		if (c->json) {
			J_UINT(rb, "type_id", t->type);
			J_STR(rb, "linkage", s);
			break;
		}
		RB_FIELD(rb, " type_id=", t->type);
		/* bpftool's VAR line has a comma here; keep it */
		rb_str(rb, kind == BTF_KIND_VAR ? ", linkage=" : " linkage=");
		rb_str(rb, s);
		break;
	case BTF_KIND_FLOAT:
		if (c->json)
			J_UINT(rb, "size", t->size);
		else
			RB_FIELD(rb, " size=", t->size);
		break;
	case BTF_KIND_DECL_TAG:
		if (c->json) {
			J_UINT(rb, "type_id", t->type);
			J_INT(rb, "component_idx", btf_decl_tag(t)->component_idx);
			break;
		}
		RB_FIELD(rb, " type_id=", t->type);
		RB_LIT(rb, " component_idx=");
		rb_s64(rb, btf_decl_tag(t)->component_idx);
		break;
	}
}

static void dump_body(struct raw_ctx *c, const struct btf_type *t)
{
	__u32 kind = btf_kind(t);

	if (is_ref_kind(kind)) {
		if (c->json)
			J_UINT(c->rb, "type_id", t->type);
		else
			RB_FIELD(c->rb, " type_id=", t->type);
		return;
	}
	switch (kind) {
	case BTF_KIND_INT: dump_int(c, t); break;
	case BTF_KIND_ARRAY: dump_array(c, t); break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: dump_composite(c, t); break;
	case BTF_KIND_ENUM: dump_enum(c, t); break;
	case BTF_KIND_ENUM64: dump_enum64(c, t); break;
	case BTF_KIND_FUNC_PROTO: dump_proto(c, t); break;
	case BTF_KIND_DATASEC: dump_datasec(c, t); break;
	default: dump_simple(c, t, kind); break;
	}
}

static void dump_type(struct raw_ctx *c, __u32 id)
{
	const struct btf_type *t = btf_view_type(c->v, id);
	struct rbuf *rb = c->rb;

	if (!t)		/* callers check ids; never print garbage */
		return;
	if (c->json) {
		j_open(rb, '{');
		J_UINT(rb, "id", id);
		J_STR(rb, "kind", kind_str(btf_kind(t)));
		J_STR(rb, "name", name_of(c->v, t->name_off));
		dump_body(c, t);
		j_close(rb, '}');
		return;
	}
	rb_ch(rb, '[');
	rb_u64(rb, id);
	rb_mem(rb, "] ", 2);
	rb_str(rb, kind_str(btf_kind(t)));
	rb_mem(rb, " '", 2);
	rb_str(rb, name_of(c->v, t->name_off));
	rb_ch(rb, '\'');
	dump_body(c, t);
	rb_ch(rb, '\n');
}

int btf_raw_dump(const struct btf_view *v, const struct btf_raw_opts *o,
		 FILE *out)
{
	struct raw_ctx c = { .v = v, .json = o->json };
	struct rbuf *rb;
	__u32 id;
	size_t i;
	int err;

	rb = malloc(sizeof(*rb));
	if (!rb)
		return -ENOMEM;
	rb->out = out;
	rb->len = 0;
	rb->err = false;
	rb->pretty = o->pretty;
	rb->sep = false;
	rb->depth = o->depth;
	c.rb = rb;
	if (c.json) {
		j_open(rb, '{');
		J_KEY(rb, "types");
		j_open(rb, '[');
	}
	if (o->ids) {
		for (i = 0; i < o->cnt; i++)
			dump_type(&c, o->ids[i]);
	} else {
		for (id = v->first; id < v->cnt; id++)
			dump_type(&c, id);
	}
	if (c.json) {
		j_close(rb, ']');
		j_close(rb, '}');
	}
	rb_flush(rb);
	err = rb->err ? -EIO : 0;
	free(rb);
	return err;
}
