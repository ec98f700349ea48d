// SPDX-License-Identifier: GPL-2.0-only
/*
 * clang 14 cannot emit type_matches relocations; this turns the
 * type_exists relocations of types named *___match into type_matches
 * (kind 12) in a copy of the object. The instruction stays "r = 1", which
 * is what clang would emit for either.
 *   core_retag IN OUT
 */
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>

static void die(const char *m)
{
	fprintf(stderr, "core_retag: %s\n", m);
	exit(2);
}

int main(int argc, char **argv)
{
	size_t shstrndx, btf_off = 0, btf_sz = 0, ext_off = 0, ext_sz = 0;
	Elf_Scn *scn = NULL;
	struct btf *btf;
	char *buf;
	long size;
	FILE *f;
	Elf *elf;
	int fd, n = 0;

	if (argc != 3)
		die("usage: core_retag IN OUT");
	f = fopen(argv[1], "rb");
	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) <= 0)
		die("cannot read IN");
	rewind(f);
	buf = malloc(size);
	if (!buf || fread(buf, 1, size, f) != (size_t)size)
		die("cannot read IN");
	fclose(f);
	elf_version(EV_CURRENT);
	fd = open(argv[1], O_RDONLY);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx))
		die("not ELF");
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		gelf_getshdr(scn, &sh);
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && !strcmp(name, ".BTF")) {
			btf_off = sh.sh_offset;
			btf_sz = sh.sh_size;
		} else if (name && !strcmp(name, ".BTF.ext")) {
			ext_off = sh.sh_offset;
			ext_sz = sh.sh_size;
		}
	}
	if (!btf_sz || !ext_sz)
		die("no .BTF/.BTF.ext");
	btf = btf__new(buf + btf_off, btf_sz);
	if (!btf)
		die("bad .BTF");
	{
		__u32 *h = (__u32 *)(buf + ext_off);
		__u32 hdr_len = h[1], core_off = h[6], core_len = h[7];
		char *p = buf + ext_off + hdr_len + core_off;
		__u32 rec_size = *(__u32 *)p, off = 4;

		if (hdr_len < 32 || hdr_len + core_off + core_len > ext_sz)
			die("no CO-RE records");
		while (off < core_len) {
			__u32 cnt = ((__u32 *)(p + off))[1], i;

			off += 8;
			for (i = 0; i < cnt; i++, off += rec_size) {
				__u32 *r = (__u32 *)(p + off);
				const struct btf_type *t = btf__type_by_id(btf, r[1]);
				const char *tn = t ? btf__name_by_offset(btf, t->name_off) : NULL;

				if (r[3] == 8 && tn && strlen(tn) > 8 &&
				    !strcmp(tn + strlen(tn) - 8, "___match")) {
					r[3] = 12;
					n++;
				}
			}
		}
	}
	if (!n)
		die("no ___match type_exists relocation");
	f = fopen(argv[2], "wb");
	if (!f || fwrite(buf, 1, size, f) != (size_t)size || fclose(f))
		die("cannot write OUT");
	return 0;
}
