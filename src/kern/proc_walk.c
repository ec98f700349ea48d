// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one /proc walker (see proc_walk.h).
 *
 * Cost matters on busy hosts, where most processes hold nothing we want:
 * such a process costs one openat of its fd directory, one getdents64 and
 * one readlinkat per fd. Its /proc/PID directory, comm and fdinfo are only
 * opened once it has a matching fd, and always relative to the fd
 * directory already open, never by pid again.
 *
 * Shared by threads, the pids are listed once and taken one at a time; a
 * process with more than FD_RUN fds is offered to every thread in runs of
 * FD_RUN fds, since one process holding all the BPF objects (a loader, an
 * agent) can be most of the walk. No fd crosses threads: each opens its
 * own, so a helper thread can have an fd table of its own (unshare), where
 * its fds neither interleave with the others' (closing them in runs works)
 * nor make every fd lookup of the show take a reference.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/types.h>

#include "array.h"
#include "fd_batch.h"
#include "proc_walk.h"

/* Fds of one process offered to other threads at a time. */
#define FD_RUN 64

/* One process being walked, by one thread or (in runs of fds) several. */
struct proc_entry {
	pid_t pid;
	unsigned int serial;	/* tells entries apart after a free */
	/* its fd directory, as first opened: the same process for others */
	dev_t dev;
	ino_t ino;
	bool comm_read;
	char comm[sizeof(((struct proc_task *)0)->comm)];
	bool skip;		/* its fds are hidden, or it exited: no more */
	int *fds;		/* fd numbers, in directory order */
	size_t nfd, cap;
	size_t next;		/* the first fd no thread has taken yet */
	int refs;		/* threads on its fds */
	struct proc_entry *more;	/* the next shared one */
};

struct proc_walk {
	const struct proc_walk_ops *ops;
	void *ctx;
	pid_t self;
	int procfd;		/* /proc: opened before any thread starts */
	pthread_mutex_t lock;	/* guards everything below */
	bool listed;		/* pids read */
	pid_t *pids;
	size_t npids, cap, next;
	struct proc_entry *shared;	/* processes whose fds are on offer */
	/*
	 * Threads listing a process's fds: it may come on offer, so a
	 * thread with nothing to do waits for them (on more) to finish.
	 */
	int listing;
	pthread_cond_t more;
	unsigned int serial;
	unsigned int denied;
	int stop;		/* what a callback returned to stop */
};

/* One thread's part in a walk, and its fds on its current process. */
struct worker {
	struct proc_walk *w;
	struct proc_entry *e;	/* the process of the fds below */
	unsigned int serial;	/* e's, when the fds were opened */
	int fddir;		/* /proc/PID/fd */
	int dirfd;		/* /proc/PID, opened on the first match */
	int infodir;		/* /proc/PID/fdinfo, opened on first use */
	/* fdinfo and comm files read: closed in runs, as the batch fills */
	struct fd_batch spent;
	/*
	 * The fd directories of walked processes. Each process's other fds
	 * are closed before the next one is opened, so these come out
	 * consecutive and most processes cost no close() of their own.
	 */
	struct fd_batch dirs;
};

/* What callbacks see; proc_fdinfo() finds the worker through it. */
struct task_walk {
	struct proc_task task;
	struct worker *k;
};

ssize_t proc_read_at(int dirfd, const char *name, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	if (!size)
		return -1;
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/*
 * Like proc_read_at(), but the fd goes to batch. Under a low fd limit the
 * batch is given back first and the open retried.
 */
static ssize_t read_batched(int dirfd, const char *name, char *buf,
			    size_t size, struct fd_batch *batch)
{
	ssize_t n;
	int fd;

	if (!size)
		return -1;
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == EMFILE && batch->n) {
		fdb_flush(batch);
		fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	fdb_add(batch, fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/*
 * comm as the kernel has it, raw bytes: only the one newline the kernel
 * appends is dropped (a name may itself contain newlines).
 */
static void read_comm(struct worker *k)
{
	char *comm = k->e->comm;
	ssize_t n;

	n = read_batched(k->dirfd, "comm", comm, sizeof(k->e->comm),
			 &k->spent);
	if (n <= 0) {
		memcpy(comm, "?", 2);
		return;
	}
	if (comm[n - 1] == '\n')
		comm[n - 1] = '\0';
}

/*
 * The process's own directory, reached as ".." of its fd directory: that
 * is the process we listed, even if it has exited and its pid been reused
 * since (lookups under a dead process's directory fail, they never find
 * the new one). Its comm is read once, by whichever thread comes first.
 * Returns -1 when the process is gone.
 */
static int task_open(struct task_walk *tw)
{
	struct worker *k = tw->k;
	struct proc_entry *e = k->e;

	if (tw->task.dirfd >= 0)
		return 0;
	if (k->dirfd < 0)
		k->dirfd = openat(k->fddir, "..",
				  O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	pthread_mutex_lock(&k->w->lock);
	if (k->dirfd < 0) {
		__atomic_store_n(&e->skip, true, __ATOMIC_RELAXED);
	} else {
		if (!e->comm_read)
			read_comm(k);
		e->comm_read = true;
		tw->task.dirfd = k->dirfd;
		memcpy(tw->task.comm, e->comm, sizeof(e->comm));
	}
	pthread_mutex_unlock(&k->w->lock);
	return tw->task.dirfd >= 0 ? 0 : -1;
}

ssize_t proc_fdinfo(const struct proc_task *t, int fd, char *buf,
		    size_t size)
{
	struct worker *k = ((const struct task_walk *)t)->k;
	char name[16];

	if (k->infodir < 0) {
		k->infodir = openat(t->dirfd, "fdinfo",
				    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (k->infodir < 0)
			return -1;
	}
	snprintf(name, sizeof(name), "%d", fd);
	return read_batched(k->infodir, name, buf, size, &k->spent);
}

/*
 * Directory entries through getdents64 straight into a stack buffer:
 * opendir() would add an fcntl, an fstat and a 32 KiB allocation per
 * process, which is most of the walk on a host with many processes.
 */
struct dent64 {
	__u64 ino;
	__s64 off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

typedef int (*dent_fn)(void *ctx, const char *name);

/* largest getdents64 record: header, NAME_MAX + 1, alignment */
#define DENT_MAX (int)(sizeof(struct dent64) + 256 + 8)

/*
 * Room for about a thousand fds per call: a process holding hundreds of
 * BPF objects is listed in one getdents64. Nested once (/proc, then one
 * fd directory), so the stack cost is bounded.
 */
#define DENT_BUF (32 * 1024)

/*
 * One getdents64 into buf, its entries to fn: 1 when more may follow, 0 at
 * the end, fn's nonzero return when it stopped.
 */
static int dent_batch(int dfd, char *buf, size_t size, dent_fn fn,
		      void *ctx)
{
	struct dent64 *de;
	long n, off;
	int ret;

	n = syscall(SYS_getdents64, dfd, buf, size);
	if (n <= 0)
		return 0;
	for (off = 0; off < n; off += de->reclen) {
		de = (struct dent64 *)(buf + off);
		if (de->name[0] == '.')
			continue;
		ret = fn(ctx, de->name);
		if (ret)
			return ret;
	}
	/*
	 * proc fills the buffer while entries fit, so a reply with room for
	 * another record left was the last one: skip the getdents that
	 * would only say "end".
	 */
	return n >= (long)size - DENT_MAX;
}

static int for_each_dent(int dfd, dent_fn fn, void *ctx)
{
	char buf[DENT_BUF] __attribute__((aligned(8)));
	int ret;

	while ((ret = dent_batch(dfd, buf, sizeof(buf), fn, ctx)) == 1)
		;
	return ret;
}

static bool link_wanted(const char *const *prefixes, const char *link,
			size_t len)
{
	size_t plen;

	if (!prefixes)
		return true;
	for (; *prefixes; prefixes++) {
		plen = strlen(*prefixes);
		if (len >= plen && !memcmp(link, *prefixes, plen))
			return true;
	}
	return false;
}

/* A process's fds hidden from us by ptrace rules: all of them, count it once. */
static void task_denied(struct worker *k)
{
	pthread_mutex_lock(&k->w->lock);
	if (!k->e->skip)
		k->w->denied++;
	__atomic_store_n(&k->e->skip, true, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&k->w->lock);
}

/* One fd by its link; *matched when the link is one of the wanted. */
static int walk_fd(struct task_walk *tw, int fd, bool *matched)
{
	const struct proc_walk_ops *ops = tw->k->w->ops;
	struct proc_fd f = { .fd = fd };
	char name[16], link[PATH_MAX];
	ssize_t n;

	if (ops->no_link)
		return ops->on_fd(&tw->task, &f, tw->k->w->ctx);
	snprintf(name, sizeof(name), "%d", fd);
	n = readlinkat(tw->k->fddir, name, link, sizeof(link) - 1);
	if (n < 0) {
		if (errno == EACCES || errno == EPERM)
			task_denied(tw->k);
		return 0;	/* else closed meanwhile */
	}
	link[n] = '\0';
	if (!link_wanted(ops->link_prefixes, link, n))
		return 0;
	if (task_open(tw))
		return 0;	/* exited: skip is set */
	*matched = true;
	f.link = link;
	f.link_len = n;
	return ops->on_fd(&tw->task, &f, tw->k->w->ctx);
}

typedef int (*guess_fn)(const struct proc_task *t, int fd, void *ctx);

/* fds [lo, hi) of the worker's process; nonzero stops the walk. */
static void walk_fds(struct worker *k, size_t lo, size_t hi)
{
	struct task_walk tw = {
		.task = { .pid = k->e->pid, .dirfd = -1 }, .k = k,
	};
	guess_fn guess = k->w->ops->guess_fd;
	bool run = false;	/* the last fd matched */
	size_t i;
	int ret;

	/* skip is set under the lock, by any thread: read as it comes */
	for (i = lo; i < hi && !__atomic_load_n(&k->e->skip, __ATOMIC_RELAXED);
	     i++) {
		if (run && guess) {
			/* most likely one more of the run: no readlink */
			ret = guess(&tw.task, k->e->fds[i], k->w->ctx);
			run = ret > 0;
			ret = ret < 0 ? ret : 0;
		} else {
			run = false;
			ret = walk_fd(&tw, k->e->fds[i], &run);
		}
		if (ret) {
			pthread_mutex_lock(&k->w->lock);
			if (!k->w->stop)
				k->w->stop = ret;
			pthread_mutex_unlock(&k->w->lock);
			break;
		}
	}
}

/* Close the worker's fds on its process (to batches where they can go). */
static void worker_leave(struct worker *k)
{
	if (k->infodir >= 0)
		close(k->infodir);
	if (k->dirfd >= 0)
		close(k->dirfd);
	fdb_flush(&k->spent);
	if (k->fddir >= 0)
		fdb_add(&k->dirs, k->fddir);
	k->e = NULL;
	k->fddir = k->dirfd = k->infodir = -1;
}

static int open_fddir(struct worker *k, pid_t pid)
{
	char path[32];
	int fd;

	snprintf(path, sizeof(path), "%d/fd", pid);
	fd = openat(k->w->procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 && errno == EMFILE && k->dirs.n) {
		/* a low fd limit: give back the directories done with */
		fdb_flush(&k->dirs);
		fd = openat(k->w->procfd, path,
			    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	return fd;
}

/*
 * The worker's own fd directory of a process another thread listed: by
 * pid, so it must be the same directory (inode) that thread opened, not
 * that of a new process which reused the pid. -1: it is gone.
 */
static int worker_enter(struct worker *k, struct proc_entry *e)
{
	struct stat st;

	if (k->e == e && k->serial == e->serial)
		return k->fddir >= 0 ? 0 : -1;
	worker_leave(k);
	k->e = e;
	k->serial = e->serial;
	k->fddir = open_fddir(k, e->pid);
	if (k->fddir >= 0 && (fstat(k->fddir, &st) || st.st_ino != e->ino ||
			      st.st_dev != e->dev)) {
		close(k->fddir);
		k->fddir = -1;
	}
	return k->fddir >= 0 ? 0 : -1;
}

static int add_fd(void *ctx, const char *name)
{
	struct proc_entry *e = ctx;
	char *end;
	long fd;

	fd = strtol(name, &end, 10);
	if (*end || fd < 0 || fd > INT_MAX)
		return 0;
	if (ARRAY_RESERVE(e->fds, e->cap, e->nfd + 1, 64))
		return -1;
	e->fds[e->nfd++] = fd;
	return 0;
}

/*
 * Whether ptrace rules hide a process's fds shows only when one is read,
 * and the kernel lets us list them all the same: before listing the rest
 * of a long directory, try its first fd.
 */
static bool fds_hidden(struct worker *k, int fd)
{
	char name[16], link[8];

	snprintf(name, sizeof(name), "%d", fd);
	return readlinkat(k->fddir, name, link, sizeof(link)) < 0 &&
	       (errno == EACCES || errno == EPERM);
}

/* The fd numbers of the worker's process: nonzero when not listed. */
static int list_fds(struct worker *k, struct proc_entry *e, bool *denied)
{
	char buf[1024] __attribute__((aligned(8)));
	int ret;

	ret = dent_batch(k->fddir, buf, sizeof(buf), add_fd, e);
	if (ret != 1)
		return ret;
	if (e->nfd && fds_hidden(k, e->fds[0])) {
		*denied = true;
		return -1;
	}
	return for_each_dent(k->fddir, add_fd, e);
}

static void entry_free(struct proc_entry *e)
{
	free(e->fds);
	free(e);
}

/*
 * Open pid's fd directory as the worker's and list its fds: NULL when it
 * exited, hides them (*denied set) or memory ran out.
 */
static struct proc_entry *entry_open(struct worker *k, pid_t pid,
				     bool *denied)
{
	struct proc_entry *e = calloc(1, sizeof(*e));
	struct stat st;

	if (!e)
		return NULL;
	e->pid = pid;
	worker_leave(k);
	k->fddir = open_fddir(k, pid);
	if (k->fddir < 0) {
		*denied = errno == EACCES || errno == EPERM;
		free(e);
		return NULL;	/* ENOENT/ESRCH: it exited, fine */
	}
	k->e = e;
	if (list_fds(k, e, denied) ||
	    /* others may open it too: they check it is the same */
	    (e->nfd > FD_RUN && fstat(k->fddir, &st))) {
		worker_leave(k);
		entry_free(e);
		return NULL;
	}
	if (e->nfd > FD_RUN) {
		e->dev = st.st_dev;
		e->ino = st.st_ino;
	}
	return e;
}

/* Drop a thread's hold on e (lock held); the last one frees it. */
static void entry_put(struct proc_walk *w, struct proc_entry *e)
{
	struct proc_entry **p;

	if (--e->refs || (e->next < e->nfd && !e->skip))
		return;
	for (p = &w->shared; *p; p = &(*p)->more)
		if (*p == e) {
			*p = e->more;
			break;
		}
	entry_free(e);
}

static int add_pid(void *ctx, const char *name)
{
	struct proc_walk *w = ctx;
	char *end;
	long pid;

	if (name[0] < '1' || name[0] > '9')
		return 0;
	pid = strtol(name, &end, 10);
	if (*end || pid > INT_MAX || (w->ops->skip_self && pid == w->self))
		return 0;
	if (ARRAY_RESERVE(w->pids, w->cap, w->npids + 1, 256))
		return -1;
	w->pids[w->npids++] = pid;
	return 0;
}

/*
 * Take a run of the shared process's fds (lock held, dropped while it is
 * walked): false when it has none left.
 */
static bool take_run(struct worker *k)
{
	struct proc_walk *w = k->w;
	struct proc_entry *e;
	size_t lo, hi;

	for (e = w->shared; e; e = e->more)
		if (!e->skip && e->next < e->nfd)
			break;
	if (!e)
		return false;
	lo = e->next;
	hi = e->nfd - lo > FD_RUN ? lo + FD_RUN : e->nfd;
	e->next = hi;
	e->refs++;
	pthread_mutex_unlock(&w->lock);
	if (!worker_enter(k, e))
		walk_fds(k, lo, hi);
	pthread_mutex_lock(&w->lock);
	entry_put(w, e);
	return true;
}

/* Take the next process (lock held, dropped while it is walked). */
static bool take_task(struct worker *k)
{
	struct proc_walk *w = k->w;
	struct proc_entry *e;
	bool denied = false;
	pid_t pid;

	if (w->next >= w->npids)
		return false;
	pid = w->pids[w->next++];
	w->listing++;
	pthread_mutex_unlock(&w->lock);
	e = entry_open(k, pid, &denied);
	pthread_mutex_lock(&w->lock);
	w->listing--;
	pthread_cond_broadcast(&w->more);
	if (!e) {
		w->denied += denied;
		return true;
	}
	e->serial = ++w->serial;
	k->serial = e->serial;
	if (e->nfd > FD_RUN) {
		/* many fds: taken in runs, by every thread that comes */
		e->more = w->shared;
		w->shared = e;
		return true;
	}
	e->next = e->nfd;
	e->refs = 1;
	pthread_mutex_unlock(&w->lock);
	walk_fds(k, 0, e->nfd);
	pthread_mutex_lock(&w->lock);
	entry_put(w, e);
	return true;
}

struct proc_walk *proc_walk_new(const struct proc_walk_ops *ops, void *ctx)
{
	struct proc_walk *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->ops = ops;
	w->ctx = ctx;
	w->self = getpid();
	/* before any thread: a thread with its own fd table has it too */
	w->procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->more, NULL);
	return w;
}

void proc_walk_run(struct proc_walk *w)
{
	struct worker k = {
		.w = w, .fddir = -1, .dirfd = -1, .infodir = -1,
		.spent = FD_BATCH_INIT, .dirs = FD_BATCH_INIT,
	};

	pthread_mutex_lock(&w->lock);
	if (!w->listed && w->procfd >= 0)
		/* out of memory: the pids listed so far are walked */
		for_each_dent(w->procfd, add_pid, w);
	w->listed = true;
	while (!w->stop) {
		if (take_run(&k) || take_task(&k))
			continue;
		if (!w->listing)
			break;
		pthread_cond_wait(&w->more, &w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	worker_leave(&k);
	fdb_flush(&k.dirs);
}

int proc_walk_end(struct proc_walk *w, unsigned int *denied)
{
	int ret;

	if (!w)
		return 0;
	ret = w->stop;
	if (denied)
		*denied += w->denied;
	/* a walk stopped early leaves shared processes behind */
	while (w->shared) {
		struct proc_entry *e = w->shared;

		w->shared = e->more;
		entry_free(e);
	}
	if (w->procfd >= 0)
		close(w->procfd);
	pthread_cond_destroy(&w->more);
	pthread_mutex_destroy(&w->lock);
	free(w->pids);
	free(w);
	return ret;
}

int proc_walk(const struct proc_walk_ops *ops, void *ctx,
	      unsigned int *denied)
{
	struct proc_walk *w = proc_walk_new(ops, ctx);

	if (!w)
		return 0;
	proc_walk_run(w);
	return proc_walk_end(w, denied);
}
