// SPDX-License-Identifier: GPL-2.0-only
/* link object: placeholder table until its commands land. */
#include <stdio.h>
#include "main.h"

static int do_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (json_wtr) {
		jsonw_null(json_wtr);
		return 0;
	}
	fprintf(stderr, "Usage: %s link { show | help }\n", bin_name);
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
	{ "pin",	do_todo },
	{ "detach",	do_todo },
	{ 0 }
};

int do_link(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
