// SPDX-License-Identifier: GPL-2.0
/*
 * Each zone's verdict on the failing allocation, on hand-built models:
 * each case is a rule of the kernel's code, gfp_zone() and
 * gfp_migratetype() (include/linux/gfp.h), gfp_to_alloc_flags(),
 * __gfp_pfmemalloc_flags(), get_page_from_freelist()'s walk,
 * zone_watermark_fast() and __zone_watermark_ok() (mm/page_alloc.c) of
 * Debian's 6.1.192 and 6.12.117, and of v6.1 (6.1.y before 6.1.116, the
 * ALLOC_HARDER rules, which a table with __GFP_ATOMIC cannot be told apart
 * from), the expected numbers worked out by hand in the comments.  Then the
 * sentences and the JSON (zones[].watermark_check: eligible, free,
 * unusable, required, reserve, ok, reason).
 *
 * The gfp flag names tables are the kernel's gfpflag_names[] as
 * __def_gfpflag_names (include/trace/events/mmflags.h) lists them, each
 * mask from include/linux/gfp_types.h of that version, for x86-64 without
 * CONFIG_KASAN_HW_TAGS (Debian's): 6.1 has ___GFP_ATOMIC 0x200u and names
 * __GFP_ATOMIC; 6.12 has ___GFP_UNUSED_BIT there and does not (2973d8229b78,
 * v6.3); the other bits are the same in both.
 */
#include <stdlib.h>

#include "../../lib/analysis/watermark.h"
#include "../../lib/oomscan.h"
#include "../../lib/report/wmark_reason.h"
#include "tap.h"

/* include/linux/gfp_types.h (6.1: #define ___GFP_DMA 0x01u ...; 6.12:
 * BIT(___GFP_DMA_BIT) ... of the same enum order) */
#define G_DMA		0x01u
#define G_HIGHMEM	0x02u
#define G_DMA32		0x04u
#define G_MOVABLE	0x08u
#define G_RECLAIMABLE	0x10u
#define G_HIGH		0x20u
#define G_IO		0x40u
#define G_FS		0x80u
#define G_ZERO		0x100u
#define G_ATOMIC	0x200u		/* 6.1 only */
#define G_DIRECT_RECLAIM 0x400u
#define G_KSWAPD_RECLAIM 0x800u
#define G_WRITE		0x1000u
#define G_NOWARN	0x2000u
#define G_RETRY_MAYFAIL	0x4000u
#define G_NOFAIL	0x8000u
#define G_NORETRY	0x10000u
#define G_MEMALLOC	0x20000u
#define G_COMP		0x40000u
#define G_NOMEMALLOC	0x80000u
#define G_HARDWALL	0x100000u
#define G_THISNODE	0x200000u
#define G_ACCOUNT	0x400000u
#define G_ZEROTAGS	0x800000u
#define G_RECLAIM	(G_DIRECT_RECLAIM | G_KSWAPD_RECLAIM)
/* the composites of gfp_types.h */
#define GFP_KERNEL	(G_RECLAIM | G_IO | G_FS)			/* 0xcc0 */
#define GFP_NOFS	(G_RECLAIM | G_IO)
#define GFP_NOIO	(G_RECLAIM)
#define GFP_USER	(G_RECLAIM | G_IO | G_FS | G_HARDWALL)		/* 0x100cc0 */
#define GFP_HIGHUSER	(GFP_USER | G_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | G_MOVABLE)			/* 0x100cca */
#define GFP_TRANSHUGE_LIGHT ((GFP_HIGHUSER_MOVABLE | G_COMP | G_NOMEMALLOC | \
			      G_NOWARN) & ~G_RECLAIM)
#define GFP_TRANSHUGE	(GFP_TRANSHUGE_LIGHT | G_DIRECT_RECLAIM)
#define GFP_ATOMIC_61	(G_HIGH | G_ATOMIC | G_KSWAPD_RECLAIM)		/* 0xa20 */
#define GFP_ATOMIC_612	(G_HIGH | G_KSWAPD_RECLAIM)			/* 0x820 */
#define GFP_NOWAIT_61	(G_KSWAPD_RECLAIM)
#define GFP_NOWAIT_612	(G_KSWAPD_RECLAIM | G_NOWARN)			/* 16f5dfbc851b, v6.8 */

static void name(struct oms_gfp_names *t, uint64_t mask, const char *n)
{
	t->v[t->n].mask = mask;
	snprintf(t->v[t->n].name, sizeof(t->v[t->n].name), "%s", n);
	t->n++;
}

/* __def_gfpflag_names, in its order; gen 61 or 612 */
static void gfp_names(struct oms_gfp_names *t, int gen)
{
	memset(t, 0, sizeof(*t));
	name(t, GFP_TRANSHUGE, "GFP_TRANSHUGE");
	name(t, GFP_TRANSHUGE_LIGHT, "GFP_TRANSHUGE_LIGHT");
	name(t, GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE");
	name(t, GFP_HIGHUSER, "GFP_HIGHUSER");
	name(t, GFP_USER, "GFP_USER");
	name(t, GFP_KERNEL | G_ACCOUNT, "GFP_KERNEL_ACCOUNT");
	name(t, GFP_KERNEL, "GFP_KERNEL");
	name(t, GFP_NOFS, "GFP_NOFS");
	name(t, gen == 61 ? GFP_ATOMIC_61 : GFP_ATOMIC_612, "GFP_ATOMIC");
	name(t, GFP_NOIO, "GFP_NOIO");
	name(t, gen == 61 ? GFP_NOWAIT_61 : GFP_NOWAIT_612, "GFP_NOWAIT");
	name(t, G_DMA, "GFP_DMA");
	name(t, G_HIGHMEM, "__GFP_HIGHMEM");
	name(t, G_DMA32, "GFP_DMA32");
	name(t, G_HIGH, "__GFP_HIGH");
	if (gen == 61)
		name(t, G_ATOMIC, "__GFP_ATOMIC");
	name(t, G_IO, "__GFP_IO");
	name(t, G_FS, "__GFP_FS");
	name(t, G_NOWARN, "__GFP_NOWARN");
	name(t, G_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL");
	name(t, G_NOFAIL, "__GFP_NOFAIL");
	name(t, G_NORETRY, "__GFP_NORETRY");
	name(t, G_COMP, "__GFP_COMP");
	name(t, G_ZERO, "__GFP_ZERO");
	name(t, G_NOMEMALLOC, "__GFP_NOMEMALLOC");
	name(t, G_MEMALLOC, "__GFP_MEMALLOC");
	name(t, G_HARDWALL, "__GFP_HARDWALL");
	name(t, G_THISNODE, "__GFP_THISNODE");
	name(t, G_RECLAIMABLE, "__GFP_RECLAIMABLE");
	name(t, G_MOVABLE, "__GFP_MOVABLE");
	name(t, G_ACCOUNT, "__GFP_ACCOUNT");
	name(t, G_WRITE, "__GFP_WRITE");
	name(t, G_RECLAIM, "__GFP_RECLAIM");
	name(t, G_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM");
	name(t, G_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM");
	name(t, G_ZEROTAGS, "__GFP_ZEROTAGS");
	t->valid = true;
}

/* the model: zone vm_stat NR_FREE_PAGES, NR_FREE_CMA_PAGES */
static const char *zone_stat_names[] = { "NR_FREE_PAGES", "NR_FREE_CMA_PAGES" };
static int64_t vm_stat[8][2];
static struct oms_zone zones[8];
static struct oms_node nodes[2];
static struct oms_task tasks[1];

#define DMA 0
#define DMA32 1
#define NORMAL 2
#define NODE1_NORMAL 3

static struct oms_zone *add_zone(struct oms_model *m, int node, int index,
				 const char *zname, uint64_t free, uint64_t min,
				 uint64_t low, uint64_t high)
{
	struct oms_zone *z = &zones[m->zones.n];
	int i;

	memset(z, 0, sizeof(*z));
	z->node = node;
	z->index = index;
	snprintf(z->name, sizeof(z->name), "%s", zname);
	z->addr = 0xffff88807fff0000ULL + 0x10000ULL * (uint64_t)node +
		  0x1000ULL * (uint64_t)index;
	z->populated = true;
	z->present_pages = z->managed_pages = 100000;
	z->free_pages = free;
	z->min = min;
	z->low = low;
	z->high = high;
	z->nr_lowmem_reserve = 5;	/* DMA, DMA32, Normal, Movable, Device */
	z->nr_orders = 11;		/* MAX_ORDER 11 (6.1), NR_PAGE_ORDERS 11 (6.12) */
	for (i = 0; i < 11; i++)
		z->free_area[i].walked = true;
	vm_stat[m->zones.n][0] = (int64_t)free;
	vm_stat[m->zones.n][1] = 0;
	z->vm_stat = vm_stat[m->zones.n];
	z->nr_vm_stat = 2;
	m->zones.n++;
	return z;
}

static void add_zoneref(struct oms_model *m, const struct oms_zone *z)
{
	struct oms_allocation *a = &m->allocation;

	a->zonerefs[a->n_zonerefs].zone = z->addr;
	a->zonerefs[a->n_zonerefs].zone_idx = z->index;
	a->zonerefs[a->n_zonerefs].node = z->node;
	a->n_zonerefs++;
}

/*
 * One node (0), in pages:
 *   DMA    index 0 free   217 (868 kB)   min   28 low   35 high   42
 *          lowmem_reserve 0 269 1000 1000 1000
 *   DMA32  index 1 free   455 (1,820 kB) min  510 low  637 high  764
 *          lowmem_reserve 0 0 700 700 700
 *   Normal index 2 free  5000            min 1000 low 1250 high 1500
 * migratetypes U M E H C I; current pid 100, mems_allowed node 0; the
 * failing allocation found on the stack, GFP_KERNEL order 0, its zonelist
 * node 0's ZONELIST_FALLBACK: Normal, DMA32, DMA.
 */
static void model_init(struct oms_model *m, int gen)
{
	static const char letters[] = "UMEHCI";
	static const char *const mt_names[] = {
		"Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate",
	};
	struct oms_zone *z;
	int i;

	memset(m, 0, sizeof(*m));
	oms_kernel_init(&m->kernel);
	oms_allocation_init(&m->allocation);
	m->kernel.page_size = 4096;
	m->kernel.current_pid = m->kernel.current_tgid = 100;
	m->zones.v = zones;
	m->zones.migratetypes.nr = 6;
	for (i = 0; i < 6; i++) {
		m->zones.migratetypes.letter[i] = letters[i];
		snprintf(m->zones.migratetypes.name[i],
			 sizeof(m->zones.migratetypes.name[i]), "%s", mt_names[i]);
	}
	m->meminfo.zone_stat_names = zone_stat_names;
	m->meminfo.nr_zone_stat = 2;
	m->meminfo.cma = true;
	memset(nodes, 0, sizeof(nodes));
	m->meminfo.nodes = nodes;
	m->meminfo.n_nodes = 1;

	z = add_zone(m, 0, 0, "DMA", 217, 28, 35, 42);
	z->lowmem_reserve[1] = 269;
	z->lowmem_reserve[2] = z->lowmem_reserve[3] = z->lowmem_reserve[4] = 1000;
	z = add_zone(m, 0, 1, "DMA32", 455, 510, 637, 764);
	z->lowmem_reserve[2] = z->lowmem_reserve[3] = z->lowmem_reserve[4] = 700;
	add_zone(m, 0, 2, "Normal", 5000, 1000, 1250, 1500);

	memset(tasks, 0, sizeof(tasks));
	tasks[0].pid = tasks[0].tgid = 100;
	tasks[0].thread_group_leader = true;
	tasks[0].mems_allowed = 1;
	snprintf(tasks[0].comm, sizeof(tasks[0].comm), "grower");
	m->tasks.v = tasks;
	m->tasks.n = 1;
	m->tasks.complete = true;

	m->allocation.source = OMS_ALLOC_STACK;
	m->allocation.found = true;
	m->allocation.gfp_mask = GFP_KERNEL;
	m->allocation.order = 0;
	m->allocation.zonelist = 0xffff88807ffd0000ULL;
	m->allocation.zonelist_node = 0;
	m->allocation.zonelist_kind = 0;
	gfp_names(&m->allocation.gfp_names, gen);
	add_zoneref(m, &zones[NORMAL]);
	add_zoneref(m, &zones[DMA32]);
	add_zoneref(m, &zones[DMA]);
}

/* node 1 with a Normal zone (index 2), free 5000, min 1000, at the end of
 * the zonelist (ZONELIST_FALLBACK of node 0) */
static void add_node1(struct oms_model *m)
{
	add_zone(m, 1, 2, "Normal", 5000, 1000, 1250, 1500);
	nodes[1].id = 1;
	m->meminfo.n_nodes = 2;
	m->meminfo.numa = true;
	add_zoneref(m, &zones[NODE1_NORMAL]);
}

static void compute(struct oms_model *m, uint32_t gfp, int order)
{
	struct oms_error *err;

	m->allocation.gfp_mask = gfp;
	m->allocation.order = order;
	err = oms_watermarks_compute(m);
	if (err)
		printf("# error: %s\n", err->message);
	oms_error_destroy(err);
}

static void model_free(struct oms_model *m)
{
	oms_watermarks_deinit(&m->watermarks);
}

static const struct oms_wmark_check *check(const struct oms_model *m, size_t i)
{
	static const struct oms_wmark_check none = { .result = -1, .ineligible = -1 };

	return m->watermarks.computed && i < m->watermarks.n ? &m->watermarks.v[i] : &none;
}

static const char *sentence(const struct oms_model *m, size_t i)
{
	static char buf[OMS_WMARK_SENTENCE_SIZE];

	return oms_wmark_sentence(m, i, buf, sizeof(buf));
}

static const char *summary(const struct oms_model *m)
{
	static char buf[OMS_WMARK_SUMMARY_SIZE];

	return oms_wmark_summary(m, buf, sizeof(buf));
}

static const char *flags_str(uint32_t f, bool harder)
{
	static char buf[200];

	return oms_alloc_flags_str(f, harder, buf, sizeof(buf));
}

/* the JSON report holds want */
static bool json_has(const struct oms_model *m, const char *want)
{
	struct oms_options o;
	char *text = NULL;
	size_t len = 0;
	bool found;
	FILE *out;

	oms_options_init(&o);
	o.compact_json = true;
	out = open_memstream(&text, &len);
	if (!out)
		return false;
	oms_report_json(out, m, &o, NULL);
	fclose(out);
	found = strstr(text, want) != NULL;
	if (!found)
		printf("# not in the JSON: %s\n", want);
	free(text);
	return found;
}

/* --- gfp_zone() ---------------------------------------------------------- */

static void test_gfp_zone(void)
{
	struct oms_model m;

	model_init(&m, 612);
	/* GFP_ZONE_TABLE, bit 0: ZONE_NORMAL */
	compute(&m, GFP_KERNEL, 0);
	OK(m.watermarks.computed, "6.12: GFP_KERNEL is judged");
	IS_INT(m.watermarks.highest_zoneidx, 2, "gfp_zone(GFP_KERNEL): ZONE_NORMAL, index 2");
	IS_STR(m.watermarks.highest_zone, "ZONE_NORMAL", "its enumerator");
	IS_INT(m.watermarks.n_eligible, 3, "DMA, DMA32 and Normal are eligible");
	/* ___GFP_DMA: OPT_ZONE_DMA, ZONE_DMA */
	compute(&m, GFP_KERNEL | G_DMA, 0);
	IS_STR(m.watermarks.highest_zone, "ZONE_DMA", "gfp_zone(__GFP_DMA): ZONE_DMA");
	IS_INT(check(&m, DMA32)->ineligible, OMS_WMARK_ZONE_TOO_HIGH, "then DMA32 is too high");
	IS_INT(check(&m, NORMAL)->ineligible, OMS_WMARK_ZONE_TOO_HIGH, "and Normal too");
	IS_INT(check(&m, DMA)->ineligible, OMS_WMARK_ELIGIBLE, "DMA is eligible");
	/* ___GFP_HIGHMEM: OPT_ZONE_HIGHMEM, ZONE_NORMAL without CONFIG_HIGHMEM */
	compute(&m, GFP_KERNEL | G_HIGHMEM, 0);
	IS_STR(m.watermarks.highest_zone, "ZONE_NORMAL",
	       "gfp_zone(__GFP_HIGHMEM) on x86-64 (no HighMem zone): ZONE_NORMAL");
	/* ___GFP_DMA32: OPT_ZONE_DMA32 */
	compute(&m, GFP_KERNEL | G_DMA32, 0);
	IS_STR(m.watermarks.highest_zone, "ZONE_DMA32", "gfp_zone(__GFP_DMA32): ZONE_DMA32");
	IS_INT(m.watermarks.highest_zoneidx, 1, "index 1");
	/* ___GFP_MOVABLE alone: ZONE_NORMAL */
	compute(&m, GFP_KERNEL | G_MOVABLE, 0);
	IS_STR(m.watermarks.highest_zone, "ZONE_NORMAL", "gfp_zone(__GFP_MOVABLE): ZONE_NORMAL");
	/* ___GFP_MOVABLE | ___GFP_DMA: OPT_ZONE_DMA */
	compute(&m, GFP_KERNEL | G_MOVABLE | G_DMA, 0);
	IS_STR(m.watermarks.highest_zone, "ZONE_DMA", "gfp_zone(__GFP_MOVABLE|__GFP_DMA): ZONE_DMA");
	/* ___GFP_MOVABLE | ___GFP_DMA32: OPT_ZONE_DMA32 */
	compute(&m, GFP_KERNEL | G_MOVABLE | G_DMA32, 0);
	IS_STR(m.watermarks.highest_zone, "ZONE_DMA32", "gfp_zone(__GFP_MOVABLE|__GFP_DMA32): ZONE_DMA32");
	/* ___GFP_MOVABLE | ___GFP_HIGHMEM: ZONE_MOVABLE, empty here: the
	 * index after Normal's, 3; every zone eligible */
	compute(&m, GFP_HIGHUSER_MOVABLE, 0);
	IS_STR(m.watermarks.highest_zone, "ZONE_MOVABLE", "gfp_zone(GFP_HIGHUSER_MOVABLE): ZONE_MOVABLE");
	IS_INT(m.watermarks.highest_zoneidx, 3, "not populated: index 3, after Normal's 2");
	OK(m.watermarks.notes & OMS_WMARK_ZONE_DERIVED, "and the index is said to be derived");
	IS_INT(m.watermarks.n_eligible, 3, "every zone is eligible");
	IS_INT(check(&m, DMA)->reserve, 1000, "DMA's lowmem_reserve[3]");
	/* GFP_ZONE_BAD: __GFP_DMA|__GFP_DMA32 reads 0 from the table */
	compute(&m, GFP_KERNEL | G_DMA | G_DMA32, 0);
	OK(m.watermarks.notes & OMS_WMARK_GFP_ZONE_BAD, "__GFP_DMA|__GFP_DMA32 is GFP_ZONE_BAD");
	IS_INT(m.watermarks.highest_zoneidx, 0, "GFP_ZONE_TABLE gives zone 0 for it");
	IS_STR(m.watermarks.highest_zone, "ZONE_DMA", "ZONE_DMA here");
	OK(strstr(summary(&m), "GFP_ZONE_BAD") != NULL, "the summary says so: %s", summary(&m));
	model_free(&m);

	/* a machine of 2 GB: no Normal zone, gfp_zone(GFP_KERNEL) is
	 * ZONE_NORMAL all the same, index 2, the one after DMA32's */
	model_init(&m, 612);
	m.zones.n = 2;
	m.allocation.n_zonerefs = 0;
	add_zoneref(&m, &zones[DMA32]);
	add_zoneref(&m, &zones[DMA]);
	compute(&m, GFP_KERNEL, 0);
	IS_INT(m.watermarks.highest_zoneidx, 2, "no Normal zone: ZONE_NORMAL is index 2");
	IS_INT(check(&m, DMA)->reserve, 1000, "DMA's lowmem_reserve[2]");
	IS_INT(check(&m, DMA32)->reserve, 700, "DMA32's lowmem_reserve[2]");
	model_free(&m);

	/* a 32-bit machine: DMA 0, Normal 1, HighMem 2: OPT_ZONE_HIGHMEM is
	 * ZONE_HIGHMEM */
	model_init(&m, 612);
	m.zones.n = 0;
	m.allocation.n_zonerefs = 0;
	add_zone(&m, 0, 0, "DMA", 1000, 10, 12, 14);
	add_zone(&m, 0, 1, "Normal", 1000, 10, 12, 14);
	add_zone(&m, 0, 2, "HighMem", 1000, 10, 12, 14);
	add_zoneref(&m, &zones[2]);
	add_zoneref(&m, &zones[1]);
	add_zoneref(&m, &zones[0]);
	compute(&m, GFP_HIGHUSER, 0);
	IS_STR(m.watermarks.highest_zone, "ZONE_HIGHMEM", "with a HighMem zone gfp_zone(__GFP_HIGHMEM) is ZONE_HIGHMEM");
	IS_INT(m.watermarks.highest_zoneidx, 2, "index 2");
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, 2)->ineligible, OMS_WMARK_ZONE_TOO_HIGH, "and GFP_KERNEL does not reach it");
	model_free(&m);
}

/* --- gfp_migratetype() and ALLOC_CMA --------------------------------------- */

static void test_migratetype(void)
{
	struct oms_model m;

	model_init(&m, 612);
	compute(&m, GFP_KERNEL, 0);
	IS_STR(m.zones.migratetypes.name[m.watermarks.migratetype], "Unmovable",
	       "gfp_migratetype(GFP_KERNEL): MIGRATE_UNMOVABLE");
	OK(!(m.watermarks.alloc_flags & OMS_ALLOC_CMA), "so no ALLOC_CMA");
	compute(&m, GFP_HIGHUSER_MOVABLE, 0);
	IS_STR(m.zones.migratetypes.name[m.watermarks.migratetype], "Movable",
	       "gfp_migratetype(__GFP_MOVABLE): MIGRATE_MOVABLE");
	OK(m.watermarks.alloc_flags & OMS_ALLOC_CMA,
	   "gfp_to_alloc_flags_cma(): ALLOC_CMA for MIGRATE_MOVABLE with CONFIG_CMA");
	compute(&m, GFP_KERNEL | G_RECLAIMABLE, 0);
	IS_STR(m.zones.migratetypes.name[m.watermarks.migratetype], "Reclaimable",
	       "gfp_migratetype(__GFP_RECLAIMABLE): MIGRATE_RECLAIMABLE");
	/* no MIGRATE_CMA: no CONFIG_CMA, no ALLOC_CMA */
	m.zones.migratetypes.nr = 4;
	compute(&m, GFP_HIGHUSER_MOVABLE, 0);
	OK(!(m.watermarks.alloc_flags & OMS_ALLOC_CMA), "without MIGRATE_CMA (no CONFIG_CMA): no ALLOC_CMA");
	model_free(&m);
}

/* --- gfp_to_alloc_flags() ------------------------------------------------- */

static void test_alloc_flags_612(void)
{
	struct oms_model m;

	model_init(&m, 612);
	compute(&m, GFP_KERNEL, 0);
	IS_INT(m.watermarks.generation, OMS_GFP_GEN_NO_ATOMIC, "6.12: no __GFP_ATOMIC in the table: v6.3+ rules");
	IS_INT(m.watermarks.alloc_flags, OMS_ALLOC_WMARK_MIN | OMS_ALLOC_CPUSET | OMS_ALLOC_KSWAPD,
	       "6.12 GFP_KERNEL: ALLOC_WMARK_MIN|ALLOC_CPUSET|ALLOC_KSWAPD");
	IS_STR(flags_str(m.watermarks.alloc_flags, false), "ALLOC_WMARK_MIN|ALLOC_CPUSET|ALLOC_KSWAPD",
	       "by the kernel's names");
	OK(m.watermarks.notes & OMS_WMARK_RT_UNKNOWN, "rt_task(current) is said to be unknown");
	/* __GFP_HIGH: ALLOC_MIN_RESERVE, min halved: 1000 - 500 */
	compute(&m, GFP_KERNEL | G_HIGH, 0);
	OK(m.watermarks.alloc_flags & OMS_ALLOC_MIN_RESERVE, "6.12 __GFP_HIGH: ALLOC_MIN_RESERVE");
	OK(m.watermarks.alloc_flags & OMS_ALLOC_CPUSET, "blocking: ALLOC_CPUSET kept");
	IS_INT(check(&m, NORMAL)->min, 500, "ALLOC_MIN_RESERVE: min 1000 - 1000/2");
	/* GFP_ATOMIC: no __GFP_DIRECT_RECLAIM: ALLOC_NON_BLOCK, and with
	 * ALLOC_MIN_RESERVE no ALLOC_CPUSET; min 1000 - 500 = 500, - 125 */
	compute(&m, GFP_ATOMIC_612, 0);
	IS_INT(m.watermarks.alloc_flags, OMS_ALLOC_MIN_RESERVE | OMS_ALLOC_NON_BLOCK | OMS_ALLOC_KSWAPD,
	       "6.12 GFP_ATOMIC: ALLOC_MIN_RESERVE|ALLOC_NON_BLOCK|ALLOC_KSWAPD, no ALLOC_CPUSET");
	IS_INT(check(&m, NORMAL)->min, 375, "min 1000 - 500, then - 500/4");
	OK(!(m.watermarks.notes & OMS_WMARK_RT_UNKNOWN), "no rt branch without __GFP_DIRECT_RECLAIM");
	/* order > 0 non-blocking __GFP_HIGH: ALLOC_HIGHATOMIC */
	compute(&m, GFP_ATOMIC_612, 1);
	OK(m.watermarks.alloc_flags & OMS_ALLOC_HIGHATOMIC, "6.12 GFP_ATOMIC order 1: ALLOC_HIGHATOMIC");
	compute(&m, GFP_NOWAIT_612, 1);
	OK(!(m.watermarks.alloc_flags & OMS_ALLOC_HIGHATOMIC), "GFP_NOWAIT order 1 (no __GFP_HIGH): no ALLOC_HIGHATOMIC");
	/* GFP_NOWAIT: ALLOC_NON_BLOCK alone, ALLOC_CPUSET kept, no cut */
	compute(&m, GFP_NOWAIT_612, 0);
	IS_INT(m.watermarks.alloc_flags, OMS_ALLOC_NON_BLOCK | OMS_ALLOC_CPUSET | OMS_ALLOC_KSWAPD,
	       "6.12 GFP_NOWAIT: ALLOC_NON_BLOCK|ALLOC_CPUSET|ALLOC_KSWAPD");
	IS_INT(check(&m, NORMAL)->min, 1000, "ALLOC_NON_BLOCK alone cuts nothing of min");
	/* __GFP_NOMEMALLOC: not worth trying harder */
	compute(&m, GFP_NOWAIT_612 | G_NOMEMALLOC, 0);
	OK(!(m.watermarks.alloc_flags & OMS_ALLOC_NON_BLOCK), "GFP_NOWAIT|__GFP_NOMEMALLOC: no ALLOC_NON_BLOCK");
	compute(&m, GFP_ATOMIC_612 | G_NOMEMALLOC, 0);
	IS_INT(m.watermarks.alloc_flags, OMS_ALLOC_MIN_RESERVE | OMS_ALLOC_KSWAPD,
	       "GFP_ATOMIC|__GFP_NOMEMALLOC: no ALLOC_NON_BLOCK, still no ALLOC_CPUSET");
	/* no __GFP_KSWAPD_RECLAIM: no ALLOC_KSWAPD */
	compute(&m, G_DIRECT_RECLAIM | G_IO | G_FS, 0);
	OK(!(m.watermarks.alloc_flags & OMS_ALLOC_KSWAPD), "no __GFP_KSWAPD_RECLAIM: no ALLOC_KSWAPD");
	model_free(&m);
}

static void test_alloc_flags_61(void)
{
	struct oms_model m;

	model_init(&m, 61);
	compute(&m, GFP_KERNEL, 0);
	IS_INT(m.watermarks.generation, OMS_GFP_GEN_ATOMIC, "6.1: __GFP_ATOMIC in the table");
	IS_INT(m.watermarks.alloc_flags, OMS_ALLOC_WMARK_MIN | OMS_ALLOC_CPUSET | OMS_ALLOC_KSWAPD,
	       "6.1 GFP_KERNEL: ALLOC_WMARK_MIN|ALLOC_CPUSET|ALLOC_KSWAPD");
	IS_INT(m.watermarks.alloc_flags_harder, m.watermarks.alloc_flags,
	       "v6.1's rules give the same for GFP_KERNEL");
	OK(!(m.watermarks.notes & OMS_WMARK_HARDER_DIFFERS), "and the same verdict");
	/* GFP_ATOMIC (0xa20): 6.1.116+ ALLOC_MIN_RESERVE|ALLOC_NON_BLOCK;
	 * v6.1 ALLOC_HIGH|ALLOC_HARDER; both without ALLOC_CPUSET and both
	 * cut min 1000 to 500 to 375 */
	compute(&m, GFP_ATOMIC_61, 0);
	IS_INT(m.watermarks.alloc_flags, OMS_ALLOC_MIN_RESERVE | OMS_ALLOC_NON_BLOCK | OMS_ALLOC_KSWAPD,
	       "6.1.116+ GFP_ATOMIC: ALLOC_MIN_RESERVE|ALLOC_NON_BLOCK|ALLOC_KSWAPD");
	IS_STR(flags_str(m.watermarks.alloc_flags_harder, true), "ALLOC_WMARK_MIN|ALLOC_HARDER|ALLOC_HIGH|ALLOC_KSWAPD",
	       "v6.1 GFP_ATOMIC: ALLOC_HIGH|ALLOC_HARDER, no ALLOC_CPUSET");
	IS_INT(check(&m, NORMAL)->min, 375, "min 375");
	/* v6.1: __GFP_ATOMIC, blocking: ALLOC_HARDER, a quarter off min;
	 * 6.1.116+ ignores __GFP_ATOMIC here.  Normal free 900: 6.1.116+
	 * 900 <= 1000 fails, v6.1 900 > 750 passes */
	zones[NORMAL].free_pages = 900;
	compute(&m, GFP_KERNEL | G_ATOMIC, 0);
	IS_INT(m.watermarks.alloc_flags, OMS_ALLOC_WMARK_MIN | OMS_ALLOC_CPUSET | OMS_ALLOC_KSWAPD,
	       "6.1.116+ GFP_KERNEL|__GFP_ATOMIC: __GFP_ATOMIC is not asked");
	IS_INT(m.watermarks.alloc_flags_harder, OMS_ALLOC_HARDER | OMS_ALLOC_KSWAPD,
	       "v6.1: ALLOC_HARDER, ALLOC_CPUSET dropped");
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_BELOW_MIN, "6.1.116+: 900 <= min 1000");
	IS_INT(check(&m, NORMAL)->result_harder, OMS_WMARK_OK, "v6.1: 900 > min 1000 - 250");
	OK(m.watermarks.notes & OMS_WMARK_HARDER_DIFFERS, "the rules differ, and it is said");
	OK(strstr(sentence(&m, NORMAL), "by v6.1's ALLOC_HARDER rules (6.1.y before 6.1.116): ok"),
	   "the sentence says v6.1's verdict: %s", sentence(&m, NORMAL));
	/* v6.1: __GFP_ATOMIC|__GFP_NOMEMALLOC: no ALLOC_HARDER, still no
	 * ALLOC_CPUSET */
	compute(&m, GFP_KERNEL | G_ATOMIC | G_NOMEMALLOC, 0);
	IS_INT(m.watermarks.alloc_flags_harder, OMS_ALLOC_KSWAPD,
	       "v6.1 __GFP_ATOMIC|__GFP_NOMEMALLOC: no ALLOC_HARDER, no ALLOC_CPUSET");
	zones[NORMAL].free_pages = 5000;
	/* GFP_NOWAIT (0x800): 6.1.116+ ALLOC_NON_BLOCK, v6.1 nothing */
	compute(&m, GFP_NOWAIT_61, 0);
	OK(m.watermarks.alloc_flags & OMS_ALLOC_NON_BLOCK, "6.1.116+ GFP_NOWAIT: ALLOC_NON_BLOCK");
	IS_INT(m.watermarks.alloc_flags_harder, OMS_ALLOC_CPUSET | OMS_ALLOC_KSWAPD,
	       "v6.1 GFP_NOWAIT: ALLOC_CPUSET|ALLOC_KSWAPD only");
	/* order > 0: 6.1.116+ ALLOC_HIGHATOMIC for non-blocking __GFP_HIGH */
	compute(&m, GFP_ATOMIC_61, 2);
	OK(m.watermarks.alloc_flags & OMS_ALLOC_HIGHATOMIC, "6.1.116+ GFP_ATOMIC order 2: ALLOC_HIGHATOMIC");
	OK(!(m.watermarks.alloc_flags_harder & OMS_ALLOC_HIGHATOMIC), "v6.1 has no ALLOC_HIGHATOMIC");
	model_free(&m);
}

/* --- __zone_watermark_ok() ----------------------------------------------- */

static void test_watermark_ok(void)
{
	struct oms_model m;

	/* GFP_KERNEL|__GFP_DMA32: DMA needs 217 > 28 + 269 (RESERVED, 81
	 * short), DMA32 455 > 510 + 0 (BELOW_MIN, 56 short), Normal too high */
	model_init(&m, 612);
	compute(&m, GFP_KERNEL | G_DMA32, 0);
	IS_INT(check(&m, DMA)->result, OMS_WMARK_RESERVED, "above min, not above min + lowmem_reserve: reserved");
	IS_INT(check(&m, DMA)->required, 297, "required 28 + 269");
	IS_INT(check(&m, DMA)->reserve, 269, "lowmem_reserve[ZONE_DMA32]");
	IS_INT(check(&m, DMA)->shortfall, 81, "297 - 217 + 1 short");
	IS_INT(check(&m, DMA32)->result, OMS_WMARK_BELOW_MIN, "not above min: below_min");
	IS_INT(check(&m, DMA32)->shortfall, 56, "510 - 455 + 1 short");
	IS_INT(m.watermarks.n_eligible, 2, "two zones eligible");
	IS_INT(m.watermarks.n_ok, 0, "none passes");
	/* free == min: free_pages <= min fails */
	zones[DMA32].free_pages = 510;
	compute(&m, GFP_KERNEL | G_DMA32, 0);
	IS_INT(check(&m, DMA32)->result, OMS_WMARK_BELOW_MIN, "free == min fails (free_pages <= min)");
	IS_INT(check(&m, DMA32)->shortfall, 1, "one page short");
	zones[DMA32].free_pages = 511;
	compute(&m, GFP_KERNEL | G_DMA32, 0);
	IS_INT(check(&m, DMA32)->result, OMS_WMARK_OK, "free == min + 1 passes");
	IS_INT(m.watermarks.n_ok, 1, "one zone passes");
	/* DMA under GFP_KERNEL: lowmem_reserve[ZONE_NORMAL] 1000 */
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, DMA)->reserve, 1000, "GFP_KERNEL: DMA's lowmem_reserve[2]");
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "Normal 5000 > 1000: ok");
	model_free(&m);
}

static void test_highatomic(void)
{
	struct oms_model m;

	/* 6.12: Normal free 5000, 4500 reserved highatomic, none free on
	 * the H lists */
	model_init(&m, 612);
	zones[NORMAL].nr_reserved_highatomic = 4500;
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, NORMAL)->unusable_highatomic, 4500,
	       "6.12 without nr_free_highatomic in the model: nr_reserved_highatomic counted");
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_BELOW_MIN, "5000 - 4500 <= 1000");
	OK(check(&m, NORMAL)->notes & OMS_WMARK_Z_HIGHATOMIC_RESERVED, "and it says it counted the reserved");
	zones[NORMAL].has_nr_free_highatomic = true;
	zones[NORMAL].nr_free_highatomic = 0;
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, NORMAL)->unusable_highatomic, 0,
	       "6.12 (c928807f6f6b): nr_free_highatomic counted, 0");
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "5000 > 1000: ok");
	zones[NORMAL].nr_free_highatomic = 4200;
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, NORMAL)->unusable, 4200, "4200 free highatomic unusable");
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_BELOW_MIN, "5000 - 4200 <= 1000");
	/* ALLOC_RESERVES: GFP_NOWAIT's ALLOC_NON_BLOCK may use it */
	compute(&m, GFP_NOWAIT_612, 0);
	IS_INT(check(&m, NORMAL)->unusable, 0, "ALLOC_NON_BLOCK (in ALLOC_RESERVES): highatomic usable");
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "and it passes");
	compute(&m, GFP_NOWAIT_612 | G_NOMEMALLOC, 0);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_BELOW_MIN, "__GFP_NOMEMALLOC: no ALLOC_NON_BLOCK, it fails");
	model_free(&m);

	/* 6.1: nr_reserved_highatomic, no note; __GFP_HIGH: 6.1.116+'s
	 * ALLOC_MIN_RESERVE is in ALLOC_RESERVES, v6.1's ALLOC_HIGH is not
	 * ALLOC_HARDER: the reserve stays unusable, 500 <= 500 */
	model_init(&m, 61);
	zones[NORMAL].nr_reserved_highatomic = 4500;
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_BELOW_MIN, "6.1 GFP_KERNEL: 5000 - 4500 <= 1000");
	OK(!(check(&m, NORMAL)->notes & OMS_WMARK_Z_HIGHATOMIC_RESERVED), "6.1 counts the reserved: nothing to say");
	compute(&m, GFP_KERNEL | G_HIGH, 0);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "6.1.116+ __GFP_HIGH: the reserve usable, 5000 > 500");
	IS_INT(check(&m, NORMAL)->result_harder, OMS_WMARK_BELOW_MIN, "v6.1 ALLOC_HIGH: 5000 - 4500 <= 500");
	OK(m.watermarks.notes & OMS_WMARK_HARDER_DIFFERS, "the difference is said");
	model_free(&m);
}

static void test_cma(void)
{
	struct oms_model m;

	/* Normal free 5000, 4500 of it CMA */
	model_init(&m, 612);
	vm_stat[NORMAL][1] = 4500;
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, NORMAL)->unusable_cma, 4500, "no ALLOC_CMA: NR_FREE_CMA_PAGES unusable");
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_BELOW_MIN, "5000 - 4500 <= 1000");
	compute(&m, GFP_HIGHUSER_MOVABLE, 0);
	IS_INT(check(&m, NORMAL)->unusable, 0, "ALLOC_CMA: CMA pages usable");
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "and it passes");
	/* without CONFIG_CMA the kernel does not subtract them */
	m.zones.migratetypes.nr = 4;
	m.meminfo.cma = false;
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, NORMAL)->unusable, 0, "no CONFIG_CMA: nothing subtracted");
	/* the counter not in the model: 0, said */
	m.zones.migratetypes.nr = 6;
	m.meminfo.nr_zone_stat = 1;
	compute(&m, GFP_KERNEL, 0);
	OK(check(&m, NORMAL)->notes & OMS_WMARK_Z_CMA_UNKNOWN, "NR_FREE_CMA_PAGES not read: said");
	vm_stat[NORMAL][1] = 0;
	model_free(&m);
}

static void test_order(void)
{
	struct oms_model m;
	struct oms_free_area *fa = zones[NORMAL].free_area;
	int o;

	/* order 3: (1 << 3) - 1 = 7 unusable; free 1007 - 7 > 1000, 1006 not */
	model_init(&m, 612);
	zones[NORMAL].free_pages = 1006;
	fa[5].nr_free = 2;
	fa[5].nonempty = 1u << 1;		/* M */
	compute(&m, GFP_KERNEL, 3);
	IS_INT(check(&m, NORMAL)->unusable, 7, "order 3: (1 << order) - 1 = 7 unusable");
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_BELOW_MIN, "1006 - 7 <= 1000");
	zones[NORMAL].free_pages = 1008;
	compute(&m, GFP_KERNEL, 3);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "1008 - 7 > 1000, a Movable block at order 5: ok");
	/* only a block below the order */
	fa[5].nr_free = 0;
	fa[5].nonempty = 0;
	fa[2].nr_free = 10;
	fa[2].nonempty = 1u << 0;
	compute(&m, GFP_KERNEL, 3);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_NO_BLOCK, "only order-2 blocks for order 3: no_block");
	OK(!(check(&m, NORMAL)->notes & OMS_WMARK_Z_BLOCK_UNKNOWN), "every free area read: no doubt");
	/* a nonempty list at an order whose nr_free is 0 is not looked at */
	fa[4].nonempty = 1u << 0;
	compute(&m, GFP_KERNEL, 3);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_NO_BLOCK, "nr_free 0: the order is passed over");
	fa[4].nonempty = 0;
	/* HighAtomic blocks: only with ALLOC_HIGHATOMIC (or ALLOC_OOM) */
	fa[6].nr_free = 1;
	fa[6].nonempty = 1u << 3;		/* H */
	compute(&m, GFP_KERNEL, 3);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_NO_BLOCK, "GFP_KERNEL may not use a HighAtomic block");
	compute(&m, GFP_ATOMIC_612, 3);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "GFP_ATOMIC order 3 (ALLOC_HIGHATOMIC) may");
	/* CMA blocks: only with ALLOC_CMA */
	fa[6].nonempty = 1u << 4;		/* C */
	compute(&m, GFP_KERNEL, 3);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_NO_BLOCK, "GFP_KERNEL may not use a CMA block");
	compute(&m, GFP_HIGHUSER_MOVABLE, 3);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "GFP_HIGHUSER_MOVABLE (ALLOC_CMA) may");
	/* a free area that could not be read: no block found, and said */
	fa[6].nr_free = 0;
	fa[6].nonempty = 0;
	fa[7].corrupt = true;
	compute(&m, GFP_KERNEL, 3);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_NO_BLOCK, "no block among what was read");
	OK(check(&m, NORMAL)->notes & OMS_WMARK_Z_BLOCK_UNKNOWN, "and free_area[7] not read is said");
	OK(strstr(sentence(&m, NORMAL), "no free block of order 3 or above") &&
	   strstr(sentence(&m, NORMAL), "free areas not all read"),
	   "the sentence: %s", sentence(&m, NORMAL));
	for (o = 0; o < 11; o++)
		memset(&fa[o], 0, sizeof(fa[o]));
	model_free(&m);

	/* 6.1: the same rule of blocks; v6.1's ALLOC_HARDER may use H */
	model_init(&m, 61);
	fa[4].nr_free = 1;
	fa[4].nonempty = 1u << 3;		/* H */
	compute(&m, GFP_KERNEL | G_ATOMIC, 3);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_NO_BLOCK, "6.1.116+ GFP_KERNEL|__GFP_ATOMIC order 3: no H block");
	IS_INT(check(&m, NORMAL)->result_harder, OMS_WMARK_OK, "v6.1: ALLOC_HARDER may use the H block");
	for (o = 0; o < 11; o++)
		memset(&fa[o], 0, sizeof(fa[o]));
	model_free(&m);
}

static void test_boost(void)
{
	struct oms_model m;

	/* Normal: _watermark[WMARK_MIN] 1000, boost 2000: min_wmark_pages()
	 * 3000; free 1000 */
	model_init(&m, 612);
	zones[NORMAL].watermark_boost = 2000;
	zones[NORMAL].min = 3000;
	zones[NORMAL].free_pages = 1000;
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, NORMAL)->min_wmark, 3000, "min_wmark_pages() includes the boost (6.12)");
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_BELOW_MIN, "GFP_KERNEL: 1000 <= 3000, no second try");
	/* GFP_ATOMIC: 3000 -> 1500 -> 1125 fails, then at 1000 -> 500 ->
	 * 375 passes */
	compute(&m, GFP_ATOMIC_612, 0);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "6.12 GFP_ATOMIC: the boost left out, 1000 > 375");
	OK(check(&m, NORMAL)->notes & OMS_WMARK_Z_BOOST_IGNORED, "and said");
	IS_INT(check(&m, NORMAL)->min_wmark, 1000, "at _watermark[WMARK_MIN]");
	/* 6.12 asks ALLOC_MIN_RESERVE: a blocking __GFP_HIGH too (3000 ->
	 * 1500 fails, 1000 -> 500 passes) */
	compute(&m, GFP_KERNEL | G_HIGH, 0);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "6.12 GFP_KERNEL|__GFP_HIGH: ALLOC_MIN_RESERVE leaves the boost out");
	/* order > 0: never */
	compute(&m, GFP_ATOMIC_612, 1);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_BELOW_MIN, "order 1: the boost stays");
	model_free(&m);

	/* 6.1 asks __GFP_ATOMIC */
	model_init(&m, 61);
	zones[NORMAL].watermark_boost = 2000;
	zones[NORMAL].min = 3000;
	zones[NORMAL].free_pages = 1000;
	compute(&m, GFP_KERNEL | G_HIGH, 0);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_BELOW_MIN, "6.1 GFP_KERNEL|__GFP_HIGH: no __GFP_ATOMIC, the boost stays");
	compute(&m, GFP_ATOMIC_61, 0);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "6.1 GFP_ATOMIC: the boost left out");
	IS_INT(check(&m, NORMAL)->result_harder, OMS_WMARK_OK, "by v6.1's rules too");
	OK(strstr(sentence(&m, NORMAL), "watermark_boost of 8,000 kB left out for __GFP_ATOMIC") != NULL,
	   "the sentence says so: %s", sentence(&m, NORMAL));
	model_free(&m);
}

/* --- __gfp_pfmemalloc_flags() -------------------------------------------- */

static void test_reserve_flags(void)
{
	struct oms_model m;

	/* an OOM victim: ALLOC_OOM replaces the flags (and ALLOC_CPUSET),
	 * min 1000 -> 500; Normal free 800 passes */
	model_init(&m, 612);
	zones[NORMAL].free_pages = 800;
	tasks[0].oom_victim = true;
	compute(&m, GFP_KERNEL, 0);
	IS_INT(m.watermarks.alloc_flags, OMS_ALLOC_OOM | OMS_ALLOC_KSWAPD,
	       "an OOM victim: ALLOC_OOM|ALLOC_KSWAPD");
	OK(m.watermarks.notes & OMS_WMARK_RESERVE_FLAGS, "said");
	IS_INT(check(&m, NORMAL)->min, 500, "ALLOC_OOM: min 1000 - 500");
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "800 > 500");
	compute(&m, GFP_HIGHUSER_MOVABLE, 0);
	IS_INT(m.watermarks.alloc_flags, OMS_ALLOC_OOM | OMS_ALLOC_KSWAPD | OMS_ALLOC_CMA,
	       "gfp_to_alloc_flags_cma() of the reserve flags: ALLOC_CMA kept");
	/* __GFP_NOMEMALLOC: no reserves */
	compute(&m, GFP_KERNEL | G_NOMEMALLOC, 0);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_BELOW_MIN, "__GFP_NOMEMALLOC: no ALLOC_OOM, 800 <= 1000");
	tasks[0].oom_victim = false;
	/* __GFP_MEMALLOC: ALLOC_NO_WATERMARKS, checked at min uncut */
	compute(&m, GFP_KERNEL | G_MEMALLOC, 0);
	IS_INT(m.watermarks.alloc_flags, OMS_ALLOC_NO_WATERMARKS | OMS_ALLOC_KSWAPD,
	       "__GFP_MEMALLOC: ALLOC_NO_WATERMARKS|ALLOC_KSWAPD");
	OK(m.watermarks.notes & OMS_WMARK_NO_WATERMARKS, "the kernel tries the zones anyway: said");
	OK(strstr(summary(&m), "ALLOC_NO_WATERMARKS the kernel tries each zone") != NULL,
	   "in the summary: %s", summary(&m));
	compute(&m, GFP_KERNEL | G_MEMALLOC | G_NOMEMALLOC, 0);
	OK(!(m.watermarks.alloc_flags & OMS_ALLOC_NO_WATERMARKS), "__GFP_NOMEMALLOC wins over __GFP_MEMALLOC");
	/* PF_MEMALLOC of current (the leader itself) */
	tasks[0].flags = 0x00000800;
	compute(&m, GFP_KERNEL, 0);
	OK(m.watermarks.alloc_flags & OMS_ALLOC_NO_WATERMARKS, "PF_MEMALLOC: ALLOC_NO_WATERMARKS");
	m.kernel.current_pid = 101;	/* another thread of it */
	compute(&m, GFP_KERNEL, 0);
	OK(!(m.watermarks.alloc_flags & OMS_ALLOC_NO_WATERMARKS), "a thread's PF_MEMALLOC is not the leader's");
	OK(m.watermarks.notes & OMS_WMARK_PF_MEMALLOC_UNKNOWN, "and that is said");
	tasks[0].flags = 0;
	model_free(&m);
}

/* --- the walk: every ineligibility ------------------------------------------ */

static void test_eligibility(void)
{
	struct oms_model m;

	/* the nodemask: node 0 only */
	model_init(&m, 612);
	add_node1(&m);
	m.allocation.nodemask_addr = 0xffffc90000123000ULL;
	m.allocation.nodemask = 1;
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, NODE1_NORMAL)->ineligible, OMS_WMARK_NOT_IN_NODEMASK, "node 1 not in the nodemask");
	IS_INT(check(&m, NORMAL)->ineligible, OMS_WMARK_ELIGIBLE, "node 0's Normal is");
	IS_STR(sentence(&m, NODE1_NORMAL), "Node 1 Normal: not eligible (node 1 is not in the allocation's nodemask)",
	       "the sentence names the node");
	/* ALLOC_OOM drops the nodemask */
	tasks[0].oom_victim = true;
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, NODE1_NORMAL)->ineligible, OMS_WMARK_ELIGIBLE, "reserve flags: the nodemask dropped");
	tasks[0].oom_victim = false;
	/* and so does a GFP_ATOMIC without ALLOC_CPUSET */
	compute(&m, GFP_ATOMIC_612, 0);
	IS_INT(check(&m, NODE1_NORMAL)->ineligible, OMS_WMARK_ELIGIBLE, "no ALLOC_CPUSET: the nodemask dropped");
	m.allocation.nodemask_addr = 0;
	/* the cpuset: __GFP_HARDWALL and current's mems_allowed node 0 */
	compute(&m, GFP_HIGHUSER, 0);
	IS_INT(check(&m, NODE1_NORMAL)->ineligible, OMS_WMARK_NOT_IN_CPUSET,
	       "GFP_HIGHUSER (__GFP_HARDWALL): node 1 outside mems_allowed");
	IS_STR(sentence(&m, NODE1_NORMAL),
	       "Node 1 Normal: not eligible (node 1 is not in current's mems_allowed, ALLOC_CPUSET)",
	       "its sentence");
	/* no __GFP_HARDWALL: cpusets are not enabled (prepare_alloc_pages()
	 * would have added it) */
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, NODE1_NORMAL)->ineligible, OMS_WMARK_ELIGIBLE, "GFP_KERNEL (no __GFP_HARDWALL): allowed");
	/* an OOM victim may use any node: with __GFP_NOMEMALLOC (no
	 * ALLOC_OOM) ALLOC_CPUSET stays and cpuset_node_allowed() asks */
	tasks[0].oom_victim = true;
	compute(&m, GFP_HIGHUSER | G_NOMEMALLOC, 0);
	IS_INT(check(&m, NODE1_NORMAL)->ineligible, OMS_WMARK_ELIGIBLE, "tsk_is_oom_victim(current): allowed");
	tasks[0].oom_victim = false;
	/* GFP_ATOMIC: no ALLOC_CPUSET */
	compute(&m, GFP_ATOMIC_612 | G_HARDWALL, 0);
	IS_INT(check(&m, NODE1_NORMAL)->ineligible, OMS_WMARK_ELIGIBLE, "GFP_ATOMIC has no ALLOC_CPUSET");
	/* current unknown: not excluded, said */
	m.kernel.current_tgid = -1;
	compute(&m, GFP_HIGHUSER, 0);
	IS_INT(check(&m, NODE1_NORMAL)->ineligible, OMS_WMARK_ELIGIBLE, "current unknown: not excluded");
	OK(check(&m, NODE1_NORMAL)->notes & OMS_WMARK_Z_CPUSET_UNKNOWN, "said for the zone");
	OK(m.watermarks.notes & OMS_WMARK_CURRENT_UNKNOWN, "and for the allocation");
	m.kernel.current_tgid = 100;
	/* not on the zonelist: node 0's ZONELIST_NOFALLBACK */
	m.allocation.n_zonerefs = 3;
	m.allocation.zonelist_kind = 1;
	compute(&m, GFP_KERNEL | G_THISNODE, 0);
	IS_INT(check(&m, NODE1_NORMAL)->ineligible, OMS_WMARK_NOT_ON_ZONELIST, "not on the stack's zonelist");
	IS_INT(check(&m, NODE1_NORMAL)->walk_pos, -1, "no place on it");
	IS_STR(sentence(&m, NODE1_NORMAL), "Node 1 Normal: not eligible (not on the zonelist)", "its sentence");
	model_free(&m);

	/* 6.1: v6.1's __GFP_ATOMIC drops ALLOC_CPUSET, 6.1.116+'s does not */
	model_init(&m, 61);
	add_node1(&m);
	compute(&m, GFP_HIGHUSER | G_ATOMIC, 0);
	IS_INT(check(&m, NODE1_NORMAL)->ineligible, OMS_WMARK_NOT_IN_CPUSET, "6.1.116+: node 1 outside the cpuset");
	IS_INT(check(&m, NODE1_NORMAL)->result_harder, OMS_WMARK_OK, "v6.1: __GFP_ATOMIC, no ALLOC_CPUSET: ok there");
	model_free(&m);
}

static void test_zonelist_inferred(void)
{
	struct oms_model m;

	/* from the log: no zonerefs; node 0's fallback list Normal, DMA32, DMA */
	model_init(&m, 612);
	m.allocation.source = OMS_ALLOC_LOG;
	m.allocation.found = false;
	m.allocation.n_zonerefs = 0;
	m.allocation.zonelist_node = -1;
	compute(&m, GFP_KERNEL, 0);
	OK(m.watermarks.computed, "an allocation from the log is judged");
	OK(m.watermarks.notes & OMS_WMARK_ZONELIST_INFERRED, "on an inferred zonelist, said");
	OK(!(m.watermarks.notes & OMS_WMARK_NODE_ORDER_GUESSED), "one node: nothing guessed");
	IS_INT(check(&m, NORMAL)->walk_pos, 0, "build_zonerefs_node(): Normal first");
	IS_INT(check(&m, DMA32)->walk_pos, 1, "then DMA32");
	IS_INT(check(&m, DMA)->walk_pos, 2, "then DMA");
	OK(strstr(summary(&m), "inferred from the zones") != NULL, "the summary: %s", summary(&m));
	/* two nodes: node 0 (the lowest) first, the order guessed */
	add_node1(&m);
	m.allocation.n_zonerefs = 0;
	compute(&m, GFP_KERNEL, 0);
	IS_INT(check(&m, NODE1_NORMAL)->walk_pos, 3, "node 1's Normal after node 0's zones");
	OK(m.watermarks.notes & OMS_WMARK_NODE_ORDER_GUESSED, "two nodes, no distances: guessed");
	/* __GFP_THISNODE: ZONELIST_NOFALLBACK of the known node 1 */
	m.allocation.zonelist_node = 1;
	compute(&m, GFP_KERNEL | G_THISNODE, 0);
	OK(m.watermarks.thisnode, "__GFP_THISNODE: ZONELIST_NOFALLBACK");
	IS_INT(check(&m, NORMAL)->ineligible, OMS_WMARK_NOT_ON_ZONELIST, "node 0's zones are not on it");
	IS_INT(check(&m, NODE1_NORMAL)->walk_pos, 0, "node 1's Normal is the first");
	OK(!(m.watermarks.notes & OMS_WMARK_NODE_ORDER_GUESSED), "nothing guessed");
	/* a memcg OOM from the log */
	m.report.found = true;
	m.report.memcg = true;
	compute(&m, GFP_KERNEL, 0);
	OK(m.watermarks.notes & OMS_WMARK_MEMCG, "a memcg OOM is said to be one");
	model_free(&m);
}

/* --- what cannot be judged ---------------------------------------------------- */

static void test_not_computed(void)
{
	struct oms_model m;
	size_t i;

	model_init(&m, 612);
	m.allocation.source = OMS_ALLOC_UNKNOWN;
	compute(&m, GFP_KERNEL, 0);
	OK(!m.watermarks.computed, "no allocation: not computed");
	IS_STR(summary(&m), "no watermark check: the failing allocation is not known", "and why");
	IS_STR(sentence(&m, NORMAL), "", "no sentence");
	OK(json_has(&m, "\"watermark_check\":null"), "the JSON's watermark_check is null");
	m.allocation.source = OMS_ALLOC_STACK;
	compute(&m, GFP_KERNEL, -1);
	OK(!m.watermarks.computed && strstr(m.watermarks.why_not, "sysrq"), "order -1: sysrq+f, nothing failed");
	/* the table lacks a flag the rules read: say which, guess nothing */
	for (i = 0; i < m.allocation.gfp_names.n; i++)
		if (!strcmp(m.allocation.gfp_names.v[i].name, "__GFP_DIRECT_RECLAIM"))
			strcpy(m.allocation.gfp_names.v[i].name, "__GFP_GONE");
	compute(&m, GFP_KERNEL, 0);
	OK(!m.watermarks.computed, "no __GFP_DIRECT_RECLAIM in the table: not computed");
	OK(strstr(m.watermarks.why_not, "lack __GFP_DIRECT_RECLAIM") != NULL, "named: %s", m.watermarks.why_not);
	gfp_names(&m.allocation.gfp_names, 612);
	for (i = 0; i < m.allocation.gfp_names.n; i++)
		if (!strcmp(m.allocation.gfp_names.v[i].name, "GFP_DMA32"))
			strcpy(m.allocation.gfp_names.v[i].name, "GFP_GONE");
	compute(&m, GFP_KERNEL, 0);
	OK(strstr(m.watermarks.why_not, "lack __GFP_DMA32") != NULL,
	   "GFP_DMA32, the table's name of __GFP_DMA32, missing: %s", m.watermarks.why_not);
	/* a table cut short: no __GFP_ATOMIC says nothing */
	gfp_names(&m.allocation.gfp_names, 612);
	m.allocation.gfp_names.valid = false;
	compute(&m, GFP_KERNEL, 0);
	OK(!m.watermarks.computed && strstr(m.watermarks.why_not, "__GFP_ATOMIC"),
	   "a table not read to its end and without __GFP_ATOMIC: not computed (%s)", m.watermarks.why_not);
	m.allocation.gfp_names.n = 0;
	compute(&m, GFP_KERNEL, 0);
	OK(!m.watermarks.computed && strstr(m.watermarks.why_not, "gfpflag_names"), "no table: not computed");
	/* __GFP_THISNODE is read only to infer a zonelist */
	gfp_names(&m.allocation.gfp_names, 612);
	for (i = 0; i < m.allocation.gfp_names.n; i++)
		if (!strcmp(m.allocation.gfp_names.v[i].name, "__GFP_THISNODE"))
			strcpy(m.allocation.gfp_names.v[i].name, "__GFP_GONE");
	compute(&m, GFP_KERNEL, 0);
	OK(m.watermarks.computed, "no __GFP_THISNODE, the zonelist from the stack: computed");
	m.allocation.n_zonerefs = 0;
	compute(&m, GFP_KERNEL, 0);
	OK(!m.watermarks.computed && strstr(m.watermarks.why_not, "__GFP_THISNODE"),
	   "no __GFP_THISNODE and a zonelist to infer: not computed");
	model_free(&m);
}

/* --- kswapd's view ------------------------------------------------------------- */

static void test_kswapd(void)
{
	struct oms_model m;

	model_init(&m, 612);
	zones[NORMAL].free_pages = 1400;	/* low 1250 < 1400 <= high 1500 */
	nodes[0].kswapd_failures = 15;
	compute(&m, GFP_KERNEL, 0);
	OK(!check(&m, NORMAL)->below_low, "1400 > low 1250");
	OK(check(&m, NORMAL)->below_high, "1400 <= high 1500");
	IS_INT(check(&m, NORMAL)->kswapd_failures, 15, "the node's kswapd_failures");
	OK(!check(&m, NORMAL)->all_unreclaimable, "15 < MAX_RECLAIM_RETRIES");
	OK(strstr(sentence(&m, NORMAL), "; above low, below high 6,000 kB, node 0 kswapd_failures 15") != NULL,
	   "kswapd's view in words: %s", sentence(&m, NORMAL));
	nodes[0].kswapd_failures = 16;
	compute(&m, GFP_KERNEL, 0);
	OK(check(&m, NORMAL)->all_unreclaimable, "16: all_unreclaimable");
	OK(check(&m, DMA32)->below_low && check(&m, DMA32)->below_high, "DMA32 455: below low and high");
	/* kswapd asks alloc_flags 0: the highatomic reserve unusable even
	 * where the allocation's flags may use it */
	zones[NORMAL].free_pages = 5000;
	zones[NORMAL].nr_reserved_highatomic = 4000;
	compute(&m, GFP_NOWAIT_612, 0);
	IS_INT(check(&m, NORMAL)->result, OMS_WMARK_OK, "GFP_NOWAIT may use the highatomic reserve");
	OK(check(&m, NORMAL)->below_low, "kswapd's check may not: 1000 <= low 1250");
	model_free(&m);
}

/* --- the sentences and the JSON ------------------------------------------------ */

static void test_words(void)
{
	struct oms_model m;
	char want[200];

	model_init(&m, 612);
	nodes[0].kswapd_failures = 16;
	compute(&m, GFP_KERNEL | G_DMA32, 0);
	IS_STR(sentence(&m, DMA),
	       "DMA free 868 kB, but 1,188 kB is kept back (min 112 kB + lowmem_reserve 1,076 kB): unusable; below low 140 kB and high 168 kB, node 0 kswapd_failures 16 (all_unreclaimable)",
	       "reserved, in words");
	IS_STR(sentence(&m, DMA32),
	       "DMA32 free 1,820 kB < min 2,040 kB: fails by 224 kB; below low 2,548 kB and high 3,056 kB, node 0 kswapd_failures 16 (all_unreclaimable)",
	       "below min, in words");
	IS_STR(sentence(&m, NORMAL), "Normal: not eligible (above gfp_zone()'s ZONE_DMA32)",
	       "too high, in words");
	OK(strstr(summary(&m), "gfp_mask 0xcc4, order 0: gfp_zone() ZONE_DMA32, migratetype Unmovable; alloc_flags ALLOC_WMARK_MIN|ALLOC_CPUSET|ALLOC_KSWAPD by the v6.3+ rules (no __GFP_ATOMIC in the kernel's gfp flag names); the zonelist of node 0 from the stack: 2 of 3 zones eligible, 0 passing") == summary(&m),
	   "the summary: %s", summary(&m));
	OK(strstr(summary(&m), "rt_task(current) is not in the model") != NULL, "with what it could not know");
	/* the JSON, zone by zone */
	OK(json_has(&m, "\"watermark_check\":{\"eligible\":true,\"free\":217,\"unusable\":0,\"required\":297,\"reserve\":269,\"ok\":false,\"reason\":\"reserved\",\"state_moved_on\":false}"),
	   "DMA's watermark_check: eligible, free, unusable, required, reserve, ok, reason, state_moved_on");
	OK(json_has(&m, "\"reason\":\"below_min\""), "DMA32's reason below_min");
	OK(json_has(&m, "\"watermark_check\":{\"eligible\":false,\"free\":5000,\"unusable\":null,\"required\":null,\"reserve\":null,\"ok\":null,\"reason\":\"zone_too_high\",\"state_moved_on\":null}"),
	   "Normal's: not eligible, the rest null");
	/* an ok zone, with unusable pages, and the min cut */
	vm_stat[NORMAL][1] = 1000;
	compute(&m, GFP_KERNEL | G_HIGH, 0);
	IS_STR(sentence(&m, NORMAL),
	       "Normal free 20,000 kB (16,000 kB usable: less 4,000 kB free CMA) > min 2,000 kB (4,000 kB cut by ALLOC_MIN_RESERVE): ok; above high 6,000 kB, node 0 kswapd_failures 16 (all_unreclaimable); it passes with the dump's counters, later than the kernel's last, failed attempt (at the high mark, before its report): pages were freed since (the log has no zone line for it to compare)",
	       "ok, in words: in an OOM the zones failed, it says its state moved on");
	snprintf(want, sizeof(want), "\"reason\":\"ok\"");
	OK(json_has(&m, want), "the reason ok");
	OK(json_has(&m, "\"ok\":true"), "and ok true");
	vm_stat[NORMAL][1] = 0;
	/* a zone that is not on the zonelist */
	add_node1(&m);
	m.allocation.n_zonerefs = 3;
	compute(&m, GFP_KERNEL, 0);
	OK(json_has(&m, "\"reason\":\"not_on_zonelist\""), "the reason not_on_zonelist");
	m.allocation.n_zonerefs = 4;
	m.allocation.nodemask_addr = 1;
	m.allocation.nodemask = 1;
	compute(&m, GFP_KERNEL, 0);
	OK(json_has(&m, "\"reason\":\"not_in_nodemask\""), "the reason not_in_nodemask");
	m.allocation.nodemask_addr = 0;
	compute(&m, GFP_HIGHUSER, 0);
	OK(json_has(&m, "\"reason\":\"not_in_cpuset\""), "the reason not_in_cpuset");
	model_free(&m);

	/* order > 0 without a block */
	model_init(&m, 612);
	compute(&m, GFP_KERNEL, 2);
	OK(json_has(&m, "\"reason\":\"no_block\""), "the reason no_block");
	OK(strstr(sentence(&m, NORMAL), "Normal free 20,000 kB (19,988 kB usable: less 12 kB for order 2) > min 4,000 kB, but no free block of order 2 or above") == sentence(&m, NORMAL),
	   "no block, in words: %s", sentence(&m, NORMAL));
	model_free(&m);

	/* 6.1's summary names its rules and v6.1's */
	model_init(&m, 61);
	compute(&m, GFP_ATOMIC_61, 0);
	OK(strstr(summary(&m), "by the 6.1.116+ rules (__GFP_ATOMIC in the kernel's gfp flag names)") &&
	   strstr(summary(&m), "v6.1's rules (6.1.y before 6.1.116, the same table) give ALLOC_WMARK_MIN|ALLOC_HARDER|ALLOC_HIGH|ALLOC_KSWAPD and the same verdict"),
	   "6.1's summary: %s", summary(&m));
	model_free(&m);
}

int main(void)
{
	test_gfp_zone();
	test_migratetype();
	test_alloc_flags_612();
	test_alloc_flags_61();
	test_watermark_ok();
	test_highatomic();
	test_cma();
	test_order();
	test_boost();
	test_reserve_flags();
	test_eligibility();
	test_zonelist_inferred();
	test_not_computed();
	test_kswapd();
	test_words();
	printf("1..%d\n", tap_n);
	return tap_done();
}
