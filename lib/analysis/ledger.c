// SPDX-License-Identifier: GPL-2.0
/*
 * The ledger (ledger.h): every present page in one line.  The counters are
 * the kernel's global ones (global_node_page_state(),
 * global_zone_page_state(): the atomics, without the per-cpu diffs not yet
 * folded in), the same the Mem-Info block prints; a counter this kernel does
 * not have is left out, not shown as 0.
 */
#include <stdio.h>
#include <string.h>

#include "../model/lookup.h"
#include "ledger.h"

/* garbage counters wrap as the kernel's unsigned long sums do, never UB */
static int64_t wadd(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a + (uint64_t)b);
}

static int64_t wsub(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a - (uint64_t)b);
}

const char *oms_ledger_group_name(enum oms_ledger_group g)
{
	static const char *const names[OMS_LEDGER_NR_GROUPS] = {
		[OMS_LEDGER_RESERVED] = "reserved",
		[OMS_LEDGER_FREE] = "free",
		[OMS_LEDGER_LRU] = "lru",
		[OMS_LEDGER_SLAB] = "slab",
		[OMS_LEDGER_PAGETABLES] = "pagetables",
		[OMS_LEDGER_KERNEL] = "kernel",
		[OMS_LEDGER_HUGETLB] = "hugetlb",
		[OMS_LEDGER_UNACCOUNTED] = "unaccounted",
	};

	return (unsigned int)g < OMS_LEDGER_NR_GROUPS ? names[g] : "?";
}

static struct oms_ledger_line *add(struct oms_ledger *l,
				   enum oms_ledger_group g, const char *name,
				   const char *source, int64_t pages)
{
	struct oms_ledger_line *line;

	if (l->n_lines >= OMS_LEDGER_MAX_LINES)
		return NULL;
	line = &l->lines[l->n_lines++];
	line->name = name;
	line->source = source;
	line->group = g;
	line->pages = pages;
	return line;
}

/* a global counter, node or zone, in pages; false if this kernel has none */
static bool counter(const struct oms_meminfo *mi, const char *name,
		    int64_t *ret)
{
	bool found;

	*ret = oms_global_node_stat(mi, name, &found);
	if (!found)
		*ret = oms_global_zone_stat(mi, name, &found);
	return found;
}

/* add the counter's line if this kernel has it; its pages, 0 if not */
static int64_t add_counter(struct oms_ledger *l, const struct oms_meminfo *mi,
			   enum oms_ledger_group g, const char *name,
			   const char *item, bool subset)
{
	struct oms_ledger_line *line;
	int64_t v;

	if (!counter(mi, item, &v))
		return 0;
	line = add(l, g, name, item, v);
	if (line)
		line->subset = subset;
	return v;
}

static void reserved_lines(struct oms_ledger *l, const struct oms_model *m,
			   uint64_t page_size)
{
	const struct oms_kmem *km = &m->meminfo.kmem;
	int64_t reserved = (int64_t)(l->total_pages - l->managed_pages);
	int64_t rest = reserved;
	struct oms_ledger_line *line;

	if (km->has_struct_page) {
		/* sparse_init() allocates the memmap from memblock: a struct
		 * page for each present page (whole sections: a little more) */
		line = add(l, OMS_LEDGER_RESERVED, "memmap",
			   "sizeof(struct page) x present pages",
			   (int64_t)((km->struct_page_size * l->total_pages +
				      page_size - 1) / page_size));
		if (line) {
			line->estimated = true;
			rest = wsub(rest, line->pages);
		}
	}
	if (km->has_image) {
		line = add(l, OMS_LEDGER_RESERVED, "kernel image",
			   "_text.._etext, rodata, _sdata.._edata, bss",
			   (int64_t)km->image_pages);
		if (line) {
			line->estimated = true;
			rest = wsub(rest, line->pages);
		}
	}
	if (km->has_crashkernel && km->crashkernel_pages) {
		line = add(l, OMS_LEDGER_RESERVED, "crash kernel", "crashk_res",
			   (int64_t)km->crashkernel_pages);
		if (line)
			rest = wsub(rest, line->pages);
	}
	if (km->has_percpu && km->percpu_first_pages) {
		line = add(l, OMS_LEDGER_RESERVED, "percpu first chunk",
			   "pcpu_first_chunk nr_populated x pcpu_nr_units",
			   (int64_t)km->percpu_first_pages);
		if (line)
			rest = wsub(rest, line->pages);
	}
	line = add(l, OMS_LEDGER_RESERVED, "other reserved",
		   "present - managed, less the lines above (firmware, memblock)",
		   rest);
	if (line)
		line->estimated = true;
}

struct counter_line {
	enum oms_ledger_group group;
	const char *name, *item;
	bool subset;
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* the LRU lists (and what is inside them), slab and page tables */
static const struct counter_line user_lines[] = {
	{ OMS_LEDGER_LRU, "anon LRU (active)", "NR_ACTIVE_ANON", false },
	{ OMS_LEDGER_LRU, "anon LRU (inactive)", "NR_INACTIVE_ANON", false },
	{ OMS_LEDGER_LRU, "file LRU (active)", "NR_ACTIVE_FILE", false },
	{ OMS_LEDGER_LRU, "file LRU (inactive)", "NR_INACTIVE_FILE", false },
	{ OMS_LEDGER_LRU, "unevictable", "NR_UNEVICTABLE", false },
	{ OMS_LEDGER_LRU, "isolated anon", "NR_ISOLATED_ANON", false },
	{ OMS_LEDGER_LRU, "isolated file", "NR_ISOLATED_FILE", false },
	{ OMS_LEDGER_LRU, "of which shmem", "NR_SHMEM", true },
	{ OMS_LEDGER_LRU, "of which swap cache", "NR_SWAPCACHE", true },
	{ OMS_LEDGER_LRU, "of which mlocked", "NR_MLOCK", true },
	{ OMS_LEDGER_SLAB, "slab reclaimable", "NR_SLAB_RECLAIMABLE_B", false },
	{ OMS_LEDGER_SLAB, "slab unreclaimable", "NR_SLAB_UNRECLAIMABLE_B",
	  false },
	{ OMS_LEDGER_PAGETABLES, "page tables", "NR_PAGETABLE", false },
	{ OMS_LEDGER_PAGETABLES, "secondary page tables",
	  "NR_SECONDARY_PAGETABLE", false },
};

/* the kernel's own counters after the stacks, vmalloc and percpu */
static const struct counter_line kernel_lines[] = {
	{ OMS_LEDGER_KERNEL, "zsmalloc (zram, zswap)", "NR_ZSPAGES", false },
	{ OMS_LEDGER_KERNEL, "bounce", "NR_BOUNCE", false },
	{ OMS_LEDGER_KERNEL, "misc reclaimable", "NR_KERNEL_MISC_RECLAIMABLE",
	  false },
};

/* each line of the table whose counter this kernel has; the sum of those
 * not subsets */
static int64_t add_counters(struct oms_ledger *l, const struct oms_meminfo *mi,
			    const struct counter_line *t, size_t n)
{
	int64_t sum = 0, v;

	for (size_t i = 0; i < n; i++) {
		v = add_counter(l, mi, t[i].group, t[i].name, t[i].item,
				t[i].subset);
		if (!t[i].subset)
			sum = wadd(sum, v);
	}
	return sum;
}

static int64_t managed_lines(struct oms_ledger *l, const struct oms_model *m,
			     uint64_t page_size)
{
	const struct oms_meminfo *mi = &m->meminfo;
	const struct oms_kmem *km = &mi->kmem;
	struct oms_ledger_line *line;
	int64_t sum = 0, free = 0, pcp = 0, stack_kb = 0, stacks = 0, v;
	size_t i;
	int h;

	for (i = 0; i < m->zones.n; i++) {
		free = wadd(free, (int64_t)m->zones.v[i].free_pages);
		pcp = wadd(pcp, (int64_t)m->zones.v[i].free_pcp);
	}
	if (add(l, OMS_LEDGER_FREE, "free (buddy)", "NR_FREE_PAGES", free))
		sum = wadd(sum, free);
	if (add(l, OMS_LEDGER_FREE, "per-cpu lists", "free_pcp", pcp))
		sum = wadd(sum, pcp);

	sum = wadd(sum, add_counters(l, mi, user_lines, ARRAY_LEN(user_lines)));

	if (counter(mi, "NR_KERNEL_STACK_KB", &stack_kb) && page_size) {
		stacks = (int64_t)((uint64_t)stack_kb / (page_size / 1024 ? page_size / 1024 : 1));
		if (add(l, OMS_LEDGER_KERNEL, "kernel stacks",
			"NR_KERNEL_STACK_KB", stacks))
			sum = wadd(sum, stacks);
	}
	if (km->has_vmalloc) {
		/* CONFIG_VMAP_STACK: the stacks are vmalloc'd, and counted
		 * in both */
		v = wsub((int64_t)km->vmalloc_pages, km->vmap_stack ? stacks : 0);
		if (v < 0)
			v = 0;
		line = add(l, OMS_LEDGER_KERNEL, "vmalloc",
			   km->vmap_stack ? "nr_vmalloc_pages less the stacks"
					  : "nr_vmalloc_pages", v);
		if (line)
			sum = wadd(sum, v);
	}
	if (km->has_percpu) {
		v = (int64_t)(km->percpu_pages - km->percpu_first_pages);
		if (add(l, OMS_LEDGER_KERNEL, "percpu",
			"pcpu_nr_populated x pcpu_nr_units, less the first chunk",
			v))
			sum = wadd(sum, v);
	}
	sum = wadd(sum, add_counters(l, mi, kernel_lines,
				     ARRAY_LEN(kernel_lines)));

	if (mi->nr_hstates > 0 && page_size) {
		v = 0;
		for (h = 0; h < mi->nr_hstates && h < OMS_MAX_HSTATES; h++) {
			uint64_t per = mi->hstate_size_kb[h] * 1024 / page_size;

			for (i = 0; i < mi->n_nodes; i++)
				v = wadd(v, (int64_t)(mi->nodes[i].huge_total[h] * per));
		}
		if (add(l, OMS_LEDGER_HUGETLB, "hugetlb pools",
			"nr_huge_pages_node x pages per huge page", v))
			sum = wadd(sum, v);
	}
	return sum;
}

/* the census's count of each group's pages, where it can tell them */
static void census_groups(struct oms_ledger *l, const struct oms_census *c)
{
	const uint64_t *n = c->count;
	struct oms_ledger_group_row *g = l->groups;
	int64_t other = (int64_t)n[OMS_PAGE_OTHER_ALLOCATED];

	l->has_census = true;
	g[OMS_LEDGER_RESERVED].census_pages = (int64_t)n[OMS_PAGE_RESERVED];
	g[OMS_LEDGER_FREE].census_pages =
		(int64_t)(n[OMS_PAGE_BUDDY] + n[OMS_PAGE_FREE_UNFLAGGED]);
	g[OMS_LEDGER_LRU].census_pages =
		(int64_t)(n[OMS_PAGE_LRU_ANON] + n[OMS_PAGE_LRU_FILE] +
			  n[OMS_PAGE_LRU_SHMEM] + n[OMS_PAGE_UNEVICTABLE]);
	g[OMS_LEDGER_SLAB].census_pages = (int64_t)n[OMS_PAGE_SLAB];
	g[OMS_LEDGER_PAGETABLES].census_pages = (int64_t)n[OMS_PAGE_PAGETABLE];
	g[OMS_LEDGER_HUGETLB].census_pages = (int64_t)n[OMS_PAGE_HUGETLB];
	/* stacks, vmalloc and percpu pages carry no flag of their own: the
	 * census sees them among the other allocated pages, so it gives the
	 * kernel group the counters' own figure and the unaccounted group
	 * what is left of those pages */
	g[OMS_LEDGER_KERNEL].census_pages =
		wadd(g[OMS_LEDGER_KERNEL].pages,
		     (int64_t)(n[OMS_PAGE_OFFLINE] + n[OMS_PAGE_OTHER_TYPE]));
	g[OMS_LEDGER_UNACCOUNTED].census_pages =
		wsub(other, g[OMS_LEDGER_KERNEL].pages);
	for (int i = 0; i < OMS_LEDGER_NR_GROUPS; i++)
		g[i].has_census = true;
}

void oms_ledger_compute(struct oms_model *m)
{
	struct oms_ledger *l = &m->ledger;
	const struct oms_boot_memory *b = &m->report.boot;
	uint64_t page_size = m->kernel.page_size ? m->kernel.page_size : 4096;
	int64_t managed_sum;
	size_t i;

	memset(l, 0, sizeof(*l));
	if (!m->zones.n) {
		snprintf(l->why_not, sizeof(l->why_not),
			 "the zones could not be read");
		return;
	}
	if (!m->meminfo.valid) {
		snprintf(l->why_not, sizeof(l->why_not),
			 "the vm counters could not be read");
		return;
	}
	for (i = 0; i < m->zones.n; i++) {
		l->total_pages += m->zones.v[i].present_pages;
		l->managed_pages += m->zones.v[i].managed_pages;
	}
	reserved_lines(l, m, page_size);
	managed_sum = managed_lines(l, m, page_size);
	add(l, OMS_LEDGER_UNACCOUNTED, "unaccounted",
	    "managed, less every counter above: what no counter explains",
	    wsub((int64_t)l->managed_pages, managed_sum));
	for (i = 0; i < l->n_lines; i++)
		if (!l->lines[i].subset)
			l->groups[l->lines[i].group].pages =
				wadd(l->groups[l->lines[i].group].pages,
				     l->lines[i].pages);
	if (m->census.collected)
		census_groups(l, &m->census);
	if (b->found) {
		l->has_boot = true;
		l->boot_reserved_pages =
			(int64_t)(b->reserved_kb * 1024 / page_size);
		l->boot_freed_pages = (int64_t)(b->freed_kb * 1024 / page_size);
	}
	l->valid = true;
}
