// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pin walker (-f), the one bpffs walker: every bpffs mount from
 * /proc/self/mountinfo is walked once, each directory opened relative to
 * its parent's fd (symlinks are never followed, no path is walked again),
 * each regular file opened with BPF_OBJ_GET relative to its directory,
 * and objects of the wanted kind are recorded as id -> path. Depth and
 * path length have no limit but the fds (one per level).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <bpf/bpf.h>

#include "array.h"
#include "fd_batch.h"
#include "main.h"
#include "pinned.h"
#include "sorted.h"
#include "obuf.h"

/*
 * BPF_OBJ_GET's attributes with path_fd (kernel 6.5): Debian's headers
 * predate it, and libbpf 1.1 cannot pass it.
 */
struct obj_get_attr {
	__aligned_u64 pathname;
	__u32 bpf_fd;
	__u32 file_flags;
	__s32 path_fd;
};

#ifndef BPF_F_PATH_FD
#define BPF_F_PATH_FD	(1U << 14)
#endif

struct pin {
	__u32 id;
	__u32 seq;
	char *path;
};

struct pin_table {
	struct pin *v;
	size_t n, cap;
};

struct pin_walk {
	struct pin_table *t;
	enum obj_kind kind;
	char *path;	/* of the current entry, grown as needed */
	size_t path_cap;
	bool no_path_fd;	/* kernel before 6.5: BPF_OBJ_GET by path */
	int err;	/* allocation failure: stop */
	struct fd_batch fds;
};

static int pins_push(struct pin_table *t, __u32 id, const char *path)
{
	struct pin *p;

	if (ARRAY_RESERVE(t->v, t->cap, t->n + 1, 64))
		return -1;
	p = &t->v[t->n];
	p->path = strdup(path);
	if (!p->path)
		return -1;
	p->id = id;
	p->seq = t->n;
	t->n++;
	return 0;
}

/* BPF_OBJ_GET of name in directory dfd, without walking the path again. */
static int obj_get_at(struct pin_walk *w, int dfd, const char *name)
{
	struct obj_get_attr attr = {
		.pathname = (__u64)(unsigned long)name,
		.file_flags = BPF_F_PATH_FD,
		.path_fd = dfd,
	};
	int fd;

	if (!w->no_path_fd) {
		fd = syscall(__NR_bpf, BPF_OBJ_GET, &attr, sizeof(attr));
		if (fd >= 0 || errno != EINVAL)
			return fd;
		w->no_path_fd = true;
	}
	return strlen(w->path) < PATH_MAX ? bpf_obj_get(w->path) : -1;
}

/*
 * The kind and id of a pinned object. The first 8 bytes of the prog, map
 * and link info structs are {type, id}, so a short info call is enough
 * once the fd kind is known.
 */
static void pin_file(struct pin_walk *w, int dfd, const char *name)
{
	__u32 info[2] = {}, len = sizeof(info);
	int fd;

	fd = obj_get_at(w, dfd, name);
	if (fd < 0 && errno == EMFILE && w->fds.n) {
		fdb_flush(&w->fds);
		fd = obj_get_at(w, dfd, name);
	}
	if (fd < 0)
		return;
	if (fd_obj_kind(fd) == w->kind &&
	    !bpf_obj_get_info_by_fd(fd, info, &len) &&
	    pins_push(w->t, info[1], w->path))
		w->err = -1;
	fdb_add(&w->fds, fd);
}

static bool is_dots(const char *s)
{
	return s[0] == '.' && (!s[1] || (s[1] == '.' && !s[2]));
}

/* Room for len bytes and a NUL in w->path. */
static int path_room(struct pin_walk *w, size_t len)
{
	if (!ARRAY_RESERVE(w->path, w->path_cap, len + 1, PATH_MAX))
		return 0;
	w->err = -1;
	return -1;
}

static void walk_dir(struct pin_walk *w, int dfd, size_t plen);

/* A subdirectory, opened relative to its parent and never a symlink. */
static void walk_subdir(struct pin_walk *w, int dfd, const char *name,
			size_t plen)
{
	int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	int sub = openat(dfd, name, flags);

	if (sub < 0 && errno == EMFILE && w->fds.n) {
		fdb_flush(&w->fds);
		sub = openat(dfd, name, flags);
	}
	if (sub >= 0)
		walk_dir(w, sub, plen);
}

/* One directory entry: recurse into directories, open regular files. */
static void walk_entry(struct pin_walk *w, int dfd, struct dirent *de,
		       size_t plen)
{
	unsigned char type = de->d_type;
	struct stat st;
	size_t nlen = strlen(de->d_name);

	if (path_room(w, plen + 1 + nlen))
		return;
	w->path[plen] = '/';
	memcpy(w->path + plen + 1, de->d_name, nlen + 1);
	if (type == DT_UNKNOWN) {
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW))
			return;
		type = S_ISDIR(st.st_mode) ? DT_DIR :
		       S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
	}
	if (type == DT_REG)
		pin_file(w, dfd, de->d_name);
	else if (type == DT_DIR)
		walk_subdir(w, dfd, de->d_name, plen + 1 + nlen);
}

/* Takes ownership of dfd. w->path[0..plen) is the directory's path. */
static void walk_dir(struct pin_walk *w, int dfd, size_t plen)
{
	struct dirent *de;
	DIR *d = fdopendir(dfd);

	if (!d) {
		close(dfd);
		return;
	}
	while (!w->err && (de = readdir(d))) {
		if (is_dots(de->d_name))
			continue;
		walk_entry(w, dirfd(d), de, plen);
	}
	closedir(d);
}

/* mountinfo escapes blanks and backslashes as \ooo */
static void unescape_octal(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*o++ = (s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0');
			s += 3;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/*
 * A mountinfo line: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [TAGS...] -
 * FSTYPE SOURCE SUPEROPTS". Returns the mount point of a bpf mount.
 */
static char *bpf_mount_point(char *line)
{
	char *sep, *p = line, *mnt;
	int i;

	sep = strstr(line, " - ");
	if (!sep || strncmp(sep + 3, "bpf ", 4))
		return NULL;
	*sep = '\0';
	for (i = 0; i < 4; i++) {	/* skip ID PARENT MAJ:MIN ROOT */
		p = strchr(p, ' ');
		if (!p)
			return NULL;
		p++;
	}
	mnt = p;
	p = strchr(p, ' ');
	if (p)
		*p = '\0';
	unescape_octal(mnt);
	return mnt;
}

static void walk_mount(struct pin_walk *w, const char *mnt)
{
	size_t len = strlen(mnt);
	int fd;

	if (path_room(w, len))
		return;
	memcpy(w->path, mnt, len + 1);
	/* "/" + name must not become "//name" */
	if (len == 1 && mnt[0] == '/')
		len = 0;
	fd = open(mnt, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0)
		walk_dir(w, fd, len);
}

/* By id, then newest discovery first (bpftool's hash-chain order). */
static int pin_cmp(const void *a, const void *b)
{
	const struct pin *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->seq > y->seq ? -1 : x->seq < y->seq;
}

struct pin_table *pins_build(enum obj_kind kind)
{
	struct pin_table *t = calloc(1, sizeof(*t));
	struct pin_walk *w;
	char *line = NULL, *mnt;
	size_t cap = 0;
	FILE *f;

	w = calloc(1, sizeof(*w));
	if (!t || !w) {
		free(t);
		free(w);
		return NULL;
	}
	w->t = t;
	w->kind = kind;
	w->fds = (struct fd_batch)FD_BATCH_INIT;
	f = fopen("/proc/self/mountinfo", "re");
	if (f) {
		while (!w->err && getline(&line, &cap, f) > 0) {
			line[strcspn(line, "\n")] = '\0';
			mnt = bpf_mount_point(line);
			if (mnt)
				walk_mount(w, mnt);
		}
		fclose(f);
	}
	fdb_flush(&w->fds);
	free(line);
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), pin_cmp);
	free(w->path);
	if (w->err) {
		free(w);
		pins_free(t);
		return NULL;
	}
	free(w);
	return t;
}

void pins_free(struct pin_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		free(t->v[i].path);
	free(t->v);
	free(t);
}

bool pins_empty(const struct pin_table *t)
{
	return !t || !t->n;
}

void pins_print(const struct pin_table *t, __u32 id)
{
	size_t lo;

	if (pins_empty(t))
		return;
	lo = LOWER_BOUND(t->v, t->n, id, id);
	if (json_wtr) {
		jsonw_name(json_wtr, "pinned");
		jsonw_start_array(json_wtr);
	}
	for (; lo < t->n && t->v[lo].id == id; lo++) {
		if (json_wtr)
			jsonw_string(json_wtr, t->v[lo].path);
		else {
			fputs("\n\tpinned ", stdout);
			fputs_text(t->v[lo].path, stdout);
		}
	}
	if (json_wtr)
		jsonw_end_array(json_wtr);
}
