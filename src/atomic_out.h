/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * -o FILE: stdout goes to a temporary file next to FILE, renamed into place
 * only when the command succeeded, so a failure never leaves a partial file
 * and never touches the previous one.
 */
#ifndef BPFKIT_ATOMIC_OUT_H
#define BPFKIT_ATOMIC_OUT_H

#include <stdbool.h>
#include <stddef.h>

/* Redirect stdout to a new temporary named in tmp; 0 or -1 after reporting. */
int atomic_out_begin(const char *path, char *tmp, size_t tmpsz);
/* ok: flush, fsync and rename tmp to path; else remove tmp. 0 or -1. */
int atomic_out_end(const char *path, const char *tmp, bool ok);
/* Write buf to path through a temporary renamed into place; 0 or -1 after reporting. */
int atomic_write_file(const char *path, const void *buf, size_t len);

#endif
