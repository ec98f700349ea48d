// SPDX-License-Identifier: GPL-2.0-only
/*
 * prog dump xlated: plain, JSON and DOT-label renderings of the kernel's
 * translated instructions, with bpftool's annotations (function
 * prototypes from func_info, "; source" lines from line_info, raw bytes).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf_src.h"
#include "disasm.h"
#include "ksyms.h"
#include "main.h"
#include "xlated_dump.h"

/* ---- source lines ------------------------------------------------------ */

static const char *skip_blanks(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

void linfo_print_plain(FILE *f, const struct btf *btf,
		       const struct bpf_line_info *li, bool linum)
{
	const char *line = btf__name_by_offset(btf, li->line_off);
	const char *file;

	if (!line)
		return;
	line = skip_blanks(line);
	if (!linum) {
		fprintf(f, "; %s\n", line);
		return;
	}
	file = btf__name_by_offset(btf, li->file_name_off);
	fprintf(f, "; %s [file:%s line_num:%u line_col:%u]\n", line,
		file ? file : "", BPF_LINE_INFO_LINE_NUM(li->line_col),
		BPF_LINE_INFO_LINE_COL(li->line_col));
}

void linfo_print_json(const struct btf *btf, const struct bpf_line_info *li,
		      bool linum)
{
	const char *line = btf__name_by_offset(btf, li->line_off);
	const char *file;

	if (line)
		jsonw_string_field(json_wtr, "src", skip_blanks(line));
	if (!linum)
		return;
	file = btf__name_by_offset(btf, li->file_name_off);
	if (file)
		jsonw_string_field(json_wtr, "file", file);
	if (BPF_LINE_INFO_LINE_NUM(li->line_col))
		jsonw_int_field(json_wtr, "line_num",
				BPF_LINE_INFO_LINE_NUM(li->line_col));
	if (BPF_LINE_INFO_LINE_COL(li->line_col))
		jsonw_int_field(json_wtr, "line_col",
				BPF_LINE_INFO_LINE_COL(li->line_col));
}

/* ---- instruction text with bpftool's call and immediate names ---------- */

/* Name of kernel function BTF id in vmlinux, or NULL. */
static const char *kfunc_btf_name(const struct xlated *x, __s32 id)
{
	const struct btf_type *t;
	struct btf_err e;

	if (!x->kfuncs || id <= 0)
		return NULL;
	if (!x->kfuncs->tried) {
		x->kfuncs->tried = true;
		x->kfuncs->btf = btf_src_vmlinux_btf(&e);
	}
	if (!x->kfuncs->btf)
		return NULL;
	t = btf__type_by_id(x->kfuncs->btf, id);
	if (!t || !btf_is_func(t))
		return NULL;
	return btf__name_by_offset(x->kfuncs->btf, t->name_off);
}

static const char *xl_call_name(void *ctx, const struct bpf_insn *insn,
				char *buf, size_t len)
{
	const struct xlated *x = ctx;
	unsigned long addr = ksyms_call_base(x->ksyms) + (long)insn->imm;
	const char *sym = NULL;

	if (insn->src_reg == BPF_PSEUDO_CALL && x->jited_ksyms &&
	    (__u32)insn->imm < x->nr_jited_ksyms)
		addr = x->jited_ksyms[insn->imm];
	/* off != 0: a module's BTF, which the loaded program no longer names */
	if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL && !insn->off)
		sym = kfunc_btf_name(x, insn->imm);
	if (!sym)
		sym = ksyms_find(x->ksyms, addr);
	if (insn->src_reg != BPF_PSEUDO_CALL) {
		if (sym)	/* bpftool shows 255 characters of a name */
			snprintf(buf, len, "%.255s", sym);
		else
			snprintf(buf, len, "0x%lx", addr);
	} else if (!x->nr_jited_ksyms) {
		/* interpreted: no address worth showing */
		snprintf(buf, len, "%+d", insn->off);
	} else if (sym) {
		snprintf(buf, len, "%+d#%.255s", insn->off, sym);
	} else {
		snprintf(buf, len, "%+d#0x%lx", insn->off, addr);
	}
	return buf;
}

static const char *xl_imm64(void *ctx, const struct bpf_insn *insn,
			    __u64 imm, char *buf, size_t len)
{
	(void)ctx;
	switch (insn->src_reg) {
	case BPF_PSEUDO_MAP_FD:
		snprintf(buf, len, "map[id:%d]", insn->imm);
		break;
	case BPF_PSEUDO_MAP_VALUE:
		snprintf(buf, len, "map[id:%d][0]+%d", insn->imm, insn[1].imm);
		break;
	case BPF_PSEUDO_MAP_IDX_VALUE:
		snprintf(buf, len, "map[idx:%d]+%d", insn->imm, insn[1].imm);
		break;
	case BPF_PSEUDO_FUNC:
		snprintf(buf, len, "subprog[%+d]", insn->imm);
		break;
	default:
		snprintf(buf, len, "0x%llx", (unsigned long long)imm);
	}
	return buf;
}

static const char *insn_text(const struct xlated *x, unsigned int i,
			     char *buf, size_t len)
{
	struct disasm_cbs cbs = {
		.call_name = xl_call_name,
		.imm64 = xl_imm64,
		.ctx = (void *)x,
	};
	struct bpf_insn pair[2];

	/* a truncated image must not make ld_imm64 read past the end */
	if (insn_is_ld_imm64(&x->insns[i]) && i + 1 >= x->cnt) {
		pair[0] = x->insns[i];
		memset(&pair[1], 0, sizeof(pair[1]));
		return disasm_insn(&cbs, pair, buf, len);
	}
	return disasm_insn(&cbs, &x->insns[i], buf, len);
}

static bool is_double(const struct xlated *x, unsigned int i)
{
	return insn_is_ld_imm64(&x->insns[i]) && i + 1 < x->cnt;
}

static const struct bpf_func_info *finfo_at(const struct xlated *x,
					    __u32 idx)
{
	return (const void *)((const char *)x->func_info +
			      (size_t)idx * x->finfo_rec_size);
}

/* Prototype of the function starting at insn i, walking records in order. */
static bool next_proto(const struct xlated *x, __u32 *rec, unsigned int i,
		       char *sig, int size)
{
	if (!x->btf || !x->func_info || *rec >= x->nr_func_info ||
	    finfo_at(x, *rec)->insn_off != i)
		return false;
	btf_func_sig(x->btf, finfo_at(x, *rec)->type_id, sig, size);
	(*rec)++;
	return sig[0] != '\0';
}

static void hex8(FILE *f, const void *p)
{
	const unsigned char *b = p;
	int i;

	for (i = 0; i < 8; i++)
		fprintf(f, i ? " %02x" : "%02x", b[i]);
}

void xlated_print_plain(const struct xlated *x)
{
	const struct bpf_line_info *li;
	unsigned int i, nr_skip = 0;
	__u32 rec = 0;
	char sig[1024], text[256];

	for (i = 0; i < x->cnt; i++) {
		if (next_proto(x, &rec, i, sig, sizeof(sig)))
			printf("%s:\n", sig);
		if (x->linfo) {
			li = bpf_prog_linfo__lfind(x->linfo, i, nr_skip);
			if (li) {
				linfo_print_plain(stdout, x->btf, li, x->linum);
				nr_skip++;
			}
		}
		printf("%4u: %s\n", i, insn_text(x, i, text, sizeof(text)));
		if (x->opcodes) {
			printf("       ");
			hex8(stdout, &x->insns[i]);
			if (is_double(x, i)) {
				putchar(' ');
				hex8(stdout, &x->insns[i + 1]);
			}
			putchar('\n');
		}
		if (is_double(x, i))
			i++;
	}
}

static void hex_json(const void *p, unsigned int n)
{
	const unsigned char *b = p;
	unsigned int i;

	jsonw_start_array(json_wtr);
	for (i = 0; i < n; i++)
		jsonw_hex_byte(json_wtr, b[i]);
	jsonw_end_array(json_wtr);
}

static void opcodes_json(const struct xlated *x, unsigned int i)
{
	const struct bpf_insn *insn = &x->insns[i];

	jsonw_name(json_wtr, "opcodes");
	jsonw_start_object(json_wtr);
	jsonw_name(json_wtr, "code");
	jsonw_printf(json_wtr, "\"0x%02x\"", insn->code);
	jsonw_name(json_wtr, "src_reg");
	jsonw_printf(json_wtr, "\"0x%x\"", insn->src_reg);
	jsonw_name(json_wtr, "dst_reg");
	jsonw_printf(json_wtr, "\"0x%x\"", insn->dst_reg);
	jsonw_name(json_wtr, "off");
	hex_json(&insn->off, 2);
	jsonw_name(json_wtr, "imm");
	/* ld_imm64: imm, the next insn's 4 leading bytes and its imm */
	hex_json(&insn->imm, is_double(x, i) ? 12 : 4);
	jsonw_end_object(json_wtr);
}

void xlated_print_json(const struct xlated *x)
{
	const struct bpf_line_info *li;
	unsigned int i, nr_skip = 0;
	__u32 rec = 0;
	char sig[1024], text[256];

	jsonw_start_array(json_wtr);
	for (i = 0; i < x->cnt; i++) {
		jsonw_start_object(json_wtr);
		if (next_proto(x, &rec, i, sig, sizeof(sig)))
			jsonw_string_field(json_wtr, "proto", sig);
		if (x->linfo) {
			li = bpf_prog_linfo__lfind(x->linfo, i, nr_skip);
			if (li) {
				linfo_print_json(x->btf, li, x->linum);
				nr_skip++;
			}
		}
		jsonw_string_field(json_wtr, "disasm",
				   insn_text(x, i, text, sizeof(text)));
		if (x->opcodes)
			opcodes_json(x, i);
		jsonw_end_object(json_wtr);
		if (is_double(x, i))
			i++;
	}
	jsonw_end_array(json_wtr);
}

/* ---- DOT labels -------------------------------------------------------- */

/* Record-label specials for source text and file names. */
static void dot_puts_src(const char *s)
{
	for (; *s; s++) {
		if (strchr("\\\"{}<>| ", *s))
			putchar('\\');
		putchar(*s);
	}
}

/*
 * Instruction text: bpftool escapes only <, >, | and & here and, because
 * it formats into 64 bytes, cuts longer lines (the newline included).
 */
static void dot_puts_insn(const char *text)
{
	char line[64];
	const char *p;

	snprintf(line, sizeof(line), "%s\n", text);
	for (p = line; *p; p++) {
		if (*p == '\n') {
			fputs("\\l\\\n", stdout);
			continue;
		}
		if (strchr("<>|&", *p))
			putchar('\\');
		putchar(*p);
	}
}

/* Keep the last 32 characters of a long path, cut at a '/'. */
static const char *short_path(const char *path)
{
	size_t len = strlen(path);
	const char *p;

	if (len <= 32)
		return path;
	p = strchr(path + len - 32, '/');
	if (p)
		return p < path + 3 ? path : p;
	p = strrchr(path, '/');
	return p ? p : path;
}

static void dot_linfo(const struct xlated *x, const struct bpf_line_info *li)
{
	const char *line = btf__name_by_offset(x->btf, li->line_off);
	const char *file, *shortf;

	if (!line || !*line)
		return;
	line = skip_blanks(line);
	if (x->linum) {
		file = btf__name_by_offset(x->btf, li->file_name_off);
		shortf = file ? short_path(file) : "";
		printf("; [%s", file && shortf > file ? "..." : "");
		dot_puts_src(shortf);
		printf(" line:%u col:%u]\\l\\\n",
		       BPF_LINE_INFO_LINE_NUM(li->line_col),
		       BPF_LINE_INFO_LINE_COL(li->line_col));
	}
	printf("; ");
	dot_puts_src(line);
	printf("\\l\\\n");
}

static void dot_proto(const struct xlated *x, unsigned int i)
{
	char sig[1024];
	__u32 r;

	if (!x->btf || !x->func_info)
		return;
	for (r = 0; r < x->nr_func_info; r++) {
		if (finfo_at(x, r)->insn_off != i)
			continue;
		btf_func_sig(x->btf, finfo_at(x, r)->type_id, sig,
			     sizeof(sig));
		if (sig[0])
			printf("; %s:\\l\\\n", sig);
		return;
	}
}

void xlated_print_dot(const struct xlated *x, unsigned int first,
		      unsigned int last, unsigned int func_start)
{
	const struct bpf_line_info *li, *prev = NULL;
	char text[256];
	unsigned int i;

	for (i = first; i <= last && i < x->cnt; i++) {
		bool dbl = is_double(x, i);

		dot_proto(x, i);
		if (x->linfo) {
			li = bpf_prog_linfo__lfind(x->linfo, i, 0);
			if (li && li != prev) {
				dot_linfo(x, li);
				prev = li;
			}
		}
		printf("%u: ", i - func_start);
		dot_puts_insn(insn_text(x, i, text, sizeof(text)));
		if (x->opcodes) {
			printf("\\ \\ \\ \\ ");
			hex8(stdout, &x->insns[i]);
			if (dbl && i + 1 <= last) {
				putchar(' ');
				hex8(stdout, &x->insns[i + 1]);
			}
			printf("\\l\\\n");
		}
		/* bpftool separates even after a block-ending ld_imm64 */
		if (i != last)
			printf("| ");
		if (dbl)
			i++;
	}
}
