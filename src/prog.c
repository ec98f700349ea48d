// SPDX-License-Identifier: GPL-2.0-only
/* prog object: placeholder table until its commands land. */
#include <stdio.h>
#include "main.h"
#include "prog.h"

static int do_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (json_wtr) {
		jsonw_null(json_wtr);
		return 0;
	}
	fprintf(stderr, "Usage: %s prog { show | help }\n", bin_name);
	return 0;
}

static int do_todo(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return p_err("this command is not implemented yet");
}

static const struct cmd cmds[] = {
	{ "show",	do_todo },
	{ "list",	do_todo },
	{ "help",	do_help },
	{ "dump",	do_prog_dump },
	{ "pin",	do_prog_pin },
	{ "load",	do_prog_load },
	{ "loadall",	do_prog_loadall },
	{ "attach",	do_prog_attach },
	{ "detach",	do_prog_detach },
	{ "tracelog",	do_prog_tracelog },
	{ "run",	do_prog_run },
	{ "profile",	do_prog_profile },
	{ 0 }
};

int do_prog(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
