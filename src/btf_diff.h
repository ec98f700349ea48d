/* SPDX-License-Identifier: GPL-2.0-only */
/* `btf diff SRC SRC`: what changed between two kernels' types. */
#ifndef BPFKIT_BTF_DIFF_H
#define BPFKIT_BTF_DIFF_H

/* The words after "diff"; a row of btf.c's command table. */
int do_btf_diff(int argc, char **argv);

#endif
