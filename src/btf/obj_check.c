// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks of a BPF ELF object, in memory, before libbpf parses it.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf_src.h"
#include "libbpf_log.h"
#include "obj_check.h"

static int check_sections(Elf *elf, const char *file, size_t fsize,
			  struct obj_facts *f, struct btf_err *e)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	size_t stridx;
	const char *name;

	if (elf_getshdrstrndx(elf, &stridx))
		return btf_err_set(e, -EINVAL, "'%s' is truncated or corrupt: %s",
				   file, elf_errmsg(-1));
	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			return btf_err_set(e, -EINVAL, "'%s' is truncated or corrupt: %s",
					   file, elf_errmsg(-1));
		name = elf_strptr(elf, stridx, sh.sh_name);
		if (!name)
			return btf_err_set(e, -EINVAL, "'%s' is corrupt: bad section name",
					   file);
		if (sh.sh_type != SHT_NOBITS &&
		    (sh.sh_offset > fsize || sh.sh_size > fsize - sh.sh_offset))
			return btf_err_set(e, -EINVAL, "'%s' is truncated: section %s ends past the end of the file",
					   file, name);
		if (!strcmp(name, ".BTF"))
			f->has_btf = sh.sh_type != SHT_NOBITS && sh.sh_size;
		else if (!strcmp(name, "license"))
			f->has_license = true;
		else if (!strcmp(name, ".maps"))
			f->has_maps = true;
		else if (sh.sh_type == SHT_PROGBITS &&
			 (sh.sh_flags & SHF_EXECINSTR) && sh.sh_size)
			f->nr_progs++;
	}
	return 0;
}

static int check_elf(const void *data, size_t size, const char *file,
		     struct obj_facts *f, struct btf_err *e)
{
	GElf_Ehdr eh;
	Elf *elf;
	int err;

	if (size < SELFMAG || memcmp(data, ELFMAG, SELFMAG))
		return btf_err_set(e, -EINVAL, "'%s' is not an ELF file (expected a BPF object built with clang -target bpf)",
				   file);
	elf_version(EV_CURRENT);
	elf = elf_memory((char *)data, size);
	if (!elf || !gelf_getehdr(elf, &eh)) {
		err = btf_err_set(e, -EINVAL, "'%s' is truncated or corrupt: %s",
				  file, elf_errmsg(-1));
		goto out;
	}
	if (eh.e_machine != EM_BPF) {
		err = btf_err_set(e, -EINVAL, "'%s' is an ELF file for another machine (e_machine %u), not a BPF object",
				  file, eh.e_machine);
		goto out;
	}
	if (eh.e_shoff > size ||
	    (__u64)eh.e_shnum * eh.e_shentsize > size - eh.e_shoff) {
		err = btf_err_set(e, -EINVAL, "'%s' is truncated: the section table ends past the end of the file",
				  file);
		goto out;
	}
	err = check_sections(elf, file, size, f, e);
out:
	if (elf)
		elf_end(elf);
	return err;
}

/* .BTF as libbpf will parse it, our checks, then .BTF.ext against it. */
static int check_btf(const void *data, size_t size, const char *file,
		     struct btf_err *e)
{
	struct btf_sec bs, es;
	struct btf_view v;
	struct btf *btf;
	char why[160];
	int err;

	err = btf_src_elf_sections(data, size, &bs, &es, e);
	if (err)
		return btf_err_set(e, err, "'%s': %s", file, e->msg);
	if (!bs.found)
		return 0;
	libbpf_log_hold();
	btf = btf__new(bs.data, bs.size);
	err = btf ? 0 : -errno;
	libbpf_log_release();
	if (!btf) {
		btf_diagnose_raw(bs.data, bs.size, 1, why, sizeof(why));
		return btf_err_set(e, err ? err : -EINVAL, "'%s' has a bad .BTF section: %s",
				   file, *why ? why : strerror(err ? -err : EINVAL));
	}
	btf_view_of(&v, btf);
	err = btf_check_err(&v, e);
	if (err)
		btf_err_set(e, err, "'%s' has a bad .BTF section: %s", file,
			    e->msg);
	if (!err && es.found) {
		err = btf_ext_check(btf, es.data, es.size, e);
		if (err)
			btf_err_set(e, err, "'%s': %s", file, e->msg);
	}
	btf__free(btf);
	return err;
}

int obj_check(const void *data, size_t size, const char *name,
	      struct obj_facts *f, struct btf_err *e)
{
	int err;

	memset(f, 0, sizeof(*f));
	err = check_elf(data, size, name, f, e);
	if (!err)
		err = check_btf(data, size, name, e);
	return err;
}
