// SPDX-License-Identifier: GPL-2.0-only
/*
 * Holder walker. bpftool asks a BPF task_file iterator, which needs kernel
 * symbols this kind of kernel does not export and fails silently; walking
 * /proc/PID/fd works everywhere, so that is what we do, once per command.
 * (An iterator of our own would need the type ids and field offsets of
 * vmlinux BTF: finding them in its 5 MB costs about what the walk does.)
 *
 * The walk itself (proc_walk.c) reads each process's fds relative to one
 * directory fd; only BPF fds of the wanted kind cost an fdinfo read here.
 * It runs on a thread of its own from holders_start(), and the show's
 * thread joins it once its own bpf() calls are done.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "array.h"
#include "fd_batch.h"
#include "holders.h"
#include "obuf.h"
#include "main.h"
#include "obj_walk.h"
#include "proc_walk.h"

struct holder {
	__u32 id;
	int pid;
	int fd;		/* (pid, fd): the walk's order, whichever thread */
	char *fdinfo;	/* the holder's fdinfo: saves the caller a read */
	/* parsed here, on the walk's thread, not by the show */
	bool has_memlock;
	__u64 memlock;
	char comm[sizeof(((struct proc_task *)0)->comm)];
};

/* How fds of one kind look in /proc. */
struct kind_fds {
	const char *targets[3];	/* readlink texts, NULL-ended */
	const char *key;	/* fdinfo key of the id */
	/*
	 * An fdinfo key only this kind's fds have (the kernel's bpf
	 * show_fdinfo callbacks): tells such an fd without its link.
	 */
	const char *sig;
};

static const struct kind_fds kind_fds[] = {
	[OBJ_PROG] = { { "anon_inode:bpf-prog" }, "prog_id", "prog_type" },
	[OBJ_MAP] = { { "anon_inode:bpf-map" }, "map_id", "map_type" },
	/*
	 * The kernel's name for a link fd it creates, and for one re-opened
	 * from a pin or an id.
	 */
	[OBJ_LINK] = { { "anon_inode:bpf_link", "anon_inode:bpf-link" },
		       "link_id", "link_type" },
	[OBJ_BTF] = { { "anon_inode:btf" }, "btf_id", "btf_id" },
};

struct holders {
	const struct kind_fds *kind;	/* NULL: a kind nobody holds */
	struct holder *v;
	size_t n, cap;
	unsigned int denied;	/* pids whose fds we may not read */
	int err;
	size_t last;		/* the last id found: asked again at once */
	/* walk_fd() runs on two threads: v, n, cap and err under lock */
	pthread_mutex_t lock;
	struct proc_walk_ops ops;
	struct proc_walk *walk;
	/* holders_start(): the walk runs on thread until holders_wait() */
	pthread_t thread;
	bool running;
	bool done;	/* holders_wait() has run its checks */
};

static int holders_push(struct holders *h, __u32 id,
			const struct proc_task *t, int fd, const char *fdinfo)
{
	struct holder *e;
	int err = -1;

	pthread_mutex_lock(&h->lock);
	if (ARRAY_RESERVE(h->v, h->cap, h->n + 1, 64))
		goto out;
	e = &h->v[h->n];
	e->fdinfo = strdup(fdinfo);
	if (!e->fdinfo)
		goto out;
	e->id = id;
	e->pid = t->pid;
	e->fd = fd;
	e->has_memlock = !fdinfo_text_u64(fdinfo, "memlock", &e->memlock);
	snprintf(e->comm, sizeof(e->comm), "%s", t->comm);
	h->n++;
	err = 0;
out:
	pthread_mutex_unlock(&h->lock);
	return err;
}

/* One fd pointing at an object of the wanted kind: record its holder. */
static int walk_fd(const struct proc_task *t, const struct proc_fd *f,
		   void *ctx)
{
	struct holders *h = ctx;
	char info[1024];
	__u64 id;
	int i;

	for (i = 0; h->kind->targets[i]; i++)
		if (!strcmp(f->link, h->kind->targets[i]))
			break;
	if (!h->kind->targets[i])
		return 0;
	if (proc_fdinfo(t, f->fd, info, sizeof(info)) < 0 ||
	    fdinfo_text_u64(info, h->kind->key, &id))
		return 0;	/* fd closed meanwhile */
	return holders_push(h, id, t, f->fd, info) ? -1 : 0;
}

/* Does a line of fdinfo text start with "key:"? */
static bool fdinfo_has_key(const char *text, const char *key)
{
	size_t klen = strlen(key);
	const char *p;

	for (p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (!strncmp(p, key, klen) && p[klen] == ':')
			return true;
	}
	return false;
}

/*
 * The fd after one of the wanted kind, told by its fdinfo alone: a
 * process holding many objects holds them in a row, and the fdinfo read
 * is needed for the id anyway, so a run costs no readlink per fd.
 */
static int guess_fd(const struct proc_task *t, int fd, void *ctx)
{
	struct holders *h = ctx;
	char info[1024];
	__u64 id;

	if (proc_fdinfo(t, fd, info, sizeof(info)) < 0 ||
	    !fdinfo_has_key(info, h->kind->sig) ||
	    fdinfo_text_u64(info, h->kind->key, &id))
		return 0;	/* another kind of file, or closed meanwhile */
	return holders_push(h, id, t, fd, info) ? -1 : 1;
}

static int holder_cmp(const void *a, const void *b)
{
	const struct holder *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->fd < y->fd ? -1 : x->fd > y->fd;
}

/*
 * Sort by id, then in /proc's order (pids ascending, then fds), and drop
 * repeated pids per object.
 */
static void holders_finish(struct holders *h)
{
	size_t i, o = 0;

	if (!h->n)
		return;
	qsort(h->v, h->n, sizeof(*h->v), holder_cmp);
	for (i = 0; i < h->n; i++) {
		if (o && h->v[o - 1].id == h->v[i].id &&
		    h->v[o - 1].pid == h->v[i].pid) {
			free(h->v[i].fdinfo);
			continue;
		}
		h->v[o++] = h->v[i];
	}
	h->n = o;
}

static void *holders_thread(void *arg)
{
	struct holders *h = arg;

	/*
	 * An fd table of its own (the walk passes no fd between threads):
	 * its fds then neither interleave with the show's, which are closed
	 * in runs, nor make each of the show's bpf() calls take a reference
	 * on its fd, as a shared table does. Without it, all still works.
	 */
	unshare(CLONE_FILES);
	proc_walk_run(h->walk);
	return NULL;
}

/*
 * A second thread only where fds are plentiful: under a low limit the
 * show's own fds could starve the walk's opens (EMFILE), losing holders.
 */
static bool fds_plentiful(void)
{
	struct rlimit rl;

	return !getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur >= 1024;
}

static struct holders *holders_new(enum obj_kind kind, bool async)
{
	struct holders *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	pthread_mutex_init(&h->lock, NULL);
	if ((unsigned int)kind >= sizeof(kind_fds) / sizeof(kind_fds[0]) ||
	    !kind_fds[kind].key)
		return h;
	h->kind = &kind_fds[kind];
	h->ops = (struct proc_walk_ops){
		.link_prefixes = h->kind->targets,
		.on_fd = walk_fd,
		.guess_fd = guess_fd,
		.skip_self = true,
	};
	h->walk = proc_walk_new(&h->ops, h);
	if (!h->walk) {
		h->err = -1;
		return h;
	}
	if (async && fds_plentiful()) {
		/* the show's windows of fds (obj_walk.c), batches, the walk */
		fd_table_reserve(OBJ_WINDOW_MAX + 1024);
		if (!pthread_create(&h->thread, NULL, holders_thread, h))
			h->running = true;
	}
	return h;
}

struct holders *holders_start(enum obj_kind kind)
{
	return holders_new(kind, true);
}

struct holders *holders_build(enum obj_kind kind)
{
	return holders_wait(holders_new(kind, false));
}

struct holders *holders_wait(struct holders *h)
{
	size_t i;

	if (!h || h->done)
		return h;
	/* the caller has nothing else to do: it takes part in the walk */
	if (h->walk)
		proc_walk_run(h->walk);
	if (h->running)
		pthread_join(h->thread, NULL);
	h->running = false;
	h->done = true;
	if (h->walk && proc_walk_end(h->walk, &h->denied))
		h->err = -1;
	h->walk = NULL;
	if (!h->err)
		holders_finish(h);
	if (h->err) {
		/* out of memory in the walk: no holders, not a wrong list */
		for (i = 0; i < h->n; i++)
			free(h->v[i].fdinfo);
		h->n = 0;
		return h;
	}
	if (h->denied)
		p_debug("holder list incomplete: %u process%s could not be inspected (permission denied)",
			h->denied, h->denied == 1 ? "" : "es");
	return h;
}

void holders_free(struct holders *h)
{
	size_t i;

	if (!h)
		return;
	holders_wait(h);
	for (i = 0; i < h->n; i++)
		free(h->v[i].fdinfo);
	free(h->v);
	pthread_mutex_destroy(&h->lock);
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

/* Index of id's first holder, or -1 (also for h NULL). */
static ssize_t holders_find(struct holders *h, __u32 id)
{
	size_t i;

	if (!holders_wait(h))
		return -1;
	/* show asks for its memlock, then prints its pids */
	if (h->last < h->n && h->v[h->last].id == id)
		return h->last;
	i = holders_first(h, id);
	if (i >= h->n || h->v[i].id != id)
		return -1;
	h->last = i;
	return i;
}

bool holders_has(struct holders *h, __u32 id)
{
	return holders_find(h, id) >= 0;
}

const char *holders_fdinfo(struct holders *h, __u32 id)
{
	ssize_t i = holders_find(h, id);

	return i < 0 ? NULL : h->v[i].fdinfo;
}

bool holders_memlock(struct holders *h, __u32 id, __u64 *memlock)
{
	ssize_t i = holders_find(h, id);

	if (i < 0 || !h->v[i].has_memlock)
		return false;
	*memlock = h->v[i].memlock;
	return true;
}

void holders_print(struct holders *h, __u32 id)
{
	ssize_t i = holders_find(h, id);
	size_t k;

	if (i < 0)
		return;
	if (json_wtr) {
		jsonw_name(json_wtr, "pids");
		jsonw_start_array(json_wtr);
		for (k = i; k < h->n && h->v[k].id == id; k++) {
			jsonw_start_object(json_wtr);
			jsonw_int_field(json_wtr, "pid", h->v[k].pid);
			jsonw_string_field(json_wtr, "comm", h->v[k].comm);
			jsonw_end_object(json_wtr);
		}
		jsonw_end_array(json_wtr);
		return;
	}
	printf("\n\tpids ");
	for (k = i; k < h->n && h->v[k].id == id; k++) {
		if (k > (size_t)i)
			fputs(", ", stdout);
		fputs_text(h->v[k].comm, stdout);	/* a comm is untrusted */
		printf("(%d)", h->v[k].pid);
	}
}
