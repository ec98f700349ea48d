/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Object handles on the command line: PROG := id|pinned|tag|name,
 * MAP := id|pinned|name, LINK := id|pinned, BTF := id. Each parser
 * consumes its words from the cursor and reports errors itself.
 */
#ifndef BPFKIT_HANDLE_H
#define BPFKIT_HANDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "args.h"

enum obj_kind { OBJ_UNKNOWN, OBJ_PROG, OBJ_MAP, OBJ_LINK, OBJ_BTF };

/*
 * Resolve a handle to fds. *fds is malloc'ed (caller frees and closes).
 * Returns the number of fds, at least 1, or -1 after reporting an error
 * (a name or tag that matches nothing is one).
 */
int prog_parse_fds(struct argcur *c, int **fds);
int map_parse_fds(struct argcur *c, int **fds, bool rdonly);
/* Exactly one object; "several programs match this handle" otherwise. */
int prog_parse_fd(struct argcur *c);
int map_parse_fd(struct argcur *c, bool rdonly);
/* A link that cannot be opened by id gives -errno, as bpftool's. */
int link_parse_fd(struct argcur *c);

/*
 * BPF_OBJ_GET on path, checking the object type; reports errors.
 * file_flags: 0 or BPF_F_RDONLY (reading needs only read access to a pin).
 */
int open_obj_pinned(const char *path, enum obj_kind want, __u32 file_flags);
/* Kind of a bpf fd from its /proc/self/fd link target. */
enum obj_kind fd_obj_kind(int fd);
const char *obj_kind_name(enum obj_kind k);	/* "prog", "map", ... */

/*
 * Pin fd at path with bpftool's checks: refuse an existing path, mount
 * bpffs on the parent when it is not bpffs (unless -n). Reports errors.
 */
int pin_fd_at(int fd, const char *path);
/*
 * The directory part of path, in buf or "." for a bare name (dirname(3)
 * returns a string of its own then, and leaves buf as it was).
 */
const char *path_dir(const char *path, char *buf, size_t size);
/* Mount bpffs on dir if it is not one already (honours -n). */
int mount_bpffs_for_pin(const char *dir, const char *for_path);

/* Read "key:\tvalue" from /proc/self/fdinfo/fd; 0 or -errno. */
int fdinfo_u64(int fd, const char *key, __u64 *val);
/* The same from fdinfo text already read (another process's fd). */
int fdinfo_text_u64(const char *text, const char *key, __u64 *val);

struct bpf_prog_info;
struct bpf_func_info;
struct btf;

/* The last BTF object loaded by id: programs of one object share it. */
struct btf_cache {
	struct btf *btf;
	__u32 id;
};

const struct btf *btf_cache_get(struct btf_cache *c, __u32 id);
void btf_cache_free(struct btf_cache *c);

/*
 * The kernel keeps 15 characters of a program's name; when the name was cut
 * and the program has BTF func_info, the full name is its first FUNC's.
 * prog_btf_full_name() takes that func_info record from the caller's info
 * call; prog_full_name() asks the kernel for it.
 */
void prog_btf_full_name(struct btf_cache *bc,
			const struct bpf_prog_info *info,
			const struct bpf_func_info *finfo, char *buf,
			size_t size);
void prog_full_name(int fd, const struct bpf_prog_info *info, char *buf,
		    size_t size);

#endif
