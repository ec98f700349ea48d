// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reference output for tests/btf_c.bats: prints BTF as C in upstream
 * bpftool's "format c" layout, but with libbpf's own btf_dump doing the
 * type work. Our emitter (src/btf/btf_c.c) must agree with it.
 *   btf_c_oracle [-s] [-B BASE] FILE
 * -s visits the roots in upstream's sorted order, computed the plain way
 * (every type, full keys), to check the shortcuts our emitter takes; unlike
 * upstream it also dumps the first type in that order.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>

static void out(void *ctx, const char *fmt, va_list ap)
{
	(void)ctx;
	vfprintf(stdout, fmt, ap);
}

struct kfunc {
	const char *name;
	__u32 id;
	__u32 seq;
	int fastcall;
};

static int kfunc_cmp(const void *a, const void *b)
{
	const struct kfunc *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	return r ? r : (x->seq > y->seq) - (x->seq < y->seq);
}

static int is_tag_on(const struct btf *btf, __u32 func, const char *tag)
{
	__u32 i, n = btf__type_cnt(btf);

	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (btf_is_decl_tag(t) && t->type == func &&
		    btf_decl_tag(t)->component_idx == -1 &&
		    !strcmp(btf__name_by_offset(btf, t->name_off), tag))
			return 1;
	}
	return 0;
}

static int kfuncs(struct btf_dump *d, const struct btf *btf)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts);
	__u32 i, n = btf__type_cnt(btf), cnt = 0;
	struct kfunc *kf = calloc(n, sizeof(*kf));

	if (!kf)
		return -ENOMEM;
	printf("\n/* BPF kfuncs */\n#ifndef BPF_NO_KFUNC_PROTOTYPES\n");
	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i), *ft;

		if (!btf_is_decl_tag(t) || btf_decl_tag(t)->component_idx != -1)
			continue;
		ft = btf__type_by_id(btf, t->type);
		if (!btf_is_func(ft) ||
		    strcmp(btf__name_by_offset(btf, t->name_off), "bpf_kfunc"))
			continue;
		kf[cnt].name = btf__name_by_offset(btf, ft->name_off);
		kf[cnt].id = t->type;
		kf[cnt].seq = cnt;
		kf[cnt].fastcall = is_tag_on(btf, t->type, "bpf_fastcall");
		cnt++;
	}
	qsort(kf, cnt, sizeof(*kf), kfunc_cmp);
	for (i = 0; i < cnt; i++) {
		printf("extern %s", kf[i].fastcall ? "__bpf_fastcall " : "");
		opts.field_name = kf[i].name;
		btf_dump__emit_type_decl(d, btf__type_by_id(btf, kf[i].id)->type,
					 &opts);
		printf(" __weak __ksym;\n");
	}
	printf("#endif\n\n");
	free(kf);
	return 0;
}

/* ---- upstream's sort key, straightforwardly ---- */

struct key {
	int rank;
	const char *sname;
	const char *own;
	unsigned long long hash;
	__u32 id;
};

static const struct btf *g_btf;

static int is_ref(int kind)
{
	return kind == BTF_KIND_TYPE_TAG || kind == BTF_KIND_CONST ||
	       kind == BTF_KIND_PTR || kind == BTF_KIND_VOLATILE ||
	       kind == BTF_KIND_RESTRICT || kind == BTF_KIND_TYPEDEF ||
	       kind == BTF_KIND_DECL_TAG;
}

static int rank_of(__u32 id, int named)
{
	const struct btf_type *t = btf__type_by_id(g_btf, id);
	int kind = btf_kind(t);

	named |= t->name_off != 0;
	if (kind == BTF_KIND_ENUM || kind == BTF_KIND_ENUM64)
		return named ? 1 : 0;
	if (kind == BTF_KIND_INT || kind == BTF_KIND_FLOAT)
		return 2;
	if (kind == BTF_KIND_STRUCT || kind == BTF_KIND_UNION)
		return named ? 3 : 10;
	if (kind == BTF_KIND_FUNC_PROTO)
		return named ? 4 : 10;
	if (kind == BTF_KIND_ARRAY)
		return named ? rank_of(btf_array(t)->type, 1) : 10;
	if (is_ref(kind))
		return named ? rank_of(t->type, 1) : 10;
	return 10;
}

static const char *sname_of(__u32 id, int from_ref)
{
	const struct btf_type *t = btf__type_by_id(g_btf, id);
	int kind = btf_kind(t);
	__u32 off = t->name_off;

	if (kind == BTF_KIND_ENUM || kind == BTF_KIND_ENUM64) {
		if (!from_ref && !off && btf_vlen(t))
			off = kind == BTF_KIND_ENUM ? btf_enum(t)->name_off :
						     btf_enum64(t)->name_off;
		return btf__name_by_offset(g_btf, off);
	}
	if (kind == BTF_KIND_ARRAY)
		return sname_of(btf_array(t)->type, 1);
	if (is_ref(kind))
		return sname_of(t->type, 1);
	return btf__name_by_offset(g_btf, off);
}

static unsigned long long shash(const char *s)
{
	unsigned long long h = 0;

	while (*s)
		h = h * 31 + (unsigned long long)(long long)*s++;
	return h;
}

static unsigned long long nhash(unsigned long long h, __u32 off)
{
	return off ? h * 31 + shash(btf__name_by_offset(g_btf, off)) : h;
}

static unsigned long long hash_of(__u32 id, int members)
{
	const struct btf_type *t = btf__type_by_id(g_btf, id);
	unsigned long long h = nhash(0, t->name_off);
	int i, kind = btf_kind(t);

	if (kind == BTF_KIND_ENUM)
		for (i = 0; i < btf_vlen(t); i++)
			h = nhash(h, btf_enum(t)[i].name_off);
	else if (kind == BTF_KIND_ENUM64)
		for (i = 0; i < btf_vlen(t); i++)
			h = nhash(h, btf_enum64(t)[i].name_off);
	else if ((kind == BTF_KIND_STRUCT || kind == BTF_KIND_UNION) && members)
		for (i = 0; i < btf_vlen(t); i++) {
			h = nhash(h, btf_members(t)[i].name_off);
			h = h * 31 + hash_of(btf_members(t)[i].type, 0);
		}
	else if (is_ref(kind))
		h = h * 31 + hash_of(t->type, members);
	else if (kind == BTF_KIND_ARRAY) {
		h = h * 31 + btf_array(t)->nelems;
		h = h * 31 + hash_of(btf_array(t)->type, members);
	}
	return h;
}

static int key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int r;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	r = strcmp(x->sname, y->sname);
	if (!r)
		r = strcmp(x->own, y->own);
	if (r)
		return r;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static struct key *sorted_keys(const struct btf *btf, __u32 n)
{
	struct key *k = calloc(n, sizeof(*k));
	__u32 i;

	if (!k)
		return NULL;
	g_btf = btf;
	for (i = 1; i < n; i++) {
		k[i].id = i;
		k[i].rank = rank_of(i, 0);
		k[i].sname = sname_of(i, 0);
		k[i].own = btf__name_by_offset(btf,
					       btf__type_by_id(btf, i)->name_off);
		k[i].hash = hash_of(i, 1);
	}
	qsort(k + 1, n - 1, sizeof(*k), key_cmp);
	return k;
}

int main(int argc, char **argv)
{
	struct btf *base = NULL, *btf;
	struct key *keys = NULL;
	struct btf_dump *d;
	int c, sorted = 0;
	__u32 i, n;

	while ((c = getopt(argc, argv, "sB:")) != -1) {
		if (c == 's') {
			sorted = 1;
			continue;
		}
		if (c != 'B')
			return 2;
		base = btf__parse(optarg, NULL);
		if (!base)
			return 1;
	}
	if (optind + 1 != argc)
		return 2;
	btf = btf__parse_split(argv[optind], base);
	if (!btf)
		return 1;
	d = btf_dump__new(btf, out, NULL, NULL);
	if (!d)
		return 1;
	printf("#ifndef __VMLINUX_H__\n#define __VMLINUX_H__\n\n");
	printf("#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n");
	printf("#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n");
	printf("#endif\n\n");
	printf("#ifndef __ksym\n#define __ksym __attribute__((section(\".ksyms\")))\n#endif\n\n");
	printf("#ifndef __weak\n#define __weak __attribute__((weak))\n#endif\n\n");
	printf("#ifndef __bpf_fastcall\n#if __has_attribute(bpf_fastcall)\n");
	printf("#define __bpf_fastcall __attribute__((bpf_fastcall))\n#else\n");
	printf("#define __bpf_fastcall\n#endif\n#endif\n\n");
	n = btf__type_cnt(btf);
	if (sorted && !(keys = sorted_keys(btf, n)))
		return 1;
	for (i = 1; i < n; i++)
		if (btf_dump__dump_type(d, keys ? keys[i].id : i))
			return 1;
	free(keys);
	if (kfuncs(d, btf))
		return 1;
	printf("#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n#pragma clang attribute pop\n#endif\n\n");
	printf("#endif /* __VMLINUX_H__ */\n");
	btf_dump__free(d);
	btf__free(btf);
	btf__free(base);
	return 0;
}
