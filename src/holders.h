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
 * one fd per object. Fds handed to fdb_add() stay open until fdb_flush()
 * (or until the batch is full), which closes them with one close_range()
 * per run of consecutive numbers: fds opened in a burst mostly are
 * consecutive, and an fd we do not own is never inside a run. fdb_flush()
 * before the batch goes out of scope.
 */
#define FD_BATCH_MAX 256	/* less under a low RLIMIT_NOFILE */

struct fd_batch {
	int n;
	int cap;	/* 0 until the first fdb_add() sets it */
	int fd[FD_BATCH_MAX];
};

#define FD_BATCH_INIT { 0 }

void fdb_add(struct fd_batch *b, int fd);
void fdb_flush(struct fd_batch *b);

#endif
