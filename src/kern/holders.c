// SPDX-License-Identifier: GPL-2.0-only
/*
 * Holder walker. bpftool asks a BPF task_file iterator, which needs kernel
 * symbols this kind of kernel does not export and fails silently; walking
 * /proc/PID/fd works everywhere, so that is what we do, once per command.
 *
 * The walk itself (proc_walk.c) reads each process's fds relative to one
 * directory fd; only BPF fds of the wanted kind cost an fdinfo read here.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "fd_batch.h"
#include "holders.h"
#include "obuf.h"
#include "main.h"
#include "obj_walk.h"
#include "proc_walk.h"

struct holder {
	__u32 id;
	__u32 seq;	/* discovery order: keeps /proc (pid) order per id */
	int pid;
	char *fdinfo;	/* the holder's fdinfo: saves the caller a read */
	char comm[sizeof(((struct proc_task *)0)->comm)];
};

struct walk {
	struct holders *h;
	const char *targets[3];	/* readlink texts of the wanted fds */
	const char *key;	/* fdinfo key of the id */
};

struct holders {
	struct holder *v;
	size_t n, cap;
	unsigned int denied;	/* pids whose fds we may not read */
	struct walk w;
	/* holders_start(): the walk runs on thread until holders_wait() */
	pthread_t thread;
	bool running;
	bool done;	/* holders_wait() has run its checks */
	int err;
};

/* readlink texts of a bpf fd, and the fdinfo key carrying its id */
static int kind_setup(struct walk *w, enum obj_kind kind)
{
	switch (kind) {
	case OBJ_PROG:
		w->targets[0] = "anon_inode:bpf-prog";
		w->key = "prog_id";
		break;
	case OBJ_MAP:
		w->targets[0] = "anon_inode:bpf-map";
		w->key = "map_id";
		break;
	case OBJ_LINK:
		/* the kernel's name for a link fd it creates ... */
		w->targets[0] = "anon_inode:bpf_link";
		/* ... and for one re-opened from a pin or an id */
		w->targets[1] = "anon_inode:bpf-link";
		w->key = "link_id";
		break;
	case OBJ_BTF:
		w->targets[0] = "anon_inode:btf";
		w->key = "btf_id";
		break;
	default:
		return -1;
	}
	return 0;
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
	e->fdinfo = strdup(fdinfo);
	if (!e->fdinfo)
		return -1;
	snprintf(e->comm, sizeof(e->comm), "%s", comm);
	h->n++;
	return 0;
}

/* One fd pointing at an object of the wanted kind: record its holder. */
static int walk_fd(const struct proc_task *t, const struct proc_fd *f,
		   void *ctx)
{
	struct walk *w = ctx;
	char info[1024];
	__u64 id;
	int i;

	for (i = 0; w->targets[i]; i++)
		if (!strcmp(f->link, w->targets[i]))
			break;
	if (!w->targets[i])
		return 0;
	if (proc_fdinfo(t, f->fd, info, sizeof(info)) < 0 ||
	    fdinfo_text_u64(info, w->key, &id))
		return 0;	/* fd closed meanwhile */
	return holders_push(w->h, id, t->pid, t->comm, info) ? -1 : 0;
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
		    h->v[o - 1].pid == h->v[i].pid) {
			free(h->v[i].fdinfo);
			continue;
		}
		h->v[o++] = h->v[i];
	}
	h->n = o;
}

static void holders_walk(struct holders *h)
{
	struct proc_walk_ops ops = {
		.link_prefixes = h->w.targets,
		.on_fd = walk_fd,
		.skip_self = true,
	};

	h->err = proc_walk(&ops, &h->w, &h->denied);
	if (!h->err)
		holders_finish(h);
}

static void *holders_thread(void *arg)
{
	holders_walk(arg);
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
	h->w.h = h;
	if (kind_setup(&h->w, kind))
		return h;
	if (async && fds_plentiful()) {
		/* the show's windows of fds (obj_walk.c), batches, the walk */
		fd_table_reserve(OBJ_WINDOW_MAX + 1024);
	}
	if (async && fds_plentiful() &&
	    !pthread_create(&h->thread, NULL, holders_thread, h)) {
		h->running = true;
		return h;
	}
	holders_walk(h);
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
	if (h->running)
		pthread_join(h->thread, NULL);
	h->running = false;
	h->done = true;
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
	i = holders_first(h, id);
	return i < h->n && h->v[i].id == id ? (ssize_t)i : -1;
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
	const char *info = holders_fdinfo(h, id);

	return info && !fdinfo_text_u64(info, "memlock", memlock);
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
