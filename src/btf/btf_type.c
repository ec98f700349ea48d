// SPDX-License-Identifier: GPL-2.0-only
/*
 * The BTF type layer: record sizes, references and enumerators per kind.
 */
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
