// SPDX-License-Identifier: GPL-2.0-only
/* Object handles: id / pinned / tag / name to fds, pinning and fdinfo. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "array.h"
#include "btf_src.h"
#include "handle.h"
#include "main.h"
#include "obj_walk.h"

#ifndef BPF_FS_MAGIC
#define BPF_FS_MAGIC 0xcafe4a11
#endif
#define OBJ_NAME_LEN 16		/* BPF_OBJ_NAME_LEN */

const char *obj_kind_name(enum obj_kind k)
{
	switch (k) {
	case OBJ_PROG: return "prog";
	case OBJ_MAP: return "map";
	case OBJ_LINK: return "link";
	case OBJ_BTF: return "btf";
	default: return "unknown";
	}
}

enum obj_kind fd_obj_kind(int fd)
{
	char path[64], target[128];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return OBJ_UNKNOWN;
	target[n] = '\0';
	if (strstr(target, "bpf-map"))
		return OBJ_MAP;
	if (strstr(target, "bpf-prog"))
		return OBJ_PROG;
	if (strstr(target, "bpf_link") || strstr(target, "bpf-link"))
		return OBJ_LINK;
	return OBJ_UNKNOWN;
}

static bool is_bpffs(const char *path)
{
	struct statfs st;

	return !statfs(path, &st) && (unsigned long)st.f_type == BPF_FS_MAGIC;
}

int open_obj_pinned(const char *path, enum obj_kind want, __u32 file_flags)
{
	LIBBPF_OPTS(bpf_obj_get_opts, o, .file_flags = file_flags);
	enum obj_kind got;
	char dir[PATH_MAX];
	int fd, err;

	fd = bpf_obj_get_opts(path, &o);
	if (fd < 0) {
		err = errno;
		if (err == EACCES && !is_bpffs(path_dir(path, dir, sizeof(dir))))
			return p_err("bpf obj get (%s): directory not in bpf file system (bpffs)",
				     dir);
		return p_err("bpf obj get (%s): %s%s", path, strerror(err),
			     cap_hint(err));
	}
	got = fd_obj_kind(fd);
	if (want != OBJ_UNKNOWN && got != want) {
		close(fd);
		return p_err("incorrect object type: %s", obj_kind_name(got));
	}
	return fd;
}

static void close_fds(int *fds, int n)
{
	while (n-- > 0)
		close(fds[n]);
}

const struct btf *btf_cache_get(struct btf_cache *c, __u32 id)
{
	if (c->btf && c->id == id)
		return c->btf;
	struct btf_err e;

	btf__free(c->btf);
	c->btf = btf_src_btf_by_id(id, &e);
	c->id = c->btf ? id : 0;
	return c->btf;
}

void btf_cache_free(struct btf_cache *c)
{
	btf__free(c->btf);
	c->btf = NULL;
	c->id = 0;
}

/* A name of 15 characters may have been cut by the kernel. */
static bool name_maybe_cut(const struct bpf_prog_info *info)
{
	return strlen(info->name) >= OBJ_NAME_LEN - 1 && info->btf_id &&
	       info->nr_func_info;
}

void prog_btf_full_name(struct btf_cache *bc,
			const struct bpf_prog_info *info,
			const struct bpf_func_info *finfo, char *buf,
			size_t size)
{
	const struct btf_type *t;
	const struct btf *btf;

	snprintf(buf, size, "%s", info->name);
	if (!name_maybe_cut(info))
		return;
	btf = btf_cache_get(bc, info->btf_id);
	t = btf ? btf__type_by_id(btf, finfo->type_id) : NULL;
	if (t)
		snprintf(buf, size, "%s", btf__name_by_offset(btf, t->name_off));
}

void prog_full_name(int fd, const struct bpf_prog_info *info, char *buf,
		    size_t size)
{
	struct btf_cache bc = {};
	struct bpf_func_info finfo = {};
	struct bpf_prog_info i2 = {};
	__u32 len = sizeof(i2);

	snprintf(buf, size, "%s", info->name);
	if (!name_maybe_cut(info))
		return;
	i2.nr_func_info = 1;
	i2.func_info_rec_size = sizeof(finfo);
	i2.func_info = (__u64)(unsigned long)&finfo;
	if (bpf_obj_get_info_by_fd(fd, &i2, &len))
		return;
	prog_btf_full_name(&bc, info, &finfo, buf, size);
	btf_cache_free(&bc);
}

/*
 * Walk every object of w's kind and keep the fds match() accepts: it
 * returns 1 to keep one, 0 to pass over it, -1 after reporting an error.
 * The number of fds kept, or -1 with none left open.
 */
static int objs_matching(struct obj_walk *w,
			 int (*match)(int fd, __u32 id, void *ctx), void *ctx,
			 int **fds)
{
	size_t cap = 0;
	int n = 0, ret, m;

	while (!(ret = obj_walk_next(w))) {
		m = match(w->fd, w->id, ctx);
		if (m > 0 && ARRAY_RESERVE(*fds, cap, n + 1, 4))
			m = p_err("out of memory");
		if (m > 0) {
			(*fds)[n++] = w->fd;
			continue;
		}
		close(w->fd);
		if (m < 0) {
			close_fds(*fds, n);
			return -1;
		}
	}
	if (ret < 0) {
		close_fds(*fds, n);
		return obj_walk_report(w);
	}
	return n;
}

enum match_by { MATCH_TAG, MATCH_NAME };

struct prog_match {
	enum match_by by;
	const void *want;	/* the tag's 8 bytes or the full name */
	struct btf_cache bc;	/* programs of one object share their BTF */
};

static int prog_matches(int fd, __u32 id, void *ctx)
{
	struct prog_match *pm = ctx;
	struct bpf_func_info finfo = {};
	struct bpf_prog_info info = {
		/* the first FUNC names the program: same call */
		.nr_func_info = 1,
		.func_info_rec_size = sizeof(finfo),
		.func_info = (__u64)(unsigned long)&finfo,
	};
	__u32 len = sizeof(info);
	char name[128];
	int err;

	if (bpf_obj_get_info_by_fd(fd, &info, &len)) {
		err = errno;
		return p_err("can't get prog info (%u): %s", id,
			     strerror(err));
	}
	if (pm->by == MATCH_TAG)
		return !memcmp(info.tag, pm->want, sizeof(info.tag));
	prog_btf_full_name(&pm->bc, &info, &finfo, name, sizeof(name));
	return !strcmp(name, pm->want);
}

/*
 * A name or tag that matches nothing is an error with a message: bpftool
 * exits 255 then too, but silently, and prints an empty document under -j.
 */
static int progs_matching(enum match_by by, const void *want,
			  const char *word, int **fds)
{
	struct obj_walk w = OBJ_WALK_INIT(OBJ_PROG);
	struct prog_match pm = { .by = by, .want = want };
	int n = objs_matching(&w, prog_matches, &pm, fds);

	btf_cache_free(&pm.bc);
	if (!n)
		return p_err("no program with %s %s", by == MATCH_TAG ?
			     "tag" : "name", word);
	return n;
}

static int map_matches(int fd, __u32 id, void *want)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	int err;

	if (bpf_obj_get_info_by_fd(fd, &info, &len)) {
		err = errno;
		return p_err("can't get map info (%u): %s", id,
			     strerror(err));
	}
	return !strncmp(info.name, want, OBJ_NAME_LEN);
}

static int maps_matching(const char *want, int **fds, bool rdonly)
{
	struct obj_walk w = OBJ_WALK_INIT(OBJ_MAP);

	w.rdonly = rdonly;
	return objs_matching(&w, map_matches, (void *)want, fds);
}

static int parse_tag(const char *s, unsigned char tag[8])
{
	int i, used;

	if (!s || strlen(s) != 16)
		return -1;
	for (i = 0; i < 8; i++) {
		if (sscanf(s + 2 * i, "%2hhx%n", &tag[i], &used) != 1 ||
		    used != 2)
			return -1;
	}
	return 0;
}

static int one_fd(int **fds, int fd)
{
	if (fd < 0)
		return -1;
	*fds = malloc(sizeof(int));
	if (!*fds) {
		close(fd);
		return p_err("out of memory");
	}
	**fds = fd;
	return 1;
}

static int need_word(struct argcur *c, const char *kw, const char **w)
{
	*w = arg_next(c);
	if (!*w)
		return p_err("expected a value after '%s'", kw);
	return 0;
}

static int parse_id(struct argcur *c, __u32 *id)
{
	const char *w;

	if (need_word(c, "id", &w))
		return -1;
	if (parse_u32(w, id))
		return p_err("can't parse %s as ID", w);
	return 0;
}

/*
 * "id ID" of kind: its fd, or -1 after reporting in bpftool's words. A map
 * asked for read-only is opened so, without the walk's plain fallback.
 */
static int open_id_word(struct argcur *c, enum obj_kind kind, bool rdonly)
{
	LIBBPF_OPTS(bpf_get_fd_by_id_opts, o, .open_flags = BPF_F_RDONLY);
	__u32 id;
	int fd, err;

	if (parse_id(c, &id))
		return -1;
	if (kind == OBJ_MAP && rdonly)
		fd = bpf_map_get_fd_by_id_opts(id, &o);
	else
		fd = obj_fd_by_id(kind, id, false);
	if (fd >= 0)
		return fd;
	err = errno;
	switch (kind) {
	case OBJ_LINK:
		/* bpftool passes libbpf's -errno on: a missing link exits 254 */
		return p_err_errno(err, "failed to get link with ID %u: %s%s",
				   id, strerror(err), cap_hint(err));
	case OBJ_MAP:
		return p_err("get map by id (%u): %s%s", id, strerror(err),
			     cap_hint(err));
	default:
		return p_err("get by id (%u): %s%s", id, strerror(err),
			     cap_hint(err));
	}
}

/* "pinned PATH" of kind: its fd, or -1 after reporting. */
static int open_pinned_word(struct argcur *c, enum obj_kind kind,
			    __u32 file_flags)
{
	const char *w;

	if (need_word(c, "pinned", &w))
		return -1;
	return open_obj_pinned(w, kind, file_flags);
}

int prog_parse_fds(struct argcur *c, int **fds)
{
	const char *w;

	*fds = NULL;
	if (arg_take(c, "id"))
		return one_fd(fds, open_id_word(c, OBJ_PROG, false));
	if (arg_take(c, "tag")) {
		unsigned char tag[8];

		if (need_word(c, "tag", &w))
			return -1;
		if (parse_tag(w, tag))
			return p_err("can't parse tag");
		return progs_matching(MATCH_TAG, tag, w, fds);
	}
	if (arg_take(c, "name")) {
		if (need_word(c, "name", &w))
			return -1;
		if (strlen(w) > 127)
			return p_err("can't parse name");
		return progs_matching(MATCH_NAME, w, w, fds);
	}
	if (arg_take(c, "pinned"))
		return one_fd(fds, open_pinned_word(c, OBJ_PROG, 0));
	return p_err("expected 'id', 'tag', 'name' or 'pinned', got: '%s'?",
		     arg_peek(c) ? arg_peek(c) : "");
}

int map_parse_fds(struct argcur *c, int **fds, bool rdonly)
{
	const char *w;
	int n;

	*fds = NULL;
	if (arg_take(c, "id"))
		return one_fd(fds, open_id_word(c, OBJ_MAP, rdonly));
	if (arg_take(c, "name")) {
		if (need_word(c, "name", &w))
			return -1;
		if (strlen(w) > OBJ_NAME_LEN - 1)
			return p_err("can't parse name");
		n = maps_matching(w, fds, rdonly);
		if (!n)
			return p_err("no map with name %s", w);
		return n;
	}
	if (arg_take(c, "pinned"))
		return one_fd(fds, open_pinned_word(c, OBJ_MAP, rdonly ?
						    BPF_F_RDONLY : 0));
	return p_err("expected 'id', 'name' or 'pinned', got: '%s'?",
		     arg_peek(c) ? arg_peek(c) : "");
}

static int only_one(int n, int *fds, const char *what)
{
	int fd;

	if (n < 1) {
		free(fds);	/* reported, no match included */
		return -1;
	}
	if (n > 1) {
		close_fds(fds, n);
		free(fds);
		return p_err("several %ss match this handle", what);
	}
	fd = fds[0];
	free(fds);
	return fd;
}

int prog_parse_fd(struct argcur *c)
{
	int *fds = NULL;
	int n = prog_parse_fds(c, &fds);

	return only_one(n, fds, "program");
}

int map_parse_fd(struct argcur *c, bool rdonly)
{
	int *fds = NULL;
	int n = map_parse_fds(c, &fds, rdonly);

	return only_one(n, fds, "map");
}

int link_parse_fd(struct argcur *c)
{
	if (arg_take(c, "id"))
		return open_id_word(c, OBJ_LINK, false);
	if (arg_take(c, "pinned"))
		return open_pinned_word(c, OBJ_LINK, 0);
	return p_err("expected 'id' or 'pinned', got: '%s'?",
		     arg_peek(c) ? arg_peek(c) : "");
}

/*
 * Mount a private bpffs on dir. The mount is made private first (binding
 * the directory onto itself when it is not a mount point) so the new mount
 * does not propagate to other namespaces.
 */
int mount_bpffs_for_pin(const char *dir, const char *for_path)
{
	if (is_bpffs(dir))
		return 0;
	if (opts.nomount)
		return p_err("no BPF file system found, not mounting it due to --nomount option");
	if (mount("", dir, "none", MS_PRIVATE | MS_REC, NULL)) {
		if (errno != EINVAL ||
		    mount(dir, dir, "none", MS_BIND, NULL) ||
		    mount("", dir, "none", MS_PRIVATE | MS_REC, NULL))
			return p_err("can't mount BPF file system to pin the object '%s': mount --make-private %s failed: %s",
				     for_path, dir, strerror(errno));
	}
	if (mount("bpf", dir, "bpf", 0, "mode=0700"))
		return p_err("can't mount BPF file system to pin the object '%s': %s",
			     for_path, strerror(errno));
	return 0;
}

const char *path_dir(const char *path, char *buf, size_t size)
{
	snprintf(buf, size, "%s", path);
	return dirname(buf);
}

int pin_fd_at(int fd, const char *path)
{
	char buf[PATH_MAX];
	const char *dir;
	struct stat st;

	if (!path || !*path)
		return p_err("no path given to pin the object");
	if (!lstat(path, &st))
		return p_err("can't pin BPF object: path '%s' already exists",
			     path);
	dir = path_dir(path, buf, sizeof(buf));
	if (stat(dir, &st))
		return p_err("can't pin BPF object: dir '%s' doesn't exist",
			     dir);
	if (mount_bpffs_for_pin(dir, path))
		return -1;
	if (bpf_obj_pin(fd, path)) {
		struct access_hint h;
		int err = errno;

		/* a directory we may not write is no missing capability */
		return p_err("can't pin the object (%s): %s%s", path,
			     strerror(err), access_hint(&h, dir, W_OK | X_OK,
							err));
	}
	return 0;
}

int fdinfo_text_u64(const char *text, const char *key, __u64 *val)
{
	size_t klen = strlen(key);
	const char *p;
	char *end;

	for (p = text; p && *p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, key, klen) || p[klen] != ':')
			continue;
		errno = 0;
		*val = strtoull(p + klen + 1, &end, 10);
		return errno || end == p + klen + 1 ? -EINVAL : 0;
	}
	return -ENOENT;
}

/* One read() is enough for the few lines of a BPF fd's fdinfo. */
int fdinfo_u64(int fd, const char *key, __u64 *val)
{
	char path[64], buf[2048];
	ssize_t n;
	int f, err;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return -errno;
	n = read(f, buf, sizeof(buf) - 1);
	err = errno;
	close(f);
	if (n < 0)
		return -err;
	buf[n] = '\0';
	return fdinfo_text_u64(buf, key, val);
}
