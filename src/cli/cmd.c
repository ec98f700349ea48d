// SPDX-License-Identifier: GPL-2.0-only
/*
 * Dispatch: the only code that knows bpftool's prefix rules. A word selects
 * the first row it is a prefix of, so table order is part of the interface
 * (an empty word matches the first row; no word runs the first row).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "main.h"

/*
 * The help of the level being dispatched, for usage(). It belongs to the
 * output context: one command runs at a time, batch lines included.
 */
static int (*cur_help)(int argc, char **argv);

bool is_prefix(const char *pfx, const char *str)
{
	if (!pfx)
		return false;
	return strncmp(pfx, str, strlen(pfx)) == 0;
}

int usage(void)
{
	if (cur_help)
		cur_help(0, NULL);
	return -1;
}

int print_help(const char *fmt, ...)
{
	va_list ap;

	if (json_wtr) {
		jsonw_null(json_wtr);
		return 0;
	}
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	return 0;
}

int cmd_select(const struct cmd *cmds, int argc, char **argv,
	       int (*help)(int argc, char **argv))
{
	unsigned int i;

	cur_help = help;
	if (argc < 1)
		return cmds[0].func(argc, argv);
	for (i = 0; cmds[i].name; i++) {
		if (is_prefix(argv[0], cmds[i].name))
			return cmds[i].func(argc - 1, argv + 1);
	}
	help(argc - 1, argv + 1);
	return -1;
}
