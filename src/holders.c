// SPDX-License-Identifier: GPL-2.0-only
/*
 * Holder walker. bpftool asks a BPF task_file iterator, which needs kernel
 * symbols this kind of kernel does not export and fails silently; walking
 * /proc/PID/fd works everywhere, so that is what we do, once per command.
 *
 * Cost matters on busy hosts: one openat per process for its fd directory,
 * one readlinkat per fd, and only for BPF fds of the wanted kind one
 * openat+read of fdinfo. Processes and fds vanish while we walk; that is
 * normal and silent.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "holders.h"
#include "obuf.h"
#include "main.h"

#define COMM_LEN 16

struct holder {
	__u32 id;
	__u32 seq;	/* discovery order: keeps /proc (pid) order per id */
	int pid;
	bool has_memlock;
	__u64 memlock;	/* from the holder's fdinfo: saves the caller a read */
	char comm[COMM_LEN];
};

struct holders {
	struct holder *v;
	size_t n, cap;
	unsigned int denied;	/* pids whose fds we may not read */
};

struct walk {
	struct holders *h;
	/*
	 * The fd directories of walked processes. Each process's other fds
	 * are closed before the next directory is opened, so these come out
	 * consecutive and most processes cost no close() of their own.
	 */
	struct fd_batch dirs;
	const char *target;	/* readlink text of the wanted fds */
	size_t target_len;
	const char *key;	/* fdinfo key of the id */
};

/* readlink text of a bpf fd, and the fdinfo key carrying its id */
static int kind_setup(struct walk *w, enum obj_kind kind)
{
	switch (kind) {
	case OBJ_PROG:
		w->target = "anon_inode:bpf-prog";
		w->key = "prog_id";
		break;
	case OBJ_MAP:
		w->target = "anon_inode:bpf-map";
		w->key = "map_id";
		break;
	case OBJ_LINK:
		w->target = "anon_inode:bpf_link";
		w->key = "link_id";
		break;
	case OBJ_BTF:
		w->target = "anon_inode:btf";
		w->key = "btf_id";
		break;
	default:
		return -1;
	}
	w->target_len = strlen(w->target);
	return 0;
}

/*
 * Read a small /proc file in one read(); returns length or -1. The fd goes
 * to batch when there is one, else it is closed here.
 */
static ssize_t read_small(int dirfd, const char *name, char *buf, size_t sz,
			  struct fd_batch *batch)
{
	ssize_t n;
	int fd;

	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == EMFILE && batch && batch->n) {
		/* out of fds (a low limit): close what we are done with */
		fdb_flush(batch);
		fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return -1;
	n = read(fd, buf, sz - 1);
	if (batch)
		fdb_add(batch, fd);
	else
		close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

static int holders_push(struct holders *h, __u32 id, int pid,
			const char *comm, const char *fdinfo)
{
	struct holder *e;

	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		struct holder *v = realloc(h->v, cap * sizeof(*v));

		if (!v)
			return -1;
		h->v = v;
		h->cap = cap;
	}
	e = &h->v[h->n];
	e->id = id;
	e->seq = h->n;
	e->pid = pid;
	e->has_memlock = !fdinfo_text_u64(fdinfo, "memlock", &e->memlock);
	snprintf(e->comm, sizeof(e->comm), "%s", comm);
	h->n++;
	return 0;
}

/* comm of a process, read once and only when it holds something */
static void load_comm(int procfd, const char *pid, char *comm)
{
	char path[sizeof(((struct dirent *)0)->d_name) + 8], buf[64];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/comm", pid);
	n = read_small(procfd, path, buf, sizeof(buf), NULL);
	if (n <= 0) {
		snprintf(comm, COMM_LEN, "?");
		return;
	}
	/* only the kernel's final newline: a comm may contain others */
	if (buf[n - 1] == '\n')
		n--;
	if (n >= COMM_LEN)
		n = COMM_LEN - 1;
	memcpy(comm, buf, n);
	comm[n] = '\0';
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

/* One process being walked. */
struct pid_walk {
	struct walk *w;
	int procfd, fddir, infodir;
	const char *pidname;
	int pid;
	char comm[COMM_LEN];
	struct fd_batch fdinfos;
};

/* One fd of the process: keep it when it points at a wanted object. */
static int walk_fd(void *ctx, const char *name)
{
	struct pid_walk *p = ctx;
	struct walk *w = p->w;
	char link[64], info[1024];
	__u64 id;
	ssize_t n;

	n = readlinkat(p->fddir, name, link, sizeof(link));
	if (n < 0 && (errno == EACCES || errno == EPERM)) {
		/* ptrace rules hide this process's fds: all of them */
		w->h->denied++;
		return 1;
	}
	if (n != (ssize_t)w->target_len || memcmp(link, w->target, n))
		return 0;
	if (p->infodir < 0) {
		snprintf(info, sizeof(info), "%s/fdinfo", p->pidname);
		p->infodir = openat(p->procfd, info,
				    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (p->infodir < 0)
			return 1;	/* process went away: stop, no error */
	}
	if (read_small(p->infodir, name, info, sizeof(info), &p->fdinfos) < 0 ||
	    fdinfo_text_u64(info, w->key, &id))
		return 0;	/* fd closed meanwhile */
	if (!*p->comm)
		load_comm(p->procfd, p->pidname, p->comm);
	return holders_push(w->h, id, p->pid, p->comm, info) ? -1 : 0;
}

static int walk_pid(struct walk *w, int procfd, const char *name, int pid)
{
	char path[sizeof(((struct dirent *)0)->d_name) + 8];
	struct pid_walk p = {
		.w = w, .procfd = procfd, .infodir = -1,
		.pidname = name, .pid = pid, .fdinfos = FD_BATCH_INIT,
	};
	int ret;

	snprintf(path, sizeof(path), "%s/fd", name);
	p.fddir = openat(procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (p.fddir < 0) {
		if (errno == EACCES || errno == EPERM)
			w->h->denied++;
		return 0;	/* ENOENT/ESRCH: it exited, fine */
	}
	ret = for_each_dent(p.fddir, walk_fd, &p);
	fdb_flush(&p.fdinfos);
	if (p.infodir >= 0)
		close(p.infodir);
	fdb_add(&w->dirs, p.fddir);
	return ret < 0 ? -1 : 0;
}

static int holder_cmp(const void *a, const void *b)
{
	const struct holder *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort by id (then discovery order) and drop repeated pids per object. */
static void holders_finish(struct holders *h)
{
	size_t i, o = 0;

	if (!h->n)
		return;
	qsort(h->v, h->n, sizeof(*h->v), holder_cmp);
	for (i = 0; i < h->n; i++) {
		if (o && h->v[o - 1].id == h->v[i].id &&
		    h->v[o - 1].pid == h->v[i].pid)
			continue;
		h->v[o++] = h->v[i];
	}
	h->n = o;
}

struct proc_walk {
	struct walk *w;
	int procfd, self;
};

static int walk_proc_entry(void *ctx, const char *name)
{
	struct proc_walk *p = ctx;
	char *end;
	long pid;

	if (name[0] < '1' || name[0] > '9')
		return 0;
	pid = strtol(name, &end, 10);
	if (*end || pid == p->self)
		return 0;
	return walk_pid(p->w, p->procfd, name, pid);
}

static int walk_proc(struct walk *w)
{
	struct proc_walk p = { .w = w, .self = getpid() };
	int ret;

	p.procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (p.procfd < 0)
		return 0;
	ret = for_each_dent(p.procfd, walk_proc_entry, &p);
	close(p.procfd);
	return ret;
}

struct holders *holders_build(enum obj_kind kind)
{
	struct holders *h = calloc(1, sizeof(*h));
	struct walk w = { .h = h, .dirs = FD_BATCH_INIT };
	int err;

	if (!h)
		return NULL;
	if (kind_setup(&w, kind))
		return h;
	err = walk_proc(&w);
	fdb_flush(&w.dirs);
	if (err) {
		holders_free(h);
		return NULL;
	}
	holders_finish(h);
	if (h->denied)
		p_debug("holder list incomplete: %u process%s could not be inspected (permission denied)",
			h->denied, h->denied == 1 ? "" : "es");
	return h;
}

void holders_free(struct holders *h)
{
	if (!h)
		return;
	free(h->v);
	free(h);
}

/* Index of the first entry for id, or h->n. */
static size_t holders_first(const struct holders *h, __u32 id)
{
	size_t lo = 0, hi = h->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (h->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool holders_has(const struct holders *h, __u32 id)
{
	size_t i;

	if (!h)
		return false;
	i = holders_first(h, id);
	return i < h->n && h->v[i].id == id;
}

bool holders_memlock(const struct holders *h, __u32 id, __u64 *memlock)
{
	size_t i;

	if (!holders_has(h, id))
		return false;
	i = holders_first(h, id);
	*memlock = h->v[i].memlock;
	return h->v[i].has_memlock;
}

void holders_print(const struct holders *h, __u32 id)
{
	size_t i;

	if (!holders_has(h, id))
		return;
	i = holders_first(h, id);
	if (json_wtr) {
		jsonw_name(json_wtr, "pids");
		jsonw_start_array(json_wtr);
		for (; i < h->n && h->v[i].id == id; i++) {
			jsonw_start_object(json_wtr);
			jsonw_int_field(json_wtr, "pid", h->v[i].pid);
			jsonw_string_field(json_wtr, "comm", h->v[i].comm);
			jsonw_end_object(json_wtr);
		}
		jsonw_end_array(json_wtr);
		return;
	}
	printf("\n\tpids ");
	for (; i < h->n && h->v[i].id == id; i++) {
		if (i && h->v[i - 1].id == id)
			fputs(", ", stdout);
		fputs_text(h->v[i].comm, stdout);	/* a comm is untrusted */
		printf("(%d)", h->v[i].pid);
	}
}

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
