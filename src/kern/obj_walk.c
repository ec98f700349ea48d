// SPDX-License-Identifier: GPL-2.0-only
/* The one walk over kernel object ids (see obj_walk.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <bpf/bpf.h>

#include "fd_batch.h"
#include "main.h"
#include "obj_walk.h"

struct kind_ops {
	int (*next_id)(__u32 start, __u32 *next);
	int (*fd_by_id)(__u32 id);
	const char *next_msg;	/* "can't get next %s" */
	const char *msg;	/* "can't get %s by id" */
};

static const struct kind_ops *kind_ops(enum obj_kind kind)
{
	static const struct kind_ops ops[] = {
		[OBJ_PROG] = { bpf_prog_get_next_id, bpf_prog_get_fd_by_id,
			       "program", "prog" },
		[OBJ_MAP] = { bpf_map_get_next_id, bpf_map_get_fd_by_id,
			      "map", "map" },
		[OBJ_LINK] = { bpf_link_get_next_id, bpf_link_get_fd_by_id,
			       "link", "link" },
		[OBJ_BTF] = { bpf_btf_get_next_id, bpf_btf_get_fd_by_id,
			      "BTF object", "BTF object" },
	};

	if ((unsigned int)kind >= sizeof(ops) / sizeof(ops[0]) ||
	    !ops[kind].next_id)
		return NULL;
	return &ops[kind];
}

int obj_fd_by_id(enum obj_kind kind, __u32 id, bool rdonly)
{
	LIBBPF_OPTS(bpf_get_fd_by_id_opts, o, .open_flags = BPF_F_RDONLY);
	const struct kind_ops *k = kind_ops(kind);
	int fd;

	if (!k) {
		errno = EINVAL;
		return -1;
	}
	if (kind != OBJ_MAP || !rdonly)
		return k->fd_by_id(id);
	/* a map frozen or made for the program side only refuses it */
	fd = bpf_map_get_fd_by_id_opts(id, &o);
	if (fd < 0 && errno == EPERM)
		fd = bpf_map_get_fd_by_id(id);
	return fd;
}

int obj_walk_next_id(struct obj_walk *w)
{
	const struct kind_ops *k = kind_ops(w->kind);

	w->in_next = true;
	if (!k) {
		w->err = EINVAL;
		return -1;
	}
	if (!k->next_id(w->id, &w->id))
		return 0;
	w->err = errno;
	return w->err == ENOENT ? 1 : -1;
}

int obj_walk_next(struct obj_walk *w)
{
	int ret;

	for (;;) {
		w->fd = -1;
		ret = obj_walk_next_id(w);
		if (ret)
			return ret;
		w->in_next = false;
		w->fd = obj_fd_by_id(w->kind, w->id, w->rdonly);
		if (w->fd >= 0)
			return 0;
		w->err = errno;
		/*
		 * Skip what is not a whole object at this moment: freed
		 * between the two calls (ENOENT), or a link whose id is
		 * reserved while its creator has not finished (EAGAIN).
		 */
		if (w->err != ENOENT && w->err != EAGAIN)
			return -1;
	}
}

int obj_walk_report(const struct obj_walk *w)
{
	const struct kind_ops *k = kind_ops(w->kind);
	int e = w->err;

	if (!k)
		return p_err("can't list %s objects", obj_kind_name(w->kind));
	if (w->in_next)
		return p_err("can't get next %s: %s%s%s", k->next_msg,
			     strerror(e),
			     e == EINVAL ? " -- kernel too old?" : "",
			     cap_hint(e));
	return p_err("can't get %s by id (%u): %s%s", k->msg, w->id,
		     strerror(e), cap_hint(e));
}

/*
 * Objects per window: their fds stay open until shown, so a window takes
 * at most a quarter of RLIMIT_NOFILE.
 */
static int window_size(void)
{
	struct rlimit rl;
	rlim_t n = 1024;

	if (!getrlimit(RLIMIT_NOFILE, &rl))
		n = rl.rlim_cur / 4;
	return n < 1 ? 1 : n > OBJ_WINDOW_MAX ? OBJ_WINDOW_MAX : (int)n;
}

struct window {
	int cap, n;
	int *fd;
	char *rec;
};

/* Open (and fetch) up to a window of objects: 0, 1 at the end, -1. */
static int window_fill(const struct obj_show_ops *ops, void *ctx,
		       struct obj_walk *w, struct window *win)
{
	int ret = 0;

	win->n = 0;
	while (win->n < win->cap) {
		ret = obj_walk_next(w);
		if (ret)
			break;
		win->fd[win->n] = w->fd;
		if (ops->fetch)
			ops->fetch(ctx, w->fd,
				   win->rec + win->n * ops->rec_size);
		win->n++;
	}
	return ret;
}

/* Show a window; its fds go to spent. 0 or the first error. */
static int window_show(const struct obj_show_ops *ops, void *ctx,
		       struct window *win, struct fd_batch *spent)
{
	int i, err = 0;
	void *rec;

	for (i = 0; i < win->n; i++) {
		rec = ops->rec_size ? win->rec + i * ops->rec_size : NULL;
		if (!err)
			err = ops->show(ctx, win->fd[i], rec);
		if (ops->release)
			ops->release(rec);
		fdb_add(spent, win->fd[i]);
	}
	win->n = 0;
	return err;
}

int obj_show_all(const struct obj_show_ops *ops, void *ctx,
		 struct fd_batch *spent)
{
	struct obj_walk w = OBJ_WALK_INIT(ops->kind);
	struct window win = { .cap = window_size() };
	int ret, err = 0;

	w.rdonly = ops->rdonly;
	win.fd = calloc(win.cap, sizeof(*win.fd));
	win.rec = calloc(win.cap, ops->rec_size ? ops->rec_size : 1);
	if (!win.fd || !win.rec) {
		free(win.fd);
		free(win.rec);
		return p_err("out of memory");
	}
	if (json_wtr)
		jsonw_start_array(json_wtr);
	do {
		ret = window_fill(ops, ctx, &w, &win);
		err = window_show(ops, ctx, &win, spent);
		if (!err && ret < 0)
			err = obj_walk_report(&w);
	} while (!err && !ret);
	if (json_wtr)
		jsonw_end_array(json_wtr);
	free(win.fd);
	free(win.rec);
	return err < 0 ? err : 0;
}
