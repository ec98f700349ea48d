// SPDX-License-Identifier: GPL-2.0-only
/*
 * BPF ELF objects read by hand: 64-bit little-endian ELF is a few fixed
 * tables, and walking them ourselves lets every offset be checked against
 * the buffer (libelf trusts more than we want from a fuzzer's bytes).
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "array.h"
#include "bpf_elf.h"
#include "btf_src.h"
#include "libbpf_log.h"
#include "sorted.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif

static int fail(char *err, size_t len, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t len, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return code;
}

/* NUL-terminated string at off of a string section, or NULL. */
static const char *sec_str(const struct bpf_elf_sec *s, __u64 off)
{
	const char *p;

	if (!s || !s->data || off >= s->size)
		return NULL;
	p = (const char *)s->data + off;
	return memchr(p, 0, s->size - off) ? p : NULL;
}

static bool in_buf(size_t size, __u64 off, __u64 len)
{
	return off <= size && len <= size - off;
}

/*
 * The ELF header and section table are read field by field, so that one
 * reader serves BPF objects (64-bit little-endian, whose other tables are
 * then read in place) and any other ELF file a BTF may come in (a vmlinux
 * or module of any architecture: 32 or 64 bits, either byte order).
 */
struct elf_form {
	bool is64;
	bool be;		/* big-endian */
};

static __u64 get_uint(const struct elf_form *f, const void *p, size_t len)
{
	const unsigned char *b = p;
	__u64 v = 0;
	size_t i;

	for (i = 0; i < len; i++)
		v |= (__u64)b[f->be ? len - 1 - i : i] << (8 * i);
	return v;
}

/* Field m of an ELF structure T (Ehdr, Shdr) at p, in the file's form. */
#define ELF_GET(f, p, T, m)						\
	get_uint(f, (const char *)(p) + ((f)->is64 ?			\
			offsetof(Elf64_##T, m) : offsetof(Elf32_##T, m)),	\
		 (f)->is64 ? sizeof(((Elf64_##T *)0)->m) :		\
			     sizeof(((Elf32_##T *)0)->m))

/*
 * Symbol and relocation tables whose entries do not tile the section, or
 * whose links point at no section: libbpf 1.1's linker walks them as they
 * claim to be and crashed on one (gen object).
 */
static bool bad_table(const struct elf_form *f, const void *sh, int nsecs)
{
	__u64 type = ELF_GET(f, sh, Shdr, sh_type), ent;

	if (type == SHT_SYMTAB)
		ent = sizeof(Elf64_Sym);
	else if (type == SHT_REL)
		ent = sizeof(Elf64_Rel);
	else
		return false;
	return ELF_GET(f, sh, Shdr, sh_entsize) != ent ||
	       ELF_GET(f, sh, Shdr, sh_size) % ent ||
	       ELF_GET(f, sh, Shdr, sh_link) >= (__u64)nsecs ||
	       (type == SHT_REL &&
		ELF_GET(f, sh, Shdr, sh_info) >= (__u64)nsecs);
}

/*
 * Extended numbering (more than 0xff00 sections, as libelf allows): the
 * count and the name table's index move to section 0's header.
 */
static void extended_counts(const struct elf_form *f, const void *sh0,
			    __u64 *shnum, __u64 *shstrndx)
{
	if (!*shnum)
		*shnum = ELF_GET(f, sh0, Shdr, sh_size);
	if (*shstrndx == SHN_XINDEX)
		*shstrndx = ELF_GET(f, sh0, Shdr, sh_link);
}

/* bpf: a BPF object's stricter rules (tables read in place, checked). */
static int read_secs(struct bpf_elf *o, const struct elf_form *f, bool bpf,
		     char *err, size_t errlen)
{
	const void *eh = o->mem;
	size_t shsz = f->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
	__u64 shoff = ELF_GET(f, eh, Ehdr, e_shoff);
	__u64 shnum = ELF_GET(f, eh, Ehdr, e_shnum);
	__u64 shstrndx = ELF_GET(f, eh, Ehdr, e_shstrndx);
	const struct bpf_elf_sec *names;
	const char *sh;
	int i;

	if (!bpf && shoff && in_buf(o->size, shoff, shsz))
		extended_counts(f, (const char *)o->mem + shoff, &shnum,
				&shstrndx);
	if (ELF_GET(f, eh, Ehdr, e_shentsize) != shsz || !shnum ||
	    shnum > INT_MAX / shsz)
		return fail(err, errlen, -EINVAL, "corrupt: bad ELF section table");
	if (!in_buf(o->size, shoff, shnum * shsz))
		return fail(err, errlen, -EINVAL,
			    "truncated: the section table ends past the end of the file");
	if (bpf && shoff % 8)
		return fail(err, errlen, -EINVAL,
			    "corrupt: misaligned ELF section table");
	sh = (const char *)o->mem + shoff;
	o->nsecs = shnum;
	o->secs = calloc(o->nsecs, sizeof(*o->secs));
	if (!o->secs)
		return -ENOMEM;
	for (i = 0; i < o->nsecs; i++, sh += shsz) {
		struct bpf_elf_sec *s = &o->secs[i];
		__u64 off = ELF_GET(f, sh, Shdr, sh_offset);

		s->type = ELF_GET(f, sh, Shdr, sh_type);
		s->flags = ELF_GET(f, sh, Shdr, sh_flags);
		s->size = ELF_GET(f, sh, Shdr, sh_size);
		if (s->type == SHT_NOBITS || s->type == SHT_NULL)
			continue;
		if (!in_buf(o->size, off, s->size))
			return fail(err, errlen, -EINVAL,
				    "truncated: section %d ends past the end of the file",
				    i);
		s->data = (const char *)o->mem + off;
		if (bpf && bad_table(f, sh, o->nsecs))
			return fail(err, errlen, -EINVAL,
				    "corrupt: section %d is a bad symbol or relocation table",
				    i);
	}
	if (shstrndx >= (__u64)o->nsecs)
		return fail(err, errlen, -EINVAL,
			    "corrupt: bad ELF section name table");
	names = &o->secs[shstrndx];
	sh = (const char *)o->mem + shoff;
	for (i = 0; i < o->nsecs; i++, sh += shsz) {
		struct bpf_elf_sec *s = &o->secs[i];

		/* libbpf refuses these too, and its linker crashed on them */
		s->name = sec_str(names, ELF_GET(f, sh, Shdr, sh_name));
		if (!s->name)
			return fail(err, errlen, -EINVAL,
				    "corrupt: section %d has a bad name", i);
		s->code = bpf && s->type == SHT_PROGBITS &&
			  (s->flags & SHF_EXECINSTR) && s->size &&
			  s->size % sizeof(struct bpf_insn) == 0 &&
			  ((size_t)((const char *)s->data - (const char *)o->mem) % 8) == 0;
	}
	return 0;
}

static int find_sec(const struct bpf_elf *o, const char *name)
{
	int i;

	for (i = 1; i < o->nsecs; i++)
		if (!strcmp(o->secs[i].name, name))
			return i;
	return -1;
}

static int cmp_func(const void *a, const void *b)
{
	const struct bpf_elf_func *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return x->insn_off < y->insn_off ? -1 : x->insn_off > y->insn_off;
}

static int cmp_rel(const void *a, const void *b)
{
	const struct bpf_elf_rel *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	return x->insn < y->insn ? -1 : x->insn > y->insn;
}

struct symtab {
	const Elf64_Sym *syms;
	size_t cnt;
	const struct bpf_elf_sec *strs;
};

static int read_funcs(struct bpf_elf *o, const struct symtab *st,
		      char *err, size_t errlen)
{
	size_t i;

	o->funcs = calloc(st->cnt ? st->cnt : 1, sizeof(*o->funcs));
	if (!o->funcs)
		return -ENOMEM;
	for (i = 0; i < st->cnt; i++) {
		const Elf64_Sym *sym = &st->syms[i];
		struct bpf_elf_func *f;
		const struct bpf_elf_sec *s;

		if (ELF64_ST_TYPE(sym->st_info) != STT_FUNC)
			continue;
		if (!sym->st_shndx || sym->st_shndx >= o->nsecs)
			continue;
		s = &o->secs[sym->st_shndx];
		if (!s->code)
			continue;
		if (sym->st_value % 8 || sym->st_size % 8 || !sym->st_size ||
		    !in_buf(s->size, sym->st_value, sym->st_size))
			return fail(err, errlen, -EINVAL,
				    "function symbol %zu lies outside its section",
				    i);
		f = &o->funcs[o->nfuncs++];
		f->name = sec_str(st->strs, sym->st_name);
		if (!f->name || !*f->name)
			return fail(err, errlen, -EINVAL,
				    "function symbol %zu has no name", i);
		f->sec = sym->st_shndx;
		f->insn_off = sym->st_value / 8;
		f->insn_cnt = sym->st_size / 8;
		f->global = ELF64_ST_BIND(sym->st_info) != STB_LOCAL;
		f->end = bpf_elf_pos(f->sec, (__u64)f->insn_off + f->insn_cnt);
	}
	qsort(o->funcs, o->nfuncs, sizeof(*o->funcs), cmp_func);
	for (i = 1; i < (size_t)o->nfuncs; i++) {
		const struct bpf_elf_func *p = &o->funcs[i - 1];

		if (p->sec == o->funcs[i].sec &&
		    p->insn_off + p->insn_cnt > o->funcs[i].insn_off)
			return fail(err, errlen, -EINVAL,
				    "functions %s and %s overlap", p->name,
				    o->funcs[i].name);
	}
	return 0;
}

static int read_rels(struct bpf_elf *o, const struct symtab *st,
		     char *err, size_t errlen)
{
	size_t total = 0, n, j;
	int i;

	for (i = 1; i < o->nsecs; i++)
		if (o->secs[i].type == SHT_REL)
			total += o->secs[i].size / sizeof(Elf64_Rel);
	o->rels = calloc(total ? total : 1, sizeof(*o->rels));
	if (!o->rels)
		return -ENOMEM;
	for (i = 1; i < o->nsecs; i++) {
		const Elf64_Shdr *sh = (const Elf64_Shdr *)((const char *)o->mem +
			((const Elf64_Ehdr *)o->mem)->e_shoff) + i;
		const struct bpf_elf_sec *s = &o->secs[i];
		const Elf64_Rel *r = s->data;

		if (s->type != SHT_REL || !r)
			continue;
		if ((size_t)((const char *)r - (const char *)o->mem) % 8)
			return fail(err, errlen, -EINVAL,
				    "misaligned relocation section %s", s->name);
		if (sh->sh_info >= (Elf64_Word)o->nsecs)
			return fail(err, errlen, -EINVAL,
				    "relocation section %s targets no section",
				    s->name);
		/*
		 * Data relocations are not instructions; but struct_ops
		 * maps name their programs that way (8-byte slots).
		 */
		if (!o->secs[sh->sh_info].code &&
		    strncmp(o->secs[sh->sh_info].name, ".struct_ops", 11))
			continue;
		n = s->size / sizeof(*r);
		for (j = 0; j < n; j++) {
			struct bpf_elf_rel *d = &o->rels[o->nrels];
			size_t symi = ELF64_R_SYM(r[j].r_info);
			const Elf64_Sym *sym;

			if (symi >= st->cnt)
				return fail(err, errlen, -EINVAL,
					    "relocation in %s names symbol %zu of %zu",
					    s->name, symi, st->cnt);
			if (r[j].r_offset % 8 ||
			    r[j].r_offset >= o->secs[sh->sh_info].size)
				return fail(err, errlen, -EINVAL,
					    "relocation in %s points outside its section",
					    s->name);
			sym = &st->syms[symi];
			d->sec = sh->sh_info;
			d->insn = r[j].r_offset / 8;
			d->sym = sec_str(st->strs, sym->st_name);
			if (!d->sym)
				d->sym = "";
			d->sym_shndx = sym->st_shndx;
			d->sym_value = sym->st_value;
			d->sym_type = ELF64_ST_TYPE(sym->st_info);
			d->sym_bind = ELF64_ST_BIND(sym->st_info);
			d->at = bpf_elf_pos(d->sec, d->insn);
			o->nrels++;
		}
	}
	qsort(o->rels, o->nrels, sizeof(*o->rels), cmp_rel);
	return 0;
}

static int read_symbols(struct bpf_elf *o, char *err, size_t errlen)
{
	const Elf64_Shdr *shdrs = (const Elf64_Shdr *)((const char *)o->mem +
				  ((const Elf64_Ehdr *)o->mem)->e_shoff);
	struct symtab st = { 0 };
	int i, ret;

	for (i = 1; i < o->nsecs; i++) {
		if (o->secs[i].type != SHT_SYMTAB)
			continue;
		if (!o->secs[i].data ||
		    (size_t)((const char *)o->secs[i].data -
			     (const char *)o->mem) % 8)
			return fail(err, errlen, -EINVAL, "bad symbol table");
		if (shdrs[i].sh_link >= (Elf64_Word)o->nsecs)
			return fail(err, errlen, -EINVAL,
				    "symbol table without strings");
		st.syms = o->secs[i].data;
		st.cnt = o->secs[i].size / sizeof(Elf64_Sym);
		st.strs = &o->secs[shdrs[i].sh_link];
		break;
	}
	if (!st.syms)
		return fail(err, errlen, -EINVAL, "no symbol table");
	o->syms = st.syms;
	o->nsyms = st.cnt;
	o->sym_strs = st.strs - o->secs;
	ret = read_funcs(o, &st, err, errlen);
	return ret ? ret : read_rels(o, &st, err, errlen);
}

int bpf_elf_sym_offset(const struct bpf_elf *o, int sec, const char *name,
		       __u64 *off)
{
	const Elf64_Sym *sym = o->syms;
	size_t i;

	for (i = 0; i < o->nsyms; i++, sym++) {
		const char *n = sec_str(&o->secs[o->sym_strs], sym->st_name);

		if (sym->st_shndx == sec && n && !strcmp(n, name) &&
		    ELF64_ST_TYPE(sym->st_info) == STT_OBJECT) {
			*off = sym->st_value;
			return 0;
		}
	}
	return -ENOENT;
}

int bpf_elf_sec_index(const struct bpf_elf *o, const char *name)
{
	return find_sec(o, name);
}

struct core_walk {
	struct bpf_elf *o;
	size_t cap;
};

/* A CO-RE record of .BTF.ext (btf_load.c walks and checks them all). */
static int core_rec(void *ctx, enum btf_ext_kind k, const char *name,
		    __u32 idx, const __u32 *r, struct btf_err *e)
{
	struct core_walk *w = ctx;
	struct bpf_elf *o = w->o;
	int sec;

	if (k != BTF_EXT_CORE)
		return 0;
	sec = find_sec(o, name);
	if (sec < 0 || !o->secs[sec].code)
		return btf_err_set(e, -EINVAL,
				   ".BTF.ext CO-RE records for unknown section");
	if (r[0] % 8 || r[0] >= o->secs[sec].size)
		return btf_err_set(e, -EINVAL,
				   ".BTF.ext CO-RE record %u of %s points outside it",
				   idx, name);
	if (ARRAY_RESERVE(o->core, w->cap, (size_t)o->ncore + 1, 64))
		return btf_err_set(e, -ENOMEM, "out of memory");
	o->core[o->ncore++] = (struct bpf_elf_core){
		.sec = sec, .index = idx, .insn = r[0] / 8, .type_id = r[1],
		.access_str_off = r[2], .kind = r[3],
	};
	return 0;
}

static int read_btf_ext(struct bpf_elf *o, char *err, size_t errlen)
{
	struct core_walk w = { .o = o };
	int i = find_sec(o, ".BTF.ext");
	struct btf_err e;

	if (i < 0 || !o->secs[i].data)
		return 0;
	if (!o->btf)
		return fail(err, errlen, -EINVAL, ".BTF.ext without .BTF");
	if (btf_ext_walk(o->btf, o->secs[i].data, o->secs[i].size, core_rec,
			 &w, &e))
		return fail(err, errlen, e.code, "%s", e.msg);
	return 0;
}

static int read_btf(struct bpf_elf *o, char *err, size_t errlen)
{
	int i = find_sec(o, ".BTF");
	struct btf_view v;
	struct btf_err e;
	const char *why;
	struct btf *btf;

	if (i < 0 || !o->secs[i].data)
		return 0;
	/* libbpf's own complaint becomes part of our one line */
	libbpf_log_hold();
	btf = btf__new(o->secs[i].data, o->secs[i].size);
	why = libbpf_log_release();
	if (!btf)
		return fail(err, errlen, -EINVAL, "bad .BTF: %s",
			    *why ? why : strerror(errno));
	/* an object's BTF is anyone's: the same checks as any BTF input */
	btf_view_of(&v, btf);
	if (btf_check_err(&v, &e)) {
		btf__free(btf);
		return fail(err, errlen, e.code, "bad .BTF: %s", e.msg);
	}
	o->btf = btf;
	return 0;
}

/* The file's form in *f; bpf: only what a BPF object can be. */
static int check_header(const struct bpf_elf *o, bool bpf,
			struct elf_form *f, char *err, size_t errlen)
{
	const unsigned char *id = o->mem;

	if (o->size < EI_NIDENT || memcmp(id, ELFMAG, SELFMAG))
		return fail(err, errlen, -EINVAL, "not an ELF file");
	f->is64 = id[EI_CLASS] == ELFCLASS64;
	f->be = id[EI_DATA] == ELFDATA2MSB;
	if (!bpf) {
		if ((!f->is64 && id[EI_CLASS] != ELFCLASS32) ||
		    (!f->be && id[EI_DATA] != ELFDATA2LSB) ||
		    o->size < (f->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
			return fail(err, errlen, -EINVAL,
				    "corrupt: bad ELF header");
		return 0;
	}
	if (!f->is64 || o->size < sizeof(Elf64_Ehdr))
		return fail(err, errlen, -EINVAL, "not a 64-bit ELF file");
	if (id[EI_DATA] != ELFDATA2LSB)
		return fail(err, errlen, -EINVAL,
			    "big-endian BPF objects are not supported");
	if (ELF_GET(f, o->mem, Ehdr, e_machine) != EM_BPF)
		return fail(err, errlen, -EINVAL,
			    "not a BPF object (ELF machine %u)",
			    (unsigned int)ELF_GET(f, o->mem, Ehdr, e_machine));
	return 0;
}

static int sections(const void *mem, size_t size, bool bpf,
		    struct bpf_elf_sec **secs, int *nsecs, char *err,
		    size_t errlen)
{
	struct bpf_elf o = { .mem = (void *)mem, .size = size };
	struct elf_form f;
	int ret;

	ret = check_header(&o, bpf, &f, err, errlen);
	ret = ret ? ret : read_secs(&o, &f, bpf, err, errlen);
	if (ret) {
		if (ret == -ENOMEM)
			fail(err, errlen, ret, "out of memory");
		free(o.secs);
		return ret;
	}
	*secs = o.secs;
	*nsecs = o.nsecs;
	return 0;
}

int bpf_elf_sections(const void *mem, size_t size, struct bpf_elf_sec **secs,
		     int *nsecs, char *err, size_t errlen)
{
	return sections(mem, size, true, secs, nsecs, err, errlen);
}

int bpf_elf_any_sections(const void *mem, size_t size,
			 struct bpf_elf_sec **secs, int *nsecs, char *err,
			 size_t errlen)
{
	return sections(mem, size, false, secs, nsecs, err, errlen);
}

/* The bytes of b, given up to the object (btf_src_bytes_free() with it). */
static int parse_bytes(struct btf_bytes *b, struct bpf_elf **out, char *err,
		       size_t errlen)
{
	struct bpf_elf *o = calloc(1, sizeof(*o));
	struct elf_form f;
	int ret, i;

	*out = NULL;
	if (!o) {
		btf_src_bytes_free(b);
		return fail(err, errlen, -ENOMEM, "out of memory");
	}
	o->bytes = *b;
	o->mem = b->data;
	o->size = b->size;
	o->maps_sec = -1;
	ret = check_header(o, true, &f, err, errlen);
	ret = ret ? ret : read_secs(o, &f, true, err, errlen);
	ret = ret ? ret : read_symbols(o, err, errlen);
	ret = ret ? ret : read_btf(o, err, errlen);
	ret = ret ? ret : read_btf_ext(o, err, errlen);
	if (ret) {
		if (ret == -ENOMEM)
			fail(err, errlen, ret, "out of memory");
		bpf_elf_free(o);
		return ret;
	}
	o->maps_sec = find_sec(o, ".maps");
	i = find_sec(o, "license");
	if (i > 0 && o->secs[i].data &&
	    memchr(o->secs[i].data, 0, o->secs[i].size))
		o->license = o->secs[i].data;
	*out = o;
	return 0;
}

int bpf_elf_parse(void *mem, size_t size, struct bpf_elf **out, char *err,
		  size_t errlen)
{
	struct btf_bytes b = { .data = mem, .size = size };

	return parse_bytes(&b, out, err, errlen);
}

int bpf_elf_open(const char *path, struct bpf_elf **out, char *err,
		 size_t errlen)
{
	struct btf_bytes b;
	struct btf_err e;
	struct stat st;
	char tmp[256];
	int fd, ret;

	*out = NULL;
	/* O_NONBLOCK: a FIFO given as the object must not hang the open */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return fail(err, errlen, -errno, "%s: %s", path,
			    strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(err, errlen, -EINVAL, "%s: not a regular file",
			    path);
	}
	/* page-aligned: the tables are read in place as structs */
	ret = btf_src_read_fd(fd, &b, &e);
	close(fd);
	if (ret)
		return fail(err, errlen, ret, "%s: %s", path, e.msg);
	ret = parse_bytes(&b, out, err, errlen);
	if (ret) {
		snprintf(tmp, sizeof(tmp), "%s", err);
		fail(err, errlen, ret, "%s: %s", path, tmp);
	}
	return ret;
}

void bpf_elf_free(struct bpf_elf *o)
{
	if (!o)
		return;
	btf__free(o->btf);
	free(o->secs);
	free(o->funcs);
	free(o->rels);
	free(o->core);
	btf_src_bytes_free(&o->bytes);
	free(o);
}

const struct bpf_insn *bpf_elf_insns(const struct bpf_elf *o, int sec,
				     __u32 *cnt)
{
	if (sec <= 0 || sec >= o->nsecs || !o->secs[sec].code) {
		*cnt = 0;
		return NULL;
	}
	*cnt = o->secs[sec].size / sizeof(struct bpf_insn);
	return o->secs[sec].data;
}

const struct bpf_elf_func *bpf_elf_func_at(const struct bpf_elf *o, int sec,
					   __u32 insn)
{
	/* the first ending past insn (they do not overlap: sorted by end too) */
	size_t i = LOWER_BOUND(o->funcs, o->nfuncs, end,
			       bpf_elf_pos(sec, insn) + 1);
	const struct bpf_elf_func *f = o->funcs + i;

	return i < (size_t)o->nfuncs && f->sec == sec && f->insn_off <= insn ?
	       f : NULL;
}

const struct bpf_elf_rel *bpf_elf_rel_at(const struct bpf_elf *o, int sec,
					 __u32 insn)
{
	size_t i = LOWER_BOUND(o->rels, o->nrels, at, bpf_elf_pos(sec, insn));
	const struct bpf_elf_rel *r = o->rels + i;

	return i < (size_t)o->nrels && r->at == bpf_elf_pos(sec, insn) ? r : NULL;
}

bool bpf_elf_is_prog(const struct bpf_elf *o, const struct bpf_elf_func *f)
{
	return strcmp(o->secs[f->sec].name, ".text") != 0;
}
