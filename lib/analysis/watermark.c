// SPDX-License-Identifier: GPL-2.0
/*
 * Each zone's verdict on the failing allocation: see watermark.h.  Hold it
 * next to mm/page_alloc.c, include/linux/gfp.h and mm/internal.h of 6.1
 * (Debian's 6.1.192) and 6.12 (6.12.117): each function below names the
 * kernel function it follows and says which of its branches it leaves out
 * and why; oms_watermarks_compute() is __alloc_pages_slowpath() up to the
 * get_page_from_freelist() that failed before the OOM killer.  Three sets
 * of rules (enum oms_gfp_generation):
 *
 *   v6.3+ (no __GFP_ATOMIC in the table): ALLOC_MIN_RESERVE for __GFP_HIGH,
 *     ALLOC_NON_BLOCK without __GFP_DIRECT_RECLAIM, ALLOC_HIGHATOMIC for a
 *     non-blocking __GFP_HIGH order > 0; ALLOC_RESERVES keep the
 *     highatomic reserve usable; zone_watermark_fast() leaves the boost
 *     out for ALLOC_MIN_RESERVE.  6.12 counts nr_free_highatomic
 *     (c928807f6f6b), not nr_reserved_highatomic, as unusable.
 *   6.1.116+ (__GFP_ATOMIC in the table): the same rules, taken back into
 *     6.1.y without 2973d8229b78, so zone_watermark_fast() still asks
 *     __GFP_ATOMIC.  This is Debian's 6.1.192, and the verdict.
 *   v6.1 to 6.1.115, and v6.2 (__GFP_ATOMIC in the table too): ALLOC_HIGH
 *     for __GFP_HIGH, ALLOC_HARDER for __GFP_ATOMIC (not __GFP_NOMEMALLOC)
 *     or a realtime task, ALLOC_CPUSET dropped for __GFP_ATOMIC.  The table
 *     cannot tell it from 6.1.116+: its verdict is kept as result_harder,
 *     and OMS_WMARK_HARDER_DIFFERS says when it differs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../error.h"
#include "../model/lookup.h"
#include "watermark.h"

/* PF_MEMALLOC (include/linux/sched.h, 6.1 and 6.12) */
#define PF_MEMALLOC 0x00000800

const char *oms_gfp_generation_name(enum oms_gfp_generation g)
{
	switch (g) {
	case OMS_GFP_GEN_UNKNOWN: return "unknown";
	case OMS_GFP_GEN_ATOMIC: return "6.1.y or v6.2";
	case OMS_GFP_GEN_NO_ATOMIC: return "v6.3+";
	}
	return "?";
}

char *oms_alloc_flags_str(uint32_t flags, bool harder, char *buf, size_t len)
{
	static const struct {
		uint32_t flag;
		const char *name, *name_harder;
	} names[] = {
		{ OMS_ALLOC_NO_WATERMARKS, "ALLOC_NO_WATERMARKS", NULL },
		{ OMS_ALLOC_OOM, "ALLOC_OOM", NULL },
		{ OMS_ALLOC_NON_BLOCK, "ALLOC_NON_BLOCK", "ALLOC_HARDER" },
		{ OMS_ALLOC_MIN_RESERVE, "ALLOC_MIN_RESERVE", "ALLOC_HIGH" },
		{ OMS_ALLOC_CPUSET, "ALLOC_CPUSET", NULL },
		{ OMS_ALLOC_CMA, "ALLOC_CMA", NULL },
		{ OMS_ALLOC_NOFRAGMENT, "ALLOC_NOFRAGMENT", NULL },
		{ OMS_ALLOC_HIGHATOMIC, "ALLOC_HIGHATOMIC", NULL },
		{ OMS_ALLOC_KSWAPD, "ALLOC_KSWAPD", NULL },
	};
	static const char *const wmark[] = {
		"ALLOC_WMARK_MIN", "ALLOC_WMARK_LOW", "ALLOC_WMARK_HIGH", "ALLOC_WMARK_3",
	};
	size_t i, used;

	if (!len)
		return buf;
	snprintf(buf, len, "%s", wmark[flags & OMS_ALLOC_WMARK_MASK]);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(flags & names[i].flag))
			continue;
		used = strlen(buf);
		snprintf(buf + used, len - used, "|%s",
			 harder && names[i].name_harder ? names[i].name_harder :
							  names[i].name);
	}
	return buf;
}

/* --- the gfp flags, by the kernel's own names ---------------------------- */

/* the bits of the gfp flags the rules read, from gfpflag_names[] */
struct gfp_bits {
	uint32_t dma, highmem, dma32, movable, reclaimable, high, atomic,
		 direct_reclaim, kswapd_reclaim, nomemalloc, memalloc,
		 hardwall, thisnode;
};

/* the mask of NAME in the kernel's table, 0 if the table has none (or a
 * mask of more than one bit under that name) */
static uint32_t gfp_flag(const struct oms_gfp_names *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n && i < OMS_MAX_GFP_NAMES; i++) {
		uint64_t mask = t->v[i].mask;

		if (strcmp(t->v[i].name, name))
			continue;
		if (!mask || mask > UINT32_MAX || (mask & (mask - 1)))
			return 0;
		return (uint32_t)mask;
	}
	return 0;
}

/*
 * Every flag the rules read, or false and the names the table lacks in
 * missing.  The table (include/trace/events/mmflags.h) names __GFP_DMA and
 * __GFP_DMA32 by the aliases GFP_DMA and GFP_DMA32 (gfp_types.h: #define
 * GFP_DMA __GFP_DMA, #define GFP_DMA32 __GFP_DMA32); __GFP_ATOMIC only up
 * to v6.2 (2973d8229b78), 0 after.
 */
static bool gfp_bits_resolve(const struct oms_gfp_names *t, struct gfp_bits *g,
			     bool need_thisnode, char *missing, size_t len)
{
	const struct {
		uint32_t *bit;
		const char *name;
		bool needed;
	} want[] = {
		{ &g->dma, "GFP_DMA", true },
		{ &g->highmem, "__GFP_HIGHMEM", true },
		{ &g->dma32, "GFP_DMA32", true },
		{ &g->movable, "__GFP_MOVABLE", true },
		{ &g->reclaimable, "__GFP_RECLAIMABLE", true },
		{ &g->high, "__GFP_HIGH", true },
		{ &g->atomic, "__GFP_ATOMIC", false },
		{ &g->direct_reclaim, "__GFP_DIRECT_RECLAIM", true },
		{ &g->kswapd_reclaim, "__GFP_KSWAPD_RECLAIM", true },
		{ &g->nomemalloc, "__GFP_NOMEMALLOC", true },
		{ &g->memalloc, "__GFP_MEMALLOC", true },
		{ &g->hardwall, "__GFP_HARDWALL", true },
		{ &g->thisnode, "__GFP_THISNODE", need_thisnode },
	};
	size_t i, used;
	bool ok = true;

	memset(g, 0, sizeof(*g));
	missing[0] = '\0';
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		*want[i].bit = gfp_flag(t, want[i].name);
		if (*want[i].bit || !want[i].needed)
			continue;
		/* GFP_DMA is __GFP_DMA: say the kernel's flag, not the alias */
		used = strlen(missing);
		snprintf(missing + used, len - used, "%s%s%s", ok ? "" : ", ",
			 want[i].name[0] == 'G' ? "__" : "", want[i].name);
		ok = false;
	}
	return ok;
}

/* --- the zones: enum zone_type, by the names of the model's zones -------- */

/* enum zone_type (include/linux/mmzone.h), each under CONFIG_ZONE_DMA,
 * CONFIG_ZONE_DMA32, -, CONFIG_HIGHMEM, -, CONFIG_ZONE_DEVICE; the names
 * are mm/page_alloc.c's zone_names[], what zone->name points to */
enum zone_rank { ZONE_DMA, ZONE_DMA32, ZONE_NORMAL, ZONE_HIGHMEM, ZONE_MOVABLE,
		 ZONE_DEVICE, NR_ZONE_RANKS };
static const char *const zone_names[NR_ZONE_RANKS] = {
	"DMA", "DMA32", "Normal", "HighMem", "Movable", "Device",
};
static const char *const zone_enumerators[NR_ZONE_RANKS] = {
	"ZONE_DMA", "ZONE_DMA32", "ZONE_NORMAL", "ZONE_HIGHMEM", "ZONE_MOVABLE",
	"ZONE_DEVICE",
};

static int zone_rank_of(const char *name)
{
	int r;

	for (r = 0; r < NR_ZONE_RANKS; r++)
		if (!strcmp(zone_names[r], name))
			return r;
	return -1;
}

static bool zone_rank_present(const struct oms_model *m, int rank)
{
	size_t i;

	for (i = 0; i < m->zones.n; i++)
		if (zone_rank_of(m->zones.v[i].name) == rank)
			return true;
	return false;
}

/*
 * The index of a zone type: a populated zone's (oms_zone.index), else,
 * the zone being empty, the lowest index above every populated zone of a
 * type before it in enum zone_type.  That is the index or an empty one
 * below it, and either selects the same lowmem_reserve[] entry and the
 * same zones: setup_per_zone_lowmem_reserve() sums the managed pages of
 * the zones up to the index, and the zones between are empty.
 */
static int zone_type_index(const struct oms_model *m, int rank, bool *derived)
{
	int idx = -1;
	size_t i;

	*derived = false;
	/* the kernel's enum zone_type, where the zones' collector read it */
	if (m->zones.types_known && rank < OMS_ZONE_TYPES &&
	    m->zones.type_index[rank] >= 0)
		return m->zones.type_index[rank];
	for (i = 0; i < m->zones.n; i++)
		if (zone_rank_of(m->zones.v[i].name) == rank)
			return m->zones.v[i].index;
	*derived = true;
	for (i = 0; i < m->zones.n; i++) {
		int r = zone_rank_of(m->zones.v[i].name);

		if (r >= 0 && r < rank && m->zones.v[i].index > idx)
			idx = m->zones.v[i].index;
	}
	return idx + 1;
}

/* the kernel's struct alloc_context, as the slowpath holds it, and what
 * the emulation needs of the model */
struct alloc_context {
	const struct oms_model *m;
	const struct gfp_bits *g;
	enum oms_gfp_generation generation;
	bool harder;			/* v6.1's ALLOC_HARDER rules */
	bool boost_by_atomic;		/* zone_watermark_fast(): __GFP_ATOMIC */
	uint32_t gfp_mask;
	int order;
	int highest_zoneidx;
	int migratetype;		/* index in m->zones.migratetypes, -1 unknown */
	bool has_nodemask;
	uint64_t nodemask;
	const struct oms_task *cur;	/* current's process, or NULL */
	bool cma;			/* CONFIG_CMA: MIGRATE_CMA exists */
	int mt_pcptypes, mt_highatomic, mt_cma;	/* -1: not in the model */
	/* the zonelist: indices in m->zones.v in its order, -1 for a zone
	 * the model has not */
	int zonelist[OMS_MAX_ZONEREFS];
	size_t n_zonelist;
};

/*
 * gfp_zone(): GFP_ZONE_TABLE by __GFP_DMA, __GFP_HIGHMEM, __GFP_DMA32 and
 * __GFP_MOVABLE (include/linux/gfp.h, the same in 6.1 and 6.12).  OPT_ZONE_*
 * is the zone if configured, else ZONE_NORMAL: x86-64 has no CONFIG_HIGHMEM,
 * so ZONE_HIGHMEM is ZONE_NORMAL unless the model has a HighMem zone; an
 * empty ZONE_DMA or ZONE_DMA32 is taken as configured (x86-64's are).
 * A combination GFP_ZONE_BAD forbids reads 0 from the table (VM_BUG_ON()
 * only with CONFIG_DEBUG_VM): zone index 0.
 */
static int gfp_zone(struct alloc_context *ac, uint32_t flags,
		    struct oms_watermarks *w)
{
	const struct gfp_bits *g = ac->g;
	int bit = (flags & g->dma ? 1 : 0) | (flags & g->highmem ? 2 : 0) |
		  (flags & g->dma32 ? 4 : 0) | (flags & g->movable ? 8 : 0);
	int opt_highmem = zone_rank_present(ac->m, ZONE_HIGHMEM) ? ZONE_HIGHMEM :
								   ZONE_NORMAL;
	/* by (___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_HIGHMEM | ___GFP_DMA) */
	const int table[16] = {
		[0] = ZONE_NORMAL,
		[1] = ZONE_DMA,
		[2] = opt_highmem,
		[4] = ZONE_DMA32,
		[8] = ZONE_NORMAL,
		[8 | 1] = ZONE_DMA,
		[8 | 2] = ZONE_MOVABLE,
		[8 | 4] = ZONE_DMA32,
	};
	const unsigned int bad = 1u << (1 | 2) | 1u << (1 | 4) | 1u << (4 | 2) |
				 1u << (1 | 4 | 2) | 1u << (8 | 2 | 1) |
				 1u << (8 | 4 | 1) | 1u << (8 | 4 | 2) |
				 1u << (8 | 4 | 1 | 2);
	bool derived;
	size_t i;
	int idx;

	if (bad & (1u << bit)) {
		w->notes |= OMS_WMARK_GFP_ZONE_BAD;
		snprintf(w->highest_zone, sizeof(w->highest_zone), "zone 0");
		for (i = 0; i < ac->m->zones.n; i++) {
			int r = zone_rank_of(ac->m->zones.v[i].name);

			if (ac->m->zones.v[i].index == 0 && r >= 0)
				snprintf(w->highest_zone, sizeof(w->highest_zone),
					 "%s", zone_enumerators[r]);
		}
		return 0;
	}
	idx = zone_type_index(ac->m, table[bit], &derived);
	if (derived)
		w->notes |= OMS_WMARK_ZONE_DERIVED;
	snprintf(w->highest_zone, sizeof(w->highest_zone), "%s",
		 zone_enumerators[table[bit]]);
	return idx;
}

/* the index in m->zones.migratetypes of the type with this letter, -1 */
static int migratetype_of(const struct oms_model *m, char letter)
{
	int i;

	for (i = 0; i < m->zones.migratetypes.nr && i < OMS_MAX_MIGRATETYPES; i++)
		if (m->zones.migratetypes.letter[i] == letter)
			return i;
	return -1;
}

/*
 * gfp_migratetype(): (gfp & (__GFP_RECLAIMABLE|__GFP_MOVABLE)) >>
 * GFP_MOVABLE_SHIFT, which the BUILD_BUG_ON()s make MIGRATE_UNMOVABLE,
 * MIGRATE_MOVABLE, MIGRATE_RECLAIMABLE or (both, VM_WARN_ON())
 * MIGRATE_HIGHATOMIC; found here by show_migration_types()'s letters.
 * Left out, page_group_by_mobility_disabled (MIGRATE_UNMOVABLE always):
 * set only when build_all_zonelists() finds fewer than pageblock_nr_pages
 * * MIGRATE_TYPES pages (12 MB with 4 kB pages and order-9 pageblocks).
 */
static int gfp_migratetype(const struct alloc_context *ac, uint32_t flags)
{
	bool movable = flags & ac->g->movable, reclaimable = flags & ac->g->reclaimable;

	if (movable && reclaimable)
		return migratetype_of(ac->m, 'H');
	if (movable)
		return migratetype_of(ac->m, 'M');
	if (reclaimable)
		return migratetype_of(ac->m, 'E');
	return migratetype_of(ac->m, 'U');
}

/* --- the alloc_flags ------------------------------------------------------ */

/* gfp_to_alloc_flags_cma(): CONFIG_CMA and a MIGRATE_MOVABLE allocation */
static uint32_t gfp_to_alloc_flags_cma(const struct alloc_context *ac,
				       uint32_t alloc_flags)
{
	if (ac->cma && ac->migratetype >= 0 &&
	    ac->migratetype == migratetype_of(ac->m, 'M'))
		alloc_flags |= OMS_ALLOC_CMA;
	return alloc_flags;
}

/*
 * gfp_to_alloc_flags() of 6.1.116+ and v6.3+ (the same code; 6.12 asks
 * rt_or_dl_task(), 6.1 rt_task()).  __GFP_HIGH is ALLOC_MIN_RESERVE and
 * __GFP_KSWAPD_RECLAIM is ALLOC_KSWAPD, the kernel's BUILD_BUG_ON()s say;
 * here each is mapped by its own bit, whatever the table's value.
 * rt_task(current) is not in the model: taken as false (*notes says so
 * where the branch is reached).  in_task(): the slowpath reaches the OOM
 * killer only from task context.
 */
static uint32_t gfp_to_alloc_flags(const struct alloc_context *ac,
				   uint32_t gfp_mask, int order, uint32_t *notes)
{
	const struct gfp_bits *g = ac->g;
	uint32_t alloc_flags = OMS_ALLOC_WMARK_MIN | OMS_ALLOC_CPUSET;

	if (gfp_mask & g->high)
		alloc_flags |= OMS_ALLOC_MIN_RESERVE;
	if (gfp_mask & g->kswapd_reclaim)
		alloc_flags |= OMS_ALLOC_KSWAPD;
	if (!(gfp_mask & g->direct_reclaim)) {
		/* not worth trying to allocate harder for __GFP_NOMEMALLOC
		 * even if it can't schedule */
		if (!(gfp_mask & g->nomemalloc)) {
			alloc_flags |= OMS_ALLOC_NON_BLOCK;
			/* only for __GFP_HIGH since "mm/page_alloc: only set
			 * ALLOC_HIGHATOMIC for __GPF_HIGH allocations"
			 * (2025, in 6.1.157 and 6.12.117); before it for
			 * every order > 0 here.  Left out: none of these
			 * reaches the OOM killer, which the slowpath calls
			 * only with __GFP_DIRECT_RECLAIM */
			if (order > 0 && (alloc_flags & OMS_ALLOC_MIN_RESERVE))
				alloc_flags |= OMS_ALLOC_HIGHATOMIC;
		}
		/* ignore cpuset mems for non-blocking __GFP_HIGH */
		if (alloc_flags & OMS_ALLOC_MIN_RESERVE)
			alloc_flags &= ~OMS_ALLOC_CPUSET;
	} else {
		/* unlikely(rt_task(current)) && in_task(): ALLOC_MIN_RESERVE */
		*notes |= OMS_WMARK_RT_UNKNOWN;
	}
	return gfp_to_alloc_flags_cma(ac, alloc_flags);
}

/*
 * gfp_to_alloc_flags() of v6.1 (to 6.1.115, and v6.2): ALLOC_HIGH for
 * __GFP_HIGH, ALLOC_HARDER for __GFP_ATOMIC unless __GFP_NOMEMALLOC (and
 * no ALLOC_CPUSET for __GFP_ATOMIC), else for rt_task(current) &&
 * in_task(), taken as false as above.
 */
static uint32_t gfp_to_alloc_flags_harder(const struct alloc_context *ac,
					  uint32_t gfp_mask)
{
	const struct gfp_bits *g = ac->g;
	uint32_t alloc_flags = OMS_ALLOC_WMARK_MIN | OMS_ALLOC_CPUSET;

	if (gfp_mask & g->high)
		alloc_flags |= OMS_ALLOC_HIGH;
	if (gfp_mask & g->kswapd_reclaim)
		alloc_flags |= OMS_ALLOC_KSWAPD;
	if (gfp_mask & g->atomic) {
		if (!(gfp_mask & g->nomemalloc))
			alloc_flags |= OMS_ALLOC_HARDER;
		alloc_flags &= ~OMS_ALLOC_CPUSET;
	}
	/* else if (unlikely(rt_task(current)) && in_task()): ALLOC_HARDER */
	return gfp_to_alloc_flags_cma(ac, alloc_flags);
}

/*
 * __gfp_pfmemalloc_flags() (the same in 6.1 and 6.12): 0,
 * ALLOC_NO_WATERMARKS or ALLOC_OOM.  in_serving_softirq(), in_interrupt():
 * the OOM killer is reached only from task context.  oom_reserves_allowed():
 * tsk_is_oom_victim(current), the process's signal->oom_mm (CONFIG_MMU: no
 * TIF_MEMDIE asked).
 */
static uint32_t gfp_pfmemalloc_flags(const struct alloc_context *ac,
				     const struct oms_model *m, uint32_t *notes)
{
	const struct oms_task *cur = ac->cur;

	if (ac->gfp_mask & ac->g->nomemalloc)
		return 0;
	if (ac->gfp_mask & ac->g->memalloc)
		return OMS_ALLOC_NO_WATERMARKS;
	if (!cur)
		return 0;
	/* current->flags & PF_MEMALLOC: the thread's flags; the model has
	 * the process leader's */
	if (!oms_task_known(cur, OMS_TASK_FLAGS) ||
	    m->kernel.current_pid != cur->pid)
		*notes |= OMS_WMARK_PF_MEMALLOC_UNKNOWN;
	else if (cur->flags & PF_MEMALLOC)
		return OMS_ALLOC_NO_WATERMARKS;
	if (oms_task_known(cur, OMS_TASK_VICTIM) && cur->oom_victim)
		return OMS_ALLOC_OOM;
	return 0;
}

/* --- the watermark check --------------------------------------------------- */

/* a free_area the collector could not read at all */
static bool free_area_unread(const struct oms_free_area *fa)
{
	return fa->corrupt && !fa->nr_free && !fa->nonempty;
}

/*
 * __zone_watermark_unusable_free(): (1 << order) - 1, the highatomic
 * reserve unless the caller may use reserves (v6.1: ALLOC_HARDER or
 * ALLOC_OOM; else ALLOC_RESERVES), and, CONFIG_CMA without ALLOC_CMA,
 * NR_FREE_CMA_PAGES.  The highatomic reserve is nr_free_highatomic where
 * the kernel has it (c928807f6f6b, v6.12), else nr_reserved_highatomic.
 */
/* the kernel's long arithmetic, which wraps (-fno-strict-overflow): on a
 * corrupt dump's counters too, without undefined behaviour here */
static int64_t wadd(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a + (uint64_t)b);
}

static int64_t wsub(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a - (uint64_t)b);
}

static int64_t zone_watermark_unusable_free(const struct alloc_context *ac,
					    const struct oms_zone *z, int order,
					    uint32_t alloc_flags,
					    struct oms_wmark_check *c)
{
	int64_t unusable = (order < 62 ? (INT64_C(1) << order) : INT64_MAX / 2) - 1;
	bool reserves = ac->harder ?
			alloc_flags & (OMS_ALLOC_HARDER | OMS_ALLOC_OOM) :
			alloc_flags & OMS_ALLOC_RESERVES;
	bool found;

	c->unusable_highatomic = 0;
	c->unusable_cma = 0;
	if (!reserves) {
		if (z->has_nr_free_highatomic) {
			c->unusable_highatomic = (int64_t)z->nr_free_highatomic;
		} else {
			c->unusable_highatomic = (int64_t)z->nr_reserved_highatomic;
			/* v6.3+: v6.12 has nr_free_highatomic, the
			 * model does not (at most nr_reserved) */
			if (ac->generation == OMS_GFP_GEN_NO_ATOMIC &&
			    z->nr_reserved_highatomic)
				c->notes |= OMS_WMARK_Z_HIGHATOMIC_RESERVED;
		}
	}
	if (ac->cma && !(alloc_flags & OMS_ALLOC_CMA)) {
		c->unusable_cma = oms_zone_stat(&ac->m->meminfo, z,
						"NR_FREE_CMA_PAGES", &found);
		if (!found)
			c->notes |= OMS_WMARK_Z_CMA_UNKNOWN;
	}
	return wadd(wadd(unusable, c->unusable_highatomic), c->unusable_cma);
}

/* z->lowmem_reserve[highest_zoneidx] */
static int64_t lowmem_reserve(const struct alloc_context *ac,
			      const struct oms_zone *z, struct oms_wmark_check *c)
{
	if (ac->highest_zoneidx < 0 || ac->highest_zoneidx >= z->nr_lowmem_reserve ||
	    ac->highest_zoneidx >= OMS_MAX_ZONES) {
		c->notes |= OMS_WMARK_Z_RESERVE_UNKNOWN;
		return 0;
	}
	return (int64_t)z->lowmem_reserve[ac->highest_zoneidx];
}

/*
 * __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
 * free_pages), with its numbers in c.  The free_area lists are the
 * collector's free_area_empty() answers (oms_free_area.nonempty).
 */
static enum oms_wmark_result zone_watermark_ok(const struct alloc_context *ac,
					       const struct oms_zone *z, int order,
					       int64_t mark, uint32_t alloc_flags,
					       int64_t free_pages,
					       struct oms_wmark_check *c)
{
	bool may_highatomic, unknown = false;
	int64_t min = mark;
	int o, mt;

	c->free = free_pages;
	c->min_wmark = mark;
	/* free_pages may go negative - that's OK */
	c->unusable = zone_watermark_unusable_free(ac, z, order, alloc_flags, c);
	free_pages = wsub(free_pages, c->unusable);

	if (ac->harder) {
		/* v6.1: __GFP_HIGH half the min reserve; ALLOC_HARDER a
		 * quarter of the rest, an OOM victim half of it */
		may_highatomic = alloc_flags & (OMS_ALLOC_HARDER | OMS_ALLOC_OOM);
		if (alloc_flags & OMS_ALLOC_HIGH)
			min -= min / 2;
		if (may_highatomic) {
			if (alloc_flags & OMS_ALLOC_OOM)
				min -= min / 2;
			else
				min -= min / 4;
		}
	} else {
		may_highatomic = alloc_flags & (OMS_ALLOC_HIGHATOMIC | OMS_ALLOC_OOM);
		if (alloc_flags & OMS_ALLOC_RESERVES) {
			/* __GFP_HIGH allows access to 50% of the min
			 * reserve, non-blocking ones more */
			if (alloc_flags & OMS_ALLOC_MIN_RESERVE) {
				min -= min / 2;
				if (alloc_flags & OMS_ALLOC_NON_BLOCK)
					min -= min / 4;
			}
			/* OOM victims can try even harder */
			if (alloc_flags & OMS_ALLOC_OOM)
				min -= min / 2;
		}
	}
	c->min = min;
	c->reserve = lowmem_reserve(ac, z, c);
	c->required = wadd(min, c->reserve);
	c->shortfall = 0;

	/* the order-0 watermark: unless it is met, no order goes ahead */
	if (free_pages <= c->required) {
		c->shortfall = wadd(wsub(c->required, free_pages), 1);
		return free_pages <= min ? OMS_WMARK_BELOW_MIN : OMS_WMARK_RESERVED;
	}
	if (!order)
		return OMS_WMARK_OK;

	/* for a high-order request, at least one suitable block free */
	if (!z->nr_orders || ac->mt_pcptypes < 0)
		unknown = true;
	for (o = order; o < z->nr_orders && o < OMS_MAX_ORDERS; o++) {
		const struct oms_free_area *fa = &z->free_area[o];

		if (free_area_unread(fa)) {
			unknown = true;
			continue;
		}
		if (!fa->nr_free)
			continue;
		for (mt = 0; mt < ac->mt_pcptypes; mt++)
			if (fa->nonempty & (1u << mt))
				return OMS_WMARK_OK;
		if (ac->cma && (alloc_flags & OMS_ALLOC_CMA) && ac->mt_cma >= 0 &&
		    (fa->nonempty & (1u << ac->mt_cma)))
			return OMS_WMARK_OK;
		if (may_highatomic && ac->mt_highatomic >= 0 &&
		    (fa->nonempty & (1u << ac->mt_highatomic)))
			return OMS_WMARK_OK;
	}
	if (unknown)
		c->notes |= OMS_WMARK_Z_BLOCK_UNKNOWN;
	return OMS_WMARK_NO_BLOCK;
}

/*
 * zone_watermark_fast() at min_wmark_pages(), which is _watermark[WMARK_MIN]
 * + watermark_boost in 6.1 (a macro of include/linux/mmzone.h) and in 6.12
 * (wmark_pages()) alike, as oms_zone.min holds it: __zone_watermark_ok()
 * (the order-0 shortcut before it, usable_free > mark + lowmem_reserve
 * with the mark uncut, passes only where __zone_watermark_ok() passes
 * too), then, failing, for order 0 with
 * __GFP_ATOMIC (6.1) or ALLOC_MIN_RESERVE (v6.3+) in a boosted zone at
 * WMARK_MIN, once more at _watermark[WMARK_MIN], the boost left out: the
 * verdict is that second check's.
 */
static void zone_watermark_fast(const struct alloc_context *ac,
				const struct oms_zone *z, uint32_t alloc_flags,
				struct oms_wmark_check *c)
{
	int64_t mark = (int64_t)z->min;	/* min_wmark_pages(): with the boost */
	bool boost_asked = ac->boost_by_atomic ? ac->gfp_mask & ac->g->atomic :
				alloc_flags & OMS_ALLOC_MIN_RESERVE;

	c->result = zone_watermark_ok(ac, z, ac->order, mark, alloc_flags,
				      (int64_t)z->free_pages, c);
	if (c->result == OMS_WMARK_OK)
		return;
	if (!ac->order && boost_asked && z->watermark_boost &&
	    (alloc_flags & OMS_ALLOC_WMARK_MASK) == OMS_ALLOC_WMARK_MIN &&
	    z->min >= z->watermark_boost) {
		c->result = zone_watermark_ok(ac, z, 0,
					      (int64_t)(z->min - z->watermark_boost),
					      alloc_flags, (int64_t)z->free_pages, c);
		c->notes |= OMS_WMARK_Z_BOOST_IGNORED;
	}
}

/*
 * __cpuset_zone_allowed() -> cpuset_node_allowed() (6.1:
 * __cpuset_node_allowed()), for the zone's node: in current's
 * mems_allowed, or current an OOM victim, or no __GFP_HARDWALL.  Without
 * __GFP_HARDWALL the kernel would look for the nearest hardwall cpuset,
 * but prepare_alloc_pages() adds __GFP_HARDWALL to the slowpath's gfp_mask
 * (oc->gfp_mask) whenever cpusets_enabled(), so without it cpusets are
 * not enabled and the kernel does not ask.  in_interrupt(): never here.
 */
static bool cpuset_zone_allowed(const struct alloc_context *ac,
				const struct oms_zone *z, struct oms_wmark_check *c)
{
	const struct oms_task *cur = ac->cur;

	if (!(ac->gfp_mask & ac->g->hardwall))
		return true;
	if (!cur || !oms_task_known(cur, OMS_TASK_MEMS) || z->node < 0 ||
	    z->node > 63) {
		c->notes |= OMS_WMARK_Z_CPUSET_UNKNOWN;
		return true;
	}
	if (cur->mems_allowed & (1ULL << z->node))
		return true;
	if (oms_task_known(cur, OMS_TASK_VICTIM) && cur->oom_victim)
		return true;
	return false;
}

/*
 * get_page_from_freelist(), the walk: for_next_zone_zonelist_nodemask()
 * visits the zonerefs with zone_idx <= highest_zoneidx in the nodemask;
 * with ALLOC_CPUSET a zone outside current's cpuset is passed over; each
 * other zone gets zone_watermark_fast() at wmark_pages(zone, alloc_flags &
 * ALLOC_WMARK_MASK), min_wmark_pages() for the slowpath's flags.
 * Left out, each for the verdict of the watermark:
 *  - ac->spread_dirty_pages: the slowpath's is false (__alloc_pages());
 *  - ALLOC_NOFRAGMENT's retry: never in the slowpath's alloc_flags;
 *  - 6.12's first try at high_wmark_pages() (ZONE_BELOW_HIGH): it passes
 *    only where the one at min passes too;
 *  - _deferred_grow_zone(): deferred struct pages are all initialised
 *    once page_alloc_init_late() ran, long before an OOM;
 *  - cond_accept_memory() (6.12): unaccepted memory of a confidential
 *    guest (TDX, SEV-SNP) is not in the model;
 *  - ALLOC_NO_WATERMARKS's try_this_zone and node_reclaim(): they come
 *    after the check failed (OMS_WMARK_NO_WATERMARKS says so);
 *    node_reclaim_mode is 0 by default.
 */
static void get_page_from_freelist(const struct alloc_context *ac,
				   uint32_t alloc_flags,
				   struct oms_wmark_check *v)
{
	const struct oms_model *m = ac->m;
	size_t i, p;

	for (i = 0; i < m->zones.n; i++) {
		memset(&v[i], 0, sizeof(v[i]));
		v[i].ineligible = OMS_WMARK_NOT_ON_ZONELIST;
		v[i].result = OMS_WMARK_NOT_ELIGIBLE;
		v[i].walk_pos = -1;
		v[i].free = (int64_t)m->zones.v[i].free_pages;
		v[i].kswapd_failures = -1;
	}
	for (p = 0; p < ac->n_zonelist; p++) {
		const struct oms_zone *z;
		struct oms_wmark_check *c;

		if (ac->zonelist[p] < 0)
			continue;
		z = &m->zones.v[ac->zonelist[p]];
		c = &v[ac->zonelist[p]];
		c->walk_pos = (int)p;
		if (z->index > ac->highest_zoneidx) {
			c->ineligible = OMS_WMARK_ZONE_TOO_HIGH;
			continue;
		}
		if (ac->has_nodemask &&
		    (z->node < 0 || z->node > 63 ||
		     !(ac->nodemask & (1ULL << z->node)))) {
			c->ineligible = OMS_WMARK_NOT_IN_NODEMASK;
			continue;
		}
		/* cpusets_enabled() && (alloc_flags & ALLOC_CPUSET) &&
		 * !__cpuset_zone_allowed(zone, gfp_mask) */
		if ((alloc_flags & OMS_ALLOC_CPUSET) &&
		    !cpuset_zone_allowed(ac, z, c)) {
			c->ineligible = OMS_WMARK_NOT_IN_CPUSET;
			continue;
		}
		c->ineligible = OMS_WMARK_ELIGIBLE;
		zone_watermark_fast(ac, z, alloc_flags, c);
	}
}

/* --- the zonelist ----------------------------------------------------------- */

static int zone_in_model(const struct oms_model *m, const struct oms_zoneref *zr)
{
	size_t i;

	for (i = 0; i < m->zones.n; i++)
		if (zr->zone && m->zones.v[i].addr == zr->zone)
			return (int)i;
	for (i = 0; i < m->zones.n; i++)
		if (m->zones.v[i].node == zr->node &&
		    m->zones.v[i].index == zr->zone_idx)
			return (int)i;
	return -1;
}

/* the zones of node nid, highest zone index first: build_zonerefs_node()
 * (populated_zone(), and the model holds the populated ones) */
static void add_node_zones(struct alloc_context *ac, int nid)
{
	const struct oms_model *m = ac->m;
	size_t i;
	int idx;

	for (idx = OMS_MAX_ZONES - 1; idx >= 0; idx--)
		for (i = 0; i < m->zones.n; i++)
			if (m->zones.v[i].node == nid &&
			    m->zones.v[i].index == idx &&
			    ac->n_zonelist < OMS_MAX_ZONEREFS)
				ac->zonelist[ac->n_zonelist++] = (int)i;
}

/*
 * The zonelist walked: the zonerefs of the stack's oc->zonelist, else the
 * one node_zonelist(nid, gfp_mask) would give, built as build_zonelists()
 * builds it: ZONELIST_NOFALLBACK (__GFP_THISNODE, CONFIG_NUMA) the node's
 * zones, ZONELIST_FALLBACK the node's, then the other nodes'.  The model
 * has no node distances (find_next_best_node()): the others by node id.
 */
static void build_zonelist(struct alloc_context *ac, struct oms_watermarks *w)
{
	const struct oms_model *m = ac->m;
	const struct oms_allocation *a = &m->allocation;
	int nid = a->zonelist_node, nodes[64], n_nodes = 0, k;
	size_t i;

	if (a->n_zonerefs) {
		for (i = 0; i < a->n_zonerefs && i < OMS_MAX_ZONEREFS; i++)
			ac->zonelist[ac->n_zonelist++] = zone_in_model(m, &a->zonerefs[i]);
		w->preferred_node = nid >= 0 ? nid : a->zonerefs[0].node;
		return;
	}
	w->notes |= OMS_WMARK_ZONELIST_INFERRED;
	for (i = 0; i < m->zones.n; i++) {
		int node = m->zones.v[i].node;

		for (k = 0; k < n_nodes && nodes[k] != node; k++)
			;
		if (k == n_nodes && n_nodes < 64)
			nodes[n_nodes++] = node;
	}
	if (nid < 0 && n_nodes) {
		nid = nodes[0];
		for (k = 1; k < n_nodes; k++)
			if (nodes[k] < nid)
				nid = nodes[k];
	}
	if (n_nodes > 1 && (a->zonelist_node < 0 || !w->thisnode))
		w->notes |= OMS_WMARK_NODE_ORDER_GUESSED;
	w->preferred_node = nid;
	add_node_zones(ac, nid);
	if (w->thisnode)
		return;
	/* the other nodes, by node id */
	for (;;) {
		int next = -1;

		for (k = 0; k < n_nodes; k++)
			if (nodes[k] != nid && nodes[k] > -1 &&
			    (next < 0 || nodes[k] < nodes[next]))
				next = k;
		if (next < 0)
			break;
		add_node_zones(ac, nodes[next]);
		nodes[next] = -1;
	}
}

/* --- kswapd's view ------------------------------------------------------------ */

/*
 * kswapd's view of each zone: __zone_watermark_ok() at low_wmark_pages()
 * and high_wmark_pages() with alloc_flags 0, as zone_watermark_ok_safe()
 * asks it for pgdat_balanced() (the wakeup at low, the balance at high);
 * its zone_page_state_snapshot() below percpu_drift_mark, the per-cpu
 * deltas folded in, is left out (the model holds the zone's counter).
 * And the node's kswapd_failures, all_unreclaimable at
 * MAX_RECLAIM_RETRIES as show_free_areas() prints it.
 */
static void kswapd_view(const struct alloc_context *ac, size_t i,
			struct oms_wmark_check *c)
{
	const struct oms_model *m = ac->m;
	const struct oms_zone *z = &m->zones.v[i];
	struct oms_wmark_check scratch = { 0 };
	size_t k;

	c->below_low = zone_watermark_ok(ac, z, ac->order, (int64_t)z->low, 0,
					 (int64_t)z->free_pages, &scratch) !=
		       OMS_WMARK_OK;
	c->below_high = zone_watermark_ok(ac, z, ac->order, (int64_t)z->high, 0,
					  (int64_t)z->free_pages, &scratch) !=
			OMS_WMARK_OK;
	c->kswapd_failures = -1;
	for (k = 0; k < m->meminfo.n_nodes; k++) {
		if (m->meminfo.nodes[k].id != z->node)
			continue;
		c->kswapd_failures = m->meminfo.nodes[k].kswapd_failures;
		c->all_unreclaimable = c->kswapd_failures >= OMS_MAX_RECLAIM_RETRIES;
	}
}

/* --- the slowpath ------------------------------------------------------------- */

static bool not_computed(struct oms_watermarks *w, const char *why)
{
	w->computed = false;
	snprintf(w->why_not, sizeof(w->why_not), "%s", why);
	return false;
}

/* what the allocation needs to be judged: false and w->why_not if not */
static bool allocation_usable(const struct oms_model *m, struct oms_watermarks *w)
{
	const struct oms_allocation *a = &m->allocation;

	if (a->source == OMS_ALLOC_UNKNOWN)
		return not_computed(w, "the failing allocation is not known");
	if (a->order == -1)
		return not_computed(w, "order -1: sysrq+f's OOM, no allocation failed");
	if (a->order < 0 || a->order >= OMS_MAX_ORDERS)
		return not_computed(w, "the allocation's order is not known");
	if (!m->zones.n)
		return not_computed(w, "no zone was read");
	return true;
}

/* the log's zone line for z ("Node 0 DMA32 free:1820kB ... min:2040kB") */
static void log_zone(const struct oms_model *m, const struct oms_zone *z,
		     struct oms_wmark_check *c)
{
	const struct oms_kernel_report *r = &m->report;
	char a[64], b[64];
	size_t i;

	c->log_free_kb = c->log_min_kb = -1;
	/* the scope as kreport.c names it: with "Node N " or, without
	 * CONFIG_NUMA, the zone alone */
	snprintf(a, sizeof(a), "Node %d %s", z->node, z->name);
	snprintf(b, sizeof(b), "%s", z->name);
	for (i = 0; r->found && i < r->n_meminfo; i++) {
		const struct oms_kv *kv = &r->meminfo[i];

		if (!kv->kb || (strcmp(kv->scope, a) && strcmp(kv->scope, b)))
			continue;
		if (!strcmp(kv->name, "free"))
			c->log_free_kb = kv->value;
		else if (!strcmp(kv->name, "min"))
			c->log_min_kb = kv->value;
	}
}

struct oms_error *oms_watermarks_compute(struct oms_model *m)
{
	struct oms_watermarks *w = &m->watermarks;
	const struct oms_allocation *a = &m->allocation;
	struct alloc_context ac;
	struct oms_wmark_check *harder = NULL;
	struct gfp_bits g;
	uint32_t reserve_flags, harder_flags = 0;
	char missing[96];
	size_t i;

	oms_watermarks_deinit(w);
	w->highest_zoneidx = -1;
	w->migratetype = -1;
	w->preferred_node = -1;
	w->preferred_zone = -1;
	if (!allocation_usable(m, w))
		return NULL;
	if (!a->gfp_names.n) {
		not_computed(w, "the kernel's gfp flag names (gfpflag_names[]) were not read");
		return NULL;
	}
	if (!gfp_bits_resolve(&a->gfp_names, &g, !a->n_zonerefs, missing,
			      sizeof(missing))) {
		snprintf(w->why_not, sizeof(w->why_not),
			 "the kernel's gfp flag names%s lack %s",
			 a->gfp_names.valid ? "" : " (not read to their end)",
			 missing);
		return NULL;
	}
	/* __GFP_ATOMIC until 2973d8229b78 (v6.3); a table cut short lacks
	 * it for nothing */
	if (g.atomic)
		w->generation = OMS_GFP_GEN_ATOMIC;
	else if (a->gfp_names.valid)
		w->generation = OMS_GFP_GEN_NO_ATOMIC;
	else {
		not_computed(w, "the kernel's gfp flag names were not read to their end: whether they name __GFP_ATOMIC is not known");
		return NULL;
	}

	w->v = calloc(m->zones.n, sizeof(*w->v));
	if (!w->v)
		return &oms_enomem;
	w->n = m->zones.n;

	memset(&ac, 0, sizeof(ac));
	ac.m = m;
	ac.g = &g;
	ac.generation = w->generation;
	ac.boost_by_atomic = w->generation == OMS_GFP_GEN_ATOMIC;
	ac.gfp_mask = a->gfp_mask;
	ac.order = a->order;
	ac.cur = oms_current_process(m);
	if (!ac.cur)
		w->notes |= OMS_WMARK_CURRENT_UNKNOWN;
	/* CONFIG_CMA: the kernel has MIGRATE_CMA (else the meminfo's word) */
	ac.mt_highatomic = migratetype_of(m, 'H');
	ac.mt_cma = migratetype_of(m, 'C');
	ac.mt_pcptypes = ac.mt_highatomic;	/* MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES */
	ac.cma = m->zones.migratetypes.nr ? ac.mt_cma >= 0 : m->meminfo.cma;
	/* mem_cgroup_out_of_memory()'s oom_control, or the log's memcg report */
	if (a->memcg || (a->source == OMS_ALLOC_LOG && m->report.found &&
			 m->report.memcg))
		w->notes |= OMS_WMARK_MEMCG;

	/* prepare_alloc_pages(): gfp_zone(), node_zonelist(), the nodemask,
	 * gfp_migratetype() */
	ac.highest_zoneidx = gfp_zone(&ac, a->gfp_mask, w);
	w->highest_zoneidx = ac.highest_zoneidx;
	ac.migratetype = gfp_migratetype(&ac, a->gfp_mask);
	w->migratetype = ac.migratetype;
	w->thisnode = a->gfp_mask & g.thisnode;
	build_zonelist(&ac, w);
	ac.has_nodemask = a->nodemask_addr != 0;
	ac.nodemask = a->nodemask;

	/* the slowpath: gfp_to_alloc_flags(), then at retry:
	 * __gfp_pfmemalloc_flags(), and without ALLOC_CPUSET or with
	 * reserve flags the nodemask dropped */
	w->alloc_flags = gfp_to_alloc_flags(&ac, a->gfp_mask, a->order, &w->notes);
	reserve_flags = gfp_pfmemalloc_flags(&ac, m, &w->notes);
	if (reserve_flags) {
		w->alloc_flags = gfp_to_alloc_flags_cma(&ac, reserve_flags) |
				 (w->alloc_flags & OMS_ALLOC_KSWAPD);
		w->notes |= OMS_WMARK_RESERVE_FLAGS;
	}
	if (w->alloc_flags & OMS_ALLOC_NO_WATERMARKS)
		w->notes |= OMS_WMARK_NO_WATERMARKS;
	if (w->generation == OMS_GFP_GEN_ATOMIC) {
		harder_flags = gfp_to_alloc_flags_harder(&ac, a->gfp_mask);
		if (reserve_flags)
			harder_flags = gfp_to_alloc_flags_cma(&ac, reserve_flags) |
				       (harder_flags & OMS_ALLOC_KSWAPD);
		w->alloc_flags_harder = harder_flags;
		harder = calloc(m->zones.n, sizeof(*harder));
		if (!harder) {
			oms_watermarks_deinit(w);
			return &oms_enomem;
		}
		ac.harder = true;
		if (!(harder_flags & OMS_ALLOC_CPUSET) || reserve_flags)
			ac.has_nodemask = false;
		get_page_from_freelist(&ac, harder_flags, harder);
		ac.harder = false;
		ac.has_nodemask = a->nodemask_addr != 0;
	}
	if (!(w->alloc_flags & OMS_ALLOC_CPUSET) || reserve_flags)
		ac.has_nodemask = false;
	get_page_from_freelist(&ac, w->alloc_flags, w->v);

	for (i = 0; i < w->n; i++) {
		struct oms_wmark_check *c = &w->v[i];

		kswapd_view(&ac, i, c);
		if (m->zones.v[i].partial)
			c->notes |= OMS_WMARK_Z_PARTIAL;
		c->result_harder = harder ? harder[i].result : c->result;
		if (c->result_harder != c->result)
			w->notes |= OMS_WMARK_HARDER_DIFFERS;
		if (c->ineligible != OMS_WMARK_ELIGIBLE)
			continue;
		if (w->preferred_zone < 0 ||
		    c->walk_pos < w->v[w->preferred_zone].walk_pos)
			w->preferred_zone = (int)i;
		w->n_eligible++;
		w->n_ok += c->result == OMS_WMARK_OK;
		log_zone(m, &m->zones.v[i], c);
		c->moved_on = c->result == OMS_WMARK_OK &&
			      m->oom.constraint != OMS_CONSTRAINT_MEMCG;
	}
	free(harder);
	w->computed = true;
	return NULL;
}
