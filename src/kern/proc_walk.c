// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one /proc walker (see proc_walk.h).
 *
 * Cost matters on busy hosts, where most processes hold nothing we want:
 * such a process costs one openat of its fd directory, one getdents64 and
 * one readlinkat per fd. Its /proc/PID directory, comm and fdinfo are only
 * opened once it has a matching fd (or on_task wants it), and always
 * relative to the fd directory already open, never by pid again.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/types.h>

#include "fd_batch.h"
#include "proc_walk.h"

/* One process being walked; callbacks get &task. */
struct task_walk {
	struct proc_task task;
	const struct proc_walk_ops *ops;
	void *ctx;
	unsigned int *denied;
	int fddir;		/* /proc/PID/fd */
	int infodir;		/* /proc/PID/fdinfo, opened on first use */
	bool opened;		/* task.dirfd and comm are set */
	bool gone;		/* the process exited under us */
	bool skip;		/* stop this process, go on with the next */
	/* fdinfo and comm files read: closed in runs, as the batch fills */
	struct fd_batch spent;
};

struct walk {
	const struct proc_walk_ops *ops;
	void *ctx;
	unsigned int *denied;
	int procfd;
	pid_t self;
	/*
	 * The fd directories of walked processes. Each process's other fds
	 * are closed before the next one is opened, so these come out
	 * consecutive and most processes cost no close() of their own.
	 */
	struct fd_batch dirs;
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
static void read_comm(struct task_walk *tw)
{
	char *comm = tw->task.comm;
	ssize_t n;

	n = read_batched(tw->task.dirfd, "comm", comm,
			 sizeof(tw->task.comm), &tw->spent);
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
 * the new one). Returns -1 when the process is gone.
 */
static int task_open(struct task_walk *tw)
{
	if (tw->opened)
		return tw->gone ? -1 : 0;
	tw->opened = true;
	tw->task.dirfd = openat(tw->fddir, "..",
				O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (tw->task.dirfd < 0) {
		tw->gone = true;
		return -1;
	}
	read_comm(tw);
	return 0;
}

ssize_t proc_fdinfo(const struct proc_task *t, int fd, char *buf,
		    size_t size)
{
	struct task_walk *tw = (struct task_walk *)t;
	char name[16];

	if (tw->infodir < 0) {
		tw->infodir = openat(t->dirfd, "fdinfo",
				     O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (tw->infodir < 0)
			return -1;
	}
	snprintf(name, sizeof(name), "%d", fd);
	return read_batched(tw->infodir, name, buf, size, &tw->spent);
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

static int for_each_dent(int dfd, dent_fn fn, void *ctx)
{
	char buf[DENT_BUF] __attribute__((aligned(8)));
	struct dent64 *de;
	long n, off;
	int ret;

	while ((n = syscall(SYS_getdents64, dfd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n; off += de->reclen) {
			de = (struct dent64 *)(buf + off);
			if (de->name[0] == '.')
				continue;
			ret = fn(ctx, de->name);
			if (ret)
				return ret;
		}
		/*
		 * proc fills the buffer while entries fit, so a reply with
		 * room for another record left was the last one: skip the
		 * getdents that would only say "end".
		 */
		if (n < (long)sizeof(buf) - DENT_MAX)
			break;
	}
	return 0;
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

static int walk_fd(void *ctx, const char *name)
{
	struct task_walk *tw = ctx;
	char link[PATH_MAX];
	struct proc_fd f;
	char *end;
	ssize_t n;

	if (tw->ops->no_link) {
		f.fd = strtol(name, &end, 10);
		if (*end)
			return 0;
		f.link = NULL;
		f.link_len = 0;
		return tw->ops->on_fd(&tw->task, &f, tw->ctx);
	}
	n = readlinkat(tw->fddir, name, link, sizeof(link) - 1);
	if (n < 0) {
		if (errno != EACCES && errno != EPERM)
			return 0;	/* closed meanwhile */
		/* ptrace rules hide this process's fds: all of them */
		if (tw->denied)
			(*tw->denied)++;
		tw->skip = true;
		return 1;
	}
	link[n] = '\0';
	if (!link_wanted(tw->ops->link_prefixes, link, n))
		return 0;
	if (task_open(tw)) {
		tw->skip = true;
		return 1;
	}
	f.fd = strtol(name, &end, 10);
	if (*end)
		return 0;
	f.link = link;
	f.link_len = n;
	return tw->ops->on_fd(&tw->task, &f, tw->ctx);
}

static int walk_task(struct walk *w, const char *name, pid_t pid)
{
	char path[32];
	struct task_walk tw = {
		.task = { .pid = pid, .dirfd = -1 },
		.ops = w->ops, .ctx = w->ctx, .denied = w->denied,
		.infodir = -1, .spent = FD_BATCH_INIT,
	};
	int ret = 0;

	snprintf(path, sizeof(path), "%s/fd", name);
	tw.fddir = openat(w->procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (tw.fddir < 0 && errno == EMFILE && w->dirs.n) {
		/* a low fd limit: give back the directories done with */
		fdb_flush(&w->dirs);
		tw.fddir = openat(w->procfd, path,
				  O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	if (tw.fddir < 0) {
		if ((errno == EACCES || errno == EPERM) && w->denied)
			(*w->denied)++;
		return 0;	/* ENOENT/ESRCH: it exited, fine */
	}
	fdb_add(&w->dirs, tw.fddir);
	if (w->ops->on_task) {
		if (task_open(&tw) || w->ops->on_task(&tw.task, w->ctx))
			goto out;
	}
	if (w->ops->on_fd)
		ret = for_each_dent(tw.fddir, walk_fd, &tw);
	if (tw.skip)
		ret = 0;
out:
	fdb_flush(&tw.spent);
	/* not in spent: a full batch is closed at once, these are still used */
	if (tw.infodir >= 0)
		close(tw.infodir);
	if (tw.task.dirfd >= 0)
		close(tw.task.dirfd);
	return ret;
}

static int walk_proc_entry(void *ctx, const char *name)
{
	struct walk *w = ctx;
	char *end;
	long pid;

	if (name[0] < '1' || name[0] > '9')
		return 0;
	pid = strtol(name, &end, 10);
	if (*end || pid > INT_MAX || (w->ops->skip_self && pid == w->self))
		return 0;
	return walk_task(w, name, pid);
}

int proc_walk(const struct proc_walk_ops *ops, void *ctx,
	      unsigned int *denied)
{
	struct walk w = {
		.ops = ops, .ctx = ctx, .denied = denied,
		.self = getpid(), .dirs = FD_BATCH_INIT,
	};
	int ret;

	w.procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (w.procfd < 0)
		return 0;
	ret = for_each_dent(w.procfd, walk_proc_entry, &w);
	fdb_flush(&w.dirs);
	close(w.procfd);
	return ret;
}
