// SPDX-License-Identifier: GPL-2.0-only
/*
 * The baseline for bench/core.sh: ask libbpf to CO-RE-relocate one object
 * against each BTF in turn, the only way libbpf offers to learn the result
 * (open with btf_custom_path, then load). Programs get an invalid flag so
 * the kernel rejects them right after relocation (see tests/core_libbpf.c).
 *   core_libbpf OBJ BTF...
 */
#include <stdarg.h>
#include <stdio.h>
#include <bpf/libbpf.h>

static int quiet(enum libbpf_print_level l, const char *f, va_list ap)
{
	(void)l;
	(void)f;
	(void)ap;
	return 0;
}

int main(int argc, char **argv)
{
	int i, bad = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: %s OBJ BTF...\n", argv[0]);
		return 2;
	}
	libbpf_set_print(quiet);
	for (i = 2; i < argc; i++) {
		LIBBPF_OPTS(bpf_object_open_opts, opts,
			    .btf_custom_path = argv[i]);
		struct bpf_program *p;
		struct bpf_object *obj;

		obj = bpf_object__open_file(argv[1], &opts);
		if (!obj) {
			bad++;
			continue;
		}
		bpf_object__for_each_program(p, obj)
			bpf_program__set_flags(p, bpf_program__flags(p) | (1u << 31));
		bpf_object__load(obj);
		bpf_object__close(obj);
	}
	return bad ? 1 : 0;
}
