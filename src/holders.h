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

/*
 * Closing fds one at a time costs a syscall each, and show commands open
 * one fd per object. Fds opened in a burst are consecutive (transient ones
 * are closed before the next open reuses the number), so a run of them is
 * dropped with one close_range(). Only an exactly contiguous run of fds
 * handed to fdb_add() is ever closed that way; anything else is closed
 * right away. fdb_flush() before the batch goes out of scope.
 */
struct fd_batch {
	int lo, hi;	/* [lo, hi] are all ours when lo >= 0 */
};

#define FD_BATCH_INIT { -1, -1 }

void fdb_add(struct fd_batch *b, int fd);
void fdb_flush(struct fd_batch *b);

#endif
