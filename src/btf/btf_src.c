// SPDX-License-Identifier: GPL-2.0-only
/*
 * BTF sources: files, pipes, ELF objects, btfhub tarballs, sysfs and kernel
 * object ids, all read the same way and either trusted by origin or checked.
 *
 * Bytes are read by us rather than by btf__parse(): that works on pipes
 * (file <(zcat x.btf.gz)), bounds the memory a hostile file can make us
 * use, never maps a file someone else can truncate, and keeps the bytes at
 * hand to say *why* libbpf refused them.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <elf.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <archive.h>
#include <archive_entry.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "array.h"
#include "bpf_elf.h"
#include "btf_src.h"
#include "btf_type.h"
#include "libbpf_log.h"
#include "main.h"

#define READ_CHUNK	(1u << 16)

/* The message may quote err->msg itself: formatted aside, then copied. */
int btf_err_set(struct btf_err *err, int code, const char *fmt, ...)
{
	char msg[sizeof(err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	err->code = code;
	memcpy(err->msg, msg, sizeof(msg));
	return code;
}

/* ---- bytes ---- */

void btf_src_bytes_free(struct btf_bytes *b)
{
	if (b->map_len)
		munmap(b->data, b->map_len);
	else
		free(b->data);
	memset(b, 0, sizeof(*b));
}

/* Hand the bytes to a view, which frees them with itself. */
static void bytes_give(struct btf_bytes *b, struct btf_view *v)
{
	v->mem = b->data;
	v->mem_len = b->map_len;
	v->mapped = b->map_len != 0;
	memset(b, 0, sizeof(*b));
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
 * Any stream (a pipe, an archive member) read to its end, up to
 * BTF_FILE_MAX bytes whatever it claims: rd() gives the bytes read, 0 at
 * the end, or a negative errno (-EINTR: again).
 */
static int read_to_end(ssize_t (*rd)(void *src, void *buf, size_t len),
		       void *src, struct btf_bytes *b)
{
	size_t cap = 0, len = 0;
	char *buf = NULL;
	ssize_t n;

	for (;;) {
		if (len == cap) {
			if (cap > BTF_FILE_MAX) {
				free(buf);
				return -EFBIG;
			}
			if (ARRAY_RESERVE(buf, cap, len + 1, READ_CHUNK)) {
				free(buf);
				return -ENOMEM;
			}
		}
		n = rd(src, buf + len, cap - len);
		if (n == -EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return n;
		}
		if (!n)
			break;
		len += n;
	}
	b->data = buf;
	b->size = len;
	return 0;
}

static ssize_t fd_read(void *src, void *buf, size_t len)
{
	ssize_t n = read(*(int *)src, buf, len);

	return n < 0 ? -errno : n;
}

/* Pipes and other streams. */
static int read_stream(int fd, struct btf_bytes *b)
{
	return read_to_end(fd_read, &fd, b);
}

/*
 * A regular file copied into populated anonymous memory (MAP_POPULATE:
 * one call instead of a page fault per 4 KiB): a file truncated under a
 * mapping of it would kill us with SIGBUS. Only sysfs files (the
 * kernel's, never truncated) are mapped directly.
 */
static int read_regular(int fd, size_t size, bool sysfs, struct btf_bytes *b)
{
	size_t done = 0;
	ssize_t n;
	void *mem;

	if (sysfs) {
		mem = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
			   fd, 0);
		if (mem != MAP_FAILED)
			goto out;	/* else older kernels: read it */
	}
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED)
		return -ENOMEM;
	while (done < size) {
		n = pread(fd, (char *)mem + done, size - done, done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {	/* shrank meanwhile, or an error */
			n = n ? -errno : -ESTALE;
			munmap(mem, size);
			return n;
		}
		done += n;
	}
out:
	b->data = mem;
	b->size = size;
	b->map_len = size;
	return 0;
}

/*
 * The kernel's BTF: a sysfs file (fstatfs() of the open fd) that the
 * kernel itself places in /sys/kernel/btf/ (the path it resolved the fd
 * to, not the one we were given). Other sysfs files are not BTF, and some
 * echo back what root wrote into them.
 */
static bool fd_in_sysfs(int fd)
{
	static const char dir[] = "/sys/kernel/btf/";
	char link[64], path[sizeof(dir) + 64];
	struct statfs sf;
	ssize_t n;

	if (fstatfs(fd, &sf) || sf.f_type != SYSFS_MAGIC)
		return false;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return false;
	path[n] = '\0';
	return !strncmp(path, dir, sizeof(dir) - 1) && !strchr(path + sizeof(dir) - 1, '/');
}

/* Is path sysfs's vmlinux BTF itself (by inode, not by name)? */
static bool is_sysfs_vmlinux(const struct stat *st)
{
	struct stat vst;

	return !stat(SYSFS_VMLINUX, &vst) && vst.st_dev == st->st_dev &&
	       vst.st_ino == st->st_ino;
}

static const char *errstr(int code)
{
	if (code == -EFBIG)
		return "larger than 256 MiB";
	if (code == -ESTALE)
		return "the file shrank while being read";
	return strerror(-code);
}

/* A regular file's bytes (a private copy), or a stream's to EOF. */
static int read_fd(int fd, const struct stat *st, bool sysfs,
		   struct btf_bytes *b)
{
	if (S_ISDIR(st->st_mode))
		return -EISDIR;
	if (S_ISREG(st->st_mode) && st->st_size > (off_t)BTF_FILE_MAX)
		return -EFBIG;
	if (S_ISREG(st->st_mode) && st->st_size > 0)
		return read_regular(fd, st->st_size, sysfs, b);
	/* pipes, and files that do not know their size */
	return read_stream(fd, b);
}

int btf_src_read_fd(int fd, struct btf_bytes *b, struct btf_err *e)
{
	struct stat st;
	int err;

	memset(b, 0, sizeof(*b));
	err = fstat(fd, &st) ? -errno : read_fd(fd, &st, false, b);
	return err ? btf_err_set(e, err, "%s", errstr(err)) : 0;
}

struct opened {
	struct btf_bytes b;
	bool sysfs;
	bool vmlinux;		/* sysfs's vmlinux itself */
};

static int open_read(const char *path, struct opened *o)
{
	struct stat st;
	int fd, err = 0;

	memset(o, 0, sizeof(*o));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		err = -errno;
	else if (fstat(fd, &st))
		err = -errno;
	if (!err) {
		o->sysfs = fd_in_sysfs(fd);
		o->vmlinux = o->sysfs && is_sysfs_vmlinux(&st);
		err = read_fd(fd, &st, o->sysfs, &o->b);
	}
	if (fd >= 0)
		close(fd);
	return err;
}

int btf_src_read(const char *path, struct btf_bytes *b, struct btf_err *e)
{
	struct opened o;
	int err = open_read(path, &o);

	if (err)
		return btf_err_set(e, err, "%s", errstr(err));
	*b = o.b;
	return 0;
}

static int read_path(const char *path, struct opened *o, struct btf_err *e)
{
	int err = open_read(path, o);

	if (err)
		return btf_err_set(e, err, "failed to load BTF from %s: %s",
				   path, errstr(err));
	return 0;
}

/* ---- containers: ELF objects and tarballs ---- */

static bool is_elf(const char *d, size_t n)
{
	return n >= 4 && !memcmp(d, "\177ELF", 4);
}

static bool is_archive(const char *d, size_t n)
{
	return (n >= 6 && !memcmp(d, "\xfd" "7zXZ\0", 6)) ||
	       (n >= 2 && !memcmp(d, "\x1f\x8b", 2)) ||
	       (n >= 262 && !memcmp(d + 257, "ustar", 5));
}

/* Through bpf_elf.c's reader: every ELF bpfkit reads is read by one. */
int btf_src_elf_sections(const void *data, size_t size, struct btf_sec *btf,
			 struct btf_sec *ext, struct btf_err *e)
{
	struct bpf_elf_sec *secs;
	struct btf_sec *to;
	char why[200];
	int i, n, err;

	memset(btf, 0, sizeof(*btf));
	memset(ext, 0, sizeof(*ext));
	err = bpf_elf_any_sections(data, size, &secs, &n, why, sizeof(why));
	if (err == -ENOMEM)
		return btf_err_set(e, err, "out of memory");
	if (err)
		return btf_err_set(e, err, "not a valid ELF file (%s)", why);
	for (i = 1; i < n; i++) {
		to = !strcmp(secs[i].name, ".BTF") ? btf :
		     !strcmp(secs[i].name, ".BTF.ext") ? ext : NULL;
		if (!to)
			continue;
		if (!secs[i].data) {
			err = btf_err_set(e, -EINVAL, "unreadable %s section (%s)",
					  secs[i].name,
					  secs[i].type == SHT_NOBITS ? "no bytes in the file"
								     : "a null section");
			break;
		}
		*to = (struct btf_sec){ secs[i].data, secs[i].size, true };
	}
	free(secs);
	return err;
}

/* Replace b by a copy of [p, p + n) (a section of it). */
static int blob_narrow(struct btf_bytes *b, const void *p, size_t n)
{
	char *copy = malloc(n ? n : 1);

	if (!copy)
		return -ENOMEM;
	if (n)	/* an empty section may have no data pointer at all */
		memcpy(copy, p, n);
	btf_src_bytes_free(b);
	b->data = copy;
	b->size = n;
	return 0;
}

static int elf_btf(const char *label, struct btf_bytes *b, struct btf_err *e)
{
	struct btf_sec btf, ext;
	int err;

	err = btf_src_elf_sections(b->data, b->size, &btf, &ext, e);
	if (err)
		return btf_err_set(e, err, "failed to load BTF from %s: %s",
				   label, e->msg);
	if (!btf.found)
		return btf_err_set(e, -ENOENT,
				   "failed to load BTF from %s: ELF file has no .BTF section",
				   label);
	err = blob_narrow(b, btf.data, btf.size);
	return err ? btf_err_set(e, err, "out of memory") : 0;
}

/* A kernel release, as btfhub names its files ("5.4.0-42-generic")? */
static bool looks_like_release(const char *s)
{
	const char *p;

	if (*s < '0' || *s > '9' || !strchr(s, '.'))
		return false;
	for (p = s; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789.-_+~", *p))
			return false;
	return true;
}

/* "dir/5.4.0-42-generic.btf" -> "5.4.0-42-generic", or NULL */
static char *release_of_member(const char *name)
{
	const char *base = strrchr(name, '/');
	size_t n;
	char *r;

	base = base ? base + 1 : name;
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".btf"))
		n -= 4;
	r = strndup(base, n);
	if (r && !looks_like_release(r)) {
		free(r);
		r = NULL;
	}
	return r;
}

/*
 * libarchive and what it links (xml2, icu, crypto, ...) would triple the
 * start-up time of every command (measured: 3.7 ms to 11 ms for
 * "version"): it is opened when a tarball is read, once.
 */
#define LA_FUNCS(X)							\
	X(archive_read_new) X(archive_read_support_filter_xz)		\
	X(archive_read_support_filter_gzip)				\
	X(archive_read_support_filter_bzip2)				\
	X(archive_read_support_format_tar) X(archive_read_open_memory)	\
	X(archive_read_next_header) X(archive_entry_filetype)		\
	X(archive_entry_pathname) X(archive_read_data)			\
	X(archive_error_string) X(archive_read_free)

static struct {
#define LA_PTR(f) __typeof__(f) *f;
	LA_FUNCS(LA_PTR)
#undef LA_PTR
} la;

static int la_open(struct btf_err *e)
{
	void *h;

	if (la.archive_read_free)
		return 0;
	h = dlopen("libarchive.so.13", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		h = dlopen("libarchive.so", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return btf_err_set(e, -ENOTSUP, "reading tarballs needs libarchive: %s",
				   dlerror());
#define LA_SYM(f)							\
	la.f = (__typeof__(f) *)dlsym(h, #f);				\
	if (!la.f)							\
		return btf_err_set(e, -ENOTSUP, "libarchive lacks %s", #f);
	LA_FUNCS(LA_SYM)
#undef LA_SYM
	return 0;
}

static ssize_t member_read(void *src, void *buf, size_t len)
{
	la_ssize_t n = la.archive_read_data(src, buf, len);

	return n < 0 ? -EINVAL : n;
}

/* The member's bytes, bounded by BTF_FILE_MAX whatever its header says. */
static int read_member(struct archive *a, struct btf_bytes *out)
{
	return read_to_end(member_read, a, out);
}

/*
 * btfhub's .btf.tar.xz: exactly one regular file, the raw BTF. Only the
 * xz, gzip and bzip2 filters (built into libarchive; never the ones that
 * run external programs) and tar.
 */
static int archive_btf(const char *label, struct btf_bytes *b, char **release,
		       struct btf_err *e)
{
	struct archive_entry *ent;
	struct btf_bytes member = {};
	struct archive *a;
	int n = 0, r, err;

	err = la_open(e);
	if (err)
		return err;
	a = la.archive_read_new();
	if (!a)
		return btf_err_set(e, -ENOMEM, "out of memory");
	la.archive_read_support_filter_xz(a);
	la.archive_read_support_filter_gzip(a);
	la.archive_read_support_filter_bzip2(a);
	la.archive_read_support_format_tar(a);
	r = la.archive_read_open_memory(a, b->data, b->size);
	while (r == ARCHIVE_OK && !err &&
	       (r = la.archive_read_next_header(a, &ent)) == ARCHIVE_OK) {
		if (la.archive_entry_filetype(ent) != AE_IFREG)
			continue;
		if (n++) {
			err = btf_err_set(e, -EINVAL,
					  "failed to load BTF from %s: the archive holds more than one file",
					  label);
			break;
		}
		err = read_member(a, &member);
		if (err) {
			err = btf_err_set(e, err, "failed to load BTF from %s: %s in member %s",
					  label, err == -EINVAL ?
					  la.archive_error_string(a) ?: "bad data" :
					  errstr(err), la.archive_entry_pathname(ent) ?: "?");
			break;
		}
		free(*release);
		*release = release_of_member(la.archive_entry_pathname(ent) ?: "");
	}
	if (!err && r != ARCHIVE_EOF)
		err = btf_err_set(e, -EINVAL, "failed to load BTF from %s: bad archive (%s)",
				  label, la.archive_error_string(a) ?: "unknown error");
	if (!err && !n)
		err = btf_err_set(e, -ENOENT, "failed to load BTF from %s: the archive holds no file",
				  label);
	la.archive_read_free(a);
	if (err) {
		free(member.data);
		return err;
	}
	btf_src_bytes_free(b);
	*b = member;
	return 0;
}

/* ---- parsing ---- */

/*
 * libbpf 1.1 parses split raw BTF only from a path (btf__new_split() is
 * not exported), so such bytes go through a memfd.
 */
static struct btf *parse_split(const struct btf_bytes *b, struct btf *base)
{
	char fdpath[64];
	struct btf *btf = NULL;
	size_t done = 0;
	ssize_t n;
	int mfd, err;

	mfd = memfd_create("bpfkit-btf", MFD_CLOEXEC);
	if (mfd < 0)
		return NULL;
	while (done < b->size) {
		n = write(mfd, b->data + done, b->size - done);
		if (n <= 0)
			break;
		done += n;
	}
	if (done == b->size) {
		snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", mfd);
		btf = btf__parse_raw_split(fdpath, base);
	}
	err = errno;
	close(mfd);
	errno = err;
	return btf;
}

static int parse_btf(const char *label, const struct btf_bytes *b, struct btf *base,
		     struct btf **out, struct btf_err *e)
{
	libbpf_log_hold();
	char why[160];
	int err;

	if (!base && b->size > (1u << 20))	/* libbpf's copy and index */
		prefault_heap(b->size + b->size / 8 + (1 << 20));
	*out = base ? parse_split(b, base) : btf__new(b->data, b->size);
	err = *out ? 0 : -errno;
	libbpf_log_release();
	if (*out)
		return 0;
	btf_diagnose_raw(b->data, b->size, base ? btf__type_cnt(base) : 1,
			 why, sizeof(why));
	return btf_err_set(e, err ? err : -EINVAL, "failed to load BTF from %s: %s",
			   label, *why ? why : strerror(err ? -err : EINVAL));
}

static char *running_release(void)
{
	struct utsname u;

	return uname(&u) ? NULL : strdup(u.release);
}

void btf_src_free(struct btf_src *s)
{
	btf_view_free(&s->view);
	btf__free(s->btf);
	btf__free(s->base);
	free(s->label);
	free(s->release);
	memset(s, 0, sizeof(*s));
}

/*
 * Checked unless trusted: kernel BTF on no base, or on a base that came
 * from the kernel too (one we loaded ourselves).
 */
static int finish(struct btf_src *s, bool check, struct btf_err *e)
{
	if (s->btf)
		btf_view_of(&s->view, s->btf);
	if (!check)
		return 0;
	return btf_check_err(&s->view, e);
}

/* The rest of a load once the bytes are in hand (o->b is consumed). */
static int load_bytes(struct opened *o, const char *label, struct btf *base,
		      unsigned int flags, struct btf_src *out,
		      struct btf_err *e)
{
	bool own_base = false;
	int err = 0;

	out->origin = o->sysfs ? BTF_ORIGIN_SYSFS : BTF_ORIGIN_FILE;
	out->label = strdup(label);
	if (o->sysfs) {
		out->release = running_release();
	} else if (is_elf(o->b.data, o->b.size)) {
		err = elf_btf(label, &o->b, e);
	} else if (is_archive(o->b.data, o->b.size)) {
		out->origin = BTF_ORIGIN_ARCHIVE;
		err = archive_btf(label, &o->b, &out->release, e);
	}
	/* a module of the running kernel: its base is the running vmlinux */
	if (!err && o->sysfs && !o->vmlinux && !base) {
		struct btf_src v;

		err = btf_src_load_vmlinux(&v, e);
		if (!err) {
			out->base = v.btf;
			v.btf = NULL;
			btf_src_free(&v);
			base = out->base;
			own_base = true;
		}
	}
	if (!err && !base && (flags & BTF_SRC_VIEW) &&
	    !btf_view_parse(o->b.data, o->b.size, &out->view)) {
		bytes_give(&o->b, &out->view);
		err = finish(out, !o->sysfs, e);
		goto out;
	}
	if (!err)
		err = parse_btf(label, &o->b, base, &out->btf, e);
	if (!err)
		err = finish(out, !o->sysfs || (base && !own_base), e);
out:
	btf_src_bytes_free(&o->b);
	if (err)
		btf_src_free(out);
	return err;
}

int btf_src_load(const char *path, struct btf *base, unsigned int flags,
		 struct btf_src *out, struct btf_err *e)
{
	struct opened o;
	int err;

	memset(out, 0, sizeof(*out));
	err = read_path(path, &o, e);
	if (err)
		return err;
	return load_bytes(&o, path, base, flags, out, e);
}

int btf_src_load_mem(const void *data, size_t size, const char *label,
		     struct btf *base, unsigned int flags,
		     struct btf_src *out, struct btf_err *e)
{
	struct opened o = {};

	memset(out, 0, sizeof(*out));
	o.b.data = malloc(size ? size : 1);
	if (!o.b.data)
		return btf_err_set(e, -ENOMEM, "out of memory");
	if (size)
		memcpy(o.b.data, data, size);
	o.b.size = size;
	return load_bytes(&o, label, base, flags, out, e);
}

int btf_src_load_path(const char *path, struct btf *base,
		      struct btf_src *out, struct btf_err *err)
{
	return btf_src_load(path, base, 0, out, err);
}

int btf_src_load_vmlinux(struct btf_src *out, struct btf_err *err)
{
	return btf_src_load(SYSFS_VMLINUX, NULL, 0, out, err);
}

#define BTF_NAME_LEN	64

#define ID_FIRST_BUF	(64u << 10)	/* most programs' BTF fits */

/*
 * The object's info and raw BTF from fd: one call when the BTF fits the
 * first buffer, two otherwise (libbpf starts at 4 KiB and retries). Older
 * kernels (before 5.11) know no name: then without one.
 */
static int id_info(int fd, struct bpf_btf_info *info, char *name,
		   __u32 name_len, struct btf_bytes *b)
{
	__u32 len, cap = ID_FIRST_BUF;
	bool named = true;
	char *tmp;

	for (;;) {
		tmp = realloc(b->data, cap);
		if (!tmp)
			return -ENOMEM;
		b->data = tmp;
		memset(info, 0, sizeof(*info));
		if (named) {
			info->name = (__u64)(unsigned long)name;
			info->name_len = name_len;
		}
		info->btf = (__u64)(unsigned long)b->data;
		info->btf_size = cap;
		len = sizeof(*info);
		if (bpf_obj_get_info_by_fd(fd, info, &len)) {
			if (!named)
				return -errno;
			named = false;
			continue;
		}
		if (info->btf_size <= cap)
			break;
		if (info->btf_size > BTF_FILE_MAX)
			return -EFBIG;
		cap = info->btf_size;
	}
	b->size = info->btf_size;
	name[name_len - 1] = '\0';
	return 0;
}

int btf_src_load_id(__u32 id, struct btf *base, struct btf_src *out,
		    struct btf_err *e)
{
	struct bpf_btf_info info;
	char name[BTF_NAME_LEN] = "", label[32];
	struct opened o = {};
	bool own_base = false;
	int fd, err;

	memset(out, 0, sizeof(*out));
	fd = bpf_btf_get_fd_by_id(id);
	err = errno;
	if (fd < 0)
		return btf_err_set(e, -err, "can't get BTF object by id (%u): %s%s",
				   id, strerror(err), cap_hint(err));
	err = id_info(fd, &info, name, sizeof(name), &o.b);
	close(fd);
	if (err) {
		btf_src_bytes_free(&o.b);
		return btf_err_set(e, err, "get btf by id (%u): %s", id,
				   strerror(-err));
	}
	if (!base && info.kernel_btf && strcmp(name, "vmlinux")) {
		struct btf_src v;

		err = btf_src_load_vmlinux(&v, e);
		if (err) {
			btf_src_bytes_free(&o.b);
			return err;
		}
		out->base = v.btf;
		v.btf = NULL;
		btf_src_free(&v);
		base = out->base;
		own_base = true;
	}
	snprintf(label, sizeof(label), "id %u", id);
	err = parse_btf(label, &o.b, base, &out->btf, e);
	btf_src_bytes_free(&o.b);
	if (!err) {
		out->origin = BTF_ORIGIN_KERNEL;
		out->label = strdup(label);
		if (info.kernel_btf)
			out->release = running_release();
		err = finish(out, base && !own_base, e);
	}
	if (err)
		btf_src_free(out);
	return err;
}

/* Keep s's BTF alone: only when it owns no base the BTF would point to. */
static struct btf *take_btf(struct btf_src *s, struct btf_err *e)
{
	struct btf *btf = NULL;

	if (s->base)
		btf_err_set(e, -EINVAL, "%s is split BTF (a module's)",
			    s->label ?: "BTF");
	else
		btf = s->btf, s->btf = NULL;
	btf_src_free(s);
	return btf;
}

struct btf *btf_src_btf_by_id(__u32 id, struct btf_err *err)
{
	struct btf_src s;

	if (btf_src_load_id(id, NULL, &s, err))
		return NULL;
	return take_btf(&s, err);
}

struct btf *btf_src_vmlinux_btf(struct btf_err *err)
{
	struct btf_src s;

	if (btf_src_load_vmlinux(&s, err))
		return NULL;
	return take_btf(&s, err);
}

/* ---- merging module files ---- */

/* Renumber the split-part references of a type copied into dst. */
static void remap_refs(struct btf_type *t, __u32 base_cnt, __u32 shift)
{
	__u32 i, *ref;

	for (i = 0; btf_type_edge(t, i, &ref) != BTF_EDGE_NONE; i++)
		if (*ref >= base_cnt)
			*ref += shift;
}

/* Copy the split types of mod onto the end of dst, renumbering them. */
static int append_split(struct btf *dst, const struct btf *mod,
			__u32 base_cnt, const char *path, struct btf_err *e)
{
	__u32 shift = btf__type_cnt(dst) - base_cnt, id, cnt;
	int new_id;

	cnt = btf__type_cnt(mod);
	for (id = base_cnt; id < cnt; id++) {
		new_id = btf__add_type(dst, mod, btf__type_by_id(mod, id));
		if (new_id < 0)
			return btf_err_set(e, new_id, "failed to merge BTF from %s: %s",
					   path, strerror(-new_id));
		/* dst owns a writable copy: libbpf only hands out const */
		remap_refs((struct btf_type *)btf__type_by_id(dst, new_id),
			   base_cnt, shift);
	}
	return 0;
}

int btf_src_merge(const char *const *paths, int cnt, struct btf *base,
		  struct btf_src *out, struct btf_err *e)
{
	__u32 base_cnt = btf__type_cnt(base);
	struct btf_src mod;
	int i, err = 0;

	memset(out, 0, sizeof(*out));
	/*
	 * libbpf 1.1's btf__add_type() looks a name up in the base, which
	 * first makes the base modifiable and frees its raw bytes: a name
	 * read from them (a module's string that lives in the base) would be
	 * read after the free. Have that happen now, before any name is read.
	 */
	if (btf__find_str(base, "") < 0 && errno == ENOMEM)
		return btf_err_set(e, -ENOMEM, "out of memory");
	out->btf = btf__new_empty_split(base);
	if (!out->btf)
		return btf_err_set(e, -errno, "failed to create combined BTF: %s",
				   strerror(errno));
	for (i = 0; i < cnt && !err; i++) {
		err = btf_src_load_path(paths[i], base, &mod, e);
		if (err)
			break;
		err = append_split(out->btf, mod.btf, base_cnt, paths[i], e);
		btf_src_free(&mod);
	}
	if (!err) {
		err = btf__dedup(out->btf, NULL);
		if (err)
			btf_err_set(e, err, "failed to dedup combined BTF: %s",
				    strerror(-err));
	}
	if (err) {
		btf_src_free(out);
		return err;
	}
	out->origin = BTF_ORIGIN_FILE;
	out->label = strdup(paths[0]);
	btf_view_of(&out->view, out->btf);
	return 0;
}

/* ---- expanding directories ---- */

struct pathvec {
	char **v;
	int n;
	size_t cap;
};

static int pathvec_add(struct pathvec *pv, char *p)
{
	if (!p)
		return -ENOMEM;
	if (ARRAY_RESERVE(pv->v, pv->cap, (size_t)pv->n + 1, 16)) {
		free(p);
		return -ENOMEM;
	}
	pv->v[pv->n++] = p;
	return 0;
}

/* Raw BTF, an ELF object with .BTF, or a tarball, by its first bytes. */
static bool looks_like_btf(int dfd, const char *name)
{
	char head[264];
	struct btf_sec btf, ext;
	struct btf_err e;
	struct btf_bytes b = {};
	struct stat st;
	bool yes = false;
	ssize_t n;
	int fd;

	fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return false;
	n = pread(fd, head, sizeof(head), 0);
	if (n >= 4 && ((__u8)head[0] == 0x9f && (__u8)head[1] == 0xeb))
		yes = true;
	else if (n > 0 && is_archive(head, n))
		yes = true;
	else if (n > 0 && is_elf(head, n) && !fstat(fd, &st) &&
		 st.st_size <= (off_t)BTF_FILE_MAX &&
		 !read_regular(fd, st.st_size, false, &b)) {
		yes = !btf_src_elf_sections(b.data, b.size, &btf, &ext, &e) &&
		      btf.found;
		btf_src_bytes_free(&b);
	}
	close(fd);
	return yes;
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Depth-first below dir (an open fd we own), symlinks not followed. */
static int expand_dir(int dfd, const char *dir, struct pathvec *pv, int depth)
{
	DIR *d;
	struct dirent *de;
	struct stat st;
	char *p;
	int fd, err = 0;

	if (depth > 32) {
		close(dfd);
		return -ELOOP;
	}
	d = fdopendir(dfd);
	if (!d) {
		err = -errno;
		close(dfd);
		return err;
	}
	while (!err && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW))
			continue;	/* gone meanwhile */
		if (asprintf(&p, "%s/%s", dir, de->d_name) < 0)
			return closedir(d), -ENOMEM;
		if (S_ISDIR(st.st_mode)) {
			fd = openat(dirfd(d), de->d_name,
				    O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
			err = fd < 0 ? 0 : expand_dir(fd, p, pv, depth + 1);
			free(p);
		} else if (S_ISREG(st.st_mode) &&
			   looks_like_btf(dirfd(d), de->d_name)) {
			err = pathvec_add(pv, p);
		} else {
			free(p);
		}
	}
	closedir(d);
	return err;
}

void btf_src_paths_free(char **paths, int cnt)
{
	int i;

	for (i = 0; i < cnt; i++)
		free(paths[i]);
	free(paths);
}

int btf_src_expand(const char *path, char ***paths, int *cnt,
		   struct btf_err *e)
{
	struct pathvec pv = {};
	size_t n = strlen(path);
	char *dir;
	int fd, err;

	*paths = NULL;
	*cnt = 0;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 && errno != ENOTDIR)
		return btf_err_set(e, -errno, "can't open %s: %s", path,
				   strerror(errno));
	if (fd < 0) {
		err = pathvec_add(&pv, strdup(path));
	} else {
		while (n > 1 && path[n - 1] == '/')
			n--;
		dir = strndup(path, n);
		err = dir ? expand_dir(fd, dir, &pv, 0) : -ENOMEM;
		free(dir);
	}
	if (err) {
		btf_src_paths_free(pv.v, pv.n);
		return btf_err_set(e, err, "can't read %s: %s", path,
				   strerror(-err));
	}
	if (pv.n > 1)
		qsort(pv.v, pv.n, sizeof(*pv.v), path_cmp);
	*paths = pv.v;
	*cnt = pv.n;
	return 0;
}
