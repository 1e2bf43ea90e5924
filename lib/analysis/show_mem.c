// SPDX-License-Identifier: GPL-2.0
/*
 * Mem-Info as the kernel prints it.  Hold it next to show_free_areas()
 * and __show_mem() (mm/page_alloc.c and lib/show_mem.c up to 6.3,
 * mm/show_mem.c after) and hugetlb_show_meminfo_node(), show_swap_cache_info().
 */
#include <inttypes.h>
#include <string.h>

#include "../model/lookup.h"
#include "printable.h"
#include "show_mem.h"

/* MAX_RECLAIM_RETRIES (mm/internal.h): kswapd_failures at which a node
 * is "all_unreclaimable" */
#define MAX_RECLAIM_RETRIES 16

static uint64_t kb(const struct oms_model *m, int64_t pages)
{
	return (uint64_t)pages * (m->kernel.page_size / 1024);
}

static int64_t gnode(const struct oms_model *m, const char *name)
{
	return oms_global_node_stat(&m->meminfo, name, NULL);
}

static int64_t gzone(const struct oms_model *m, const char *name)
{
	return oms_global_zone_stat(&m->meminfo, name, NULL);
}

static int64_t nstat(const struct oms_model *m, const struct oms_node *nd,
		     const char *name)
{
	return oms_node_stat(&m->meminfo, nd, name, NULL);
}

static int64_t zstat(const struct oms_model *m, const struct oms_zone *z,
		     const char *name)
{
	return oms_zone_stat(&m->meminfo, z, name, NULL);
}

/* show_node(): "Node %d " on CONFIG_NUMA kernels */
static void show_node(FILE *out, const struct oms_model *m, int nid)
{
	if (m->meminfo.numa)
		fprintf(out, "Node %d ", nid);
}

/*
 * show_mem_node_skip(SHOW_MEM_FILTER_NODES, nid, oc->nodemask): the OOM
 * report (not a memcg's, which prints no Mem-Info) shows only the nodes of
 * the allocation's nodemask (kept only for CONSTRAINT_MEMORY_POLICY), else
 * of current's cpuset mems (cpuset_current_mems_allowed)
 */
static bool skip_node(const struct oms_model *m, int nid)
{
	const struct oms_allocation *a = &m->allocation;
	const struct oms_task *cur;
	uint64_t mask;

	if (nid < 0 || nid > 63 || m->oom.constraint == OMS_CONSTRAINT_MEMCG)
		return false;
	if (m->oom.constraint == OMS_CONSTRAINT_MEMORY_POLICY && a->found &&
	    a->nodemask_addr) {
		mask = a->nodemask;
	} else {
		cur = oms_current_process(m);
		if (!cur || !oms_task_known(cur, OMS_TASK_MEMS))
			return false;
		mask = cur->mems_allowed;
	}
	return !(mask & (1ULL << nid));
}

static bool node_has_managed_zones(const struct oms_model *m, int nid)
{
	size_t i;

	for (i = 0; i < m->zones.n; i++)
		if (m->zones.v[i].node == nid && m->zones.v[i].managed_pages)
			return true;
	return false;
}

static void show_global(FILE *out, const struct oms_model *m)
{
	const struct oms_meminfo *mi = &m->meminfo;
	uint64_t free_pcp = 0;
	bool sec;
	size_t i;

	for (i = 0; i < m->zones.n; i++)
		if (!skip_node(m, m->zones.v[i].node))
			free_pcp += m->zones.v[i].free_pcp;
	oms_global_node_stat(mi, "NR_SECONDARY_PAGETABLE", &sec);
	fprintf(out, "active_anon:%" PRId64 " inactive_anon:%" PRId64
		" isolated_anon:%" PRId64 "\n",
		gnode(m, "NR_ACTIVE_ANON"), gnode(m, "NR_INACTIVE_ANON"),
		gnode(m, "NR_ISOLATED_ANON"));
	fprintf(out, " active_file:%" PRId64 " inactive_file:%" PRId64
		" isolated_file:%" PRId64 "\n",
		gnode(m, "NR_ACTIVE_FILE"), gnode(m, "NR_INACTIVE_FILE"),
		gnode(m, "NR_ISOLATED_FILE"));
	fprintf(out, " unevictable:%" PRId64 " dirty:%" PRId64
		" writeback:%" PRId64 "\n",
		gnode(m, "NR_UNEVICTABLE"), gnode(m, "NR_FILE_DIRTY"),
		gnode(m, "NR_WRITEBACK"));
	fprintf(out, " slab_reclaimable:%" PRId64 " slab_unreclaimable:%"
		PRId64 "\n",
		gnode(m, "NR_SLAB_RECLAIMABLE_B"),
		gnode(m, "NR_SLAB_UNRECLAIMABLE_B"));
	fprintf(out, " mapped:%" PRId64 " shmem:%" PRId64 " pagetables:%"
		PRId64 "\n",
		gnode(m, "NR_FILE_MAPPED"), gnode(m, "NR_SHMEM"),
		gnode(m, "NR_PAGETABLE"));
	/* sec_pagetables since ebc97a52b5d6 (6.0) */
	if (sec)
		fprintf(out, " sec_pagetables:%" PRId64 " bounce:%" PRId64 "\n",
			gnode(m, "NR_SECONDARY_PAGETABLE"),
			gzone(m, "NR_BOUNCE"));
	else
		fprintf(out, " bounce:%" PRId64 "\n", gzone(m, "NR_BOUNCE"));
	fprintf(out, " kernel_misc_reclaimable:%" PRId64 "\n",
		gnode(m, "NR_KERNEL_MISC_RECLAIMABLE"));
	fprintf(out, " free:%" PRId64 " free_pcp:%" PRIu64 " free_cma:%"
		PRId64 "\n",
		gzone(m, "NR_FREE_PAGES"), free_pcp,
		gzone(m, "NR_FREE_CMA_PAGES"));
}

static void show_nodes(FILE *out, const struct oms_model *m)
{
	const struct oms_meminfo *mi = &m->meminfo;
	/* 6.1's mm/page_alloc.c: "shmem_thp: %lukB", mm/show_mem.c: no space */
	const char *sp = mi->old_show_free_areas ? " " : "";
	bool scs, sec;
	size_t i;

	for (i = 0; i < m->meminfo.n_nodes; i++) {
		const struct oms_node *nd = &m->meminfo.nodes[i];

		if (skip_node(m, nd->id))
			continue;
		/* node_has_managed_zones(): mm/show_mem.c only */
		if (!mi->old_show_free_areas &&
		    !node_has_managed_zones(m, nd->id))
			continue;
		oms_node_stat(mi, nd, "NR_KERNEL_SCS_KB", &scs);
		oms_node_stat(mi, nd, "NR_SECONDARY_PAGETABLE", &sec);
		fprintf(out, "Node %d active_anon:%" PRIu64 "kB inactive_anon:%"
			PRIu64 "kB active_file:%" PRIu64 "kB inactive_file:%"
			PRIu64 "kB unevictable:%" PRIu64 "kB isolated(anon):%"
			PRIu64 "kB isolated(file):%" PRIu64 "kB mapped:%" PRIu64
			"kB dirty:%" PRIu64 "kB writeback:%" PRIu64
			"kB shmem:%" PRIu64 "kB",
			nd->id,
			kb(m, nstat(m, nd, "NR_ACTIVE_ANON")),
			kb(m, nstat(m, nd, "NR_INACTIVE_ANON")),
			kb(m, nstat(m, nd, "NR_ACTIVE_FILE")),
			kb(m, nstat(m, nd, "NR_INACTIVE_FILE")),
			kb(m, nstat(m, nd, "NR_UNEVICTABLE")),
			kb(m, nstat(m, nd, "NR_ISOLATED_ANON")),
			kb(m, nstat(m, nd, "NR_ISOLATED_FILE")),
			kb(m, nstat(m, nd, "NR_FILE_MAPPED")),
			kb(m, nstat(m, nd, "NR_FILE_DIRTY")),
			kb(m, nstat(m, nd, "NR_WRITEBACK")),
			kb(m, nstat(m, nd, "NR_SHMEM")));
		/* the THP counters count pages since 69473e5de875 (5.13) */
		if (mi->thp)
			fprintf(out, " shmem_thp:%s%" PRIu64 "kB shmem_pmdmapped:%s%"
				PRIu64 "kB anon_thp:%s%" PRIu64 "kB",
				sp, kb(m, nstat(m, nd, "NR_SHMEM_THPS")),
				sp, kb(m, nstat(m, nd, "NR_SHMEM_PMDMAPPED")),
				sp, kb(m, nstat(m, nd, "NR_ANON_THPS")));
		fprintf(out, " writeback_tmp:%" PRIu64 "kB kernel_stack:%"
			PRId64 "kB",
			kb(m, nstat(m, nd, "NR_WRITEBACK_TEMP")),
			nstat(m, nd, "NR_KERNEL_STACK_KB"));
		if (scs)
			fprintf(out, " shadow_call_stack:%" PRId64 "kB",
				nstat(m, nd, "NR_KERNEL_SCS_KB"));
		fprintf(out, " pagetables:%" PRIu64 "kB",
			kb(m, nstat(m, nd, "NR_PAGETABLE")));
		if (sec)
			fprintf(out, " sec_pagetables:%" PRIu64 "kB",
				kb(m, nstat(m, nd, "NR_SECONDARY_PAGETABLE")));
		fprintf(out, " all_unreclaimable? %s\n",
			nd->kswapd_failures >= MAX_RECLAIM_RETRIES ?
			"yes" : "no");
	}
}

static void show_zones(FILE *out, const struct oms_model *m)
{
	size_t i;
	int j;

	for (i = 0; i < m->zones.n; i++) {
		const struct oms_zone *z = &m->zones.v[i];
		char name[OMS_PRINTABLE_SIZE(sizeof(z->name))];

		if (skip_node(m, z->node))
			continue;
		show_node(out, m, z->node);
		fprintf(out, "%s free:%" PRIu64 "kB boost:%" PRIu64
			"kB min:%" PRIu64 "kB low:%" PRIu64 "kB high:%" PRIu64
			"kB reserved_highatomic:%" PRIu64 "KB active_anon:%"
			PRIu64 "kB inactive_anon:%" PRIu64 "kB active_file:%"
			PRIu64 "kB inactive_file:%" PRIu64 "kB unevictable:%"
			PRIu64 "kB writepending:%" PRIu64 "kB present:%" PRIu64
			"kB managed:%" PRIu64 "kB mlocked:%" PRIu64
			"kB bounce:%" PRIu64 "kB free_pcp:%" PRIu64
			"kB local_pcp:%" PRIu64 "kB free_cma:%" PRIu64 "kB\n",
			oms_printable(z->name, name, sizeof(name)),
			kb(m, zstat(m, z, "NR_FREE_PAGES")),
			kb(m, (int64_t)z->watermark_boost),
			kb(m, (int64_t)z->min), kb(m, (int64_t)z->low),
			kb(m, (int64_t)z->high),
			kb(m, (int64_t)z->nr_reserved_highatomic),
			kb(m, zstat(m, z, "NR_ZONE_ACTIVE_ANON")),
			kb(m, zstat(m, z, "NR_ZONE_INACTIVE_ANON")),
			kb(m, zstat(m, z, "NR_ZONE_ACTIVE_FILE")),
			kb(m, zstat(m, z, "NR_ZONE_INACTIVE_FILE")),
			kb(m, zstat(m, z, "NR_ZONE_UNEVICTABLE")),
			kb(m, zstat(m, z, "NR_ZONE_WRITE_PENDING")),
			kb(m, (int64_t)z->present_pages),
			kb(m, (int64_t)z->managed_pages),
			kb(m, zstat(m, z, "NR_MLOCK")),
			kb(m, zstat(m, z, "NR_BOUNCE")),
			kb(m, (int64_t)z->free_pcp),
			kb(m, (int64_t)z->local_pcp),
			kb(m, zstat(m, z, "NR_FREE_CMA_PAGES")));
		fprintf(out, "lowmem_reserve[]:");
		for (j = 0; j < z->nr_lowmem_reserve; j++)
			fprintf(out, " %" PRId64, (int64_t)z->lowmem_reserve[j]);
		fprintf(out, "\n");
	}
}

void oms_show_free_line(FILE *out, const struct oms_model *m,
			  const struct oms_zone *z)
{
	char name[OMS_PRINTABLE_SIZE(sizeof(z->name))];
	uint64_t total = 0;
	int o, mt;

	show_node(out, m, z->node);
	fprintf(out, "%s: ", oms_printable(z->name, name, sizeof(name)));
	for (o = 0; o < z->nr_orders; o++)
		total += z->free_area[o].nr_free << o;
	for (o = 0; o < z->nr_orders; o++) {
		const struct oms_free_area *fa = &z->free_area[o];

		fprintf(out, "%" PRIu64 "*%" PRIu64 "kB ", fa->nr_free,
			kb(m, 1) << o);
		/* show_migration_types() */
		if (!fa->nr_free)
			continue;
		fputc('(', out);
		for (mt = 0; mt < m->zones.migratetypes.nr; mt++)
			if (fa->nonempty & (1U << mt))
				fputc(m->zones.migratetypes.letter[mt], out);
		fputs(") ", out);
	}
	fprintf(out, "= %" PRIu64 "kB", kb(m, (int64_t)total));
}

static void show_free_lines(FILE *out, const struct oms_model *m)
{
	size_t i;

	for (i = 0; i < m->zones.n; i++) {
		if (skip_node(m, m->zones.v[i].node))
			continue;
		oms_show_free_line(out, m, &m->zones.v[i]);
		fputc('\n', out);
	}
}

static void show_hugepages(FILE *out, const struct oms_model *m)
{
	const struct oms_meminfo *mi = &m->meminfo;
	size_t i;
	int h;

	for (i = 0; i < m->meminfo.n_nodes; i++) {
		const struct oms_node *nd = &m->meminfo.nodes[i];

		if (skip_node(m, nd->id))
			continue;
		for (h = 0; h < mi->nr_hstates; h++)
			fprintf(out, "Node %d hugepages_total=%" PRIu64
				" hugepages_free=%" PRIu64 " hugepages_surp=%"
				PRIu64 " hugepages_size=%" PRIu64 "kB\n",
				nd->id, nd->huge_total[h], nd->huge_free[h],
				nd->huge_surp[h], mi->hstate_size_kb[h]);
	}
}

void oms_show_mem(FILE *out, const struct oms_model *m)
{
	const struct oms_meminfo *mi = &m->meminfo;
	uint64_t total = 0, reserved = 0, highmem = 0;
	size_t i;

	fprintf(out, "Mem-Info:\n");
	show_global(out, m);
	show_nodes(out, m);
	show_zones(out, m);
	show_free_lines(out, m);
	show_hugepages(out, m);
	fprintf(out, "%" PRId64 " total pagecache pages\n",
		gnode(m, "NR_FILE_PAGES"));
	/* show_swap_cache_info(): total_swapcache_pages() is
	 * global_node_page_state(NR_SWAPCACHE) since 5.13 */
	fprintf(out, "%" PRId64 " pages in swap cache\n",
		gnode(m, "NR_SWAPCACHE"));
	/* K(get_nr_swap_pages()): a long shifted, which wraps as the
	 * kernel's does (-fno-strict-overflow) on a corrupt count */
	fprintf(out, "Free swap  = %" PRId64 "kB\n",
		(int64_t)(mi->free_swap_pages * (m->kernel.page_size / 1024)));
	fprintf(out, "Total swap = %" PRIu64 "kB\n",
		kb(m, (int64_t)mi->total_swap_pages));
	for (i = 0; i < m->zones.n; i++) {
		total += m->zones.v[i].present_pages;
		reserved += m->zones.v[i].present_pages -
			    m->zones.v[i].managed_pages;
		/* is_highmem(): ZONE_HIGHMEM, named "HighMem" in zone_names[],
		 * exists only on CONFIG_HIGHMEM (32-bit) kernels */
		if (!strcmp(m->zones.v[i].name, "HighMem"))
			highmem += m->zones.v[i].present_pages;
	}
	fprintf(out, "%" PRIu64 " pages RAM\n", total);
	fprintf(out, "%" PRIu64 " pages HighMem/MovableOnly\n", highmem);
	fprintf(out, "%" PRIu64 " pages reserved\n", reserved);
	if (mi->cma)
		fprintf(out, "%" PRIu64 " pages cma reserved\n",
			mi->totalcma_pages);
	if (mi->hwpoison)
		fprintf(out, "%" PRIu64 " pages hwpoisoned\n",
			mi->num_poisoned_pages);
}

void oms_show_free_walk(FILE *out, const struct oms_model *m)
{
	size_t i;
	int o, mt;

	for (i = 0; i < m->zones.n; i++) {
		const struct oms_zone *z = &m->zones.v[i];
		char name[OMS_PRINTABLE_SIZE(sizeof(z->name))];

		oms_printable(z->name, name, sizeof(name));
		for (o = 0; o < z->nr_orders; o++) {
			const struct oms_free_area *fa = &z->free_area[o];

			fprintf(out, "free node %d zone %s order %d nr_free %"
				PRIu64 "%s%s", z->node, name, o,
				fa->nr_free, fa->walked ? "" : " unwalked",
				fa->corrupt ? " corrupt" : "");
			for (mt = 0; mt < m->zones.migratetypes.nr; mt++)
				fprintf(out, " %c:%" PRIu64,
					m->zones.migratetypes.letter[mt],
					fa->by_migratetype[mt]);
			fputc('\n', out);
		}
	}
}
