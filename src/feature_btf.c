// SPDX-License-Identifier: GPL-2.0-only
/*
 * `feature probe btf SRC`: what a kernel offers, read from its BTF alone,
 * for kernels that cannot be booted here.
 *
 * Types come from the kernel's own enums (enum bpf_prog_type, ...), by
 * value: values names.c knows print under the live probe's names (so keys
 * match `feature probe`), newer ones under their enumerator's name, and
 * known values the kernel lacks print as false. Helpers are the names of
 * enum bpf_func_id; kfuncs the functions tagged "bpf_kfunc"; BTF-based
 * attach points are counted by their conventional type names.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#include "args.h"
#include "array.h"
#include "btf_src.h"
#include "btf_type.h"
#include "feature.h"
#include "main.h"
#include "names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct enum_kind {
	const char *what;	/* "prog": have_X_prog_type */
	const char *section;	/* JSON key */
	const char *title;	/* plain heading */
	const char *btf_name;	/* the kernel's enum */
	const char *prefix;	/* enumerator prefix dropped for names */
	const char *(*name)(__u32 v);
	__u32 first;		/* first value worth a line (skip unspec) */
};

static const struct enum_kind enum_kinds[] = {
	{ "prog", "program_types", "Scanning eBPF program types...",
	  "bpf_prog_type", "BPF_PROG_TYPE_", prog_type_name, 1 },
	{ "map", "map_types", "Scanning eBPF map types...",
	  "bpf_map_type", "BPF_MAP_TYPE_", map_type_name, 1 },
	{ "attach", "attach_types", "Scanning eBPF attach types...",
	  "bpf_attach_type", "BPF_", attach_type_name, 0 },
	{ "link", "link_types", "Scanning eBPF link types...",
	  "bpf_link_type", "BPF_LINK_TYPE_", link_type_name, 1 },
};

static const struct btf_type *find_enum(const struct btf *btf,
					const char *name)
{
	__s32 id = btf__find_by_name_kind(btf, name, BTF_KIND_ENUM);

	return id > 0 ? btf__type_by_id(btf, id) : NULL;
}

/* "BPF_PROG_TYPE_NEW_THING" -> "new_thing"; NULL for __MAX_* and others */
static char *enumerator_name(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	char *r, *p;

	if (strncmp(s, prefix, n) || !s[n])
		return NULL;
	r = strdup(s + n);
	for (p = r; p && *p; p++)
		*p = tolower((unsigned char)*p);
	return r;
}

/*
 * Is v an enumerator of e whose name is not a __MAX_ sentinel? (The
 * sentinel's value is one past the last type.)
 */
static const char *enum_has(const struct btf *btf, const struct btf_type *e,
			    __u32 v)
{
	__u32 i, off;
	__u64 val;

	for (i = 0; e && btf_type_enumerator(e, i, &off, &val); i++) {
		const char *n = btf__name_by_offset(btf, off);

		if (val == v && n && strncmp(n, "__", 2))
			return n;
	}
	return NULL;
}

static void print_enum_kind(const struct btf *btf, const struct enum_kind *k)
{
	const struct btf_type *e = find_enum(btf, k->btf_name);
	const char *name;
	__u32 v, i, off;
	__u64 val;

	feature_section_start(k->section, k->title);
	/* every value we know, answered */
	for (v = k->first; (name = k->name(v)); v++)
		feature_type_answer(k->what, name, enum_has(btf, e, v));
	/* and the kernel's values past our tables, under its own names */
	for (i = 0; e && btf_type_enumerator(e, i, &off, &val); i++) {
		const char *en = btf__name_by_offset(btf, off);
		char *own;

		if (val > 0xffffffffu || k->name(val) || !en ||
		    !strncmp(en, "__", 2))
			continue;
		own = enumerator_name(en, k->prefix);
		if (own)
			feature_type_answer(k->what, own, true);
		free(own);
	}
	feature_section_end();
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct names {
	const char **v;
	size_t n, cap;
};

static int names_add(struct names *l, const char *s)
{
	if (ARRAY_RESERVE(l->v, l->cap, l->n + 1, 256))
		return -1;
	l->v[l->n++] = s;
	return 0;
}

static void print_names(const char *key, const char *title,
			const char *lead, struct names *l)
{
	size_t i;

	if (json_wtr) {
		jsonw_name(json_wtr, key);
		jsonw_start_array(json_wtr);
	} else {
		printf("%s\n%s", title, lead);
	}
	for (i = 0; i < l->n; i++) {
		if (i && !strcmp(l->v[i], l->v[i - 1]))
			continue;
		if (json_wtr)
			jsonw_string(json_wtr, l->v[i]);
		else
			printf("\n\t- %s", l->v[i]);
	}
	if (json_wtr)
		jsonw_end_array(json_wtr);
	else
		printf("\n\n");
}

/* enum bpf_func_id, in id order: BPF_FUNC_map_lookup_elem -> bpf_map_... */
static int print_helpers(const struct btf *btf)
{
	const struct btf_type *e = find_enum(btf, "bpf_func_id");
	struct names l = {};
	char **own = calloc(e ? btf_vlen(e) : 1, sizeof(*own));
	__u32 i, off;
	__u64 val;
	int n = 0;

	if (!own)
		return p_err("out of memory");
	for (i = 0; e && btf_type_enumerator(e, i, &off, &val); i++) {
		const char *en = btf__name_by_offset(btf, off);

		if (!en || strncmp(en, "BPF_FUNC_", 9) || !val ||
		    val > 0x7fffffff)
			continue;
		if (asprintf(&own[n], "bpf_%s", en + 9) < 0 ||
		    names_add(&l, own[n++]))
			break;
	}
	print_names("helpers", "Scanning eBPF helper functions...",
		    "eBPF helpers in this kernel:", &l);
	while (n--)
		free(own[n]);
	free(own);
	free(l.v);
	return 0;
}

static bool is_kfunc_tag(const struct btf *btf, const struct btf_type *t)
{
	const char *n;

	if (!btf_is_decl_tag(t) || btf_decl_tag(t)->component_idx != -1)
		return false;
	n = btf__name_by_offset(btf, t->name_off);
	return n && !strcmp(n, "bpf_kfunc");
}

struct attach_counts {
	unsigned int trace, lsm, iter;
};

/*
 * One pass for the kfunc tags (marking their functions, which may carry
 * several tags), one for the attach points: each iterator target has its
 * context struct bpf_iter__TARGET (its bpf_iter_TARGET function shares the
 * prefix with open-coded iterator kfuncs and helpers, so it is no signal).
 */
static int scan_types(const struct btf *btf, struct names *kfuncs,
		      struct attach_counts *c)
{
	__u32 id, n = btf__type_cnt(btf);
	char *kf = calloc(n, 1);

	if (!kf)
		return p_err("out of memory");
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const struct btf_type *f;

		if (!is_kfunc_tag(btf, t) || t->type >= n)
			continue;
		f = btf__type_by_id(btf, t->type);
		if (!btf_is_func(f) || kf[t->type] ||
		    !btf__name_by_offset(btf, f->name_off))
			continue;
		kf[t->type] = 1;
		if (names_add(kfuncs, btf__name_by_offset(btf, f->name_off)))
			break;
	}
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name = btf__name_by_offset(btf, t->name_off);

		if (!name || !*name)
			continue;
		if (btf_is_typedef(t) && !strncmp(name, "btf_trace_", 10))
			c->trace++;
		else if (btf_is_func(t) && !strncmp(name, "bpf_lsm_", 8))
			c->lsm++;
		else if (btf_is_struct(t) && !strncmp(name, "bpf_iter__", 10) &&
			 name[10] && !strstr(name + 10, "__"))
			c->iter++;
	}
	free(kf);
	return 0;
}

static void print_count(const char *key, const char *plain, unsigned int n)
{
	char have[64];

	snprintf(have, sizeof(have), "have_%s", key);
	if (json_wtr) {
		jsonw_bool_field(json_wtr, have, n > 0);
		jsonw_name(json_wtr, key);
		jsonw_uint(json_wtr, n);
	} else {
		printf("%s: %u\n", plain, n);
	}
}

static int probe_btf(const struct btf *btf)
{
	struct names kfuncs = {};
	struct attach_counts c = {};
	size_t i;

	if (json_wtr)
		jsonw_start_object(json_wtr);
	for (i = 0; i < ARRAY_SIZE(enum_kinds); i++)
		print_enum_kind(btf, &enum_kinds[i]);
	if (print_helpers(btf))
		return -1;
	if (scan_types(btf, &kfuncs, &c)) {
		free(kfuncs.v);
		return -1;
	}
	if (kfuncs.n)
		qsort(kfuncs.v, kfuncs.n, sizeof(*kfuncs.v), cmp_str);
	print_names("kfuncs", "Scanning kernel functions for BPF (kfuncs)...",
		    "Functions tagged bpf_kfunc:", &kfuncs);
	free(kfuncs.v);
	feature_section_start("btf_attach", "Scanning BTF-based attach points...");
	print_count("btf_trace", "BTF tracepoints (btf_trace_*)", c.trace);
	print_count("bpf_lsm", "LSM hooks (bpf_lsm_*)", c.lsm);
	print_count("bpf_iter", "BPF iterator targets (bpf_iter__*)", c.iter);
	feature_section_end();
	if (json_wtr)
		jsonw_end_object(json_wtr);
	return 0;
}

int feature_probe_btf(struct argcur *a)
{
	struct btf_spec *spec = NULL;
	struct btf_src src = {};
	struct btf_err err = {};
	int ret;

	if (!arg_more(a))
		return p_err("expected a BTF source after 'btf' (file FILE or id BTF_ID)");
	if (btf_spec_parse(a, &spec))
		return -1;
	if (arg_more(a)) {
		btf_spec_free(spec);
		return p_err("expected no more arguments after the BTF source, got: '%s'",
			     arg_peek(a));
	}
	ret = btf_spec_open(spec, &src, &err);
	btf_spec_free(spec);
	if (ret)
		return p_err_errno(ret, "%s", err.msg);
	if (!find_enum(src.btf, "bpf_prog_type") && !json_wtr)
		p_info("%s has no enum bpf_prog_type: not a kernel's BTF?",
		       src.label);
	ret = probe_btf(src.btf);
	btf_src_free(&src);
	return ret;
}
