// SPDX-License-Identifier: GPL-2.0-only
/*
 * Dispatch: the only code that knows bpftool's prefix rules. A word selects
 * the first row it is a prefix of, so table order is part of the interface
 * (an empty word matches the first row; no word runs the first row).
 */
#include <stdio.h>
#include <string.h>

#include "main.h"

/*
 * The help text of the level being dispatched, for usage(). It belongs to
 * the output context: one command runs at a time, batch lines included.
 */
static const char *cur_help;

bool is_prefix(const char *pfx, const char *str)
{
	if (!pfx)
		return false;
	return strncmp(pfx, str, strlen(pfx)) == 0;
}

int print_help(const char *help)
{
	if (json_wtr) {
		jsonw_null(json_wtr);
		return 0;
	}
	/* the texts are ours: %1$s (bin_name) is their only conversion */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	fprintf(stderr, help, bin_name);
#pragma GCC diagnostic pop
	return 0;
}

int usage(void)
{
	if (cur_help)
		print_help(cur_help);
	return -1;
}

int cmd_done(int err)
{
	if (!err && json_wtr)
		jsonw_null(json_wtr);
	return err;
}

int cmd_run(const struct cmd *cmds, const char *help, int argc, char **argv)
{
	const struct cmd *c = cmds;

	cur_help = help;
	if (argc >= 1) {
		while (c->name && !is_prefix(argv[0], c->name))
			c++;
		argc--;
		argv++;
	}
	if (!c->name) {
		print_help(help);
		return -1;
	}
	return c->func ? c->func(argc, argv) : print_help(help);
}
