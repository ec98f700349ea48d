/* SPDX-License-Identifier: GPL-2.0-only */
/* BTF-to-C emitter: vmlinux.h generation, byte-identical to upstream bpftool. */
#ifndef BPFKIT_BTF_C_H
#define BPFKIT_BTF_C_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/types.h>

struct btf;

struct btf_c_opts {
	bool unsorted;		/* "format c unsorted": keep BTF id order */
	const __u32 *root_ids;	/* only these types and their closure; NULL: all */
	size_t root_cnt;
};

/*
 * Write btf as a C header to out, as upstream bpftool (7.8) "btf dump ...
 * format c" does: include guard, preserve_access_index pragma, __ksym/__weak/
 * __bpf_fastcall fallbacks, the types, then (full dumps only) the sorted
 * "BPF kfuncs" block, and the footer. Full dumps visit every type id, base
 * types of split BTF included, in upstream's sort order unless o->unsorted;
 * unlike upstream, the type that sorts first is not dropped. With root_ids,
 * only those types and what they need, in the given order, no kfunc block.
 * o may be NULL (full sorted dump).
 *
 * Returns 0, or a negative errno after reporting the problem with p_err().
 * All checks and the whole ordering run before the first byte is written,
 * so bad BTF (unknown kinds, dangling ids, type loops, absurd nesting, an
 * invalid root id) gives an error and no output; only a failing write can
 * leave partial output, so callers that need all-or-nothing files write to
 * a temporary file. The output goes through a private buffer in large
 * fwrite() calls, and out is flushed before returning.
 */
int btf_c_dump(const struct btf *btf, const struct btf_c_opts *o, FILE *out);

/*
 * Single declarations, printed the way btf_c_dump() prints them in the full
 * sorted header of btf (same names, NAME___2 suffixes included: opening
 * runs the whole ordering and a dry print, about a full dump's CPU time).
 *
 * btf_c_decl(): "TYPE NAME" as a member or variable is declared, NAME may
 * be "" ("int (*cb)(void *)", "struct {...} x[4]"), after indent tabs, no
 * semicolon. btf_c_def(): the definition of a struct, union, enum or
 * typedef, or a forward declaration, followed by ";" and a blank line, as
 * in the header. Each call hands its text to out (stdio buffering aside),
 * so it interleaves with the caller's own writes. Errors are reported with
 * p_err(); btf_c_open() then returns NULL with errno the error (EINVAL for
 * bad BTF: every type id, kind and name offset is checked), or 0 when
 * there is none to tell; btf_c_close() reports a failed write.
 *
 * gen skeleton still uses libbpf 1.1's btf_dump__emit_type_decl to keep
 * bpftool 7.1's skeletons: this one differs from it where upstream's newer
 * btf_dump does. Prototypes without parameters read "(void)", not "()";
 * a type tag "address_space(N)" reads __attribute__((address_space(N)));
 * and a name several types share gets the header's ___N suffix in every
 * call, not one given in order of first printing.
 */
struct btf_c;
struct btf_c *btf_c_open(const struct btf *btf, FILE *out);
int btf_c_decl(struct btf_c *c, __u32 id, const char *name, int indent);
int btf_c_def(struct btf_c *c, __u32 id);
int btf_c_close(struct btf_c *c);

#endif
