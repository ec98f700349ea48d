// SPDX-License-Identifier: GPL-2.0-only
/*
 * Views on BTF, the reasons libbpf refuses raw BTF, and the sanity checks
 * on top of libbpf's. Errors come back as values.
 */
#include <errno.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "args.h"
#include "array.h"
#include "btf_load.h"
#include "btf_src.h"
#include "btf_type.h"
#include "main.h"

/* ---- views ---- */

const struct btf_type btf_view_void;

void btf_view_of(struct btf_view *v, const struct btf *btf)
{
	const struct btf *base = btf__base_btf(btf);

	memset(v, 0, sizeof(*v));
	v->btf = btf;
	v->first = base ? btf__type_cnt(base) : 1;
	v->cnt = btf__type_cnt(btf);
}

void btf_view_free(struct btf_view *v)
{
	if (!v->btf) {
		free((void *)v->off);
		if (v->mapped)
			munmap(v->mem, v->mem_len);
		else
			free(v->mem);
	}
	memset(v, 0, sizeof(*v));
}

/* Index the type section; every record must fit and be of a known kind. */
static int index_types(struct btf_view *v, __u32 len)
{
	__u32 off = 0, n = 1, cap = len / sizeof(struct btf_type) + 2;
	__u32 *idx;
	size_t sz;

	idx = malloc((size_t)cap * sizeof(*idx));
	if (!idx)
		return -1;
	idx[0] = 0;
	while (off < len) {
		const struct btf_type *t = (const void *)(v->types + off);

		if (len - off < sizeof(*t))
			goto bad;
		sz = btf_type_rec_size(t);
		if (!sz || sz > len - off || n >= cap)
			goto bad;
		idx[n++] = off;
		off += sz;
	}
	v->off = idx;
	v->cnt = n;
	v->first = 1;
	return 0;
bad:
	free(idx);
	return -1;
}

int btf_view_parse(const void *data, size_t size, struct btf_view *v)
{
	const struct btf_header *h = data;
	const char *p = data;
	__u64 tend, send;

	memset(v, 0, sizeof(*v));
	if (size < sizeof(*h) || size > BTF_FILE_MAX || h->magic != BTF_MAGIC ||
	    h->version != BTF_VERSION || h->hdr_len < sizeof(*h) ||
	    h->hdr_len > size)
		return -1;
	/* a longer header (newer kernel) is fine: its sections still are */
	tend = (__u64)h->hdr_len + h->type_off + h->type_len;
	send = (__u64)h->hdr_len + h->str_off + h->str_len;
	if (tend > size || send > size || (h->hdr_len + h->type_off) % 4 ||
	    !h->str_len || p[send - 1] || p[h->hdr_len + h->str_off])
		return -1;
	v->types = p + h->hdr_len + h->type_off;
	v->strs = p + h->hdr_len + h->str_off;
	v->str_len = h->str_len;
	return index_types(v, h->type_len);
}

static void say(char *buf, size_t sz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(char *buf, size_t sz, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sz, fmt, ap);
	va_end(ap);
}

/* Walk the type section the way a parser would, to name the first problem. */
static void diagnose_types(const char *types, __u32 len, __u32 first_id,
			   char *why, size_t sz)
{
	__u32 off = 0, id = first_id;

	while (off < len) {
		const struct btf_type *t;
		size_t n;

		if (len - off < sizeof(*t) || off % 4) {
			say(why, sz, "type id %u is truncated", id);
			return;
		}
		t = (const void *)(types + off);
		n = btf_type_rec_size(t);
		if (!n) {
			say(why, sz, "unknown BTF kind %u at type id %u (BTF from a newer kernel?)",
			    btf_kind(t), id);
			return;
		}
		if (n > len - off) {
			say(why, sz, "type id %u (vlen %u) runs past the end of the type section",
			    id, btf_vlen(t));
			return;
		}
		off += n;
		id++;
	}
}

void btf_diagnose_raw(const char *data, size_t size, __u32 first_id,
		      char *why, size_t sz)
{
	const struct btf_header *h = (const void *)data;
	__u64 end;
	char *copy;

	*why = '\0';
	/* an ELF section may start anywhere: read records from an aligned copy */
	if ((uintptr_t)data % __alignof__(struct btf_header)) {
		copy = malloc(size ? size : 1);
		if (!copy)
			return;
		memcpy(copy, data, size);
		btf_diagnose_raw(copy, size, first_id, why, sz);
		free(copy);
		return;
	}
	if (size < sizeof(*h)) {
		say(why, sz, "%zu bytes is too short for a BTF header", size);
		return;
	}
	if (h->magic == 0x9feb)
		return;	/* other endianness: libbpf's own messages say more */
	if (h->magic != BTF_MAGIC) {
		say(why, sz, "not BTF data (bad magic 0x%04x)", h->magic);
		return;
	}
	if (h->version != BTF_VERSION) {
		say(why, sz, "unsupported BTF version %u", h->version);
		return;
	}
	if (h->hdr_len < sizeof(*h) || h->hdr_len > size) {
		say(why, sz, "bad BTF header length %u", h->hdr_len);
		return;
	}
	end = (__u64)h->hdr_len + h->type_off + h->type_len;
	if (end > size || h->type_off % 4) {
		say(why, sz, "type section (offset %u, length %u) is outside the %zu-byte file",
		    h->type_off, h->type_len, size);
		return;
	}
	end = (__u64)h->hdr_len + h->str_off + h->str_len;
	if (end <= size && h->str_len && !data[end - 1] &&
	    data[h->hdr_len + h->str_off] && first_id == 1) {
		say(why, sz, "split BTF (its strings continue another BTF's): give the base with -B FILE");
		return;
	}
	if (end > size || !h->str_len ||
	    data[end - 1] || data[h->hdr_len + h->str_off]) {
		say(why, sz, "malformed string section (offset %u, length %u)",
		    h->str_off, h->str_len);
		return;
	}
	if ((h->hdr_len + h->type_off) % 4) {
		say(why, sz, "type section (at byte %u) is not 4-byte aligned",
		    h->hdr_len + h->type_off);
		return;
	}
	diagnose_types(data + h->hdr_len + h->type_off, h->type_len, first_id,
		       why, sz);
}

/*
 * The next type id t refers to in graph g, from edge *i on: ALL (range
 * checks), DECL (declarations: never through a struct member) and VALUE
 * (what makes up an object by value: never through a pointer).
 */
enum ref_graph { G_ALL, G_DECL, G_VALUE };

static bool next_ref(const struct btf_type *t, __u32 *i, enum ref_graph g,
		     __u32 *ref)
{
	enum btf_edge e;
	__u32 *p;

	while ((e = btf_type_edge(t, (*i)++, &p)) != BTF_EDGE_NONE) {
		if (g == G_ALL || (g == G_DECL && e != BTF_EDGE_MEMBER) ||
		    (g == G_VALUE && btf_edge_by_value(e))) {
			*ref = *p;
			return true;
		}
	}
	return false;
}

struct frame {
	const struct btf_type *t;
	__u32 id;
	__u32 i;
};

struct walk {
	const struct btf_view *v;
	struct btf_err *e;
	__u8 *col;
	struct frame *stk;
	__u32 cnt;
	__u32 cap;
};

static int walk_push(struct walk *w, __u32 id)
{
	/* tested here first: every type of every BTF loaded comes by */
	if (w->cnt == w->cap &&
	    ARRAY_RESERVE(w->stk, w->cap, (size_t)w->cnt + 1, 256))
		return btf_err_set(w->e, -ENOMEM, "out of memory");
	w->stk[w->cnt].t = btf_view_type(w->v, id);
	w->stk[w->cnt].id = id;
	w->stk[w->cnt].i = 0;
	w->cnt++;
	return 0;
}

/* Depth-first from start; grey = on the current path, black = done. */
static int walk_from(struct walk *w, __u32 start, enum ref_graph g)
{
	__u8 grey = g == G_DECL ? 1 : 4, black = grey << 1;
	__u32 next;
	int err;

	if (w->col[start] & black)
		return 0;
	err = walk_push(w, start);
	if (err)
		return err;
	w->col[start] |= grey;
	while (w->cnt) {
		struct frame *f = &w->stk[w->cnt - 1];

		if (!next_ref(f->t, &f->i, g, &next)) {
			w->col[f->id] = (w->col[f->id] & ~grey) | black;
			w->cnt--;
			continue;
		}
		if (!next)
			continue;
		if (next >= w->v->cnt)	/* checked before any read of col */
			return btf_err_set(w->e, -EINVAL,
					   "malformed BTF: type %u refers to type %u, past the end",
					   f->id, next);
		if (w->col[next] & black)
			continue;
		if (w->col[next] & grey)
			return btf_err_set(w->e, -EINVAL,
					   "malformed BTF: type %u (%s) is part of a loop%s",
					   next, btf_kind_word(btf_view_type(w->v, next)),
					   g == G_VALUE ? " of by-value members" : "");
		err = walk_push(w, next);
		if (err)
			return err;
		w->col[next] |= grey;
	}
	return 0;
}

/*
 * The kernel's rule: no member starts past the end of its struct. Without
 * it a C dump pads up to the member, one line per 8 bytes: a 12-byte
 * record could ask for gigabytes of "long: 64;".
 */
static int check_members(const struct btf_type *t, __u32 id,
			 struct btf_err *e)
{
	const struct btf_member *m = btf_members(t);
	__u32 i, vlen = btf_vlen(t), off;

	for (i = 0; i < vlen; i++, m++) {
		off = btf_kflag(t) ? BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;
		if (off / 8 > t->size)
			return btf_err_set(e, -EINVAL,
					   "malformed BTF: member %u of %s %u starts at bit %u, past its size of %u bytes",
					   i, btf_kind_word(t), id, off, t->size);
	}
	return 0;
}

static int check_ranges(const struct btf_view *v, struct btf_err *e)
{
	const struct btf_type *t;
	__u32 id, i, ref;

	/*
	 * libbpf 1.1 takes any header length, so its type section may sit off
	 * 4-byte alignment; records are multiples of 4 bytes, so the first
	 * one tells. Reading such records is undefined behaviour: refuse.
	 */
	if (v->first < v->cnt &&
	    (uintptr_t)btf_view_type(v, v->first) % __alignof__(struct btf_type))
		return btf_err_set(e, -EINVAL,
				   "malformed BTF: type section is not 4-byte aligned");
	for (id = v->first; id < v->cnt; id++) {
		t = btf_view_type(v, id);
		if (btf_is_composite(t) && check_members(t, id, e))
			return e->code;
		for (i = 0; next_ref(t, &i, G_ALL, &ref);) {
			if (ref >= v->cnt)
				return btf_err_set(e, -EINVAL,
						   "malformed BTF: type %u (%s) refers to type %u, past the last type %u",
						   id, btf_kind_word(t), ref, v->cnt - 1);
		}
	}
	return 0;
}

int btf_check_err(const struct btf_view *v, struct btf_err *e)
{
	struct walk w = { .v = v, .e = e };
	__u32 id;
	int err;

	err = check_ranges(v, e);
	if (err)
		return err;
	w.col = calloc(v->cnt, 1);
	if (!w.col)
		return btf_err_set(e, -ENOMEM, "out of memory");
	for (id = v->first; id < v->cnt && !err; id++) {
		err = walk_from(&w, id, G_DECL);
		if (!err)
			err = walk_from(&w, id, G_VALUE);
	}
	free(w.col);
	free(w.stk);
	return err;
}

/* ---- root NAME ---- */

static const char *const root_kinds[] = { "struct", "union", "enum", "typedef" };

static bool kind_matches(__u32 kind, int want)
{
	switch (want) {
	case 0: return kind == BTF_KIND_STRUCT;
	case 1: return kind == BTF_KIND_UNION;
	case 2: return kind == BTF_KIND_ENUM || kind == BTF_KIND_ENUM64;
	case 3: return kind == BTF_KIND_TYPEDEF;
	default:
		switch (kind) {
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_INT:
		case BTF_KIND_FLOAT:
			return true;
		default:
			return false;
		}
	}
}

/* "struct foo" -> want 0, name "foo"; a bare name -> want -1 */
static const char *split_kind(const char *s, int *want)
{
	size_t i, n;

	*want = -1;
	for (i = 0; i < sizeof(root_kinds) / sizeof(root_kinds[0]); i++) {
		n = strlen(root_kinds[i]);
		if (!strncmp(s, root_kinds[i], n) && (s[n] == ' ' || s[n] == '\t')) {
			*want = i;
			s += n;
			while (*s == ' ' || *s == '\t')
				s++;
			return s;
		}
	}
	return s;
}

int btf_find_root(const struct btf_view *v, const char *arg, __u32 *id,
		  struct btf_err *e)
{
	__u32 cnt = v->cnt, i, found[4], nfound = 0;
	const struct btf_type *t;
	const char *name, *s;
	char list[256] = "";
	size_t len = 0;
	int want;

	if (!parse_u32(arg, id))
		return 0;
	name = split_kind(arg, &want);
	if (!*name)
		return btf_err_set(e, -EINVAL, "root needs a type name, got '%s'",
				   arg);
	for (i = 1; i < cnt; i++) {
		t = btf_view_type(v, i);
		if (!t->name_off || !kind_matches(btf_kind(t), want))
			continue;
		s = btf_view_str(v, t->name_off);
		if (!s || strcmp(s, name))
			continue;
		if (nfound < 4)
			found[nfound] = i;
		nfound++;
	}
	if (!nfound)
		return btf_err_set(e, -ENOENT, "no type named '%s' in this BTF",
				   arg);
	if (nfound == 1) {
		*id = found[0];
		return 0;
	}
	for (i = 0; i < nfound && i < 4; i++) {
		t = btf_view_type(v, found[i]);
		len += snprintf(list + len, sizeof(list) - len, "%s%s %s (id %u)",
				i ? ", " : "", btf_kind_word(t), name, found[i]);
		if (len >= sizeof(list))
			break;
	}
	return btf_err_set(e, -EINVAL, "type name '%s' is ambiguous (%u matches: %s%s); qualify it as 'struct %s' etc. or use root_id",
			   arg, nfound, list, nfound > 4 ? ", ..." : "", name);
}

/* ---- .BTF.ext ---- */

/* The layout libbpf and the kernel share (not in any installed header). */
struct ext_hdr {
	__u16 magic;
	__u8 version;
	__u8 flags;
	__u32 hdr_len;
	__u32 func_info_off;
	__u32 func_info_len;
	__u32 line_info_off;
	__u32 line_info_len;
	__u32 core_relo_off;	/* only when hdr_len covers it */
	__u32 core_relo_len;
};


static const char *const ext_names[] = { "func_info", "line_info", "core_relo" };

static bool str_ok(const struct btf *btf, __u32 off)
{
	return btf__str_by_offset(btf, off) != NULL;
}

/* One record: its type ids in range, its strings inside the string section. */
static int ext_record(const struct btf *btf, enum btf_ext_kind k, const __u32 *r,
		      struct btf_err *e)
{
	__u32 cnt = btf__type_cnt(btf);
	const struct btf_type *t;

	switch (k) {
	case BTF_EXT_FUNC:	/* insn_off, type_id */
		t = r[1] < cnt ? btf__type_by_id(btf, r[1]) : NULL;
		if (!t || !btf_is_func(t))
			return btf_err_set(e, -EINVAL, "bad .BTF.ext: func_info names type %u, not a FUNC",
					   r[1]);
		return 0;
	case BTF_EXT_LINE:	/* insn_off, file_name_off, line_off, line_col */
		if (!str_ok(btf, r[1]) || !str_ok(btf, r[2]))
			return btf_err_set(e, -EINVAL, "bad .BTF.ext: line_info string offset past the string section");
		return 0;
	case BTF_EXT_CORE:	/* insn_off, type_id, access_str_off, kind */
		if (!r[1] || r[1] >= cnt)
			return btf_err_set(e, -EINVAL, "bad .BTF.ext: core_relo names type %u, past the last type %u",
					   r[1], cnt - 1);
		if (!str_ok(btf, r[2]))
			return btf_err_set(e, -EINVAL, "bad .BTF.ext: core_relo access string past the string section");
		return 0;
	}
	return 0;
}

/*
 * One info section: a record size, then per ELF section a header (name,
 * count) and count records. The sizes are libbpf's minimums.
 */
struct ext_walk {
	btf_ext_fn fn;
	void *ctx;
};

static int ext_info(const struct btf *btf, enum btf_ext_kind k, const char *p,
		    __u32 len, const struct ext_walk *w, struct btf_err *e)
{
	static const __u32 min_rec[] = { 8, 16, 16 };
	const char *name = ext_names[k];
	__u32 rec, i;
	__u64 need;

	if (!len)
		return 0;
	if (len < 4)
		return btf_err_set(e, -EINVAL, "bad .BTF.ext: %s is %u bytes", name, len);
	memcpy(&rec, p, 4);
	if (rec < min_rec[k] || rec % 4 || rec > 1024)
		return btf_err_set(e, -EINVAL, "bad .BTF.ext: %s record size %u", name, rec);
	p += 4;
	len -= 4;
	if (!len)
		return btf_err_set(e, -EINVAL, "bad .BTF.ext: %s has no sections", name);
	while (len) {
		__u32 hdr[2];

		if (len < sizeof(hdr))
			return btf_err_set(e, -EINVAL, "bad .BTF.ext: %s section header is truncated", name);
		memcpy(hdr, p, sizeof(hdr));
		need = sizeof(hdr) + (__u64)hdr[1] * rec;
		if (!hdr[1] || need > len)
			return btf_err_set(e, -EINVAL, "bad .BTF.ext: %s section of %u records does not fit",
					   name, hdr[1]);
		if (!str_ok(btf, hdr[0]) || !*btf__str_by_offset(btf, hdr[0]))
			return btf_err_set(e, -EINVAL, "bad .BTF.ext: %s section name offset %u is not a name",
					   name, hdr[0]);
		for (i = 0; i < hdr[1]; i++) {
			__u32 r[4];

			memcpy(r, p + sizeof(hdr) + (size_t)i * rec, sizeof(r));
			if (ext_record(btf, k, r, e))
				return e->code;
			if (w->fn && w->fn(w->ctx, k, btf__str_by_offset(btf, hdr[0]),
					   i, r, e))
				return e->code;
		}
		p += need;
		len -= need;
	}
	return 0;
}

int btf_ext_check(const struct btf *btf, const void *data, size_t size,
		  struct btf_err *e)
{
	return btf_ext_walk(btf, data, size, NULL, NULL, e);
}

int btf_ext_walk(const struct btf *btf, const void *data, size_t size,
		 btf_ext_fn fn, void *ctx, struct btf_err *e)
{
	struct ext_walk w = { fn, ctx };
	struct ext_hdr h = {};
	__u32 off[3], len[3];
	const char *p = data;
	int k, err;

	if (size < offsetof(struct ext_hdr, core_relo_off))
		return btf_err_set(e, -EINVAL, "bad .BTF.ext: %zu bytes is too short", size);
	memcpy(&h, data, size < sizeof(h) ? size : sizeof(h));
	if (h.magic != BTF_MAGIC || h.version != BTF_VERSION || h.flags)
		return btf_err_set(e, -EINVAL, "bad .BTF.ext: bad magic, version or flags");
	if (h.hdr_len < offsetof(struct ext_hdr, core_relo_off) || h.hdr_len > size)
		return btf_err_set(e, -EINVAL, "bad .BTF.ext: header length %u", h.hdr_len);
	if (h.hdr_len < sizeof(h))
		h.core_relo_off = h.core_relo_len = 0;
	off[0] = h.func_info_off, len[0] = h.func_info_len;
	off[1] = h.line_info_off, len[1] = h.line_info_len;
	off[2] = h.core_relo_off, len[2] = h.core_relo_len;
	for (k = 0; k < 3; k++) {
		if (!len[k])
			continue;
		if (off[k] % 4 || (__u64)h.hdr_len + off[k] + len[k] > size)
			return btf_err_set(e, -EINVAL, "bad .BTF.ext: %s (offset %u, length %u) is outside the section",
					   ext_names[k], off[k], len[k]);
		err = ext_info(btf, k, p + h.hdr_len + off[k], len[k], &w, e);
		if (err)
			return err;
	}
	return 0;
}
