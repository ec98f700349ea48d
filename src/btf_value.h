/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * BTF value printer: renders bytes of a BTF type the way bpftool's BTF
 * dumper does (structs, unions, arrays, bitfields, enums, chars/strings,
 * pointers, typedefs, DATASEC/VAR), as JSON values.
 *
 * plain_text selects the variant used by bpftool's plain-mode dumps (the
 * pretty "[{"key": ..}]" map dumps and "prog show" metadata): non-printable
 * chars print as 0x.., bitfields and 128-bit ints as bare 0x.., pointers as
 * quoted "0x.." (upstream HEAD). In JSON mode (plain_text false) bitfields
 * are quoted "0x.." strings and pointers unsigned decimals.
 *
 * Where bpftool cannot render a kind and prints an unterminated token, we
 * render something valid instead: floats are numbers, type tags are
 * skipped like typedefs.
 */
#ifndef BPFKIT_BTF_VALUE_H
#define BPFKIT_BTF_VALUE_H

#include <stdbool.h>
#include <linux/types.h>

struct btf;
struct jsonw;
struct jout;

/*
 * Print one value of type type_id (any kind, including a DATASEC, a VAR or
 * a VAR's type) read from data through the JSON writer jw.
 * Returns 0, or a negative errno for a type it cannot render.
 */
int btf_value_dump(struct jsonw *jw, const struct btf *btf, __u32 type_id,
		   const void *data, bool plain_text);
/* The same through a map_out.h emitter (used by map dump's fast path). */
int btf_value_emit(struct jout *j, const struct btf *btf, __u32 type_id,
		   const void *data, bool plain_text);

#endif
