/* SPDX-License-Identifier: GPL-2.0-only */
/* feature object; the offline probe from BTF lives in feature_btf.c. */
#ifndef BPFKIT_FEATURE_H
#define BPFKIT_FEATURE_H

#include <stdbool.h>

struct argcur;

/* `feature probe btf SRC...`: the words after "btf". */
int feature_probe_btf(struct argcur *a);

/*
 * The live probe's output shapes, for the offline probe: a section (JSON
 * object KEY, or TITLE and a blank line after) and one
 * "have_NAME_WHAT_type" answer ("eBPF WHAT_type NAME is available").
 */
void feature_section_start(const char *key, const char *title);
void feature_section_end(void);
void feature_type_answer(const char *what, const char *name, bool res);

#endif
