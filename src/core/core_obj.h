/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a BPF object needs from a kernel, worked out once per object for
 * "core check": its programs (type, attach target, the subprograms they
 * call), the helpers, kfuncs, ksyms and maps each function uses, and the
 * maps libbpf would create. Plus reachability: which instructions survive
 * the verifier's dead-code pruning once relocated constants are known.
 */
#ifndef BPFKIT_CORE_OBJ_H
#define BPFKIT_CORE_OBJ_H

#include <stdbool.h>
#include <linux/types.h>
#include <linux/bpf.h>

#include "bpf_elf.h"

enum use_kind {
	USE_HELPER,	/* id */
	USE_KFUNC,	/* name */
	USE_UNLINKED,	/* name: an extern function left for the linker */
	USE_KSYM,	/* name, typed or not */
	USE_KCONFIG,	/* name */
	USE_MAP,	/* map index */
	USE_CALL,	/* callee function index */
};

struct use {
	enum use_kind kind;
	__u32 insn;		/* within the function */
	__u32 id;		/* helper id, map or callee index */
	const char *name;
	bool weak;
	bool typed;		/* ksym with a BTF type (needs a VAR) */
};

struct obj_func {
	const struct bpf_elf_func *f;
	struct use *uses;
	int nuses;
};

struct obj_map {
	const char *name;
	__u32 type;		/* BPF_MAP_TYPE_* */
	bool type_known;
	bool global_data;	/* .data/.rodata/.bss/.kconfig */
	const char *ops_struct;	/* struct_ops: the kernel struct it fills */
	int ops_sec;		/* struct_ops: its section, value offset, size */
	__u32 ops_off, ops_size;
	__u32 ops_type;		/* struct_ops: the object's struct (BTF id) */
};

enum attach_kind {
	ATTACH_NONE,
	ATTACH_FUNC,		/* fentry/fexit/fmod_ret/kprobe: FUNC NAME */
	ATTACH_BTF_TRACE,	/* tp_btf/raw_tp: btf_trace_NAME */
	ATTACH_LSM,		/* bpf_lsm_NAME */
	ATTACH_ITER,		/* bpf_iter_NAME */
	ATTACH_STRUCT_OPS,	/* the struct of its map */
};

struct obj_prog {
	int func;		/* index into funcs */
	const char *sec;
	bool type_known;	/* libbpf knows the section name */
	enum bpf_prog_type type;
	enum bpf_attach_type attach;
	enum attach_kind akind;
	char target[128];
	bool needs_btf;		/* BTF-based attach (vmlinux BTF at load) */
	int ops_map;		/* struct_ops: the map pointing at it, or -1 */
	bool *reach;		/* functions it calls, transitively */
};

struct core_obj {
	struct bpf_elf *elf;
	const char *path;
	struct obj_func *funcs;	/* parallel to elf->funcs */
	int nfuncs;
	struct obj_prog *progs;
	int nprogs;
	struct obj_map *maps;
	int nmaps;
	size_t maps_cap;
};

/* 0, or -1 with err filled. */
int core_obj_open(const char *path, struct core_obj **out, char *err,
		  size_t errlen);
/* The same on a parsed object, which it takes over (freed on failure). */
int core_obj_new(struct bpf_elf *elf, const char *path,
		 struct core_obj **out, char *err, size_t errlen);
void core_obj_free(struct core_obj *o);

/*
 * Reachability of one function's relocated instructions (cnt of them):
 * reach[i] set for every instruction the verifier can get to, following
 * only the branches that known constants allow.
 */
void core_reach(const struct bpf_insn *insns, __u32 cnt, bool *reach);

#endif
