/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one /proc walker. A process's fd/ directory is opened by pid once
 * per thread walking it (a second thread checks it found the same
 * directory); its fdinfo/ and comm are read relative to that directory
 * fd, so a pid reused while we walk can never mix two processes' data. Processes and fds that vanish
 * mid-walk are skipped silently. Used by the holder tables (show commands)
 * and by perf show (BPF_TASK_FD_QUERY on every fd).
 *
 * A walk can be shared by threads (proc_walk_new/run/end): each one that
 * calls proc_walk_run() takes processes, and runs of the fds of a process
 * holding many, until none are left, so a second thread with nothing else
 * to do shortens the walk. No fd passes between threads (a callback's
 * t->dirfd is its own thread's), so a helper thread may unshare its fd
 * table.
 */
#ifndef BPFKIT_PROC_WALK_H
#define BPFKIT_PROC_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * A process, as callbacks see it. dirfd and comm are set before the first
 * callback for the process; a process with no matching fd never has its
 * directory or comm opened.
 */
struct proc_task {
	pid_t pid;
	int dirfd;		/* /proc/PID, valid during the callbacks */
	char comm[64];		/* escaped for nothing: raw bytes, NUL-ended
				 * (the kernel's trailing newline dropped) */
};

struct proc_fd {
	int fd;			/* the fd number in that process */
	const char *link;	/* readlink of /proc/PID/fd/N, NUL-ended */
	size_t link_len;
};

struct proc_walk_ops {
	/*
	 * Only fds whose link text starts with one of these prefixes reach
	 * on_fd (NULL-terminated; NULL: every fd). Saves the callback
	 * the string compares on hosts with many fds.
	 */
	const char *const *link_prefixes;
	/*
	 * Per matching fd, in fd order within a process; nonzero stops the
	 * whole walk with that value. Under proc_walk_run() on several
	 * threads it runs on all of them at once.
	 */
	int (*on_fd)(const struct proc_task *t, const struct proc_fd *f,
		     void *ctx);
	/*
	 * Optional, for fds that come in runs (a loader holds its objects
	 * in a row): after a matching fd, the process's next fd is given
	 * here first, without its link being read; the callback tells by
	 * the fd's fdinfo. 1: it matched (handled as on_fd would), 0: it
	 * does not (the run ends), negative: stop the whole walk with it.
	 */
	int (*guess_fd)(const struct proc_task *t, int fd, void *ctx);
	bool skip_self;		/* leave out our own process */
	/*
	 * Hand every fd to on_fd without reading its link (f->link is NULL,
	 * link_prefixes is ignored) and without opening the process
	 * directory (t->dirfd is -1, t->comm empty): for callers whose own
	 * per-fd question costs less than a readlink (perf show).
	 */
	bool no_link;
};

/*
 * Walk every process. 0, or what a callback returned to stop. *denied
 * (may be NULL) counts processes whose fds we may not read.
 */
int proc_walk(const struct proc_walk_ops *ops, void *ctx,
	      unsigned int *denied);

/*
 * The same walk, shared: proc_walk_new() allocates it and opens /proc
 * (NULL when out of memory; before any thread that unshares its fd table
 * starts); every thread that calls proc_walk_run() works on it until no
 * work is left, and proc_walk_end(), once all of them have returned, gives
 * proc_walk()'s result and frees it.
 */
struct proc_walk;
struct proc_walk *proc_walk_new(const struct proc_walk_ops *ops, void *ctx);
void proc_walk_run(struct proc_walk *w);
int proc_walk_end(struct proc_walk *w, unsigned int *denied);

/*
 * Read a small file relative to a process directory (fdinfo/N, comm) in
 * one read(); returns its length or -1.
 */
ssize_t proc_read_at(int dirfd, const char *name, char *buf, size_t size);

/*
 * fdinfo of one of the task's fds, from a callback: the fdinfo directory
 * is opened once per process and the files are closed in batches, which
 * matters for a process holding thousands of BPF fds. Length or -1.
 */
ssize_t proc_fdinfo(const struct proc_task *t, int fd, char *buf,
		    size_t size);

#endif
