/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * BTF value printer: renders bytes of a BTF type the way bpftool's BTF
 * dumper does (structs, unions, arrays, bitfields, enums, chars/strings,
 * pointers, floats, typedefs, DATASEC/VAR). The output always goes through
 * a JSON writer; in plain_text mode the writer is a pretty one on stdout and
 * values such as chars/enums are rendered as bpftool's plain dumps do.
 */
#ifndef BPFKIT_BTF_VALUE_H
#define BPFKIT_BTF_VALUE_H

#include <stdbool.h>
#include <linux/types.h>

struct btf;
struct jsonw;

/* Returns 0, or a negative errno for a type it cannot render. */
int btf_value_dump(struct jsonw *jw, const struct btf *btf, __u32 type_id,
		   const void *data, bool plain_text);

#endif
