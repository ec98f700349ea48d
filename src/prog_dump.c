// SPDX-License-Identifier: GPL-2.0-only
/* Placeholder until the commands land. */
#include "main.h"
#include "prog.h"

int do_prog_dump(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return p_err("this command is not implemented yet");
}
