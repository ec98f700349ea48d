// SPDX-License-Identifier: GPL-2.0-only
/* gen object + skeleton: one half of two different "struct pair" types. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct pair { int a; };
struct pair gd1_p;
struct pair gd1_arr[2];
__attribute__((noinline)) int gd1_f(void) { return gd1_p.a + gd1_arr[1].a; }
