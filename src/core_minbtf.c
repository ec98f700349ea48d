// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen min_core_btf: keep from a kernel's BTF only what the objects' CO-RE
 * relocations look at. Each relocation is resolved with the engine; every
 * candidate that matched is kept along the access path it matched (the
 * structs with just the members on the path, keeping their sizes and bit
 * offsets), type relocations keep their type graph, enum relocations their
 * enum. Candidates that did not match are left out: they would not match
 * in the smaller BTF either, and the values come out the same (type ids
 * aside, which are renumbered).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <bpf/btf.h>

#include "atomic_out.h"
#include "bpf_elf.h"
#include "btf_load.h"
#include "btf_src.h"
#include "core_minbtf.h"
#include "core_reloc.h"
#include "main.h"

struct keep {
	const struct btf *btf;
	struct btf_view view;	/* the same, for the engine */
	__u32 n;
	unsigned char *type;	/* 1 kept, 2 kept with every member */
	unsigned char **mem;	/* composites: members kept */
	unsigned char *deep;	/* deep marking done */
};

static int keep_member(struct keep *k, __u32 id, __u32 idx)
{
	const struct btf_type *t = btf__type_by_id(k->btf, id);

	k->type[id] = k->type[id] ? k->type[id] : 1;
	if (!k->mem[id]) {
		k->mem[id] = calloc(btf_vlen(t) ? btf_vlen(t) : 1, 1);
		if (!k->mem[id])
			return -ENOMEM;
	}
	k->mem[id][idx] = 1;
	return 0;
}

/*
 * id and what makes its size and kind known; with ptrs, pointees and
 * function prototypes too (type compatibility looks through them), but
 * never struct members.
 */
static void keep_walk(struct keep *k, __u32 id, bool ptrs, int depth)
{
	int i;

	while (id && id < k->n && depth++ < 64) {
		const struct btf_type *t = btf__type_by_id(k->btf, id);

		if (!k->type[id])
			k->type[id] = 1;
		if (btf_is_mod(t) || btf_is_typedef(t)) {
			id = t->type;
		} else if (btf_is_array(t)) {
			keep_walk(k, btf_array(t)->index_type, false, depth);
			id = btf_array(t)->type;
		} else if (ptrs && btf_is_ptr(t)) {
			id = t->type;
		} else if (ptrs && btf_is_func_proto(t)) {
			for (i = 0; i < btf_vlen(t); i++)
				keep_walk(k, btf_params(t)[i].type, true, depth);
			id = t->type;
		} else {
			return;
		}
	}
}

static void keep_shallow(struct keep *k, __u32 id)
{
	keep_walk(k, id, false, 0);
}

/* id with all it refers to; composites with every member. */
static int keep_deep(struct keep *k, __u32 id, int level)
{
	const struct btf_type *t;
	int i, ret;

	if (!id || id >= k->n || k->deep[id] || level > 64)
		return 0;
	k->deep[id] = 1;
	k->type[id] = 2;
	t = btf__type_by_id(k->btf, id);
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
		keep_shallow(k, t->type);
		return 0;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		for (i = 0; i < btf_vlen(t); i++) {
			ret = keep_deep(k, btf_members(t)[i].type, level + 1);
			if (ret)
				return ret;
		}
		return 0;
	case BTF_KIND_ARRAY:
		ret = keep_deep(k, btf_array(t)->index_type, level + 1);
		return ret ? ret : keep_deep(k, btf_array(t)->type, level + 1);
	case BTF_KIND_FUNC_PROTO:
		for (i = 0; i < btf_vlen(t); i++) {
			ret = keep_deep(k, btf_params(t)[i].type, level + 1);
			if (ret)
				return ret;
		}
		return keep_deep(k, t->type, level + 1);
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_TYPE_TAG:
		return keep_deep(k, t->type, level + 1);
	default:
		return 0;
	}
}

/* The members and arrays on a field relocation's target path. */
static int keep_path(struct keep *k, const struct core_spec *s)
{
	__u32 id = s->root_id;
	int i, ret, depth;

	keep_shallow(k, id);
	for (i = 1; i < s->raw_len; i++) {
		const struct btf_type *t = btf__type_by_id(k->btf, id);

		for (depth = 0; t && (btf_is_mod(t) || btf_is_typedef(t)) &&
		     depth < 64; depth++) {
			id = t->type;
			t = btf__type_by_id(k->btf, id);
		}
		if (!t)
			return -EINVAL;
		if (btf_is_composite(t)) {
			if ((__u32)s->raw[i] >= btf_vlen(t))
				return -EINVAL;
			ret = keep_member(k, id, s->raw[i]);
			if (ret)
				return ret;
			id = btf_members(t)[s->raw[i]].type;
		} else if (btf_is_array(t)) {
			id = btf_array(t)->type;
		} else {
			return -EINVAL;
		}
		keep_shallow(k, id);
	}
	return 0;
}

static int keep_relo(struct keep *k, const struct core_result *res)
{
	struct core_spec spec;
	int i, n = res->matched < CORE_MATCH_MAX ? res->matched
						  : CORE_MATCH_MAX;
	int ret;

	for (i = 0; i < n; i++) {
		__u32 id = res->match_ids[i];

		/* matching looks into members; enums keep their values */
		if (res->local.kind == BPF_CORE_TYPE_MATCHES ||
		    core_kind_is_enumval(res->local.kind)) {
			ret = keep_deep(k, id, 0);
			if (ret)
				return ret;
			continue;
		}
		if (core_kind_is_type(res->local.kind)) {
			keep_walk(k, id, true, 0);
			continue;
		}
		if (core_spec_match(&res->local, &k->view, id, &spec) <= 0)
			return -EINVAL;
		ret = keep_path(k, &spec);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * A relocation libbpf refuses (candidates disagree): keep every candidate,
 * each along its matched path, so that the smaller BTF fails alike.
 */
static int keep_all_cands(struct keep *k, const struct core_result *res)
{
	const struct btf_type *lt = btf_view_type(res->local.btf,
						  res->local.root_id);
	const char *name = lt ? btf_view_str(res->local.btf, lt->name_off) : NULL;
	struct core_spec spec;
	struct core_index *x;
	__u32 id = 0;
	size_t len;
	int ret = 0;

	if (!name || !*name || !res->local.btf)
		return 0;
	x = core_index_new(&k->view);
	if (!x)
		return -ENOMEM;
	len = core_essential_len(name);
	while (!ret && (id = core_index_next(x, name, len, id))) {
		if (core_spec_match(&res->local, &k->view, id, &spec) <= 0)
			continue;
		if (core_kind_is_field(res->local.kind))
			ret = keep_path(k, &spec);
		else
			ret = keep_deep(k, id, 0);
	}
	core_index_free(x);
	return ret;
}

static int keep_object(struct keep *k, const char *path)
{
	struct core_result res;
	struct btf_view lv;
	struct core_ctx *c;
	struct bpf_elf *e;
	char err[400];
	int i, ret = 0;

	if (bpf_elf_open(path, &e, err, sizeof(err)))
		return p_err("%s", err);
	if (!e->btf) {
		bpf_elf_free(e);
		return p_err("%s: no .BTF section (compile with clang -g)", path);
	}
	btf_view_of(&lv, e->btf);
	c = core_ctx_new(&lv, &k->view, NULL);
	if (!c) {
		bpf_elf_free(e);
		return p_err("out of memory");
	}
	for (i = 0; i < e->ncore && !ret; i++) {
		const struct bpf_elf_core *rec = &e->core[i];
		__u32 cnt;
		const struct bpf_insn *insns = bpf_elf_insns(e, rec->sec, &cnt);
		struct bpf_insn copy[2];

		copy[0] = insns[rec->insn];
		copy[1] = rec->insn + 1 < cnt ? insns[rec->insn + 1] : copy[0];
		core_relo_apply(c, rec, copy, rec->insn + 1 < cnt ? 2 : 1, &res);
		if (res.status == CORE_FAILED && res.local.btf)
			ret = keep_all_cands(k, &res) ?
			      p_err("%s: relocation #%u: bad target BTF", path,
				    rec->index) : 0;
		else if (res.matched > CORE_MATCH_MAX)
			ret = p_err("%s: relocation #%u has too many candidates",
				    path, rec->index);
		else if (res.matched)
			ret = keep_relo(k, &res) ?
			      p_err("%s: relocation #%u: bad target BTF", path,
				    rec->index) : 0;
	}
	core_ctx_free(c);
	bpf_elf_free(e);
	return ret;
}

static void remap(struct btf_type *t, const __u32 *map, __u32 n)
{
	__u32 i, *ref;

	/* every id the record holds, as the type layer lists them */
	for (i = 0; btf_type_edge(t, i, &ref) != BTF_EDGE_NONE; i++)
		*ref = *ref < n ? map[*ref] : 0;
}

static int add_composite(struct btf *out, const struct keep *k, __u32 id,
			 const __u32 *map)
{
	const struct btf_type *t = btf__type_by_id(k->btf, id);
	const char *name = btf__name_by_offset(k->btf, t->name_off);
	int ret, i;

	ret = btf_is_struct(t) ? btf__add_struct(out, name, t->size)
			       : btf__add_union(out, name, t->size);
	for (i = 0; ret >= 0 && i < btf_vlen(t); i++) {
		const struct btf_member *m = btf_members(t) + i;
		__u32 mt = m->type < k->n ? map[m->type] : 0;

		if (k->type[id] != 2 && (!k->mem[id] || !k->mem[id][i]))
			continue;
		if (btf__add_field(out, btf__name_by_offset(k->btf, m->name_off),
				   mt, btf_member_bit_offset(t, i),
				   btf_member_bitfield_size(t, i)) < 0)
			return -EINVAL;
	}
	return ret;
}

static struct btf *build(const struct keep *k)
{
	struct btf *out = btf__new_empty();
	__u32 *map = calloc(k->n, sizeof(*map)), id, next = 1;
	int ret = 0;

	if (!out || !map)
		goto fail;
	for (id = 1; id < k->n; id++)
		if (k->type[id])
			map[id] = next++;
	for (id = 1; id < k->n && ret >= 0; id++) {
		const struct btf_type *t = btf__type_by_id(k->btf, id);

		if (!k->type[id])
			continue;
		if (btf_is_composite(t)) {
			ret = add_composite(out, k, id, map);
			continue;
		}
		ret = btf__add_type(out, k->btf, t);
		if (ret > 0)
			remap((struct btf_type *)btf__type_by_id(out, ret), map,
			      k->n);
	}
	if (ret < 0)
		goto fail;
	free(map);
	return out;
fail:
	free(map);
	btf__free(out);
	return NULL;
}

static void keep_free(struct keep *k)
{
	__u32 i;

	for (i = 0; k->mem && i < k->n; i++)
		free(k->mem[i]);
	free(k->mem);
	free(k->type);
	free(k->deep);
}

static int min_one(const char *in, const char *out, char **objs, int nobjs)
{
	struct keep k = { 0 };
	struct btf *btf, *res;
	struct btf_err e;
	struct btf_src src;
	const void *raw;
	__u32 size;
	int i, ret = -1;

	if (btf_src_load_path(in, NULL, &src, &e))
		return p_err("%s", e.msg);
	btf = src.btf;
	k.btf = btf;
	btf_view_of(&k.view, btf);
	k.n = btf__type_cnt(btf);
	k.type = calloc(k.n, 1);
	k.deep = calloc(k.n, 1);
	k.mem = calloc(k.n, sizeof(*k.mem));
	if (!k.type || !k.deep || !k.mem) {
		p_err("out of memory");
		goto out;
	}
	for (i = 0; i < nobjs; i++)
		if (keep_object(&k, objs[i]))
			goto out;
	res = build(&k);
	if (!res) {
		p_err("failed to build the minimal BTF of %s", in);
		goto out;
	}
	raw = btf__raw_data(res, &size);
	ret = raw ? atomic_write_file(out, raw, size)
		  : p_err("failed to build the minimal BTF of %s", in);
	btf__free(res);
out:
	keep_free(&k);
	btf_src_free(&src);
	return ret;
}

/* OUTPUT/REL for INPUT/REL, parents created; an archive's name loses .tar.xz */
static char *out_path(const char *indir, const char *in, const char *outdir)
{
	const char *rel = in + strlen(indir);
	char *p, *s;
	size_t n;

	while (*rel == '/')
		rel++;
	if (asprintf(&p, "%s/%s", outdir, rel) < 0)
		return NULL;
	n = strlen(p);
	if (n > 7 && !strcmp(p + n - 7, ".tar.xz"))
		p[n - 7] = '\0';
	for (s = p + strlen(outdir) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(p, 0755) && errno != EEXIST) {
			free(p);
			return NULL;
		}
		*s = '/';
	}
	return p;
}

/* btfhub's layout: every BTF below INPUT minimized to the same place below OUTPUT */
static int min_dir(const char *in, const char *out, char **objs, int nobjs)
{
	struct btf_err e;
	char **paths, *o;
	int n, i, ret = 0;

	if (btf_src_expand(in, &paths, &n, &e))
		return p_err("%s", e.msg);
	if (!n)
		ret = p_err("%s: no BTF files found", in);
	if (!ret && mkdir(out, 0755) && errno != EEXIST)
		ret = p_err("can't create %s: %s", out, strerror(errno));
	for (i = 0; i < n && !ret; i++) {
		o = out_path(in, paths[i], out);
		if (!o) {
			ret = p_err("can't create the directories of %s below %s",
				    paths[i], out);
			break;
		}
		ret = min_one(paths[i], o, objs, nobjs);
		free(o);
	}
	btf_src_paths_free(paths, n);
	return ret;
}

int do_gen_min_core_btf(int argc, char **argv)
{
	struct stat st;

	if (argc < 3)
		return p_err("expected INPUT OUTPUT OBJECT...: gen min_core_btf INPUT OUTPUT OBJECT...");
	if (stat(argv[0], &st))
		return p_err("%s: %s", argv[0], strerror(errno));
	if (S_ISDIR(st.st_mode) ? min_dir(argv[0], argv[1], argv + 2, argc - 2)
				 : min_one(argv[0], argv[1], argv + 2, argc - 2))
		return -1;
	return cmd_done(0);
}
