/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Our own name tables for prog/map/link/attach types, BTF kinds and helper
 * ids, up to the newest kernel (Debian's libbpf is older). Lookups return NULL for
 * values we do not know, so callers print a number instead.
 */
#ifndef BPFKIT_NAMES_H
#define BPFKIT_NAMES_H

#include <linux/types.h>

const char *prog_type_name(__u32 type);
const char *map_type_name(__u32 type);
const char *link_type_name(__u32 type);
const char *attach_type_name(__u32 type);
const char *btf_kind_name(__u32 kind);	/* "INT", "STRUCT", ... */
/* "bpf_map_lookup_elem" for 1 (enum bpf_func_id). */
const char *helper_name(int id);
/* One past the largest helper id we know (the kernel's __BPF_FUNC_MAX_ID). */
unsigned int helper_max_id(void);

/* Name -> value; -1 when unknown. Also accepts bpftool's input aliases. */
int prog_type_parse(const char *name);
int map_type_parse(const char *name);
int attach_type_parse(const char *name);
/*
 * bpftool's cgroup/net rule: an exact full name, else the first type (in
 * enum order) whose short input name ("ingress", "bind4") or full name
 * starts with name. -1 when none does.
 */
int attach_type_parse_prefix(const char *name);

#endif
