// SPDX-License-Identifier: GPL-2.0
/*
 * The summary of a dump (summary.h): each value computed here once, on
 * the model, so that the text, the JSON and the batch table say the same.
 */
#include <stdio.h>
#include <string.h>

#include "../model/lookup.h"
#include "oom.h"
#include "summary.h"

const char *oms_mem_class_name(enum oms_mem_class c)
{
	switch (c) {
	case OMS_MEM_ANON: return "anon";
	case OMS_MEM_FILE: return "file";
	case OMS_MEM_SHMEM: return "shmem";
	case OMS_MEM_SLAB: return "slab";
	case OMS_MEM_UNKNOWN: break;
	}
	return "unknown";
}

/* global_node_page_state(NAME) (clamped at 0), -1 if this kernel has none */
static int64_t node_stat(const struct oms_model *m, const char *name)
{
	bool found;
	int64_t v = oms_global_node_stat(&m->meminfo, name, &found);

	return found ? v : -1;
}

/*
 * The class with the most pages: anon (NR_ANON_MAPPED), file
 * (NR_FILE_PAGES without NR_SHMEM, which it counts), shmem (NR_SHMEM),
 * slab (NR_SLAB_RECLAIMABLE_B + NR_SLAB_UNRECLAIMABLE_B, counted in
 * pages in vm_node_stat despite the _B); the first of a tie, in that
 * order
 */
static enum oms_mem_class dominant_class(const struct oms_model *m)
{
	int64_t anon = node_stat(m, "NR_ANON_MAPPED");
	int64_t file = node_stat(m, "NR_FILE_PAGES");
	int64_t shmem = node_stat(m, "NR_SHMEM");
	int64_t sr = node_stat(m, "NR_SLAB_RECLAIMABLE_B");
	int64_t su = node_stat(m, "NR_SLAB_UNRECLAIMABLE_B");
	enum oms_mem_class best = OMS_MEM_UNKNOWN;
	int64_t max = -1;

	if (file >= 0 && shmem >= 0)
		file -= shmem;
	/* saturated: counters near INT64_MAX come only from corruption */
	if (sr >= 0 && su >= 0)
		sr = __builtin_add_overflow(sr, su, &sr) ? INT64_MAX : sr;
	else
		sr = -1;
	if (anon > max) {
		max = anon;
		best = OMS_MEM_ANON;
	}
	if (file > max) {
		max = file;
		best = OMS_MEM_FILE;
	}
	if (shmem > max) {
		max = shmem;
		best = OMS_MEM_SHMEM;
	}
	if (sr > max)
		best = OMS_MEM_SLAB;
	return best;
}

void oms_summary_compute(struct oms_model *m)
{
	struct oms_summary *s = &m->summary;
	const struct oms_task *victim = NULL;
	size_t i;

	memset(s, 0, sizeof(*s));
	s->has_free = oms_model_free_pages(m, &s->free_pages);
	for (i = 0; i < m->zones.n; i++) {
		s->managed_pages += m->zones.v[i].managed_pages;
		s->min_pages += m->zones.v[i].min;
	}
	for (i = 0; i < m->tasks.n; i++) {
		const struct oms_task *t = &m->tasks.v[i];
		uint64_t rss = oms_task_rss(t);

		/* as dump_tasks() lists them: oom_unkillable_task() skips
		 * the global init and kernel threads (the slab and
		 * unaccounted scenarios' hogs are smaller than init) */
		if (t->tgid == 1 || t->kthread)
			continue;
		if (!s->has_top || rss > s->top_rss) {
			s->has_top = true;
			s->top = i;
			s->top_rss = rss;
		}
	}
	s->dominant = dominant_class(m);
	if (m->oom.has_victim)
		victim = &m->tasks.v[m->oom.victim];
	snprintf(s->signature, sizeof(s->signature), "%s/%s/%s",
		 oms_constraint_name(m->oom.constraint),
		 victim ? victim->comm : "-", oms_mem_class_name(s->dominant));
}
