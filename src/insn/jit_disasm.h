/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * JIT image disassembly through LLVM's C disassembler API. libLLVM is
 * dlopen()ed only by "prog dump jited", so bpfkit has no link-time LLVM
 * dependency and every other command starts without loading it.
 */
#ifndef BPFKIT_JIT_DISASM_H
#define BPFKIT_JIT_DISASM_H

#include <stdbool.h>
#include <linux/types.h>

struct btf;
struct bpf_prog_linfo;
struct jit_disasm;

/*
 * Load libLLVM (BPFKIT_LLVM_LIB overrides the search) and create a
 * disassembler for the host. Reports and returns NULL on failure.
 */
struct jit_disasm *jit_disasm_open(void);
void jit_disasm_close(struct jit_disasm *d);
/* Whether jit_disasm_open() would find a usable libLLVM; says nothing. */
bool jit_disasm_available(void);

struct jit_func {
	const unsigned char *image;
	__u32 len;
	__u64 addr;			/* kernel address of image[0], or 0 */
	const struct btf *btf;		/* for source lines */
	const struct bpf_prog_linfo *linfo;	/* NULL: no source lines */
	__u32 func_idx;
	bool opcodes;
	bool linum;
};

/*
 * Print one function's instructions: plain lines "%4x:\tmnemonic\toperands"
 * or, under -j, a JSON array of {"pc","operation","operands"[,"opcodes"]}.
 */
int jit_disasm_print(struct jit_disasm *d, const struct jit_func *fn);

#endif
