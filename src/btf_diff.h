/* SPDX-License-Identifier: GPL-2.0-only */
/* `btf diff SRC SRC`: what changed between two kernels' types. */
#ifndef BPFKIT_BTF_DIFF_H
#define BPFKIT_BTF_DIFF_H

struct btf;

/* The words after "diff"; a row of btf.c's command table. */
int do_btf_diff(int argc, char **argv);
/*
 * The diff of two checked BTFs, printed (plain, or JSON on json_wtr);
 * names (nnames >= 0) limits it to those type names, as "type NAME" does.
 * 0, or the p_err() code.
 */
int btf_diff_btf(const struct btf *old, const struct btf *new,
		 const char *const *names, int nnames);

#endif
