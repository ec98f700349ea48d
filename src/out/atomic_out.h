/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every file bpfkit writes (-o FILE, prog dump ... file FILE, prog run ...
 * data_out FILE, gen object and gen min_core_btf outputs) goes through here, under one set of rules:
 *  - a symlink is followed (up to 40 links) and its final target replaced,
 *    never the link itself;
 *  - a target that exists and is not a regular file (/dev/null, a FIFO, a
 *    tty, a socket...) is written through in place: it is never replaced;
 *  - a regular file (existing or new) is written to a temporary beside it
 *    and renamed over it only after a complete, fsync'ed write, so a
 *    failure or a signal never leaves a partial file and never touches the
 *    previous one;
 *  - a replaced file keeps its mode and (where permitted) its owner; a new
 *    one gets the caller's mode less the umask, as open(2) would give it;
 *  - the temporary is removed on failure and on SIGINT, SIGTERM, SIGHUP and
 *    SIGQUIT; its name is FILE.XXXXXX, with FILE shortened when that would
 *    exceed NAME_MAX.
 */
#ifndef BPFKIT_ATOMIC_OUT_H
#define BPFKIT_ATOMIC_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct out_file {
	int fd;		/* write here */
	int slot;	/* signal-cleanup slot of the temporary, or -1 */
	bool keep_attrs;	/* copy mode/owner of the file being replaced */
	mode_t mode;
	uid_t uid;
	gid_t gid;
	char *path;	/* the final target, symlinks resolved */
	char *tmp;	/* the temporary, NULL when written in place */
};

/*
 * Open path for writing; mode is a new file's mode before the umask.
 * Returns 0, or -errno with nothing left behind (the caller reports).
 */
int out_file_open(struct out_file *of, const char *path, mode_t mode);
/* The name to write to, for a library that opens files by name. */
static inline const char *out_file_name(const struct out_file *of)
{
	return of->tmp ? of->tmp : of->path;
}
/* Flush to disk and rename into place: 0 or -errno (nothing left behind). */
int out_file_commit(struct out_file *of);
/* Give up: remove the temporary, close. */
void out_file_abort(struct out_file *of);
/*
 * The whole of buf as path's new contents (open, write, commit): 0, or
 * -errno with *at_open true when opening failed (nothing was written).
 */
int out_file_write(const char *path, const void *buf, size_t len, mode_t mode,
		   bool *at_open);

/* Write all of buf to path (mode 0666 when new): 0 or -1 after reporting. */
int atomic_write_file(const char *path, const void *buf, size_t len);

/* -o FILE: stdout goes to FILE through an out_file; 0 or -1 after reporting. */
int atomic_out_begin(const char *path);
/* ok: flush stdout and commit; else abort. 0 or -1 after reporting. */
int atomic_out_end(bool ok);

#endif
