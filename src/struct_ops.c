// SPDX-License-Identifier: GPL-2.0-only
/*
 * struct_ops object: show/list, dump, register, unregister, help.
 *
 * A struct_ops map holds a kernel structure of function pointers (a TCP
 * congestion control, a sched_ext scheduler, ...) filled with BPF
 * programs; registering it makes the kernel use it. Maps are named
 * "id ID" or "name NAME" (every struct_ops map of that name); without a
 * handle, every struct_ops map is listed. Output follows upstream bpftool.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "args.h"
#include "array.h"
#include "btf_src.h"
#include "btf_value.h"
#include "handle.h"
#include "main.h"
#include "obj_walk.h"

#define VALUE_PREFIX "bpf_struct_ops_"
#define MAP_F_LINK (1U << 13)	/* BPF_F_LINK, newer than the headers */

struct so_map {
	int fd;
	struct bpf_map_info *info;
};

struct so_ctx {
	struct btf *vmlinux;
	__s32 info_type_id;	/* struct bpf_map_info in vmlinux BTF */
	__u32 info_len;		/* the running kernel's size of it */
	struct so_map *maps;
	size_t n, cap;
};

static int load_vmlinux(struct so_ctx *c)
{
	const struct btf_type *t;
	struct btf_err e;

	if (c->vmlinux)
		return 0;
	c->vmlinux = btf_src_vmlinux_btf(&e);
	if (!c->vmlinux)
		return p_err("struct_ops needs the kernel's BTF (CONFIG_DEBUG_INFO_BTF=y)");
	c->info_type_id = btf__find_by_name_kind(c->vmlinux, "bpf_map_info",
						 BTF_KIND_STRUCT);
	if (c->info_type_id < 0)
		return p_err("can't find struct bpf_map_info in the kernel's BTF");
	t = btf__type_by_id(c->vmlinux, c->info_type_id);
	/* ask for all the running kernel has: dump prints every field */
	c->info_len = t->size > sizeof(struct bpf_map_info) ?
		      t->size : sizeof(struct bpf_map_info);
	return 0;
}

/* "tcp_congestion_ops" from the value type "bpf_struct_ops_tcp_...". */
static const char *kern_name(const struct so_ctx *c,
			     const struct bpf_map_info *info)
{
	const struct btf_type *t;
	const char *name;

	t = btf__type_by_id(c->vmlinux, info->btf_vmlinux_value_type_id);
	if (!t)
		return "<unknown>";
	name = btf__name_by_offset(c->vmlinux, t->name_off);
	if (!strncmp(name, VALUE_PREFIX, strlen(VALUE_PREFIX)))
		name += strlen(VALUE_PREFIX);
	return name;
}

static void free_maps(struct so_ctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		close(c->maps[i].fd);
		free(c->maps[i].info);
	}
	free(c->maps);
	c->maps = NULL;
	c->n = 0;
}

static void so_ctx_free(struct so_ctx *c)
{
	free_maps(c);
	btf__free(c->vmlinux);
}

/* Keep fd when it is a struct_ops map (and named name, if given). */
static int consider(struct so_ctx *c, int fd, const char *name, bool by_id)
{
	struct bpf_map_info *info = calloc(1, c->info_len);
	__u32 len = c->info_len;

	if (!info) {
		close(fd);
		return p_err("out of memory");
	}
	if (bpf_obj_get_info_by_fd(fd, info, &len)) {
		int e = errno;	/* free() and close() may change it */

		free(info);
		close(fd);
		return p_err("can't get map info: %s", strerror(e));
	}
	if (info->type != BPF_MAP_TYPE_STRUCT_OPS ||
	    (name && strcmp(name, info->name))) {
		if (by_id)
			p_err("%s id %u is not a struct_ops map", info->name,
			      info->id);
		free(info);
		close(fd);
		return by_id ? -1 : 0;
	}
	if (ARRAY_RESERVE(c->maps, c->cap, c->n + 1, 8)) {
		free(info);
		close(fd);
		return p_err("out of memory");
	}
	c->maps[c->n++] = (struct so_map){ fd, info };
	return 0;
}

/*
 * Collect the maps of the handle in cur (none: every struct_ops map).
 * Reports errors, including a name that matched nothing.
 */
static int collect(struct so_ctx *c, struct argcur *cur)
{
	struct obj_walk ow = OBJ_WALK_INIT(OBJ_MAP);
	const char *name = NULL, *w;
	__u32 id = 0;
	int fd, ret;

	if (load_vmlinux(c))
		return -1;
	if (arg_more(cur)) {
		if (arg_take(cur, "id")) {
			w = arg_next(cur);
			if (!w || parse_u32(w, &id) || !id)
				return p_err("invalid id %s", w ?: "(missing)");
			fd = bpf_map_get_fd_by_id(id);
			if (fd < 0)
				return p_err("can't get map by id (%u): %s", id,
					     strerror(errno));
			if (consider(c, fd, NULL, true))
				return -1;
			return arg_done(cur);
		}
		if (!arg_take(cur, "name"))
			return p_err("expected 'id' or 'name', got: '%s'?",
				     arg_peek(cur));
		name = arg_next(cur);
		if (!name)
			return p_err("struct_ops map name is missing");
		if (arg_done(cur))
			return -1;
	}
	while (!(ret = obj_walk_next(&ow))) {
		if (consider(c, ow.fd, name, false))
			return -1;
	}
	if (ret < 0)
		return obj_walk_report(&ow);
	if (name && !c->n)
		return p_err("no struct_ops found for %s", name);
	return 0;
}

static int do_show(int argc, char **argv)
{
	ARGCUR(cur, argc, argv);
	struct so_ctx c = {};
	size_t i;

	if (collect(&c, &cur)) {
		so_ctx_free(&c);
		return -1;
	}
	if (json_wtr)
		jsonw_start_array(json_wtr);
	for (i = 0; i < c.n; i++) {
		const struct bpf_map_info *info = c.maps[i].info;

		if (!json_wtr) {
			printf("%u: %-15s %-32s\n", info->id, info->name,
			       kern_name(&c, info));
			continue;
		}
		jsonw_start_object(json_wtr);
		jsonw_uint_field(json_wtr, "id", info->id);
		jsonw_string_field(json_wtr, "name", info->name);
		jsonw_string_field(json_wtr, "kernel_struct_ops",
				   kern_name(&c, info));
		jsonw_end_object(json_wtr);
	}
	if (json_wtr)
		jsonw_end_array(json_wtr);
	so_ctx_free(&c);
	return 0;
}

/* Append to buf (bounded); a cut name is still a valid string. */
static void cat(char *buf, size_t size, const char *s)
{
	size_t n = strlen(buf);

	if (n + 1 < size)
		snprintf(buf + n, size - n, "%s", s);
}

/*
 * A function pointer slot of a struct_ops value holds the id of the
 * program behind it: "u32 (struct sock *) NAME/prog_id:ID", or "... 0"
 * for an empty slot, as bpftool prints it.
 */
static int fptr_str(void *ctx, const struct btf *btf, __u32 proto_id,
		    __u64 value, char *buf, size_t size)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	char pname[128], tail[192];
	int fd;

	(void)ctx;
	btf_func_sig(btf, proto_id, buf, size);
	if (!value || value > 0xffffffffULL) {
		snprintf(tail, sizeof(tail), " %llu",
			 (unsigned long long)value);
	} else {
		pname[0] = '\0';
		fd = bpf_prog_get_fd_by_id(value);
		if (fd >= 0) {
			if (!bpf_obj_get_info_by_fd(fd, &info, &len))
				prog_full_name(fd, &info, pname,
					       sizeof(pname));
			close(fd);
		}
		snprintf(tail, sizeof(tail), " %s/prog_id:%llu", pname,
			 (unsigned long long)value);
	}
	cat(buf, size, tail);
	return strlen(buf);
}

/* {"bpf_map_info": {...}}, {"bpf_struct_ops_NAME": {...}} for one map. */
static int dump_one(struct so_ctx *c, const struct so_map *m,
		    struct jsonw *jw)
{
	const struct bpf_map_info *info = m->info;
	const struct btf_type *t;
	void *value;
	int zero = 0, err;

	t = btf__type_by_id(c->vmlinux, info->btf_vmlinux_value_type_id);
	if (!t)
		return p_err("%s id %u: no value type in the kernel's BTF",
			     info->name, info->id);
	value = calloc(1, info->value_size ?: 1);
	if (!value)
		return p_err("out of memory");
	if (bpf_map_lookup_elem(m->fd, &zero, value)) {
		int e = errno;

		free(value);
		return p_err("can't lookup struct_ops map %s id %u: %s",
			     info->name, info->id, strerror(e));
	}
	jsonw_start_object(jw);
	jsonw_name(jw, "bpf_map_info");
	err = btf_value_dump(jw, c->vmlinux, c->info_type_id, info,
			     !json_wtr);
	jsonw_end_object(jw);
	jsonw_start_object(jw);
	jsonw_name(jw, btf__name_by_offset(c->vmlinux, t->name_off));
	if (!err)
		err = btf_value_dump_fptr(jw, c->vmlinux,
					  info->btf_vmlinux_value_type_id,
					  value, !json_wtr, fptr_str, NULL);
	jsonw_end_object(jw);
	free(value);
	return err ? p_err("can't print struct_ops map %s id %u",
			   info->name, info->id) : 0;
}

/*
 * The value is printed as JSON in both modes, indented in plain mode, as
 * bpftool does; here always inside one array, so that it parses.
 */
static int do_dump(int argc, char **argv)
{
	ARGCUR(cur, argc, argv);
	struct so_ctx c = {};
	struct jsonw *jw = json_wtr;
	size_t i;
	int err = 0;

	if (collect(&c, &cur)) {
		so_ctx_free(&c);
		return -1;
	}
	if (!jw) {
		jw = jsonw_new(stdout);
		if (!jw) {
			so_ctx_free(&c);
			return p_err("can't create a JSON writer");
		}
		jsonw_pretty(jw, true);
	}
	jsonw_start_array(jw);
	for (i = 0; i < c.n; i++)
		if (dump_one(&c, &c.maps[i], jw))
			err = -1;
	jsonw_end_array(jw);
	if (jw != json_wtr)
		jsonw_destroy(&jw);
	so_ctx_free(&c);
	return err;
}

static int do_unregister(int argc, char **argv)
{
	ARGCUR(cur, argc, argv);
	struct so_ctx c = {};
	size_t i;
	int zero = 0, err = 0;

	if (argc != 2)
		return p_err("unregister needs one STRUCT_OPS_MAP: id ID or name NAME");
	if (collect(&c, &cur)) {
		so_ctx_free(&c);
		return -1;
	}
	for (i = 0; i < c.n; i++) {
		const struct bpf_map_info *info = c.maps[i].info;

		if (bpf_map_delete_elem(c.maps[i].fd, &zero)) {
			int e = errno;	/* kern_name()'s BTF lookup may change it */

			err = p_err("can't unload %s %s id %u: %s",
				    kern_name(&c, info), info->name, info->id,
				    strerror(e));
			continue;
		}
		p_info("Unregistered %s %s id %u", kern_name(&c, info),
		       info->name, info->id);
	}
	so_ctx_free(&c);
	return cmd_done(err);
}

/* Register one struct_ops map of a loaded object; 0 or -1 (reported). */
static int register_map(struct so_ctx *c, struct bpf_map *map,
			const char *linkdir)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	struct bpf_link *link;
	char path[4096];
	int err = 0;

	link = bpf_map__attach_struct_ops(map);
	if (!link)
		return p_err("can't register struct_ops %s: %s",
			     bpf_map__name(map), strerror(errno));
	if (bpf_obj_get_info_by_fd(bpf_map__fd(map), &info, &len)) {
		p_info("Registered %s but can't find id: %s",
		       bpf_map__name(map), strerror(errno));
	} else if (linkdir && (bpf_map__map_flags(map) & MAP_F_LINK)) {
		snprintf(path, sizeof(path), "%s/%s", linkdir, info.name);
		err = bpf_link__pin(link, path);
		if (err)
			err = p_err("can't pin the link of %s at %s: %s",
				    info.name, path, strerror(-err));
	}
	if (!err && info.id)
		p_info("Registered %s %s id %u", kern_name(c, &info),
		       info.name, info.id);
	/* the registration outlives us; the link object only goes away */
	bpf_link__disconnect(link);
	bpf_link__destroy(link);
	return err;
}

static int do_register(int argc, char **argv)
{
	struct so_ctx c = {};
	const char *file, *linkdir = NULL;
	struct bpf_object *obj;
	struct bpf_map *map;
	int n = 0, err = 0;

	if (argc != 1 && argc != 2)
		return p_err("register needs OBJ [LINK_DIR]");
	file = argv[0];
	if (argc == 2) {
		linkdir = argv[1];
		if (mount_bpffs_for_pin(linkdir, linkdir))
			return -1;
	}
	if (load_vmlinux(&c))
		return -1;
	obj = bpf_object__open_file(file, NULL);
	if (!obj) {
		so_ctx_free(&c);
		return p_err("can't open %s: %s", file, strerror(errno));
	}
	if (bpf_object__load(obj)) {
		err = p_err_cap(errno, "can't load %s", file);
		goto out;
	}
	bpf_object__for_each_map(map, obj) {
		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS)
			continue;
		n++;
		if (register_map(&c, map, linkdir))
			err = -1;
	}
	if (!n)
		err = p_err("no struct_ops found in %s", file);
	if (!err && json_wtr)
		jsonw_null(json_wtr);
out:
	bpf_object__close(obj);
	so_ctx_free(&c);
	return err;
}

static const char help_text[] =
	"Usage: %1$s struct_ops { show | list } [STRUCT_OPS_MAP]\n"
	"       %1$s struct_ops dump [STRUCT_OPS_MAP]\n"
	"       %1$s struct_ops register OBJ [LINK_DIR]\n"
	"       %1$s struct_ops unregister STRUCT_OPS_MAP\n"
	"       %1$s struct_ops help\n"
	"\n"
	"       STRUCT_OPS_MAP := [ id STRUCT_OPS_MAP_ID | name STRUCT_OPS_MAP_NAME ]\n"
	"       " HELP_SPEC_OPTIONS " }\n";

CMD_OBJECT(struct_ops, help_text,
	{ "show",	do_show },
	{ "list",	do_show },
	{ "register",	do_register },
	{ "unregister",	do_unregister },
	{ "dump",	do_dump },
	CMD_HELP)
