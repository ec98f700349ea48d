// SPDX-License-Identifier: GPL-2.0-only
/*
 * eBPF instruction printer. The wording follows the kernel's verifier log
 * (and so bpftool's dumps) exactly: users grep these lines and diff them
 * against bpftool's. One function per instruction class.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "disasm.h"
#include "names.h"

/* UAPI values newer than Debian's headers (kernel 6.1). */
#define OP_MEMSX	0x80	/* BPF_MEMSX: sign-extending load */
#define OP_NOSPEC	0xc0	/* kernel-internal speculation barrier */
#define OP_JCOND	0xe0	/* BPF_JCOND */
#define SRC_MAY_GOTO	0	/* BPF_MAY_GOTO */
#define ATOMIC_LOAD_ACQ	0x100	/* BPF_LOAD_ACQ */
#define ATOMIC_STORE_REL 0x110	/* BPF_STORE_REL */
#define OFF_ADDR_SPACE_CAST 1	/* BPF_ADDR_SPACE_CAST */
#define OFF_PERCPU_ADDR	(-1)	/* internal: per-CPU address mov */

struct out {
	char *buf;
	size_t len;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(o->buf, o->len, fmt, ap);
	va_end(ap);
}

/* printf("%s", NULL) prints "(null)" with glibc; say it explicitly. */
static const char *str(const char *s)
{
	return s ? s : "(null)";
}

/* Operator names by BPF_OP(code) >> 4, size names by BPF_SIZE(code) >> 3. */
static const char *const alu_ops[16] = {
	"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=",
	"neg", "%=", "^=", "=", "s>>=", "endian",
};
static const char *const jmp_ops[16] = {
	"jmp", "==", ">", ">=", "&", "!=", "s>", "s>=",
	"call", "exit", "<", "<=", "s<", "s<=",
};
static const char *const sizes[4] = { "u32", "u16", "u8", "u64" };
static const char *const sx_sizes[4] = { "s32", "s16", "s8", NULL };

static const char *alu_op(unsigned int op) { return alu_ops[op >> 4]; }
static const char *jmp_op(unsigned int op) { return jmp_ops[op >> 4]; }
static const char *size_name(unsigned int code)
{
	return sizes[BPF_SIZE(code) >> 3];
}

/* Small value-to-name lists, ended by a NULL name. */
struct val_name {
	int val;
	const char *name;
};

static const char *name_of(const struct val_name *t, int val)
{
	for (; t->name; t++)
		if (t->val == val)
			return t->name;
	return NULL;
}

/* The ALU ops an atomic insn may carry (BPF_FETCH aside). */
static const struct val_name atomic_ops[] = {
	{ BPF_ADD, "add" }, { BPF_AND, "and" }, { BPF_OR, "or" },
	{ BPF_XOR, "xor" }, { 0, NULL }
};
/* movsx: the source width in off. */
static const struct val_name movsx_casts[] = {
	{ 8, "(s8)" }, { 16, "(s16)" }, { 32, "(s32)" }, { 0, NULL }
};

/* The operator of a register/immediate ALU insn, signed variants included. */
static const char *alu_op_of(const struct bpf_insn *insn)
{
	unsigned int op = BPF_OP(insn->code);

	if (insn->off == 1 && op == BPF_DIV)
		return "s/=";
	if (insn->off == 1 && op == BPF_MOD)
		return "s%=";
	return alu_op(op);
}

static void print_alu(struct out *o, const struct bpf_insn *insn)
{
	bool is64 = BPF_CLASS(insn->code) == BPF_ALU64;
	char r = is64 ? 'r' : 'w';
	unsigned int op = BPF_OP(insn->code);
	const char *cast;

	if (op == BPF_END) {
		if (is64)
			put(o, "(%02x) r%d = bswap%d r%d", insn->code,
			    insn->dst_reg, insn->imm, insn->dst_reg);
		else
			put(o, "(%02x) r%d = %s%d r%d", insn->code,
			    insn->dst_reg,
			    BPF_SRC(insn->code) == BPF_X ? "be" : "le",
			    insn->imm, insn->dst_reg);
		return;
	}
	if (op == BPF_NEG) {
		put(o, "(%02x) %c%d = -%c%d", insn->code, r, insn->dst_reg, r,
		    insn->dst_reg);
		return;
	}
	if (insn->code == (BPF_ALU64 | BPF_MOV | BPF_X) &&
	    insn->off == OFF_ADDR_SPACE_CAST) {
		put(o, "(%02x) r%d = addr_space_cast(r%d, %u, %u)", insn->code,
		    insn->dst_reg, insn->src_reg, (__u32)insn->imm >> 16,
		    (__u16)insn->imm);
		return;
	}
	if (insn->code == (BPF_ALU64 | BPF_MOV | BPF_X) &&
	    insn->off == OFF_PERCPU_ADDR) {
		put(o, "(%02x) r%d = &(void __percpu *)(r%d)", insn->code,
		    insn->dst_reg, insn->src_reg);
		return;
	}
	if (BPF_SRC(insn->code) == BPF_K) {
		put(o, "(%02x) %c%d %s %d", insn->code, r, insn->dst_reg,
		    str(alu_op_of(insn)), insn->imm);
		return;
	}
	cast = op == BPF_MOV ? name_of(movsx_casts, insn->off) : NULL;
	put(o, "(%02x) %c%d %s %s%c%d", insn->code, r, insn->dst_reg,
	    str(alu_op_of(insn)), cast ? cast : "", r, insn->src_reg);
}

static void print_atomic(struct out *o, const struct bpf_insn *insn)
{
	const char *sz = size_name(insn->code);
	const char *w = BPF_SIZE(insn->code) == BPF_DW ? "64" : "";
	int imm = insn->imm;
	const char *fetch_op = imm & BPF_FETCH ?
			       name_of(atomic_ops, imm & ~BPF_FETCH) : NULL;

	if (name_of(atomic_ops, imm)) {
		put(o, "(%02x) lock *(%s *)(r%d %+d) %s r%d", insn->code, sz,
		    insn->dst_reg, insn->off, str(alu_op(BPF_OP(imm))),
		    insn->src_reg);
	} else if (fetch_op) {
		put(o, "(%02x) r%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)",
		    insn->code, insn->src_reg, w, fetch_op, sz, insn->dst_reg,
		    insn->off, insn->src_reg);
	} else if (imm == BPF_CMPXCHG) {
		put(o, "(%02x) r0 = atomic%s_cmpxchg((%s *)(r%d %+d), r0, r%d)",
		    insn->code, w, sz, insn->dst_reg, insn->off,
		    insn->src_reg);
	} else if (imm == BPF_XCHG) {
		put(o, "(%02x) r%d = atomic%s_xchg((%s *)(r%d %+d), r%d)",
		    insn->code, insn->src_reg, w, sz, insn->dst_reg,
		    insn->off, insn->src_reg);
	} else if (imm == ATOMIC_LOAD_ACQ) {
		put(o, "(%02x) r%d = load_acquire((%s *)(r%d %+d))",
		    insn->code, insn->dst_reg, sz, insn->src_reg, insn->off);
	} else if (imm == ATOMIC_STORE_REL) {
		put(o, "(%02x) store_release((%s *)(r%d %+d), r%d)",
		    insn->code, sz, insn->dst_reg, insn->off, insn->src_reg);
	} else {
		put(o, "BUG_%02x", insn->code);
	}
}

static void print_stx(struct out *o, const struct bpf_insn *insn)
{
	switch (BPF_MODE(insn->code)) {
	case BPF_MEM:
		put(o, "(%02x) *(%s *)(r%d %+d) = r%d", insn->code,
		    size_name(insn->code), insn->dst_reg, insn->off,
		    insn->src_reg);
		break;
	case BPF_ATOMIC:
		print_atomic(o, insn);
		break;
	default:
		put(o, "BUG_%02x", insn->code);
	}
}

static void print_st(struct out *o, const struct bpf_insn *insn)
{
	switch (BPF_MODE(insn->code)) {
	case BPF_MEM:
		put(o, "(%02x) *(%s *)(r%d %+d) = %d", insn->code,
		    size_name(insn->code), insn->dst_reg, insn->off,
		    insn->imm);
		break;
	case OP_NOSPEC:
		put(o, "(%02x) nospec", insn->code);
		break;
	default:
		put(o, "BUG_st_%02x", insn->code);
	}
}

static void print_ldx(struct out *o, const struct bpf_insn *insn)
{
	unsigned int mode = BPF_MODE(insn->code);
	const char *const *names = mode == BPF_MEM ? sizes : sx_sizes;

	if (mode != BPF_MEM && mode != OP_MEMSX) {
		put(o, "BUG_ldx_%02x", insn->code);
		return;
	}
	put(o, "(%02x) r%d = *(%s *)(r%d %+d)", insn->code, insn->dst_reg,
	    str(names[BPF_SIZE(insn->code) >> 3]), insn->src_reg, insn->off);
}

static void print_ld(const struct disasm_cbs *cbs, struct out *o,
		     const struct bpf_insn *insn)
{
	unsigned int mode = BPF_MODE(insn->code);
	const char *text = NULL;
	char tmp[128];
	__u64 imm;

	if (mode == BPF_ABS) {
		put(o, "(%02x) r0 = *(%s *)skb[%d]", insn->code,
		    size_name(insn->code), insn->imm);
		return;
	}
	if (mode == BPF_IND) {
		put(o, "(%02x) r0 = *(%s *)skb[r%d + %d]", insn->code,
		    size_name(insn->code), insn->src_reg, insn->imm);
		return;
	}
	if (!insn_is_ld_imm64(insn)) {
		put(o, "BUG_ld_%02x", insn->code);
		return;
	}
	imm = ((__u64)(__u32)insn[1].imm << 32) | (__u32)insn[0].imm;
	if (cbs && cbs->imm64)
		text = cbs->imm64(cbs->ctx, insn, imm, tmp, sizeof(tmp));
	if (!text) {
		snprintf(tmp, sizeof(tmp), "0x%llx", (unsigned long long)imm);
		text = tmp;
	}
	put(o, "(%02x) r%d = %s", insn->code, insn->dst_reg, text);
}

/* Helpers by id; everything else (kfuncs, subprogs) asks the caller. */
static const char *call_target(const struct disasm_cbs *cbs,
			       const struct bpf_insn *insn, char *buf,
			       size_t len)
{
	const char *name = NULL;

	if (!insn->src_reg && insn->imm >= 0 &&
	    (unsigned int)insn->imm < helper_max_id() &&
	    helper_name(insn->imm))
		return helper_name(insn->imm);
	if (cbs && cbs->call_name)
		name = cbs->call_name(cbs->ctx, insn, buf, len);
	if (name)
		return name;
	if (insn->src_reg == BPF_PSEUDO_CALL)
		snprintf(buf, len, "%+d", insn->imm);
	else if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL)
		snprintf(buf, len, "kernel-function");
	else
		snprintf(buf, len, "unknown");
	return buf;
}

static void print_jmp(const struct disasm_cbs *cbs, struct out *o,
		      const struct bpf_insn *insn)
{
	char r = BPF_CLASS(insn->code) == BPF_JMP32 ? 'w' : 'r';
	char tmp[160];

	if (BPF_OP(insn->code) == BPF_CALL) {
		const char *name = call_target(cbs, insn, tmp, sizeof(tmp));

		if (insn->src_reg == BPF_PSEUDO_CALL)
			put(o, "(%02x) call pc%s", insn->code, name);
		else
			put(o, "(%02x) call %s#%d", insn->code, name,
			    insn->imm);
	} else if (insn->code == (BPF_JMP | BPF_JA)) {
		put(o, "(%02x) goto pc%+d", insn->code, insn->off);
	} else if (insn->code == (BPF_JMP | BPF_JA | BPF_X)) {
		put(o, "(%02x) gotox r%d", insn->code, insn->dst_reg);
	} else if (insn->code == (BPF_JMP | OP_JCOND) &&
		   insn->src_reg == SRC_MAY_GOTO) {
		put(o, "(%02x) may_goto pc%+d", insn->code, insn->off);
	} else if (insn->code == (BPF_JMP32 | BPF_JA)) {
		put(o, "(%02x) gotol pc%+d", insn->code, insn->imm);
	} else if (insn->code == (BPF_JMP | BPF_EXIT)) {
		put(o, "(%02x) exit", insn->code);
	} else if (BPF_SRC(insn->code) == BPF_X) {
		put(o, "(%02x) if %c%d %s %c%d goto pc%+d", insn->code, r,
		    insn->dst_reg, str(jmp_op(BPF_OP(insn->code))), r,
		    insn->src_reg, insn->off);
	} else {
		put(o, "(%02x) if %c%d %s 0x%x goto pc%+d", insn->code, r,
		    insn->dst_reg, str(jmp_op(BPF_OP(insn->code))),
		    (__u32)insn->imm, insn->off);
	}
}

const char *disasm_insn(const struct disasm_cbs *cbs,
			const struct bpf_insn *insn, char *out, size_t len)
{
	struct out o = { .buf = out, .len = len };

	if (!len)
		return out;
	out[0] = '\0';
	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		print_alu(&o, insn);
		break;
	case BPF_STX:
		print_stx(&o, insn);
		break;
	case BPF_ST:
		print_st(&o, insn);
		break;
	case BPF_LDX:
		print_ldx(&o, insn);
		break;
	case BPF_LD:
		print_ld(cbs, &o, insn);
		break;
	default:	/* BPF_JMP, BPF_JMP32 */
		print_jmp(cbs, &o, insn);
		break;
	}
	return out;
}
