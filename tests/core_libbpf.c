// SPDX-License-Identifier: GPL-2.0-only
/*
 * What libbpf itself patches: open OBJ with btf_custom_path=BTF and print,
 * from libbpf's debug log, one line per CO-RE relocation:
 *   PROG RELO_INDEX INSN VALUE [size N] | poison | failed
 * so the tests can diff it against "bpfkit core check -j".
 *
 * libbpf applies CO-RE relocations only inside bpf_object__load(), right
 * before it loads the programs into the kernel. To read the log without
 * loading anything, every program gets an invalid program flag (bit 31)
 * after opening: relocation runs exactly as usual (flags play no part in
 * it), then the kernel rejects the first BPF_PROG_LOAD with EINVAL before
 * any verification, and the load fails. Maps and the object's BTF are
 * created on the way and freed when the object is closed.
 *
 * Usage: core_libbpf OBJ BTF
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>

struct rec {
	char prog[128];
	int relo;
	int insn;
	char val[32];
	int size;
	int poison;
	int failed;
};

static struct rec recs[4096];
static int nrecs;
static int verbose;

static struct rec *get(const char *prog, int relo)
{
	int i;

	for (i = 0; i < nrecs; i++)
		if (recs[i].relo == relo && !strcmp(recs[i].prog, prog))
			return &recs[i];
	if (nrecs == (int)(sizeof(recs) / sizeof(recs[0])))
		exit(3);
	memset(&recs[nrecs], 0, sizeof(recs[0]));
	snprintf(recs[nrecs].prog, sizeof(recs[0].prog), "%s", prog);
	recs[nrecs].relo = relo;
	recs[nrecs].insn = -1;
	recs[nrecs].size = -1;
	return &recs[nrecs++];
}

static int print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char line[1024], prog[128], *p;
	unsigned long long a, b;
	int relo, insn;
	struct rec *r;

	vsnprintf(line, sizeof(line), fmt, ap);
	if (verbose)
		fputs(line, stderr);
	(void)level;
	p = strstr(line, "prog '");
	if (!p || sscanf(p, "prog '%127[^']': relo #%d:", prog, &relo) != 2)
		return 0;
	p = strstr(p, "relo #");
	p = strchr(p, ':') + 1;
	if (sscanf(p, " patched insn #%d (ALU/ALU64) imm %llu -> %llu",
		   &insn, &a, &b) == 3 ||
	    sscanf(p, " patched insn #%d (LDX/ST/STX) off %llu -> %llu",
		   &insn, &a, &b) == 3 ||
	    sscanf(p, " patched insn #%d (LDIMM64) imm64 %llu -> %llu",
		   &insn, &a, &b) == 3) {
		r = get(prog, relo);
		r->insn = insn;
		snprintf(r->val, sizeof(r->val), "%llu", b);
	} else if (sscanf(p, " patched insn #%d (LDX/ST/STX) mem_sz %llu -> %llu",
			  &insn, &a, &b) == 3) {
		get(prog, relo)->size = b;
	} else if (sscanf(p, " substituting insn #%d", &insn) == 1) {
		r = get(prog, relo);
		/* ld_imm64: the second half (insn + 1) is logged first */
		if (r->insn < 0 || insn < r->insn)
			r->insn = insn;
		r->poison = 1;
	} else if (strstr(p, "failed to relocate") ||
		   strstr(p, "failed to patch")) {
		get(prog, relo)->failed = 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts);
	struct bpf_program *prog;
	struct bpf_object *obj;
	int i;

	if (argc != 3) {
		fprintf(stderr, "usage: %s OBJ BTF\n", argv[0]);
		return 2;
	}
	verbose = getenv("CORE_LIBBPF_VERBOSE") != NULL;
	libbpf_set_print(print);
	opts.btf_custom_path = argv[2];
	obj = bpf_object__open_file(argv[1], &opts);
	if (!obj) {
		fprintf(stderr, "cannot open %s\n", argv[1]);
		return 2;
	}
	bpf_object__for_each_program(prog, obj)
		bpf_program__set_flags(prog, bpf_program__flags(prog) | (1u << 31));
	if (!bpf_object__load(obj)) {
		fprintf(stderr, "the load was expected to fail\n");
		bpf_object__close(obj);
		return 2;
	}
	bpf_object__close(obj);
	for (i = 0; i < nrecs; i++) {
		struct rec *r = &recs[i];

		if (r->failed)
			printf("%s %d failed\n", r->prog, r->relo);
		else if (r->poison)
			printf("%s %d %d poison\n", r->prog, r->relo, r->insn);
		else if (r->size >= 0)
			printf("%s %d %d %s size %d\n", r->prog, r->relo,
			       r->insn, r->val, r->size);
		else
			printf("%s %d %d %s\n", r->prog, r->relo, r->insn,
			       r->val);
	}
	return 0;
}
