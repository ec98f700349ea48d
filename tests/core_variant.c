// SPDX-License-Identifier: GPL-2.0-only
/*
 * Variant kernel BTF for "core check" tests, made with libbpf's btf__add_*
 * API from a real kernel's BTF:
 *   core_variant IN OUT name OLD NEW          every type named OLD renamed
 *   core_variant IN OUT member STRUCT OLD NEW a field of STRUCT renamed
 *   core_variant IN OUT enumval OLD NEW       an enumerator renamed
 *   core_variant - OUT tiny                   a BTF with just int and
 *                                             struct task_struct { int pid; }
 * Renaming stands for removal: nothing of the old name is left to find.
 * Several operations may follow each other (IN OUT op args op args...).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

static int die(const char *msg)
{
	fprintf(stderr, "core_variant: %s\n", msg);
	exit(2);
}

static struct btf_type *mut(struct btf *btf, __u32 id)
{
	return (struct btf_type *)btf__type_by_id(btf, id);
}

static int rename_types(struct btf *btf, const char *old, const char *new)
{
	int off = btf__add_str(btf, new), hits = 0;
	__u32 i;

	if (off < 0)
		die("btf__add_str");
	for (i = 1; i < btf__type_cnt(btf); i++) {
		const char *n = btf__name_by_offset(btf, mut(btf, i)->name_off);

		if (n && !strcmp(n, old)) {
			mut(btf, i)->name_off = off;
			hits++;
		}
	}
	return hits;
}

static int rename_member(struct btf *btf, const char *st, const char *old,
			 const char *new)
{
	int off = btf__add_str(btf, new), hits = 0, j;
	__u32 i;

	if (off < 0)
		die("btf__add_str");
	for (i = 1; i < btf__type_cnt(btf); i++) {
		struct btf_type *t = mut(btf, i);
		const char *n = btf__name_by_offset(btf, t->name_off);

		if (!btf_is_composite(t) || !n || strcmp(n, st))
			continue;
		for (j = 0; j < btf_vlen(t); j++) {
			struct btf_member *m = btf_members(t) + j;

			n = btf__name_by_offset(btf, m->name_off);
			if (n && !strcmp(n, old)) {
				m->name_off = off;
				hits++;
			}
		}
	}
	return hits;
}

static int rename_enumval(struct btf *btf, const char *old, const char *new)
{
	int off = btf__add_str(btf, new), hits = 0, j;
	__u32 i;

	if (off < 0)
		die("btf__add_str");
	for (i = 1; i < btf__type_cnt(btf); i++) {
		struct btf_type *t = mut(btf, i);

		if (!btf_is_enum(t))
			continue;
		for (j = 0; j < btf_vlen(t); j++) {
			struct btf_enum *e = btf_enum(t) + j;
			const char *n = btf__name_by_offset(btf, e->name_off);

			if (n && !strcmp(n, old)) {
				e->name_off = off;
				hits++;
			}
		}
	}
	return hits;
}

static struct btf *tiny(void)
{
	struct btf *btf = btf__new_empty();
	int i;

	if (!btf)
		die("btf__new_empty");
	i = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	if (i < 0 || btf__add_struct(btf, "task_struct", 4) < 0 ||
	    btf__add_field(btf, "pid", i, 0, 0) < 0)
		die("btf__add_*");
	return btf;
}

int main(int argc, char **argv)
{
	struct btf *btf;
	const void *raw;
	__u32 size;
	FILE *f;
	int a = 3, hits;

	if (argc < 4)
		die("usage: core_variant IN OUT OP ARGS...");
	if (!strcmp(argv[3], "tiny")) {
		btf = tiny();
		a = argc;
	} else {
		btf = btf__parse(argv[1], NULL);
		if (!btf)
			die("cannot parse IN");
	}
	while (a < argc) {
		if (!strcmp(argv[a], "name") && a + 2 < argc) {
			hits = rename_types(btf, argv[a + 1], argv[a + 2]);
			a += 3;
		} else if (!strcmp(argv[a], "member") && a + 3 < argc) {
			hits = rename_member(btf, argv[a + 1], argv[a + 2],
					     argv[a + 3]);
			a += 4;
		} else if (!strcmp(argv[a], "enumval") && a + 2 < argc) {
			hits = rename_enumval(btf, argv[a + 1], argv[a + 2]);
			a += 3;
		} else {
			die("bad operation");
		}
		if (!hits)
			die("nothing to rename");
	}
	raw = btf__raw_data(btf, &size);
	f = fopen(argv[2], "w");
	if (!raw || !f || fwrite(raw, 1, size, f) != size || fclose(f))
		die("cannot write OUT");
	btf__free(btf);
	return 0;
}
