// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for everything prog load/loadall read of a BPF object
 * before libbpf does (obj_check.c: the ELF layout, .BTF, .BTF.ext). What
 * the checks accept then goes to libbpf's bpf_object__open_mem(), which
 * must not crash on it either: libbpf 1.1 does on some corrupt .BTF, and
 * the checks exist to keep such bytes away from it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <bpf/libbpf.h>

#include "btf_src.h"
#include "harness_common.h"
#include "main.h"
#include "obj_check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_libbpf();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = "fuzz");
	struct bpf_object *obj;
	struct obj_facts f;
	struct btf_err e;

	if (obj_check(data, size, "fuzz.o", &f, &e))
		return 0;
	obj = bpf_object__open_mem(data, size, &oo);
	bpf_object__close(obj);
	return 0;
}
