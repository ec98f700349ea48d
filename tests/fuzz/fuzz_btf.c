// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the BTF path of "btf dump": arbitrary bytes go
 * through libbpf's parser and through ours (the mapped view of raw dumps),
 * our checks (btf_load.c), the raw renderer in plain and JSON form and the
 * C emitter. Anything but a clean error is a bug: crash, sanitizer report,
 * hang, blow-up, or the two parsers' raw dumps differing.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf_c.h"
#include "btf_load.h"
#include "btf_raw.h"
#include "btf_src.h"
#include "harness_common.h"
#include "main.h"

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_libbpf();
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

static bool c_is_cheap(const struct btf_view *v)
{
	__u64 sum = 0;
	__u32 i;

	for (i = 1; i < v->cnt; i++) {
		const struct btf_type *t = btf_view_type(v, i);

		if (btf_is_composite(t))
			sum += t->size;
	}
	return sum <= C_SIZE_BUDGET;
}

/* raw dump of v into a malloc'ed buffer */
static char *raw_text(const struct btf_view *v, const struct btf_raw_opts *o,
		      size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		abort();
	btf_raw_dump(v, o, f);
	fclose(f);
	return buf;
}

static void render_c(const struct btf *btf, const struct btf_view *v,
		     const __u32 *roots, size_t nroots, bool unsorted)
{
	struct btf_c_opts co = {
		.unsorted = unsorted, .root_ids = roots, .root_cnt = nroots,
	};

	if (c_is_cheap(v))
		btf_c_dump(btf, &co, devnull);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btf_raw_opts ro = { .json = size & 1, .pretty = size & 4 };
	struct btf_view lv, ov;
	bool lok = false, ook = false;
	char *lt = NULL, *ot = NULL;
	size_t llen = 0, olen = 0;
	struct btf *btf;
	__u32 roots[2], id;
	struct btf_err berr;

	/* libbpf's parser, our checks, raw and C */
	btf = btf__new(data, size);
	if (btf) {
		btf_view_of(&lv, btf);
		lok = !btf_check_err(&lv, &berr);
	}
	if (lok) {
		lt = raw_text(&lv, &ro, &llen);
		render_c(btf, &lv, NULL, 0, size & 2);
		if (lv.cnt > 1 && size >= 2) {
			/* roots picked from the input: the closure walk */
			roots[0] = data[size - 1] % lv.cnt;
			roots[1] = data[size - 2] % lv.cnt;
			render_c(btf, &lv, roots, roots[0] == roots[1] ? 1 : 2,
				 false);
		}
		btf_find_root(&lv, "struct s", &id, &berr);
		btf_find_root(&lv, "int", &id, &berr);
	}
	/* our own parser (the raw fast path) must agree with libbpf's */
	if (!btf_view_parse(data, size, &ov)) {
		ook = !btf_check_err(&ov, &berr);
		if (ook)
			ot = raw_text(&ov, &ro, &olen);
		btf_view_free(&ov);
	}
	if (lok && ook && (llen != olen || memcmp(lt, ot, llen))) {
		fprintf(stderr, "raw dump differs between libbpf and the mapped view\n");
		abort();
	}
	free(lt);
	free(ot);
	btf__free(btf);
	return 0;
}
