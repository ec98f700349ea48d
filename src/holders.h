/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Holder walker: which processes hold fds to which BPF objects. One walk
 * of /proc/PID/fd per show command, tolerant of processes and fds that
 * vanish mid-walk.
 */
#ifndef BPFKIT_HOLDERS_H
#define BPFKIT_HOLDERS_H

#include <linux/types.h>
#include "handle.h"

struct holders;

/* NULL only on allocation failure; an unreadable /proc gives an empty table. */
struct holders *holders_build(enum obj_kind kind);
void holders_free(struct holders *h);
/*
 * Plain: "\n\tpids comm(pid), comm(pid)"; JSON: "pids":[{"pid":N,"comm":"x"}].
 * Prints nothing when id has no holders.
 */
void holders_print(const struct holders *h, __u32 id);

#endif
