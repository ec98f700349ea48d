// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test driver for the parts of src/btf/btf_src.c no command shows yet:
 *   btf_src_driver expand PATH   the BTF files PATH names, one a line
 *   btf_src_driver info PATH     origin, release and type count of PATH
 *   btf_src_driver id ID         the same for a kernel BTF object
 * Errors: the btf_err message on stderr, exit 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#include "../src/btf/btf_src.h"
#include "../src/main.h"

/* what main.c would define */
struct options opts;
struct jsonw *json_wtr;
const char *bin_name = "btf_src_driver";

static const char *const origins[] = {
	[BTF_ORIGIN_FILE] = "file",
	[BTF_ORIGIN_ARCHIVE] = "archive",
	[BTF_ORIGIN_SYSFS] = "sysfs",
	[BTF_ORIGIN_KERNEL] = "kernel",
};

static int info(struct btf_src *s)
{
	printf("origin=%s release=%s types=%u trusted=%d\n", origins[s->origin],
	       s->release ? s->release : "-", btf__type_cnt(s->btf),
	       btf_src_trusted(s));
	btf_src_free(s);
	return 0;
}

int main(int argc, char **argv)
{
	struct btf_src s;
	struct btf_err e;
	char **paths;
	int i, n, err;

	if (argc != 3)
		return 2;
	if (!strcmp(argv[1], "expand")) {
		err = btf_src_expand(argv[2], &paths, &n, &e);
		for (i = 0; !err && i < n; i++)
			printf("%s\n", paths[i]);
		if (!err)
			btf_src_paths_free(paths, n);
	} else if (!strcmp(argv[1], "info")) {
		err = btf_src_load_path(argv[2], NULL, &s, &e);
		if (!err)
			info(&s);
	} else if (!strcmp(argv[1], "id")) {
		err = btf_src_load_id(strtoul(argv[2], NULL, 0), NULL, &s, &e);
		if (!err)
			info(&s);
	} else {
		return 2;
	}
	if (err)
		fprintf(stderr, "%s (%d)\n", e.msg, e.code);
	return err ? 1 : 0;
}
