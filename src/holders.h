/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Holder walker: which processes hold fds to which BPF objects. One walk
 * of /proc/PID/fd per show command, tolerant of processes and fds that
 * vanish mid-walk.
 */
#ifndef BPFKIT_HOLDERS_H
#define BPFKIT_HOLDERS_H

#include <stdbool.h>
#include <linux/types.h>
#include "handle.h"

struct holders;

/*
 * Walk /proc once for objects of this kind (OBJ_PROG, OBJ_MAP, OBJ_LINK or
 * OBJ_BTF). NULL only on allocation failure; an unreadable /proc gives an
 * empty table. Under -d, an incomplete walk (pids we may not inspect) is
 * reported on stderr.
 */
struct holders *holders_build(enum obj_kind kind);
void holders_free(struct holders *h);
/* Does any process (other than us) hold this object? */
bool holders_has(const struct holders *h, __u32 id);
/*
 * The memlock value a holder's fdinfo showed for this object, so show
 * commands need not read their own fdinfo for held objects.
 */
bool holders_memlock(const struct holders *h, __u32 id, __u64 *memlock);
/*
 * Plain: "\n\tpids comm(pid), comm(pid)"; JSON: "pids":[{"pid":N,"comm":"x"}].
 * Prints nothing when id has no holders (or h is NULL).
 */
void holders_print(const struct holders *h, __u32 id);

#endif
