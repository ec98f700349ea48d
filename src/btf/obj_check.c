// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks of a BPF ELF object, in memory, before libbpf parses it.
 */
#include <errno.h>
#include <elf.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "bpf_elf.h"
#include "btf_src.h"
#include "btf_type.h"
#include "libbpf_log.h"
#include "obj_check.h"

/*
 * The ELF layout through bpf_elf.c's reader (the one that checks every
 * offset), then what the sections say. Its reasons read after "is".
 */
static int check_elf(const void *data, size_t size, const char *file,
		     struct obj_facts *f, struct btf_sec *btf,
		     struct btf_sec *ext, struct btf_err *e)
{
	struct bpf_elf_sec *secs, *s;
	char why[200];
	int i, n, err;

	if (size < SELFMAG || memcmp(data, ELFMAG, SELFMAG))
		return btf_err_set(e, -EINVAL, "'%s' is not an ELF file (expected a BPF object built with clang -target bpf)",
				   file);
	err = bpf_elf_sections(data, size, &secs, &n, why, sizeof(why));
	if (err)
		return btf_err_set(e, err, "'%s' is %s", file, why);
	for (i = 1; i < n; i++) {
		s = &secs[i];
		if (!strcmp(s->name, ".BTF")) {
			f->has_btf = s->data && s->size;
			*btf = (struct btf_sec){ s->data, s->size, !!s->data };
		} else if (!strcmp(s->name, ".BTF.ext")) {
			*ext = (struct btf_sec){ s->data, s->size, !!s->data };
		} else if (!strcmp(s->name, "license")) {
			f->has_license = true;
		} else if (!strcmp(s->name, ".maps")) {
			f->has_maps = true;
		} else if (s->type == SHT_PROGBITS &&
			   (s->flags & SHF_EXECINSTR) && s->size) {
			f->nr_progs++;
		}
	}
	free(secs);
	return 0;
}

static bool size_kind(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT: case BTF_KIND_STRUCT: case BTF_KIND_UNION:
	case BTF_KIND_ENUM: case BTF_KIND_ENUM64: case BTF_KIND_DATASEC:
	case BTF_KIND_FLOAT:
		return true;
	}
	return false;
}

/* The kinds whose vlen records (members, enumerators, params) are named. */
static bool named_records(const struct btf_type *t)
{
	return btf_is_composite(t) || btf_is_any_enum(t) ||
	       btf_is_func_proto(t);
}

/*
 * Every name offset inside the strings and every size an int: btf__new()
 * lets bad ones through, and libbpf 1.1 then passes their NULL names to
 * strcmp() (a global VAR's, a map's member's), or returns a size that
 * looks negative as a pointer (__bpf_object__open()'s ERR_PTR).
 */
static int check_names(const struct btf *btf, const char *file,
		       struct btf_err *e)
{
	__u32 id, i, n = btf__type_cnt(btf), vlen, step, off;
	const struct btf_type *t;
	const char *p;

	for (id = 1; id < n; id++) {
		t = btf__type_by_id(btf, id);
		if (!btf__str_by_offset(btf, t->name_off))
			goto bad;
		if (size_kind(t) && t->size > INT_MAX)
			return btf_err_set(e, -EINVAL, "'%s' has a bad .BTF section: type %u is %u bytes long",
					   file, id, t->size);
		vlen = btf_vlen(t);
		if (!vlen || !named_records(t))
			continue;
		/* each of these records starts with its name's offset */
		step = (btf_type_rec_size(t) - sizeof(*t)) / vlen;
		for (i = 0, p = (const char *)(t + 1); i < vlen; i++, p += step) {
			memcpy(&off, p, sizeof(off));
			if (!btf__str_by_offset(btf, off))
				goto bad;
		}
	}
	return 0;
bad:
	return btf_err_set(e, -EINVAL, "'%s' has a bad .BTF section: type %u has a name past the end of the strings",
			   file, id);
}

/* .BTF as libbpf will parse it, our checks, then .BTF.ext against it. */
static int check_btf(const struct btf_sec *bs, const struct btf_sec *es,
		     const char *file, struct btf_err *e)
{
	struct btf_view v;
	struct btf *btf;
	char why[160];
	int err;

	if (!bs->found)
		return 0;
	libbpf_log_hold();
	btf = btf__new(bs->data, bs->size);
	err = btf ? 0 : -errno;
	libbpf_log_release();
	if (!btf) {
		btf_diagnose_raw(bs->data, bs->size, 1, why, sizeof(why));
		return btf_err_set(e, err ? err : -EINVAL, "'%s' has a bad .BTF section: %s",
				   file, *why ? why : strerror(err ? -err : EINVAL));
	}
	btf_view_of(&v, btf);
	err = btf_check_err(&v, e);
	if (err)
		btf_err_set(e, err, "'%s' has a bad .BTF section: %s", file,
			    e->msg);
	if (!err)
		err = check_names(btf, file, e);
	if (!err && es->found) {
		err = btf_ext_check(btf, es->data, es->size, e);
		if (err)
			btf_err_set(e, err, "'%s': %s", file, e->msg);
	}
	btf__free(btf);
	return err;
}

int obj_check(const void *data, size_t size, const char *name,
	      struct obj_facts *f, struct btf_err *e)
{
	struct btf_sec bs = {}, es = {};
	int err;

	memset(f, 0, sizeof(*f));
	err = check_elf(data, size, name, f, &bs, &es, e);
	if (!err)
		err = check_btf(&bs, &es, name, e);
	return err;
}
