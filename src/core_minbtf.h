/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef BPFKIT_CORE_MINBTF_H
#define BPFKIT_CORE_MINBTF_H

/*
 * gen min_core_btf INPUT OUTPUT OBJECT...: the smallest BTF that resolves
 * every CO-RE relocation of the objects as INPUT does. The "gen" table
 * calls it with the words after "min_core_btf".
 */
int do_gen_min_core_btf(int argc, char **argv);

#endif
