/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * BTF sources: the one way every command gets BTF (btf dump, prog and map
 * BTF, prog load checks, core check, btf diff, feature probe btf, gen).
 *
 * Library code: nothing here prints. Failures come back in a struct
 * btf_err, so a command checking fifty kernels reports per kernel.
 *
 * Trust follows the origin, never the path string: BTF read from sysfs
 * (decided with fstatfs() on the open fd, and the path the kernel resolved
 * that fd to: /sys/kernel/btf/NAME) or from a kernel object id is the
 * kernel's own; anything else (files, pipes, archive members) is fully
 * checked (btf_check_err) before any renderer walks it. Only sysfs files are
 * mapped; other files are copied, so that no truncation can SIGBUS us.
 */
#ifndef BPFKIT_BTF_SRC_H
#define BPFKIT_BTF_SRC_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "btf_load.h"

struct btf;
struct argcur;

enum btf_origin {
	BTF_ORIGIN_FILE,	/* regular file or pipe: checked */
	BTF_ORIGIN_ARCHIVE,	/* member of a .tar.xz (btfhub): checked */
	BTF_ORIGIN_SYSFS,	/* /sys/kernel/btf/NAME, by its fd: trusted */
	BTF_ORIGIN_KERNEL,	/* BTF object id (btf, prog, map): trusted */
};

struct btf_err {
	int code;		/* negative errno (-EINVAL for bad data) */
	char msg[320];		/* the whole line, no "Error: ", no newline */
};

/* Fill err and return code (a negative errno). */
int btf_err_set(struct btf_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

struct btf_src {
	struct btf *btf;	/* owned */
	struct btf *base;	/* owned base we loaded for it, or NULL */
	enum btf_origin origin;
	char *label;		/* as the user gave it (path, "id 5"): owned */
	char *release;		/* kernel release when known, else NULL: owned */
	/*
	 * Read access for checks, raw dumps and lookups: on btf, or (with
	 * BTF_SRC_VIEW) on bytes our own parser indexed, btf being NULL.
	 */
	struct btf_view view;
};

static inline bool btf_src_trusted(const struct btf_src *s)
{
	return s->origin == BTF_ORIGIN_SYSFS || s->origin == BTF_ORIGIN_KERNEL;
}

/*
 * Everything a btf_src hands out is either trusted by origin or passed
 * btf_check_err(): consumers never check again. The kernel's own BTF split on
 * a base the caller gives is checked too (the base may be anything).
 *
 * One BTF from a path: raw BTF, an ELF object's .BTF, a btfhub .btf.tar.xz
 * (its one BTF member), a pipe or /dev/fd/N. Split BTF on base when base is
 * not NULL (the caller keeps base alive as long as the result); a module's
 * file in sysfs gets the running vmlinux as base when base is NULL. 0, or
 * a negative errno with err filled ("failed to load BTF from PATH: why",
 * or "malformed BTF: ..." from the checks).
 */
int btf_src_load_path(const char *path, struct btf *base,
		      struct btf_src *out, struct btf_err *err);
/*
 * Same with flags. BTF_SRC_VIEW: raw BTF without a base may come back as
 * a view only (btf NULL), the quick way for raw dumps (no libbpf copies).
 */
#define BTF_SRC_VIEW	1u
int btf_src_load(const char *path, struct btf *base, unsigned int flags,
		 struct btf_src *out, struct btf_err *err);
/* The same on bytes in memory (copied; never trusted); label names them. */
int btf_src_load_mem(const void *data, size_t size, const char *label,
		     struct btf *base, unsigned int flags,
		     struct btf_src *out, struct btf_err *err);
/*
 * Split BTF of several files (modules) appended onto base and deduplicated,
 * in any order. base is the caller's and must outlive the result.
 */
int btf_src_merge(const char *const *paths, int cnt, struct btf *base,
		  struct btf_src *out, struct btf_err *err);
/* The running kernel's vmlinux BTF. */
int btf_src_load_vmlinux(struct btf_src *out, struct btf_err *err);
/* A kernel BTF object by id; module BTF gets vmlinux as base when base is NULL. */
int btf_src_load_id(__u32 id, struct btf *base, struct btf_src *out,
		    struct btf_err *err);
void btf_src_free(struct btf_src *s);
/*
 * Just the struct btf (btf__free() it), for users that keep nothing else:
 * a kernel object's BTF that is not split (programs', maps'), and the
 * running kernel's vmlinux. NULL with err filled on failure.
 */
struct btf *btf_src_btf_by_id(__u32 id, struct btf_err *err);
struct btf *btf_src_vmlinux_btf(struct btf_err *err);

/*
 * bpfkit's one whole-file reader (BTF, objects, gen's inputs, prog run's
 * data): pipes too, up to BTF_FILE_MAX, into a private copy, never a
 * mapping a truncation could turn into SIGBUS (sysfs aside). err->msg is
 * the reason alone, without the path. Free with btf_src_bytes_free().
 */
struct btf_bytes {
	char *data;
	size_t size;
	size_t map_len;		/* mmap'ed when not 0 */
};
int btf_src_read(const char *path, struct btf_bytes *b, struct btf_err *err);
/* The same from an open fd (regular files from offset 0), never mapped. */
int btf_src_read_fd(int fd, struct btf_bytes *b, struct btf_err *err);
void btf_src_bytes_free(struct btf_bytes *b);

/*
 * The .BTF and .BTF.ext sections of an ELF object in memory (pointers into
 * data; found says whether each exists). 0, or a negative errno with err
 * filled with the reason alone (no path).
 */
struct btf_sec {
	const void *data;
	size_t size;
	bool found;
};
int btf_src_elf_sections(const void *data, size_t size, struct btf_sec *btf,
			 struct btf_sec *ext, struct btf_err *err);

/*
 * Expand a path into the BTF files it names: itself when it is a file,
 * else every regular file below the directory (recursively, sorted by
 * path) that looks like BTF (raw BTF magic, ELF with .BTF, .tar.xz).
 * *paths is a malloc'ed array of malloc'ed strings; btf_src_paths_free().
 */
int btf_src_expand(const char *path, char ***paths, int *cnt,
		   struct btf_err *err);
void btf_src_paths_free(char **paths, int cnt);

/*
 * The command-line grammar shared by every command that takes BTF:
 *   file FILE [file FILE]... | id BTF_ID | prog PROG | map MAP [key|value|kv|all]
 * consumed from the cursor into spec (btf_spec.c); btf_spec_open() loads it (-B as
 * base where it applies). Parse errors are reported with p_err() (this is
 * command-line code); load errors come back in err.
 */
#define BTF_SPEC_MAX_FILES	64

enum btf_spec_kind { BTF_SPEC_FILE, BTF_SPEC_ID, BTF_SPEC_PROG, BTF_SPEC_MAP };

struct btf_spec {
	enum btf_spec_kind kind;
	unsigned int flags;	/* BTF_SRC_*, for btf_spec_open() */
	__u32 btf_id;		/* id, prog, map */
	__u32 obj_id;		/* prog, map */
	/* map key/value/kv: the roots they name (filtered) */
	bool filtered;
	__u32 roots[2];
	int nroots;
	bool vmlinux_named;	/* file /sys/kernel/btf/vmlinux among files */
	const char *files[BTF_SPEC_MAX_FILES];
	int nfiles;
};

int btf_spec_parse(struct argcur *a, struct btf_spec **spec);
int btf_spec_open(const struct btf_spec *spec, struct btf_src *out,
		  struct btf_err *err);
void btf_spec_free(struct btf_spec *spec);

#endif
