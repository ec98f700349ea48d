// SPDX-License-Identifier: GPL-2.0-only
/*
 * BTF sources for "btf dump" and the sanity checks on top of libbpf's.
 *
 * Files are read by us rather than by btf__parse(): that works on pipes
 * (file <(zcat x.btf.gz)), bounds the memory a hostile file can make us
 * use, and keeps the bytes at hand to say *why* libbpf refused them.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <linux/btf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "args.h"
#include "btf_load.h"
#include "libbpf_log.h"
#include "main.h"

#define READ_CHUNK	(1u << 16)

/* First buffer size for fd: the file's size (+1 to see EOF), or a chunk. */
static int first_cap(int fd, size_t *cap)
{
	struct stat st;

	if (fstat(fd, &st))
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (S_ISREG(st.st_mode) && st.st_size > (off_t)BTF_FILE_MAX)
		return -EFBIG;
	*cap = S_ISREG(st.st_mode) && st.st_size > 0 ? st.st_size + 1 :
						       READ_CHUNK;
	return 0;
}

/* Double *buf (allocate it first time), up to BTF_FILE_MAX + 1 bytes. */
static int grow(char **buf, size_t *cap, size_t len)
{
	size_t want = *buf ? *cap * 2 : *cap;
	char *tmp;

	if (want > BTF_FILE_MAX + 1)
		want = BTF_FILE_MAX + 1;
	if (*buf && len == want)
		return -EFBIG;
	tmp = realloc(*buf, want);
	if (!tmp)
		return -ENOMEM;
	*buf = tmp;
	*cap = want;
	return 0;
}

/* The whole of path (pipes too) in a malloc'ed buffer; 0 or -errno. */
static int read_all(const char *path, char **data, size_t *size)
{
	size_t cap = 0, len = 0;
	char *buf = NULL;
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	err = first_cap(fd, &cap);
	while (!err) {
		if (len == cap || !buf) {
			err = grow(&buf, &cap, len);
			if (err)
				break;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : 0;
			break;
		}
		len += n;
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	*data = buf;
	*size = len;
	return 0;
}

/* Bytes a type record takes, or 0 for a kind we do not know. */
static size_t type_rec_size(const struct btf_type *t)
{
	size_t vlen = btf_vlen(t), base = sizeof(*t);

	switch (btf_kind(t)) {
	case BTF_KIND_INT: return base + 4;
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG: return base;
	case BTF_KIND_ARRAY: return base + sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: return base + vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM: return base + vlen * sizeof(struct btf_enum);
	case BTF_KIND_ENUM64: return base + vlen * sizeof(struct btf_enum64);
	case BTF_KIND_FUNC_PROTO: return base + vlen * sizeof(struct btf_param);
	case BTF_KIND_VAR: return base + sizeof(struct btf_var);
	case BTF_KIND_DATASEC:
		return base + vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_DECL_TAG: return base + sizeof(struct btf_decl_tag);
	default: return 0;
	}
}

/* ---- views ---- */

const struct btf_type btf_view_void;

void btf_view_of(struct btf_view *v, const struct btf *btf)
{
	const struct btf *base = btf__base_btf(btf);

	memset(v, 0, sizeof(*v));
	v->btf = btf;
	v->first = base ? btf__type_cnt(base) : 1;
	v->cnt = btf__type_cnt(btf);
}

void btf_view_free(struct btf_view *v)
{
	if (!v->btf) {
		free((void *)v->off);
		if (v->mapped)
			munmap(v->mem, v->mem_len);
		else
			free(v->mem);
	}
	memset(v, 0, sizeof(*v));
}

/* Index the type section; every record must fit and be of a known kind. */
static int index_types(struct btf_view *v, __u32 len)
{
	__u32 off = 0, n = 1, cap = len / sizeof(struct btf_type) + 2;
	__u32 *idx;
	size_t sz;

	idx = malloc((size_t)cap * sizeof(*idx));
	if (!idx)
		return -1;
	idx[0] = 0;
	while (off < len) {
		const struct btf_type *t = (const void *)(v->types + off);

		if (len - off < sizeof(*t))
			goto bad;
		sz = type_rec_size(t);
		if (!sz || sz > len - off || n >= cap)
			goto bad;
		idx[n++] = off;
		off += sz;
	}
	v->off = idx;
	v->cnt = n;
	v->first = 1;
	return 0;
bad:
	free(idx);
	return -1;
}

int btf_view_parse(const void *data, size_t size, struct btf_view *v)
{
	const struct btf_header *h = data;
	const char *p = data;
	__u64 tend, send;

	memset(v, 0, sizeof(*v));
	if (size < sizeof(*h) || size > BTF_FILE_MAX || h->magic != BTF_MAGIC ||
	    h->version != BTF_VERSION || h->hdr_len < sizeof(*h) ||
	    h->hdr_len > size)
		return -1;
	/* a longer header (newer kernel) is fine: its sections still are */
	tend = (__u64)h->hdr_len + h->type_off + h->type_len;
	send = (__u64)h->hdr_len + h->str_off + h->str_len;
	if (tend > size || send > size || (h->hdr_len + h->type_off) % 4 ||
	    !h->str_len || p[send - 1] || p[h->hdr_len + h->str_off])
		return -1;
	v->types = p + h->hdr_len + h->type_off;
	v->strs = p + h->hdr_len + h->str_off;
	v->str_len = h->str_len;
	return index_types(v, h->type_len);
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/*
 * Have n bytes of heap faulted in, in one madvise() instead of a page
 * fault per 4 KiB (which is what a fresh 5 MB malloc costs; page faults
 * are slow in VMs). Big blocks must then come from the heap rather than
 * from fresh mmaps, and freed memory stays there: a short-lived process
 * loses nothing by it. Best effort: older kernels just fault as usual.
 */
static void prefault_heap(size_t n)
{
	uintptr_t start, end;
	char *p;

	mallopt(M_MMAP_THRESHOLD, BTF_FILE_MAX);
	mallopt(M_TRIM_THRESHOLD, BTF_FILE_MAX);
	p = malloc(n);
	if (!p)
		return;
	start = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
	end = ((uintptr_t)p + n) & ~(uintptr_t)4095;
	if (end > start)
		madvise((void *)start, end - start, MADV_POPULATE_WRITE);
	free(p);
}

/*
 * The file's bytes in a populated mapping: the kernel's own BTF files
 * directly (they never change), anything else copied into anonymous
 * memory, since a file truncated under a mapping would kill us with
 * SIGBUS. MAP_POPULATE: one call instead of a page fault per 4 KiB.
 */
static void *map_file(int fd, size_t size, bool sysfs)
{
	size_t done = 0;
	ssize_t n;
	void *mem;

	if (sysfs)
		return mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
			    fd, 0);
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED)
		return mem;
	while (done < size) {
		n = read(fd, (char *)mem + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {	/* shrank meanwhile, or an error */
			munmap(mem, size);
			return MAP_FAILED;
		}
		done += n;
	}
	return mem;
}

/* A regular file of plausible size, mapped; MAP_FAILED otherwise. */
static void *map_path(const char *path, size_t *size)
{
	struct stat st;
	void *mem;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return MAP_FAILED;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    st.st_size > (off_t)BTF_FILE_MAX) {
		close(fd);
		return MAP_FAILED;
	}
	*size = st.st_size;
	mem = map_file(fd, *size,
		       !strncmp(path, "/sys/kernel/btf/", strlen("/sys/kernel/btf/")));
	close(fd);
	return mem;
}

int btf_view_map(const char *path, struct btf_view *v)
{
	size_t size;
	void *mem = map_path(path, &size);

	if (mem == MAP_FAILED)
		return -1;
	if (btf_view_parse(mem, size, v)) {
		munmap(mem, size);
		return -1;
	}
	v->mem = mem;
	v->mem_len = size;
	v->mapped = true;
	return 0;
}

/*
 * libbpf copies the bytes and indexes the types itself, so the mapping
 * goes to it as is: our own index (btf_view_parse) would be thrown away.
 */
struct btf *btf_map_btf(const char *path)
{
	struct btf *btf;
	size_t size;
	void *mem = map_path(path, &size);

	if (mem == MAP_FAILED)
		return NULL;
	libbpf_log_hold();
	/* libbpf's copy of the data, its type index (4 bytes per ~40) */
	prefault_heap(size + size / 8 + (1 << 20));
	btf = btf__new(mem, size);
	libbpf_log_release();
	munmap(mem, size);
	return btf;
}

static void say(char *buf, size_t sz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(char *buf, size_t sz, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sz, fmt, ap);
	va_end(ap);
}

/* Walk the type section the way a parser would, to name the first problem. */
static void diagnose_types(const char *types, __u32 len, __u32 first_id,
			   char *why, size_t sz)
{
	__u32 off = 0, id = first_id;

	while (off < len) {
		const struct btf_type *t;
		size_t n;

		if (len - off < sizeof(*t) || off % 4) {
			say(why, sz, "type id %u is truncated", id);
			return;
		}
		t = (const void *)(types + off);
		n = type_rec_size(t);
		if (!n) {
			say(why, sz, "unknown BTF kind %u at type id %u (BTF from a newer kernel?)",
			    btf_kind(t), id);
			return;
		}
		if (n > len - off) {
			say(why, sz, "type id %u (vlen %u) runs past the end of the type section",
			    id, btf_vlen(t));
			return;
		}
		off += n;
		id++;
	}
}

/* Why would libbpf refuse this raw BTF? Leaves why empty when unsure. */
static void diagnose_raw(const char *data, size_t size, __u32 first_id,
			 char *why, size_t sz)
{
	const struct btf_header *h = (const void *)data;
	__u64 end;

	*why = '\0';
	if (size < sizeof(*h)) {
		say(why, sz, "%zu bytes is too short for a BTF header", size);
		return;
	}
	if (h->magic == 0x9feb)
		return;	/* other endianness: libbpf's own messages say more */
	if (h->magic != BTF_MAGIC) {
		say(why, sz, "not BTF data (bad magic 0x%04x)", h->magic);
		return;
	}
	if (h->version != BTF_VERSION) {
		say(why, sz, "unsupported BTF version %u", h->version);
		return;
	}
	if (h->hdr_len < sizeof(*h) || h->hdr_len > size) {
		say(why, sz, "bad BTF header length %u", h->hdr_len);
		return;
	}
	end = (__u64)h->hdr_len + h->type_off + h->type_len;
	if (end > size || h->type_off % 4) {
		say(why, sz, "type section (offset %u, length %u) is outside the %zu-byte file",
		    h->type_off, h->type_len, size);
		return;
	}
	end = (__u64)h->hdr_len + h->str_off + h->str_len;
	if (end <= size && h->str_len && !data[end - 1] &&
	    data[h->hdr_len + h->str_off] && first_id == 1) {
		say(why, sz, "split BTF (its strings continue another BTF's): give the base with -B FILE");
		return;
	}
	if (end > size || !h->str_len ||
	    data[end - 1] || data[h->hdr_len + h->str_off]) {
		say(why, sz, "malformed string section (offset %u, length %u)",
		    h->str_off, h->str_len);
		return;
	}
	diagnose_types(data + h->hdr_len + h->type_off, h->type_len, first_id,
		       why, sz);
}

static bool is_elf(const char *data, size_t size)
{
	return size >= 4 && !memcmp(data, "\177ELF", 4);
}

static struct btf *parse_elf(const char *path, struct btf *base)
{
	libbpf_log_hold();
	struct btf *btf;
	int err;

	btf = btf__parse_elf_split(path, base);
	err = errno;
	libbpf_log_release();
	if (btf)
		return btf;
	if (err == ENOENT)
		p_err("failed to load BTF from %s: ELF file has no .BTF section",
		      path);
	else
		p_err("failed to load BTF from %s: bad ELF or .BTF section (%s)",
		      path, strerror(err));
	return NULL;
}

/* First bytes of path, to tell ELF from raw BTF before choosing a parser. */
static int file_kind(const char *path, struct stat *st, bool *elf)
{
	char magic[4];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, st)) {
		close(fd);
		return -errno;
	}
	n = S_ISREG(st->st_mode) ? pread(fd, magic, sizeof(magic), 0) : 0;
	close(fd);
	if (S_ISDIR(st->st_mode))
		return -EISDIR;
	*elf = n == (ssize_t)sizeof(magic) && is_elf(magic, n);
	return 0;
}

/*
 * libbpf 1.1 parses raw BTF only from a path (btf__new_split() is not
 * exported), so a pipe is copied into a memfd and parsed via /proc.
 */
static struct btf *parse_raw(const char *path, const struct stat *st,
			     struct btf *base)
{
	char *data = NULL, why[160], fdpath[64];
	struct btf *btf = NULL;
	size_t size = 0;
	int err = 0, mfd = -1;

	if (!S_ISREG(st->st_mode)) {
		err = read_all(path, &data, &size);
		if (!err) {
			mfd = memfd_create("bpfkit-btf", MFD_CLOEXEC);
			if (mfd < 0 || write(mfd, data, size) != (ssize_t)size)
				err = -errno ? -errno : -EIO;
		}
		snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", mfd);
	}
	if (!err) {
		libbpf_log_hold();
		btf = btf__parse_raw_split(mfd >= 0 ? fdpath : path, base);
		err = btf ? 0 : -errno;
		libbpf_log_release();
	}
	if (mfd >= 0)
		close(mfd);
	if (btf) {
		free(data);
		return btf;
	}
	*why = '\0';
	if (err != -EFBIG && (data || !read_all(path, &data, &size)))
		diagnose_raw(data, size, base ? btf__type_cnt(base) : 1, why,
			     sizeof(why));
	free(data);
	if (err == -EFBIG)
		p_err("failed to load BTF from %s: larger than %u MiB, not BTF",
		      path, BTF_FILE_MAX >> 20);
	else
		p_err("failed to load BTF from %s: %s", path,
		      *why ? why : strerror(-err));
	return NULL;
}

struct btf *btf_load_file(const char *path, struct btf *base)
{
	struct stat st;
	bool elf = false;
	int err;

	err = file_kind(path, &st, &elf);
	if (!err && S_ISREG(st.st_mode) && st.st_size > (off_t)BTF_FILE_MAX)
		err = -EFBIG;
	if (err == -EFBIG) {
		p_err("failed to load BTF from %s: larger than %u MiB, not BTF",
		      path, BTF_FILE_MAX >> 20);
		return NULL;
	}
	if (err) {
		p_err("failed to load BTF from %s: %s", path, strerror(-err));
		return NULL;
	}
	return elf ? parse_elf(path, base) : parse_raw(path, &st, base);
}

struct btf *btf_load_vmlinux(void)
{
	struct btf *btf;
	int err;

	btf = btf_map_btf(SYSFS_VMLINUX);	/* the quick way */
	if (btf)
		return btf;
	libbpf_log_hold();
	btf = btf__parse(SYSFS_VMLINUX, NULL);
	err = errno;
	libbpf_log_release();
	if (!btf)
		p_err("failed to parse vmlinux BTF at '%s': %s", SYSFS_VMLINUX,
		      strerror(err));
	return btf;
}

/*
 * Referenced type ids of t, one per call: *ref gets the i-th and true is
 * returned while there is one. Which edges count depends on the graph:
 * ALL (range checks), DECL (declarations: never through a struct member)
 * and VALUE (what makes up an object by value: never through a pointer).
 */
enum ref_graph { G_ALL, G_DECL, G_VALUE };

static bool type_ref(const struct btf_type *t, __u32 i, enum ref_graph g,
		     __u32 *ref)
{
	__u32 kind = btf_kind(t), vlen = btf_vlen(t);

	switch (kind) {
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		*ref = t->type;
		return i == 0;
	case BTF_KIND_PTR:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		*ref = t->type;
		return i == 0 && g != G_VALUE;
	case BTF_KIND_ARRAY:
		*ref = i ? btf_array(t)->index_type : btf_array(t)->type;
		return i == 0 || (i == 1 && g != G_VALUE);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (g == G_DECL || i >= vlen)
			return false;
		*ref = btf_members(t)[i].type;
		return true;
	case BTF_KIND_FUNC_PROTO:
		if (g == G_VALUE || i > vlen)
			return false;
		*ref = i ? btf_params(t)[i - 1].type : t->type;
		return true;
	case BTF_KIND_DATASEC:
		if (g == G_VALUE || i >= vlen)
			return false;
		*ref = btf_var_secinfos(t)[i].type;
		return true;
	default:
		return false;
	}
}

struct frame {
	const struct btf_type *t;
	__u32 id;
	__u32 i;
};

struct walk {
	const struct btf_view *v;
	__u8 *col;
	struct frame *stk;
	__u32 cnt;
	__u32 cap;
};

static int walk_push(struct walk *w, __u32 id)
{
	struct frame *tmp;

	if (w->cnt == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		tmp = realloc(w->stk, w->cap * sizeof(*tmp));
		if (!tmp)
			return p_err("out of memory");
		w->stk = tmp;
	}
	w->stk[w->cnt].t = btf_view_type(w->v, id);
	w->stk[w->cnt].id = id;
	w->stk[w->cnt].i = 0;
	w->cnt++;
	return 0;
}

static const char *kind_word(const struct btf_type *t)
{
	static const char *const w[] = {
		"void", "int", "pointer", "array", "struct", "union", "enum",
		"fwd", "typedef", "volatile", "const", "restrict", "func",
		"func_proto", "var", "datasec", "float", "decl_tag",
		"type_tag", "enum64",
	};
	__u32 k = btf_kind(t);

	return k < sizeof(w) / sizeof(w[0]) ? w[k] : "unknown";
}

/* Depth-first from start; grey = on the current path, black = done. */
static int walk_from(struct walk *w, __u32 start, enum ref_graph g)
{
	__u8 grey = g == G_DECL ? 1 : 4, black = grey << 1;
	__u32 next;

	if (w->col[start] & black)
		return 0;
	if (walk_push(w, start))
		return -1;
	w->col[start] |= grey;
	while (w->cnt) {
		struct frame *f = &w->stk[w->cnt - 1];

		if (!type_ref(f->t, f->i++, g, &next)) {
			w->col[f->id] = (w->col[f->id] & ~grey) | black;
			w->cnt--;
			continue;
		}
		if (!next || (w->col[next] & black))
			continue;
		if (next >= w->v->cnt)	/* a bad -B base */
			return p_err("malformed BTF: type %u refers to type %u, past the end",
				     f->id, next);
		if (w->col[next] & grey)
			return p_err("malformed BTF: type %u (%s) is part of a loop%s",
				     next, kind_word(btf_view_type(w->v, next)),
				     g == G_VALUE ? " of by-value members" : "");
		if (walk_push(w, next))
			return -1;
		w->col[next] |= grey;
	}
	return 0;
}

/*
 * The kernel's rule: no member starts past the end of its struct. Without
 * it a C dump pads up to the member, one line per 8 bytes: a 12-byte
 * record could ask for gigabytes of "long: 64;".
 */
static int check_members(const struct btf_type *t, __u32 id)
{
	const struct btf_member *m = btf_members(t);
	__u32 i, vlen = btf_vlen(t), off;

	for (i = 0; i < vlen; i++, m++) {
		off = btf_kflag(t) ? BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;
		if (off / 8 > t->size)
			return p_err("malformed BTF: member %u of %s %u starts at bit %u, past its size of %u bytes",
				     i, kind_word(t), id, off, t->size);
	}
	return 0;
}

static int check_ranges(const struct btf_view *v)
{
	const struct btf_type *t;
	__u32 id, i, ref;

	/*
	 * libbpf 1.1 takes any header length, so its type section may sit off
	 * 4-byte alignment; records are multiples of 4 bytes, so the first
	 * one tells. Reading such records is undefined behaviour: refuse.
	 */
	if (v->first < v->cnt &&
	    (uintptr_t)btf_view_type(v, v->first) % __alignof__(struct btf_type))
		return p_err("malformed BTF: type section is not 4-byte aligned");
	for (id = v->first; id < v->cnt; id++) {
		t = btf_view_type(v, id);
		if (btf_is_composite(t) && check_members(t, id))
			return -1;
		for (i = 0; type_ref(t, i, G_ALL, &ref); i++) {
			if (ref >= v->cnt)
				return p_err("malformed BTF: type %u (%s) refers to type %u, past the last type %u",
					     id, kind_word(t), ref, v->cnt - 1);
		}
	}
	return 0;
}

int btf_check(const struct btf_view *v)
{
	struct walk w = { .v = v };
	__u32 id;
	int err;

	err = check_ranges(v);
	if (err)
		return err;
	w.col = calloc(v->cnt, 1);
	if (!w.col)
		return p_err("out of memory");
	for (id = v->first; id < v->cnt && !err; id++) {
		err = walk_from(&w, id, G_DECL);
		if (!err)
			err = walk_from(&w, id, G_VALUE);
	}
	free(w.col);
	free(w.stk);
	return err;
}

/* ---- merging module files ---- */

/* Renumber the split-part references of a type copied into dst. */
static void remap_refs(struct btf_type *t, __u32 base_cnt, __u32 shift)
{
	__u32 i, vlen = btf_vlen(t), *p;

	switch (btf_kind(t)) {
	case BTF_KIND_ARRAY:
		p = &btf_array(t)->type;
		if (*p >= base_cnt)
			*p += shift;
		p = &btf_array(t)->index_type;
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		for (i = 0; i < vlen; i++)
			if (btf_members(t)[i].type >= base_cnt)
				btf_members(t)[i].type += shift;
		return;
	case BTF_KIND_FUNC_PROTO:
		for (i = 0; i < vlen; i++)
			if (btf_params(t)[i].type >= base_cnt)
				btf_params(t)[i].type += shift;
		p = &t->type;
		break;
	case BTF_KIND_DATASEC:
		for (i = 0; i < vlen; i++)
			if (btf_var_secinfos(t)[i].type >= base_cnt)
				btf_var_secinfos(t)[i].type += shift;
		return;
	case BTF_KIND_INT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
	case BTF_KIND_FLOAT:
		return;
	default:
		p = &t->type;
		break;
	}
	if (*p >= base_cnt)
		*p += shift;
}

/* Copy the split types of mod onto the end of dst, renumbering them. */
static int append_split(struct btf *dst, const struct btf *mod,
			__u32 base_cnt, const char *path)
{
	__u32 shift = btf__type_cnt(dst) - base_cnt, id, cnt;
	int new_id;

	cnt = btf__type_cnt(mod);
	for (id = base_cnt; id < cnt; id++) {
		new_id = btf__add_type(dst, mod, btf__type_by_id(mod, id));
		if (new_id < 0)
			return p_err("failed to merge BTF from %s: %s", path,
				     strerror(-new_id));
		/* dst owns a writable copy: libbpf only hands out const */
		remap_refs((struct btf_type *)btf__type_by_id(dst, new_id),
			   base_cnt, shift);
	}
	return 0;
}

struct btf *btf_merge_files(const char *const *files, int cnt,
			    struct btf *base)
{
	__u32 base_cnt = btf__type_cnt(base);
	struct btf *all, *mod;
	struct btf_view mv;
	int i, err;

	all = btf__new_empty_split(base);
	if (!all) {
		p_err("failed to create combined BTF: %s", strerror(errno));
		return NULL;
	}
	for (i = 0; i < cnt; i++) {
		mod = btf_load_file(files[i], base);
		if (!mod)
			goto fail;
		btf_view_of(&mv, mod);
		if (btf_check(&mv)) {
			btf__free(mod);
			goto fail;
		}
		err = append_split(all, mod, base_cnt, files[i]);
		btf__free(mod);
		if (err)
			goto fail;
	}
	err = btf__dedup(all, NULL);
	if (err) {
		p_err("failed to dedup combined BTF: %s", strerror(-err));
		goto fail;
	}
	return all;
fail:
	btf__free(all);
	return NULL;
}

/* ---- root NAME ---- */

static const char *const root_kinds[] = { "struct", "union", "enum", "typedef" };

static bool kind_matches(__u32 kind, int want)
{
	switch (want) {
	case 0: return kind == BTF_KIND_STRUCT;
	case 1: return kind == BTF_KIND_UNION;
	case 2: return kind == BTF_KIND_ENUM || kind == BTF_KIND_ENUM64;
	case 3: return kind == BTF_KIND_TYPEDEF;
	default:
		switch (kind) {
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_INT:
		case BTF_KIND_FLOAT:
			return true;
		default:
			return false;
		}
	}
}

/* "struct foo" -> want 0, name "foo"; a bare name -> want -1 */
static const char *split_kind(const char *s, int *want)
{
	size_t i, n;

	*want = -1;
	for (i = 0; i < sizeof(root_kinds) / sizeof(root_kinds[0]); i++) {
		n = strlen(root_kinds[i]);
		if (!strncmp(s, root_kinds[i], n) && (s[n] == ' ' || s[n] == '\t')) {
			*want = i;
			s += n;
			while (*s == ' ' || *s == '\t')
				s++;
			return s;
		}
	}
	return s;
}

int btf_find_root(const struct btf_view *v, const char *arg, __u32 *id)
{
	__u32 cnt = v->cnt, i, found[4], nfound = 0;
	const struct btf_type *t;
	const char *name, *s;
	char list[256] = "";
	size_t len = 0;
	int want;

	if (!parse_u32(arg, id))
		return 0;
	name = split_kind(arg, &want);
	if (!*name)
		return p_err("root needs a type name, got '%s'", arg);
	for (i = 1; i < cnt; i++) {
		t = btf_view_type(v, i);
		if (!t->name_off || !kind_matches(btf_kind(t), want))
			continue;
		s = btf_view_str(v, t->name_off);
		if (!s || strcmp(s, name))
			continue;
		if (nfound < 4)
			found[nfound] = i;
		nfound++;
	}
	if (!nfound)
		return p_err("no type named '%s' in this BTF", arg);
	if (nfound == 1) {
		*id = found[0];
		return 0;
	}
	for (i = 0; i < nfound && i < 4; i++) {
		t = btf_view_type(v, found[i]);
		len += snprintf(list + len, sizeof(list) - len, "%s%s %s (id %u)",
				i ? ", " : "", kind_word(t), name, found[i]);
		if (len >= sizeof(list))
			break;
	}
	return p_err("type name '%s' is ambiguous (%u matches: %s%s); qualify it as 'struct %s' etc. or use root_id",
		     arg, nfound, list, nfound > 4 ? ", ..." : "", name);
}
