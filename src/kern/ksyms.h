/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one kallsyms loader: /proc/kallsyms read once, by whole lines
 * (symbol names reach 511 bytes), sorted by address.
 */
#ifndef BPFKIT_KSYMS_H
#define BPFKIT_KSYMS_H

#include <stdbool.h>
#include <stdio.h>

struct ksyms;

struct ksym {
	unsigned long addr;
	const char *name;
	const char *module;	/* NULL for vmlinux */
};

/*
 * /proc/kallsyms; NULL only when out of memory. Unreadable, or every
 * address hidden by kptr_restrict: an empty table.
 */
struct ksyms *ksyms_load(void);
/* The same from any stream in kallsyms' format (tests feed their own). */
struct ksyms *ksyms_read(FILE *f);
void ksyms_free(struct ksyms *ks);
size_t ksyms_count(const struct ksyms *ks);
/* The symbol at exactly addr (the first of its aliases in file order). */
bool ksyms_lookup(const struct ksyms *ks, unsigned long addr,
		  struct ksym *out);
/* Its name only, or NULL. */
const char *ksyms_find(const struct ksyms *ks, unsigned long addr);
/* Address of __bpf_call_base (0 when hidden or absent). */
unsigned long ksyms_call_base(const struct ksyms *ks);

#endif
