/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * eBPF instruction printer. The text is the one the kernel verifier and
 * bpftool print ("(07) r1 += -8", "(85) call bpf_map_lookup_elem#1"), so
 * that scripts reading bpftool's dumps read ours. Callers decide where the
 * text goes (plain line, JSON string, DOT label).
 */
#ifndef BPFKIT_DISASM_H
#define BPFKIT_DISASM_H

#include <stddef.h>
#include <linux/bpf.h>

struct disasm_cbs {
	/*
	 * Name of a call target: helper whose id we do not know, kfunc or
	 * bpf-to-bpf call (for the latter the text after "pc"). NULL means
	 * "no idea" and a built-in fallback is used.
	 */
	const char *(*call_name)(void *ctx, const struct bpf_insn *insn,
				 char *buf, size_t len);
	/* Text of a 64-bit immediate load (map reference, constant, ...). */
	const char *(*imm64)(void *ctx, const struct bpf_insn *insn,
			     __u64 imm, char *buf, size_t len);
	void *ctx;
};

/*
 * Write the text of *insn (no trailing newline) into out. For ld_imm64
 * insn[1] must be readable. Returns out.
 */
const char *disasm_insn(const struct disasm_cbs *cbs,
			const struct bpf_insn *insn, char *out, size_t len);

static inline int insn_is_ld_imm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

#endif
