// SPDX-License-Identifier: GPL-2.0-only
/*
 * btf object: show|list, help, dump.
 *
 * dump reads BTF from a kernel object (id, prog, map) or from files, checks
 * it (btf_load.c) and renders it raw (btf_raw.c) or as C (btf_c.c). Every
 * check happens before the first output byte; C output is also staged in
 * memory, so that a failure leaves stdout empty rather than half a header.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/sendfile.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "args.h"
#include "array.h"
#include "btf_c.h"
#include "btf_diff.h"
#include "btf_load.h"
#include "btf_src.h"
#include "btf_raw.h"
#include "handle.h"
#include "fd_batch.h"
#include "holders.h"
#include "obj_walk.h"
#include "main.h"

#define MAX_ROOT_IDS	16	/* bpftool's limit for root_id */
#define MAX_ROOTS	256	/* root_id and root NAME together */
#define BTF_NAME_LEN	64

static const char help_text[] =
	"Usage: %1$s btf { show | list } [id BTF_ID]\n"
	"       %1$s btf dump BTF_SRC [format FORMAT] [root_id ROOT_ID]... [root NAME]...\n"
	"       %1$s btf diff DIFF_SRC DIFF_SRC [type NAME]... [object OBJ]\n"
	"       %1$s btf help\n"
	"\n"
	"       BTF_SRC := { id BTF_ID | prog PROG | map MAP [{key | value | kv | all}] |\n"
	"                    file FILE [file FILE]... }\n"
	"       DIFF_SRC := { id BTF_ID | file FILE }\n"
	"       FORMAT  := { raw | c [unsorted] }\n"
	"       NAME    := { TYPE_NAME | 'struct NAME' | 'union NAME' | 'enum NAME' |\n"
	"                    'typedef NAME' }\n"
	"       " HELP_SPEC_MAP "\n"
	"       " HELP_SPEC_PROGRAM "\n"
	"       " HELP_SPEC_OPTIONS " |\n"
	"                    {-B|--base-btf} FILE | {-o|--output} FILE }\n";

/* ---- show ---- */

/* btf id -> object id, for prog_ids and map_ids */
struct ref {
	__u32 btf_id;
	__u32 obj_id;
};

struct reftab {
	struct ref *v;
	size_t n, cap;
};

static int ref_cmp(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;

	if (x->btf_id != y->btf_id)
		return x->btf_id < y->btf_id ? -1 : 1;
	return x->obj_id < y->obj_id ? -1 : x->obj_id > y->obj_id;
}

static int ref_add(struct reftab *t, __u32 btf_id, __u32 obj_id)
{
	if (ARRAY_RESERVE(t->v, t->cap, t->n + 1, 64))
		return p_err("out of memory");
	t->v[t->n].btf_id = btf_id;
	t->v[t->n].obj_id = obj_id;
	t->n++;
	return 0;
}

/* The btf_id of a prog or map open at fd. */
static int obj_btf_id(enum obj_kind kind, int fd, __u32 *btf_id)
{
	struct bpf_prog_info pinfo = {};
	struct bpf_map_info minfo = {};
	__u32 len;
	int err;

	if (kind == OBJ_PROG) {
		len = sizeof(pinfo);
		err = bpf_obj_get_info_by_fd(fd, &pinfo, &len);
		*btf_id = pinfo.btf_id;
	} else {
		len = sizeof(minfo);
		err = bpf_obj_get_info_by_fd(fd, &minfo, &len);
		*btf_id = minfo.btf_id;
	}
	if (err)
		return p_err("can't get %s info: %s", obj_kind_name(kind),
			     strerror(errno));
	return 0;
}

/* One walk over all progs (or maps), sorted by btf id for lookups. */
static int build_reftab(enum obj_kind kind, struct reftab *t)
{
	struct obj_walk w = OBJ_WALK_INIT(kind);
	__u32 btf_id;
	int ret, err;

	w.rdonly = true;
	while (!(ret = obj_walk_next(&w))) {
		err = obj_btf_id(kind, w.fd, &btf_id);
		close(w.fd);
		if (err)
			return -1;
		if (btf_id && ref_add(t, btf_id, w.id))
			return -1;
	}
	if (ret < 0)
		return obj_walk_report(&w);
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), ref_cmp);
	return 0;
}

static const struct ref *ref_first(const struct reftab *t, __u32 btf_id)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].btf_id < btf_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n && t->v[lo].btf_id == btf_id ? &t->v[lo] : NULL;
}

struct show_ctx {
	struct reftab progs;
	struct reftab maps;
	struct holders *holders;
};

static void print_ids(const struct reftab *t, __u32 btf_id, const char *key)
{
	const struct ref *r = ref_first(t, btf_id), *end = t->v + t->n;
	bool first = true;

	if (json_wtr) {
		jsonw_name(json_wtr, key);
		jsonw_start_array(json_wtr);
	}
	for (; r && r < end && r->btf_id == btf_id; r++) {
		if (json_wtr)
			jsonw_uint(json_wtr, r->obj_id);
		else if (first)
			printf("  %s %u", key, r->obj_id);
		else
			printf(",%u", r->obj_id);
		first = false;
	}
	if (json_wtr)
		jsonw_end_array(json_wtr);
}

static int get_btf_info(int fd, struct bpf_btf_info *info, char *name)
{
	__u32 len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	info->name = (__u64)(unsigned long)name;
	info->name_len = BTF_NAME_LEN;
	if (!bpf_obj_get_info_by_fd(fd, info, &len))
		return 0;
	/* kernels before 5.11 know no name: ask again without one */
	memset(info, 0, sizeof(*info));
	len = sizeof(*info);
	if (!bpf_obj_get_info_by_fd(fd, info, &len))
		return 0;
	return p_err("can't get BTF object info: %s", strerror(errno));
}

/* One BTF object: an obj_show_ops show callback (no rec). */
static int show_one(void *ctx, int fd, void *rec)
{
	const struct show_ctx *c = ctx;
	struct bpf_btf_info info;
	char name[BTF_NAME_LEN] = "";

	(void)rec;
	if (get_btf_info(fd, &info, name))
		return -1;
	name[BTF_NAME_LEN - 1] = '\0';
	if (json_wtr) {
		jsonw_start_object(json_wtr);
		jsonw_uint_field(json_wtr, "id", info.id);
		jsonw_uint_field(json_wtr, "size", info.btf_size);
		print_ids(&c->progs, info.id, "prog_ids");
		print_ids(&c->maps, info.id, "map_ids");
		holders_print(c->holders, info.id);
		jsonw_bool_field(json_wtr, "kernel", info.kernel_btf);
		if (name[0])
			jsonw_string_field(json_wtr, "name", name);
		jsonw_end_object(json_wtr);
		return 0;
	}
	printf("%u: ", info.id);
	if (info.kernel_btf)
		printf("name [%s]  ", name);
	else
		printf("name %s  ", name[0] ? name : "<anon>");
	printf("size %uB", info.btf_size);
	print_ids(&c->progs, info.id, "prog_ids");
	print_ids(&c->maps, info.id, "map_ids");
	holders_print(c->holders, info.id);
	printf("\n");
	return 0;
}

static const struct obj_show_ops show_ops = {
	.kind = OBJ_BTF,
	.show = show_one,
};

static int btf_id_fd(struct argcur *a)
{
	__u32 id;
	int fd, err;

	if (!arg_is(a, "id"))
		return p_err("expected 'id', got: '%s'?", arg_peek(a));
	arg_next(a);
	if (parse_u32(arg_peek(a), &id))
		return p_err("can't parse %s as ID", arg_peek(a));
	arg_next(a);
	fd = bpf_btf_get_fd_by_id(id);
	err = errno;
	if (fd < 0)
		return p_err_cap(err, "can't get BTF object by id (%u)", id);
	return fd;
}

static int do_show(int argc, char **argv)
{
	struct fd_batch spent = FD_BATCH_INIT;
	struct show_ctx c = {};
	ARGCUR(a, argc, argv);
	int fd = -1, err;

	if (argc != 0 && argc != 2)
		return p_err("what is '%s'?", argv[0]);
	if (argc == 2) {
		fd = btf_id_fd(&a);
		if (fd < 0)
			return -1;
	} else {
		struct obj_walk w = OBJ_WALK_INIT(OBJ_BTF);

		/*
		 * The program and map walks run first (for prog_ids and
		 * map_ids), but a failure to list BTF objects is what the
		 * user must hear about.
		 */
		if (obj_walk_next_id(&w) < 0)
			return obj_walk_report(&w);
	}
	/* the holder walk's thread runs while the prog and map ids are */
	c.holders = holders_start(OBJ_BTF);
	if (!c.holders)
		err = p_err("out of memory");
	else
		err = build_reftab(OBJ_PROG, &c.progs);
	if (!err)
		err = build_reftab(OBJ_MAP, &c.maps);
	if (!err && fd >= 0)
		err = show_one(&c, fd, NULL);
	else if (!err)
		err = obj_show_all(&show_ops, &c, &spent);
	fdb_flush(&spent);
	if (fd >= 0)
		close(fd);
	holders_free(c.holders);
	free(c.progs.v);
	free(c.maps.v);
	return err;
}

/* ---- dump ---- */

struct dump_req {
	struct btf_spec *spec;
	struct btf_src src;
	bool c;
	bool unsorted;
	__u32 roots[MAX_ROOTS];
	size_t nroots;
	size_t nroot_ids;
	const char *names[MAX_ROOTS];
	size_t nnames;
};

static int add_root_id(struct dump_req *r, struct argcur *a)
{
	const char *w;
	__u32 id;
	size_t i;

	if (r->spec->filtered)
		return p_err("cannot use root_id with other type filtering");
	if (r->nroot_ids == MAX_ROOT_IDS)
		return p_err("only %d root_id are supported", MAX_ROOT_IDS);
	/* names are resolved into roots[] later: they count too */
	if (r->nroots + r->nnames >= MAX_ROOTS)
		return p_err("too many roots (max %d)", MAX_ROOTS);
	w = arg_next(a);
	if (!w)
		return p_err("expecting value for 'root_id' option");
	if (parse_u32(w, &id))
		return p_err("can't parse %s as root ID", w);
	for (i = 0; i < r->nroots; i++)
		if (r->roots[i] == id)
			return p_err("duplicate root_id %u supplied", id);
	r->roots[r->nroots++] = id;
	r->nroot_ids++;
	return 0;
}

static int add_root_name(struct dump_req *r, struct argcur *a)
{
	const char *w = arg_next(a);

	if (r->spec->filtered)
		return p_err("cannot use root with other type filtering");
	if (!w)
		return p_err("expecting a type name after 'root'");
	if (r->nroots + r->nnames >= MAX_ROOTS)
		return p_err("too many roots (max %d)", MAX_ROOTS);
	r->names[r->nnames++] = w;
	return 0;
}

static int parse_format(struct dump_req *r, struct argcur *a)
{
	const char *w = arg_next(a);

	if (!w)
		return p_err_errno(EINVAL, "expecting value for 'format' option");
	if (!strcmp(w, "c"))
		r->c = true;
	else if (!strcmp(w, "raw"))
		r->c = false;
	else
		return p_err_errno(EINVAL, "unrecognized format specifier: '%s', possible values: raw, c",
				   w);
	return 0;
}

/*
 * "root" (exactly) takes a type name; any other prefix of "root_id" keeps
 * meaning root_id as in bpftool. "root 42" is a type id either way.
 */
static int parse_dump_opts(struct dump_req *r, struct argcur *a)
{
	int err = 0;

	while (arg_more(a) && !err) {
		if (arg_take(a, "format"))
			err = parse_format(r, a);
		else if (!strcmp(arg_peek(a), "root") && arg_next(a))
			err = add_root_name(r, a);
		else if (arg_take(a, "root_id"))
			err = add_root_id(r, a);
		else if (arg_take(a, "unsorted"))
			r->unsorted = true;
		else
			err = p_err_errno(EINVAL, "unrecognized option: '%s'",
					  arg_peek(a));
	}
	return err;
}

static int resolve_roots(struct dump_req *r)
{
	const struct btf_view *v = &r->src.view;
	__u32 cnt = v->cnt, id;
	struct btf_err e;
	size_t i, j;

	for (i = 0; i < r->nroots; i++)
		if (r->roots[i] >= cnt)
			return p_err("invalid root ID: %u", r->roots[i]);
	for (i = 0; i < r->nnames; i++) {
		if (btf_find_root(v, r->names[i], &id, &e))
			return p_err("%s", e.msg);
		if (id >= cnt)
			return p_err("invalid root ID: %u", id);
		for (j = 0; j < r->nroots && r->roots[j] != id; j++)
			;
		if (j == r->nroots)	/* same type twice: once is enough */
			r->roots[r->nroots++] = id;
	}
	return 0;
}

static int dump_raw(const struct dump_req *r)
{
	struct btf_raw_opts o = {
		.ids = r->nroots ? r->roots : NULL,
		.cnt = r->nroots,
		.json = json_wtr != NULL,
		.pretty = opts.pretty,
	};

	if (json_wtr) {
		/* the document is a value of the shared writer (batch!) */
		o.depth = jsonw_depth(json_wtr);
		jsonw_external_value(json_wtr);
	}
	/* a failed write leaves stdout's error flag set: main() reports it */
	return btf_raw_dump(&r->src.view, &o, stdout) ? -1 : 0;
}

/*
 * C output is staged in an unlinked temporary file, or in memory when no
 * temporary file can be made. A memory buffer would add the whole header
 * (~3 MB for vmlinux, +5 MB peak RSS measured) to our footprint; page
 * cache does not count. Either way the stage is capped: a few hostile
 * bytes of BTF (a struct claiming gigabytes) turn into gigabytes of
 * padding lines, and /tmp is often memory too. Real headers are ~3 MB.
 */
#define STAGE_MAX	(256u << 20)

struct stage {
	int fd;			/* temporary file, or -1: buf */
	char *buf;
	size_t len;
	size_t cap;
};

static ssize_t stage_write(void *cookie, const char *data, size_t n)
{
	struct stage *st = cookie;
	size_t done = 0;
	ssize_t w;

	if (n > STAGE_MAX - st->len) {
		errno = EFBIG;
		return 0;
	}
	if (st->fd < 0) {
		if (ARRAY_RESERVE(st->buf, st->cap, st->len + n, 4096))
			return 0;
		memcpy(st->buf + st->len, data, n);
		st->len += n;
		return n;
	}
	while (done < n) {
		w = write(st->fd, data + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return 0;
		done += w;
	}
	st->len += n;
	return n;
}

static int stage_tmpfile(void)
{
	const char *dir = getenv("TMPDIR");
	char path[PATH_MAX];
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {	/* no O_TMPFILE there: the classic way */
		snprintf(path, sizeof(path), "%s/bpfkit-btf.XXXXXX", dir);
		fd = mkostemp(path, O_CLOEXEC);
		if (fd >= 0)
			unlink(path);
	}
	return fd;
}

#define COPY_CHUNK	(1u << 20)

/*
 * The staged bytes [off, len) through a bounded buffer, for a stdout that
 * sendfile() cannot take (O_APPEND, some ttys): never the whole header in
 * memory at once.
 */
static int copy_rest(int fd, off_t off, size_t len)
{
	char *buf = malloc(COPY_CHUNK);
	size_t want;
	ssize_t n;
	int err = 0;

	if (!buf)
		return p_err("out of memory");
	while (!err && (size_t)off < len) {
		want = len - off < COPY_CHUNK ? len - off : COPY_CHUNK;
		n = pread(fd, buf, want, off);
		if (n <= 0)
			err = p_err("reading staged output failed: %s",
				    n ? strerror(errno) : "file shrank");
		else if (fwrite(buf, 1, n, stdout) != (size_t)n)
			err = -1;	/* main() reports stdout's error */
		else
			off += n;
	}
	free(buf);
	return err;
}

/* Copy the stage to stdout; 0 or -1 after reporting. */
static int unstage(struct stage *st)
{
	off_t off = 0;
	ssize_t n;

	if (fflush(stdout))
		return -1;	/* main() reports stdout's error */
	if (st->fd < 0)
		return fwrite(st->buf, 1, st->len, stdout) == st->len ? 0 : -1;
	while ((size_t)off < st->len &&
	       (n = sendfile(STDOUT_FILENO, st->fd, &off, st->len - off)) > 0)
		;
	if ((size_t)off == st->len)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return p_err("writing output failed: %s", strerror(errno));
	return copy_rest(st->fd, off, st->len);
}

/*
 * C output appears completely or not at all. Under -o stdout already is a
 * temporary file that main() drops on failure, so the emitter writes
 * straight to it; otherwise it goes through the stage.
 */
static int dump_c(const struct dump_req *r)
{
	cookie_io_functions_t io = { .write = stage_write };
	struct btf_c_opts o = {
		.unsorted = r->unsorted,
		.root_ids = r->nroots ? r->roots : NULL,
		.root_cnt = r->nroots,
	};
	struct stage st = { .fd = -1 };
	FILE *f;
	int err;

	if (opts.output)
		return btf_c_dump(r->src.btf, &o, stdout);
	st.fd = stage_tmpfile();
	f = fopencookie(&st, "w", io);
	if (!f) {
		err = p_err("out of memory");
		goto out;
	}
	/* the emitter buffers itself; a second buffer would only copy */
	setvbuf(f, NULL, _IONBF, 0);
	err = btf_c_dump(r->src.btf, &o, f);
	if (fclose(f) && !err)
		err = p_err("writing output failed: %s", strerror(errno));
	if (!err)
		err = unstage(&st);
out:
	if (st.fd >= 0)
		close(st.fd);
	free(st.buf);
	return err;
}

/*
 * Raw dumps read a view (no libbpf copies of a raw file); C needs libbpf's
 * btf. Whatever btf_src hands out is checked or the kernel's own.
 */
static int load_btf(struct dump_req *r)
{
	struct btf_err e;
	int err;

	if (!r->c)
		r->spec->flags |= BTF_SRC_VIEW;
	err = btf_spec_open(r->spec, &r->src, &e);
	if (err)
		return p_err_errno(-err, "%s", e.msg);
	if (r->spec->kind != BTF_SPEC_FILE && r->src.base)
		p_info("Warning: valid base BTF was not specified with -B option, falling back to standard base BTF (%s)",
		       SYSFS_VMLINUX);
	return 0;
}

static int do_dump(int argc, char **argv)
{
	struct dump_req *r;
	ARGCUR(a, argc, argv);
	int err;

	r = calloc(1, sizeof(*r));
	if (!r)
		return p_err("out of memory");
	err = btf_spec_parse(&a, &r->spec);
	if (!err) {
		memcpy(r->roots, r->spec->roots, sizeof(r->spec->roots));
		r->nroots = r->spec->nroots;
		err = parse_dump_opts(r, &a);
	}
	if (!err)
		err = load_btf(r);
	if (!err)
		err = resolve_roots(r);
	if (!err && r->c && json_wtr)
		err = p_err_errno(ENOTSUP,
				  "JSON output for C-syntax dump is not supported");
	if (!err)
		err = r->c ? dump_c(r) : dump_raw(r);
	btf_src_free(&r->src);
	btf_spec_free(r->spec);
	free(r);
	return err;
}

CMD_OBJECT(btf, help_text,
	{ "show",	do_show },
	{ "list",	do_show },
	CMD_HELP,
	{ "dump",	do_dump },
	{ "diff",	do_btf_diff })
