// SPDX-License-Identifier: GPL-2.0-only
/* What main.c would define for the units the harnesses link. */
#include <stdlib.h>

#include "harness_common.h"
#include "libbpf_log.h"
#include "main.h"

struct options opts;
struct jsonw *json_wtr;
const char *bin_name = "fuzz";

void fuzz_quiet_libbpf(void)
{
	if (!getenv("FUZZ_VERBOSE"))
		libbpf_log_hold();
}
