// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reference output for tests/btf_c.bats: prints BTF as C in upstream
 * bpftool's "format c unsorted" layout, but with libbpf's own btf_dump
 * doing the type work. Our emitter (src/btf_c.c) must agree with it.
 *   btf_c_oracle [-B BASE] FILE
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>

static void out(void *ctx, const char *fmt, va_list ap)
{
	(void)ctx;
	vfprintf(stdout, fmt, ap);
}

struct kfunc {
	const char *name;
	__u32 id;
	__u32 seq;
	int fastcall;
};

static int kfunc_cmp(const void *a, const void *b)
{
	const struct kfunc *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	return r ? r : (x->seq > y->seq) - (x->seq < y->seq);
}

static int is_tag_on(const struct btf *btf, __u32 func, const char *tag)
{
	__u32 i, n = btf__type_cnt(btf);

	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (btf_is_decl_tag(t) && t->type == func &&
		    btf_decl_tag(t)->component_idx == -1 &&
		    !strcmp(btf__name_by_offset(btf, t->name_off), tag))
			return 1;
	}
	return 0;
}

static int kfuncs(struct btf_dump *d, const struct btf *btf)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts);
	__u32 i, n = btf__type_cnt(btf), cnt = 0;
	struct kfunc *kf = calloc(n, sizeof(*kf));

	if (!kf)
		return -ENOMEM;
	printf("\n/* BPF kfuncs */\n#ifndef BPF_NO_KFUNC_PROTOTYPES\n");
	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i), *ft;

		if (!btf_is_decl_tag(t) || btf_decl_tag(t)->component_idx != -1)
			continue;
		ft = btf__type_by_id(btf, t->type);
		if (!btf_is_func(ft) ||
		    strcmp(btf__name_by_offset(btf, t->name_off), "bpf_kfunc"))
			continue;
		kf[cnt].name = btf__name_by_offset(btf, ft->name_off);
		kf[cnt].id = t->type;
		kf[cnt].seq = cnt;
		kf[cnt].fastcall = is_tag_on(btf, t->type, "bpf_fastcall");
		cnt++;
	}
	qsort(kf, cnt, sizeof(*kf), kfunc_cmp);
	for (i = 0; i < cnt; i++) {
		printf("extern %s", kf[i].fastcall ? "__bpf_fastcall " : "");
		opts.field_name = kf[i].name;
		btf_dump__emit_type_decl(d, btf__type_by_id(btf, kf[i].id)->type,
					 &opts);
		printf(" __weak __ksym;\n");
	}
	printf("#endif\n\n");
	free(kf);
	return 0;
}

int main(int argc, char **argv)
{
	struct btf *base = NULL, *btf;
	struct btf_dump *d;
	__u32 i, n;
	int c;

	while ((c = getopt(argc, argv, "B:")) != -1) {
		if (c != 'B')
			return 2;
		base = btf__parse(optarg, NULL);
		if (!base)
			return 1;
	}
	if (optind + 1 != argc)
		return 2;
	btf = btf__parse_split(argv[optind], base);
	if (!btf)
		return 1;
	d = btf_dump__new(btf, out, NULL, NULL);
	if (!d)
		return 1;
	printf("#ifndef __VMLINUX_H__\n#define __VMLINUX_H__\n\n");
	printf("#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n");
	printf("#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n");
	printf("#endif\n\n");
	printf("#ifndef __ksym\n#define __ksym __attribute__((section(\".ksyms\")))\n#endif\n\n");
	printf("#ifndef __weak\n#define __weak __attribute__((weak))\n#endif\n\n");
	printf("#ifndef __bpf_fastcall\n#if __has_attribute(bpf_fastcall)\n");
	printf("#define __bpf_fastcall __attribute__((bpf_fastcall))\n#else\n");
	printf("#define __bpf_fastcall\n#endif\n#endif\n\n");
	n = btf__type_cnt(btf);
	for (i = 1; i < n; i++)
		if (btf_dump__dump_type(d, i))
			return 1;
	if (kfuncs(d, btf))
		return 1;
	printf("#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n#pragma clang attribute pop\n#endif\n\n");
	printf("#endif /* __VMLINUX_H__ */\n");
	btf_dump__free(d);
	btf__free(btf);
	btf__free(base);
	return 0;
}
