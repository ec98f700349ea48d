// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the BTF path of "btf dump": arbitrary bytes go
 * through libbpf's parser, our checks (btf_load.c), the raw renderer in
 * plain and JSON form and the C emitter, all into /dev/null. Anything
 * but a clean error is a bug: crash, sanitizer report, hang, blow-up.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf_c.h"
#include "btf_load.h"
#include "btf_raw.h"
#include "main.h"

/* what main.c would define */
struct options opts;
struct jsonw *json_wtr;
const char *bin_name = "fuzz_btf";

static FILE *devnull;

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
	libbpf_set_print(quiet);
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		return -1;
	/*
	 * p_err() is expected on bad input: under a JSON writer it writes
	 * {"error":...} there instead of stderr, which keeps the fuzzer's log
	 * (and its crash reports) readable.
	 */
	if (!getenv("FUZZ_VERBOSE"))
		json_wtr = jsonw_new(devnull);
	return 0;
}

/*
 * C output grows with struct sizes (a hole becomes one "long: 64;" line per
 * 8 bytes, as in libbpf): 4 bytes of input can ask for 500 MB of text.
 * That is slow, not wrong, so the fuzzer skips C for such inputs. Real
 * kernels stay far below (vmlinux's largest struct is ~240 KB).
 */
#define C_SIZE_BUDGET	(4u << 20)

static bool c_is_cheap(const struct btf *btf)
{
	__u32 i, cnt = btf__type_cnt(btf);
	__u64 sum = 0;

	for (i = 1; i < cnt; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (btf_is_composite(t))
			sum += t->size;
	}
	return sum <= C_SIZE_BUDGET;
}

static void render(const struct btf *btf, const uint8_t *data, size_t size)
{
	bool c = c_is_cheap(btf);
	struct btf_raw_opts ro = {};
	struct btf_c_opts co = {};
	__u32 roots[2], cnt = btf__type_cnt(btf);

	btf_raw_dump(btf, &ro, devnull);
	ro.json = true;
	ro.pretty = size & 1;
	btf_raw_dump(btf, &ro, devnull);
	co.unsorted = size & 2;
	if (c)
		btf_c_dump(btf, &co, devnull);
	/* a root picked from the input: the closure walk, and kfunc-less end */
	if (cnt > 1 && size >= 2) {
		roots[0] = data[size - 1] % cnt;
		roots[1] = data[size - 2] % cnt;
		co.root_ids = roots;
		co.root_cnt = roots[0] == roots[1] ? 1 : 2;
		if (c)
			btf_c_dump(btf, &co, devnull);
		ro.ids = roots;
		ro.cnt = co.root_cnt;
		btf_raw_dump(btf, &ro, devnull);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btf *btf;
	__u32 id;

	btf = btf__new(data, size);
	if (!btf)
		return 0;
	if (!btf_check(btf)) {
		render(btf, data, size);
		/* name lookup walks every type too */
		btf_find_root(btf, "struct s", &id);
		btf_find_root(btf, "int", &id);
	}
	btf__free(btf);
	return 0;
}
