/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Growing arrays. Every table bpfkit builds (ids, pins, holders, rows,
 * symbols) grows the same way: double the capacity, starting from a size
 * that suits the table, with the multiplication checked for overflow.
 */
#ifndef BPFKIT_ARRAY_H
#define BPFKIT_ARRAY_H

#include <stddef.h>

/*
 * Room for at least need elements of elem bytes in v (capacity *cap).
 * Returns v, or a reallocated array with *cap updated, or NULL (v and *cap
 * untouched) when out of memory.
 */
void *array_reserve(void *v, size_t *cap, size_t need, size_t elem,
		    size_t first);

/*
 * ARRAY_RESERVE(arr, cap, need, first): 0 once arr holds at least need
 * elements, -1 (arr unchanged) when out of memory. cap may be any unsigned
 * integer lvalue.
 */
#define ARRAY_RESERVE(arr, cap, need, first) ({				\
	size_t __cap = (cap);						\
	void *__v = array_reserve((arr), &__cap, (need), sizeof(*(arr)),\
				  (first));				\
	if (__v) {							\
		(arr) = __v;						\
		(cap) = __cap;						\
	}								\
	__v ? 0 : -1;							\
})

#endif
