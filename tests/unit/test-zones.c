// SPDX-License-Identifier: GPL-2.0
/*
 * lib/zones.c on synthetic kernels: one case per layout the walker knows
 * (11 or 12 free_area orders, _watermark or watermark, per_cpu_pageset or
 * pageset, NUMA or not, zone without vm_stat) and per kind of damage (a
 * cyclic free list, a filtered page in a list, nr_free that disagrees).
 * Expected values are the ones the test wrote into the fake memory.
 */
#include <stdlib.h>

#include "../../lib/backend/fake.h"
#include "../../lib/analysis/show_mem.h"
#include "../../lib/model/warn.h"
#include "../../lib/collect/zones.h"
#include "tap.h"

#define ZONE_SIZE 2048
#define NR_ZONES 3
#define FA_SIZE 88		/* 5 list_heads + nr_free */
#define NR_MT 5
#define PAGE_STRUCT 64
#define LRU 8			/* page.lru */
#define PCP_SIZE 64
#define NCPU 3

/* zone member offsets of the synthetic kernel */
enum {
	Z_WMARK = 0, Z_BOOST = 32, Z_HIGHATOMIC = 40, Z_LOWMEM = 48,
	Z_PCP = 96, Z_MANAGED = 104, Z_SPANNED = 112, Z_PRESENT = 120,
	Z_NAME = 128, Z_VMSTAT = 136, Z_FREE_AREA = 256,
};

struct layout_opts {
	int orders;
	bool old_watermark;	/* zone.watermark, no boost */
	bool old_pageset;	/* zone.pageset -> per_cpu_pageset.pcp */
	bool no_vm_stat;
	bool numa;
};

struct kernel {
	struct oms_fake *f;
	const struct oms_target *t;
	uint64_t pgdat[2];
	uint64_t pcp;		/* per-cpu base of the pagesets */
	uint64_t names;
};

static uint64_t zone_addr(const struct kernel *k, int node, int zi)
{
	return k->pgdat[node] + (uint64_t)zi * ZONE_SIZE;
}

static uint64_t list_head(const struct kernel *k, int node, int zi, int order,
			  int mt)
{
	return zone_addr(k, node, zi) + Z_FREE_AREA +
	       (uint64_t)order * FA_SIZE + (uint64_t)mt * 16;
}

static void build(struct kernel *k, const struct layout_opts *o)
{
	struct oms_fake *f = oms_fake_create();
	uint64_t addr, pgdat_size = NR_ZONES * ZONE_SIZE + 512;
	int node, zi, order, mt, cpu;

	k->f = f;
	k->t = oms_fake_target(f);
	oms_fake_add_type(f, "struct zone", ZONE_SIZE);
	oms_fake_add_type(f, "struct pglist_data", pgdat_size);
	oms_fake_add_type(f, "struct free_area", FA_SIZE);
	oms_fake_add_type(f, "struct list_head", 16);
	oms_fake_add_member(f, "struct pglist_data", "node_zones", 0,
			    NR_ZONES * ZONE_SIZE);
	oms_fake_add_member(f, "struct pglist_data", "node_id",
			    NR_ZONES * ZONE_SIZE, 4);
	oms_fake_add_member(f, "struct zone",
			    o->old_watermark ? "watermark" : "_watermark",
			    Z_WMARK, 24);
	if (!o->old_watermark)
		oms_fake_add_member(f, "struct zone", "watermark_boost",
				    Z_BOOST, 8);
	oms_fake_add_member(f, "struct zone", "nr_reserved_highatomic",
			    Z_HIGHATOMIC, 8);
	oms_fake_add_member(f, "struct zone", "lowmem_reserve", Z_LOWMEM,
			    NR_ZONES * 8);
	oms_fake_add_member(f, "struct zone", "managed_pages", Z_MANAGED, 8);
	oms_fake_add_member(f, "struct zone", "spanned_pages", Z_SPANNED, 8);
	oms_fake_add_member(f, "struct zone", "present_pages", Z_PRESENT, 8);
	oms_fake_add_member(f, "struct zone", "name", Z_NAME, 8);
	if (!o->no_vm_stat)
		oms_fake_add_member(f, "struct zone", "vm_stat", Z_VMSTAT, 11 * 8);
	oms_fake_add_member(f, "struct zone", "free_area", Z_FREE_AREA,
			    (uint64_t)o->orders * FA_SIZE);
	oms_fake_add_member(f, "struct free_area", "free_list", 0, NR_MT * 16);
	oms_fake_add_member(f, "struct free_area", "nr_free", 80, 8);
	if (o->old_pageset) {
		oms_fake_add_member(f, "struct zone", "pageset", Z_PCP, 8);
		oms_fake_add_member(f, "struct per_cpu_pageset", "pcp", 16, 32);
	} else {
		oms_fake_add_member(f, "struct zone", "per_cpu_pageset", Z_PCP, 8);
	}
	oms_fake_add_member(f, "struct per_cpu_pages", "count", 4, 4);
	oms_fake_add_enum(f, "WMARK_MIN", 0);
	oms_fake_add_enum(f, "WMARK_LOW", 1);
	oms_fake_add_enum(f, "WMARK_HIGH", 2);
	oms_fake_add_enum(f, "MIGRATE_UNMOVABLE", 0);
	oms_fake_add_enum(f, "MIGRATE_MOVABLE", 1);
	oms_fake_add_enum(f, "MIGRATE_RECLAIMABLE", 2);
	oms_fake_add_enum(f, "MIGRATE_HIGHATOMIC", 3);
	oms_fake_add_enum(f, "MIGRATE_ISOLATE", 4);
	oms_fake_add_enum(f, "MIGRATE_TYPES", NR_MT);

	/* cpus: 3 possible, 0 and 2 online; per-cpu areas 0x1000 apart */
	addr = oms_fake_alloc(f, 4);
	oms_fake_poke_u32(f, addr, NCPU);
	oms_fake_add_symbol(f, "nr_cpu_ids", addr);
	addr = oms_fake_alloc(f, 8 * NCPU);
	for (cpu = 0; cpu < NCPU; cpu++)
		oms_fake_poke_u64(f, addr + 8 * cpu, 0x100000ULL * (cpu + 1));
	oms_fake_add_symbol(f, "__per_cpu_offset", addr);
	addr = oms_fake_alloc(f, 8);
	oms_fake_poke_u64(f, addr, 0x7);
	oms_fake_add_symbol(f, "__cpu_possible_mask", addr);
	addr = oms_fake_alloc(f, 8);
	oms_fake_poke_u64(f, addr, 0x5);
	oms_fake_add_symbol(f, "__cpu_online_mask", addr);
	addr = oms_fake_alloc(f, 4);
	oms_fake_poke_u32(f, addr, 2);
	oms_fake_add_symbol(f, "panic_cpu", addr);

	k->names = oms_fake_alloc(f, 64);
	oms_fake_poke(f, k->names, "DMA", 4);
	oms_fake_poke(f, k->names + 16, "DMA32", 6);
	oms_fake_poke(f, k->names + 32, "Normal", 7);

	k->pgdat[0] = oms_fake_alloc(f, pgdat_size);
	k->pgdat[1] = o->numa ? oms_fake_alloc(f, pgdat_size) : 0;
	if (o->numa) {
		uint64_t nd = oms_fake_alloc(f, 8 * 64), ns = oms_fake_alloc(f, 16);

		oms_fake_add_type(f, "nodemask_t", 8);
		oms_fake_add_enum(f, "N_ONLINE", 1);
		oms_fake_poke_u64(f, nd, k->pgdat[0]);
		oms_fake_poke_u64(f, nd + 8, k->pgdat[1]);
		oms_fake_poke_u64(f, nd + 16, 0xdead000);	/* offline */
		oms_fake_poke_u64(f, ns + 8, 0x3);		/* N_ONLINE: 0, 1 */
		oms_fake_add_symbol(f, "node_data", nd);
		oms_fake_add_symbol(f, "node_states", ns);
	} else {
		oms_fake_add_symbol(f, "contig_page_data", k->pgdat[0]);
	}

	/* every zone of every node: empty lists, DMA32 of node 0 populated,
	 * node 1's Normal populated on NUMA */
	for (node = 0; node < (o->numa ? 2 : 1); node++) {
		oms_fake_poke_u32(f, k->pgdat[node] + NR_ZONES * ZONE_SIZE,
				  (uint32_t)node);
		for (zi = 0; zi < NR_ZONES; zi++) {
			uint64_t z = zone_addr(k, node, zi);
			bool pop = node == 0 ? zi == 1 : zi == 2;
			uint64_t pcpv = oms_fake_alloc(f, PCP_SIZE);

			oms_fake_poke_u64(f, z + Z_NAME, k->names + 16 * zi);
			for (order = 0; order < o->orders; order++)
				for (mt = 0; mt < NR_MT; mt++) {
					uint64_t h = list_head(k, node, zi,
							       order, mt);

					oms_fake_poke_u64(f, h, h);
					oms_fake_poke_u64(f, h + 8, h);
				}
			if (!pop)
				continue;
			oms_fake_poke_u64(f, z + Z_PRESENT, 1000 * (node + 1));
			oms_fake_poke_u64(f, z + Z_SPANNED, 1100 * (node + 1));
			oms_fake_poke_u64(f, z + Z_MANAGED, 900 * (node + 1));
			oms_fake_poke_u64(f, z + Z_WMARK, 10);
			oms_fake_poke_u64(f, z + Z_WMARK + 8, 12);
			oms_fake_poke_u64(f, z + Z_WMARK + 16, 14);
			if (!o->old_watermark)
				oms_fake_poke_u64(f, z + Z_BOOST, 5);
			oms_fake_poke_u64(f, z + Z_HIGHATOMIC, 3);
			oms_fake_poke_u64(f, z + Z_LOWMEM + 8, 7);
			oms_fake_poke_u64(f, z + Z_VMSTAT, 77);	/* NR_FREE_PAGES */
			/* the per-cpu pagesets: the pointer is per-cpu, the
			 * counts 1, 2, 4 at offset+ptr(+pcp)+count */
			oms_fake_poke_u64(f, z + Z_PCP, pcpv);
			for (cpu = 0; cpu < NCPU; cpu++) {
				uint64_t c = pcpv + 0x100000ULL * (cpu + 1);
				uint32_t v = 1U << cpu;

				oms_fake_add_memory(f, c, (char[PCP_SIZE]){0},
						    PCP_SIZE);
				oms_fake_poke_u32(f, c + 4 +
						  (o->old_pageset ? 16 : 0), v);
			}
		}
	}
}

/* put n fresh pages on free_list[mt] of (node, zone, order) */
static uint64_t *add_pages(struct kernel *k, int node, int zi, int order,
			   int mt, int n)
{
	uint64_t h = list_head(k, node, zi, order, mt), prev = h;
	uint64_t *lrus = calloc((size_t)n, sizeof(*lrus));
	int i;

	for (i = 0; i < n; i++) {
		lrus[i] = oms_fake_alloc(k->f, PAGE_STRUCT) + LRU;
		oms_fake_poke_u64(k->f, prev, lrus[i]);		/* ->next */
		oms_fake_poke_u64(k->f, lrus[i] + 8, prev);	/* ->prev */
		prev = lrus[i];
	}
	oms_fake_poke_u64(k->f, prev, h);
	oms_fake_poke_u64(k->f, h + 8, prev);
	return lrus;
}

static void set_nr_free(struct kernel *k, int node, int zi, int order,
			uint64_t n)
{
	oms_fake_poke_u64(k->f, list_head(k, node, zi, order, 0) + 80, n);
}

static void model_init(struct oms_model *m)
{
	memset(m, 0, sizeof(*m));
	/* the fake's panic_cpu, as oms_current_collect reads it first */
	m->kernel.panic_cpu = 2;
}

static void model_deinit(struct oms_model *m)
{
	oms_zones_deinit(&m->zones);
	oms_warnings_deinit(&m->warnings);
}

static bool has_warning(const struct oms_model *m, const char *part)
{
	size_t i;

	for (i = 0; i < m->warnings.n; i++)
		if (strstr(m->warnings.v[i].message, part))
			return true;
	return false;
}

static void test_layout(int orders)
{
	struct layout_opts o = { .orders = orders };
	struct oms_model m;
	struct kernel k;
	struct oms_zone *z;
	char *line = NULL;
	size_t len = 0;
	FILE *mem;
	int i;

	build(&k, &o);
	free(add_pages(&k, 0, 1, 0, 0, 3));	/* 3 U */
	free(add_pages(&k, 0, 1, 0, 1, 2));	/* 2 M */
	free(add_pages(&k, 0, 1, 3, 2, 1));	/* 1 E of order 3 */
	free(add_pages(&k, 0, 1, orders - 1, 1, 1));	/* the top order */
	set_nr_free(&k, 0, 1, 0, 5);
	set_nr_free(&k, 0, 1, 3, 1);
	set_nr_free(&k, 0, 1, orders - 1, 1);
	model_init(&m);
	NO_ERR(oms_zones_collect(k.t, &m.kernel, &m.zones, &m.warnings, true), "%d orders: collect", orders);
	IS_INT(m.zones.n, 1, "%d orders: one populated zone", orders);
	z = &m.zones.v[0];
	IS_STR(z->name, "DMA32", "zone name");
	IS_INT(z->index, 1, "zone index");
	IS_INT(z->nr_orders, orders, "nr_orders from the array's size");
	IS_INT(z->present_pages, 1000, "present");
	IS_INT(z->spanned_pages, 1100, "spanned");
	IS_INT(z->managed_pages, 900, "managed");
	IS_INT(z->free_pages, 77, "vm_stat[NR_FREE_PAGES]");
	IS_INT(z->min, 15, "min = _watermark[WMARK_MIN] + boost");
	IS_INT(z->low, 17, "low + boost");
	IS_INT(z->high, 19, "high + boost");
	IS_INT(z->watermark_boost, 5, "boost");
	IS_INT(z->nr_reserved_highatomic, 3, "nr_reserved_highatomic");
	IS_INT(z->nr_lowmem_reserve, 3, "lowmem_reserve length");
	IS_INT(z->lowmem_reserve[1], 7, "lowmem_reserve[1]");
	IS_INT(z->free_pcp, 1 + 4, "free_pcp sums the online cpus 0 and 2");
	IS_INT(z->local_pcp, 4, "local_pcp of the panic cpu 2");
	IS_INT(z->free_area[0].by_migratetype[0], 3, "order 0 U walked");
	IS_INT(z->free_area[0].by_migratetype[1], 2, "order 0 M walked");
	IS_INT(z->free_area[3].by_migratetype[2], 1, "order 3 E walked");
	IS_INT(z->free_area[orders - 1].by_migratetype[1], 1, "top order walked");
	for (i = 0; i < orders; i++)
		if (!z->free_area[i].walked || z->free_area[i].corrupt)
			break;
	IS_INT(i, orders, "every order walked, none corrupt");
	IS_INT(z->free_area[0].nonempty, 0x3, "order 0 lists U and M not empty");
	IS_INT(m.warnings.n, 0, "no warnings");
	IS_INT(m.zones.migratetypes.nr, 5, "MIGRATE_TYPES");
	IS_STR(m.zones.migratetypes.letter, "UMEHI", "letters by enumerator");

	/* the free line, written out by hand from the lists above */
	m.kernel.page_size = 4096;
	mem = open_memstream(&line, &len);
	oms_show_free_line(mem, &m, z);
	fclose(mem);
	IS_STR(line, orders == 11 ?
	       "DMA32: 5*4kB (UM) 0*8kB 0*16kB 1*32kB (E) 0*64kB 0*128kB "
	       "0*256kB 0*512kB 0*1024kB 0*2048kB 1*4096kB (M) = 4148kB" :
	       "DMA32: 5*4kB (UM) 0*8kB 0*16kB 1*32kB (E) 0*64kB 0*128kB "
	       "0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB 1*8192kB (M) "
	       "= 8244kB", "%d orders: free line", orders);
	free(line);
	model_deinit(&m);
	oms_fake_destroy(k.f);
}

static void test_cycle(void)
{
	struct layout_opts o = { .orders = 11 };
	struct oms_model m;
	struct kernel k;
	uint64_t *p;

	build(&k, &o);
	p = add_pages(&k, 0, 1, 2, 1, 4);
	/* the 4th page points back to the 2nd: a cycle without the head */
	oms_fake_poke_u64(k.f, p[3], p[1]);
	free(p);
	set_nr_free(&k, 0, 1, 2, 4);
	free(add_pages(&k, 0, 1, 1, 0, 2));
	set_nr_free(&k, 0, 1, 1, 2);
	model_init(&m);
	NO_ERR(oms_zones_collect(k.t, &m.kernel, &m.zones, &m.warnings, true), "cycle: collect, no abort");
	OK(m.zones.v[0].free_area[2].corrupt, "cycle: order 2 corrupt");
	OK(!m.zones.v[0].free_area[2].walked, "cycle: order 2 not walked");
	OK(has_warning(&m, "order 2 free_list[1]"), "cycle: a warning names the list");
	OK(oms_fake_reads(k.f) < 2000, "cycle: the walk is bounded (%llu reads)",
	   (unsigned long long)oms_fake_reads(k.f));
	IS_INT(m.zones.v[0].free_area[1].by_migratetype[0], 2,
	       "cycle: the other orders are still walked");
	OK(m.zones.v[0].free_area[1].walked, "cycle: order 1 walked");
	model_deinit(&m);

	/* a self-loop on the last entry and a list longer than nr_free */
	p = add_pages(&k, 0, 1, 4, 0, 1);
	oms_fake_poke_u64(k.f, p[0], p[0]);
	free(p);
	model_init(&m);
	NO_ERR(oms_zones_collect(k.t, &m.kernel, &m.zones, &m.warnings, true), "self-loop: collect");
	OK(m.zones.v[0].free_area[4].corrupt, "self-loop: corrupt");
	model_deinit(&m);
	oms_fake_destroy(k.f);
}

static void test_filtered_page(void)
{
	struct layout_opts o = { .orders = 11 };
	struct oms_model m;
	struct kernel k;
	uint64_t *p;

	build(&k, &o);
	p = add_pages(&k, 0, 1, 0, 1, 3);
	set_nr_free(&k, 0, 1, 0, 3);
	/* the 2nd page's struct page is not in the dump */
	oms_fake_add_hole(k.f, p[1] - LRU, PAGE_STRUCT);
	model_init(&m);
	NO_ERR(oms_zones_collect(k.t, &m.kernel, &m.zones, &m.warnings, true), "filtered page: collect, no abort");
	OK(m.zones.v[0].free_area[0].corrupt, "filtered page: corrupt");
	IS_INT(m.zones.v[0].free_area[0].by_migratetype[1], 1,
	       "filtered page: counted up to the hole");
	IS_INT(m.zones.v[0].free_area[0].nr_free, 3, "filtered page: nr_free kept");
	OK(has_warning(&m, "walk stopped after 1 blocks"), "filtered page: warning");
	model_deinit(&m);
	free(p);
	oms_fake_destroy(k.f);
}

static void test_nr_free_disagrees(void)
{
	struct layout_opts o = { .orders = 11 };
	struct oms_model m;
	struct kernel k;

	build(&k, &o);
	free(add_pages(&k, 0, 1, 0, 0, 2));
	set_nr_free(&k, 0, 1, 0, 5);
	model_init(&m);
	NO_ERR(oms_zones_collect(k.t, &m.kernel, &m.zones, &m.warnings, false), "no walk: collect");
	OK(!m.zones.v[0].free_area[0].walked, "no walk: not walked");
	IS_INT(m.zones.v[0].free_area[0].nonempty, 1, "no walk: still knows U is not empty");
	IS_INT(m.warnings.n, 0, "no walk: no warning");
	model_deinit(&m);
	model_init(&m);
	NO_ERR(oms_zones_collect(k.t, &m.kernel, &m.zones, &m.warnings, true), "disagree: collect");
	OK(m.zones.v[0].free_area[0].walked && !m.zones.v[0].free_area[0].corrupt,
	   "disagree: walked to the end");
	OK(has_warning(&m, "2 blocks on the free lists, nr_free says 5"),
	   "disagree: warning with both numbers");
	model_deinit(&m);
	oms_fake_destroy(k.f);
}

static void test_old_layout(void)
{
	struct layout_opts o = { .orders = 11, .old_watermark = true,
				 .old_pageset = true, .no_vm_stat = true };
	struct oms_model m;
	struct kernel k;

	build(&k, &o);
	model_init(&m);
	m.kernel.panic_cpu = 0;
	NO_ERR(oms_zones_collect(k.t, &m.kernel, &m.zones, &m.warnings, true), "old layout: collect");
	IS_INT(m.zones.v[0].min, 10, "old layout: watermark[] without boost");
	IS_INT(m.zones.v[0].free_pcp, 5, "old layout: pageset->pcp.count");
	IS_INT(m.zones.v[0].local_pcp, 1, "old layout: local_pcp of model's panic cpu 0");
	IS_INT(m.zones.v[0].nr_vm_stat, 0, "no vm_stat: none");
	OK(m.zones.v[0].partial, "no vm_stat: zone partial");
	OK(has_warning(&m, "no 'zone.vm_stat'"), "no vm_stat: warning");
	model_deinit(&m);
	oms_fake_destroy(k.f);
}

static void test_numa(void)
{
	struct layout_opts o = { .orders = 11, .numa = true };
	struct oms_model m;
	struct kernel k;
	int *ids;
	uint64_t *pg;
	size_t n;

	build(&k, &o);
	NO_ERR(oms_online_nodes(k.t, NULL, &ids, &pg, &n), "numa: online nodes");
	IS_INT(n, 2, "numa: two online nodes (node 2 offline)");
	IS_INT(pg[1], k.pgdat[1], "numa: node 1's pgdat");
	free(ids);
	free(pg);
	model_init(&m);
	NO_ERR(oms_zones_collect(k.t, &m.kernel, &m.zones, &m.warnings, true), "numa: collect");
	IS_INT(m.zones.n, 2, "numa: one zone per node");
	IS_INT(m.zones.v[1].node, 1, "numa: 2nd zone on node 1");
	IS_STR(m.zones.v[1].name, "Normal", "numa: node 1 Normal");
	IS_INT(m.zones.v[1].present_pages, 2000, "numa: node 1 present");
	model_deinit(&m);
	oms_fake_destroy(k.f);
}

/* node_data[] of an online node NULL, then of both: never an empty
 * zones section without a word */
static void test_node_data_null(void)
{
	struct layout_opts o = { .orders = 11, .numa = true };
	struct oms_model m;
	struct kernel k;
	struct oms_error *err;
	uint64_t nd;

	build(&k, &o);
	oms_error_destroy(oms_symbol(k.t, "node_data", &nd));
	oms_fake_poke_u64(k.f, nd + 8, 0);
	model_init(&m);
	NO_ERR(oms_zones_collect(k.t, &m.kernel, &m.zones, &m.warnings, true), "node 1 NULL: collect");
	IS_INT(m.zones.n, 1, "node 1 NULL: node 0's zone only");
	OK(has_warning(&m, "node 1 is online") &&
	   has_warning(&m, "'node_data[1]' at 0x") && has_warning(&m, "is NULL"),
	   "node 1 NULL: a warning names node_data[1] and its address");
	model_deinit(&m);

	oms_fake_poke_u64(k.f, nd, 0);
	model_init(&m);
	err = oms_zones_collect(k.t, &m.kernel, &m.zones, &m.warnings, true);
	OK(err && err->code == OMS_ERR_CORRUPT &&
	   strstr(err->message, "no online node has a 'pglist_data'"),
	   "both NULL: an error, not an empty list");
	if (err)
		printf("# %s\n", err->message);
	oms_error_destroy(err);
	IS_INT(m.zones.n, 0, "both NULL: no zone");
	model_deinit(&m);
	oms_fake_destroy(k.f);
}

int main(void)
{
	test_layout(11);
	test_layout(12);
	test_cycle();
	test_filtered_page();
	test_nr_free_disagrees();
	test_old_layout();
	test_numa();
	test_node_data_null();
	return tap_done();
}
