// SPDX-License-Identifier: GPL-2.0-only
/*
 * "core check OBJ [btf FILE|DIR]...": on which kernels a CO-RE object loads,
 * judged from their BTF alone. Each kernel is checked by a worker thread
 * (one BTF in memory per worker); results are small and printed in the
 * order the kernels were given.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "args.h"
#include "array.h"
#include "bpf_elf.h"
#include "btf_load.h"
#include "core_check.h"
#include "core_obj.h"
#include "core_reloc.h"
#include "core_target.h"
#include "main.h"
#include "names.h"

enum effect { EFF_NONE, EFF_UNKNOWN, EFF_FAILS };	/* ordered: worst wins */

static const char *const effect_str[] = { "ok", "unknown", "fails" };

struct relo_out {
	int func;		/* -1: record outside any function (skipped) */
	__u32 insn;		/* relative to the function */
	enum core_status status;
	bool dead;		/* poisoned, but the verifier never gets there */
	__u64 old_val, new_val;
	__u32 old_sz, new_sz;
	bool resized;
	char spec[160];
	char type[96];
};

struct problem {
	int func;		/* -1: the object (maps) */
	int relo;		/* index into relos, or -1 */
	enum effect eff;
	const char *what;
	char name[96];
	char msg[320];
};

struct func_out {
	enum effect verdict;
	bool reached;		/* from some program */
};

struct kres {
	const char *label;	/* the target's */
	char *release;		/* NULL when unknown */
	char error[400];	/* why the kernel was not checked, or "" */
	enum effect verdict;
	struct relo_out *relos;
	struct problem *probs;
	int nprobs;
	size_t probs_cap;
	struct func_out *funcs;	/* per function */
};

struct check {
	struct core_obj *o;
	struct core_target *targets;
	int ntargets;
	struct kres *res;
	int next;
	pthread_mutex_t lock;
	char **names;		/* every name a kernel is asked about */
	int nnames;
	size_t names_cap;
};

/* ---- per-kernel questions ---- */

struct kctx {
	const struct core_obj *o;
	const struct btf_view *btf;	/* the kernel's */
	struct btf_view lview;		/* the object's */
	struct core_index *idx;
	struct kres *r;
	bool has_funcs;
	bool no_vmlinux_btf;	/* the BTF came from an archive (btfhub) */
	int has_btf_trace;	/* -1: not looked yet */
	bool lazy_global;	/* 6.8+: global subprogs verified when called */
	struct sec_code {
		struct bpf_insn *insns;	/* relocated copy */
		bool *reach;		/* the verifier gets to insns[i] */
	} *code;		/* per ELF section (all NULL for data) */
};

static struct problem *add_prob(struct kres *r, int func, enum effect eff,
				const char *what, const char *name,
				const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static struct problem *add_prob(struct kres *r, int func, enum effect eff,
				const char *what, const char *name,
				const char *fmt, ...)
{
	struct problem *p;
	va_list ap;

	if (ARRAY_RESERVE(r->probs, r->probs_cap, (size_t)r->nprobs + 1, 16))
		return NULL;
	p = &r->probs[r->nprobs++];
	memset(p, 0, sizeof(*p));
	p->func = func;
	p->relo = -1;
	p->eff = eff;
	p->what = what;
	snprintf(p->name, sizeof(p->name), "%s", name ? name : "");
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
	va_end(ap);
	return p;
}

/* 1: enum NAME has a PFX* value v; 0: it has not; -1: no such enum. */
static int enum_has(const struct kctx *k, const char *ename, const char *pfx,
		    __u64 v)
{
	const struct btf_view *btf = k->btf;
	__u32 id = core_index_find(k->idx, ename, BTF_KIND_ENUM);
	const struct btf_type *t;
	size_t n = strlen(pfx);
	int i;

	if (!id)
		id = core_index_find(k->idx, ename, BTF_KIND_ENUM64);
	if (!id)
		return -1;
	t = btf_view_type(btf, id);
	for (i = 0; i < btf_vlen(t); i++) {
		__u32 off = btf_is_enum(t) ? btf_enum(t)[i].name_off
					   : btf_enum64(t)[i].name_off;
		__u64 val = btf_is_enum(t) ? (__u32)btf_enum(t)[i].val
					   : btf_enum64_value(btf_enum64(t) + i);
		const char *name = btf_view_str(btf, off);

		if (val == v && name && !strncmp(name, pfx, n))
			return 1;
	}
	return 0;
}

static bool has_kind(const struct kctx *k, const char *name, int kind)
{
	return core_index_find(k->idx, name, kind) > 0;
}

static bool any_func(const struct btf_view *btf)
{
	__u32 i, n = btf->cnt;

	for (i = 1; i < n; i++)
		if (btf_is_func(btf_view_type(btf, i)))
			return true;
	return false;
}

static bool any_btf_trace(const struct btf_view *btf)
{
	__u32 i, n = btf->cnt;

	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf_view_type(btf, i);
		const char *name;

		if (!btf_is_typedef(t))
			continue;
		name = btf_view_str(btf, t->name_off);
		if (name && !strncmp(name, "btf_trace_", 10))
			return true;
	}
	return false;
}

static const char *func_name(const struct kctx *k, int f)
{
	return k->o->elf->funcs[f].name;
}

/* ---- relocations ---- */

/* Does the target have a struct/union of this essential name with field? */
static bool targ_has_field(const struct kctx *k, const char *name,
			   size_t len, const char *field)
{
	__u32 id = 0;
	int j;

	while ((id = core_index_next(k->idx, name, len, id))) {
		const struct btf_type *t = btf_view_type(k->btf, id);

		if (!btf_is_composite(t))
			continue;
		for (j = 0; j < btf_vlen(t); j++) {
			const char *mn = btf_view_str(k->btf,
						btf_members(t)[j].name_off);

			if (mn && !strcmp(mn, field))
				return true;
		}
	}
	return false;
}

/*
 * The fields that ___flavors of the struct have, the struct lacks and the
 * target has: likely the new name of what is missing.
 */
static void flavor_hint(const struct btf *local, const struct kctx *kc,
			const struct core_spec *s, char *buf, size_t len)
{
	const struct btf_type *lt = NULL, *t;
	const char *lname;
	__u32 i, n = btf__type_cnt(local), lid = 0;
	size_t el, used = 0;
	int j, k;

	buf[0] = '\0';
	for (j = s->len - 1; j >= 0; j--)
		if (s->acc[j].name) {
			lid = s->acc[j].type_id;
			break;
		}
	lt = lid ? btf__type_by_id(local, lid) : NULL;
	if (!lt || !btf_is_composite(lt))
		return;
	lname = btf__name_by_offset(local, lt->name_off);
	if (!lname || !*lname)
		return;
	el = core_essential_len(lname);
	for (i = 1; i < n; i++) {
		const char *tn;

		t = btf__type_by_id(local, i);
		if (i == lid || btf_kind(t) != btf_kind(lt))
			continue;
		tn = btf__name_by_offset(local, t->name_off);
		if (!tn || strlen(tn) == el || core_essential_len(tn) != el ||
		    strncmp(tn, lname, el))
			continue;
		for (j = 0; j < btf_vlen(t); j++) {
			const char *mn = btf__name_by_offset(local,
						btf_members(t)[j].name_off);
			bool in_lt = false;

			if (!mn || !*mn)
				continue;
			for (k = 0; k < btf_vlen(lt) && !in_lt; k++) {
				const char *o = btf__name_by_offset(local,
						btf_members(lt)[k].name_off);

				in_lt = o && !strcmp(o, mn);
			}
			if (in_lt || !targ_has_field(kc, lname, el, mn) ||
			    used + strlen(mn) + 3 >= len)
				continue;
			used += snprintf(buf + used, len - used, "%s%s",
					 used ? ", " : "", mn);
		}
	}
}

/*
 * The spec as a kernel names it: the root type's ___flavor dropped
 * ("task_struct___old.state" -> "task_struct.state"); members and
 * enumerators keep their names, as libbpf matches those exactly.
 */
static void essential_spec(const char *spec, char *buf, size_t len)
{
	size_t nl = strcspn(spec, ".:["), el;
	char root[sizeof(((struct relo_out *)0)->spec)];

	snprintf(root, sizeof(root), "%.*s", (int)nl, spec);
	el = core_essential_len(root);
	snprintf(buf, len, "%.*s%s", (int)el, spec, spec + nl);
}

static void relo_problem(struct kctx *k, int ri, const struct core_result *res)
{
	struct relo_out *ro = &k->r->relos[ri];
	const struct bpf_elf_core *rec = &k->o->elf->core[ri];
	char hint[128], spec[sizeof(ro->spec)];
	struct problem *p;
	enum effect eff = ro->dead ? EFF_NONE : EFF_FAILS;

	essential_spec(ro->spec, spec, sizeof(spec));

	if (res->status == CORE_FAILED) {
		p = add_prob(k->r, ro->func, EFF_FAILS, "relocation", spec,
			     "%s: %s; libbpf refuses the whole object",
			     spec, res->why);
	} else if (res->why[0]) {
		p = add_prob(k->r, ro->func, eff, "relocation", spec,
			     "%s: %s%s", spec, res->why,
			     ro->dead ? " (dead code: the verifier skips it)" : "");
	} else if (core_kind_is_enumval(rec->kind)) {
		p = add_prob(k->r, ro->func, eff, "relocation", spec,
			     "%s: enum value missing%s", spec,
			     ro->dead ? " (dead code: the verifier skips it)" : "");
	} else {
		hint[0] = '\0';
		if (!ro->dead && res->ncands)
			flavor_hint(k->o->elf->btf, k, &res->local, hint,
				    sizeof(hint));
		p = add_prob(k->r, ro->func, eff, "relocation", spec,
			     "%s: %s%s%s%s%s", spec,
			     res->ncands ? "field missing" : "type missing",
			     hint[0] ? " (renamed? a ___flavor exists in the object: " : "",
			     hint, hint[0] ? ")" : "",
			     ro->dead ? " (dead code: the verifier skips it)" : "");
	}
	if (p)
		p->relo = ri;
}

/* A copy of each code section for the relocations to patch, and its marks. */
static int copy_code(struct kctx *k)
{
	const struct bpf_elf *e = k->o->elf;
	int i;

	k->code = calloc(e->nsecs, sizeof(*k->code));
	if (!k->code)
		return -ENOMEM;
	for (i = 1; i < e->nsecs; i++) {
		const struct bpf_elf_sec *s = &e->secs[i];
		struct sec_code *sc = &k->code[i];

		if (!s->code)
			continue;
		sc->insns = malloc(s->size);
		sc->reach = calloc(s->size / sizeof(*sc->insns), sizeof(bool));
		if (!sc->insns || !sc->reach)
			return -ENOMEM;
		memcpy(sc->insns, s->data, s->size);
	}
	return 0;
}

static int do_relos(struct kctx *k, struct core_result *res)
{
	const struct bpf_elf *e = k->o->elf;
	struct core_ctx *c = core_ctx_new(&k->lview, k->btf, k->idx);
	int i;

	if (!c)
		return -ENOMEM;
	for (i = 0; i < e->ncore; i++) {
		const struct bpf_elf_core *rec = &e->core[i];
		const struct bpf_elf_func *f = bpf_elf_func_at(e, rec->sec,
							       rec->insn);
		struct relo_out *ro = &k->r->relos[i];
		__u32 cnt = e->secs[rec->sec].size / sizeof(struct bpf_insn);

		ro->func = f ? (int)(f - e->funcs) : -1;
		if (!f)
			continue;	/* libbpf skips these too */
		ro->insn = rec->insn - f->insn_off;
		core_relo_apply(c, rec, &k->code[rec->sec].insns[rec->insn],
				cnt - rec->insn, &res[i]);
		ro->status = res[i].status;
		ro->old_val = res[i].orig_val;
		ro->new_val = res[i].new_val;
		ro->old_sz = res[i].orig_sz;
		ro->new_sz = res[i].new_sz;
		ro->resized = res[i].resized;
		if (res[i].local.btf)
			core_spec_str(&res[i].local, ro->spec, sizeof(ro->spec));
		else
			snprintf(ro->spec, sizeof(ro->spec), "[%u]",
				 rec->type_id);
		core_type_str(&k->lview, rec->type_id, ro->type, sizeof(ro->type));
	}
	core_ctx_free(c);
	return 0;
}

/* Functions do not overlap (bpf_elf.c checks): each marks its own part. */
static void do_reach(struct kctx *k)
{
	const struct bpf_elf *e = k->o->elf;
	int i;

	for (i = 0; i < e->nfuncs; i++) {
		const struct bpf_elf_func *f = &e->funcs[i];
		const struct sec_code *sc = &k->code[f->sec];

		core_reach(sc->insns + f->insn_off, f->insn_cnt,
			   sc->reach + f->insn_off);
	}
}

/* Can the verifier get to instruction insn of function fi? */
static bool reached(const struct kctx *k, int fi, __u32 insn)
{
	const struct bpf_elf_func *f = &k->o->elf->funcs[fi];

	return k->code[f->sec].reach[f->insn_off + insn];
}

/* ---- uses ---- */

static bool helper_adapted(struct kctx *k, __u32 id)
{
	/* libbpf turns probe_read_{kernel,user}[_str] into the old helpers */
	if (id == BPF_FUNC_probe_read_kernel || id == BPF_FUNC_probe_read_user)
		return enum_has(k, "bpf_func_id", "BPF_FUNC_",
				BPF_FUNC_probe_read) == 1;
	if (id == BPF_FUNC_probe_read_kernel_str ||
	    id == BPF_FUNC_probe_read_user_str)
		return enum_has(k, "bpf_func_id", "BPF_FUNC_",
				BPF_FUNC_probe_read_str) == 1;
	return false;
}

static void check_helper(struct kctx *k, int fi, const struct use *u)
{
	const char *hn = helper_name(u->id);
	char num[32];
	int ret;

	if (!hn) {
		snprintf(num, sizeof(num), "helper#%u", u->id);
		hn = num;
	}
	ret = enum_has(k, "bpf_func_id", "BPF_FUNC_", u->id);
	if (ret == 1)
		return;
	if (ret < 0) {
		add_prob(k->r, fi, EFF_UNKNOWN, "helper", hn,
			 "%s: the BTF has no enum bpf_func_id to tell", hn);
		return;
	}
	if (helper_adapted(k, u->id)) {
		add_prob(k->r, fi, EFF_NONE, "helper", hn,
			 "%s: missing, libbpf rewrites it to the older probe_read helper",
			 hn);
		return;
	}
	add_prob(k->r, fi, EFF_FAILS, "helper", hn, "%s: helper missing", hn);
}

static void check_extern(struct kctx *k, int fi, const struct use *u)
{
	if (u->kind == USE_KFUNC) {
		if (has_kind(k, u->name, BTF_KIND_FUNC))
			return;
		if (!k->has_funcs)
			add_prob(k->r, fi, EFF_UNKNOWN, "kfunc", u->name,
				 "%s: the BTF has no FUNC records to tell",
				 u->name);
		else
			add_prob(k->r, fi, u->weak ? EFF_NONE : EFF_FAILS,
				 "kfunc", u->name, "%s: kfunc missing%s",
				 u->name, u->weak ? " (weak: resolved to 0)" : "");
		return;
	}
	if (u->kind == USE_KSYM) {
		if (!u->typed) {
			if (!u->weak)
				add_prob(k->r, fi, EFF_UNKNOWN, "ksym", u->name,
					 "%s: typeless ksym, resolved from /proc/kallsyms, not BTF",
					 u->name);
			return;
		}
		if (has_kind(k, u->name, BTF_KIND_VAR))
			return;
		add_prob(k->r, fi, u->weak ? EFF_NONE : EFF_FAILS, "ksym",
			 u->name, "%s: kernel variable missing from BTF%s",
			 u->name, u->weak ? " (weak: resolved to 0)" : "");
		return;
	}
	/* .kconfig: libbpf knows LINUX_*; CONFIG_* come from the config */
	if (u->weak || !strncmp(u->name, "LINUX_", 6))
		return;
	add_prob(k->r, fi, EFF_UNKNOWN, "kconfig", u->name,
		 "%s: a kernel config value, not in BTF", u->name);
}

static void check_uses(struct kctx *k)
{
	int fi, j;

	for (fi = 0; fi < k->o->nfuncs; fi++) {
		const struct obj_func *f = &k->o->funcs[fi];

		for (j = 0; j < f->nuses; j++) {
			const struct use *u = &f->uses[j];

			switch (u->kind) {
			case USE_HELPER:
				/* the verifier never checks dead calls */
				if (reached(k, fi, u->insn))
					check_helper(k, fi, u);
				break;
			case USE_UNLINKED:
				add_prob(k->r, fi, EFF_FAILS, "extern", u->name,
					 "%s: extern function not linked in (bpfkit gen object first); libbpf cannot open the object",
					 u->name);
				break;
			case USE_KFUNC:
			case USE_KSYM:
			case USE_KCONFIG:
				/* externs are resolved before verification */
				check_extern(k, fi, u);
				break;
			default:
				break;
			}
		}
	}
}

/*
 * A kernel struct is a struct_ops type only where the kernel registers it,
 * which gives it a value type bpf_struct_ops_NAME; libbpf needs both.
 */
static bool ops_registered(const struct kctx *k, const char *sname)
{
	char vname[192];

	snprintf(vname, sizeof(vname), "bpf_struct_ops_%s", sname);
	return has_kind(k, vname, BTF_KIND_STRUCT);
}

/* Does the map's value set member j (bytes, or a program it points at)? */
static bool ops_member_set(const struct core_obj *o, const struct obj_map *m,
			   const struct btf_type *st, int j)
{
	const struct bpf_elf *e = o->elf;
	const struct bpf_elf_sec *sec = &e->secs[m->ops_sec];
	const struct btf_member *mb = &btf_members(st)[j];
	__u64 off = m->ops_off + btf_member_bit_offset(st, j) / 8;
	__s64 sz = btf_type_size(e->btf, mb->type);
	int i;

	if (sz <= 0)
		return false;
	for (i = 0; i < e->nrels; i++)
		if (e->rels[i].sec == m->ops_sec &&
		    (__u64)e->rels[i].insn * 8 >= off &&
		    (__u64)e->rels[i].insn * 8 < off + sz)
			return true;
	if (!sec->data || off > sec->size || (__u64)sz > sec->size - off)
		return false;
	for (i = 0; i < sz; i++)
		if (((const __u8 *)sec->data)[off + i])
			return true;
	return false;
}

/*
 * A member the object sets that the kernel's struct lacks: libbpf has
 * nowhere to put it and refuses the map (a zeroed one it passes over).
 */
static bool ops_member_missing(const struct kctx *k, const struct obj_map *m,
			       char *msg, size_t len)
{
	const struct btf *btf = k->o->elf->btf;
	const struct btf_type *st = btf__type_by_id(btf, m->ops_type);
	int j;

	if (!st || !btf_is_composite(st) || m->ops_sec <= 0)
		return false;
	for (j = 0; j < btf_vlen(st); j++) {
		const char *mn = btf__name_by_offset(btf,
						btf_members(st)[j].name_off);

		if (!mn || !*mn ||
		    targ_has_field(k, m->ops_struct, strlen(m->ops_struct), mn) ||
		    !ops_member_set(k->o, m, st, j))
			continue;
		snprintf(msg, len,
			 "%s: %s.%s missing from the kernel's struct, libbpf cannot set it",
			 m->name, m->ops_struct, mn);
		return true;
	}
	return false;
}

static enum effect check_map(struct kctx *k, const struct obj_map *m,
			     char *msg, size_t len)
{
	const char *tn;
	int ret;

	if (!m->type_known) {
		snprintf(msg, len, "%s: map definition without a type", m->name);
		return EFF_UNKNOWN;
	}
	ret = enum_has(k, "bpf_map_type", "BPF_MAP_TYPE_", m->type);
	tn = map_type_name(m->type);
	if (ret < 0) {
		snprintf(msg, len, "%s: the BTF has no enum bpf_map_type to tell",
			 m->name);
		return EFF_UNKNOWN;
	}
	if (!ret) {
		snprintf(msg, len, "%s: map type %s%s missing", m->name,
			 tn ? tn : "", tn ? "" : "?");
		if (!tn)
			snprintf(msg, len, "%s: map type %u missing", m->name,
				 m->type);
		return EFF_FAILS;
	}
	if (m->global_data) {
		/* mmap-able arrays and direct value access came in 5.2 */
		if (has_kind(k, "array_map_direct_value_addr",
			     BTF_KIND_FUNC))
			return EFF_NONE;
		if (!k->has_funcs) {
			snprintf(msg, len,
				 "%s: global data needs kernel 5.2; the BTF has no FUNC records to tell",
				 m->name);
			return EFF_UNKNOWN;
		}
		snprintf(msg, len, "%s: global data needs kernel 5.2", m->name);
		return EFF_FAILS;
	}
	if (m->ops_struct && !has_kind(k, m->ops_struct, BTF_KIND_STRUCT)) {
		snprintf(msg, len, "%s: struct %s missing", m->name,
			 m->ops_struct);
		return EFF_FAILS;
	}
	if (m->ops_struct && !ops_registered(k, m->ops_struct)) {
		snprintf(msg, len,
			 "%s: %s is not a struct_ops type on this kernel (no struct bpf_struct_ops_%s)",
			 m->name, m->ops_struct, m->ops_struct);
		return EFF_FAILS;
	}
	if (m->ops_struct && ops_member_missing(k, m, msg, len))
		return EFF_FAILS;
	return EFF_NONE;
}

static void check_maps(struct kctx *k, enum effect *meff, char (*mmsg)[200])
{
	int i;

	for (i = 0; i < k->o->nmaps; i++)
		meff[i] = check_map(k, &k->o->maps[i], mmsg[i], sizeof(mmsg[i]));
}

/* Where a kernel's BTF names each kind of attach target: PFX<target>. */
static const struct {
	const char *pfx;
	int kind;
} attach_btf[] = {
	[ATTACH_NONE] = { "", 0 },
	[ATTACH_FUNC] = { "", BTF_KIND_FUNC },
	[ATTACH_BTF_TRACE] = { "btf_trace_", BTF_KIND_TYPEDEF },
	[ATTACH_LSM] = { "bpf_lsm_", BTF_KIND_FUNC },
	[ATTACH_ITER] = { "bpf_iter_", BTF_KIND_FUNC },
	[ATTACH_STRUCT_OPS] = { "", BTF_KIND_STRUCT },
};

static void check_attach(struct kctx *k, const struct obj_prog *p)
{
	const char *pn = func_name(k, p->func);
	char name[160];
	int kind, ret;

	if (!p->type_known) {
		add_prob(k->r, p->func, EFF_UNKNOWN, "prog_type", p->sec,
			 "section %s: program type unknown to libbpf %u.%u",
			 p->sec, libbpf_major_version(),
			 libbpf_minor_version());
		return;
	}
	ret = enum_has(k, "bpf_prog_type", "BPF_PROG_TYPE_", p->type);
	if (ret <= 0) {
		const char *tn = prog_type_name(p->type);

		add_prob(k->r, p->func, ret < 0 ? EFF_UNKNOWN : EFF_FAILS,
			 "prog_type", tn ? tn : "",
			 ret < 0 ? "%s: the BTF has no enum bpf_prog_type to tell"
				 : "program type %s missing", tn ? tn : "?");
		return;
	}
	if (p->attach && enum_has(k, "bpf_attach_type", "BPF_",
				  p->attach) == 0) {
		const char *an = attach_type_name(p->attach);

		add_prob(k->r, p->func, EFF_FAILS, "attach_type", an ? an : "",
			 "attach type %s missing", an ? an : "?");
	}
	if (p->needs_btf && k->no_vmlinux_btf) {
		add_prob(k->r, p->func, EFF_FAILS, "attach_target", p->sec,
			 "%s: BTF-based attach needs the kernel's own BTF; this one comes from a btfhub archive, so the kernel has none",
			 p->sec);
		return;
	}
	if (p->akind == ATTACH_NONE)
		return;
	snprintf(name, sizeof(name), "%s%s", attach_btf[p->akind].pfx,
		 p->target);
	kind = attach_btf[p->akind].kind;
	if (has_kind(k, name, kind)) {
		if (p->akind == ATTACH_STRUCT_OPS && !ops_registered(k, name))
			add_prob(k->r, p->func, EFF_FAILS, "attach_target",
				 name,
				 "%s: not a struct_ops type on this kernel (no struct bpf_struct_ops_%s)",
				 name, name);
		return;
	}
	if (p->akind == ATTACH_BTF_TRACE && !p->needs_btf &&
	    !(k->has_btf_trace >= 0 ? k->has_btf_trace :
	      (k->has_btf_trace = any_btf_trace(k->btf)))) {
		add_prob(k->r, p->func, EFF_UNKNOWN, "attach_target", name,
			 "%s: the kernel predates btf_trace_* types, raw tracepoints are not listed in its BTF",
			 name);
		return;
	}
	if (kind == BTF_KIND_FUNC && !k->has_funcs) {
		add_prob(k->r, p->func, EFF_UNKNOWN, "attach_target", name,
			 "%s: the BTF has no FUNC records to tell", name);
		return;
	}
	add_prob(k->r, p->func, EFF_FAILS, "attach_target", name,
		 "%s: attach target missing (%s)", name, pn);
}

/* ---- verdicts ---- */

static void reach_funcs(struct kctx *k, int fi, bool *seen)
{
	const struct obj_func *f = &k->o->funcs[fi];
	int j;

	if (seen[fi])
		return;
	seen[fi] = true;
	/*
	 * Before 6.8 the verifier checks every global subprogram the
	 * program holds (libbpf adds each one a call names, reachable or
	 * not); since, only those called from code it gets to.
	 */
	for (j = 0; j < f->nuses; j++)
		if (f->uses[j].kind == USE_CALL &&
		    (reached(k, fi, f->uses[j].insn) ||
		     (!k->lazy_global &&
		      k->o->elf->funcs[f->uses[j].id].global)))
			reach_funcs(k, f->uses[j].id, seen);
}

static void verdicts(struct kctx *k, const enum effect *meff,
		     char (*mmsg)[200])
{
	const struct core_obj *o = k->o;
	struct kres *r = k->r;
	bool *seen = calloc(o->nfuncs, sizeof(bool));
	bool *mused = calloc(o->nmaps ? o->nmaps : 1, sizeof(bool));
	bool *pused = calloc(o->nmaps ? o->nmaps : 1, sizeof(bool));
	int i, j, f, p;

	if (!seen || !mused || !pused)
		goto out;
	for (i = 0; i < r->nprobs; i++)
		if (r->probs[i].func >= 0 &&
		    r->probs[i].eff > r->funcs[r->probs[i].func].verdict)
			r->funcs[r->probs[i].func].verdict = r->probs[i].eff;
	r->verdict = EFF_NONE;
	for (p = 0; p < o->nprogs; p++) {
		int pf = o->progs[p].func;
		enum effect v = EFF_NONE;

		memset(seen, 0, o->nfuncs * sizeof(bool));
		memset(pused, 0, (o->nmaps ? o->nmaps : 1) * sizeof(bool));
		reach_funcs(k, pf, seen);
		for (f = 0; f < o->nfuncs; f++) {
			if (!seen[f])
				continue;
			r->funcs[f].reached = true;
			if (f != pf && r->funcs[f].verdict > v)
				v = r->funcs[f].verdict;
			for (j = 0; j < o->funcs[f].nuses; j++) {
				const struct use *u = &o->funcs[f].uses[j];

				if (u->kind != USE_MAP)
					continue;
				mused[u->id] = true;
				if (meff[u->id] == EFF_NONE || pused[u->id])
					continue;
				pused[u->id] = true;
				add_prob(r, pf, meff[u->id], "map_type",
					 o->maps[u->id].name, "%s",
					 mmsg[u->id]);
				if (meff[u->id] > v)
					v = meff[u->id];
			}
		}
		/* a struct_ops program goes with the map that holds it */
		i = o->progs[p].ops_map;
		if (i >= 0 && meff[i] != EFF_NONE) {
			mused[i] = true;
			add_prob(r, pf, meff[i], "map_type", o->maps[i].name,
				 "%s", mmsg[i]);
			if (meff[i] > v)
				v = meff[i];
		}
		if (v > r->funcs[pf].verdict)
			r->funcs[pf].verdict = v;
		if (r->funcs[pf].verdict > r->verdict)
			r->verdict = r->funcs[pf].verdict;
	}
	/* libbpf creates every map, used or not */
	for (i = 0; i < o->nmaps; i++) {
		if (mused[i] || meff[i] == EFF_NONE)
			continue;
		add_prob(r, -1, meff[i], "map_type", o->maps[i].name, "%s",
			 mmsg[i]);
		if (meff[i] > r->verdict)
			r->verdict = meff[i];
	}
	for (i = 0; i < r->nprobs; i++)
		if (r->probs[i].relo >= 0 &&
		    r->relos[r->probs[i].relo].status == CORE_FAILED)
			r->verdict = EFF_FAILS;
out:
	free(seen);
	free(mused);
	free(pused);
}

static void kctx_free(struct kctx *k)
{
	int i;

	for (i = 0; k->code && i < k->o->elf->nsecs; i++) {
		free(k->code[i].insns);
		free(k->code[i].reach);
	}
	free(k->code);
	core_index_free(k->idx);
}

static int check_kernel(const struct core_obj *o,
			const struct core_target_btf *tb,
			const struct check *c, struct kres *r)
{
	const struct btf_view *btf = &tb->view;
	struct kctx k = { .o = o, .btf = btf, .r = r, .has_btf_trace = -1,
			  .no_vmlinux_btf = tb->archive };
	struct core_result *res = NULL;
	enum effect *meff = NULL;
	char (*mmsg)[200] = NULL;
	int i, ret = -ENOMEM;

	r->relos = calloc(o->elf->ncore ? o->elf->ncore : 1, sizeof(*r->relos));
	r->funcs = calloc(o->nfuncs ? o->nfuncs : 1, sizeof(*r->funcs));
	res = calloc(o->elf->ncore ? o->elf->ncore : 1, sizeof(*res));
	meff = calloc(o->nmaps ? o->nmaps : 1, sizeof(*meff));
	mmsg = calloc(o->nmaps ? o->nmaps : 1, sizeof(*mmsg));
	if (!r->relos || !r->funcs || !res || !meff || !mmsg)
		goto out;
	btf_view_of(&k.lview, o->elf->btf);
	k.has_funcs = any_func(btf);
	k.idx = core_index_new_for(btf, (const char *const *)c->names,
				   c->nnames);
	/* the verifier's mark for lazily checked global subprograms */
	k.lazy_global = k.idx && targ_has_field(&k, "bpf_func_info_aux", 17,
						"called");
	ret = k.idx ? copy_code(&k) : -ENOMEM;
	ret = ret ? ret : do_relos(&k, res);
	if (ret)
		goto out;
	do_reach(&k);
	for (i = 0; i < o->elf->ncore; i++) {
		struct relo_out *ro = &r->relos[i];

		if (ro->func < 0 || ro->status == CORE_PATCHED)
			continue;
		if (ro->status == CORE_POISONED)
			ro->dead = !reached(&k, ro->func, ro->insn);
		relo_problem(&k, i, &res[i]);
	}
	for (i = 0; i < o->nprogs; i++)
		check_attach(&k, &o->progs[i]);
	check_uses(&k);
	check_maps(&k, meff, mmsg);
	verdicts(&k, meff, mmsg);
out:
	kctx_free(&k);
	free(res);
	free(meff);
	free(mmsg);
	return ret;
}

static void *worker(void *arg)
{
	struct check *c = arg;

	for (;;) {
		struct core_target_btf tb;
		struct kres *r;
		int i;

		pthread_mutex_lock(&c->lock);
		i = c->next++;
		pthread_mutex_unlock(&c->lock);
		if (i >= c->ntargets)
			return NULL;
		r = &c->res[i];
		r->label = c->targets[i].label;
		if (core_target_load(&c->targets[i], &tb, r->error,
				     sizeof(r->error)))
			continue;
		r->release = tb.release;	/* kept past the BTF */
		tb.release = NULL;
		if (check_kernel(c->o, &tb, c, r))
			snprintf(r->error, sizeof(r->error), "out of memory");
		core_target_btf_free(&tb);
	}
}

/* ---- output ---- */

static void json_relo(const struct core_obj *o, const struct kres *r, int i)
{
	const struct bpf_elf_core *rec = &o->elf->core[i];
	const struct relo_out *ro = &r->relos[i];
	const char *kn = core_kind_name(rec->kind);
	struct btf_view lv;

	btf_view_of(&lv, o->elf->btf);
	jsonw_start_object(json_wtr);
	jsonw_uint_field(json_wtr, "index", rec->index);
	jsonw_uint_field(json_wtr, "insn", ro->insn);
	if (kn)
		jsonw_string_field(json_wtr, "kind", kn);
	else
		jsonw_uint_field(json_wtr, "kind", rec->kind);
	jsonw_string_field(json_wtr, "access",
			   core_access_str(&lv, rec));
	jsonw_string_field(json_wtr, "type", ro->type);
	jsonw_string_field(json_wtr, "spec", ro->spec);
	jsonw_uint_field(json_wtr, "old_value", ro->old_val);
	if (ro->status == CORE_PATCHED)
		jsonw_uint_field(json_wtr, "new_value", ro->new_val);
	else
		jsonw_null_field(json_wtr, "new_value");
	if (ro->status == CORE_PATCHED && ro->resized) {
		jsonw_uint_field(json_wtr, "old_size", ro->old_sz);
		jsonw_uint_field(json_wtr, "new_size", ro->new_sz);
	}
	jsonw_string_field(json_wtr, "result",
			   ro->status == CORE_PATCHED ? "patched" :
			   ro->status == CORE_POISONED ? "poisoned" : "failed");
	if (ro->status == CORE_POISONED)
		jsonw_bool_field(json_wtr, "dead_code", ro->dead);
	jsonw_end_object(json_wtr);
}

static void json_prob(const struct core_obj *o, const struct kres *r,
		      const struct problem *p)
{
	jsonw_start_object(json_wtr);
	jsonw_string_field(json_wtr, "what", p->what);
	if (p->name[0])
		jsonw_string_field(json_wtr, "name", p->name);
	if (p->relo >= 0) {
		jsonw_uint_field(json_wtr, "index", o->elf->core[p->relo].index);
		jsonw_uint_field(json_wtr, "insn", r->relos[p->relo].insn);
	}
	jsonw_string_field(json_wtr, "effect", effect_str[p->eff]);
	jsonw_string_field(json_wtr, "message", p->msg);
	jsonw_end_object(json_wtr);
}

static void json_func(const struct core_obj *o, const struct kres *r, int f)
{
	const struct bpf_elf_func *ef = &o->elf->funcs[f];
	int i;

	jsonw_start_object(json_wtr);
	jsonw_string_field(json_wtr, "name", ef->name);
	jsonw_string_field(json_wtr, "section", o->elf->secs[ef->sec].name);
	if (!bpf_elf_is_prog(o->elf, ef))
		jsonw_bool_field(json_wtr, "subprogram", true);
	jsonw_string_field(json_wtr, "verdict", effect_str[r->funcs[f].verdict]);
	jsonw_name(json_wtr, "relocations");
	jsonw_start_array(json_wtr);
	for (i = 0; i < o->elf->ncore; i++)
		if (r->relos[i].func == f)
			json_relo(o, r, i);
	jsonw_end_array(json_wtr);
	jsonw_name(json_wtr, "problems");
	jsonw_start_array(json_wtr);
	for (i = 0; i < r->nprobs; i++)
		if (r->probs[i].func == f)
			json_prob(o, r, &r->probs[i]);
	jsonw_end_array(json_wtr);
	jsonw_end_object(json_wtr);
}

static void json_kernel(const struct core_obj *o, const struct kres *r)
{
	int f, i;

	jsonw_start_object(json_wtr);
	jsonw_string_field(json_wtr, "btf", r->label);
	if (r->release)
		jsonw_string_field(json_wtr, "release", r->release);
	else
		jsonw_null_field(json_wtr, "release");
	if (r->error[0]) {
		jsonw_string_field(json_wtr, "verdict", "error");
		jsonw_string_field(json_wtr, "error", r->error);
		jsonw_end_object(json_wtr);
		return;
	}
	jsonw_string_field(json_wtr, "verdict", effect_str[r->verdict]);
	jsonw_name(json_wtr, "programs");
	jsonw_start_array(json_wtr);
	/* entry programs first, then the subprograms, in object order */
	for (f = 0; f < o->nfuncs; f++)
		if (bpf_elf_is_prog(o->elf, &o->elf->funcs[f]))
			json_func(o, r, f);
	for (f = 0; f < o->nfuncs; f++)
		if (!bpf_elf_is_prog(o->elf, &o->elf->funcs[f]))
			json_func(o, r, f);
	jsonw_end_array(json_wtr);
	jsonw_name(json_wtr, "problems");
	jsonw_start_array(json_wtr);
	for (i = 0; i < r->nprobs; i++)
		if (r->probs[i].func < 0)
			json_prob(o, r, &r->probs[i]);
	jsonw_end_array(json_wtr);
	jsonw_end_object(json_wtr);
}

static int width(const char *s, int min)
{
	int n = strlen(s);

	return n > min ? n : min;
}

static void plain_out(const struct core_obj *o, const struct check *c)
{
	int kw = 6, rw = 7, i, p;
	int any = 0;

	for (i = 0; i < c->ntargets; i++) {
		kw = width(c->res[i].label, kw);
		if (c->res[i].release)
			rw = width(c->res[i].release, rw);
	}
	printf("%-*s  %-*s  %-7s", kw, "KERNEL", rw, "RELEASE", "VERDICT");
	for (p = 0; p < o->nprogs; p++)
		printf("  %s", o->elf->funcs[o->progs[p].func].name);
	printf("\n");
	for (i = 0; i < c->ntargets; i++) {
		const struct kres *r = &c->res[i];

		printf("%-*s  %-*s  %-7s", kw, r->label, rw,
		       r->release ? r->release : "-",
		       r->error[0] ? "error" : effect_str[r->verdict]);
		for (p = 0; p < o->nprogs && !r->error[0]; p++) {
			const char *name = o->elf->funcs[o->progs[p].func].name;

			printf("  %-*s", (int)strlen(name),
			       effect_str[r->funcs[o->progs[p].func].verdict]);
		}
		printf("\n");
	}
	for (i = 0; i < c->ntargets; i++) {
		const struct kres *r = &c->res[i];

		if (r->error[0]) {
			if (!any++)
				printf("\n");
			printf("%s: error: %s\n", r->label, r->error);
			continue;
		}
		for (p = 0; p < r->nprobs; p++) {
			const struct problem *pb = &r->probs[p];

			if (pb->func >= 0 && !r->funcs[pb->func].reached)
				continue;	/* in code no program calls */
			if (!any++)
				printf("\n");
			printf("%s: %s%s%s: %s\n", r->label,
			       pb->func >= 0 ? func_name(&(struct kctx){ .o = o }, pb->func) : "",
			       pb->func >= 0 ? ": " : "",
			       pb->eff == EFF_NONE ? "note" : effect_str[pb->eff],
			       pb->msg);
		}
	}
}

static void kres_free(struct kres *r)
{
	free(r->release);
	free(r->relos);
	free(r->probs);
	free(r->funcs);
}

static int add_name(struct check *c, const char *pfx, const char *name)
{
	if (ARRAY_RESERVE(c->names, c->names_cap, (size_t)c->nnames + 1, 256))
		return -1;
	if (asprintf(&c->names[c->nnames], "%s%s", pfx, name) < 0)
		return -1;
	c->nnames++;
	return 0;
}

/*
 * What any kernel will be asked about: the object's own type names
 * (relocation candidates, flavor hints, kfuncs and ksyms are all named in
 * its BTF), the UAPI enums and the attach targets. Indexing only these
 * saves hashing the 100k names of each kernel.
 */
static int collect_names(struct check *c)
{
	static const char *const fixed[] = {
		"bpf_func_id", "bpf_prog_type", "bpf_map_type",
		"bpf_attach_type", "array_map_direct_value_addr",
		"bpf_func_info_aux",
	};
	const struct btf *btf = c->o->elf->btf;
	__u32 i, n = btf__type_cnt(btf);
	int p;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (add_name(c, "", fixed[i]))
			return -1;
	for (p = 0; p < c->o->nprogs; p++)
		if (c->o->progs[p].akind != ATTACH_NONE &&
		    add_name(c, attach_btf[c->o->progs[p].akind].pfx,
			     c->o->progs[p].target))
			return -1;
	for (p = 0; p < c->o->nmaps; p++)
		if (c->o->maps[p].ops_struct &&
		    add_name(c, "bpf_struct_ops_", c->o->maps[p].ops_struct))
			return -1;
	for (i = 1; i < n; i++) {
		const char *name = btf__name_by_offset(btf,
					btf__type_by_id(btf, i)->name_off);

		if (name && *name && add_name(c, "", name))
			return -1;
	}
	return 0;
}

static int run_check(struct check *c)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int nthreads = ncpu > 0 ? ncpu : 1, i, started = 0;
	pthread_t th[16];

	if (nthreads > 16)
		nthreads = 16;
	if (nthreads > c->ntargets)
		nthreads = c->ntargets;
	pthread_mutex_init(&c->lock, NULL);
	for (i = 1; i < nthreads; i++)
		if (!pthread_create(&th[started], NULL, worker, c))
			started++;
	worker(c);	/* this thread works too */
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&c->lock);
	return 0;
}

int do_core_check(int argc, char **argv)
{
	ARGCUR(a, argc, argv);
	struct check c = { 0 };
	const char *obj_path;
	char err[400];
	int i, ret, worst = EFF_NONE, errors = 0;

	obj_path = arg_next(&a);
	if (!obj_path)
		return p_err("expected an object file: core check OBJ [btf FILE|DIR]...");
	while (arg_more(&a)) {
		if (!arg_take(&a, "btf"))
			return p_err("expected 'btf', got: '%s'", arg_peek(&a));
		if (!arg_more(&a))
			return p_err("btf: expected a FILE or DIR");
		if (core_target_add(&c.targets, &c.ntargets, arg_next(&a), err,
				    sizeof(err))) {
			core_target_list_free(c.targets, c.ntargets);
			return p_err("%s", err);
		}
	}
	if (!c.ntargets && core_target_add(&c.targets, &c.ntargets, NULL, err,
					   sizeof(err)))
		return p_err("%s", err);
	if (core_obj_open(obj_path, &c.o, err, sizeof(err))) {
		core_target_list_free(c.targets, c.ntargets);
		return p_err("%s", err);
	}
	c.res = calloc(c.ntargets, sizeof(*c.res));
	if (!c.res) {
		ret = p_err("out of memory");
		goto out;
	}
	if (collect_names(&c)) {
		ret = p_err("out of memory");
		goto out;
	}
	run_check(&c);
	for (i = 0; i < c.ntargets; i++) {
		if (c.res[i].error[0])
			errors++;
		else if (c.res[i].verdict > (enum effect)worst)
			worst = c.res[i].verdict;
	}
	if (errors == c.ntargets) {
		/* nothing was checked: one error line, as for bad input */
		ret = p_err("%s", c.res[0].error);
		goto out;
	}
	if (json_wtr) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "object", obj_path);
		jsonw_name(json_wtr, "kernels");
		jsonw_start_array(json_wtr);
		for (i = 0; i < c.ntargets; i++)
			json_kernel(c.o, &c.res[i]);
		jsonw_end_array(json_wtr);
		jsonw_end_object(json_wtr);
	} else {
		plain_out(c.o, &c);
	}
	for (i = 0; i < c.ntargets && !json_wtr; i++)
		if (c.res[i].error[0])
			fprintf(stderr, "Error: %s\n", c.res[i].error);
	ret = errors ? -1 : worst == EFF_FAILS ? 1 : worst == EFF_UNKNOWN ? 2 : 0;
out:
	for (i = 0; c.res && i < c.ntargets; i++)
		kres_free(&c.res[i]);
	free(c.res);
	for (i = 0; i < c.nnames; i++)
		free(c.names[i]);
	free(c.names);
	core_target_list_free(c.targets, c.ntargets);
	core_obj_free(c.o);
	return ret;
}
