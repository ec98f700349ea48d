// SPDX-License-Identifier: GPL-2.0-only
/* map event_pipe: placeholder until the perf ring reader lands. */
#include "main.h"
#include "map.h"

int do_map_event_pipe(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return p_err("event_pipe is not implemented yet");
}
