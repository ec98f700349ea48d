// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for `btf diff` (btf_diff.c): two BTFs from the input
 * (a 4-byte little-endian length, the first BTF, then the second), each
 * loaded and checked by btf_src.c from bytes, then compared and printed,
 * plain or as JSON, whole or filtered. Anything but an error value is a bug.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>

#include "btf_diff.h"
#include "btf_src.h"
#include "harness_common.h"
#include "main.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!getenv("FUZZ_VERBOSE")) {
		fuzz_quiet_libbpf();
		/* the diff is printed: keep it off the terminal (errors
		 * still go to stderr, with libFuzzer's own reports) */
		if (!freopen("/dev/null", "w", stdout))
			abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "s", "struct e", "f1", "tp1" };
	struct btf_src a, b;
	struct btf_err e;
	uint32_t n;

	if (size < 4)
		return 0;
	memcpy(&n, data, 4);
	n = le32toh(n);
	if (n > size - 4)
		return 0;
	if (btf_src_load_mem(data + 4, n, "old", NULL, 0, &a, &e))
		return 0;
	if (!btf_src_load_mem(data + 4 + n, size - 4 - n, "new", NULL, 0,
			      &b, &e)) {
		json_wtr = size & 1 ? jsonw_new(stdout) : NULL;
		btf_diff_btf(a.btf, b.btf, names, size & 2 ? 4 : -1);
		if (json_wtr)
			jsonw_destroy(&json_wtr);
		btf_src_free(&b);
	}
	btf_src_free(&a);
	return 0;
}
