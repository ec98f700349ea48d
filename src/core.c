// SPDX-License-Identifier: GPL-2.0-only
/*
 * core: CO-RE portability of BPF objects across kernels, from their BTF.
 * The command table and help; "check" lives in core_check.c.
 */
#include <stdio.h>

#include "core_check.h"
#include "main.h"

static int do_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return print_help(
		"Usage: %1$s core check OBJ [btf FILE|DIR]...\n"
		"       %1$s core help\n"
		"\n"
		"       FILE := { raw BTF | ELF with .BTF | btfhub .btf.tar.xz }\n"
		"       " HELP_SPEC_OPTIONS " }\n"
		"",
		bin_name);
}

static const struct cmd cmds[] = {
	{ "check",	do_core_check },
	{ "help",	do_help },
	{ 0 }
};

int do_core(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
