/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernels "core check" and "gen min_core_btf" look at: each "btf"
 * argument expanded (a directory gives every BTF below it) into a list of
 * targets, each loaded on demand by a worker so that only a few BTFs are
 * in memory at a time. Loading goes through the shared BTF sources.
 */
#ifndef BPFKIT_CORE_TARGET_H
#define BPFKIT_CORE_TARGET_H

#include <stdbool.h>
#include <stddef.h>

struct btf;

struct core_target {
	char *label;		/* path as given, or the sysfs path */
	char *path;		/* NULL: the running kernel */
};

#include "btf_load.h"

struct core_target_btf {
	struct btf_view view;	/* what the engine reads */
	struct btf *btf;	/* libbpf's, when the view is on it */
	char *release;		/* NULL when unknown */
	bool archive;		/* from a btfhub archive: the kernel has no BTF */
};

/* Append path (NULL: the running kernel); 0 or -1 with err filled. */
int core_target_add(struct core_target **list, int *cnt, const char *path,
		    char *err, size_t errlen);
void core_target_list_free(struct core_target *list, int cnt);
/* Thread-safe: prints nothing. 0 or -1 with err filled. */
int core_target_load(const struct core_target *t, struct core_target_btf *out,
		     char *err, size_t errlen);
void core_target_btf_free(struct core_target_btf *b);

#endif
