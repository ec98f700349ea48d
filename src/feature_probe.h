/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Live kernel probes for `feature probe`: can a program or map of a type be
 * created, which helpers may a program type call, which instruction-set
 * features does the verifier take. Library code: nothing here prints.
 */
#ifndef BPFKIT_FEATURE_PROBE_H
#define BPFKIT_FEATURE_PROBE_H

#include <stdbool.h>
#include <linux/types.h>

/* Upper bounds of the tables below; names.c stays under. */
#define FEAT_MAX_PROG_TYPES	64
#define FEAT_MAX_HELPERS	512

struct feat_probe;

/* ifindex 0 probes the kernel, else offload to that device. */
struct feat_probe *feat_probe_new(__u32 ifindex);
void feat_probe_free(struct feat_probe *p);

bool feat_bpf_syscall(void);
bool feat_prog_type(struct feat_probe *p, __u32 type);
bool feat_map_type(struct feat_probe *p, __u32 type);
enum feat_misc {
	FEAT_LARGE_INSN_LIMIT,
	FEAT_BOUNDED_LOOPS,
	FEAT_V2_ISA,
	FEAT_V3_ISA,
	FEAT_MISC_CNT,
};
/* Does a socket filter using the feature pass the verifier? */
bool feat_misc(struct feat_probe *p, enum feat_misc which);

/*
 * Whether the program types can call helpers at all from a minimal program
 * (types that need a BTF attach target cannot be probed that way).
 */
bool feat_helpers_probeable(__u32 prog_type);

/*
 * The helper matrix: for each i, avail[i * FEAT_MAX_HELPERS + id] is set
 * when a program of types[i] may call helper id, for 1 <= id < max_id and
 * skip(id) false. Probes run on up to nthreads threads.
 */
int feat_helpers(struct feat_probe *p, const __u32 *types, int ntypes,
		 unsigned int max_id, bool (*skip)(unsigned int id),
		 bool *avail, int nthreads);

/*
 * The verdict on one helper probe from what the kernel answered: the load
 * result (0, or -errno) and the verifier log.
 */
enum {
	FEAT_HELPER_NO,
	FEAT_HELPER_YES,
	FEAT_HELPER_SLEEPABLE,	/* only from a sleepable program */
};
int feat_helper_verdict(int load_ret, const char *log);

#endif
