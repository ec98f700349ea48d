/* SPDX-License-Identifier: GPL-2.0-only */
/* prog dump xlated ... visual: the control-flow graph in Graphviz DOT. */
#ifndef BPFKIT_CFG_H
#define BPFKIT_CFG_H

struct xlated;

/* Print the DOT graph on stdout; -1 after reporting (out of memory). */
int cfg_print_dot(const struct xlated *x);

#endif
