// SPDX-License-Identifier: GPL-2.0-only
/*
 * prog object: the command table, help and "prog show". The other prog
 * commands live in the files named in prog.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "btf_value.h"
#include "fd_batch.h"
#include "handle.h"
#include "holders.h"
#include "main.h"
#include "names.h"
#include "obj_walk.h"
#include "pinned.h"
#include "prog.h"

#define META_PREFIX	"bpf_metadata_"
#define META_PREFIX_LEN	(sizeof(META_PREFIX) - 1)
#define MAP_IDS_INLINE	64
#define FULL_NAME_LEN	128

/* What one show command computes once and reuses for every program. */
struct show_ctx {
	struct holders *holders;
	struct pin_table *pins;
	long long boot_offset_ns;	/* CLOCK_REALTIME - CLOCK_BOOTTIME */
	/* the last loaded_at formatted: programs are loaded in bursts */
	long long loaded_secs;
	char loaded_buf[64];
	/* map ids known not to hold metadata (most maps): skip their info */
	__u32 *plain_maps;	/* a set: see map_is_plain() */
	size_t n_plain, cap_plain;
	/* the last BTF loaded, for full names and metadata: one per object */
	struct btf_cache btf;
	/* fds we are done with, closed in runs (fd_batch.h) */
	struct fd_batch spent;
};

/* One prog's info plus its map ids. */
struct prog_rec {
	struct bpf_prog_info info;
	__u32 ids_inline[MAP_IDS_INLINE];
	__u32 *map_ids;
	struct bpf_func_info finfo;	/* the first one: names the program */
	/* its bpf_metadata_ map's value (and info), read with the rest */
	void *meta;
	struct bpf_map_info meta_info;
	bool orphaned;
	bool oom;	/* the map id array could not be allocated */
	int err;	/* errno of a failed fetch, reported by show */
};

/* memlock from a holder's fdinfo when some process holds the program */
static int prog_memlock(const struct show_ctx *c, int fd, __u32 id,
			__u64 *memlock)
{
	if (holders_memlock(c->holders, id, memlock))
		return 0;
	return fdinfo_u64(fd, "memlock", memlock);
}

/* Fill r from fd; prints nothing: a failure is left in r->err. */
static void prog_rec_fetch(int fd, struct prog_rec *r)
{
	__u32 len = sizeof(r->info), nr;
	int err;

	memset(r, 0, sizeof(*r));
	r->map_ids = r->ids_inline;
	r->info.nr_map_ids = MAP_IDS_INLINE;
	r->info.map_ids = (__u64)(unsigned long)r->ids_inline;
	r->info.nr_func_info = 1;
	r->info.func_info_rec_size = sizeof(r->finfo);
	r->info.func_info = (__u64)(unsigned long)&r->finfo;
	err = bpf_obj_get_info_by_fd(fd, &r->info, &len) ? errno : 0;
	r->orphaned = err == ENODEV;
	if (err && !r->orphaned) {
		r->err = err;
		return;
	}
	nr = r->info.nr_map_ids;
	if (nr <= MAP_IDS_INLINE)
		return;
	/* more maps than the inline array: ask again with room for all */
	r->map_ids = calloc(nr, sizeof(__u32));
	if (!r->map_ids) {
		r->map_ids = r->ids_inline;
		r->oom = true;
		r->err = ENOMEM;
		return;
	}
	memset(&r->info, 0, sizeof(r->info));
	len = sizeof(r->info);
	r->info.nr_map_ids = nr;
	r->info.map_ids = (__u64)(unsigned long)r->map_ids;
	r->info.nr_func_info = 1;
	r->info.func_info_rec_size = sizeof(r->finfo);
	r->info.func_info = (__u64)(unsigned long)&r->finfo;
	if (bpf_obj_get_info_by_fd(fd, &r->info, &len) && errno != ENODEV) {
		r->err = errno;
		return;
	}
	if (r->info.nr_map_ids > nr)
		r->info.nr_map_ids = nr;
}

/* A fetch failure in bpftool's words; 0 when there was none. */
static int prog_rec_check(const struct prog_rec *r)
{
	if (r->oom)
		return p_err("out of memory");
	if (r->err)
		return p_err("can't get prog info: %s", strerror(r->err));
	return 0;
}

static void prog_rec_release(struct prog_rec *r)
{
	if (r->map_ids != r->ids_inline)
		free(r->map_ids);
	free(r->meta);
}

static long long boot_offset_ns(void)
{
	struct timespec rt, bt;

	if (clock_gettime(CLOCK_REALTIME, &rt) ||
	    clock_gettime(CLOCK_BOOTTIME, &bt))
		return 0;
	return (rt.tv_sec - bt.tv_sec) * 1000000000LL +
	       (rt.tv_nsec - bt.tv_nsec);
}

/* load_time is ns since boot; bpftool shows wall clock seconds */
static long long load_time_secs(const struct show_ctx *c, __u64 load_ns)
{
	return (c->boot_offset_ns + (long long)load_ns) / 1000000000LL;
}

static void fmt_tag(const unsigned char *tag, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 8; i++) {
		buf[2 * i] = hex[tag[i] >> 4];
		buf[2 * i + 1] = hex[tag[i] & 15];
	}
	buf[16] = '\0';
}

/* Name of an offload device when it lives in our netns, else NULL. */
static const char *dev_name(const struct bpf_prog_info *i, char *buf)
{
	struct stat st;

	if (stat("/proc/self/ns/net", &st) ||
	    st.st_dev != i->netns_dev || st.st_ino != i->netns_ino)
		return NULL;
	return if_indextoname(i->ifindex, buf);
}

static void print_dev(const struct bpf_prog_info *i)
{
	char buf[IF_NAMESIZE];
	const char *name;

	if (!i->ifindex)
		return;
	name = dev_name(i, buf);
	if (json_wtr) {
		jsonw_name(json_wtr, "dev");
		jsonw_start_object(json_wtr);
		jsonw_uint_field(json_wtr, "ifindex", i->ifindex);
		jsonw_uint_field(json_wtr, "ns_dev", i->netns_dev);
		jsonw_uint_field(json_wtr, "ns_inode", i->netns_ino);
		if (name)
			jsonw_string_field(json_wtr, "ifname", name);
		jsonw_end_object(json_wtr);
	} else if (name) {
		printf("  offloaded_to %s", name);
	} else {
		printf("  offloaded_to ifindex %u ns_dev %llu ns_ino %llu",
		       i->ifindex, (unsigned long long)i->netns_dev,
		       (unsigned long long)i->netns_ino);
	}
}

/*
 * The plain maps form a set of ids (never 0) with open addressing, at
 * most half full: programs times maps lookups must stay cheap with
 * thousands of each. Ids are handed out in sequence, so the id itself
 * spreads well enough.
 */
static bool map_is_plain(const struct show_ctx *c, __u32 id)
{
	size_t i, mask = c->cap_plain - 1;

	if (!c->cap_plain)
		return false;
	for (i = id & mask; c->plain_maps[i]; i = (i + 1) & mask)
		if (c->plain_maps[i] == id)
			return true;
	return false;
}

static void plain_insert(__u32 *set, size_t cap, __u32 id)
{
	size_t i, mask = cap - 1;

	for (i = id & mask; set[i] && set[i] != id; i = (i + 1) & mask)
		;
	set[i] = id;
}

static void remember_plain_map(struct show_ctx *c, __u32 id)
{
	size_t cap, i;
	__u32 *v;

	if (2 * (c->n_plain + 1) > c->cap_plain) {
		cap = c->cap_plain ? c->cap_plain * 2 : 64;
		v = calloc(cap, sizeof(*v));
		if (!v)
			return;	/* costs only a second look at the map */
		for (i = 0; i < c->cap_plain; i++)
			if (c->plain_maps[i])
				plain_insert(v, cap, c->plain_maps[i]);
		free(c->plain_maps);
		c->plain_maps = v;
		c->cap_plain = cap;
	}
	plain_insert(c->plain_maps, c->cap_plain, id);
	c->n_plain++;
}

/* bpftool's metadata map: a one-element .rodata array with BTF. */
static bool is_meta_map(const struct bpf_map_info *m)
{
	return m->type == BPF_MAP_TYPE_ARRAY && m->key_size == 4 &&
	       m->max_entries == 1 && m->btf_value_type_id &&
	       strstr(m->name, ".rodata");
}

/*
 * The metadata value of the first .rodata map of the program; NULL when
 * there is none. On success *mi describes the map. Each map fd is closed
 * at once: the window's program fds, opened between these, then stay
 * consecutive and are closed in runs (fd_batch.h).
 */
static void *find_metadata(struct show_ctx *c, const struct prog_rec *r,
			   struct bpf_map_info *mi)
{
	__u32 i, len, key = 0;
	void *value;
	int fd;

	for (i = 0; i < r->info.nr_map_ids; i++) {
		if (map_is_plain(c, r->map_ids[i]))
			continue;
		fd = obj_fd_by_id(OBJ_MAP, r->map_ids[i], true);
		if (fd < 0)
			return NULL;
		memset(mi, 0, sizeof(*mi));
		len = sizeof(*mi);
		if (bpf_obj_get_info_by_fd(fd, mi, &len)) {
			close(fd);
			return NULL;
		}
		if (!is_meta_map(mi)) {
			remember_plain_map(c, r->map_ids[i]);
			close(fd);
			continue;
		}
		value = calloc(1, mi->value_size);
		if (value && bpf_map_lookup_elem(fd, &key, value)) {
			free(value);
			value = NULL;
		}
		close(fd);
		return value;
	}
	return NULL;
}

/*
 * The program's metadata, read with its info: before a show waits for
 * the holder walk, whose thread these calls run beside.
 */
static void fetch_metadata(struct show_ctx *c, struct prog_rec *r)
{
	if (!r->err && r->info.nr_map_ids)
		r->meta = find_metadata(c, r, &r->meta_info);
}

/* One metadata variable: its value, or null when it cannot be rendered. */
static void print_meta_value(struct jsonw *jw, const struct btf *btf,
			     __u32 type, const void *data, bool plain)
{
	int err = btf_value_dump(jw, btf, type, data, plain);

	if (err) {
		p_debug("can't render metadata value: %s", strerror(-err));
		jsonw_null(jw);
	}
}

/*
 * Variables named bpf_metadata_* of the program's .rodata, printed as
 * compact JSON values: an object under -j, "\tmetadata:" lines otherwise.
 */
static void show_metadata(struct show_ctx *c, const struct prog_rec *r)
{
	const struct bpf_map_info *mi = &r->meta_info;
	const struct btf_var_secinfo *vsi;
	const struct btf_type *sec, *var;
	struct jsonw *jw = json_wtr;
	const char *value = r->meta;
	const struct btf *btf;
	bool started = false;
	const char *name;
	int i, n;

	if (!value)
		return;
	btf = btf_cache_get(&c->btf, mi->btf_id);
	sec = btf ? btf__type_by_id(btf, mi->btf_value_type_id) : NULL;
	if (!sec || !btf_is_datasec(sec))
		return;
	vsi = btf_var_secinfos(sec);
	n = btf_vlen(sec);
	for (i = 0; i < n; i++, vsi++) {
		var = btf__type_by_id(btf, vsi->type);
		name = var ? btf__name_by_offset(btf, var->name_off) : NULL;
		if (!name || strncmp(name, META_PREFIX, META_PREFIX_LEN) ||
		    vsi->offset >= mi->value_size)
			continue;
		if (!started) {
			started = true;
			if (json_wtr) {
				jsonw_name(jw, "metadata");
				jsonw_start_object(jw);
			} else {
				jw = jsonw_new(stdout);
				if (!jw)
					return;
				printf("\tmetadata:");
			}
		}
		if (json_wtr) {
			jsonw_name(jw, name + META_PREFIX_LEN);
		} else {
			printf("\n\t\t%s = ", name + META_PREFIX_LEN);
			jsonw_reset(jw);
		}
		print_meta_value(jw, btf, var->type, value + vsi->offset,
				 !json_wtr);
	}
	if (started && json_wtr)
		jsonw_end_object(jw);
	else if (started)
		jsonw_destroy(&jw);	/* ends the last line */
}

/*
 * The first line of a program (plain) or its first keys (JSON), with its
 * full name already resolved; shared with prog dump's headers when a
 * handle matched several programs.
 */
void prog_print_header(const struct bpf_prog_info *i, const char *name)
{
	const char *type = prog_type_name(i->type);
	char tag[17];

	fmt_tag(i->tag, tag);
	if (json_wtr) {
		jsonw_uint_field(json_wtr, "id", i->id);
		if (type)
			jsonw_string_field(json_wtr, "type", type);
		else
			jsonw_uint_field(json_wtr, "type", i->type);
		if (i->name[0])
			jsonw_string_field(json_wtr, "name", name);
		jsonw_string_field(json_wtr, "tag", tag);
		jsonw_bool_field(json_wtr, "gpl_compatible", i->gpl_compatible);
		if (i->run_time_ns) {
			jsonw_uint_field(json_wtr, "run_time_ns", i->run_time_ns);
			jsonw_uint_field(json_wtr, "run_cnt", i->run_cnt);
		}
		if (i->recursion_misses)
			jsonw_uint_field(json_wtr, "recursion_misses",
					 i->recursion_misses);
		print_dev(i);
		return;
	}
	printf("%u: ", i->id);
	if (type)
		printf("%s  ", type);
	else
		printf("type %u  ", i->type);
	if (i->name[0])
		printf("name %s  ", name);
	printf("tag %s", tag);
	print_dev(i);
	if (i->gpl_compatible)
		printf("  gpl");
	if (i->run_time_ns)
		printf(" run_time_ns %llu run_cnt %llu",
		       (unsigned long long)i->run_time_ns,
		       (unsigned long long)i->run_cnt);
	if (i->recursion_misses)
		printf(" recursion_misses %llu",
		       (unsigned long long)i->recursion_misses);
	printf("\n");
}

static void print_header(struct show_ctx *c, const struct prog_rec *r)
{
	const struct bpf_prog_info *i = &r->info;
	char name[FULL_NAME_LEN] = "";

	if (i->name[0])
		prog_btf_full_name(&c->btf, i, &r->finfo, name,
				   sizeof(name));
	prog_print_header(i, name);
}

static void print_map_ids(const struct prog_rec *r)
{
	__u32 k;

	if (!r->info.nr_map_ids)
		return;
	if (json_wtr) {
		jsonw_name(json_wtr, "map_ids");
		jsonw_start_array(json_wtr);
		for (k = 0; k < r->info.nr_map_ids; k++)
			jsonw_uint(json_wtr, r->map_ids[k]);
		jsonw_end_array(json_wtr);
		return;
	}
	printf("  map_ids ");
	for (k = 0; k < r->info.nr_map_ids; k++)
		printf("%s%u", k ? "," : "", r->map_ids[k]);
}

static void print_prog_json(struct show_ctx *c, const struct prog_rec *r,
			    int fd)
{
	const struct bpf_prog_info *i = &r->info;
	__u64 memlock;

	jsonw_start_object(json_wtr);
	print_header(c, r);
	if (i->load_time) {
		jsonw_int_field(json_wtr, "loaded_at",
				load_time_secs(c, i->load_time));
		jsonw_uint_field(json_wtr, "uid", i->created_by_uid);
	}
	jsonw_bool_field(json_wtr, "orphaned", r->orphaned);
	jsonw_uint_field(json_wtr, "bytes_xlated", i->xlated_prog_len);
	jsonw_bool_field(json_wtr, "jited", i->jited_prog_len);
	if (i->jited_prog_len)
		jsonw_uint_field(json_wtr, "bytes_jited", i->jited_prog_len);
	if (!prog_memlock(c, fd, i->id, &memlock))
		jsonw_int_field(json_wtr, "bytes_memlock", memlock);
	print_map_ids(r);
	if (i->btf_id)
		jsonw_int_field(json_wtr, "btf_id", i->btf_id);
	/* not in bpftool; scripts that want it need not parse the log */
	if (i->verified_insns)
		jsonw_uint_field(json_wtr, "verified_insns", i->verified_insns);
	pins_print(c->pins, i->id);
	holders_print(c->holders, i->id);
	show_metadata(c, r);
	jsonw_end_object(json_wtr);
}

static void print_loaded_at(struct show_ctx *c,
			    const struct bpf_prog_info *i)
{
	time_t t = load_time_secs(c, i->load_time);
	struct tm tm;

	if (!c->loaded_buf[0] || c->loaded_secs != t) {
		c->loaded_secs = t;
		if (!localtime_r(&t, &tm) ||
		    !strftime(c->loaded_buf, sizeof(c->loaded_buf),
			      "%FT%T%z", &tm))
			snprintf(c->loaded_buf, sizeof(c->loaded_buf), "%lld",
				 (long long)t);
	}
	printf("\tloaded_at %s  uid %u\n", c->loaded_buf, i->created_by_uid);
}

static void print_prog_plain(struct show_ctx *c, const struct prog_rec *r,
			     int fd)
{
	const struct bpf_prog_info *i = &r->info;
	__u64 memlock;

	print_header(c, r);
	if (i->load_time)
		print_loaded_at(c, i);
	printf("\txlated %uB", i->xlated_prog_len);
	if (i->jited_prog_len)
		printf("  jited %uB", i->jited_prog_len);
	else
		printf("  not jited");
	if (!prog_memlock(c, fd, i->id, &memlock))
		printf("  memlock %lluB", (unsigned long long)memlock);
	if (r->orphaned)
		printf("  orphaned");
	print_map_ids(r);
	pins_print(c->pins, i->id);
	if (i->btf_id)
		printf("\n\tbtf_id %u", i->btf_id);
	holders_print(c->holders, i->id);
	printf("\n");
	show_metadata(c, r);
}

static int show_rec(struct show_ctx *c, int fd, struct prog_rec *r)
{
	if (prog_rec_check(r))
		return -1;
	if (json_wtr)
		print_prog_json(c, r, fd);
	else
		print_prog_plain(c, r, fd);
	return 0;
}

static int show_prog(struct show_ctx *c, int fd)
{
	struct prog_rec r;
	int err;

	prog_rec_fetch(fd, &r);
	fetch_metadata(c, &r);
	err = show_rec(c, fd, &r);
	prog_rec_release(&r);
	return err;
}

/* Holders and pins for one show command; 0 or an error already reported. */
static int build_tables(struct show_ctx *c)
{
	/* the holder walk first: its thread runs while bpffs is walked */
	c->holders = holders_start(OBJ_PROG);
	if (opts.bpffs) {
		c->pins = pins_build(OBJ_PROG);
		if (!c->pins)
			return p_err("out of memory");
	}
	return 0;
}

static int show_subset(struct show_ctx *c, int argc, char **argv)
{
	ARGCUR(cur, argc, argv);
	int *fds = NULL, n, k, err = 0;

	n = prog_parse_fds(&cur, &fds);
	/* a bad or unmatched handle need not pay for the walks */
	if (n > 0)
		err = build_tables(c);
	if (n <= 0 || err) {
		for (k = 0; k < n; k++)
			close(fds[k]);
		free(fds);
		return -1;
	}
	if (json_wtr && n > 1)
		jsonw_start_array(json_wtr);
	for (k = 0; k < n; k++) {
		if (!err)
			err = show_prog(c, fds[k]);
		close(fds[k]);
	}
	if (json_wtr && n > 1)
		jsonw_end_array(json_wtr);
	free(fds);
	return err;
}

static void fetch_one(void *ctx, int fd, void *rec)
{
	prog_rec_fetch(fd, rec);
	fetch_metadata(ctx, rec);
}

static int show_one(void *ctx, int fd, void *rec)
{
	return show_rec(ctx, fd, rec);
}

static void release_one(void *rec)
{
	prog_rec_release(rec);
}

static const struct obj_show_ops show_ops = {
	.kind = OBJ_PROG,
	.rec_size = sizeof(struct prog_rec),
	.fetch = fetch_one,
	.show = show_one,
	.release = release_one,
};

static int do_show(int argc, char **argv)
{
	struct show_ctx c = { .spent = FD_BATCH_INIT };
	int err;

	if (argc != 0 && argc != 2)
		return p_err("what is '%s'?", argv[0]);
	c.boot_offset_ns = boot_offset_ns();
	if (argc)
		err = show_subset(&c, argc, argv);
	else
		err = build_tables(&c) ?:
		      obj_show_all(&show_ops, &c, &c.spent);
	fdb_flush(&c.spent);
	holders_free(c.holders);
	pins_free(c.pins);
	btf_cache_free(&c.btf);
	free(c.plain_maps);
	return err;
}

static const char help_text[] =
	"Usage: %1$s prog { show | list } [PROG]\n"
	"       %1$s prog dump xlated PROG [{ file FILE | [opcodes] [linum] [visual] }]\n"
	"       %1$s prog dump jited  PROG [{ file FILE | [opcodes] [linum] }]\n"
	"       %1$s prog pin   PROG FILE\n"
	"       %1$s prog { load | loadall } OBJ  PATH \\\n"
	"                         [type TYPE] [{ offload_dev | xdpmeta_dev } NAME] \\\n"
	"                         [map { idx IDX | name NAME } MAP]\\\n"
	"                         [pinmaps MAP_DIR]\n"
	"                         [autoattach]\n"
	"                         [kernel_btf BTF_FILE]\n"
	"       %1$s prog attach PROG ATTACH_TYPE [{ MAP | dev IFNAME | cgroup PATH }] [link FILE]\n"
	"       %1$s prog detach PROG ATTACH_TYPE [{ MAP | dev IFNAME | cgroup PATH }]\n"
	"       %1$s prog run PROG \\\n"
	"                         data_in FILE \\\n"
	"                         [data_out FILE [data_size_out L]] \\\n"
	"                         [ctx_in FILE [ctx_out FILE [ctx_size_out M]]] \\\n"
	"                         [repeat N]\n"
	"       %1$s prog profile PROG [duration DURATION] METRICs\n"
	"       %1$s prog tracelog\n"
	"       %1$s prog tracelog { stdout | stderr } PROG\n"
	"       %1$s prog help\n"
	"\n"
	"       " HELP_SPEC_MAP "\n"
	"       " HELP_SPEC_PROGRAM "\n"
	"       TYPE := { socket | kprobe | kretprobe | classifier | action |\n"
	"                 tracepoint | raw_tracepoint | xdp | perf_event | cgroup/skb |\n"
	"                 cgroup/sock | cgroup/dev | lwt_in | lwt_out | lwt_xmit |\n"
	"                 lwt_seg6local | sockops | sk_skb | sk_msg | lirc_mode2 |\n"
	"                 sk_reuseport | flow_dissector | cgroup/sysctl |\n"
	"                 cgroup/bind4 | cgroup/bind6 | cgroup/post_bind4 |\n"
	"                 cgroup/post_bind6 | cgroup/connect4 | cgroup/connect6 |\n"
	"                 cgroup/connect_unix | cgroup/getpeername4 | cgroup/getpeername6 |\n"
	"                 cgroup/getpeername_unix | cgroup/getsockname4 | cgroup/getsockname6 |\n"
	"                 cgroup/getsockname_unix | cgroup/sendmsg4 | cgroup/sendmsg6 |\n"
	"                 cgroup/sendmsg_unix | cgroup/recvmsg4 | cgroup/recvmsg6 | cgroup/recvmsg_unix |\n"
	"                 cgroup/getsockopt | cgroup/setsockopt | cgroup/sock_release |\n"
	"                 struct_ops | fentry | fexit | fsession | freplace | sk_lookup }\n"
	"       ATTACH_TYPE := { sk_msg_verdict | sk_skb_verdict | sk_skb_stream_verdict |\n"
	"                        sk_skb_stream_parser | flow_dissector }\n"
	"       METRIC := { cycles | instructions | l1d_loads | llc_misses | itlb_misses | dtlb_misses }\n"
	"       " HELP_SPEC_OPTIONS " |\n"
	"                    {-f|--bpffs} | {-m|--mapcompat} | {-n|--nomount} |\n"
	"                    {-L|--use-loader} }\n";

CMD_OBJECT(prog, help_text,
	{ "show",	do_show },
	{ "list",	do_show },
	CMD_HELP,
	{ "dump",	do_prog_dump },
	{ "pin",	do_prog_pin },
	{ "load",	do_prog_load },
	{ "loadall",	do_prog_loadall },
	{ "attach",	do_prog_attach },
	{ "detach",	do_prog_detach },
	{ "tracelog",	do_prog_tracelog },
	{ "run",	do_prog_run },
	{ "profile",	do_prog_profile })
