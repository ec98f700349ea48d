/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Closing fds one at a time costs a syscall each, and show commands open
 * one fd per object. Fds handed to fdb_add() stay open until fdb_flush()
 * (or until the batch is full), which closes them with one close_range()
 * per run of consecutive numbers: fds opened in a burst mostly are
 * consecutive, and an fd we do not own is never inside a run. fdb_flush()
 * before the batch goes out of scope.
 */
#ifndef BPFKIT_FD_BATCH_H
#define BPFKIT_FD_BATCH_H

#define FD_BATCH_MAX 256	/* less under a low RLIMIT_NOFILE */

struct fd_batch {
	int n;
	int cap;	/* 0 until the first fdb_add() sets it */
	int fd[FD_BATCH_MAX];
};

#define FD_BATCH_INIT { 0 }

void fdb_add(struct fd_batch *b, int fd);
void fdb_flush(struct fd_batch *b);

/*
 * Grow our fd table to room for n fds (at most RLIMIT_NOFILE) now. Call it
 * before starting a thread: once a process has several threads, each
 * growth of its fd table waits for an RCU grace period, milliseconds on a
 * busy host, and a show opening hundreds of fds grows it several times.
 */
void fd_table_reserve(int n);

#endif
