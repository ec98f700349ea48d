/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef BPFKIT_CORE_CHECK_H
#define BPFKIT_CORE_CHECK_H

/* core check OBJ [btf FILE|DIR]...: exit 0 ok, 1 fails, 2 unknown only */
int do_core_check(int argc, char **argv);

#endif
