/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sorted tables. The tables bpfkit builds once and then asks many times
 * (pins, holders, kernel symbols, BTF references) are sorted by a numeric
 * key and searched by bisection; a macro, so the key is compared inline,
 * without a callback per step.
 */
#ifndef BPFKIT_SORTED_H
#define BPFKIT_SORTED_H

#include <stddef.h>

/*
 * LOWER_BOUND(v, n, field, key): the index of the first of the n elements
 * of v (sorted by field) whose field is not below key; n when none is.
 */
#define LOWER_BOUND(v, n, field, key) ({				\
	size_t __lo = 0, __hi = (n), __mid;				\
									\
	while (__lo < __hi) {						\
		__mid = __lo + (__hi - __lo) / 2;			\
		if ((v)[__mid].field < (key))				\
			__lo = __mid + 1;				\
		else							\
			__hi = __mid;					\
	}								\
	__lo;								\
})

#endif
