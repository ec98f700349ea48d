/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one walk over the kernel's object ids, for every kind (prog, map,
 * link, btf): next id, open by id, objects freed between the two calls
 * skipped, errors in bpftool's words. Show commands list every object
 * through obj_show_all().
 */
#ifndef BPFKIT_OBJ_WALK_H
#define BPFKIT_OBJ_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "handle.h"

struct obj_walk {
	enum obj_kind kind;
	bool rdonly;		/* maps: BPF_F_RDONLY, a plain open on EPERM */
	__u32 id;		/* the current object; 0 before the first */
	int fd;			/* open on it after obj_walk_next(), or -1 */
	int err;		/* errno after -1 */
	bool in_next;		/* the failed call was the next-id one */
};

#define OBJ_WALK_INIT(k) { .kind = (k), .fd = -1 }

/* Next id only: 0, 1 at the end, -1 with w->err set. */
int obj_walk_next_id(struct obj_walk *w);
/*
 * Next object, opened: 0 with w->fd (the caller's to close), 1 at the end,
 * -1 with w->err set. Nothing is reported here: see obj_walk_report().
 */
int obj_walk_next(struct obj_walk *w);
/* Report w's failure ("can't get next map: ..."); returns -1. */
int obj_walk_report(const struct obj_walk *w);
/* One object by id (maps read-only when rdonly, as above); -1, errno. */
int obj_fd_by_id(enum obj_kind kind, __u32 id, bool rdonly);

struct fd_batch;

/*
 * Show every object of a kind in id order, as a JSON array under -j.
 *
 * Objects are taken in windows: fetch() (optional) reads each object of
 * a window into its rec before any is shown, so the bpf() calls of a
 * window run while a holder walk (holders_start) runs on its thread.
 * fetch must print nothing (it keeps its error in rec); show() prints it,
 * and each fd then goes to spent. 0, or the first error (show's own, or
 * one reported here).
 */
struct obj_show_ops {
	enum obj_kind kind;
	bool rdonly;
	size_t rec_size;	/* 0 without fetch */
	void (*fetch)(void *ctx, int fd, void *rec);
	int (*show)(void *ctx, int fd, void *rec);
	void (*release)(void *rec);	/* optional, after show */
};

#define OBJ_WINDOW_MAX 4096	/* objects per window, at most */

int obj_show_all(const struct obj_show_ops *ops, void *ctx,
		 struct fd_batch *spent);

#endif
