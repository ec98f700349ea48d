/* SPDX-License-Identifier: GPL-2.0-only */
/* Loader programs (libbpf's gen_loader), shared by gen skeleton -L and prog load -L. */
#ifndef BPFKIT_GEN_H
#define BPFKIT_GEN_H

struct bpf_object;
struct gen_loader_opts;

/*
 * Record the load of an opened, not yet loaded obj as a loader program in
 * lo (libbpf probes the kernel but creates nothing). 0, or -1 after
 * reporting. obj can only be closed afterwards.
 */
int gen_loader_record(struct bpf_object *obj, struct gen_loader_opts *lo);

#endif
