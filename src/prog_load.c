// SPDX-License-Identifier: GPL-2.0-only
/*
 * prog pin, prog load, prog loadall: open an object file with libbpf, load
 * it, and pin what must survive us (programs, or their links with
 * autoattach, and optionally the maps).
 *
 * The object is checked before libbpf sees it, so that a file that is not
 * ELF, is truncated or lacks BTF gets one precise line instead of a libbpf
 * backtrace (bpftool#145 crashed on objects without BTF). When the verifier
 * rejects a program, the end of its log, which says why, is reported.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libgen.h>
#include <limits.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <bpf/skel_internal.h>

#include "args.h"
#include "array.h"
#include "btf_src.h"
#include "gen.h"
#include "handle.h"
#include "main.h"
#include "obj_check.h"
#include "pin.h"
#include "prog.h"
#include "libbpf_log.h"

#ifndef BPF_FS_MAGIC
#define BPF_FS_MAGIC 0xcafe4a11
#endif
#ifndef EM_BPF
#define EM_BPF 247
#endif
#ifndef BPF_F_XDP_DEV_BOUND_ONLY
#define BPF_F_XDP_DEV_BOUND_ONLY (1U << 6)	/* linux 6.3 */
#endif

/* Per program: enough for the end of any log (6.4+ keeps the tail). */
#define VLOG_SIZE	(256 * 1024)
/* How many log lines end the error report. */
#define VLOG_TAIL	8

int do_prog_pin(int argc, char **argv)
{
	return do_pin_any(argc, argv, prog_parse_fd);
}

struct map_reuse {
	int idx;		/* -1 until a name is resolved */
	const char *name;	/* NULL for "map idx N" */
	int fd;
};

struct load_args {
	const char *file;
	const char *path;
	const char *pinmaps;
	const char *kernel_btf;
	enum bpf_prog_type prog_type;
	enum bpf_attach_type attach_type;
	bool has_type;
	bool autoattach;
	__u32 offload_ifindex;
	__u32 xdpmeta_ifindex;
	struct map_reuse *reuse;
	int nr_reuse;
	size_t cap_reuse;
	int btf_fd;		/* checked kernel_btf in a memfd, or -1 */
	char btf_path[32];	/* what libbpf reads it as */
};

static void free_load_args(struct load_args *a)
{
	int i;

	for (i = 0; i < a->nr_reuse; i++)
		close(a->reuse[i].fd);
	free(a->reuse);
	if (a->btf_fd >= 0)
		close(a->btf_fd);
}

static int parse_type(struct load_args *a, const char *t)
{
	char buf[128];
	int err;

	if (a->has_type)
		return p_err("program type already specified");
	if (!t)
		return p_err("program type is missing after 'type'");
	libbpf_log_hold();	/* libbpf lists every section name under -d */
	err = libbpf_prog_type_by_name(t, &a->prog_type, &a->attach_type);
	if (err) {
		/* libbpf knows "kprobe/", "cgroup/skb"... try the section form */
		snprintf(buf, sizeof(buf), "%s/", t);
		err = libbpf_prog_type_by_name(buf, &a->prog_type,
					       &a->attach_type);
	}
	libbpf_log_release();
	if (err)
		return p_err("unknown program type '%s': use a libbpf section name such as socket, xdp, tc, cgroup/skb, tracepoint, raw_tracepoint",
			     t);
	a->has_type = true;
	return 0;
}

static int parse_map_reuse(struct load_args *a, struct argcur *c)
{
	struct map_reuse r = { .idx = -1 };
	const char *w;
	__u32 idx;

	if (c->argc < 4)
		return p_err("'map' needs {idx IDX | name NAME} and a MAP");
	if (arg_take(c, "idx")) {
		w = arg_next(c);
		if (parse_u32(w, &idx) || idx > INT_MAX)
			return p_err("can't parse %s as IDX", w);
		r.idx = idx;
	} else if (arg_take(c, "name")) {
		r.name = arg_next(c);
	} else {
		return p_err("expected 'idx' or 'name', got: '%s'?",
			     arg_peek(c));
	}
	r.fd = map_parse_fd(c, false);
	if (r.fd < 0)
		return -1;
	if (ARRAY_RESERVE(a->reuse, a->cap_reuse, a->nr_reuse + 1, 4)) {
		close(r.fd);
		return p_err("out of memory");
	}
	a->reuse[a->nr_reuse++] = r;
	return 0;
}

static int parse_dev(struct argcur *c, const char *kw, __u32 *ifindex,
		     __u32 other)
{
	const char *w;

	if (*ifindex)
		return p_err("%s already specified", kw);
	if (other)
		return p_err("xdpmeta_dev and offload_dev are mutually exclusive");
	w = arg_next(c);
	if (!w)
		return p_err("network device is missing after '%s'", kw);
	*ifindex = if_nametoindex(w);
	if (!*ifindex)
		return p_err("unrecognized netdevice '%s': %s", w,
			     strerror(errno));
	return 0;
}

/*
 * libbpf reads kernel_btf (a path) only if CO-RE needs it. It is loaded
 * and checked now, like any BTF input, and libbpf gets the checked bytes
 * through a memfd: what it reads is what was checked, and tarballs, ELF
 * files and pipes work too.
 */
static int check_btf_file(struct load_args *a)
{
	struct btf_src s;
	struct btf_err e;
	const void *raw;
	__u32 size;
	ssize_t n = -1;
	int err;

	err = btf_src_load_path(a->kernel_btf, NULL, &s, &e);
	if (err)
		return p_err_errno(-err, "kernel_btf: %s", e.msg);
	raw = btf__raw_data(s.btf, &size);
	a->btf_fd = memfd_create("bpfkit-kernel-btf", MFD_CLOEXEC);
	if (raw && a->btf_fd >= 0)
		n = write(a->btf_fd, raw, size);
	err = errno;
	btf_src_free(&s);
	if (n != (ssize_t)size)
		return p_err("can't use kernel_btf '%s': %s", a->kernel_btf,
			     strerror(err));
	snprintf(a->btf_path, sizeof(a->btf_path), "/proc/self/fd/%d",
		 a->btf_fd);
	return 0;
}

static int parse_load_args(struct load_args *a, int argc, char **argv)
{
	ARGCUR(c, argc, argv);

	if (argc < 2)
		return p_err("'%s' needs at least 2 arguments, %d found",
			     argv[-1], argc);
	a->file = arg_next(&c);
	a->path = arg_next(&c);
	while (arg_more(&c)) {
		if (arg_take(&c, "type")) {
			if (parse_type(a, arg_next(&c)))
				return -1;
		} else if (arg_take(&c, "map")) {
			if (parse_map_reuse(a, &c))
				return -1;
		} else if (arg_is(&c, "offload_dev") || arg_is(&c, "dev")) {
			if (arg_is(&c, "dev") && strlen(arg_peek(&c)) <= 3)
				p_info("Warning: 'dev IF' is deprecated, use 'offload_dev IF' (or 'xdpmeta_dev IF' for XDP metadata only)");
			arg_next(&c);
			if (parse_dev(&c, "offload_dev", &a->offload_ifindex,
				      a->xdpmeta_ifindex))
				return -1;
		} else if (arg_take(&c, "xdpmeta_dev")) {
			if (parse_dev(&c, "xdpmeta_dev", &a->xdpmeta_ifindex,
				      a->offload_ifindex))
				return -1;
		} else if (arg_take(&c, "pinmaps")) {
			a->pinmaps = arg_next(&c);
			if (!a->pinmaps)
				return p_err("directory is missing after 'pinmaps'");
		} else if (arg_take(&c, "autoattach")) {
			a->autoattach = true;
		} else if (arg_take(&c, "kernel_btf")) {
			a->kernel_btf = arg_next(&c);
			if (!a->kernel_btf)
				return p_err("file is missing after 'kernel_btf'");
			if (check_btf_file(a))
				return -1;
		} else {
			return p_err("expected no more arguments, 'type', 'map', 'offload_dev', 'xdpmeta_dev', 'pinmaps', 'autoattach', or 'kernel_btf', got: '%s'?",
				     arg_peek(&c));
		}
	}
	return 0;
}

/*
 * The object's bytes, read once and checked (obj_check.c) before libbpf
 * parses that same copy: no second open that could see another file, no
 * mapping a truncation could turn into SIGBUS, and pipes work.
 */
int read_object(const char *file, struct btf_bytes *b, struct obj_facts *f)
{
	struct btf_err e;
	int err;

	err = btf_src_read(file, b, &e);
	if (err == -EFBIG)
		return p_err("can't open object file '%s': larger than %u MiB, not a BPF object",
			     file, BTF_FILE_MAX >> 20);
	if (err)
		return p_err_errno(-err, "can't open object file '%s': %s",
				   file, e.msg);
	err = obj_check(b->data, b->size, file, f, &e);
	if (err) {
		btf_src_bytes_free(b);
		return p_err("%s", e.msg);
	}
	return 0;
}

/* ": reason" from libbpf's first warning, or from errno. */
static const char *why(int err, char *buf, size_t size)
{
	/* a missing capability explains it better than libbpf's guesses */
	if (*cap_hint(err))
		snprintf(buf, size, ": %s%s", strerror(err < 0 ? -err : err),
			 cap_hint(err));
	else if (*libbpf_log_first_warn())
		snprintf(buf, size, ": %s%s", libbpf_log_first_warn(),
			 cap_hint(err));
	else if (err)
		snprintf(buf, size, ": %s%s", strerror(err < 0 ? -err : err),
			 cap_hint(err));
	else
		buf[0] = '\0';
	return buf;
}

/*
 * Only when the kernel still charges BPF memory to RLIMIT_MEMLOCK (before
 * 5.11) is the limit raised: a tiny program is loaded with the limit at 0,
 * and only EPERM means rlimit accounting.
 */
static void memlock_probe(void)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct rlimit old, zero = { 0, 0 }, inf = { RLIM_INFINITY, RLIM_INFINITY };
	int fd, err;

	if (getrlimit(RLIMIT_MEMLOCK, &old))
		return;
	zero.rlim_max = old.rlim_max;
	if (setrlimit(RLIMIT_MEMLOCK, &zero))
		return;
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, 2,
			   NULL);
	err = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	if (err == EPERM && !setrlimit(RLIMIT_MEMLOCK, &inf))
		return;
	setrlimit(RLIMIT_MEMLOCK, &old);
}

/*
 * From our checked copy; named as libbpf names an object it opens by path
 * (the file name up to its first dot), which prefixes its .data/.bss maps.
 */
/* The name libbpf gives an object it opens by path: basename up to a dot. */
static const char *object_name(const char *file, char *name, size_t size)
{
	const char *base = strrchr(file, '/');

	base = base ? base + 1 : file;
	snprintf(name, size, "%.*s", (int)strcspn(base, "."), base);
	return name;
}

static struct bpf_object *open_object(const struct load_args *a,
				      const struct btf_bytes *b,
				      const struct obj_facts *f)
{
	LIBBPF_OPTS(bpf_object_open_opts, oo,
		    .relaxed_maps = opts.mapcompat,
		    .btf_custom_path = a->kernel_btf ? a->btf_path : NULL);
	struct bpf_object *obj;
	char reason[700], name[64];

	oo.object_name = object_name(a->file, name, sizeof(name));
	if (opts.debug)
		oo.kernel_log_level = 1 | 2 | 4;	/* insns, states, stats */
	libbpf_log_hold();
	obj = bpf_object__open_mem(b->data, b->size, &oo);
	libbpf_log_release();
	if (obj)
		return obj;
	if (!f->has_btf && f->has_maps)
		p_err("failed to open object file '%s': it has no BTF (.BTF section), which its SEC(\".maps\") maps need: compile with clang -g",
		      a->file);
	else
		p_err("failed to open object file '%s'%s", a->file,
		      why(errno, reason, sizeof(reason)));
	return NULL;
}

static int setup_programs(struct bpf_object *obj, const struct load_args *a,
			  char **logs)
{
	struct bpf_program *prog;
	int i = 0;

	bpf_object__for_each_program(prog, obj) {
		if (a->has_type) {
			bpf_program__set_type(prog, a->prog_type);
			bpf_program__set_expected_attach_type(prog,
							      a->attach_type);
		} else if (bpf_program__type(prog) == BPF_PROG_TYPE_UNSPEC) {
			return p_err("program '%s': unknown section name '%s', give the type with 'type TYPE'",
				     bpf_program__name(prog),
				     bpf_program__section_name(prog));
		}
		if (a->xdpmeta_ifindex &&
		    bpf_program__type(prog) == BPF_PROG_TYPE_XDP) {
			bpf_program__set_flags(prog,
					       bpf_program__flags(prog) |
					       BPF_F_XDP_DEV_BOUND_ONLY);
			bpf_program__set_ifindex(prog, a->xdpmeta_ifindex);
		} else if (a->offload_ifindex) {
			bpf_program__set_ifindex(prog, a->offload_ifindex);
		}
		/*
		 * Our own buffer makes libbpf retry a failed load with log
		 * level 1 and leave the log to us. -d keeps libbpf's buffer,
		 * which grows, and libbpf prints the whole log itself.
		 */
		if (logs)
			bpf_program__set_log_buf(prog, logs[i], VLOG_SIZE);
		i++;
	}
	return 0;
}

static int map_index(struct bpf_object *obj, const char *name)
{
	struct bpf_map *map;
	int i = 0;

	bpf_object__for_each_map(map, obj) {
		if (!strcmp(bpf_map__name(map), name))
			return i;
		i++;
	}
	return -1;
}

static int setup_maps(struct bpf_object *obj, struct load_args *a)
{
	struct bpf_map *map;
	int i, j, idx = 0;

	for (i = 0; i < a->nr_reuse; i++) {
		if (!a->reuse[i].name)
			continue;
		a->reuse[i].idx = map_index(obj, a->reuse[i].name);
		if (a->reuse[i].idx < 0)
			return p_err("unable to find map '%s'",
				     a->reuse[i].name);
	}
	for (i = 0; i < a->nr_reuse; i++)
		for (j = i + 1; j < a->nr_reuse; j++)
			if (a->reuse[i].idx == a->reuse[j].idx)
				return p_err("replacement for map idx %d specified more than once",
					     a->reuse[i].idx);
	bpf_object__for_each_map(map, obj) {
		if (a->offload_ifindex &&
		    bpf_map__type(map) != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			bpf_map__set_ifindex(map, a->offload_ifindex);
		for (i = 0; i < a->nr_reuse; i++) {
			if (a->reuse[i].idx != idx)
				continue;
			if (bpf_map__reuse_fd(map, a->reuse[i].fd))
				return p_err("unable to reuse map for '%s': %s",
					     bpf_map__name(map),
					     strerror(errno));
			a->reuse[i].idx = -2;	/* used */
		}
		idx++;
	}
	for (i = 0; i < a->nr_reuse; i++)
		if (a->reuse[i].idx >= 0)
			return p_err("map idx '%d' not used", a->reuse[i].idx);
	return 0;
}

/* Log lines that only summarise, after the reason. */
static bool vlog_summary(const char *l)
{
	return !*l || !strncmp(l, "processed ", 10) ||
	       !strncmp(l, "verification time", 17) ||
	       !strncmp(l, "stack depth", 11) ||
	       !strncmp(l, "-- END", 6);
}

static bool vlog_insn(const char *l)
{
	const char *p = l;

	while (*p >= '0' && *p <= '9')
		p++;
	return p != l && !strncmp(p, ": (", 3);
}

/*
 * Split the log in place into lines; keep pointers to the last VLOG_TAIL
 * meaningful ones (summary lines at the very end dropped).
 */
static int vlog_tail(char *log, char **tail)
{
	char *lines[VLOG_TAIL + 8];
	int n = 0, i, keep;
	char *p = log, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (n == (int)(sizeof(lines) / sizeof(lines[0]))) {
			memmove(lines, lines + 1, (n - 1) * sizeof(*lines));
			n--;
		}
		lines[n++] = p;
		if (!nl)
			break;
		p = nl + 1;
	}
	while (n > 0 && vlog_summary(lines[n - 1]))
		n--;
	keep = n < VLOG_TAIL ? n : VLOG_TAIL;
	for (i = 0; i < keep; i++)
		tail[i] = lines[n - keep + i];
	return keep;
}

static void report_rejected(const char *prog, char *log, bool no_license)
{
	char *tail[VLOG_TAIL], insn[160] = "", msg[1024];
	const char *reason, *hint = "";
	int n, i;

	n = vlog_tail(log, tail);
	reason = n ? tail[n - 1] : "(the kernel gave no log)";
	for (i = n - 2; i >= 0; i--) {
		if (vlog_insn(tail[i])) {
			snprintf(insn, sizeof(insn), " (at insn %s)", tail[i]);
			break;
		}
	}
	if (no_license && strstr(reason, "GPL"))
		hint = "; the object has no SEC(\"license\"): add one, e.g. \"GPL\"";
	snprintf(msg, sizeof(msg),
		 "program '%s' rejected by the verifier: %s%s%s", prog, reason,
		 insn, hint);
	if (json_wtr) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "error", msg);
		jsonw_name(json_wtr, "verifier_log");
		jsonw_start_array(json_wtr);
		for (i = 0; i < n; i++)
			jsonw_string(json_wtr, tail[i]);
		jsonw_end_array(json_wtr);
		jsonw_end_object(json_wtr);
		return;
	}
	fflush(stdout);
	fprintf(stderr, "verifier log of program '%s' (last %d lines):\n",
		prog, n);
	for (i = 0; i < n; i++)
		fprintf(stderr, "\t%s\n", tail[i]);
	p_err("%s", msg);
}

static int load_object(struct bpf_object *obj, char **logs,
		       const struct obj_facts *f, const struct load_args *a)
{
	struct bpf_program *prog;
	char reason[700];
	int err, i = 0;

	memlock_probe();
	libbpf_log_hold();
	err = bpf_object__load(obj);
	libbpf_log_release();
	if (!err)
		return 0;
	if (logs) {
		bpf_object__for_each_program(prog, obj) {
			if (logs[i][0]) {
				report_rejected(bpf_program__name(prog),
						logs[i], !f->has_license);
				return -1;
			}
			i++;
		}
	}
	return p_err("failed to load object file '%s'%s%s", a->file,
		     why(err, reason, sizeof(reason)),
		     a->offload_ifindex ?
		     " (offload_dev needs a device whose driver offloads BPF)" :
		     "");
}

static bool is_bpffs(const char *path)
{
	struct statfs st;

	return !statfs(path, &st) && (unsigned long)st.f_type == BPF_FS_MAGIC;
}

/*
 * What a load has made in bpffs so far (pins, directories), removed again
 * newest first when a later step fails.
 */
struct made {
	struct made_path {
		char *path;
		bool dir;
	} *p;
	size_t n, cap;
};

/* Note a path just made; out of memory, it is removed again at once. */
static int made_add(struct made *m, const char *path, bool dir)
{
	char *p = strdup(path);

	if (!p || ARRAY_RESERVE(m->p, m->cap, m->n + 1, 8)) {
		free(p);
		if (dir)
			rmdir(path);
		else
			unlink(path);
		return p_err("out of memory");
	}
	m->p[m->n].path = p;
	m->p[m->n++].dir = dir;
	return 0;
}

/* Forget what was made, after removing it with undo. */
static void made_end(struct made *m, bool undo)
{
	while (m->n > 0) {
		struct made_path *p = &m->p[--m->n];

		if (undo && p->dir)
			rmdir(p->path);
		else if (undo)
			unlink(p->path);
		free(p->path);
	}
	free(m->p);
}

/*
 * Make dir ready to hold pins: a bpffs directory, or one that libbpf-like
 * mkdir creates inside bpffs; else (unless -n) a bpffs mounted on dir
 * itself. A directory we create goes into m, so a failure can remove it.
 */
static int prepare_pin_dir(const char *dir, struct made *m)
{
	char buf[PATH_MAX];
	const char *parent;
	struct stat st;

	if (!stat(dir, &st)) {
		if (!S_ISDIR(st.st_mode))
			return p_err("can't pin BPF objects in '%s': not a directory",
				     dir);
		if (is_bpffs(dir))
			return 0;
		return mount_bpffs_for_pin(dir, dir);
	}
	if (errno != ENOENT)
		return p_err("can't pin BPF objects in '%s': %s", dir,
			     strerror(errno));
	parent = path_dir(dir, buf, sizeof(buf));
	if (stat(parent, &st))
		return p_err("can't pin BPF objects: dir '%s' doesn't exist",
			     parent);
	if (!is_bpffs(parent) && opts.nomount)
		return p_err("no BPF file system found, not mounting it due to --nomount option");
	if (mkdir(dir, 0700))
		return p_err("can't create directory '%s': %s", dir,
			     strerror(errno));
	if (!is_bpffs(parent) && mount_bpffs_for_pin(dir, dir)) {
		rmdir(dir);
		return -1;
	}
	return made_add(m, dir, true);
}

/* Pin prog at path, or with autoattach the link attaching it. */
static int pin_one(struct bpf_program *prog, const char *path, bool attach)
{
	struct bpf_link *link;
	char reason[700];
	int err;

	if (!attach)
		return pin_fd_at(bpf_program__fd(prog), path);
	libbpf_log_hold();
	link = bpf_program__attach(prog);
	libbpf_log_release();
	if (!link) {
		p_info("Program %s does not support autoattach, falling back to pinning",
		       bpf_program__name(prog));
		p_debug("autoattach of %s failed%s", bpf_program__name(prog),
			why(errno, reason, sizeof(reason)));
		return pin_fd_at(bpf_program__fd(prog), path);
	}
	err = pin_fd_at(bpf_link__fd(link), path);
	/* the pin keeps the link; closing our fd does not detach it */
	bpf_link__destroy(link);
	return err;
}

static int prog_path(char *buf, size_t size, const char *dir,
		     const struct bpf_program *prog)
{
	if (snprintf(buf, size, "%s/%s", dir, bpf_program__name(prog)) >=
	    (int)size)
		return p_err("path too long: %s/%s", dir,
			     bpf_program__name(prog));
	return 0;
}

static int pin_progs(struct bpf_object *obj, const struct load_args *a,
		     struct made *m)
{
	struct bpf_program *prog;
	char path[PATH_MAX];

	bpf_object__for_each_program(prog, obj) {
		if (prog_path(path, sizeof(path), a->path, prog) ||
		    pin_one(prog, path, a->autoattach) ||
		    made_add(m, path, false))
			return -1;
	}
	return 0;
}

/*
 * Each map at DIR/NAME, '.' in the name (".rodata") becoming '_'. Only
 * the name is rewritten: libbpf's own pin_maps would also rewrite dots
 * in DIR.
 */
static int map_path(char *buf, size_t size, const char *dir,
		    const struct bpf_map *map)
{
	char *p;
	int n;

	n = snprintf(buf, size, "%s/%s", dir, bpf_map__name(map));
	if (n >= (int)size)
		return p_err("path too long: %s/%s", dir, bpf_map__name(map));
	for (p = buf + strlen(dir) + 1; *p; p++)
		if (*p == '.')
			*p = '_';
	return 0;
}

static int pin_maps(struct bpf_object *obj, const char *dir,
		    struct made *m)
{
	struct bpf_map *map;
	char path[PATH_MAX];

	if (prepare_pin_dir(dir, m))
		return -1;
	bpf_object__for_each_map(map, obj) {
		if (!bpf_map__autocreate(map))
			continue;
		if (map_path(path, sizeof(path), dir, map) ||
		    pin_fd_at(bpf_map__fd(map), path) ||
		    made_add(m, path, false))
			return -1;
	}
	return 0;
}

/* Everything pinned, or (after the error) nothing left behind. */
static int pin_object(struct bpf_object *obj, const struct load_args *a,
		      bool first_only)
{
	struct bpf_program *prog;
	struct made m = {};
	int err;

	prog = bpf_object__next_program(obj, NULL);
	if (!prog)
		return p_err("object file doesn't contain any bpf program");
	if (first_only)
		err = pin_one(prog, a->path, a->autoattach) ||
		      made_add(&m, a->path, false);
	else
		err = prepare_pin_dir(a->path, &m) || pin_progs(obj, a, &m);
	if (!err && a->pinmaps)
		err = pin_maps(obj, a->pinmaps, &m);
	made_end(&m, err);
	return err ? -1 : 0;
}

static char **alloc_logs(struct bpf_object *obj)
{
	struct bpf_program *prog;
	char **logs;
	int n = 0, i;

	bpf_object__for_each_program(prog, obj)
		n++;
	logs = calloc(n + 1, sizeof(*logs));
	if (!logs)
		return NULL;
	for (i = 0; i < n; i++) {
		logs[i] = calloc(1, VLOG_SIZE);
		if (!logs[i])
			goto fail;
	}
	return logs;
fail:
	while (i-- > 0)
		free(logs[i]);
	free(logs);
	return NULL;
}

static void free_logs(char **logs)
{
	char **l;

	if (!logs)
		return;
	for (l = logs; *l; l++)
		free(*l);
	free(logs);
}

static int load_with_options(int argc, char **argv, bool first_only)
{
	struct load_args a = { .btf_fd = -1 };
	struct btf_bytes bytes = {};
	struct obj_facts f = {};
	struct bpf_object *obj = NULL;
	char **logs = NULL;
	int err = -1;

	if (parse_load_args(&a, argc, argv))
		goto out;
	if (read_object(a.file, &bytes, &f))
		goto out;
	if (!f.nr_progs) {
		p_err("object file doesn't contain any bpf program");
		goto out;
	}
	obj = open_object(&a, &bytes, &f);
	if (!obj)
		goto out;
	if (!opts.debug) {
		logs = alloc_logs(obj);
		if (!logs) {
			p_err("out of memory");
			goto out;
		}
	}
	if (setup_programs(obj, &a, logs) || setup_maps(obj, &a) ||
	    load_object(obj, logs, &f, &a) ||
	    pin_object(obj, &a, first_only))
		goto out;
	if (json_wtr)
		jsonw_null(json_wtr);
	err = 0;
out:
	bpf_object__close(obj);	/* libbpf may read its buffer until here */
	btf_src_bytes_free(&bytes);
	free_logs(logs);
	free_load_args(&a);
	return err;
}

/*
 * prog load -L OBJ: the object's load is recorded as a loader program
 * (gen.c, as for light skeletons) which is then run once. As in bpftool,
 * PATH and the keywords are ignored and nothing is pinned: this checks
 * that the loader program works. The context has room for 64 maps or
 * programs, the loader generator's own limit.
 */
static int load_through_loader(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_object_open_opts, oo, .relaxed_maps = opts.mapcompat);
	struct btf_bytes bytes = {};
	struct obj_facts f;
	char name[64];
	size_t desc = sizeof(struct bpf_map_desc) > sizeof(struct bpf_prog_desc) ?
		      sizeof(struct bpf_map_desc) : sizeof(struct bpf_prog_desc);
	size_t ctx_sz = sizeof(struct bpf_loader_ctx) + 64 * desc;
	struct bpf_load_and_run_opts ro = {};
	LIBBPF_OPTS(gen_loader_opts, lo);
	struct bpf_loader_ctx *ctx;
	struct bpf_object *obj;
	const char *warn;
	char *log = NULL;
	int err = -1;

	if (argc < 1) {
		usage();
		return -1;
	}
	if (read_object(argv[0], &bytes, &f))
		return -1;
	oo.object_name = object_name(argv[0], name, sizeof(name));
	if (opts.debug)
		oo.kernel_log_level = 1 | 2 | 4;
	libbpf_log_hold();
	obj = bpf_object__open_mem(bytes.data, bytes.size, &oo);
	warn = libbpf_log_release();
	if (!obj) {
		btf_src_bytes_free(&bytes);
		return p_err("failed to open object file '%s'%s%s", argv[0],
			     *warn ? ": " : "", warn);
	}
	ctx = calloc(1, ctx_sz);
	if (!ctx) {
		p_err("out of memory");
		goto out;
	}
	ctx->sz = ctx_sz;
	if (opts.debug) {
		ctx->log_level = 1 | 2 | 4;
		ctx->log_size = VLOG_SIZE;
		log = calloc(1, VLOG_SIZE);
		if (!log) {
			p_err("out of memory");
			goto out;
		}
		ctx->log_buf = (long)log;
	}
	if (gen_loader_record(obj, &lo))
		goto out;
	ro.ctx = ctx;
	ro.data = lo.data;
	ro.data_sz = lo.data_sz;
	ro.insns = lo.insns;
	ro.insns_sz = lo.insns_sz;
	err = bpf_load_and_run(&ro);
	if (log)
		fprintf(stderr, "%s", log);
	if (err < 0) {
		p_err("loader program: %s: %s%s%s",
		      ro.errstr ? ro.errstr : "failed", strerror(-err),
		      cap_hint(-err),
		      opts.debug ? "" : " (-d prints the verifier's log)");
		err = err < -255 ? -1 : err;
		goto out;
	}
	err = 0;
	if (json_wtr)
		jsonw_null(json_wtr);
out:
	free(log);
	free(ctx);
	bpf_object__close(obj);
	btf_src_bytes_free(&bytes);
	return err;
}

int do_prog_load(int argc, char **argv)
{
	if (opts.use_loader)
		return load_through_loader(argc, argv);
	return load_with_options(argc, argv, true);
}

int do_prog_loadall(int argc, char **argv)
{
	return load_with_options(argc, argv, false);
}
