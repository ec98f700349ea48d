/* SPDX-License-Identifier: GPL-2.0-only */
/* Pin walker: id -> pinned paths for every bpffs mount, built once per show. */
#ifndef BPFKIT_PINNED_H
#define BPFKIT_PINNED_H

#include <stdbool.h>
#include <linux/types.h>
#include "handle.h"

struct pin_table;

/* Walk every bpffs mount for objects of kind; NULL on allocation failure. */
struct pin_table *pins_build(enum obj_kind kind);
void pins_free(struct pin_table *t);
/* True when nothing of the kind is pinned (or t is NULL). */
bool pins_empty(const struct pin_table *t);
/*
 * Plain: "\n\tpinned PATH" per path. JSON: "pinned":[...] for every object
 * whenever the table is non-empty (possibly []), as bpftool.
 */
void pins_print(const struct pin_table *t, __u32 id);

#endif
