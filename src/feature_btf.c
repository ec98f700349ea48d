// SPDX-License-Identifier: GPL-2.0-only
/* `feature probe btf SRC`: what a kernel offers, read from its BTF alone. */
#include <stddef.h>

#include "args.h"
#include "feature.h"
#include "main.h"

int feature_probe_btf(struct argcur *a)
{
	(void)a;
	return p_err("feature probe btf: not available yet");
}
