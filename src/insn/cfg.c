// SPDX-License-Identifier: GPL-2.0-only
/*
 * Control-flow graph of a translated program, printed as Graphviz DOT in
 * bpftool's layout: one dashed cluster per function, an ENTRY and an EXIT
 * diamond, basic blocks as record nodes, fall-through and jump edges.
 *
 * Functions start at instruction 0 and at every bpf-to-bpf call target.
 * Basic blocks start at a function start, at jump targets and after
 * conditional jumps (calls and exits do not end a block, as in bpftool).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "disasm.h"
#include "main.h"
#include "xlated_dump.h"

#define BB_ENTRY	0
#define BB_EXIT		1
#define BB_FIRST	2	/* numbering of real blocks starts here */

struct func {
	unsigned int start, end;	/* instruction range, inclusive */
	int idx;			/* order of discovery, as bpftool */
};

static bool is_jmp_class(__u8 code)
{
	return BPF_CLASS(code) == BPF_JMP || BPF_CLASS(code) == BPF_JMP32;
}

/* Does this instruction end a basic block with a jump? */
static bool is_branch(const struct bpf_insn *insn)
{
	__u8 op = BPF_OP(insn->code);

	return is_jmp_class(insn->code) && op != BPF_EXIT && op != BPF_CALL;
}

static bool is_uncond(const struct bpf_insn *insn)
{
	return BPF_OP(insn->code) == BPF_JA;
}

static long jump_target(const struct bpf_insn *insn, unsigned int i)
{
	/* gotol keeps its 32-bit offset in imm */
	if (insn->code == (BPF_JMP32 | BPF_JA))
		return (long)i + insn->imm + 1;
	return (long)i + insn->off + 1;
}

static bool is_pseudo_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL) &&
	       insn->src_reg == BPF_PSEUDO_CALL;
}

static int func_cmp(const void *a, const void *b)
{
	const struct func *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Functions sorted by start; *n is their count. NULL when out of memory. */
static struct func *find_funcs(const struct xlated *x, int *n)
{
	struct func *f = calloc(x->cnt + 1, sizeof(*f));
	unsigned int i;
	long t;
	int k, cnt = 1;

	if (!f)
		return NULL;
	f[0].start = 0;
	for (i = 0; i < x->cnt; i++) {
		if (!is_pseudo_call(&x->insns[i]))
			continue;
		/* the kernel keeps the relative target in off */
		t = (long)i + x->insns[i].off + 1;
		if (t < 0 || t >= (long)x->cnt)
			continue;
		for (k = 0; k < cnt && f[k].start != (unsigned int)t; k++)
			;
		if (k == cnt) {
			f[cnt].start = t;
			f[cnt].idx = cnt;
			cnt++;
		}
	}
	qsort(f, cnt, sizeof(*f), func_cmp);
	for (k = 0; k < cnt; k++)
		f[k].end = k + 1 < cnt ? f[k + 1].start - 1 : x->cnt - 1;
	*n = cnt;
	return f;
}

/*
 * Number the blocks of one function: head[i] is the block number of the
 * block starting at insn i, 0 elsewhere. Returns the number of blocks.
 */
static int mark_heads(const struct xlated *x, const struct func *f, int *head)
{
	unsigned int i;
	int n = BB_FIRST;
	long t;

	head[f->start] = 1;
	for (i = f->start; i <= f->end; i++) {
		if (!is_branch(&x->insns[i]))
			continue;
		t = jump_target(&x->insns[i], i);
		if (t >= f->start && t <= f->end)
			head[t] = 1;
		if (!is_uncond(&x->insns[i]) && i + 1 <= f->end)
			head[i + 1] = 1;
	}
	for (i = f->start; i <= f->end; i++)
		if (head[i])
			head[i] = n++;
	return n - BB_FIRST;
}

/* Block number of the block starting at insn t, or -1. */
static int block_of(const int *head, const struct func *f, long t)
{
	if (t < f->start || t > f->end || !head[t])
		return -1;
	return head[t];
}

static void print_edge(int fn, int from, int to)
{
	printf("\tfn_%d_bb_%d:s -> fn_%d_bb_%d:n [style=\"solid,bold\", color=black, weight=10, constraint=true];\n",
	       fn, from, fn, to);
}

static void print_node(int fn, int bb, const char *shape)
{
	printf("\tfn_%d_bb_%d [shape=%s,style=filled,label=\"", fn, bb, shape);
}

static void print_blocks(const struct xlated *x, const struct func *f,
			 const int *head)
{
	unsigned int i, end;
	int bb = BB_FIRST;

	print_node(f->idx, BB_ENTRY, "Mdiamond");
	printf("ENTRY\"];\n\n");
	for (i = f->start; i <= f->end; i = end + 1, bb++) {
		for (end = i; end < f->end && !head[end + 1]; end++)
			;
		print_node(f->idx, bb, "record");
		printf("{\\\n");
		xlated_print_dot(x, i, end, f->start);
		printf("}\"];\n\n");
	}
	print_node(f->idx, BB_EXIT, "Mdiamond");
	printf("EXIT\"];\n\n");
}

static void print_edges(const struct xlated *x, const struct func *f,
			const int *head, int nblocks)
{
	const struct bpf_insn *tail;
	unsigned int i, end;
	int bb = BB_FIRST, next, to;

	print_edge(f->idx, BB_ENTRY, BB_FIRST);
	for (i = f->start; i <= f->end; i = end + 1, bb++) {
		for (end = i; end < f->end && !head[end + 1]; end++)
			;
		/* the block after the last one is EXIT */
		next = bb + 1 < BB_FIRST + nblocks ? bb + 1 : BB_EXIT;
		tail = &x->insns[end];
		/* a block ending in ld_imm64's second half is no branch */
		if (end > i && insn_is_ld_imm64(&x->insns[end - 1]))
			tail = &x->insns[end - 1];
		if (!is_branch(tail)) {
			print_edge(f->idx, bb, next);
			continue;
		}
		if (!is_uncond(tail))
			print_edge(f->idx, bb, next);
		to = block_of(head, f, jump_target(tail, tail - x->insns));
		if (to >= 0)
			print_edge(f->idx, bb, to);
	}
	printf("\tfn_%d_bb_%d:s -> fn_%d_bb_%d:n [style=\"invis\", constraint=true];\n",
	       f->idx, BB_ENTRY, f->idx, BB_EXIT);
}

int cfg_print_dot(const struct xlated *x)
{
	struct func *funcs;
	int *head;
	int n = 0, k, nblocks;

	if (!x->cnt)
		return p_err("no instructions to draw");
	funcs = find_funcs(x, &n);
	head = calloc(x->cnt, sizeof(*head));
	if (!funcs || !head) {
		free(funcs);
		free(head);
		return p_err("out of memory");
	}
	printf("digraph \"DOT graph for eBPF program\" {\n");
	for (k = 0; k < n; k++) {
		nblocks = mark_heads(x, &funcs[k], head);
		printf("subgraph \"cluster_%d\" {\n\tstyle=\"dashed\";\n\tcolor=\"black\";\n\tlabel=\"func_%d ()\";\n",
		       funcs[k].idx, funcs[k].idx);
		print_blocks(x, &funcs[k], head);
		print_edges(x, &funcs[k], head, nblocks);
		printf("}\n");
	}
	printf("}\n");
	free(funcs);
	free(head);
	return 0;
}
