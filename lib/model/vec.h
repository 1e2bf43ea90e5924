/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one growable array: a pointer, a count and a capacity, grown by
 * doubling.  The caller keeps the count; oms_grow() makes the room:
 *
 *	v = oms_grow(tasks->v, &tasks->cap, tasks->n + 1, sizeof(*v));
 *	if (!v)
 *		return NULL;	// tasks->v is whole, still the caller's
 *	tasks->v = v;
 *	v = &tasks->v[tasks->n++];
 *
 * Header-only, so that every room of lib/ (and the backends) may use it.
 */
#ifndef OMS_VEC_H
#define OMS_VEC_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define OMS_GROW_MIN 16		/* elements of a first allocation */

/*
 * Room for n (>= 1) elements of size bytes in v, an array of *cap: v
 * itself when it has the room, else v reallocated to double its capacity
 * (OMS_GROW_MIN at first) until n fit, and *cap the new capacity.  NULL
 * when the bytes would overflow a size_t or memory is out: then v and *cap
 * are untouched and v is still the caller's to free.
 */
static inline void *oms_grow(void *v, size_t *cap, size_t n, size_t size)
{
	size_t c = *cap ? *cap : OMS_GROW_MIN;
	void *nv;

	if (n <= *cap)
		return v;
	while (c < n) {
		if (c > SIZE_MAX / 2)
			return NULL;
		c *= 2;
	}
	if (size && c > SIZE_MAX / size)
		return NULL;
	nv = realloc(v, c * size);
	if (!nv)
		return NULL;
	*cap = c;
	return nv;
}

#endif
