// SPDX-License-Identifier: GPL-2.0
/* The slab part of the OOM report: see slab.h. */
#include <stdlib.h>
#include <string.h>

#include "../model/lookup.h"
#include "printable.h"
#include "slab.h"

/*
 * mm/oom_kill.c (6.1 and 6.12 alike):
 *
 *	static bool should_dump_unreclaim_slab(void)
 *	{
 *		unsigned long nr_lru;
 *
 *		nr_lru = global_node_page_state(NR_ACTIVE_ANON) +
 *			 global_node_page_state(NR_INACTIVE_ANON) +
 *			 global_node_page_state(NR_ACTIVE_FILE) +
 *			 global_node_page_state(NR_INACTIVE_FILE) +
 *			 global_node_page_state(NR_ISOLATED_ANON) +
 *			 global_node_page_state(NR_ISOLATED_FILE) +
 *			 global_node_page_state(NR_UNEVICTABLE);
 *
 *		return (global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B) > nr_lru);
 *	}
 *
 * The _B counters are kept in pages in vm_node_stat[] (the byte deltas
 * are shifted by PAGE_SHIFT in __mod_node_page_state()), so both sides
 * are the clamped atomics.  dump_header() calls it outside a memcg OOM.
 */
static const char *const lru_items[] = {
	"NR_ACTIVE_ANON", "NR_INACTIVE_ANON", "NR_ACTIVE_FILE",
	"NR_INACTIVE_FILE", "NR_ISOLATED_ANON", "NR_ISOLATED_FILE",
	"NR_UNEVICTABLE",
};

void oms_slab_compute(struct oms_model *m)
{
	struct oms_slab *s = &m->slab;
	bool found, all = true;
	size_t i;

	s->lru_pages = 0;
	for (i = 0; i < sizeof(lru_items) / sizeof(lru_items[0]); i++) {
		s->lru_pages += (uint64_t)oms_global_node_stat(&m->meminfo,
							       lru_items[i],
							       &found);
		all &= found;
	}
	s->unreclaimable_pages = (uint64_t)oms_global_node_stat(&m->meminfo,
					"NR_SLAB_UNRECLAIMABLE_B", &found);
	all &= found;
	s->counters_known = all;
	s->should_dump = all && s->unreclaimable_pages > s->lru_pages;
}

static const struct oms_slab *sort_slab;

static int by_bytes(const void *a, const void *b)
{
	const struct oms_slab_cache *x = &sort_slab->v[*(const size_t *)a];
	const struct oms_slab_cache *y = &sort_slab->v[*(const size_t *)b];

	if (x->total_bytes != y->total_bytes)
		return x->total_bytes > y->total_bytes ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

void oms_slab_by_bytes(const struct oms_slab *s, size_t *idx)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		idx[i] = i;
	sort_slab = s;
	qsort(idx, s->n, sizeof(*idx), by_bytes);
	sort_slab = NULL;
}

/*
 * mm/slab_common.c (6.1 and 6.12 alike), after the slab_mutex trylock:
 *
 *	pr_info("Unreclaimable slab info:\n");
 *	pr_info("Name                      Used          Total\n");
 *
 *	list_for_each_entry(s, &slab_caches, list) {
 *		if (s->flags & SLAB_RECLAIM_ACCOUNT)
 *			continue;
 *
 *		get_slabinfo(s, &sinfo);
 *
 *		if (sinfo.num_objs > 0)
 *			pr_info("%-17s %10luKB %10luKB\n", s->name,
 *				(sinfo.active_objs * s->size) / 1024,
 *				(sinfo.num_objs * s->size) / 1024);
 *	}
 */
void oms_dump_unreclaimable_slab(FILE *out, const struct oms_slab *s)
{
	char name[OMS_PRINTABLE_SIZE(OMS_SLAB_NAME_LEN)];
	size_t i;

	fprintf(out, "Unreclaimable slab info:\n");
	fprintf(out, "Name                      Used          Total\n");
	for (i = 0; i < s->n; i++) {
		const struct oms_slab_cache *c = &s->v[i];

		if (c->reclaimable || !c->num_objs)
			continue;
		fprintf(out, "%-17s %10lluKB %10lluKB\n",
			oms_printable(c->name, name, sizeof(name)),
			(unsigned long long)(c->active_objs * c->size / 1024),
			(unsigned long long)(c->num_objs * c->size / 1024));
	}
}
