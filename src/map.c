// SPDX-License-Identifier: GPL-2.0-only
/*
 * map object: the command table, show/list, create, pin, freeze and help.
 * Element commands live in map_elem.c, dump in map_dump.c, event_pipe in
 * map_event.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "args.h"
#include "fd_batch.h"
#include "handle.h"
#include "holders.h"
#include "main.h"
#include "map.h"
#include "json_writer.h"
#include "names.h"
#include "obj_walk.h"
#include "pin.h"
#include "pinned.h"

#define OBJ_NAME_LEN 16

bool map_is_percpu(__u32 type)
{
	return type == BPF_MAP_TYPE_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       type == BPF_MAP_TYPE_LRU_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

bool map_is_of_maps(__u32 type)
{
	return type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
	       type == BPF_MAP_TYPE_HASH_OF_MAPS;
}

unsigned int map_ncpus(void)
{
	int n = libbpf_num_possible_cpus();

	return n > 0 ? n : 1;
}

size_t map_value_buf_size(const struct bpf_map_info *info)
{
	size_t stride = ((size_t)info->value_size + 7) & ~(size_t)7;

	if (map_is_percpu(info->type))
		return stride * map_ncpus();
	return info->value_size;
}

/* The device of an offloaded map, by name when it lives in our netns. */
static bool dev_name(const struct bpf_map_info *info, char *name)
{
	struct stat st;

	if (stat("/proc/self/ns/net", &st) || st.st_dev != info->netns_dev ||
	    st.st_ino != info->netns_ino)
		return false;
	return if_indextoname(info->ifindex, name) != NULL;
}

void map_header_plain(struct obuf *ob, const struct bpf_map_info *info)
{
	const char *t = map_type_name(info->type);
	char name[IF_NAMESIZE];

	obuf_printf(ob, "%u: ", info->id);
	if (t)
		obuf_printf(ob, "%s  ", t);
	else
		obuf_printf(ob, "type %u  ", info->type);
	if (info->name[0])
		obuf_printf(ob, "name %.*s  ", OBJ_NAME_LEN, info->name);
	obuf_printf(ob, "flags 0x%x", info->map_flags);
	if (info->ifindex) {
		if (dev_name(info, name))
			obuf_printf(ob, "  offloaded_to %s", name);
		else
			obuf_printf(ob, "  offloaded_to ifindex %u  ns_dev %llu  ns_ino %llu",
				    info->ifindex,
				    (unsigned long long)info->netns_dev,
				    (unsigned long long)info->netns_ino);
	}
	obuf_putc(ob, '\n');
}

void map_header_json(struct jsonw *j, const struct bpf_map_info *info)
{
	const char *t = map_type_name(info->type);
	char name[OBJ_NAME_LEN + 1];

	jsonw_name(j, "id");
	jsonw_uint(j, info->id);
	jsonw_name(j, "type");
	if (t)
		jsonw_string_len(j, t, strlen(t));
	else
		jsonw_uint(j, info->type);
	if (info->name[0]) {
		snprintf(name, sizeof(name), "%.*s", OBJ_NAME_LEN, info->name);
		jsonw_name(j, "name");
		jsonw_string_len(j, name, strlen(name));
	}
	jsonw_name(j, "flags");
	jsonw_uint(j, info->map_flags);
}

static void dev_json(struct jsonw *j, const struct bpf_map_info *info)
{
	char name[IF_NAMESIZE];

	if (!info->ifindex)
		return;
	jsonw_name(j, "dev");
	jsonw_start_object(j);
	jsonw_name(j, "ifindex");
	jsonw_uint(j, info->ifindex);
	jsonw_name(j, "ns_dev");
	jsonw_uint(j, info->netns_dev);
	jsonw_name(j, "ns_inode");
	jsonw_uint(j, info->netns_ino);
	if (dev_name(info, name)) {
		jsonw_name(j, "ifname");
		jsonw_string_len(j, name, strlen(name));
	}
	jsonw_end_object(j);
}

/* ---------------------------------------------------------------- show */

struct map_fdinfo {
	bool has_memlock, has_owner_type, has_owner_jited;
	__u64 memlock, frozen, owner_type, owner_jited;
};

/* "key:\tNUMBER" at the start of line? */
static bool fdinfo_val(const char *line, const char *key, size_t klen,
		       __u64 *v)
{
	if (memcmp(line, key, klen) || line[klen] != ':')
		return false;
	*v = strtoull(line + klen + 1, NULL, 10);
	return true;
}

static void parse_fdinfo(const char *p, struct map_fdinfo *fi)
{
	for (; *p; p++) {
		/* one test of the first letter skips most lines */
		if (*p == 'm' && fdinfo_val(p, "memlock", 7, &fi->memlock))
			fi->has_memlock = true;
		else if (*p == 'f')
			fdinfo_val(p, "frozen", 6, &fi->frozen);
		else if (*p == 'o' &&
			 fdinfo_val(p, "owner_prog_type", 15, &fi->owner_type))
			fi->has_owner_type = true;
		else if (*p == 'o' &&
			 fdinfo_val(p, "owner_jited", 11, &fi->owner_jited))
			fi->has_owner_jited = true;
		p = strchrnul(p, '\n');
		if (!*p)
			break;
	}
}

struct show_ctx {
	struct holders *holders;
	struct pin_table *pins;
	struct obuf *ob;
	int infodir;		/* /proc/self/fdinfo, or -1 */
	struct fd_batch spent;	/* map and fdinfo fds, closed in runs */
};

/*
 * Every key show needs, from one read of the fd's fdinfo. The file is
 * opened relative to an open fdinfo directory (no /proc/self path walk)
 * and joins the map fds in the batch: they come out consecutive, so the
 * whole show closes them with a few close_range() calls.
 */
static void read_fdinfo(struct show_ctx *s, int fd, __u32 id,
			struct map_fdinfo *fi)
{
	char name[32], buf[2048];
	const char *held;
	ssize_t n;
	int f;

	memset(fi, 0, sizeof(*fi));
	/* a holder's fdinfo says the same about the map: no read of ours */
	held = holders_fdinfo(s->holders, id);
	if (held) {
		parse_fdinfo(held, fi);
		return;
	}
	if (s->infodir >= 0)
		snprintf(name, sizeof(name), "%d", fd);
	else
		snprintf(name, sizeof(name), "/proc/self/fdinfo/%d", fd);
	f = openat(s->infodir >= 0 ? s->infodir : AT_FDCWD, name,
		   O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return;
	n = read(f, buf, sizeof(buf) - 1);
	fdb_add(&s->spent, f);
	if (n <= 0)
		return;
	buf[n] = '\0';
	parse_fdinfo(buf, fi);
}

static void show_plain(struct show_ctx *s, int fd,
		       const struct bpf_map_info *info)
{
	struct obuf *ob = s->ob;
	struct map_fdinfo fi;
	const char *pt;

	read_fdinfo(s, fd, info->id, &fi);
	map_header_plain(ob, info);
	obuf_printf(ob, "\tkey %uB  value %uB  max_entries %u", info->key_size,
		    info->value_size, info->max_entries);
	if (fi.has_memlock)
		obuf_printf(ob, "  memlock %lluB",
			    (unsigned long long)fi.memlock);
	if (info->type == BPF_MAP_TYPE_PROG_ARRAY &&
	    (fi.has_owner_type || fi.has_owner_jited)) {
		obuf_puts(ob, "\n\t");
		pt = prog_type_name(fi.owner_type);
		if (fi.has_owner_type && pt)
			obuf_printf(ob, "owner_prog_type %s  ", pt);
		else if (fi.has_owner_type)
			obuf_printf(ob, "owner_prog_type %llu  ",
				    (unsigned long long)fi.owner_type);
		if (fi.has_owner_jited)
			obuf_printf(ob, "owner%s jited",
				    fi.owner_jited ? "" : " not");
	}
	obuf_flush(ob);
	if (s->pins)
		pins_print(s->pins, info->id);
	if (info->btf_id || fi.frozen)
		printf("\n\t");
	if (info->btf_id)
		printf("btf_id %u", info->btf_id);
	if (fi.frozen)
		printf("%sfrozen", info->btf_id ? "  " : "");
	holders_print(s->holders, info->id);
	printf("\n");
}

static void show_json(struct show_ctx *s, int fd,
		      const struct bpf_map_info *info)
{
	struct map_fdinfo fi;
	const char *pt;
	struct jsonw *j = json_wtr;

	read_fdinfo(s, fd, info->id, &fi);
	jsonw_start_object(j);
	map_header_json(j, info);
	dev_json(j, info);
	jsonw_uint_field(json_wtr, "bytes_key", info->key_size);
	jsonw_uint_field(json_wtr, "bytes_value", info->value_size);
	jsonw_uint_field(json_wtr, "max_entries", info->max_entries);
	if (fi.has_memlock)
		jsonw_int_field(json_wtr, "bytes_memlock", fi.memlock);
	if (info->type == BPF_MAP_TYPE_PROG_ARRAY) {
		pt = prog_type_name(fi.owner_type);
		if (fi.has_owner_type && pt)
			jsonw_string_field(json_wtr, "owner_prog_type", pt);
		else if (fi.has_owner_type)
			jsonw_uint_field(json_wtr, "owner_prog_type",
					 fi.owner_type);
		if (fi.has_owner_jited)
			jsonw_bool_field(json_wtr, "owner_jited",
					 fi.owner_jited);
	}
	jsonw_int_field(json_wtr, "frozen", fi.frozen ? 1 : 0);
	if (info->btf_id)
		jsonw_int_field(json_wtr, "btf_id", info->btf_id);
	if (s->pins)
		pins_print(s->pins, info->id);
	holders_print(s->holders, info->id);
	jsonw_end_object(j);
}

/* What show prints of one map, read before any is printed. */
struct map_rec {
	struct bpf_map_info info;
	int err;
};

static void fetch_rec(int fd, struct map_rec *r)
{
	__u32 len = sizeof(r->info);

	memset(r, 0, sizeof(*r));
	if (bpf_obj_get_info_by_fd(fd, &r->info, &len))
		r->err = errno;
}

static int show_rec(struct show_ctx *s, int fd, const struct map_rec *r)
{
	if (r->err)
		return p_err("can't get map info: %s", strerror(r->err));
	if (json_wtr)
		show_json(s, fd, &r->info);
	else
		show_plain(s, fd, &r->info);
	return 0;
}

static int show_one(struct show_ctx *s, int fd)
{
	struct map_rec r;

	fetch_rec(fd, &r);
	return show_rec(s, fd, &r);
}

static int show_subset(struct show_ctx *s, int *fds, int n)
{
	int i, err = 0;

	if (json_wtr && n > 1)
		jsonw_start_array(json_wtr);
	for (i = 0; i < n; i++) {
		if (!err)
			err = show_one(s, fds[i]);
		fdb_add(&s->spent, fds[i]);
	}
	if (json_wtr && n > 1)
		jsonw_end_array(json_wtr);
	return err;
}

static void fetch_cb(void *ctx, int fd, void *rec)
{
	(void)ctx;
	fetch_rec(fd, rec);
}

static int show_cb(void *ctx, int fd, void *rec)
{
	return show_rec(ctx, fd, rec);
}

static const struct obj_show_ops show_ops = {
	.kind = OBJ_MAP,
	.rdonly = true,
	.rec_size = sizeof(struct map_rec),
	.fetch = fetch_cb,
	.show = show_cb,
};

static int do_show(int argc, char **argv)
{
	ARGCUR(c, argc, argv);
	struct show_ctx s = { .spent = FD_BATCH_INIT };
	int *fds = NULL, n = 0, err;

	if (argc != 0 && argc != 2)
		return p_err("what is '%s'?", argv[argc > 2 ? 2 : 0]);
	/* a bad handle fails before the walks of /proc and bpffs */
	if (argc) {
		n = map_parse_fds(&c, &fds, true);
		if (n < 1) {
			free(fds);
			return -1;
		}
	}
	s.ob = malloc(sizeof(*s.ob));
	if (!s.ob) {
		err = p_err("out of memory");
		goto out;
	}
	obuf_init(s.ob, stdout);
	/* the holder walk's thread runs while bpffs and the ids are walked */
	s.holders = holders_start(OBJ_MAP);
	if (opts.bpffs)
		s.pins = pins_build(OBJ_MAP);
	s.infodir = open("/proc/self/fdinfo", O_RDONLY | O_DIRECTORY |
			 O_CLOEXEC);
	err = argc ? show_subset(&s, fds, n) :
		     obj_show_all(&show_ops, &s, &s.spent);
	n = 0;		/* the batch owns them now */
	fdb_flush(&s.spent);
	if (s.infodir >= 0)
		close(s.infodir);
	holders_free(s.holders);
	pins_free(s.pins);
	free(s.ob);
out:
	while (n > 0)
		close(fds[--n]);
	free(fds);
	return err;
}

/* ---------------------------------------------------------------- create */

static const struct {
	const char *name;
	__u32 bit;
} map_flag_names[] = {
	{ "NO_PREALLOC", 1U << 0 },
	{ "NO_COMMON_LRU", 1U << 1 },
	{ "NUMA_NODE", 1U << 2 },
	{ "RDONLY", 1U << 3 },
	{ "WRONLY", 1U << 4 },
	{ "STACK_BUILD_ID", 1U << 5 },
	{ "ZERO_SEED", 1U << 6 },
	{ "RDONLY_PROG", 1U << 7 },
	{ "WRONLY_PROG", 1U << 8 },
	{ "CLONE", 1U << 9 },
	{ "MMAPABLE", 1U << 10 },
	{ "PRESERVE_ELEMS", 1U << 11 },
	{ "INNER_MAP", 1U << 12 },
	{ "LINK", 1U << 13 },
	{ "PATH_FD", 1U << 14 },
	{ "VTYPE_BTF_OBJ_FD", 1U << 15 },
	{ "TOKEN_FD", 1U << 16 },
	{ "SEGV_ON_FAULT", 1U << 17 },
	{ "NO_USER_CONV", 1U << 18 },
};

/* One flag word: a number, or a name with or without "BPF_F_", any case. */
static int parse_one_flag(const char *w, size_t len, __u32 *flags)
{
	char word[64];
	__u32 v;
	size_t i;

	if (!len || len >= sizeof(word))
		return -1;
	memcpy(word, w, len);
	word[len] = '\0';
	if (!parse_u32(word, &v)) {
		*flags |= v;
		return 0;
	}
	w = word;
	if (!strncasecmp(w, "BPF_F_", 6))
		w += 6;
	for (i = 0; i < sizeof(map_flag_names) / sizeof(map_flag_names[0]); i++) {
		if (!strcasecmp(w, map_flag_names[i].name)) {
			*flags |= map_flag_names[i].bit;
			return 0;
		}
	}
	return -1;
}

/* FLAGS: a number, or names and numbers joined by ',' or '|'. */
static int parse_map_flags(const char *s, __u32 *flags)
{
	const char *p = s;

	*flags = 0;
	for (;;) {
		size_t n = strcspn(p, ",|");

		if (parse_one_flag(p, n, flags))
			return p_err("can't parse map flags '%s': unknown flag '%.*s' (use a number or names such as BPF_F_NO_PREALLOC)",
				     s, (int)n, p);
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

struct create_args {
	const char *file, *name;
	int type;
	__u32 key, value, entries, flags;
	bool has_key, has_value, has_entries, has_flags;
	__u32 ifindex;
	int inner_fd;
};

static int create_size(struct argcur *c, bool *has, __u32 *v, const char *what)
{
	if (*has)
		return p_err("%s already specified", what);
	*has = true;
	return arg_u32(c, v, what);
}

static int create_word(struct create_args *a, struct argcur *c)
{
	const char *w = arg_next(c);

	if (is_prefix(w, "type")) {
		if (a->type >= 0)
			return p_err("map type already specified");
		w = arg_next(c);
		a->type = map_type_parse(w);
		if (a->type < 0)
			return p_err("unrecognized map type: %s", w);
	} else if (is_prefix(w, "name")) {
		a->name = arg_next(c);
		if (strlen(a->name) > OBJ_NAME_LEN - 1)
			p_info("Warning: map name is longer than %u characters, it will be truncated.",
			       OBJ_NAME_LEN - 1);
	} else if (is_prefix(w, "key")) {
		return create_size(c, &a->has_key, &a->key, "key size");
	} else if (is_prefix(w, "value")) {
		return create_size(c, &a->has_value, &a->value, "value size");
	} else if (is_prefix(w, "entries")) {
		return create_size(c, &a->has_entries, &a->entries,
				   "max entries");
	} else if (is_prefix(w, "flags")) {
		if (a->has_flags)
			return p_err("flags already specified");
		a->has_flags = true;
		return parse_map_flags(arg_next(c), &a->flags);
	} else if (is_prefix(w, "dev") || is_prefix(w, "offload_dev")) {
		if (a->ifindex)
			return p_err("offload device already specified");
		w = arg_next(c);
		a->ifindex = if_nametoindex(w);
		if (!a->ifindex)
			return p_err("unrecognized netdevice '%s': %s", w,
				     strerror(errno));
	} else if (is_prefix(w, "inner_map")) {
		if (a->inner_fd >= 0)
			return p_err("inner map already specified");
		a->inner_fd = map_parse_fd(c, true);
		if (a->inner_fd < 0)
			return -1;
	} else {
		return p_err("unknown arg %s", w);
	}
	return 0;
}

static int do_create(int argc, char **argv)
{
	ARGCUR(c, argc, argv);
	struct create_args a = { .type = -1, .inner_fd = -1 };
	LIBBPF_OPTS(bpf_map_create_opts, o);
	struct stat st;
	int fd, e, err = 0;

	if (argc < 7)
		return p_err("'%s' needs at least 7 arguments, %d found",
			     argv[-1], argc);
	a.file = arg_next(&c);
	while (!err && arg_more(&c)) {
		if (c.argc < 2)
			err = p_err("'%s' needs at least 2 arguments, %d found",
				    arg_peek(&c), c.argc - 1);
		else
			err = create_word(&a, &c);
	}
	if (!err && !a.name)
		err = p_err("map name not specified");
	if (!err && a.type < 0)
		err = p_err("map type not specified");
	/* refuse before creating anything: a pin is never replaced */
	if (!err && !lstat(a.file, &st))
		err = p_err("can't pin BPF object: path '%s' already exists",
			    a.file);
	if (err)
		goto out;
	o.map_flags = a.flags;
	o.map_ifindex = a.ifindex;
	if (a.inner_fd >= 0)
		o.inner_map_fd = a.inner_fd;
	fd = bpf_map_create(a.type, a.name, a.key, a.value, a.entries, &o);
	if (fd < 0) {
		/* bpftool exits 255 here, whatever the errno */
		e = errno;
		err = p_err_cap(e, "map create failed");
		goto out;
	}
	err = pin_fd_at(fd, a.file);
	close(fd);
	if (!err && json_wtr)
		jsonw_null(json_wtr);
out:
	if (a.inner_fd >= 0)
		close(a.inner_fd);
	return err;
}

/* ---------------------------------------------------------------- pin, freeze */

/* a read-only fd is enough to pin the map again */
static int map_parse_fd_rdonly(struct argcur *c)
{
	return map_parse_fd(c, true);
}

static int do_pin(int argc, char **argv)
{
	return do_pin_any(argc, argv, map_parse_fd_rdonly);
}

static int do_freeze(int argc, char **argv)
{
	ARGCUR(c, argc, argv);
	int fd, err = 0;

	if (argc < 2)
		return p_err("'%s' needs at least 2 arguments, %d found",
			     argv[-1], argc);
	fd = map_parse_fd(&c, false);
	if (fd < 0)
		return -1;
	if (arg_more(&c))
		err = p_err("what is '%s'?", arg_peek(&c));
	else if (bpf_map_freeze(fd))
		err = p_err_errno(errno, "failed to freeze map: %s",
				  strerror(errno));
	close(fd);
	return cmd_done(err);
}

/* ---------------------------------------------------------------- help, table */

static const char help_text[] =
	"Usage: %1$s map { show | list }   [MAP]\n"
	"       %1$s map create     FILE type TYPE key KEY_SIZE value VALUE_SIZE \\\n"
	"                                  entries MAX_ENTRIES name NAME [flags FLAGS] \\\n"
	"                                  [inner_map MAP] [offload_dev NAME]\n"
	"       %1$s map dump       MAP\n"
	"       %1$s map update     MAP [key DATA] [value VALUE] [UPDATE_FLAGS]\n"
	"       %1$s map lookup     MAP [key DATA]\n"
	"       %1$s map getnext    MAP [key DATA]\n"
	"       %1$s map delete     MAP  key DATA\n"
	"       %1$s map pin        MAP  FILE\n"
	"       %1$s map event_pipe MAP [cpu N index M]\n"
	"       %1$s map peek       MAP\n"
	"       %1$s map push       MAP value VALUE\n"
	"       %1$s map pop        MAP\n"
	"       %1$s map enqueue    MAP value VALUE\n"
	"       %1$s map dequeue    MAP\n"
	"       %1$s map freeze     MAP\n"
	"       %1$s map help\n"
	"\n"
	"       " HELP_SPEC_MAP "\n"
	"       DATA := { [hex] BYTES }\n"
	"       " HELP_SPEC_PROGRAM "\n"
	"       VALUE := { DATA | MAP | PROG }\n"
	"       UPDATE_FLAGS := { any | exist | noexist }\n"
	"       FLAGS := { NUMBER | FLAG[,FLAG...] }   (FLAG: BPF_F_NO_PREALLOC, no_prealloc, ...)\n"
	"       TYPE := { hash | array | prog_array | perf_event_array | percpu_hash |\n"
	"                 percpu_array | stack_trace | cgroup_array | lru_hash |\n"
	"                 lru_percpu_hash | lpm_trie | array_of_maps | hash_of_maps |\n"
	"                 devmap | devmap_hash | sockmap | cpumap | xskmap | sockhash |\n"
	"                 cgroup_storage | reuseport_sockarray | percpu_cgroup_storage |\n"
	"                 queue | stack | sk_storage | struct_ops | ringbuf | inode_storage |\n"
	"                 task_storage | bloom_filter | user_ringbuf | cgrp_storage | arena |\n"
	"                 insn_array | rhash }\n"
	"       " HELP_SPEC_OPTIONS " |\n"
	"                    {-f|--bpffs} | {-n|--nomount} }\n";

CMD_OBJECT(map, help_text,
	{ "show",	do_show },
	{ "list",	do_show },
	CMD_HELP,
	{ "dump",	do_map_dump },
	{ "update",	do_map_update },
	{ "lookup",	do_map_lookup },
	{ "getnext",	do_map_getnext },
	{ "delete",	do_map_delete },
	{ "pin",	do_pin },
	{ "event_pipe",	do_map_event_pipe },
	{ "create",	do_create },
	{ "peek",	do_map_lookup },
	{ "push",	do_map_update },
	{ "enqueue",	do_map_update },
	{ "pop",	do_map_pop },
	{ "dequeue",	do_map_pop },
	{ "freeze",	do_freeze })
