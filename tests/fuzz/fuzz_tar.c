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
#include "main.h"

/* what main.c would define */
struct options opts;
struct jsonw *json_wtr;
const char *bin_name = "fuzz_tar";

static int quiet(enum libbpf_print_level l, const char *f, va_list ap)
{
	(void)l;
	(void)f;
	(void)ap;
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!getenv("FUZZ_VERBOSE"))
		libbpf_set_print(quiet);
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
