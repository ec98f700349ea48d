/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * prog dump xlated: the kernel's translated instructions as text, JSON or
 * DOT labels, annotated from BTF func_info and line_info. Also the pieces
 * the jited dump shares: kernel symbols, function prototypes, source lines.
 */
#ifndef BPFKIT_XLATED_DUMP_H
#define BPFKIT_XLATED_DUMP_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/bpf.h>

struct btf;
struct bpf_prog_linfo;
struct ksyms;	/* ksyms.h */

/* "; src" line (with linum: " [file:F line_num:N line_col:C]"). */
void linfo_print_plain(FILE *f, const struct btf *btf,
		       const struct bpf_line_info *li, bool linum);
/* "src", and with linum "file", "line_num", "line_col" JSON fields. */
void linfo_print_json(const struct btf *btf, const struct bpf_line_info *li,
		      bool linum);

/*
 * vmlinux BTF, loaded on first need: names kfunc calls whose imm is still
 * a BTF id (arches with far kfunc calls keep it; x86 rewrites it to an
 * address that kallsyms names).
 */
struct kfunc_btf {
	struct btf *btf;
	bool tried;
};

struct xlated {
	const struct bpf_insn *insns;
	unsigned int cnt;		/* instructions */
	const struct btf *btf;		/* program BTF or NULL */
	const void *func_info;		/* nr_func_info records */
	__u32 nr_func_info;
	__u32 finfo_rec_size;
	const struct bpf_prog_linfo *linfo;	/* or NULL */
	const __u64 *jited_ksyms;	/* subprog addresses, when jited */
	__u32 nr_jited_ksyms;
	const struct ksyms *ksyms;	/* or NULL */
	struct kfunc_btf *kfuncs;	/* NULL where imm is an address */
	bool opcodes;
	bool linum;
};

void xlated_print_plain(const struct xlated *x);
void xlated_print_json(const struct xlated *x);
/*
 * The instructions [first, last] (absolute indexes) of one basic block as
 * the body of a DOT record label. Indexes print relative to func_start, as
 * bpftool numbers them in its graphs.
 */
void xlated_print_dot(const struct xlated *x, unsigned int first,
		      unsigned int last, unsigned int func_start);

#endif
