/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slab caches (SLUB): the slab_caches list of struct kmem_cache, and
 * for each the counts get_slabinfo() (mm/slub.c) adds up over the nodes'
 * kmem_cache_node, the free objects of the partial lists too when asked.
 */
#ifndef OMS_SLAB_COLLECT_H
#define OMS_SLAB_COLLECT_H

#include <stdbool.h>

#include "../model/model.h"
#include "../target.h"

/* walk at most this many caches, and this many slabs more than a node's
 * nr_partial says */
#define OMS_SLAB_MAX_CACHES 16384
#define OMS_SLAB_PARTIAL_SLACK 64

/* fill s, the caches in slab_caches order; the nodes are mi's (Mem-Info
 * first).  walk_partial: count the partial slabs' free objects
 * (count_partial()), else active_objs is num_objs.  What cannot be read
 * costs the cache it is of (partial, a warning in w naming it); a list
 * that cannot be walked to its end leaves s->valid false. */
struct oms_error *oms_slab_collect(const struct oms_target *t,
				   const struct oms_meminfo *mi,
				   struct oms_slab *s, struct oms_warnings *w,
				   bool walk_partial);

#endif
