// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for "core check"'s object path: arbitrary bytes go
 * through the BPF ELF reader (sections, symbols, relocations, .BTF,
 * .BTF.ext CO-RE records), the object analysis (programs, maps, uses), the
 * CO-RE engine with the object's own BTF as the target, and reachability
 * of every function. Anything but a clean error is a bug.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "bpf_elf.h"
#include "btf_load.h"
#include "core_obj.h"
#include "core_reloc.h"
#include "harness_common.h"
#include "main.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_libbpf();
	return 0;
}

/* the raw .BTF bytes as a mapped-style view, as kernels' BTF is read */
static bool raw_view(const struct bpf_elf *e, struct btf_view *tv)
{
	int i;

	for (i = 1; i < e->nsecs; i++)
		if (!strcmp(e->secs[i].name, ".BTF") && e->secs[i].data)
			return !btf_view_parse(e->secs[i].data, e->secs[i].size,
					       tv);
	return false;
}

static void engine(struct core_obj *o, bool raw)
{
	const struct bpf_elf *e = o->elf;
	struct core_ctx *c;
	struct btf_view v, tv;
	struct core_result res;
	struct bpf_insn *copy;
	bool *reach;
	int i;

	btf_view_of(&v, e->btf);
	if (raw && !raw_view(e, &tv))
		return;
	c = core_ctx_new(&v, raw ? &tv : &v, NULL);

	for (i = 0; c && i < e->ncore; i++) {
		const struct bpf_elf_core *rec = &e->core[i];
		__u32 cnt;
		const struct bpf_insn *insns = bpf_elf_insns(e, rec->sec, &cnt);
		char buf[256];

		if (!insns || rec->insn >= cnt)
			continue;
		copy = malloc((cnt - rec->insn) * sizeof(*copy));
		if (!copy)
			break;
		memcpy(copy, insns + rec->insn, (cnt - rec->insn) * sizeof(*copy));
		core_relo_apply(c, rec, copy, cnt - rec->insn, &res);
		if (res.local.btf)
			core_spec_str(&res.local, buf, sizeof(buf));
		if (res.matched)
			core_spec_str(&res.targ, buf, sizeof(buf));
		core_type_str(&v, rec->type_id, buf, sizeof(buf));
		free(copy);
	}
	core_ctx_free(c);
	if (raw) {
		btf_view_free(&tv);
		return;
	}
	for (i = 0; i < e->nfuncs; i++) {
		const struct bpf_elf_func *f = &e->funcs[i];
		__u32 cnt;
		const struct bpf_insn *insns = bpf_elf_insns(e, f->sec, &cnt);

		reach = calloc(f->insn_cnt, sizeof(*reach));
		if (!reach)
			break;
		core_reach(insns + f->insn_off, f->insn_cnt, reach);
		free(reach);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct core_obj *o;
	struct bpf_elf *e;
	char err[400];
	void *mem;

	mem = aligned_alloc(8, (size + 8) & ~7ul);
	if (!mem)
		return 0;
	memcpy(mem, data, size);
	if (bpf_elf_parse(mem, size, &e, err, sizeof(err)))
		return 0;
	if (core_obj_new(e, "fuzz", &o, err, sizeof(err)))
		return 0;
	engine(o, false);
	engine(o, true);
	core_obj_free(o);
	return 0;
}
