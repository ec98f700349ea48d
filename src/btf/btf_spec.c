// SPDX-License-Identifier: GPL-2.0-only
/*
 * The BTF_SRC grammar every command that takes BTF shares:
 *   file FILE [file FILE]... | id BTF_ID | prog PROG | map MAP [key|value|kv|all]
 * parsed here (command-line code: parse errors are reported), loaded
 * through btf_src.c (load errors come back as values).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include <bpf/bpf.h>

#include "args.h"
#include "btf_src.h"
#include "handle.h"
#include "main.h"

/* Info of the object behind fd (a handle parser's result), then close it. */
static int info_of(int fd, void *info, __u32 len, const char *what)
{
	int err;

	if (fd < 0)
		return -1;	/* the parser reported it */
	err = bpf_obj_get_info_by_fd(fd, info, &len) ? errno : 0;
	close(fd);
	if (err)
		return p_err("can't get %s info: %s", what, strerror(err));
	return 0;
}

/* The BTF of a map or program (what, obj_id) is the source. */
static int spec_obj(struct btf_spec *s, enum btf_spec_kind kind,
		    const char *what, __u32 obj_id, __u32 btf_id)
{
	if (!btf_id)
		return p_err_errno(ENOENT, "%s %u has no BTF", what, obj_id);
	s->kind = kind;
	s->btf_id = btf_id;
	s->obj_id = obj_id;
	return 0;
}

/* spec_parse() saw a word after "map" or "prog": the handle */
static int spec_map(struct btf_spec *s, struct argcur *a)
{
	struct bpf_map_info info = {};
	int err;

	if (info_of(map_parse_fd(a, true), &info, sizeof(info), "map"))
		return -1;
	err = spec_obj(s, BTF_SPEC_MAP, "map", info.id, info.btf_id);
	if (err)
		return err;
	if (arg_take(a, "key")) {
		s->roots[s->nroots++] = info.btf_key_type_id;
	} else if (arg_take(a, "value")) {
		s->roots[s->nroots++] = info.btf_value_type_id;
	} else if (arg_take(a, "all")) {
		return 0;
	} else {
		arg_take(a, "kv");
		s->roots[s->nroots++] = info.btf_key_type_id;
		s->roots[s->nroots++] = info.btf_value_type_id;
	}
	s->filtered = true;
	return 0;
}

static int spec_prog(struct btf_spec *s, struct argcur *a)
{
	struct bpf_prog_info info = {};

	if (info_of(prog_parse_fd(a), &info, sizeof(info), "prog"))
		return -1;
	return spec_obj(s, BTF_SPEC_PROG, "program", info.id, info.btf_id);
}

/* file F [file F]...: only collected here, loaded by btf_spec_open() */
static int spec_files(struct btf_spec *s, struct argcur *a)
{
	s->kind = BTF_SPEC_FILE;
	do {
		const char *f = arg_next(a);

		if (!f)
			return usage();
		if (!strcmp(f, SYSFS_VMLINUX)) {
			s->vmlinux_named = true;
			continue;
		}
		if (s->nfiles == BTF_SPEC_MAX_FILES)
			return p_err_errno(EINVAL, "too many BTF files (max %d)",
					   BTF_SPEC_MAX_FILES);
		s->files[s->nfiles++] = f;
	} while (arg_take(a, "file"));
	return 0;
}

static int spec_parse(struct btf_spec *s, struct argcur *a)
{
	const char *src;

	if (a->argc < 2)
		return usage();
	src = arg_next(a);
	if (is_prefix(src, "map"))
		return spec_map(s, a);
	if (is_prefix(src, "prog"))
		return spec_prog(s, a);
	if (is_prefix(src, "id")) {
		if (parse_u32(arg_peek(a), &s->btf_id))
			return p_err_errno(EINVAL, "can't parse %s as ID",
					   arg_peek(a));
		arg_next(a);
		s->kind = BTF_SPEC_ID;
		return 0;
	}
	if (is_prefix(src, "file"))
		return spec_files(s, a);
	return p_err("unrecognized BTF source specifier: '%s'", src);
}

int btf_spec_parse(struct argcur *a, struct btf_spec **spec)
{
	struct btf_spec *s = calloc(1, sizeof(*s));
	int err;

	*spec = NULL;
	if (!s)
		return p_err("out of memory");
	err = spec_parse(s, a);
	if (err) {
		free(s);
		return err;
	}
	*spec = s;
	return 0;
}

void btf_spec_free(struct btf_spec *spec)
{
	free(spec);
}

/* Does path open on sysfs? (Decides whether vmlinux is the base.) */
static bool path_in_sysfs(const char *path)
{
	struct statfs sf;

	return !statfs(path, &sf) && sf.f_type == SYSFS_MAGIC;
}

/*
 * vmlinux from sysfs is the base of everything else, so naming it among
 * modules only says "use it as base". One file is parsed as is (a sysfs
 * module gets vmlinux as base by itself); several are merged on a base:
 * -B, else vmlinux when one of them is in sysfs.
 */
static int open_files(const struct btf_spec *s, struct btf_src *out,
		      struct btf_err *e)
{
	struct btf *base = opts.base_btf;
	struct btf_src v = {};
	int i, err, n = s->nfiles;

	if (s->vmlinux_named && n)
		p_info("skipping %s (will be loaded as base)", SYSFS_VMLINUX);
	if (!n)
		return btf_src_load(SYSFS_VMLINUX, base, s->flags, out, e);
	if (n == 1)
		return btf_src_load(s->files[0], base, s->flags, out, e);
	for (i = 0; i < n && !base; i++) {
		if (!path_in_sysfs(s->files[i]))
			continue;
		err = btf_src_load_vmlinux(&v, e);
		if (err)
			return err;
		base = v.btf;
	}
	if (!base)
		return btf_err_set(e, -EINVAL,
				   "base BTF is required when merging multiple BTF files; use -B/--base-btf or use sysfs paths");
	err = btf_src_merge(s->files, n, base, out, e);
	if (!err && v.btf) {	/* the result owns the base we loaded */
		out->base = v.btf;
		v.btf = NULL;
	}
	btf_src_free(&v);
	return err;
}

int btf_spec_open(const struct btf_spec *s, struct btf_src *out,
		  struct btf_err *e)
{
	if (s->kind == BTF_SPEC_FILE)
		return open_files(s, out, e);
	return btf_src_load_id(s->btf_id, opts.base_btf, out, e);
}
