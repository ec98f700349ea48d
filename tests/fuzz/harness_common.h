/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by the harnesses: main.c's globals, and libbpf kept quiet. */
#ifndef BPFKIT_HARNESS_COMMON_H
#define BPFKIT_HARNESS_COMMON_H

/*
 * libbpf's complaints about bad input are expected by the thousand: hold
 * them through bpfkit's one log route (libbpf_log.c), unless FUZZ_VERBOSE
 * is set to see them.
 */
void fuzz_quiet_libbpf(void);

#endif
