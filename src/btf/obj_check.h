/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Everything bpfkit reads of a BPF ELF object before libbpf does: the ELF
 * layout, the sections that matter, .BTF (btf_check_err) and .BTF.ext.
 * libbpf 1.1 crashes on some corrupt .BTF/.BTF.ext; it only ever sees
 * bytes that passed these checks. Library code: errors come back in err.
 */
#ifndef BPFKIT_OBJ_CHECK_H
#define BPFKIT_OBJ_CHECK_H

#include <stdbool.h>
#include <stddef.h>

struct btf_err;

/* What the object says about itself. */
struct obj_facts {
	bool has_btf;
	bool has_license;
	bool has_maps;		/* BTF-defined maps need BTF */
	int nr_progs;		/* executable sections */
};

/*
 * Check the object in data (the whole file); name is how messages call
 * it. 0 with *f filled, or a negative errno with err filled.
 */
int obj_check(const void *data, size_t size, const char *name,
	      struct obj_facts *f, struct btf_err *err);

#endif
