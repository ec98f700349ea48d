// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pin walker (-f): every bpffs mount from /proc/self/mountinfo is walked
 * once with openat/fstatat (symlinks are never followed), each regular
 * file is opened with BPF_OBJ_GET, and objects of the wanted kind are
 * recorded as id -> path.
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
#include <bpf/bpf.h>

#include "fd_batch.h"
#include "main.h"
#include "pinned.h"
#include "obuf.h"

/* Deep trees are possible but not infinite: bpffs has no hard-linked dirs. */
#define PIN_MAX_DEPTH 64

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
	char path[PATH_MAX];
	int err;	/* allocation failure: stop */
	struct fd_batch fds;
};

static int pins_push(struct pin_table *t, __u32 id, const char *path)
{
	struct pin *p;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		struct pin *v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return -1;
		t->v = v;
		t->cap = cap;
	}
	p = &t->v[t->n];
	p->path = strdup(path);
	if (!p->path)
		return -1;
	p->id = id;
	p->seq = t->n;
	t->n++;
	return 0;
}

/*
 * The kind and id of a pinned object. The first 8 bytes of the prog, map
 * and link info structs are {type, id}, so a short info call is enough
 * once the fd kind is known.
 */
static void pin_file(struct pin_walk *w)
{
	__u32 info[2] = {}, len = sizeof(info);
	int fd;

	fd = bpf_obj_get(w->path);
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

static void walk_dir(struct pin_walk *w, int dfd, size_t plen, int depth);

/* One directory entry: recurse into directories, open regular files. */
static void walk_entry(struct pin_walk *w, int dfd, struct dirent *de,
		       size_t plen, int depth)
{
	unsigned char type = de->d_type;
	struct stat st;
	size_t nlen = strlen(de->d_name);
	int sub;

	if (plen + 1 + nlen >= sizeof(w->path))
		return;
	w->path[plen] = '/';
	memcpy(w->path + plen + 1, de->d_name, nlen + 1);
	if (type == DT_UNKNOWN) {
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW))
			return;
		type = S_ISDIR(st.st_mode) ? DT_DIR :
		       S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
	}
	if (type == DT_REG) {
		pin_file(w);
	} else if (type == DT_DIR && depth < PIN_MAX_DEPTH) {
		sub = openat(dfd, de->d_name,
			     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub >= 0)
			walk_dir(w, sub, plen + 1 + nlen, depth + 1);
	}
}

/* Takes ownership of dfd. w->path[0..plen) is the directory's path. */
static void walk_dir(struct pin_walk *w, int dfd, size_t plen, int depth)
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
		walk_entry(w, dirfd(d), de, plen, depth);
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

	if (len >= sizeof(w->path))
		return;
	memcpy(w->path, mnt, len + 1);
	/* "/" + name must not become "//name" */
	if (len == 1 && mnt[0] == '/')
		len = 0;
	fd = open(mnt, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0)
		walk_dir(w, fd, len, 0);
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
	size_t lo = 0, hi, mid;

	if (pins_empty(t))
		return;
	for (hi = t->n; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (t->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
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
