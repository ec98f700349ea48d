// SPDX-License-Identifier: GPL-2.0-only
/*
 * cgroup object: show/list, tree, attach, detach, help.
 *
 * Output follows bpftool (upstream HEAD): one row per attached program
 * with its attach type, flags (left out under "effective", where the
 * kernel has none to give) and full name. "tree" walks cgroup v2 with
 * getdents64 and openat, one open per cgroup and only the queries that can
 * find something: attach types whose program types are not loaded at all
 * are not asked about.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <linux/bpf.h>
#include <linux/magic.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "array.h"
#include "btf_src.h"
#include "args.h"
#include "cgroup.h"
#include "handle.h"
#include "main.h"
#include "names.h"
#include "obj_walk.h"
#include "print.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The cgroup attach types, in enum order (the order rows are printed in). */
static const struct {
	int type;
	int prog_type;	/* the program type that attaches there */
} cg_types[] = {
	{ 0, BPF_PROG_TYPE_CGROUP_SKB },	/* cgroup_inet_ingress */
	{ 1, BPF_PROG_TYPE_CGROUP_SKB },	/* cgroup_inet_egress */
	{ 2, BPF_PROG_TYPE_CGROUP_SOCK },	/* cgroup_inet_sock_create */
	{ 3, BPF_PROG_TYPE_SOCK_OPS },		/* cgroup_sock_ops */
	{ 6, BPF_PROG_TYPE_CGROUP_DEVICE },	/* cgroup_device */
	{ 8, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },	/* cgroup_inet4_bind */
	{ 9, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ 10, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ 11, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ 12, BPF_PROG_TYPE_CGROUP_SOCK },	/* cgroup_inet4_post_bind */
	{ 13, BPF_PROG_TYPE_CGROUP_SOCK },
	{ 14, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },	/* cgroup_udp4_sendmsg */
	{ 15, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ 18, BPF_PROG_TYPE_CGROUP_SYSCTL },
	{ 19, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },	/* cgroup_udp4_recvmsg */
	{ 20, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ 21, BPF_PROG_TYPE_CGROUP_SOCKOPT },	/* cgroup_getsockopt */
	{ 22, BPF_PROG_TYPE_CGROUP_SOCKOPT },
	{ 29, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },	/* cgroup_inet4_getpeername */
	{ 30, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ 31, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ 32, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ 34, BPF_PROG_TYPE_CGROUP_SOCK },	/* cgroup_inet_sock_release */
	{ 43, BPF_PROG_TYPE_LSM },		/* lsm_cgroup */
	{ 49, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },	/* cgroup_unix_connect */
	{ 50, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ 51, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ 52, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
	{ 53, BPF_PROG_TYPE_CGROUP_SOCK_ADDR },
};

#define NR_CG_TYPES ARRAY_SIZE(cg_types)

/* What one program row needs, kept per id: effective trees repeat them. */
struct cg_prog {
	__u32 id;
	__u32 btf_obj_id;
	__u32 btf_id;
	char name[128];
};

struct cg_entry {
	__u32 type;
	__u32 id;
	__u32 flags;
};

struct cg_ctx {
	bool effective;
	bool want[NR_CG_TYPES];		/* attach types worth a query */
	/* one cgroup's rows, gathered before its path is printed */
	struct cg_entry *rows;
	size_t nrows, rows_cap;
	__u32 *ids, *flags;		/* flags: in the ids allocation */
	__u32 ids_cap;
	/* id -> program row data, open addressing */
	struct cg_prog *progs;
	size_t nprogs, progs_cap;
	struct btf *vmlinux;
	__u32 vmlinux_id;		/* 0 until a program shows it */
	char path[PATH_MAX];
	int err;
};

static bool is_cgroup_type(int type)
{
	size_t i;

	for (i = 0; i < NR_CG_TYPES; i++)
		if (cg_types[i].type == type)
			return true;
	return false;
}

static void want_all(struct cg_ctx *c)
{
	size_t i;

	for (i = 0; i < NR_CG_TYPES; i++)
		c->want[i] = true;
}

/*
 * Only loaded programs can be attached: mark the attach types whose
 * program type some loaded program has. A program type we do not know
 * (newer kernel) could attach anywhere, so it marks everything.
 */
static void want_loaded_types(struct cg_ctx *c)
{
	struct obj_walk w = OBJ_WALK_INIT(OBJ_PROG);
	struct bpf_prog_info info;
	bool seen[64] = {};
	__u32 len;
	size_t i;
	int ret;

	while (!(ret = obj_walk_next(&w))) {
		memset(&info, 0, sizeof(info));
		len = sizeof(info);
		if (!bpf_obj_get_info_by_fd(w.fd, &info, &len)) {
			if (info.type >= ARRAY_SIZE(seen) ||
			    !prog_type_name(info.type)) {
				close(w.fd);
				want_all(c);
				return;
			}
			seen[info.type] = true;
		}
		close(w.fd);
	}
	if (ret < 0) {		/* could not list: ask about all */
		want_all(c);
		return;
	}
	for (i = 0; i < NR_CG_TYPES; i++)
		c->want[i] = seen[cg_types[i].prog_type];
}

/* ids and flags share one allocation: each query fills both. */
static int grow_ids(struct cg_ctx *c, __u32 cap)
{
	__u32 *v = realloc(c->ids, 2 * sizeof(*v) * cap);

	if (!v)
		return -1;
	c->ids = v;
	c->flags = v + cap;
	c->ids_cap = cap;
	return 0;
}

static int add_row(struct cg_ctx *c, __u32 type, __u32 id, __u32 flags)
{
	if (ARRAY_RESERVE(c->rows, c->rows_cap, c->nrows + 1, 16))
		return -1;
	c->rows[c->nrows++] = (struct cg_entry){ type, id, flags };
	return 0;
}

/*
 * One BPF_PROG_QUERY for one attach type, ids and flags at once; a buffer
 * found too small is grown to the count the kernel reported and the query
 * repeated. Returns 0 (rows added) or -errno.
 */
static int query_type(struct cg_ctx *c, int cgfd, __u32 type)
{
	LIBBPF_OPTS(bpf_prog_query_opts, q);
	__u32 i, fl;

	for (;;) {
		q.query_flags = c->effective ? BPF_F_QUERY_EFFECTIVE : 0;
		q.prog_ids = c->ids;
		q.prog_cnt = c->ids_cap;
		/* the kernel refuses per-program flags for effective queries */
		q.prog_attach_flags = c->effective ? NULL : c->flags;
		if (!bpf_prog_query_opts(cgfd, type, &q))
			break;
		if (errno != ENOSPC || q.prog_cnt <= c->ids_cap)
			return -errno;
		if (grow_ids(c, q.prog_cnt + 16))
			return -ENOMEM;
	}
	for (i = 0; i < q.prog_cnt && i < c->ids_cap; i++) {
		fl = c->effective ? 0 : (c->flags[i] ?: q.attach_flags);
		if (add_row(c, type, c->ids[i], fl))
			return -ENOMEM;
	}
	return 0;
}

/* Gather the rows of one cgroup; 0, or -errno of a query that failed. */
static int gather(struct cg_ctx *c, int cgfd)
{
	size_t i;
	int err;

	c->nrows = 0;
	for (i = 0; i < NR_CG_TYPES; i++) {
		if (!c->want[i])
			continue;
		err = query_type(c, cgfd, cg_types[i].type);
		/* a type this kernel does not know is simply empty */
		if (err && err != -EINVAL)
			return err;
	}
	return 0;
}

static size_t prog_slot(const struct cg_ctx *c, __u32 id)
{
	size_t i = (id * 2654435761u) & (c->progs_cap - 1);

	while (c->progs[i].id && c->progs[i].id != id)
		i = (i + 1) & (c->progs_cap - 1);
	return i;
}

static int progs_grow(struct cg_ctx *c)
{
	size_t old = c->progs_cap, i;
	struct cg_prog *tab = c->progs;

	c->progs_cap = old ? old * 2 : 64;
	c->progs = calloc(c->progs_cap, sizeof(*c->progs));
	if (!c->progs) {
		c->progs = tab;
		c->progs_cap = old;
		return -1;
	}
	for (i = 0; i < old; i++)
		if (tab[i].id)
			c->progs[prog_slot(c, tab[i].id)] = tab[i];
	free(tab);
	return 0;
}

/* The vmlinux BTF object's id, from a kernel BTF object named "vmlinux". */
static void guess_vmlinux_id(struct cg_ctx *c, __u32 obj_id)
{
	struct bpf_btf_info info = {};
	__u32 len = sizeof(info);
	char name[16] = "";
	int fd;

	if (!obj_id || c->vmlinux_id)
		return;
	fd = bpf_btf_get_fd_by_id(obj_id);
	if (fd < 0)
		return;
	info.name = (__u64)(unsigned long)name;
	info.name_len = sizeof(name);
	if (!bpf_obj_get_info_by_fd(fd, &info, &len) && info.kernel_btf &&
	    !strcmp(name, "vmlinux"))
		c->vmlinux_id = obj_id;
	close(fd);
}

/* NULL when the program vanished since the query. */
static const struct cg_prog *prog_get(struct cg_ctx *c, __u32 id)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	struct cg_prog *p;
	int fd;

	if ((c->nprogs + 1) * 2 > c->progs_cap && progs_grow(c))
		return NULL;
	p = &c->progs[prog_slot(c, id)];
	if (p->id)
		return p;
	fd = bpf_prog_get_fd_by_id(id);
	if (fd < 0)
		return NULL;
	if (bpf_obj_get_info_by_fd(fd, &info, &len)) {
		close(fd);
		return NULL;
	}
	prog_full_name(fd, &info, p->name, sizeof(p->name));
	close(fd);
	p->id = id;
	p->btf_obj_id = info.attach_btf_obj_id;
	p->btf_id = info.attach_btf_id;
	c->nprogs++;
	guess_vmlinux_id(c, p->btf_obj_id);
	return p;
}

/*
 * bpftool names the attach BTF type when it is in vmlinux; programs
 * without one (object id 0) get an empty name, as in its output.
 */
static const char *attach_btf_name(struct cg_ctx *c, const struct cg_prog *p)
{
	const struct btf_type *t;
	struct btf_err e;

	if (p->btf_obj_id && p->btf_obj_id != c->vmlinux_id)
		return NULL;
	if (!p->btf_obj_id)
		return "";
	if (!c->vmlinux)
		c->vmlinux = btf_src_vmlinux_btf(&e);
	if (!c->vmlinux || p->btf_id >= btf__type_cnt(c->vmlinux))
		return NULL;
	t = btf__type_by_id(c->vmlinux, p->btf_id);
	return btf__name_by_offset(c->vmlinux, t->name_off);
}

static const char *flags_str(__u32 flags, char *buf, size_t size)
{
	switch (flags) {
	case BPF_F_ALLOW_MULTI:
		return "multi";
	case BPF_F_ALLOW_OVERRIDE:
		return "override";
	case 0:
		return "";
	}
	snprintf(buf, size, "unknown(%x)", flags);
	return buf;
}

static void print_row(struct cg_ctx *c, const struct cg_entry *r, int level)
{
	const char *tname = attach_type_name(r->type), *bname;
	const struct cg_prog *p = prog_get(c, r->id);
	char fbuf[32];
	const char *fl = flags_str(r->flags, fbuf, sizeof(fbuf));

	if (!p)
		return;
	bname = attach_btf_name(c, p);
	if (json_wtr)
		jsonw_start_object(json_wtr);
	else if (level)
		fputs("    ", stdout);
	print_u("id", "%-8llu ", p->id);
	if (tname)
		print_s("attach_type", "%-15s", tname);
	else
		print_u("attach_type", "type %-10llu", r->type);
	if (!c->effective)
		print_s("attach_flags", " %-15s", fl);
	print_s("name", " %-15s", p->name);
	if (bname)
		print_s("attach_btf_name", " %-15s", bname);
	/* plain: the ids only stand in for a name not found */
	print_u_if(!bname && p->btf_id, "attach_btf_obj_id",
		   " attach_btf_obj_id=%llu", p->btf_obj_id);
	print_u_if(!bname && p->btf_id, "attach_btf_id", " attach_btf_id=%llu",
		   p->btf_id);
	print_end_object("\n");
}

static void print_rows(struct cg_ctx *c, int level)
{
	size_t i;

	for (i = 0; i < c->nrows; i++)
		print_row(c, &c->rows[i], level);
}

static void print_header(const struct cg_ctx *c)
{
	if (c->effective)
		printf("%-8s %-15s %-15s\n", "ID", "AttachType", "Name");
	else
		printf("%-8s %-15s %-15s %-15s\n", "ID", "AttachType",
		       "AttachFlags", "Name");
}

static void cg_ctx_free(struct cg_ctx *c)
{
	free(c->rows);
	free(c->ids);		/* and flags */
	free(c->progs);
	btf__free(c->vmlinux);
}

int open_cgroup(const char *path)
{
	struct statfs st;
	int fd;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return p_err("can't open cgroup %s: %s", path, strerror(errno));
	if (fstatfs(fd, &st) || st.f_type != CGROUP2_SUPER_MAGIC) {
		close(fd);
		return p_err("%s is not a cgroup v2 directory", path);
	}
	return fd;
}

/* [effective] after the cgroup path; bpftool's messages. */
static int parse_effective(struct cg_ctx *c, struct argcur *cur)
{
	while (arg_more(cur)) {
		if (!arg_is(cur, "effective"))
			return p_err("expected no more arguments, 'effective', got: '%s'?",
				     arg_peek(cur));
		if (c->effective)
			return p_err("duplicated argument: %s", arg_peek(cur));
		c->effective = true;
		arg_next(cur);
	}
	return 0;
}

static int cg_init(struct cg_ctx *c)
{
	if (grow_ids(c, 64))
		return p_err("out of memory");
	return 0;
}

static int do_show(int argc, char **argv)
{
	ARGCUR(cur, argc, argv);
	struct cg_ctx c = {};
	const char *path;
	int fd, err;

	path = arg_next(&cur);
	if (!path)
		return p_err("expected a cgroup path");
	if (parse_effective(&c, &cur))
		return -1;
	fd = open_cgroup(path);
	if (fd < 0)
		return -1;
	want_all(&c);
	err = cg_init(&c);
	if (!err)
		err = gather(&c, fd);
	if (err < 0 && err != -1)
		err = p_err("can't query bpf programs attached to %s: %s",
			    path, strerror(-err));
	close(fd);
	if (err) {
		cg_ctx_free(&c);
		return -1;
	}
	/* an empty cgroup prints nothing, but JSON is always valid JSON */
	if (json_wtr)
		jsonw_start_array(json_wtr);
	else if (c.nrows)
		print_header(&c);
	print_rows(&c, 0);
	if (json_wtr)
		jsonw_end_array(json_wtr);
	cg_ctx_free(&c);
	return 0;
}

/* Print the cgroup at c->path (open as fd) when it has programs. */
static void tree_visit(struct cg_ctx *c, int fd, int level)
{
	int err = gather(c, fd);

	if (err) {
		c->err = p_err("can't query bpf programs attached to %s: %s",
			       c->path, strerror(-err));
		return;
	}
	if (!c->nrows)
		return;
	if (json_wtr) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "cgroup", c->path);
		jsonw_name(json_wtr, "programs");
		jsonw_start_array(json_wtr);
	} else {
		printf("%s\n", c->path);
	}
	print_rows(c, level);
	if (json_wtr) {
		jsonw_end_array(json_wtr);
		jsonw_end_object(json_wtr);
	}
}

/*
 * Pre-order walk in directory order, as nftw() gives bpftool. Only
 * directories are opened (getdents64 says which entries are); a cgroup
 * removed while we walk is skipped. dirfd is consumed.
 */
static void tree_walk(struct cg_ctx *c, int dirfd, int level)
{
	char buf[16384];
	size_t plen = strlen(c->path);
	long n, off;

	tree_visit(c, dirfd, level);
	while ((n = syscall(SYS_getdents64, dirfd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n;) {
			struct dirent64 *d = (void *)(buf + off);
			int fd;

			off += d->d_reclen;
			if (d->d_type != DT_DIR || !strcmp(d->d_name, ".") ||
			    !strcmp(d->d_name, ".."))
				continue;
			if (plen + 1 + strlen(d->d_name) >= sizeof(c->path))
				continue;
			fd = openat(dirfd, d->d_name,
				    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (fd < 0) {
				if (errno != ENOENT)
					c->err = p_err("can't open cgroup %s/%s: %s",
						       c->path, d->d_name,
						       strerror(errno));
				continue;
			}
			snprintf(c->path + plen, sizeof(c->path) - plen, "/%s",
				 d->d_name);
			tree_walk(c, fd, level + 1);
			c->path[plen] = '\0';
		}
	}
	close(dirfd);
}

/* The first cgroup2 mount in /proc/mounts, as bpftool picks it. */
static int find_cgroup_root(char *buf, size_t size)
{
	struct mntent *m, ent;
	char line[4096];
	FILE *f;
	int err = -1;

	f = setmntent("/proc/mounts", "re");
	if (!f)
		return -1;
	while ((m = getmntent_r(f, &ent, line, sizeof(line)))) {
		if (!strcmp(m->mnt_type, "cgroup2")) {
			snprintf(buf, size, "%s", m->mnt_dir);
			err = 0;
			break;
		}
	}
	endmntent(f);
	return err;
}

static int do_tree(int argc, char **argv)
{
	ARGCUR(cur, argc, argv);
	struct cg_ctx c = {};
	const char *root;
	int fd;

	if (arg_more(&cur)) {
		root = arg_next(&cur);
		if (parse_effective(&c, &cur))
			return -1;
		snprintf(c.path, sizeof(c.path), "%s", root);
	} else if (find_cgroup_root(c.path, sizeof(c.path))) {
		return p_err("cgroup v2 isn't mounted");
	}
	fd = open_cgroup(c.path);
	if (fd < 0)
		return -1;
	if (cg_init(&c)) {
		close(fd);
		return -1;
	}
	want_loaded_types(&c);
	if (json_wtr)
		jsonw_start_array(json_wtr);
	else {
		printf("%s\n", "CgroupPath");
		print_header(&c);
	}
	tree_walk(&c, fd, 0);
	if (json_wtr)
		jsonw_end_array(json_wtr);
	cg_ctx_free(&c);
	return c.err;
}

struct cg_req {
	int cgfd;
	int type;
	int prog_fd;
	__u32 flags;
};

static int parse_req(struct cg_req *r, int argc, char **argv, bool attach)
{
	ARGCUR(cur, argc, argv);
	const char *w;

	r->cgfd = r->prog_fd = -1;
	if (argc < 4)
		return p_err("too few parameters for cgroup %s",
			     attach ? "attach" : "detach");
	r->cgfd = open_cgroup(arg_next(&cur));
	if (r->cgfd < 0)
		return -1;
	w = arg_next(&cur);
	r->type = attach_type_parse_prefix(w);
	if (r->type < 0)
		return p_err("invalid attach type '%s'", w);
	if (!is_cgroup_type(r->type))
		return p_err("attach type '%s' is not a cgroup attach type",
			     attach_type_name(r->type));
	r->prog_fd = prog_parse_fd(&cur);
	if (r->prog_fd < 0)
		return -1;
	while (attach && arg_more(&cur)) {
		if (arg_take(&cur, "multi"))
			r->flags |= BPF_F_ALLOW_MULTI;
		else if (arg_take(&cur, "override"))
			r->flags |= BPF_F_ALLOW_OVERRIDE;
		else
			return p_err("unknown option: %s", arg_peek(&cur));
	}
	return arg_done(&cur);
}

static void free_req(struct cg_req *r)
{
	if (r->cgfd >= 0)
		close(r->cgfd);
	if (r->prog_fd >= 0)
		close(r->prog_fd);
}

static int do_attach(int argc, char **argv)
{
	struct cg_req r = {};
	int err, e;

	err = parse_req(&r, argc, argv, true);
	if (!err && bpf_prog_attach(r.prog_fd, r.cgfd, r.type, r.flags)) {
		e = errno;
		err = p_err_cap(e, "failed to attach program");
	}
	free_req(&r);
	return cmd_done(err);
}

static int do_detach(int argc, char **argv)
{
	struct cg_req r = {};
	int err, e;

	err = parse_req(&r, argc, argv, false);
	if (!err && bpf_prog_detach2(r.prog_fd, r.cgfd, r.type)) {
		e = errno;
		err = p_err("failed to detach program: %s%s", strerror(e),
			    e == ENOENT ? " (not attached there)" :
			    cap_hint(e));
	}
	free_req(&r);
	return cmd_done(err);
}

static const char help_text[] =
	"Usage: %1$s cgroup { show | list } CGROUP [effective]\n"
	"       %1$s cgroup tree [CGROUP_ROOT] [effective]\n"
	"       %1$s cgroup attach CGROUP ATTACH_TYPE PROG [ATTACH_FLAGS]\n"
	"       %1$s cgroup detach CGROUP ATTACH_TYPE PROG\n"
	"       %1$s cgroup help\n"
	"\n"
	"       ATTACH_TYPE := { cgroup_inet_ingress | cgroup_inet_egress |\n"
	"                        cgroup_inet_sock_create | cgroup_sock_ops |\n"
	"                        cgroup_device | cgroup_inet4_bind |\n"
	"                        cgroup_inet6_bind | cgroup_inet4_post_bind |\n"
	"                        cgroup_inet6_post_bind | cgroup_inet4_connect |\n"
	"                        cgroup_inet6_connect | cgroup_unix_connect |\n"
	"                        cgroup_inet4_getpeername | cgroup_inet6_getpeername |\n"
	"                        cgroup_unix_getpeername | cgroup_inet4_getsockname |\n"
	"                        cgroup_inet6_getsockname | cgroup_unix_getsockname |\n"
	"                        cgroup_udp4_sendmsg | cgroup_udp6_sendmsg |\n"
	"                        cgroup_unix_sendmsg | cgroup_udp4_recvmsg |\n"
	"                        cgroup_udp6_recvmsg | cgroup_unix_recvmsg |\n"
	"                        cgroup_sysctl | cgroup_getsockopt |\n"
	"                        cgroup_setsockopt | cgroup_inet_sock_release |\n"
	"                        lsm_cgroup }\n"
	"       ATTACH_FLAGS := { multi | override }\n"
	"       " HELP_SPEC_PROGRAM "\n"
	"       " HELP_SPEC_OPTIONS " }\n";

CMD_OBJECT(cgroup, help_text,
	{ "show",	do_show },
	{ "list",	do_show },
	{ "tree",	do_tree },
	{ "attach",	do_attach },
	{ "detach",	do_detach },
	CMD_HELP)
