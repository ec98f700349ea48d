// SPDX-License-Identifier: GPL-2.0-only
/*
 * prog dump { xlated | jited } PROG [file FILE | opcodes | linum | visual]
 *
 * Reads the program back from the kernel (BPF_OBJ_GET_INFO_BY_FD, twice:
 * sizes, then data) and prints it as bpftool does. opcodes, linum and
 * visual combine (bpftool >= 7.2); file writes the raw image atomically.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "atomic_out.h"
#include "btf_src.h"
#include "cfg.h"
#include "handle.h"
#include "jit_disasm.h"
#include "ksyms.h"
#include "main.h"
#include "names.h"
#include "print.h"
#include "prog.h"
#include "xlated_dump.h"

enum dump_mode { DUMP_XLATED, DUMP_JITED };

struct dump_opts {
	enum dump_mode mode;
	const char *file;
	bool opcodes;
	bool linum;
	bool visual;
	struct jit_disasm *jd;	/* jited, not to a file */
};

/* The program's info with every array we print from. */
struct prog_data {
	struct bpf_prog_info info;
	void *image;		/* xlated insns or jited code */
	__u64 *ksyms;
	__u32 *func_lens;
	void *func_info;
	void *line_info;
	void *jited_line_info;
};

static void prog_data_free(struct prog_data *d)
{
	free(d->image);
	free(d->ksyms);
	free(d->func_lens);
	free(d->func_info);
	free(d->line_info);
	free(d->jited_line_info);
	memset(d, 0, sizeof(*d));
}

static void *alloc_arr(__u32 n, __u32 size, __u64 *ptr, bool *oom)
{
	void *p;

	if (!n || !size)
		return NULL;
	p = calloc(n, size);
	if (!p)
		*oom = true;
	*ptr = (__u64)(unsigned long)p;
	return p;
}

static __u32 min_u32(__u32 a, __u32 b)
{
	return a < b ? a : b;
}

/*
 * The second info call reports the kernel's counts and record sizes, not
 * what fitted in our arrays. Trust only what we allocated, and records at
 * least as large as the structs we read them as.
 */
static void clamp_info(struct bpf_prog_info *got,
		       const struct bpf_prog_info *req)
{
	got->xlated_prog_len = min_u32(got->xlated_prog_len,
				       req->xlated_prog_len);
	got->jited_prog_len = min_u32(got->jited_prog_len, req->jited_prog_len);
	got->nr_jited_ksyms = min_u32(got->nr_jited_ksyms, req->nr_jited_ksyms);
	got->nr_jited_func_lens = min_u32(got->nr_jited_func_lens,
					  req->nr_jited_func_lens);
	got->nr_func_info = min_u32(got->nr_func_info, req->nr_func_info);
	if (got->func_info_rec_size != req->func_info_rec_size ||
	    got->func_info_rec_size < sizeof(struct bpf_func_info))
		got->nr_func_info = 0;
	got->nr_line_info = min_u32(got->nr_line_info, req->nr_line_info);
	if (got->line_info_rec_size != req->line_info_rec_size ||
	    got->line_info_rec_size < sizeof(struct bpf_line_info))
		got->nr_line_info = 0;
	got->nr_jited_line_info = min_u32(got->nr_jited_line_info,
					  req->nr_jited_line_info);
	if (got->jited_line_info_rec_size != req->jited_line_info_rec_size ||
	    got->jited_line_info_rec_size < sizeof(__u64))
		got->nr_jited_line_info = 0;
}

/* Arrays for what the first info call announced; false when out of memory. */
static bool alloc_arrays(const struct bpf_prog_info *got,
			 enum dump_mode mode, struct prog_data *d)
{
	struct bpf_prog_info *want = &d->info;
	bool oom = false;

	*want = (struct bpf_prog_info){};
	if (mode == DUMP_JITED) {
		want->jited_prog_len = got->jited_prog_len;
		d->image = alloc_arr(got->jited_prog_len, 1,
				     &want->jited_prog_insns, &oom);
	} else {
		want->xlated_prog_len = got->xlated_prog_len;
		d->image = alloc_arr(got->xlated_prog_len, 1,
				     &want->xlated_prog_insns, &oom);
	}
	want->nr_jited_ksyms = got->nr_jited_ksyms;
	d->ksyms = alloc_arr(got->nr_jited_ksyms, sizeof(__u64),
			     &want->jited_ksyms, &oom);
	want->nr_jited_func_lens = got->nr_jited_func_lens;
	d->func_lens = alloc_arr(got->nr_jited_func_lens, sizeof(__u32),
				 &want->jited_func_lens, &oom);
	want->nr_func_info = got->nr_func_info;
	want->func_info_rec_size = got->func_info_rec_size;
	d->func_info = alloc_arr(got->nr_func_info, got->func_info_rec_size,
				 &want->func_info, &oom);
	want->nr_line_info = got->nr_line_info;
	want->line_info_rec_size = got->line_info_rec_size;
	d->line_info = alloc_arr(got->nr_line_info, got->line_info_rec_size,
				 &want->line_info, &oom);
	want->nr_jited_line_info = got->nr_jited_line_info;
	want->jited_line_info_rec_size = got->jited_line_info_rec_size;
	d->jited_line_info = alloc_arr(got->nr_jited_line_info,
				       got->jited_line_info_rec_size,
				       &want->jited_line_info, &oom);
	return !oom;
}

/* Info and arrays in two calls: sizes first, then the data. */
static int fetch_prog(int fd, enum dump_mode mode, struct prog_data *d)
{
	struct bpf_prog_info got = {}, req;
	__u32 len = sizeof(got);
	int err;

	memset(d, 0, sizeof(*d));
	if (bpf_obj_get_info_by_fd(fd, &got, &len))
		return p_err("can't get prog info: %s", strerror(errno));
	if (!alloc_arrays(&got, mode, d)) {
		prog_data_free(d);
		return p_err("can't grow prog info_data");
	}
	req = d->info;
	len = sizeof(d->info);
	if (bpf_obj_get_info_by_fd(fd, &d->info, &len)) {
		err = errno;
		prog_data_free(d);
		return p_err("can't get prog info: %s", strerror(err));
	}
	clamp_info(&d->info, &req);
	return 0;
}

/* ---- headers when a name or tag matched several programs --------------- */

/* show's header line, with the full name the handle resolution uses */
static void print_header(int fd, const struct bpf_prog_info *info)
{
	char name[128] = "";

	if (info->name[0])
		prog_full_name(fd, info, name, sizeof(name));
	prog_print_header(info, name);
}

/* ---- file FILE ---------------------------------------------------------- */

/* The raw image, through the one output-file path (atomic_out.h). */
static int write_image(const char *path, const void *buf, size_t len)
{
	bool at_open;
	int err;

	/* mode 0600 for a new file, as bpftool creates it */
	err = out_file_write(path, buf, len, 0600, &at_open);
	if (err && at_open)
		return p_err("can't open file %s: %s", path, strerror(-err));
	if (err)
		return p_err("error writing output file: %s", strerror(-err));
	return 0;
}

/* ---- the dumps ---------------------------------------------------------- */

/*
 * JITs with far kfunc calls leave the kfunc's BTF id in imm; x86 (and
 * bpftool's view) turns it into an offset from __bpf_call_base.
 */
#if defined(__s390x__) || defined(__riscv) || defined(__loongarch__) || \
	defined(__powerpc64__)
#define KFUNC_IMM_IS_BTF_ID	1
#else
#define KFUNC_IMM_IS_BTF_ID	0
#endif

/*
 * Reading /proc/kallsyms costs tens of milliseconds: do it only when a
 * call needs a symbol name (not for helpers named by id).
 */
static bool needs_ksyms(const struct bpf_insn *insn, unsigned int cnt)
{
	unsigned int i;

	for (i = 0; i < cnt; i++) {
		if (BPF_OP(insn[i].code) != BPF_CALL ||
		    (BPF_CLASS(insn[i].code) != BPF_JMP &&
		     BPF_CLASS(insn[i].code) != BPF_JMP32))
			continue;
		if (insn[i].src_reg || !helper_name(insn[i].imm))
			return true;
	}
	return false;
}

static int dump_xlated(const struct prog_data *d, const struct btf *btf,
		       const struct bpf_prog_linfo *linfo,
		       const struct dump_opts *o)
{
	const struct bpf_prog_info *info = &d->info;
	struct xlated x = {
		.insns = d->image,
		.cnt = info->xlated_prog_len / sizeof(struct bpf_insn),
		.btf = btf,
		.func_info = d->func_info,
		.nr_func_info = info->func_info ? info->nr_func_info : 0,
		.finfo_rec_size = info->func_info_rec_size,
		.linfo = linfo,
		.jited_ksyms = info->jited_ksyms ? d->ksyms : NULL,
		.nr_jited_ksyms = info->nr_jited_ksyms,
		.opcodes = o->opcodes,
		.linum = o->linum,
	};
	struct ksyms *ks = needs_ksyms(x.insns, x.cnt) ? ksyms_load() : NULL;
	struct kfunc_btf kfuncs = {};
	int err = 0;

	x.ksyms = ks;
	x.kfuncs = KFUNC_IMM_IS_BTF_ID ? &kfuncs : NULL;
	if (json_wtr)
		xlated_print_json(&x);
	else if (o->visual)
		err = cfg_print_dot(&x);
	else
		xlated_print_plain(&x);
	btf__free(kfuncs.btf);
	ksyms_free(ks);
	return err;
}

static void jit_func_name(const struct prog_data *d, const struct ksyms *ks,
			  __u32 i, char *buf, size_t len)
{
	const char *sym;

	if (!d->info.jited_ksyms || i >= d->info.nr_jited_ksyms) {
		snprintf(buf, len, "unknown");
		return;
	}
	sym = ksyms_find(ks, d->ksyms[i]);
	if (sym)	/* bpftool shows 255 characters of a name */
		snprintf(buf, len, "%.255s", sym);
	else
		snprintf(buf, len, "0x%016llx",
			 (unsigned long long)d->ksyms[i]);
}

/* Prototype of the i-th function from its func_info record. */
static void func_sig(const struct prog_data *d, const struct btf *btf,
		     __u32 i, char *sig, int size)
{
	const struct bpf_func_info *rec;

	sig[0] = '\0';
	if (!d->info.func_info || i >= d->info.nr_func_info)
		return;
	rec = (const void *)((const char *)d->func_info +
			     (size_t)i * d->info.func_info_rec_size);
	btf_func_sig(btf, rec->type_id, sig, size);
}

/* Before a function's instructions: its prototype (if any) and name. */
static void jit_func_head(const char *sig, const char *name)
{
	if (!json_wtr) {
		if (sig[0])
			printf("%s:\n", sig);
		printf("%s:\n", name);
		return;
	}
	jsonw_start_object(json_wtr);
	if (sig[0])
		jsonw_string_field(json_wtr, "proto", sig);
	jsonw_string_field(json_wtr, "name", name);
	jsonw_name(json_wtr, "insns");
}

static int dump_jited_funcs(const struct prog_data *d, const struct btf *btf,
			    const struct bpf_prog_linfo *linfo,
			    const struct dump_opts *o)
{
	const struct bpf_prog_info *info = &d->info;
	bool have_ksyms = info->jited_ksyms && info->nr_jited_ksyms;
	const unsigned char *img = d->image;
	struct ksyms *ks = have_ksyms ? ksyms_load() : NULL;
	__u32 i, left = info->jited_prog_len;
	char name[300], sig[1024];
	int err = 0;

	if (json_wtr)
		jsonw_start_array(json_wtr);
	for (i = 0; i < info->nr_jited_func_lens && !err; i++) {
		struct jit_func fn = {
			.image = img,
			.len = d->func_lens[i] < left ? d->func_lens[i] : left,
			.addr = have_ksyms && i < info->nr_jited_ksyms ?
				d->ksyms[i] : 0,
			.btf = btf,
			.linfo = have_ksyms ? linfo : NULL,
			.func_idx = i,
			.opcodes = o->opcodes,
			.linum = have_ksyms && o->linum,
		};

		jit_func_name(d, ks, i, name, sizeof(name));
		func_sig(d, btf, i, sig, sizeof(sig));
		jit_func_head(sig, name);
		err = jit_disasm_print(o->jd, &fn);
		img += fn.len;
		left -= fn.len;
		print_end_object("\n");
	}
	print_end_array(NULL);
	ksyms_free(ks);
	return err;
}

static int dump_jited(const struct prog_data *d, const struct btf *btf,
		      const struct bpf_prog_linfo *linfo,
		      const struct dump_opts *o)
{
	struct jit_func whole = {
		.image = d->image,
		.len = d->info.jited_prog_len,
		.opcodes = o->opcodes,
	};

	if (d->info.nr_jited_func_lens && d->info.jited_func_lens)
		return dump_jited_funcs(d, btf, linfo, o);
	return jit_disasm_print(o->jd, &whole);
}

static int dump_one(const struct prog_data *d, const struct dump_opts *o)
{
	const struct bpf_prog_info *info = &d->info;
	struct bpf_prog_linfo *linfo = NULL;
	struct btf *btf = NULL;
	struct btf_err e;
	__u32 len;
	int err;

	if (o->mode == DUMP_JITED) {
		if (!info->jited_prog_len || !info->jited_prog_insns)
			return p_err("error retrieving jit dump: no instructions returned or kernel.kptr_restrict set?");
		len = info->jited_prog_len;
	} else {
		if (!info->xlated_prog_len || !info->xlated_prog_insns)
			return p_err("error retrieving insn dump: kernel.kptr_restrict set?");
		len = info->xlated_prog_len;
	}
	if (o->file) {
		err = write_image(o->file, d->image, len);
		return cmd_done(err);
	}
	if (info->btf_id) {
		btf = btf_src_btf_by_id(info->btf_id, &e);
		if (!btf)
			return p_err("failed to get btf");	/* bpftool's words */
	}
	if (info->nr_line_info && info->line_info) {
		linfo = bpf_prog_linfo__new(info);
		if (!linfo)
			p_info("error in processing bpf_line_info.  continue without it.");
	}
	if (o->mode == DUMP_JITED)
		err = dump_jited(d, btf, linfo, o);
	else
		err = dump_xlated(d, btf, linfo, o);
	bpf_prog_linfo__free(linfo);
	btf__free(btf);
	return err;
}

static int dump_progs(int *fds, int n, struct dump_opts *o)
{
	struct prog_data d;
	int i, err = 0;

	if (json_wtr && n > 1)
		jsonw_start_array(json_wtr);
	for (i = 0; i < n && !err; i++) {
		err = fetch_prog(fds[i], o->mode, &d);
		if (err)
			break;
		if (json_wtr && n > 1) {
			jsonw_start_object(json_wtr);
			print_header(fds[i], &d.info);
			jsonw_name(json_wtr, "insns");
		} else if (n > 1) {
			print_header(fds[i], &d.info);
		}
		err = dump_one(&d, o);
		if (n > 1)
			print_end_object(i != n - 1 ? "\n" : NULL);
		prog_data_free(&d);
	}
	if (n > 1)
		print_end_array(NULL);
	return err;
}

static int parse_dump_opts(struct argcur *c, int nfds, struct dump_opts *o)
{
	while (arg_more(c)) {
		if (arg_take(c, "file")) {
			o->file = arg_next(c);
			if (!o->file)
				return p_err("expected file path");
			if (nfds > 1)
				return p_err("several programs matched");
		} else if (arg_take(c, "opcodes")) {
			o->opcodes = true;
		} else if (arg_take(c, "visual")) {
			if (nfds > 1)
				return p_err("several programs matched");
			o->visual = true;
		} else if (arg_take(c, "linum")) {
			o->linum = true;
		} else {
			return usage();
		}
	}
	if (o->file && (o->opcodes || o->visual || o->linum))
		return p_err("'file' is not compatible with 'opcodes', 'visual', or 'linum'");
	if (json_wtr && o->visual)
		return p_err("'visual' is not compatible with JSON output");
	return 0;
}

static void close_all(int *fds, int n)
{
	while (n-- > 0)
		close(fds[n]);
	free(fds);
}

int do_prog_dump(int argc, char **argv)
{
	struct dump_opts o = {};
	ARGCUR(c, argc, argv);
	int *fds = NULL, n, err;

	if (arg_take(&c, "jited")) {
		o.mode = DUMP_JITED;
	} else if (arg_take(&c, "xlated")) {
		o.mode = DUMP_XLATED;
	} else {
		return p_err("expected 'xlated' or 'jited', got: %s",
			     arg_more(&c) ? arg_peek(&c) : "nothing");
	}
	if (c.argc < 2)
		return usage();
	n = prog_parse_fds(&c, &fds);
	if (n < 1) {
		free(fds);
		return -1;
	}
	err = parse_dump_opts(&c, n, &o);
	if (!err && o.mode == DUMP_JITED && !o.file) {
		o.jd = jit_disasm_open();
		if (!o.jd)
			err = -1;
	}
	if (!err)
		err = dump_progs(fds, n, &o);
	jit_disasm_close(o.jd);
	close_all(fds, n);
	return err;
}
