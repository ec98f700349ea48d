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
/*
 * The same walk on a second thread, so it runs while the caller walks the
 * object ids: every function below waits for it first (holders_wait), and
 * the waiting caller takes part in what is left of it. Where fds are
 * scarce (a low RLIMIT_NOFILE) there is no thread: the caller walks at the
 * first wait.
 */
struct holders *holders_start(enum obj_kind kind);
struct holders *holders_wait(struct holders *h);
void holders_free(struct holders *h);
/* Does any process (other than us) hold this object? */
bool holders_has(struct holders *h, __u32 id);
/*
 * fdinfo text of the object as a holder's fd shows it (memlock, frozen,
 * owner_prog_type, ...), so show commands need not read their own for
 * held objects; NULL when nobody holds it.
 */
const char *holders_fdinfo(struct holders *h, __u32 id);
bool holders_memlock(struct holders *h, __u32 id, __u64 *memlock);
/*
 * Plain: "\n\tpids comm(pid), comm(pid)"; JSON: "pids":[{"pid":N,"comm":"x"}].
 * Prints nothing when id has no holders (or h is NULL).
 */
void holders_print(struct holders *h, __u32 id);

#endif
