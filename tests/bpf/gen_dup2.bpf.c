// SPDX-License-Identifier: GPL-2.0-only
/* gen object + skeleton: the other "struct pair"; the skeleton names it pair___2. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct pair { long b; long c; };
struct pair gd2_p;
extern int gd1_f(void);
SEC("socket") int gd2_prog(void *ctx) { return gd2_p.b + gd1_f(); }
char LICENSE[] SEC("license") = "GPL";
