// SPDX-License-Identifier: GPL-2.0-only
/* Batched closing of fds: see fd_batch.h. */
#include <fcntl.h>
#include <unistd.h>
#include <sys/resource.h>

#include "fd_batch.h"

/* Sorted, consecutive numbers (the usual case) are left as they are. */
static void fdb_sort(struct fd_batch *b)
{
	int i, j, fd;

	for (i = 1; i < b->n; i++) {
		fd = b->fd[i];
		for (j = i; j > 0 && b->fd[j - 1] > fd; j--)
			b->fd[j] = b->fd[j - 1];
		b->fd[j] = fd;
	}
}

void fdb_flush(struct fd_batch *b)
{
	int i, lo, hi, fd;

	fdb_sort(b);
	for (i = 0; i < b->n; i = hi + 1) {
		for (hi = i; hi + 1 < b->n && b->fd[hi + 1] == b->fd[hi] + 1;)
			hi++;
		lo = b->fd[i];
		if (hi == i || close_range(lo, b->fd[hi], 0))
			for (fd = lo; fd <= b->fd[hi]; fd++)
				close(fd);
	}
	b->n = 0;
}

/*
 * Several batches can be open at once, next to the caller's own fds: each
 * may take a sixteenth of RLIMIT_NOFILE, so a low limit shrinks them
 * instead of making opens fail with EMFILE.
 */
static int fdb_cap(struct fd_batch *b)
{
	struct rlimit rl;

	if (b->cap)
		return b->cap;
	b->cap = FD_BATCH_MAX;
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur / 16 < FD_BATCH_MAX)
		b->cap = rl.rlim_cur >= 16 ? rl.rlim_cur / 16 : 1;
	return b->cap;
}

void fdb_add(struct fd_batch *b, int fd)
{
	if (fd < 0)
		return;
	if (b->n >= fdb_cap(b))
		fdb_flush(b);
	b->fd[b->n++] = fd;
}

void fd_table_reserve(int n)
{
	struct rlimit rl;
	int src, hi;

	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < (rlim_t)n)
		n = rl.rlim_cur;
	if (n < 1)
		return;
	src = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (src < 0)
		return;
	/* an fd at the top makes the kernel size the table for it */
	hi = fcntl(src, F_DUPFD_CLOEXEC, n - 1);
	if (hi >= 0)
		close(hi);
	close(src);
}
