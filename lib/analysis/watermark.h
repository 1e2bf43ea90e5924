/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Each zone's verdict on the failing allocation, emulated on the model the
 * way the page allocator's slowpath judged it before it invoked the OOM
 * killer: gfp_zone(), gfp_migratetype() and gfp_to_alloc_flags() of the
 * gfp_mask, __gfp_pfmemalloc_flags(), the zonelist walk of
 * get_page_from_freelist() (zone index, nodemask, cpuset) and, in each
 * zone it reaches, zone_watermark_fast() / __zone_watermark_ok() at
 * min_wmark_pages().  Pure: it reads the model, never the target.
 *
 * The rules are the kernel's of the dump, told apart by its own gfp flag
 * names (enum oms_gfp_generation, model.h), never by its version; the flag
 * bits come from that table too, looked up by name.
 *
 * Inputs: m->allocation (gfp_mask, order, its gfp flag names, the zonelist
 * and nodemask when found on the stack), m->zones, m->meminfo (the zones'
 * NR_FREE_CMA_PAGES, the nodes' kswapd_failures), the current process
 * (oms_current_process()).  Output: m->watermarks, one oms_wmark_check a
 * zone of m->zones.v; the sentences are the report's (wmark_reason.h).
 */
#ifndef OMS_WATERMARK_H
#define OMS_WATERMARK_H

#include <stddef.h>
#include <stdint.h>

#include "../model/model.h"

struct oms_error;

/*
 * The kernel's alloc_flags (mm/internal.h), by the values of 6.1.116+ and
 * v6.3+ (the same in Debian's 6.1.192 and 6.12.117).  v6.1's ALLOC_HARDER
 * and ALLOC_HIGH had the bits that ALLOC_NON_BLOCK and ALLOC_MIN_RESERVE
 * took over (524c48072e56, 1ebbb21811b7); v6.1 had no ALLOC_HIGHATOMIC
 * (eb2e2b425c69).
 */
#define OMS_ALLOC_WMARK_MIN	0x00
#define OMS_ALLOC_WMARK_LOW	0x01
#define OMS_ALLOC_WMARK_HIGH	0x02
#define OMS_ALLOC_NO_WATERMARKS	0x04	/* don't check watermarks at all */
#define OMS_ALLOC_WMARK_MASK	(OMS_ALLOC_NO_WATERMARKS - 1)
#define OMS_ALLOC_OOM		0x08	/* CONFIG_MMU */
#define OMS_ALLOC_NON_BLOCK	0x10	/* caller cannot block */
#define OMS_ALLOC_HARDER	0x10	/* v6.1: try to alloc harder */
#define OMS_ALLOC_MIN_RESERVE	0x20	/* __GFP_HIGH: 50% of the min reserve */
#define OMS_ALLOC_HIGH		0x20	/* v6.1: __GFP_HIGH set */
#define OMS_ALLOC_CPUSET	0x40	/* check for correct cpuset */
#define OMS_ALLOC_CMA		0x80	/* allow allocations from CMA areas */
#define OMS_ALLOC_NOFRAGMENT	0x100	/* avoid mixing pageblock types */
#define OMS_ALLOC_HIGHATOMIC	0x200	/* access to MIGRATE_HIGHATOMIC */
#define OMS_ALLOC_KSWAPD	0x800	/* __GFP_KSWAPD_RECLAIM set */
/* the flags that allow allocations below the min watermark */
#define OMS_ALLOC_RESERVES	(OMS_ALLOC_NON_BLOCK | OMS_ALLOC_MIN_RESERVE | \
				 OMS_ALLOC_HIGHATOMIC | OMS_ALLOC_OOM)

/* MAX_RECLAIM_RETRIES (mm/internal.h, 6.1 and 6.12): kswapd_failures at
 * which a node is "all_unreclaimable" */
#define OMS_MAX_RECLAIM_RETRIES 16

/*
 * NULL, or out of memory.  m->watermarks is rebuilt: computed when
 * m->allocation holds an allocation (source != OMS_ALLOC_UNKNOWN, order
 * >= 0) and the kernel's gfp flag names give every flag the rules read;
 * else why_not says why not.
 */
struct oms_error *oms_watermarks_compute(struct oms_model *m);

/* the kernel's names of alloc_flags, "ALLOC_WMARK_MIN|ALLOC_CPUSET|...";
 * harder: by v6.1's names (ALLOC_HARDER, ALLOC_HIGH).  Returns buf */
char *oms_alloc_flags_str(uint32_t flags, bool harder, char *buf, size_t len);

/* "v6.3+", "6.1.y or v6.2", "unknown": the rules a generation names */
const char *oms_gfp_generation_name(enum oms_gfp_generation g);

#endif
