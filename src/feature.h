/* SPDX-License-Identifier: GPL-2.0-only */
/* feature object; the offline probe from BTF lives in feature_btf.c. */
#ifndef BPFKIT_FEATURE_H
#define BPFKIT_FEATURE_H

struct argcur;

/* `feature probe btf SRC...`: the words after "btf". */
int feature_probe_btf(struct argcur *a);

#endif
