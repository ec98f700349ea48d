/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by prog_load.c, prog_attach.c, prog_run.c and gen.c. */
#ifndef BPFKIT_PROG_OPS_H
#define BPFKIT_PROG_OPS_H

/*
 * Hold back libbpf's warnings (shown only under -d) while a libbpf call
 * runs; stop returns the first one ("" if none) for our own message.
 */
void ops_capture_start(void);
const char *ops_capture_stop(void);

#endif
