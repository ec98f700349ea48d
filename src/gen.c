// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen: skeleton and subskeleton headers, light skeletons, static linking.
 *
 * The headers are byte-identical to Debian's bpftool 7.1 (the format the
 * installed libbpf 1.1 compiles). Every byte is generated into memory
 * first and written out with one write() only when generation succeeded,
 * so a bad object never leaves half a header on stdout or in -o FILE.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "atomic_out.h"
#include "btf_src.h"
#include "gen.h"
#include "core_minbtf.h"
#include "main.h"
#include "libbpf_log.h"
#include "obj_check.h"
#include "prog.h"

#define OBJ_NAME_MAX	64	/* bpftool's limit, terminator included */
#define IDENT_MAX	256

struct gen {
	FILE *f;		/* open_memstream() */
	char *buf;
	size_t len;
	struct btf_bytes elf;	/* the object file's bytes, checked */
	struct bpf_object *obj;
	struct btf *btf;	/* the object's, may be NULL */
	struct btf_dump *dump;
	char name[OBJ_NAME_MAX];
	char guard[OBJ_NAME_MAX + sizeof("__SUBSKEL_H__")];
	bool paren_held;	/* dump_printf() holds back a "(" */
};

/* ---- output ---- */

static void out(struct gen *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void out(struct gen *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(g->f, fmt, ap);
	va_end(ap);
}

/*
 * btf_dump's output. bpftool 7.1's libbpf prints an empty parameter list
 * as "(void)", the system's libbpf 1.1.2 as "()": it prints "(" and ")"
 * with two calls, and a "(" it prints for grouping ("(*name)") is never
 * followed by ")" at once. So a "(" is held back until the next call.
 */
static void dump_printf(void *ctx, const char *fmt, va_list ap)
{
	struct gen *g = ctx;

	if (g->paren_held) {
		g->paren_held = false;
		if (!strcmp(fmt, ")")) {
			fputs("(void)", g->f);
			return;
		}
		fputc('(', g->f);
	}
	if (!strcmp(fmt, "(")) {
		g->paren_held = true;
		return;
	}
	vfprintf(g->f, fmt, ap);
}

/* Print one variable's declaration with btf_dump (see gen_dumper()). */
static int emit_decl(struct gen *g, __u32 type_id,
		     const struct btf_dump_emit_type_decl_opts *eo)
{
	int err = btf_dump__emit_type_decl(g->dump, type_id, eo);

	if (g->paren_held) {
		g->paren_held = false;
		fputc('(', g->f);
	}
	return err;
}

/*
 * Bytes as the inside of a C string literal: NUL as "\0", anything else as
 * "\xNN", a backslash-newline whenever the line would pass 78 columns.
 * Hand-rolled: a large object is megabytes of this.
 */
static void out_hex(struct gen *g, const unsigned char *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	char chunk[8192];
	size_t i, k = 0;
	int col = 0;

	for (i = 0; i < n; i++) {
		int w = p[i] ? 4 : 2;

		if (k > sizeof(chunk) - 8) {
			fwrite(chunk, 1, k, g->f);
			k = 0;
		}
		col += w;
		if (col > 78) {
			chunk[k++] = '\\';
			chunk[k++] = '\n';
			col = w;
		}
		chunk[k++] = '\\';
		if (!p[i]) {
			chunk[k++] = '0';
			continue;
		}
		chunk[k++] = 'x';
		chunk[k++] = hx[p[i] >> 4];
		chunk[k++] = hx[p[i] & 15];
	}
	fwrite(chunk, 1, k, g->f);
}

/* write() all of buf to fd: 0, or an errno value. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? errno : EIO;
		buf += n;
		len -= n;
	}
	return 0;
}

/* Write everything generated to stdout in one go; 0 or -1 after reporting. */
static int gen_commit(struct gen *g)
{
	int err;

	if (fflush(g->f) || ferror(g->f))
		return p_err("out of memory generating the output");
	fflush(stdout);
	err = write_all(STDOUT_FILENO, g->buf, g->len);
	if (err)
		return p_err("writing the output failed: %s", strerror(err));
	return 0;
}

/* ---- names ---- */

static void sanitize(char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			*s = '_';
}

static bool is_ident(const char *s)
{
	if (!*s || isdigit((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static bool has_prefix(const char *s, const char *pfx)
{
	return !strncmp(s, pfx, strlen(pfx));
}

/*
 * "dir/prog.bpf.o" -> "prog_bpf", at most OBJ_NAME_MAX - 1 bytes. bpftool
 * takes any file name and prints a header that does not compile ("struct
 * 1st_bpf {"); we refuse it, as we refuse such a name given with 'name'.
 */
static int name_from_file(char *name, const char *file)
{
	const char *base = strrchr(file, '/');
	size_t n;

	snprintf(name, OBJ_NAME_MAX, "%s", base ? base + 1 : file);
	n = strlen(name);
	if (n >= 2 && !strcmp(name + n - 2, ".o"))
		name[n - 2] = '\0';
	sanitize(name);
	if (!is_ident(name))
		return p_err("can't name the skeleton after '%s': '%s' is not a C identifier; give one with 'name NAME'",
			     file, name);
	return 0;
}

static void make_guard(struct gen *g, const char *what)
{
	char *p;

	snprintf(g->guard, sizeof(g->guard), "__%s_%s__", g->name, what);
	for (p = g->guard; *p; p++)
		*p = toupper((unsigned char)*p);
}

enum head { HEAD_SKEL, HEAD_LIGHT, HEAD_SUBSKEL };

#define LIBBPF_INCLUDES	"#include <errno.h>\n"				\
			"#include <stdlib.h>\n"				\
			"#include <bpf/libbpf.h>\n"

/*
 * How each kind of header opens, in bpftool's bytes: its guard's suffix,
 * the banner after the licence, the includes and the struct's first
 * members.
 */
static const struct {
	const char *guard, *banner, *includes, *members;
} heads[] = {
	[HEAD_SKEL] = {
		"SKEL_H", "\n/* THIS FILE IS AUTOGENERATED BY BPFTOOL! */\n",
		LIBBPF_INCLUDES,
		"\tstruct bpf_object_skeleton *skeleton;\n"
		"\tstruct bpf_object *obj;\n",
	},
	[HEAD_LIGHT] = {
		"SKEL_H", "/* THIS FILE IS AUTOGENERATED BY BPFTOOL! */\n",
		"#include <bpf/skel_internal.h>\n",
		"\tstruct bpf_loader_ctx ctx;\n",
	},
	[HEAD_SUBSKEL] = {
		"SUBSKEL_H", "\n/* THIS FILE IS AUTOGENERATED! */\n",
		LIBBPF_INCLUDES,
		"\tstruct bpf_object *obj;\n"
		"\tstruct bpf_object_subskeleton *subskel;\n",
	},
};

/* The licence, guard, includes and "struct NAME {" with its first members. */
static void emit_head(struct gen *g, enum head h)
{
	make_guard(g, heads[h].guard);
	out(g, "/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */\n"
	       "%2$s"
	       "#ifndef %1$s\n"
	       "#define %1$s\n"
	       "\n"
	       "%3$s"
	       "\n"
	       "struct %4$s {\n"
	       "%5$s", g->guard, heads[h].banner, heads[h].includes, g->name,
	    heads[h].members);
}

static const char *const data_secs[] = { ".data", ".rodata", ".bss", ".kconfig" };

/*
 * A map's field name in the skeleton: its own name for user maps; for
 * libbpf's internal maps ("obj.rodata", ".data.custom") the part from the
 * section name on, dots and dashes made underscores. false: an internal
 * map of a kind the skeleton does not expose.
 */
static bool map_ident(const struct bpf_map *map, char *buf, size_t sz)
{
	const char *name = bpf_map__name(map), *p;
	size_t i;

	if (!bpf_map__is_internal(map)) {
		snprintf(buf, sz, "%s", name);
		return true;
	}
	for (i = 0; i < sizeof(data_secs) / sizeof(data_secs[0]); i++) {
		p = strstr(name, data_secs[i]);
		if (p) {
			snprintf(buf, sz, "%s", p + 1);
			sanitize(buf);
			return true;
		}
	}
	return false;
}

static bool datasec_ident(const char *sec, char *buf, size_t sz)
{
	size_t i;

	for (i = 0; i < sizeof(data_secs) / sizeof(data_secs[0]); i++) {
		if (has_prefix(sec, data_secs[i])) {
			snprintf(buf, sz, "%s", sec + 1);
			sanitize(buf);
			return true;
		}
	}
	return false;
}

/*
 * Internal maps user space can mmap(): the ones with a typed struct. The
 * libbpf inside bpftool 7.1 made every internal map mmapable; the system's
 * libbpf 1.1 leaves out sections holding only static variables, but loads
 * skeletons that list them just as well (their pointer stays NULL). So the
 * flag is not asked, for bpftool's output; light skeletons, which mmap them
 * unconditionally, get the flag set back (force_mmapable()).
 */
static bool mmapable_map(const struct bpf_map *map, char *buf, size_t sz)
{
	return bpf_map__is_internal(map) && map_ident(map, buf, sz);
}

static const struct btf_type *datasec_of(const struct btf *btf,
					 const char *ident)
{
	__u32 i, n = btf__type_cnt(btf);
	char sec[IDENT_MAX];

	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (!btf_is_datasec(t))
			continue;
		if (datasec_ident(btf__name_by_offset(btf, t->name_off), sec,
				  sizeof(sec)) && !strcmp(sec, ident))
			return t;
	}
	return NULL;
}

/*
 * The typed data sections: the mmapable internal maps after map (NULL: from
 * the first), with their field name in ident (IDENT_MAX bytes) and their
 * DATASEC in *sec (NULL when there is none, or no BTF).
 */
static struct bpf_map *next_data_map(struct gen *g, struct bpf_map *map,
				     char *ident, const struct btf_type **sec)
{
	while ((map = bpf_object__next_map(g->obj, map))) {
		if (!mmapable_map(map, ident, IDENT_MAX))
			continue;
		*sec = g->btf ? datasec_of(g->btf, ident) : NULL;
		return map;
	}
	return NULL;
}

#define for_each_data_map(g, map, ident, sec)			\
	for (map = next_data_map(g, NULL, ident, &(sec)); map;	\
	     map = next_data_map(g, map, ident, &(sec)))

/* The VAR behind a DATASEC entry, or NULL for static ones (not exposed). */
static const struct btf_type *global_var(const struct btf *btf,
					 const struct btf_var_secinfo *vs)
{
	const struct btf_type *v = btf__type_by_id(btf, vs->type);

	if (!v || !btf_is_var(v) || btf_var(v)->linkage == BTF_VAR_STATIC)
		return NULL;
	return v;
}

static size_t mmap_size(const struct bpf_map *map)
{
	size_t pg = sysconf(_SC_PAGE_SIZE);
	size_t sz = ((size_t)bpf_map__value_size(map) + 7) / 8 * 8 *
		    bpf_map__max_entries(map);

	return (sz + pg - 1) / pg * pg;
}

/* ---- object input ---- */

/* " (libbpf's first warning)" for the end of an error line, or "" */
static const char *why(const char *warn, char *buf, size_t sz)
{
	if (!warn || !*warn)
		return "";
	snprintf(buf, sz, " (%s)", warn);
	return buf;
}

static const char help_text[] =
	"Usage: %1$s gen object OUTPUT_FILE INPUT_FILE [INPUT_FILE...]\n"
	"       %1$s gen skeleton FILE [name OBJECT_NAME]\n"
	"       %1$s gen subskeleton FILE [name OBJECT_NAME]\n"
	"       %1$s gen min_core_btf INPUT OUTPUT OBJECT [OBJECT...]\n"
	"       %1$s gen help\n"
	"\n"
	"       " HELP_SPEC_OPTIONS " |\n"
	"                    {-L|--use-loader} | {-o|--output} }\n";

/* As bpftool: the error line, then (not under -j) the usage. */
static int need_args(int argc, int n, const char *cmd)
{
	p_err("'%s' needs at least %d arguments, %d found", cmd, n, argc);
	if (!json_wtr)
		print_help(help_text);
	return -1;
}

/*
 * Read and open file as a BPF object named obj_name. Without -d, libbpf's
 * warnings are not printed: its last one ends our error line. Returns 0 or
 * a negative errno (as bpftool, whose exit code is then 256 - errno).
 */
static int gen_open(struct gen *g, const char *file, const char *obj_name)
{
	LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = obj_name);
	char msg[128], rsn[600];
	struct obj_facts facts;
	const char *warn;
	int err;

	g->f = open_memstream(&g->buf, &g->len);
	if (!g->f)
		return p_err("out of memory");
	if (read_object(file, &g->elf, &facts))
		return -1;
	if (opts.debug)
		oo.kernel_log_level = 1 + 2 + 4;
	libbpf_log_hold();
	g->obj = bpf_object__open_mem(g->elf.data, g->elf.size, &oo);
	err = -errno;
	warn = libbpf_log_release();
	if (g->obj) {
		g->btf = bpf_object__btf(g->obj);
		return 0;
	}
	libbpf_strerror(err, msg, sizeof(msg));
	p_err("failed to open BPF object file %s: %s%s", file, msg,
	      why(warn, rsn, sizeof(rsn)));
	return err < 0 ? err : -1;
}

static void gen_free(struct gen *g)
{
	btf_dump__free(g->dump);
	bpf_object__close(g->obj);
	if (g->f)
		fclose(g->f);
	free(g->buf);
	btf_src_bytes_free(&g->elf);
}

/*
 * The data-section structs print their members with libbpf's btf_dump
 * (btf_dump__emit_type_decl), not src/btf_c.c: bpftool 7.1 prints them
 * through one btf_dump instance of libbpf 1.1 shared by all sections, and
 * its output depends on that instance's state (a second type with an
 * already used name becomes NAME___1 in the order types are first met)
 * and on strip_mods; btf_c.c reproduces upstream HEAD's whole-file dumps,
 * whose name suffixes are assigned over the entire BTF up front. The one
 * difference between the two libbpfs seen so far, "()" for "(void)", is
 * mended in dump_printf().
 */
static int gen_dumper(struct gen *g)
{
	g->dump = btf_dump__new(g->btf, dump_printf, g, NULL);
	if (!g->dump)
		return p_err("failed to create a BTF dumper: %s",
			     strerror(errno));
	return 0;
}

static int parse_name_arg(int argc, char **argv, char *name)
{
	while (argc) {
		if (argc < 2)
			return p_err("missing argument after '%s'", *argv);
		if (!is_prefix(*argv, "name"))
			return p_err("unknown arg %s", *argv);
		if (*name)
			return p_err("object name already specified");
		if (!is_ident(argv[1]))
			return p_err("object name '%s' is not a C identifier",
				     argv[1]);
		snprintf(name, OBJ_NAME_MAX, "%s", argv[1]);
		argc -= 2;
		argv += 2;
	}
	return 0;
}

/* ---- the typed data sections ---- */

/* One "struct NAME__SEC { ... } *SEC;" member of the skeleton. */
static int emit_datasec(struct gen *g, const struct btf_type *sec)
{
	const char *sname = btf__name_by_offset(g->btf, sec->name_off);
	const struct btf_var_secinfo *vs = btf_var_secinfos(sec);
	char ident[IDENT_MAX], vname[IDENT_MAX];
	int i, off = 0, pads = 0, vlen = btf_vlen(sec);
	bool strip = strcmp(sname, ".kconfig") != 0;

	if (!datasec_ident(sname, ident, sizeof(ident)))
		return 0;
	out(g, "\tstruct %s__%s {\n", g->name, ident);
	for (i = 0; i < vlen; i++, vs++) {
		LIBBPF_OPTS(btf_dump_emit_type_decl_opts, eo,
			    .field_name = vname, .indent_level = 2,
			    .strip_mods = strip);
		const struct btf_type *v = global_var(g->btf, vs);
		int align, at, err;

		if (!v)
			continue;
		snprintf(vname, sizeof(vname), "%s",
			 btf__name_by_offset(g->btf, v->name_off));
		if (off > (int)vs->offset)
			return p_err("%s: variable %s at offset %u overlaps the previous one",
				     sname, vname, vs->offset);
		align = btf__align_of(g->btf, v->type);
		if (align <= 0)
			return p_err("can't determine the alignment of variable '%s'",
				     vname);
		/*
		 * Padding as a 32-bit host would need it (alignment capped at
		 * 4): the header may be compiled for either word size.
		 */
		if (align > 4)
			align = 4;
		at = (off + align - 1) / align * align;
		if (at != (int)vs->offset)
			out(g, "\t\tchar __pad%d[%d];\n", pads++,
			    (int)vs->offset - off);
		sanitize(vname);
		out(g, "\t\t");
		err = emit_decl(g, v->type, &eo);
		if (err)
			return p_err("can't print the type of variable '%s': %s",
				     vname, strerror(-err));
		out(g, ";\n");
		off = vs->offset + vs->size;
	}
	out(g, "\t} *%s;\n", ident);
	return 0;
}

static int emit_datasecs(struct gen *g)
{
	const struct btf_type *sec;
	char ident[IDENT_MAX];
	struct bpf_map *map;

	for_each_data_map(g, map, ident, sec) {
		/* compiler-only sections (.rodata.cst16) have no DATASEC */
		if (!sec)
			out(g, "\tstruct %s__%s {\n\t} *%s;\n", g->name, ident,
			    ident);
		else if (emit_datasec(g, sec))
			return -1;
	}
	return 0;
}

/* Calls fn for every exposed variable of every typed data section. */
static int for_each_var(struct gen *g,
			int (*fn)(struct gen *g, const char *ident,
				  const struct btf_type *sec,
				  const struct btf_type *v, void *ctx),
			void *ctx)
{
	const struct btf_var_secinfo *vs;
	const struct btf_type *sec, *v;
	char ident[IDENT_MAX];
	struct bpf_map *map;
	int i;

	for_each_data_map(g, map, ident, sec) {
		if (!sec)
			continue;
		vs = btf_var_secinfos(sec);
		for (i = 0; i < btf_vlen(sec); i++, vs++) {
			v = global_var(g->btf, vs);
			if (v && fn(g, ident, sec, v, ctx))
				return -1;
		}
	}
	return 0;
}

static int emit_assert(struct gen *g, const char *ident,
		       const struct btf_type *sec, const struct btf_type *v,
		       void *ctx)
{
	char vname[IDENT_MAX];
	long long sz;

	(void)sec, (void)ctx;
	sz = btf_type_size(g->btf, v->type);
	if (sz < 0)
		return 0;
	snprintf(vname, sizeof(vname), "%s",
		 btf__name_by_offset(g->btf, v->name_off));
	sanitize(vname);
	out(g, "\t_Static_assert(sizeof(s->%s->%s) == %lld, \"unexpected size of '%s'\");\n",
	    ident, vname, sz, vname);
	return 0;
}

/* The member-size checks that catch a header/object mismatch at build time. */
static void emit_asserts(struct gen *g)
{
	if (!g->btf)
		return;
	out(g, "__attribute__((unused)) static void\n"
	       "%1$s__assert(struct %1$s *s __attribute__((unused)))\n"
	       "{\n"
	       "#ifdef __cplusplus\n"
	       "#define _Static_assert static_assert\n"
	       "#endif\n", g->name);
	for_each_var(g, emit_assert, NULL);
	out(g, "#ifdef __cplusplus\n"
	       "#undef _Static_assert\n"
	       "#endif\n"
	       "}\n");
}

/* ---- skeleton: the struct ---- */

static int count_maps(struct gen *g)
{
	char ident[IDENT_MAX];
	struct bpf_map *map;
	int n = 0;

	bpf_object__for_each_map(map, g->obj)
		n += map_ident(map, ident, sizeof(ident));
	return n;
}

/*
 * libbpf 1.1 takes a lone .text function (in an object without SEC()
 * programs) for a program; bpftool's libbpf calls it a subprogram: it is
 * not in the skeleton, and not loaded.
 */
static bool lone_text(const struct bpf_program *p)
{
	return !strcmp(bpf_program__section_name(p), ".text");
}

static struct bpf_program *next_prog(const struct bpf_object *obj,
				     struct bpf_program *p)
{
	while ((p = bpf_object__next_program(obj, p)) && lone_text(p))
		;
	return p;
}

#define for_each_prog(p, obj)					\
	for (p = next_prog(obj, NULL); p; p = next_prog(obj, p))

/* One line per program: fmt gets its name, then the skeleton's (%2$s). */
static void out_progs(struct gen *g, const char *fmt)
{
	struct bpf_program *prog;

	for_each_prog(prog, g->obj)
		out(g, fmt, bpf_program__name(prog), g->name);
}

static int count_progs(struct gen *g)
{
	struct bpf_program *prog;
	int n = 0;

	for_each_prog(prog, g->obj)
		n++;
	return n;
}

/* Two programs or maps with one field name would not compile. */
static int check_clashes(struct gen *g)
{
	char a[IDENT_MAX], b[IDENT_MAX];
	struct bpf_program *p, *q;
	struct bpf_map *m, *n;

	bpf_object__for_each_map(m, g->obj) {
		if (!map_ident(m, a, sizeof(a)))
			continue;
		for (n = bpf_object__next_map(g->obj, m); n;
		     n = bpf_object__next_map(g->obj, n))
			if (map_ident(n, b, sizeof(b)) && !strcmp(a, b))
				return p_err("maps '%s' and '%s' both become '%s' in the skeleton",
					     bpf_map__name(m), bpf_map__name(n),
					     a);
	}
	for_each_prog(p, g->obj)
		for (q = next_prog(g->obj, p); q; q = next_prog(g->obj, q))
			if (!strcmp(bpf_program__name(p), bpf_program__name(q)))
				return p_err("two programs are named '%s'",
					     bpf_program__name(p));
	return 0;
}

/* maps/progs/links members and the data sections; light: fds, not objects */
static int emit_members(struct gen *g, bool light, bool links)
{
	char ident[IDENT_MAX];
	struct bpf_map *map;

	if (count_maps(g)) {
		out(g, "\tstruct {\n");
		bpf_object__for_each_map(map, g->obj) {
			if (!map_ident(map, ident, sizeof(ident)))
				continue;
			out(g, light ? "\t\tstruct bpf_map_desc %s;\n" :
				       "\t\tstruct bpf_map *%s;\n", ident);
		}
		out(g, "\t} maps;\n");
	}
	if (count_progs(g)) {
		out(g, "\tstruct {\n");
		out_progs(g, light ? "\t\tstruct bpf_prog_desc %s;\n" :
				     "\t\tstruct bpf_program *%s;\n");
		out(g, "\t} progs;\n");
		if (links) {
			out(g, "\tstruct {\n");
			out_progs(g, light ? "\t\tint %s_fd;\n" :
					     "\t\tstruct bpf_link *%s;\n");
			out(g, "\t} links;\n");
		}
	}
	return 0;
}

/* ---- skeleton: the functions ---- */

static void emit_skel_funcs(struct gen *g)
{
	out(g, "\n"
	       "#ifdef __cplusplus\n"
	       "\tstatic inline struct %1$s *open(const struct bpf_object_open_opts *opts = nullptr);\n"
	       "\tstatic inline struct %1$s *open_and_load();\n"
	       "\tstatic inline int load(struct %1$s *skel);\n"
	       "\tstatic inline int attach(struct %1$s *skel);\n"
	       "\tstatic inline void detach(struct %1$s *skel);\n"
	       "\tstatic inline void destroy(struct %1$s *skel);\n"
	       "\tstatic inline const void *elf_bytes(size_t *sz);\n"
	       "#endif /* __cplusplus */\n"
	       "};\n"
	       "\n"
	       "static void\n"
	       "%1$s__destroy(struct %1$s *obj)\n"
	       "{\n"
	       "\tif (!obj)\n"
	       "\t\treturn;\n"
	       "\tif (obj->skeleton)\n"
	       "\t\tbpf_object__destroy_skeleton(obj->skeleton);\n"
	       "\tfree(obj);\n"
	       "}\n"
	       "\n"
	       "static inline int\n"
	       "%1$s__create_skeleton(struct %1$s *obj);\n"
	       "\n"
	       "static inline struct %1$s *\n"
	       "%1$s__open_opts(const struct bpf_object_open_opts *opts)\n"
	       "{\n"
	       "\tstruct %1$s *obj;\n"
	       "\tint err;\n"
	       "\n"
	       "\tobj = (struct %1$s *)calloc(1, sizeof(*obj));\n"
	       "\tif (!obj) {\n"
	       "\t\terrno = ENOMEM;\n"
	       "\t\treturn NULL;\n"
	       "\t}\n"
	       "\n"
	       "\terr = %1$s__create_skeleton(obj);\n"
	       "\tif (err)\n"
	       "\t\tgoto err_out;\n"
	       "\n"
	       "\terr = bpf_object__open_skeleton(obj->skeleton, opts);\n"
	       "\tif (err)\n"
	       "\t\tgoto err_out;\n"
	       "\n"
	       "\treturn obj;\n"
	       "err_out:\n"
	       "\t%1$s__destroy(obj);\n"
	       "\terrno = -err;\n"
	       "\treturn NULL;\n"
	       "}\n"
	       "\n"
	       "static inline struct %1$s *\n"
	       "%1$s__open(void)\n"
	       "{\n"
	       "\treturn %1$s__open_opts(NULL);\n"
	       "}\n"
	       "\n"
	       "static inline int\n"
	       "%1$s__load(struct %1$s *obj)\n"
	       "{\n"
	       "\treturn bpf_object__load_skeleton(obj->skeleton);\n"
	       "}\n"
	       "\n"
	       "static inline struct %1$s *\n"
	       "%1$s__open_and_load(void)\n"
	       "{\n"
	       "\tstruct %1$s *obj;\n"
	       "\tint err;\n"
	       "\n"
	       "\tobj = %1$s__open();\n"
	       "\tif (!obj)\n"
	       "\t\treturn NULL;\n"
	       "\terr = %1$s__load(obj);\n"
	       "\tif (err) {\n"
	       "\t\t%1$s__destroy(obj);\n"
	       "\t\terrno = -err;\n"
	       "\t\treturn NULL;\n"
	       "\t}\n"
	       "\treturn obj;\n"
	       "}\n"
	       "\n"
	       "static inline int\n"
	       "%1$s__attach(struct %1$s *obj)\n"
	       "{\n"
	       "\treturn bpf_object__attach_skeleton(obj->skeleton);\n"
	       "}\n"
	       "\n"
	       "static inline void\n"
	       "%1$s__detach(struct %1$s *obj)\n"
	       "{\n"
	       "\tbpf_object__detach_skeleton(obj->skeleton);\n"
	       "}\n"
	       "\n"
	       "static inline const void *%1$s__elf_bytes(size_t *sz);\n"
	       "\n"
	       "static inline int\n"
	       "%1$s__create_skeleton(struct %1$s *obj)\n"
	       "{\n"
	       "\tstruct bpf_object_skeleton *s;\n"
	       "\tint err;\n"
	       "\n"
	       "\ts = (struct bpf_object_skeleton *)calloc(1, sizeof(*s));\n"
	       "\tif (!s)\t{\n"
	       "\t\terr = -ENOMEM;\n"
	       "\t\tgoto err;\n"
	       "\t}\n"
	       "\n"
	       "\ts->sz = sizeof(*s);\n"
	       "\ts->name = \"%1$s\";\n"
	       "\ts->obj = &obj->obj;\n", g->name);
}

/* Allocation of a (sub)skeleton's maps[] or progs[] table: kind "map"/"prog" */
static void emit_table_alloc(struct gen *g, const char *title,
			     const char *kind, int n)
{
	if (!n)
		return;
	out(g, "\n"
	       "\t/* %1$s */\n"
	       "\ts->%2$s_cnt = %3$d;\n"
	       "\ts->%2$s_skel_sz = sizeof(*s->%2$ss);\n"
	       "\ts->%2$ss = (struct bpf_%2$s_skeleton *)calloc(s->%2$s_cnt, s->%2$s_skel_sz);\n"
	       "\tif (!s->%2$ss) {\n"
	       "\t\terr = -ENOMEM;\n"
	       "\t\tgoto err;\n"
	       "\t}\n", title, kind, n);
}

/*
 * The maps[] and progs[] tables of a (sub)skeleton; a skeleton's also
 * point at the mmaped data sections and at the links.
 */
static void emit_tables(struct gen *g, bool skel)
{
	char ident[IDENT_MAX];
	struct bpf_program *prog;
	struct bpf_map *map;
	int i = 0;

	emit_table_alloc(g, "maps", "map", count_maps(g));
	bpf_object__for_each_map(map, g->obj) {
		if (!map_ident(map, ident, sizeof(ident)))
			continue;
		out(g, "\n\ts->maps[%1$d].name = \"%2$s\";\n"
		       "\ts->maps[%1$d].map = &obj->maps.%3$s;\n",
		    i, bpf_map__name(map), ident);
		if (skel && mmapable_map(map, ident, sizeof(ident)))
			out(g, "\ts->maps[%d].mmaped = (void **)&obj->%s;\n",
			    i, ident);
		i++;
	}
	emit_table_alloc(g, "programs", "prog", count_progs(g));
	i = 0;
	for_each_prog(prog, g->obj) {
		out(g, "\n\ts->progs[%1$d].name = \"%2$s\";\n"
		       "\ts->progs[%1$d].prog = &obj->progs.%2$s;\n",
		    i, bpf_program__name(prog));
		if (skel)
			out(g, "\ts->progs[%1$d].link = &obj->links.%2$s;\n",
			    i, bpf_program__name(prog));
		i++;
	}
}

static void emit_skel_tail(struct gen *g)
{
	out(g, "\n"
	       "\ts->data = (void *)%1$s__elf_bytes(&s->data_sz);\n"
	       "\n"
	       "\tobj->skeleton = s;\n"
	       "\treturn 0;\n"
	       "err:\n"
	       "\tbpf_object__destroy_skeleton(s);\n"
	       "\treturn err;\n"
	       "}\n"
	       "\n"
	       "static inline const void *%1$s__elf_bytes(size_t *sz)\n"
	       "{\n"
	       "\t*sz = %2$zu;\n"
	       "\treturn (const void *)\"\\\n", g->name, g->elf.size);
	out_hex(g, (const unsigned char *)g->elf.data, g->elf.size);
	out(g, "\";\n"
	       "}\n"
	       "\n"
	       "#ifdef __cplusplus\n"
	       "struct %1$s *%1$s::open(const struct bpf_object_open_opts *opts) { return %1$s__open_opts(opts); }\n"
	       "struct %1$s *%1$s::open_and_load() { return %1$s__open_and_load(); }\n"
	       "int %1$s::load(struct %1$s *skel) { return %1$s__load(skel); }\n"
	       "int %1$s::attach(struct %1$s *skel) { return %1$s__attach(skel); }\n"
	       "void %1$s::detach(struct %1$s *skel) { %1$s__detach(skel); }\n"
	       "void %1$s::destroy(struct %1$s *skel) { %1$s__destroy(skel); }\n"
	       "const void *%1$s::elf_bytes(size_t *sz) { return %1$s__elf_bytes(sz); }\n"
	       "#endif /* __cplusplus */\n"
	       "\n", g->name);
}

/* ---- light skeleton (-L): a loader program instead of libbpf ---- */

static void emit_light_attach(struct gen *g)
{
	struct bpf_program *prog;
	const char *tp;

	for_each_prog(prog, g->obj) {
		const char *pn = bpf_program__name(prog);

		out(g, "\n"
		       "static inline int\n"
		       "%1$s__%2$s__attach(struct %1$s *skel)\n"
		       "{\n"
		       "\tint prog_fd = skel->progs.%2$s.prog_fd;\n",
		    g->name, pn);
		switch (bpf_program__type(prog)) {
		case BPF_PROG_TYPE_RAW_TRACEPOINT:
			tp = strchr(bpf_program__section_name(prog), '/');
			if (tp) {
				out(g, "\tint fd = skel_raw_tracepoint_open(\"%s\", prog_fd);\n",
				    tp + 1);
				break;
			}
			/* no tracepoint named: nothing to attach to */
			/* fallthrough */
		default:
			out(g, "\tint fd = ((void)prog_fd, 0); /* auto-attach not supported */\n");
			break;
		case BPF_PROG_TYPE_TRACING:
		case BPF_PROG_TYPE_LSM:
			if (bpf_program__expected_attach_type(prog) ==
			    BPF_TRACE_ITER)
				out(g, "\tint fd = skel_link_create(prog_fd, 0, BPF_TRACE_ITER);\n");
			else
				out(g, "\tint fd = skel_raw_tracepoint_open(NULL, prog_fd);\n");
			break;
		}
		out(g, "\n"
		       "\tif (fd > 0)\n"
		       "\t\tskel->links.%s_fd = fd;\n"
		       "\treturn fd;\n"
		       "}\n", pn);
	}
	out(g, "\n"
	       "static inline int\n"
	       "%1$s__attach(struct %1$s *skel)\n"
	       "{\n"
	       "\tint ret = 0;\n"
	       "\n", g->name);
	out_progs(g, "\tret = ret < 0 ? ret : %2$s__%1$s__attach(skel);\n");
	out(g, "\treturn ret < 0 ? ret : 0;\n"
	       "}\n"
	       "\n"
	       "static inline void\n"
	       "%1$s__detach(struct %1$s *skel)\n"
	       "{\n", g->name);
	out_progs(g, "\tskel_closenz(skel->links.%s_fd);\n");
	out(g, "}\n");
}

static void emit_light_destroy(struct gen *g)
{
	char ident[IDENT_MAX];
	struct bpf_map *map;

	out(g, "static void\n"
	       "%1$s__destroy(struct %1$s *skel)\n"
	       "{\n"
	       "\tif (!skel)\n"
	       "\t\treturn;\n"
	       "\t%1$s__detach(skel);\n", g->name);
	out_progs(g, "\tskel_closenz(skel->progs.%s.prog_fd);\n");
	bpf_object__for_each_map(map, g->obj) {
		if (!map_ident(map, ident, sizeof(ident)))
			continue;
		if (mmapable_map(map, ident, sizeof(ident)))
			out(g, "\tskel_free_map_data(skel->%1$s, skel->maps.%1$s.initial_value, %2$zu);\n",
			    ident, mmap_size(map));
		out(g, "\tskel_closenz(skel->maps.%s.map_fd);\n", ident);
	}
	out(g, "\tskel_free(skel);\n"
	       "}\n");
}

static void emit_light_open(struct gen *g)
{
	const struct btf_type *sec;
	char ident[IDENT_MAX];
	struct bpf_map *map;

	out(g, "static inline struct %1$s *\n"
	       "%1$s__open(void)\n"
	       "{\n"
	       "\tstruct %1$s *skel;\n"
	       "\n"
	       "\tskel = skel_alloc(sizeof(*skel));\n"
	       "\tif (!skel)\n"
	       "\t\tgoto cleanup;\n"
	       "\tskel->ctx.sz = (void *)&skel->links - (void *)skel;\n",
	    g->name);
	for_each_data_map(g, map, ident, sec) {
		const void *init;
		size_t sz = 0;

		init = bpf_map__initial_value(map, &sz);
		out(g, "\tskel->%s = skel_prep_map_data((void *)\"\\\n", ident);
		out_hex(g, init, init ? sz : 0);
		out(g, "\", %2$zu, %3$zu);\n"
		       "\tif (!skel->%1$s)\n"
		       "\t\tgoto cleanup;\n"
		       "\tskel->maps.%1$s.initial_value = (__u64) (long) skel->%1$s;\n",
		    ident, mmap_size(map), init ? sz : 0);
	}
	out(g, "\treturn skel;\n"
	       "cleanup:\n"
	       "\t%1$s__destroy(skel);\n"
	       "\treturn NULL;\n"
	       "}\n"
	       "\n", g->name);
}

static void emit_light_load(struct gen *g, const struct gen_loader_opts *lo)
{
	const struct btf_type *sec;
	char ident[IDENT_MAX];
	struct bpf_map *map;

	out(g, "static inline int\n"
	       "%1$s__load(struct %1$s *skel)\n"
	       "{\n"
	       "\tstruct bpf_load_and_run_opts opts = {};\n"
	       "\tint err;\n"
	       "\n"
	       "\topts.ctx = (struct bpf_loader_ctx *)skel;\n"
	       "\topts.data_sz = %2$u;\n"
	       "\topts.data = (void *)\"\\\n", g->name, lo->data_sz);
	out_hex(g, (const unsigned char *)lo->data, lo->data_sz);
	out(g, "\";\n"
	       "\topts.insns_sz = %u;\n"
	       "\topts.insns = (void *)\"\\\n", lo->insns_sz);
	out_hex(g, (const unsigned char *)lo->insns, lo->insns_sz);
	out(g, "\";\n"
	       "\terr = bpf_load_and_run(&opts);\n"
	       "\tif (err < 0)\n"
	       "\t\treturn err;\n");
	for_each_data_map(g, map, ident, sec)
		out(g, "\tskel->%1$s = skel_finalize_map_data(&skel->maps.%1$s.initial_value,\n"
		       "\t\t\t\t\t%2$zu, %3$s, skel->maps.%1$s.map_fd);\n"
		       "\tif (!skel->%1$s)\n"
		       "\t\treturn -ENOMEM;\n",
		    ident, mmap_size(map),
		    bpf_map__map_flags(map) & BPF_F_RDONLY_PROG ?
		    "PROT_READ" : "PROT_READ | PROT_WRITE");
	out(g, "\treturn 0;\n"
	       "}\n"
	       "\n"
	       "static inline struct %1$s *\n"
	       "%1$s__open_and_load(void)\n"
	       "{\n"
	       "\tstruct %1$s *skel;\n"
	       "\n"
	       "\tskel = %1$s__open();\n"
	       "\tif (!skel)\n"
	       "\t\treturn NULL;\n"
	       "\tif (%1$s__load(skel)) {\n"
	       "\t\t%1$s__destroy(skel);\n"
	       "\t\treturn NULL;\n"
	       "\t}\n"
	       "\treturn skel;\n"
	       "}\n"
	       "\n", g->name);
}

int gen_loader_record(struct bpf_object *obj, struct gen_loader_opts *lo)
{
	struct bpf_program *prog;
	struct bpf_map *map;
	const char *warn;
	char rsn[600];
	int err;

	/* libbpf 1.1's loader generator crashes on them (so does bpftool) */
	bpf_object__for_each_map(map, obj)
		if (bpf_map__type(map) == BPF_MAP_TYPE_STRUCT_OPS)
			return p_err("loader programs can't hold struct_ops maps ('%s')",
				     bpf_map__name(map));
	/* as in bpftool 7.1's libbpf: see mmapable_map() */
	bpf_object__for_each_map(map, obj)
		if (bpf_map__is_internal(map))
			bpf_map__set_map_flags(map, bpf_map__map_flags(map) |
						    BPF_F_MMAPABLE);
	bpf_object__for_each_program(prog, obj)
		if (lone_text(prog))
			bpf_program__set_autoload(prog, false);
	err = bpf_object__gen_loader(obj, lo);
	if (err)
		return p_err("failed to start the loader generator: %s",
			     strerror(-err));
	libbpf_log_hold();
	err = bpf_object__load(obj);
	warn = libbpf_log_release();
	if (err)
		return p_err("failed to load object file%s",
			     why(warn, rsn, sizeof(rsn)));
	return 0;
}

/* The light skeleton: the loader program wrapped in a header. */
static int emit_light(struct gen *g)
{
	LIBBPF_OPTS(gen_loader_opts, lo);

	if (gen_loader_record(g->obj, &lo))
		return -1;
	out(g, "};\n");
	emit_light_attach(g);
	emit_light_destroy(g);
	emit_light_open(g);
	emit_light_load(g, &lo);
	return 0;
}

/* ---- gen skeleton ---- */

static int do_skeleton(int argc, char **argv)
{
	struct gen g = {};
	const char *file;
	int err = -1;

	if (argc < 1)
		return need_args(argc, 1, "skeleton");
	file = *argv;
	if (parse_name_arg(argc - 1, argv + 1, g.name))
		return -1;
	if (!*g.name && name_from_file(g.name, file))
		return -1;
	err = gen_open(&g, file, g.name);
	if (err)
		goto out;
	err = -1;
	if (check_clashes(&g))
		goto out;
	if (g.btf && gen_dumper(&g))
		goto out;
	emit_head(&g, opts.use_loader ? HEAD_LIGHT : HEAD_SKEL);
	emit_members(&g, opts.use_loader, true);
	if (g.btf && emit_datasecs(&g))
		goto out;
	if (opts.use_loader) {
		if (emit_light(&g))
			goto out;
	} else {
		emit_skel_funcs(&g);
		emit_tables(&g, true);
		emit_skel_tail(&g);
	}
	emit_asserts(&g);
	out(&g, "\n#endif /* %s */\n", g.guard);
	err = gen_commit(&g);
out:
	gen_free(&g);
	return err;
}

/* ---- gen subskeleton ---- */

/* Whether a variable of this type needs typeof() to be declared as *NAME. */
static bool needs_typeof(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t)))
		t = btf__type_by_id(btf, t->type);
	if (!t)
		return false;
	if (btf_is_array(t))
		return true;
	if (!btf_is_ptr(t))
		return false;
	t = btf__type_by_id(btf, t->type);
	return t && btf_is_func_proto(t);
}

static int count_var(struct gen *g, const char *ident,
		     const struct btf_type *sec, const struct btf_type *v,
		     void *ctx)
{
	(void)g, (void)ident, (void)sec, (void)v;
	++*(int *)ctx;
	return 0;
}

static int emit_var_slot(struct gen *g, const char *ident,
			 const struct btf_type *sec, const struct btf_type *v,
			 void *ctx)
{
	(void)sec;
	out(g, "\n"
	       "\ts->vars[%3$d].name = \"%1$s\";\n"
	       "\ts->vars[%3$d].map = &obj->maps.%2$s;\n"
	       "\ts->vars[%3$d].addr = (void **) &obj->%2$s.%1$s;\n",
	    btf__name_by_offset(g->btf, v->name_off), ident, (*(int *)ctx)++);
	return 0;
}

/* "struct NAME__SEC { T *var; ... } SEC;": pointers, set at open time */
static int emit_subskel_datasecs(struct gen *g)
{
	const struct btf_var_secinfo *vs;
	const struct btf_type *sec;
	char ident[IDENT_MAX];
	struct bpf_map *map;
	const char *sname;
	int i;

	for_each_data_map(g, map, ident, sec) {
		if (!sec)
			continue;
		sname = btf__name_by_offset(g->btf, sec->name_off);
		out(g, "\tstruct %s__%s {\n", g->name, ident);
		vs = btf_var_secinfos(sec);
		for (i = 0; i < btf_vlen(sec); i++, vs++) {
			LIBBPF_OPTS(btf_dump_emit_type_decl_opts, eo,
				    .field_name = "", .indent_level = 2,
				    .strip_mods = strcmp(sname, ".kconfig") != 0);
			const struct btf_type *v = global_var(g->btf, vs);
			bool wrap;
			int err;

			if (!v)
				continue;
			wrap = needs_typeof(g->btf, v->type);
			out(g, wrap ? "\t\ttypeof(" : "\t\t");
			err = emit_decl(g, v->type, &eo);
			if (err)
				return p_err("can't print the type of variable '%s': %s",
					     btf__name_by_offset(g->btf, v->name_off),
					     strerror(-err));
			out(g, "%s *%s;\n", wrap ? ")" : "",
			    btf__name_by_offset(g->btf, v->name_off));
		}
		out(g, "\t} %s;\n", ident);
	}
	return 0;
}

/*
 * A subskeleton finds its maps, programs and variables at run time in the
 * bigger object a BPF library was linked into.
 */
static int do_subskeleton(int argc, char **argv)
{
	struct gen g = {};
	const char *file;
	int err = -1, nvars = 0, idx = 0;

	if (argc < 1)
		return need_args(argc, 1, "subskeleton");
	file = *argv;
	if (parse_name_arg(argc - 1, argv + 1, g.name))
		return -1;
	if (opts.use_loader)
		return p_err("cannot use loader for subskeletons");
	if (!*g.name && name_from_file(g.name, file))
		return -1;
	/* no object name: internal maps keep their section names (.data) */
	if (gen_open(&g, file, "") || check_clashes(&g))
		goto out;
	if (!g.btf) {
		p_err("need btf type information for %s", g.name);
		goto out;
	}
	if (gen_dumper(&g))
		goto out;
	for_each_var(&g, count_var, &nvars);
	emit_head(&g, HEAD_SUBSKEL);
	emit_members(&g, false, false);
	if (emit_subskel_datasecs(&g))
		goto out;
	out(&g, "\n"
		"#ifdef __cplusplus\n"
		"\tstatic inline struct %1$s *open(const struct bpf_object *src);\n"
		"\tstatic inline void destroy(struct %1$s *skel);\n"
		"#endif /* __cplusplus */\n"
		"};\n"
		"\n"
		"static inline void\n"
		"%1$s__destroy(struct %1$s *skel)\n"
		"{\n"
		"\tif (!skel)\n"
		"\t\treturn;\n"
		"\tif (skel->subskel)\n"
		"\t\tbpf_object__destroy_subskeleton(skel->subskel);\n"
		"\tfree(skel);\n"
		"}\n"
		"\n"
		"static inline struct %1$s *\n"
		"%1$s__open(const struct bpf_object *src)\n"
		"{\n"
		"\tstruct %1$s *obj;\n"
		"\tstruct bpf_object_subskeleton *s;\n"
		"\tint err;\n"
		"\n"
		"\tobj = (struct %1$s *)calloc(1, sizeof(*obj));\n"
		"\tif (!obj) {\n"
		"\t\terr = -ENOMEM;\n"
		"\t\tgoto err;\n"
		"\t}\n"
		"\ts = (struct bpf_object_subskeleton *)calloc(1, sizeof(*s));\n"
		"\tif (!s) {\n"
		"\t\terr = -ENOMEM;\n"
		"\t\tgoto err;\n"
		"\t}\n"
		"\ts->sz = sizeof(*s);\n"
		"\ts->obj = src;\n"
		"\ts->var_skel_sz = sizeof(*s->vars);\n"
		"\tobj->subskel = s;\n"
		"\n"
		"\t/* vars */\n"
		"\ts->var_cnt = %2$d;\n"
		"\ts->vars = (struct bpf_var_skeleton *)calloc(%2$d, sizeof(*s->vars));\n"
		"\tif (!s->vars) {\n"
		"\t\terr = -ENOMEM;\n"
		"\t\tgoto err;\n"
		"\t}\n", g.name, nvars);
	for_each_var(&g, emit_var_slot, &idx);
	emit_tables(&g, false);
	out(&g, "\n"
		"\terr = bpf_object__open_subskeleton(s);\n"
		"\tif (err)\n"
		"\t\tgoto err;\n"
		"\n"
		"\treturn obj;\n"
		"err:\n"
		"\t%1$s__destroy(obj);\n"
		"\terrno = -err;\n"
		"\treturn NULL;\n"
		"}\n"
		"\n"
		"#ifdef __cplusplus\n"
		"struct %1$s *%1$s::open(const struct bpf_object *src) { return %1$s__open(src); }\n"
		"void %1$s::destroy(struct %1$s *skel) { %1$s__destroy(skel); }\n"
		"#endif /* __cplusplus */\n"
		"\n"
		"#endif /* %2$s */\n", g.name, g.guard);
	err = gen_commit(&g);
out:
	gen_free(&g);
	return err;
}

/* ---- gen object ---- */

/*
 * libbpf 1.1's linker crashes on an input without an ELF header, so those
 * are turned away first, with bpftool's wording.
 */
static int check_elf(const char *file)
{
	unsigned char hdr[64];
	ssize_t n;
	int fd, e;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	n = read(fd, hdr, sizeof(hdr));
	e = errno;
	close(fd);
	errno = e;
	if (n == (ssize_t)sizeof(hdr) && !memcmp(hdr, "\177ELF", 4))
		return 0;
	if (n < 0)
		goto fail;
	p_err("failed to link '%s': %s (%d) (not an ELF object file)", file,
	      strerror(EINVAL), EINVAL);
	return -EINVAL;
fail:
	e = errno;
	p_err("failed to link '%s': %s (%d)", file, strerror(e), e);
	return -e;
}

/*
 * OUTPUT gets the linked bytes through atomic_write_file(), under the
 * rules of every output file (atomic_out.h): never half an object, a
 * symbolic link's target replaced, a device or FIFO written in place.
 */
static int write_output(const char *output, const char *buf, size_t len)
{
	if (!*output)
		return p_err("empty output file name");
	return atomic_write_file(output, buf, len);
}

/*
 * Static linking with libbpf's bpf_linker. The linker writes to a path;
 * it gets a memory file's, so OUTPUT is only touched once linking is done.
 */
static int do_object(int argc, char **argv)
{
	struct bpf_linker *linker = NULL;
	struct btf_bytes in = {}, out = {};
	char path[64], rsn[600];
	struct obj_facts facts;
	struct btf_err be;
	int i, e, ret, fd, err = -1;
	const char *warn;

	if (argc < 2)
		return need_args(argc, 2, "object");
	fd = memfd_create("bpfkit-gen-object", MFD_CLOEXEC);
	if (fd < 0)
		return p_err("can't create a memory file: %s", strerror(errno));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	linker = bpf_linker__new(path, NULL);
	if (!linker) {
		p_err("failed to create BPF linker instance");
		goto out;
	}
	for (i = 1; i < argc; i++) {
		err = check_elf(argv[i]);
		if (err)
			goto out;
		/* libbpf's linker crashes on some corrupt objects */
		if (read_object(argv[i], &in, &facts)) {
			err = -EINVAL;
			goto out;
		}
		btf_src_bytes_free(&in);
		libbpf_log_hold();
		ret = bpf_linker__add_file(linker, argv[i], NULL);
		e = errno;
		warn = libbpf_log_release();
		if (ret) {
			p_err("failed to link '%s': %s (%d)%s", argv[i],
			      strerror(e), e, why(warn, rsn, sizeof(rsn)));
			err = -e;
			goto out;
		}
	}
	libbpf_log_hold();
	ret = bpf_linker__finalize(linker);
	e = errno;
	warn = libbpf_log_release();
	if (ret) {
		p_err("failed to finalize ELF file: %s (%d)%s", strerror(e), e,
		      why(warn, rsn, sizeof(rsn)));
		err = -e;
		goto out;
	}
	err = -1;
	if (btf_src_read_fd(fd, &out, &be))
		p_err("can't read the linked object back: %s", be.msg);
	else
		err = write_output(argv[0], out.data, out.size);
out:
	bpf_linker__free(linker);
	close(fd);
	btf_src_bytes_free(&out);
	return err;
}


CMD_OBJECT(gen, help_text,
	{ "object",		do_object },
	{ "skeleton",		do_skeleton },
	{ "subskeleton",	do_subskeleton },
	{ "min_core_btf",	do_gen_min_core_btf },
	CMD_HELP)
