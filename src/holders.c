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

#include "holders.h"
#include "main.h"

#define COMM_LEN 16

struct holder {
	__u32 id;
	__u32 seq;	/* discovery order: keeps /proc (pid) order per id */
	int pid;
	char comm[COMM_LEN];
};

struct holders {
	struct holder *v;
	size_t n, cap;
	unsigned int denied;	/* pids whose fds we may not read */
};

struct walk {
	struct holders *h;
	const char *target;	/* readlink text of the wanted fds */
	size_t target_len;
	const char *key;	/* fdinfo line holding the id, with ':' */
	size_t key_len;
};

/* readlink text of a bpf fd, and the fdinfo key carrying its id */
static int kind_setup(struct walk *w, enum obj_kind kind)
{
	switch (kind) {
	case OBJ_PROG:
		w->target = "anon_inode:bpf-prog";
		w->key = "prog_id:";
		break;
	case OBJ_MAP:
		w->target = "anon_inode:bpf-map";
		w->key = "map_id:";
		break;
	case OBJ_LINK:
		w->target = "anon_inode:bpf_link";
		w->key = "link_id:";
		break;
	case OBJ_BTF:
		w->target = "anon_inode:btf";
		w->key = "btf_id:";
		break;
	default:
		return -1;
	}
	w->target_len = strlen(w->target);
	w->key_len = strlen(w->key);
	return 0;
}

/* Read a small /proc file in one read(); returns length or -1. */
static ssize_t read_small(int dirfd, const char *name, char *buf, size_t sz)
{
	ssize_t n;
	int fd;

	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sz - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* Find "key\tNUMBER" at the start of a line of an fdinfo text. */
static int fdinfo_find_id(const char *text, const char *key, size_t klen,
			  __u32 *id)
{
	const char *p = text;
	char *end;
	unsigned long v;

	while (p && *p) {
		if (!strncmp(p, key, klen)) {
			v = strtoul(p + klen, &end, 10);
			if (end == p + klen)
				return -1;
			*id = v;
			return 0;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

static int holders_push(struct holders *h, __u32 id, int pid,
			const char *comm)
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
	n = read_small(procfd, path, buf, sizeof(buf));
	if (n <= 0) {
		snprintf(comm, COMM_LEN, "?");
		return;
	}
	n = strcspn(buf, "\n");
	if (n >= COMM_LEN)
		n = COMM_LEN - 1;
	memcpy(comm, buf, n);
	comm[n] = '\0';
}

/* The fd entries of one process that point at a wanted object. */
static int walk_fds(struct walk *w, int procfd, const char *pidname, int pid,
		    DIR *d)
{
	char link[64], info[1024], comm[COMM_LEN] = "";
	int fddir = dirfd(d), infodir = -1, ret = 0;
	struct dirent *de;
	__u32 id;
	ssize_t n;

	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		n = readlinkat(fddir, de->d_name, link, sizeof(link));
		if (n != (ssize_t)w->target_len ||
		    memcmp(link, w->target, n))
			continue;
		if (infodir < 0) {
			snprintf(info, sizeof(info), "%s/fdinfo", pidname);
			infodir = openat(procfd, info,
					 O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (infodir < 0)
				break;	/* process went away */
		}
		if (read_small(infodir, de->d_name, info, sizeof(info)) < 0 ||
		    fdinfo_find_id(info, w->key, w->key_len, &id))
			continue;	/* fd closed meanwhile */
		if (!*comm)
			load_comm(procfd, pidname, comm);
		if (holders_push(w->h, id, pid, comm)) {
			ret = -1;
			break;
		}
	}
	if (infodir >= 0)
		close(infodir);
	return ret;
}

static int walk_pid(struct walk *w, int procfd, const char *name, int pid)
{
	char path[sizeof(((struct dirent *)0)->d_name) + 8];
	DIR *d;
	int fd, ret;

	snprintf(path, sizeof(path), "%s/fd", name);
	fd = openat(procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == EACCES || errno == EPERM)
			w->h->denied++;
		return 0;	/* ENOENT/ESRCH: it exited, fine */
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return 0;
	}
	ret = walk_fds(w, procfd, name, pid, d);
	closedir(d);
	return ret;
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

	qsort(h->v, h->n, sizeof(*h->v), holder_cmp);
	for (i = 0; i < h->n; i++) {
		if (o && h->v[o - 1].id == h->v[i].id &&
		    h->v[o - 1].pid == h->v[i].pid)
			continue;
		h->v[o++] = h->v[i];
	}
	h->n = o;
}

static int walk_proc(struct walk *w)
{
	int procfd, self = getpid(), pid, ret = 0;
	struct dirent *de;
	char *end;
	DIR *d;

	procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0)
		return 0;
	d = fdopendir(procfd);
	if (!d) {
		close(procfd);
		return 0;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		pid = strtol(de->d_name, &end, 10);
		if (*end || pid == self)
			continue;
		ret = walk_pid(w, procfd, de->d_name, pid);
		if (ret)
			break;
	}
	closedir(d);
	return ret;
}

struct holders *holders_build(enum obj_kind kind)
{
	struct holders *h = calloc(1, sizeof(*h));
	struct walk w = { .h = h };

	if (!h)
		return NULL;
	if (kind_setup(&w, kind))
		return h;
	if (walk_proc(&w)) {
		holders_free(h);
		return NULL;
	}
	holders_finish(h);
	if (h->denied)
		p_debug("holder list incomplete: %u processes could not be inspected (permission denied)",
			h->denied);
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
