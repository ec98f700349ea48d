// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test driver for src/btf/btf_c.c: parse a BTF file (optionally split on a
 * base) and print it as C, without the rest of bpfkit.
 *   btf_c_driver [-u] [-t] [-B BASE] [-r ID]... [-R NAME]... FILE
 *   btf_c_driver -D [-B BASE] FILE      every definition, one by one
 *   btf_c_driver -d TYPEDEF [-B BASE] FILE   TYPEDEF's type declared as "x"
 * -D and -d go through the single-declaration API (btf_c_open()).
 * -t prints the parse and dump times on stderr. Raw BTF files are mapped
 * and handed to btf__new() (one copy instead of btf__parse()'s two).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <bpf/btf.h>

#include "../src/btf/btf_c.h"

int p_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Raw BTF (magic 0xeB9F): map it; anything else (ELF): libbpf parses. */
static struct btf *load(const char *path, struct btf *base)
{
	struct btf *btf = NULL;
	struct stat st;
	void *p;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || st.st_size < 24) {
		close(fd);
		return btf__parse_split(path, base);
	}
	p = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return btf__parse_split(path, base);
	/* Debian's libbpf 1.1 does not export btf__new_split() */
	if (!base && *(const unsigned short *)p == 0xeB9F)
		btf = btf__new(p, st.st_size);
	munmap(p, st.st_size);
	return btf ? btf : btf__parse_split(path, base);
}

/* -D: each named struct, union, enum and typedef after a marker line */
static int single(const struct btf *btf, bool defs, const char *decl)
{
	struct btf_c *c = btf_c_open(btf, stdout);
	__u32 i, n = btf__type_cnt(btf);
	const struct btf_type *t;
	__s32 id;
	int err = 0;

	if (!c)
		return -1;
	for (i = 1; defs && i < n && !err; i++) {
		t = btf__type_by_id(btf, i);
		if (!t->name_off || !(btf_is_composite(t) || btf_is_any_enum(t) ||
				      btf_is_typedef(t)))
			continue;
		printf("/* def %u */\n", i);
		err = btf_c_def(c, i);
	}
	if (decl) {
		id = btf__find_by_name_kind(btf, decl, BTF_KIND_TYPEDEF);
		err = id < 0 ? p_err("no typedef %s", decl) :
			       btf_c_decl(c, btf__type_by_id(btf, id)->type, "x", 0);
	}
	return btf_c_close(c) || err;
}

int main(int argc, char **argv)
{
	struct btf_c_opts o = {};
	struct btf *base = NULL, *btf;
	__u32 roots[64];
	size_t nroots = 0;
	const char *base_path = NULL, *names[64];
	size_t nnames = 0, i;
	__s32 rid;
	static char obuf[1 << 16];
	char *end;
	bool timing = false, defs = false;
	const char *decl = NULL;
	double t0, t1, t2;
	int c, err;

	while ((c = getopt(argc, argv, "utDd:B:r:R:")) != -1) {
		switch (c) {
		case 'u':
			o.unsorted = true;
			break;
		case 't':
			timing = true;
			break;
		case 'D':
			defs = true;
			break;
		case 'd':
			decl = optarg;
			break;
		case 'B':
			base_path = optarg;
			break;
		case 'R':
			if (nnames == 64)
				return 2;
			names[nnames++] = optarg;
			break;
		case 'r':
			if (nroots == 64)
				return 2;
			roots[nroots++] = strtoul(optarg, &end, 0);
			if (*end)
				return 2;
			break;
		default:
			fprintf(stderr, "usage: %s [-u] [-t] [-B BASE] [-r ID]... [-R NAME]... FILE\n",
				argv[0]);
			return 2;
		}
	}
	if (optind + 1 != argc)
		return 2;
	t0 = now_ms();
	if (base_path) {
		base = load(base_path, NULL);
		if (!base) {
			p_err("failed to load base BTF %s: %s", base_path,
			      strerror(errno));
			return 1;
		}
	}
	btf = load(argv[optind], base);
	if (!btf) {
		p_err("failed to load BTF from %s: %s", argv[optind],
		      strerror(errno));
		btf__free(base);
		return 1;
	}
	/* -R NAME: a struct of that name, else any type of that name */
	for (i = 0; i < nnames && nroots < 64; i++) {
		rid = btf__find_by_name_kind(btf, names[i], BTF_KIND_STRUCT);
		if (rid < 0)
			rid = btf__find_by_name(btf, names[i]);
		if (rid < 0) {
			p_err("no type named %s", names[i]);
			btf__free(btf);
			btf__free(base);
			return 1;
		}
		roots[nroots++] = rid;
	}
	if (nroots) {
		o.root_ids = roots;
		o.root_cnt = nroots;
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	if (defs || decl) {
		err = single(btf, defs, decl);
		btf__free(btf);
		btf__free(base);
		return err ? 1 : 0;
	}
	t1 = now_ms();
	err = btf_c_dump(btf, &o, stdout);
	fflush(stdout);
	t2 = now_ms();
	if (timing)
		fprintf(stderr, "parse %.1f ms, dump %.1f ms\n", t1 - t0,
			t2 - t1);
	btf__free(btf);
	btf__free(base);
	return err ? 1 : 0;
}
