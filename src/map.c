// SPDX-License-Identifier: GPL-2.0-only
/* map object: placeholder table until its commands land. */
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
	fprintf(stderr, "Usage: %s map { show | help }\n", bin_name);
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
	{ "dump",	do_todo },
	{ "update",	do_todo },
	{ "lookup",	do_todo },
	{ "getnext",	do_todo },
	{ "delete",	do_todo },
	{ "pin",	do_todo },
	{ "event_pipe",	do_todo },
	{ "create",	do_todo },
	{ "peek",	do_todo },
	{ "push",	do_todo },
	{ "enqueue",	do_todo },
	{ "pop",	do_todo },
	{ "dequeue",	do_todo },
	{ "freeze",	do_todo },
	{ 0 }
};

int do_map(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
