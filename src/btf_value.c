// SPDX-License-Identifier: GPL-2.0-only
/* Placeholder until the BTF value printer lands. */
#include <errno.h>

#include "btf_value.h"

int btf_value_dump(struct jsonw *jw, const struct btf *btf, __u32 type_id,
		   const void *data, bool plain_text)
{
	(void)jw;
	(void)btf;
	(void)type_id;
	(void)data;
	(void)plain_text;
	return -EOPNOTSUPP;
}
