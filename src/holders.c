// SPDX-License-Identifier: GPL-2.0-only
/*
 * Holder walker. bpftool asks a BPF task_file iterator, which needs kernel
 * symbols this kind of kernel does not export and fails silently; walking
 * /proc/PID/fd works everywhere, so that is what we do, once per command.
 *
 * The walk itself (proc_walk.c) reads each process's fds relative to one
 * directory fd; only BPF fds of the wanted kind cost an fdinfo read here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "holders.h"
#include "main.h"
#include "proc_walk.h"

struct holder {
	__u32 id;
	__u32 seq;	/* discovery order: keeps /proc (pid) order per id */
	int pid;
	bool has_memlock;
	__u64 memlock;	/* from the holder's fdinfo: saves the caller a read */
	char comm[sizeof(((struct proc_task *)0)->comm)];
};

struct holders {
	struct holder *v;
	size_t n, cap;
	unsigned int denied;	/* pids whose fds we may not read */
};

struct walk {
	struct holders *h;
	const char *targets[3];	/* readlink texts of the wanted fds */
	const char *key;	/* fdinfo key of the id */
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
		w->targets[0] = "anon_inode:bpf_link";
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
	e->has_memlock = !fdinfo_text_u64(fdinfo, "memlock", &e->memlock);
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
		    h->v[o - 1].pid == h->v[i].pid)
			continue;
		h->v[o++] = h->v[i];
	}
	h->n = o;
}

struct holders *holders_build(enum obj_kind kind)
{
	struct holders *h = calloc(1, sizeof(*h));
	struct walk w = { .h = h };
	struct proc_walk_ops ops = {
		.link_prefixes = w.targets,
		.on_fd = walk_fd,
		.skip_self = true,
	};

	if (!h)
		return NULL;
	if (kind_setup(&w, kind))
		return h;
	if (proc_walk(&ops, &w, &h->denied)) {
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
	for (; i < h->n && h->v[i].id == id; i++)
		printf("%s%s(%d)", i && h->v[i - 1].id == id ? ", " : "",
		       h->v[i].comm, h->v[i].pid);
}
