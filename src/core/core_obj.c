// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel-independent half of "core check": one pass over the object
 * lists what every function uses, so that each kernel only answers
 * questions (does this helper, map type, FUNC exist?) from its BTF.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "array.h"
#include "core_obj.h"

#define BPF_PSEUDO_CALL_		1
#define BPF_PSEUDO_KFUNC_CALL_		2

static bool has_pfx(const char *s, const char *pfx)
{
	return !strncmp(s, pfx, strlen(pfx));
}

static bool is_data_sec(const char *name)
{
	static const char *const pfx[] = { ".data", ".rodata", ".bss" };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		size_t n = strlen(pfx[i]);

		if (!strncmp(name, pfx[i], n) &&
		    (name[n] == '\0' || name[n] == '.'))
			return true;
	}
	return false;
}

static int add_map(struct core_obj *o, const struct obj_map *m)
{
	if (ARRAY_RESERVE(o->maps, o->maps_cap, (size_t)o->nmaps + 1, 8))
		return -ENOMEM;
	o->maps[o->nmaps++] = *m;
	return 0;
}

/* __uint(type, X) is a pointer to an array of X elements. */
static bool map_def_uint(const struct btf *btf, const struct btf_type *st,
			 const char *field, __u32 *val)
{
	const struct btf_member *m = btf_members(st);
	int i;

	for (i = 0; i < btf_vlen(st); i++, m++) {
		const struct btf_type *t;
		const char *n = btf__name_by_offset(btf, m->name_off);

		if (!n || strcmp(n, field))
			continue;
		t = btf__type_by_id(btf, m->type);
		if (!t || !btf_is_ptr(t))
			return false;
		t = btf__type_by_id(btf, t->type);
		if (!t || !btf_is_array(t))
			return false;
		*val = btf_array(t)->nelems;
		return true;
	}
	return false;
}

static const struct btf_type *resolve(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int n = 0;

	while (t && (btf_is_mod(t) || btf_is_typedef(t)) && n++ < 32)
		t = btf__type_by_id(btf, t->type);
	return t;
}

static int btf_maps(struct core_obj *o, const char *sec, bool ops)
{
	const struct btf *btf = o->elf->btf;
	const struct btf_var_secinfo *vs;
	const struct btf_type *ds;
	__s32 id;
	int i;

	id = btf__find_by_name_kind(btf, sec, BTF_KIND_DATASEC);
	if (id <= 0)
		return 0;
	ds = btf__type_by_id(btf, id);
	vs = btf_var_secinfos(ds);
	for (i = 0; i < btf_vlen(ds); i++, vs++) {
		const struct btf_type *v = btf__type_by_id(btf, vs->type);
		const struct btf_type *st;
		struct obj_map m = { 0 };

		if (!v || !btf_is_var(v))
			continue;
		m.name = btf__name_by_offset(btf, v->name_off);
		if (!m.name)
			continue;
		st = resolve(btf, v->type);
		if (!st || !btf_is_composite(st))
			continue;
		if (ops) {
			m.type = BPF_MAP_TYPE_STRUCT_OPS;
			m.type_known = true;
			m.ops_struct = btf__name_by_offset(btf, st->name_off);
			m.ops_sec = bpf_elf_sec_index(o->elf, sec);
			m.ops_off = vs->offset;
			m.ops_size = vs->size;
			m.ops_type = btf__resolve_type(btf, v->type);
			/* an unlinked object has the place in its symbol */
			if (m.ops_sec > 0) {
				__u64 off;

				if (!bpf_elf_sym_offset(o->elf, m.ops_sec,
							m.name, &off))
					m.ops_off = off;
			}
		} else {
			m.type_known = map_def_uint(btf, st, "type", &m.type);
		}
		if (add_map(o, &m))
			return -ENOMEM;
	}
	return 0;
}

static int find_map(const struct core_obj *o, const char *name)
{
	int i;

	for (i = 0; i < o->nmaps; i++)
		if (!strcmp(o->maps[i].name, name))
			return i;
	return -1;
}

static int collect_maps(struct core_obj *o)
{
	const struct bpf_elf *e = o->elf;
	int i, ret;

	if (e->btf) {
		ret = btf_maps(o, ".maps", false);
		ret = ret ? ret : btf_maps(o, ".struct_ops", true);
		ret = ret ? ret : btf_maps(o, ".struct_ops.link", true);
		if (ret)
			return ret;
	}
	for (i = 1; i < e->nsecs; i++) {
		const struct bpf_elf_sec *s = &e->secs[i];
		struct obj_map m = { .name = s->name, .type = BPF_MAP_TYPE_ARRAY,
				     .type_known = true, .global_data = true };

		if (s->code || !s->size || !(s->flags & SHF_ALLOC) ||
		    !is_data_sec(s->name))
			continue;
		if (add_map(o, &m))
			return -ENOMEM;
	}
	return 0;
}

static int func_index(const struct core_obj *o, const struct bpf_elf_func *f)
{
	return f ? (int)(f - o->elf->funcs) : -1;
}

/* Which extern section (".ksyms", ".kconfig") declares name, and its VAR. */
static const char *extern_sec(const struct btf *btf, const char *name,
			      bool *typed)
{
	static const char *const secs[] = { ".kconfig", ".ksyms" };
	unsigned int s;

	*typed = false;
	if (!btf)
		return NULL;
	for (s = 0; s < 2; s++) {
		__s32 id = btf__find_by_name_kind(btf, secs[s],
						  BTF_KIND_DATASEC);
		const struct btf_var_secinfo *vs;
		const struct btf_type *ds;
		int i;

		if (id <= 0)
			continue;
		ds = btf__type_by_id(btf, id);
		vs = btf_var_secinfos(ds);
		for (i = 0; i < btf_vlen(ds); i++, vs++) {
			const struct btf_type *v = btf__type_by_id(btf, vs->type);
			const char *n;

			if (!v || (!btf_is_var(v) && !btf_is_func(v)))
				continue;
			n = btf__name_by_offset(btf, v->name_off);
			if (!n || strcmp(n, name))
				continue;
			*typed = btf_is_var(v) && v->type && resolve(btf, v->type) &&
				 btf_kind(resolve(btf, v->type)) != BTF_KIND_UNKN;
			return secs[s];
		}
	}
	return NULL;
}

static int ldimm_use(struct core_obj *o, const struct bpf_elf_rel *r,
		     const struct bpf_insn *insn, struct use *u)
{
	const struct bpf_elf *e = o->elf;
	const char *sec;
	bool typed;
	int i;

	if (r->sym_shndx == SHN_UNDEF) {
		sec = extern_sec(e->btf, r->sym, &typed);
		if (!sec)
			return 0;
		u->kind = strcmp(sec, ".kconfig") ? USE_KSYM : USE_KCONFIG;
		u->name = r->sym;
		u->weak = r->sym_bind == STB_WEAK;
		u->typed = typed;
		return 1;
	}
	if (r->sym_shndx >= e->nsecs)
		return 0;
	if (r->sym_shndx == e->maps_sec) {
		i = find_map(o, r->sym);
	} else if (e->secs[r->sym_shndx].code) {
		__u64 off = r->sym_type == STT_FUNC ? r->sym_value
			    : r->sym_value + (__u32)insn->imm;
		const struct bpf_elf_func *f;

		f = bpf_elf_func_at(e, r->sym_shndx, off / 8);
		if (!f)
			return 0;
		u->kind = USE_CALL;
		u->id = func_index(o, f);
		return 1;
	} else {
		i = find_map(o, e->secs[r->sym_shndx].name);
	}
	if (i < 0)
		return 0;
	u->kind = USE_MAP;
	u->id = i;
	return 1;
}

static int call_use(struct core_obj *o, const struct bpf_elf_func *f,
		    __u32 sec_insn, const struct bpf_insn *insn,
		    struct use *u)
{
	const struct bpf_elf *e = o->elf;
	const struct bpf_elf_rel *r = bpf_elf_rel_at(e, f->sec, sec_insn);
	const struct bpf_elf_func *callee;
	bool typed;
	long tgt;

	/* clang 14 emits kfunc calls as pseudo calls to an extern */
	if (insn->src_reg == BPF_PSEUDO_CALL_ && r && r->sym_shndx == SHN_UNDEF)
		goto kfunc;
	switch (insn->src_reg) {
	case 0:
		u->kind = USE_HELPER;
		u->id = insn->imm;
		return 1;
	case BPF_PSEUDO_KFUNC_CALL_:
kfunc:
		if (!r || r->sym_shndx != SHN_UNDEF)
			return 0;
		/* __ksym functions are kfuncs; other externs await linking */
		u->kind = extern_sec(e->btf, r->sym, &typed) ? USE_KFUNC
							      : USE_UNLINKED;
		u->name = r->sym;
		u->weak = r->sym_bind == STB_WEAK;
		return 1;
	case BPF_PSEUDO_CALL_:
		if (r && r->sym_shndx > 0 && r->sym_shndx < e->nsecs) {
			tgt = (long)(r->sym_type == STT_FUNC ? r->sym_value / 8 : r->sym_value / 8)
			      + insn->imm + 1;
			callee = bpf_elf_func_at(e, r->sym_shndx, tgt);
		} else {
			tgt = (long)sec_insn + insn->imm + 1;
			callee = tgt >= 0 ? bpf_elf_func_at(e, f->sec, tgt) : NULL;
		}
		if (!callee)
			return 0;
		u->kind = USE_CALL;
		u->id = func_index(o, callee);
		return 1;
	default:
		return 0;
	}
}

static int scan_func(struct core_obj *o, int fi)
{
	const struct bpf_elf *e = o->elf;
	const struct bpf_elf_func *f = &e->funcs[fi];
	struct obj_func *of = &o->funcs[fi];
	const struct bpf_insn *insns;
	size_t cap = 0;
	__u32 cnt, i;
	int ret;

	of->f = f;
	insns = bpf_elf_insns(e, f->sec, &cnt);
	for (i = 0; i < f->insn_cnt; i++) {
		__u32 si = f->insn_off + i;
		const struct bpf_insn *in = &insns[si];
		const struct bpf_elf_rel *r;
		struct use u = { .insn = i };

		if (in->code == (BPF_JMP | BPF_CALL)) {
			ret = call_use(o, f, si, in, &u);
		} else if (in->code == (BPF_LD | BPF_IMM | BPF_DW)) {
			r = bpf_elf_rel_at(e, f->sec, si);
			ret = r ? ldimm_use(o, r, in, &u) : 0;
			i++;
		} else {
			continue;
		}
		if (ret <= 0)
			continue;
		if (ARRAY_RESERVE(of->uses, cap, (size_t)of->nuses + 1, 8))
			return -ENOMEM;
		of->uses[of->nuses++] = u;
	}
	return 0;
}

static const struct {
	const char *pfx;
	enum attach_kind kind;
	bool btf;
} attach_pfx[] = {
	{ "fentry/", ATTACH_FUNC, true },
	{ "fentry.s/", ATTACH_FUNC, true },
	{ "fexit/", ATTACH_FUNC, true },
	{ "fexit.s/", ATTACH_FUNC, true },
	{ "fmod_ret/", ATTACH_FUNC, true },
	{ "fmod_ret.s/", ATTACH_FUNC, true },
	{ "kprobe/", ATTACH_FUNC, false },
	{ "kretprobe/", ATTACH_FUNC, false },
	{ "tp_btf/", ATTACH_BTF_TRACE, true },
	{ "raw_tp/", ATTACH_BTF_TRACE, false },
	{ "raw_tracepoint/", ATTACH_BTF_TRACE, false },
	{ "raw_tp.w/", ATTACH_BTF_TRACE, false },
	{ "raw_tracepoint.w/", ATTACH_BTF_TRACE, false },
	{ "lsm/", ATTACH_LSM, true },
	{ "lsm.s/", ATTACH_LSM, true },
	{ "lsm_cgroup/", ATTACH_LSM, true },
	{ "iter/", ATTACH_ITER, true },
	{ "iter.s/", ATTACH_ITER, true },
};

/*
 * Does a function pointer in this struct_ops map's value point at f? The
 * program is attached to the struct of the map that names it, as libbpf
 * takes its attach_btf_id from that map.
 */
static bool ops_map_points_at(const struct bpf_elf *e, const struct obj_map *m,
			      const struct bpf_elf_func *f)
{
	int i;

	for (i = 0; i < e->nrels; i++) {
		const struct bpf_elf_rel *r = &e->rels[i];
		__u64 at = (__u64)r->insn * 8;

		if (r->sec == m->ops_sec && at >= m->ops_off &&
		    at < (__u64)m->ops_off + m->ops_size &&
		    r->sym_shndx == f->sec &&
		    r->sym_value == (__u64)f->insn_off * 8)
			return true;
	}
	return false;
}

static void prog_attach(struct core_obj *o, struct obj_prog *p)
{
	unsigned int i;
	int m;

	for (i = 0; i < sizeof(attach_pfx) / sizeof(attach_pfx[0]); i++) {
		const char *t;

		if (!has_pfx(p->sec, attach_pfx[i].pfx))
			continue;
		t = p->sec + strlen(attach_pfx[i].pfx);
		if (!*t)
			return;
		p->akind = attach_pfx[i].kind;
		p->needs_btf = attach_pfx[i].btf;
		snprintf(p->target, sizeof(p->target), "%.*s",
			 (int)strcspn(t, "+"), t);
		return;
	}
	if (!has_pfx(p->sec, "struct_ops"))
		return;
	p->needs_btf = true;
	for (m = 0; m < o->nmaps; m++) {
		if (!o->maps[m].ops_struct ||
		    !ops_map_points_at(o->elf, &o->maps[m],
				       &o->elf->funcs[p->func]))
			continue;
		p->akind = ATTACH_STRUCT_OPS;
		p->ops_map = m;
		snprintf(p->target, sizeof(p->target), "%s",
			 o->maps[m].ops_struct);
		return;
	}
}

static int collect_progs(struct core_obj *o)
{
	const struct bpf_elf *e = o->elf;
	int i;

	o->progs = calloc(e->nfuncs ? e->nfuncs : 1, sizeof(*o->progs));
	if (!o->progs)
		return -ENOMEM;
	for (i = 0; i < e->nfuncs; i++) {
		struct obj_prog *p;

		if (!bpf_elf_is_prog(e, &e->funcs[i]))
			continue;
		p = &o->progs[o->nprogs++];
		p->func = i;
		p->ops_map = -1;
		p->sec = e->secs[e->funcs[i].sec].name;
		p->type_known = !libbpf_prog_type_by_name(p->sec, &p->type,
							  &p->attach);
		prog_attach(o, p);
	}
	return 0;
}

int core_obj_new(struct bpf_elf *elf, const char *path,
		 struct core_obj **out, char *err, size_t errlen)
{
	struct core_obj *o;
	int i, ret;

	*out = NULL;
	o = calloc(1, sizeof(*o));
	if (!o) {
		bpf_elf_free(elf);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	o->path = path;
	o->elf = elf;
	if (!elf->btf) {
		snprintf(err, errlen,
			 "%s: no .BTF section (compile with clang -g)", path);
		core_obj_free(o);
		return -1;
	}
	o->nfuncs = elf->nfuncs;
	o->funcs = calloc(o->nfuncs ? o->nfuncs : 1, sizeof(*o->funcs));
	ret = o->funcs ? collect_maps(o) : -ENOMEM;
	ret = ret ? ret : collect_progs(o);
	for (i = 0; !ret && i < o->nfuncs; i++)
		ret = scan_func(o, i);
	if (ret) {
		snprintf(err, errlen, "%s: out of memory", path);
		core_obj_free(o);
		return -1;
	}
	*out = o;
	return 0;
}

int core_obj_open(const char *path, struct core_obj **out, char *err,
		  size_t errlen)
{
	struct bpf_elf *elf;

	*out = NULL;
	if (bpf_elf_open(path, &elf, err, errlen))
		return -1;
	return core_obj_new(elf, path, out, err, errlen);
}

void core_obj_free(struct core_obj *o)
{
	int i;

	if (!o)
		return;
	for (i = 0; o->funcs && i < o->nfuncs; i++)
		free(o->funcs[i].uses);
	free(o->funcs);
	free(o->progs);
	free(o->maps);
	bpf_elf_free(o->elf);
	free(o);
}

/* ---- reachability ---- */

#define NSLOTS	64	/* 8-byte stack slots tracked below r10 */

struct cstate {
	bool valid;
	__u16 known;		/* bit per register */
	__u64 reg[11];
	__u64 slot_known;	/* bit per stack slot */
	__u64 slot[NSLOTS];
};

static bool join(struct cstate *dst, const struct cstate *src)
{
	struct cstate old = *dst;
	int i;

	if (!dst->valid) {
		*dst = *src;
		return true;
	}
	for (i = 0; i < 11; i++)
		if ((dst->known & (1u << i)) && (!(src->known & (1u << i)) ||
						  src->reg[i] != dst->reg[i]))
			dst->known &= ~(1u << i);
	for (i = 0; i < NSLOTS; i++)
		if ((dst->slot_known & (1ull << i)) &&
		    (!(src->slot_known & (1ull << i)) ||
		     src->slot[i] != dst->slot[i]))
			dst->slot_known &= ~(1ull << i);
	return dst->known != old.known || dst->slot_known != old.slot_known;
}

static bool rknown(const struct cstate *s, int r)
{
	return r < 11 && (s->known & (1u << r));
}

static void rset(struct cstate *s, int r, bool known, __u64 v)
{
	if (r >= 11)
		return;
	if (known) {
		s->known |= 1u << r;
		s->reg[r] = v;
	} else {
		s->known &= ~(1u << r);
	}
}

static bool alu(__u8 op, bool is64, __u64 a, __u64 b, __u64 *res)
{
	__u64 r;

	if (!is64) {
		a = (__u32)a;
		b = (__u32)b;
	}
	switch (op) {
	case BPF_ADD: r = a + b; break;
	case BPF_SUB: r = a - b; break;
	case BPF_MUL: r = a * b; break;
	case BPF_DIV: r = b ? a / b : 0; break;
	case BPF_MOD: r = b ? a % b : a; break;
	case BPF_OR: r = a | b; break;
	case BPF_AND: r = a & b; break;
	case BPF_XOR: r = a ^ b; break;
	case BPF_LSH: r = a << (b & (is64 ? 63 : 31)); break;
	case BPF_RSH: r = a >> (b & (is64 ? 63 : 31)); break;
	case BPF_ARSH:
		r = is64 ? (__u64)((__s64)a >> (b & 63))
			 : (__u32)((__s32)a >> (b & 31));
		break;
	case BPF_NEG: r = -a; break;
	case BPF_MOV: r = b; break;
	default: return false;
	}
	*res = is64 ? r : (__u32)r;
	return true;
}

/* 1 taken, 0 not taken, -1 unknown */
static int cond(__u8 op, bool is64, __u64 a, __u64 b)
{
	__s64 sa = is64 ? (__s64)a : (__s32)a, sb = is64 ? (__s64)b : (__s32)b;

	if (!is64) {
		a = (__u32)a;
		b = (__u32)b;
	}
	switch (op) {
	case BPF_JEQ: return a == b;
	case BPF_JNE: return a != b;
	case BPF_JGT: return a > b;
	case BPF_JGE: return a >= b;
	case BPF_JLT: return a < b;
	case BPF_JLE: return a <= b;
	case BPF_JSET: return (a & b) != 0;
	case BPF_JSGT: return sa > sb;
	case BPF_JSGE: return sa >= sb;
	case BPF_JSLT: return sa < sb;
	case BPF_JSLE: return sa <= sb;
	default: return -1;
	}
}

static int slot_of(const struct bpf_insn *in, int base_reg)
{
	int off = in->off;

	if (base_reg != BPF_REG_10 || off >= 0 || off % 8 || -off / 8 > NSLOTS)
		return -1;
	return -off / 8 - 1;
}

static void mem_op(const struct bpf_insn *in, struct cstate *s)
{
	__u8 cls = BPF_CLASS(in->code);
	int slot;

	if (cls == BPF_LDX) {
		slot = slot_of(in, in->src_reg);
		if (slot >= 0 && BPF_SIZE(in->code) == BPF_DW &&
		    BPF_MODE(in->code) == BPF_MEM &&
		    (s->slot_known & (1ull << slot)))
			rset(s, in->dst_reg, true, s->slot[slot]);
		else
			rset(s, in->dst_reg, false, 0);
		return;
	}
	/* ST/STX: a full spill keeps the value, anything else forgets it */
	if (in->dst_reg != BPF_REG_10) {
		if (BPF_MODE(in->code) == BPF_ATOMIC && (in->imm & BPF_FETCH))
			rset(s, in->imm == BPF_CMPXCHG ? BPF_REG_0 : in->src_reg,
			     false, 0);
		return;
	}
	slot = slot_of(in, in->dst_reg);
	if (slot < 0) {
		int lo = -(in->off) / 8;

		if (lo >= 1 && lo <= NSLOTS)
			s->slot_known &= ~(1ull << (lo - 1));
		if (lo >= 0 && lo < NSLOTS)
			s->slot_known &= ~(1ull << lo);
		return;
	}
	if (BPF_MODE(in->code) == BPF_MEM && BPF_SIZE(in->code) == BPF_DW &&
	    (cls == BPF_ST || rknown(s, in->src_reg))) {
		s->slot_known |= 1ull << slot;
		s->slot[slot] = cls == BPF_ST ? (__u64)(__s64)in->imm
					      : s->reg[in->src_reg];
	} else {
		s->slot_known &= ~(1ull << slot);
	}
}

/*
 * Two walks share step(): the merging one (one state per instruction,
 * joined: always finishes, may see a branch as open that the verifier
 * would close) and the path one, like the verifier: every path with its
 * own constants, states already seen at an instruction pruned, within a
 * budget; when the budget runs out the merging walk's answer stands.
 */
#define PATH_BUDGET	(1u << 16)	/* states explored per function */

struct pitem {
	__u32 insn;
	struct cstate st;
};

struct walk {
	const struct bpf_insn *insns;
	__u32 cnt;
	/* merging walk */
	struct cstate *st;
	__u32 *queue;
	bool *queued;
	__u32 qh, qt;
	/* path walk */
	bool paths;
	bool over;		/* budget exhausted */
	struct pitem *stack;
	__u32 sp, scap;
	__u64 *seen;		/* open-addressing set of (insn, state) hashes */
	__u32 seen_mask, nseen;
};

static __u64 state_hash(__u32 insn, const struct cstate *s)
{
	__u64 h = 1469598103934665603ull ^ insn;
	int i;

#define MIX(v) (h = (h ^ (__u64)(v)) * 1099511628211ull)
	MIX(s->known);
	MIX(s->slot_known);
	for (i = 0; i < 11; i++)
		if (s->known & (1u << i))
			MIX(s->reg[i]);
	for (i = 0; i < NSLOTS; i++)
		if (s->slot_known & (1ull << i))
			MIX(s->slot[i]);
#undef MIX
	return h ? h : 1;
}

static bool seen_grow(struct walk *w)
{
	__u32 size = (w->seen_mask + 1) * 2, i, j;
	__u64 *n = calloc(size, sizeof(*n));

	if (!n)
		return false;
	for (i = 0; i <= w->seen_mask; i++) {
		if (!w->seen[i])
			continue;
		for (j = w->seen[i] & (size - 1); n[j]; j = (j + 1) & (size - 1))
			;
		n[j] = w->seen[i];
	}
	free(w->seen);
	w->seen = n;
	w->seen_mask = size - 1;
	return true;
}

/* true when the state is new at insn (and now remembered) */
static bool seen_add(struct walk *w, __u64 h)
{
	__u32 i;

	if ((w->nseen + 1) * 2 > w->seen_mask + 1 && !seen_grow(w)) {
		w->over = true;
		return false;
	}
	for (i = h & w->seen_mask; w->seen[i]; i = (i + 1) & w->seen_mask)
		if (w->seen[i] == h)
			return false;
	w->seen[i] = h;
	w->nseen++;
	return true;
}

static void push_path(struct walk *w, __u32 to, const struct cstate *s)
{
	if (w->over || !seen_add(w, state_hash(to, s)))
		return;
	if (w->nseen >= PATH_BUDGET) {
		w->over = true;
		return;
	}
	if (ARRAY_RESERVE(w->stack, w->scap, (size_t)w->sp + 1, 64)) {
		w->over = true;
		return;
	}
	w->stack[w->sp].insn = to;
	w->stack[w->sp++].st = *s;
}

static void push(struct walk *w, __s64 to, const struct cstate *s)
{
	if (to < 0 || to >= w->cnt)
		return;
	if (w->paths) {
		push_path(w, to, s);
		return;
	}
	if (!join(&w->st[to], s) || w->queued[to])
		return;
	w->queued[to] = true;
	w->queue[w->qt++ % w->cnt] = to;
}

static void step(struct walk *w, __u32 i, struct cstate s)
{
	const struct bpf_insn *in = &w->insns[i];
	__u8 cls = BPF_CLASS(in->code), op = BPF_OP(in->code);
	bool is64 = cls == BPF_ALU64 || cls == BPF_JMP;
	__u64 a, b, r;
	int c, k;

	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		k = BPF_SRC(in->code) == BPF_K;
		b = k ? (__u64)(__s64)in->imm : s.reg[in->src_reg < 11 ? in->src_reg : 0];
		a = s.reg[in->dst_reg < 11 ? in->dst_reg : 0];
		if (op == BPF_END) {
			rset(&s, in->dst_reg, false, 0);
		} else if ((op == BPF_MOV || rknown(&s, in->dst_reg)) &&
			   (k || rknown(&s, in->src_reg)) && in->off == 0 &&
			   alu(op, is64, a, b, &r)) {
			rset(&s, in->dst_reg, true, r);
		} else {
			rset(&s, in->dst_reg, false, 0);
		}
		push(w, i + 1, &s);
		return;
	case BPF_LD:
		if (in->code == (BPF_LD | BPF_IMM | BPF_DW) && i + 1 < w->cnt) {
			r = (__u32)in->imm | ((__u64)(__u32)in[1].imm << 32);
			rset(&s, in->dst_reg, in->src_reg == 0, r);
			push(w, i + 2, &s);
			return;
		}
		rset(&s, BPF_REG_0, false, 0);
		push(w, i + 1, &s);
		return;
	case BPF_LDX:
	case BPF_ST:
	case BPF_STX:
		mem_op(in, &s);
		push(w, i + 1, &s);
		return;
	default:
		break;
	}
	/* jumps */
	if (op == BPF_EXIT)
		return;
	if (op == BPF_CALL) {
		for (k = 0; k <= 5; k++)
			rset(&s, k, false, 0);
		push(w, i + 1, &s);
		return;
	}
	if (op == BPF_JA) {
		push(w, (__s64)i + 1 + (cls == BPF_JMP32 ? in->imm : in->off), &s);
		return;
	}
	c = -1;
	if (rknown(&s, in->dst_reg) &&
	    (BPF_SRC(in->code) == BPF_K || rknown(&s, in->src_reg)))
		c = cond(op, is64, s.reg[in->dst_reg],
			 BPF_SRC(in->code) == BPF_K ? (__u64)(__s64)in->imm
						    : s.reg[in->src_reg]);
	if (c != 0)
		push(w, (__s64)i + 1 + in->off, &s);
	if (c != 1)
		push(w, i + 1, &s);
}

/* The path walk; its answer replaces reach only if it finished. */
static void path_reach(struct walk *w, bool *reach)
{
	struct cstate entry = { .valid = true };
	struct pitem it;
	bool *got = calloc(w->cnt, sizeof(*got));

	w->paths = true;
	w->seen_mask = 255;
	while (w->seen_mask < w->cnt * 4)
		w->seen_mask = w->seen_mask * 2 + 1;
	w->seen = calloc(w->seen_mask + 1, sizeof(*w->seen));
	if (!got || !w->seen)
		goto out;
	push(w, 0, &entry);
	while (w->sp && !w->over) {
		it = w->stack[--w->sp];
		got[it.insn] = true;
		step(w, it.insn, it.st);
	}
	if (!w->over)
		memcpy(reach, got, w->cnt * sizeof(*reach));
out:
	free(got);
	free(w->seen);
	free(w->stack);
}

void core_reach(const struct bpf_insn *insns, __u32 cnt, bool *reach)
{
	struct walk w = { .insns = insns, .cnt = cnt };
	struct cstate entry = { .valid = true };
	__u32 i;

	memset(reach, 0, cnt * sizeof(*reach));
	if (!cnt)
		return;
	w.st = calloc(cnt, sizeof(*w.st));
	w.queue = calloc(cnt, sizeof(*w.queue));
	w.queued = calloc(cnt, sizeof(*w.queued));
	if (!w.st || !w.queue || !w.queued) {
		/* no memory to prove anything dead: all reachable */
		for (i = 0; i < cnt; i++)
			reach[i] = true;
		goto out;
	}
	push(&w, 0, &entry);
	while (w.qh != w.qt) {
		i = w.queue[w.qh++ % cnt];
		w.queued[i] = false;
		reach[i] = true;
		step(&w, i, w.st[i]);
	}
	path_reach(&w, reach);
out:
	free(w.st);
	free(w.queue);
	free(w.queued);
}
