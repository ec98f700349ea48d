// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for BTF sources read from bytes (btf_src.c): btfhub
 * tarballs (libarchive: xz, gzip, bzip2, tar), ELF objects' .BTF and raw
 * BTF, through to our checks. Anything but an error value is a bug.
 */
#include <stdint.h>
#include <stdlib.h>
#include <bpf/libbpf.h>

#include "btf_src.h"
#include "harness_common.h"
#include "main.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_libbpf();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btf_src s;
	struct btf_err e;

	/* both ways a raw BTF can come out: libbpf's btf, or our view */
	if (!btf_src_load_mem(data, size, "fuzz", NULL,
			      size & 1 ? BTF_SRC_VIEW : 0, &s, &e))
		btf_src_free(&s);
	return 0;
}
