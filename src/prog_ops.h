/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by prog_load.c, prog_attach.c and prog_run.c. */
#ifndef BPFKIT_PROG_OPS_H
#define BPFKIT_PROG_OPS_H

#include <stdbool.h>
#include "args.h"

/*
 * Exactly one program / map from a handle, or -1 after reporting. Like
 * prog_parse_fd()/map_parse_fd(), but the fd array is read only after the
 * parser filled it (handle.c's versions pass it before the call is made).
 */
int ops_prog_fd(struct argcur *c);
int ops_map_fd(struct argcur *c, bool rdonly);

/*
 * Hold back libbpf's warnings (shown only under -d) while a libbpf call
 * runs; stop returns the first one ("" if none) for our own message.
 */
void ops_capture_start(void);
const char *ops_capture_stop(void);

#endif
