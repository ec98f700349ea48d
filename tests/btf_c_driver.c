// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test driver for src/btf_c.c: parse a BTF file (optionally split on a
 * base) and print it as C, without the rest of bpfkit.
 *   btf_c_driver [-u] [-B BASE] [-r ID]... FILE
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>

#include "../src/btf_c.h"

int p_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

int main(int argc, char **argv)
{
	struct btf_c_opts o = {};
	struct btf *base = NULL, *btf;
	__u32 roots[64];
	size_t nroots = 0;
	const char *base_path = NULL;
	static char obuf[1 << 16];
	char *end;
	int c, err;

	while ((c = getopt(argc, argv, "uB:r:")) != -1) {
		switch (c) {
		case 'u':
			o.unsorted = true;
			break;
		case 'B':
			base_path = optarg;
			break;
		case 'r':
			if (nroots == 64)
				return 2;
			roots[nroots++] = strtoul(optarg, &end, 0);
			if (*end)
				return 2;
			break;
		default:
			fprintf(stderr, "usage: %s [-u] [-B BASE] [-r ID]... FILE\n",
				argv[0]);
			return 2;
		}
	}
	if (optind + 1 != argc)
		return 2;
	if (base_path) {
		base = btf__parse(base_path, NULL);
		if (!base) {
			p_err("failed to load base BTF %s: %s", base_path,
			      strerror(errno));
			return 1;
		}
	}
	btf = btf__parse_split(argv[optind], base);
	if (!btf) {
		p_err("failed to load BTF from %s: %s", argv[optind],
		      strerror(errno));
		return 1;
	}
	if (nroots) {
		o.root_ids = roots;
		o.root_cnt = nroots;
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	err = btf_c_dump(btf, &o, stdout);
	btf__free(btf);
	btf__free(base);
	return err ? 1 : 0;
}
