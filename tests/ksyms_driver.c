// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test driver for src/kern/ksyms.c (tests/ksyms.bats).
 *
 *   ksyms_driver FILE [ADDR...]   load FILE ("-": /proc/kallsyms), print
 *                                 "count N", "call_base HEX", then per ADDR
 *                                 "ADDR NAME [MODULE]" or "ADDR -"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/kern/ksyms.h"

int main(int argc, char **argv)
{
	struct ksyms *ks;
	struct ksym s;
	FILE *f = NULL;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE [ADDR...]\n", argv[0]);
		return 2;
	}
	if (strcmp(argv[1], "-")) {
		f = fopen(argv[1], "r");
		if (!f) {
			perror(argv[1]);
			return 1;
		}
		ks = ksyms_read(f);
		fclose(f);
	} else {
		ks = ksyms_load();
	}
	if (!ks)
		return 1;
	printf("count %zu\ncall_base %lx\n", ksyms_count(ks),
	       ksyms_call_base(ks));
	for (i = 2; i < argc; i++) {
		unsigned long addr = strtoul(argv[i], NULL, 16);

		if (!ksyms_lookup(ks, addr, &s)) {
			printf("%lx -\n", addr);
			continue;
		}
		printf("%lx %s", addr, s.name);
		if (s.module)
			printf(" [%s]", s.module);
		printf("\n");
	}
	ksyms_free(ks);
	return 0;
}
