/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A BPF ELF object as libbpf sees it before loading: code sections and the
 * functions in them, symbols referenced by instruction relocations, the
 * object's BTF and the CO-RE records of .BTF.ext.
 *
 * The bytes are untrusted: every offset and count is checked against the
 * buffer before use. Library code: nothing here prints; errors come back as
 * one line in err.
 */
#ifndef BPFKIT_BPF_ELF_H
#define BPFKIT_BPF_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include <linux/bpf.h>

#include "btf_src.h"

struct btf;

struct bpf_elf_sec {
	const char *name;
	__u32 type;		/* SHT_* */
	__u64 flags;		/* SHF_* */
	const void *data;	/* NULL for SHT_NOBITS */
	size_t size;
	bool code;		/* executable code (programs, .text) */
};

/* One function: an entry program or a subprogram. */
struct bpf_elf_func {
	const char *name;
	int sec;		/* ELF section index */
	__u32 insn_off;		/* first instruction within the section */
	__u32 insn_cnt;
	bool global;
	__u64 end;		/* bpf_elf_pos() of the instruction after it */
};

/*
 * An instruction relocation (.rel<sec>) and the symbol it names; also
 * those of .struct_ops* data sections, which point at programs.
 */
struct bpf_elf_rel {
	int sec;		/* section the instruction is in */
	__u32 insn;		/* instruction (or 8-byte slot) index in it */
	const char *sym;	/* symbol name ("" for section symbols) */
	int sym_shndx;		/* SHN_UNDEF for externs */
	__u64 sym_value;
	__u8 sym_type;		/* STT_* */
	__u8 sym_bind;		/* STB_* */
	__u64 at;		/* bpf_elf_pos(sec, insn) */
};

/* One CO-RE record of .BTF.ext. */
struct bpf_elf_core {
	int sec;		/* ELF section index of the code */
	__u32 index;		/* position among its section's records */
	__u32 insn;		/* instruction index within the section */
	__u32 type_id;
	__u32 access_str_off;
	__u32 kind;
};

struct bpf_elf {
	struct btf_bytes bytes;	/* owned */
	void *mem;		/* the file's bytes (bytes.data) */
	size_t size;
	struct bpf_elf_sec *secs;
	int nsecs;
	struct bpf_elf_func *funcs;	/* sorted by section, then offset */
	int nfuncs;
	struct bpf_elf_rel *rels;	/* sorted by section, then insn */
	int nrels;
	struct bpf_elf_core *core;	/* in .BTF.ext order */
	int ncore;
	struct btf *btf;	/* the object's .BTF, NULL when absent */
	const char *license;
	int maps_sec;		/* ".maps" section index, or -1 */
	const void *syms;	/* the symbol table (Elf64_Sym) */
	size_t nsyms;
	int sym_strs;		/* its string section */
};

/* An instruction's place in the object: what funcs and rels are sorted by. */
static inline __u64 bpf_elf_pos(int sec, __u64 insn)
{
	return (__u64)sec << 32 | insn;
}

/* 0, or a negative errno with err filled: "PATH: what is wrong". */
int bpf_elf_open(const char *path, struct bpf_elf **out, char *err,
		 size_t errlen);
/* The same on bytes the caller gives up (mem is freed with the object). */
int bpf_elf_parse(void *mem, size_t size, struct bpf_elf **out, char *err,
		  size_t errlen);
void bpf_elf_free(struct bpf_elf *o);
/*
 * Only the ELF header and the section table of bytes the caller keeps
 * (8-aligned): *secs (free() it) points into mem. The same checks and
 * messages as bpf_elf_parse(), for readers that hand the bytes on.
 */
int bpf_elf_sections(const void *mem, size_t size, struct bpf_elf_sec **secs,
		     int *nsecs, char *err, size_t errlen);
/*
 * The same for any ELF file, whatever its machine, class or byte order
 * (a vmlinux or a module carrying .BTF), and at any alignment: only the
 * header and the section table are read, and code is never marked.
 */
int bpf_elf_any_sections(const void *mem, size_t size,
			 struct bpf_elf_sec **secs, int *nsecs, char *err,
			 size_t errlen);

/*
 * Offset of the data symbol NAME in section sec (a variable's place, which
 * the .BTF of an unlinked object leaves 0): 0, or -ENOENT.
 */
int bpf_elf_sym_offset(const struct bpf_elf *o, int sec, const char *name,
		       __u64 *off);
/* Index of the section of that name, or -1. */
int bpf_elf_sec_index(const struct bpf_elf *o, const char *name);
/* Instructions of section sec (NULL when it is not code). */
const struct bpf_insn *bpf_elf_insns(const struct bpf_elf *o, int sec,
				     __u32 *cnt);
/* The function holding instruction insn of section sec, or NULL. */
const struct bpf_elf_func *bpf_elf_func_at(const struct bpf_elf *o, int sec,
					   __u32 insn);
/* The relocation of instruction insn of section sec, or NULL. */
const struct bpf_elf_rel *bpf_elf_rel_at(const struct bpf_elf *o, int sec,
					 __u32 insn);
/* An entry program: a function outside .text. */
bool bpf_elf_is_prog(const struct bpf_elf *o, const struct bpf_elf_func *f);

#endif
