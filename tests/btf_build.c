// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helper: write small raw BTF files built with libbpf's btf__add_*
 * API, where the tests know every type and every change.
 *
 *   btf_build feature OUT    kernel enums with a value from the future,
 *                            helpers, a kfunc, BTF attach points
 *   btf_build old OUT        the "before" side of tests/btf_diff.bats
 *   btf_build new OUT        the "after" side: see the expectations there
 */
#include <stdio.h>
#include <string.h>
#include <bpf/btf.h>

static int int_t(struct btf *b)
{
	return btf__add_int(b, "int", 4, BTF_INT_SIGNED);
}

static void add_enum(struct btf *b, const char *name, const char *const *n,
		     const int *v, int cnt)
{
	int i;

	btf__add_enum(b, name, 4);
	for (i = 0; i < cnt; i++)
		btf__add_enum_value(b, n[i], v[i]);
}

static int func(struct btf *b, const char *name, int ret, int nargs, int arg)
{
	int proto = btf__add_func_proto(b, ret);
	int i;

	for (i = 0; i < nargs; i++)
		btf__add_func_param(b, "", arg);
	return btf__add_func(b, name, BTF_FUNC_GLOBAL, proto);
}

/* params must follow their proto: every type they use is made first */
static void tracepoint(struct btf *b, const char *name, int nargs, int arg)
{
	int ctx = btf__add_ptr(b, 0), proto = btf__add_func_proto(b, 0), i;

	btf__add_func_param(b, "", ctx);
	for (i = 0; i < nargs; i++)
		btf__add_func_param(b, "", arg);
	btf__add_typedef(b, name, btf__add_ptr(b, proto));
}

static void feature(struct btf *b)
{
	static const char *const pn[] = {
		"BPF_PROG_TYPE_UNSPEC", "BPF_PROG_TYPE_SOCKET_FILTER",
		"BPF_PROG_TYPE_XDP", "BPF_PROG_TYPE_FUTURE_THING",
		"__MAX_BPF_PROG_TYPE" };
	static const int pv[] = { 0, 1, 6, 99, 100 };
	static const char *const mn[] = { "BPF_MAP_TYPE_HASH",
					  "BPF_MAP_TYPE_RINGBUF" };
	static const int mv[] = { 1, 27 };
	static const char *const an[] = { "BPF_CGROUP_INET_INGRESS",
					  "BPF_XDP" };
	static const int av[] = { 0, 37 };
	static const char *const ln[] = { "BPF_LINK_TYPE_XDP" };
	static const int lv[] = { 6 };
	static const char *const fn[] = { "BPF_FUNC_unspec",
		"BPF_FUNC_map_lookup_elem", "BPF_FUNC_loop",
		"__BPF_FUNC_MAX_ID" };
	static const int fv[] = { 0, 1, 181, 182 };
	int i = int_t(b), f;

	add_enum(b, "bpf_prog_type", pn, pv, 5);
	add_enum(b, "bpf_map_type", mn, mv, 2);
	add_enum(b, "bpf_attach_type", an, av, 2);
	add_enum(b, "bpf_link_type", ln, lv, 1);
	add_enum(b, "bpf_func_id", fn, fv, 4);
	f = func(b, "bpf_obj_new_impl", i, 1, i);
	btf__add_decl_tag(b, "bpf_kfunc", f, -1);
	f = func(b, "bpf_cpumask_create", i, 0, i);
	btf__add_decl_tag(b, "bpf_kfunc", f, -1);
	btf__add_decl_tag(b, "bpf_fastcall", f, -1);
	func(b, "not_a_kfunc", i, 1, i);
	tracepoint(b, "btf_trace_sched_switch", 1, i);
	tracepoint(b, "btf_trace_sys_enter", 2, i);
	func(b, "bpf_lsm_file_open", i, 1, i);
	btf__add_struct(b, "bpf_iter__task", 8);
	btf__add_field(b, "x", i, 0, 0);
}

static void diff_side(struct btf *b, int new)
{
	static const char *const on[] = { "A", "B", "C" };
	static const int ov[] = { 1, 2, 3 };
	static const char *const nn[] = { "A", "B", "D" };
	static const int nv[] = { 1, 5, 4 };
	int i = int_t(b);
	int l = btf__add_int(b, "long", 8, BTF_INT_SIGNED);
	int c = btf__add_int(b, "char", 1, new ? 0 : BTF_INT_SIGNED);

	/* struct s: b retyped and moved, c renamed to d */
	btf__add_struct(b, "s", new ? 24 : 16);
	btf__add_field(b, "a", i, 0, 0);
	btf__add_field(b, "b", new ? l : i, new ? 64 : 32, 0);
	btf__add_field(b, new ? "d" : "c", new ? i : l, new ? 128 : 64, 0);
	/* struct same: unchanged */
	btf__add_struct(b, "same", 8);
	btf__add_field(b, "p", btf__add_ptr(b, i), 0, 0);
	btf__add_struct(b, new ? "added_s" : "gone_s", 4);
	btf__add_field(b, "x", i, 0, 0);
	/* union u: unchanged; char's signedness does not count */
	btf__add_union(b, "u", 4);
	btf__add_field(b, "i", i, 0, 0);
	btf__add_field(b, "c", c, 0, 0);
	/* enum e: B changes value, C goes, D comes */
	add_enum(b, "e", new ? nn : on, new ? nv : ov, 3);
	btf__add_typedef(b, "td_t", new ? l : i);
	btf__add_typedef(b, "keep_t", i);
	func(b, "f1", i, new ? 2 : 1, i);
	func(b, "f2", i, 1, i);
	func(b, new ? "f_new" : "f_gone", i, 0, i);
	tracepoint(b, "btf_trace_tp1", new ? 2 : 1, i);
	if (new)
		tracepoint(b, "btf_trace_tp2", 0, i);
}

int main(int argc, char **argv)
{
	struct btf *b = btf__new_empty();
	const void *raw;
	__u32 size;
	FILE *f;

	if (argc != 3 || !b)
		return 2;
	if (!strcmp(argv[1], "feature"))
		feature(b);
	else if (!strcmp(argv[1], "old") || !strcmp(argv[1], "new"))
		diff_side(b, !strcmp(argv[1], "new"));
	else
		return 2;
	raw = btf__raw_data(b, &size);
	f = fopen(argv[2], "w");
	if (!raw || !f || fwrite(raw, 1, size, f) != size || fclose(f))
		return 1;
	btf__free(b);
	return 0;
}
