/* SPDX-License-Identifier: GPL-2.0-only */
/* BPF helper function ids (enum bpf_func_id) to "bpf_<name>". */
#ifndef BPFKIT_HELPER_NAMES_H
#define BPFKIT_HELPER_NAMES_H

/* One past the largest id we know (the kernel's __BPF_FUNC_MAX_ID). */
unsigned int helper_max_id(void);
/* "bpf_map_lookup_elem" for 1; NULL when id is unknown. */
const char *helper_name(int id);

#endif
