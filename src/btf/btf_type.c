// SPDX-License-Identifier: GPL-2.0-only
/*
 * The BTF type layer: record sizes, references and enumerators per kind,
 * and types as text the way bpftool writes them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <bpf/btf.h>

#include "btf_type.h"

size_t btf_type_rec_size(const struct btf_type *t)
{
	size_t vlen = btf_vlen(t), base = sizeof(*t);

	switch (btf_kind(t)) {
	case BTF_KIND_INT: return base + 4;
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG: return base;
	case BTF_KIND_ARRAY: return base + sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: return base + vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM: return base + vlen * sizeof(struct btf_enum);
	case BTF_KIND_ENUM64: return base + vlen * sizeof(struct btf_enum64);
	case BTF_KIND_FUNC_PROTO: return base + vlen * sizeof(struct btf_param);
	case BTF_KIND_VAR: return base + sizeof(struct btf_var);
	case BTF_KIND_DATASEC:
		return base + vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_DECL_TAG: return base + sizeof(struct btf_decl_tag);
	default: return 0;
	}
}

bool btf_type_enumerator(const struct btf_type *t, __u32 i, __u32 *name_off,
			 __u64 *val)
{
	if (i >= btf_vlen(t))
		return false;
	if (btf_is_enum(t)) {
		const struct btf_enum *e = btf_enum(t) + i;

		*name_off = e->name_off;
		*val = btf_kflag(t) ? (__u64)(__s64)e->val : (__u64)(__u32)e->val;
		return true;
	}
	if (btf_is_enum64(t)) {
		const struct btf_enum64 *e = btf_enum64(t) + i;

		*name_off = e->name_off;
		*val = btf_enum64_value(e);
		return true;
	}
	return false;
}

static const struct btf_type *type_of_btf(const void *btf, __u32 id)
{
	return btf__type_by_id(btf, id);
}

long long btf_type_size(const struct btf *btf, __u32 id)
{
	size_t psz = btf__pointer_size(btf);

	return btf_size_walk(btf, type_of_btf, id, psz ? (int)psz : 8);
}

const char *btf_kind_word(const struct btf_type *t)
{
	static const char *const w[] = {
		"void", "int", "pointer", "array", "struct", "union", "enum",
		"fwd", "typedef", "volatile", "const", "restrict", "func",
		"func_proto", "var", "datasec", "float", "decl_tag",
		"type_tag", "enum64",
	};
	__u32 k = btf_kind(t);

	return k < sizeof(w) / sizeof(w[0]) ? w[k] : "unknown";
}

/* ---- types as bpftool writes them -------------------------------------- */

struct sig {
	char *buf;
	int pos, size;
	bool bad;
};

static void sig_put(struct sig *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sig_put(struct sig *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (s->bad)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->pos, s->size - s->pos, fmt, ap);
	va_end(ap);
	if (n < 0 || s->pos + n >= s->size) {
		s->bad = true;
		return;
	}
	s->pos += n;
}

static void sig_type(struct sig *s, const struct btf *btf, __u32 id,
		     int depth);

static void sig_func(struct sig *s, const struct btf *btf,
		     const struct btf_type *proto, const char *name, int depth)
{
	const struct btf_param *p;
	int i;

	if (!proto || !btf_is_func_proto(proto)) {
		s->bad = true;
		return;
	}
	sig_type(s, btf, proto->type, depth + 1);
	sig_put(s, "%s(", name ? name : "");
	p = btf_params(proto);
	for (i = 0; i < btf_vlen(proto); i++, p++) {
		if (i)
			sig_put(s, ", ");
		if (!p->type) {
			sig_put(s, "...");
			continue;
		}
		sig_type(s, btf, p->type, depth + 1);
		if (p->name_off)
			sig_put(s, "%s", btf__name_by_offset(btf, p->name_off));
		else if (!s->bad && s->pos && s->buf[s->pos - 1] == ' ')
			s->buf[--s->pos] = '\0';	/* "int" not "int " */
	}
	sig_put(s, ")");
}

/* Type names the way bpftool writes them: "struct x * ", "const int ". */
static void sig_type(struct sig *s, const struct btf *btf, __u32 id,
		     int depth)
{
	static const char *const keyword[] = {
		[BTF_KIND_STRUCT] = "struct", [BTF_KIND_UNION] = "union",
		[BTF_KIND_ENUM] = "enum", [BTF_KIND_ENUM64] = "enum",
		[BTF_KIND_VOLATILE] = "volatile", [BTF_KIND_CONST] = "const",
		[BTF_KIND_RESTRICT] = "restrict",
	};
	const struct btf_type *t;
	const char *name;

	if (s->bad)
		return;
	if (depth > 32) {	/* a BTF loop must not hang us */
		s->bad = true;
		return;
	}
	if (!id) {
		sig_put(s, "void ");
		return;
	}
	t = btf__type_by_id(btf, id);
	if (!t) {
		s->bad = true;
		return;
	}
	name = btf__name_by_offset(btf, t->name_off);
	if (!name)
		name = "";
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FLOAT:
		sig_put(s, "%s ", name);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		sig_put(s, "%s %s ", keyword[btf_kind(t)], name);
		break;
	case BTF_KIND_ARRAY:
		sig_type(s, btf, btf_array(t)->type, depth + 1);
		sig_put(s, "[%u]", btf_array(t)->nelems);
		break;
	case BTF_KIND_PTR:
		sig_type(s, btf, t->type, depth + 1);
		sig_put(s, "* ");
		break;
	case BTF_KIND_FWD:
		sig_put(s, "%s %s ", btf_kflag(t) ? "union" : "struct", name);
		break;
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
		sig_put(s, "%s ", keyword[btf_kind(t)]);
		sig_type(s, btf, t->type, depth + 1);
		break;
	case BTF_KIND_FUNC_PROTO:
		sig_func(s, btf, t, NULL, depth);
		break;
	case BTF_KIND_FUNC:
		sig_func(s, btf, btf__type_by_id(btf, t->type), name, depth);
		break;
	case BTF_KIND_VAR:
		if (btf_var(t)->linkage == BTF_VAR_STATIC)
			sig_put(s, "static ");
		sig_type(s, btf, t->type, depth + 1);
		sig_put(s, " %s", name);
		break;
	case BTF_KIND_DATASEC:
		sig_put(s, "section (\"%s\") ", name);
		break;
	default:
		s->bad = true;
	}
}

void btf_func_sig(const struct btf *btf, __u32 type_id, char *buf, int size)
{
	struct sig s = { .buf = buf, .size = size };

	if (size <= 0)
		return;
	buf[0] = '\0';
	if (!btf)
		return;
	sig_type(&s, btf, type_id, 0);
	if (s.bad)
		buf[0] = '\0';
}
