// SPDX-License-Identifier: GPL-2.0-only
/*
 * core: CO-RE portability of BPF objects across kernels, from their BTF.
 * The command table and help; "check" lives in core_check.c.
 */
#include <stdio.h>

#include "core_check.h"
#include "main.h"

static const char help_text[] =
	"Usage: %1$s core check OBJ [btf FILE|DIR]...\n"
	"       %1$s core help\n"
	"\n"
	"       FILE := { raw BTF | ELF with .BTF | btfhub .btf.tar.xz }\n"
	"       " HELP_SPEC_OPTIONS " }\n";

CMD_OBJECT(core, help_text,
	{ "check",	do_core_check },
	CMD_HELP)
