/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Getting BTF for "btf dump": files (raw or ELF .BTF, split on a base),
 * merging several module files, and the checks libbpf 1.1 does not make
 * (dangling type ids, loops) so that no renderer ever walks into a cycle.
 */
#ifndef BPFKIT_BTF_LOAD_H
#define BPFKIT_BTF_LOAD_H

#include <stdbool.h>
#include <linux/types.h>

struct btf;

#define SYSFS_VMLINUX	"/sys/kernel/btf/vmlinux"
#define BTF_FILE_MAX	(256u << 20)	/* bigger is not BTF we want to read */

/*
 * Parse path (raw BTF or an ELF object with .BTF; pipes work for raw BTF),
 * as split BTF on base when base is not NULL. Reports
 * "failed to load BTF from PATH: REASON" and returns NULL on failure.
 */
struct btf *btf_load_file(const char *path, struct btf *base);

/* The kernel's vmlinux BTF from sysfs; reports and returns NULL on failure. */
struct btf *btf_load_vmlinux(void);

/*
 * Append the split types of every file onto base and deduplicate, the way
 * "file A file B" merges module BTF. Reports errors.
 */
struct btf *btf_merge_files(const char *const *files, int cnt,
			    struct btf *base);

/*
 * Reject what would make a renderer misbehave: type ids past the end and
 * cycles that do not go through a struct/union member behind a pointer.
 * Checks the types of btf itself (not its base). 0, or -1 after p_err().
 */
int btf_check(const struct btf *btf);

/*
 * Resolve a type name for "root NAME": "struct X", "union X", "enum X",
 * "typedef X", or a bare X (any named struct/union/enum/typedef/int/float).
 * A number is taken as a type id. 0 with *id set, or -1 after p_err().
 */
int btf_find_root(const struct btf *btf, const char *name, __u32 *id);

#endif
