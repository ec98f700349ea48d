// SPDX-License-Identifier: GPL-2.0-only
#include <stdint.h>
#include <stdlib.h>

#include "array.h"

void *array_reserve(void *v, size_t *cap, size_t need, size_t elem,
		    size_t first)
{
	size_t n = *cap ? *cap : (first ? first : 1);

	if (v && need <= *cap)
		return v;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return NULL;
		n *= 2;
	}
	if (n > SIZE_MAX / elem)
		return NULL;
	v = realloc(v, n * elem);
	if (!v)
		return NULL;
	*cap = n;
	return v;
}
