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
#include <stddef.h>
#include <linux/types.h>

struct btf;
struct jsonw;

/*
 * Print one value of type type_id (any kind, including a DATASEC, a VAR or
 * a VAR's type) read from data through the JSON writer jw.
 * Returns 0, or a negative errno for a type it cannot render.
 */
int btf_value_dump(struct jsonw *jw, const struct btf *btf, __u32 type_id,
		   const void *data, bool plain_text);
/*
 * The same, with function pointers rendered by the caller: fptr gets the
 * FUNC_PROTO's id and the pointer's value, writes a string into buf and
 * returns its length (or -1 to print the pointer as usual). struct_ops
 * dumps use it: the kernel hands back program ids in those slots.
 */
typedef int (*btf_value_fptr_fn)(void *ctx, const struct btf *btf,
				 __u32 proto_id, __u64 value, char *buf,
				 size_t size);
int btf_value_dump_fptr(struct jsonw *jw, const struct btf *btf,
			__u32 type_id, const void *data, bool plain_text,
			btf_value_fptr_fn fptr, void *fptr_ctx);

/*
 * A value type compiled once for many values (map dumps): flat steps with
 * field names quoted in advance, so the hot loop does no BTF lookups. Kinds
 * the plan does not flatten are rendered by the printer above, so the
 * output is the same either way. NULL when the type cannot be planned.
 */
struct btf_value_plan;
struct btf_value_plan *btf_value_plan_new(const struct btf *btf, __u32 type_id,
					  bool plain_text);
int btf_value_plan_emit(struct jsonw *j, const struct btf_value_plan *p,
			const void *data);
void btf_value_plan_free(struct btf_value_plan *p);

#endif
