// SPDX-License-Identifier: GPL-2.0
/*
 * Pure look-ups on the model: the current process, a memory cgroup and
 * its ancestors, the vm counters by name.  They read the model only.
 */
#include <string.h>

#include "lookup.h"

#define MAX_CGROUP_DEPTH 64	/* a deeper chain is garbage or a cycle */

const struct oms_task *oms_current_process(const struct oms_model *m)
{
	size_t i;

	if (m->kernel.current_tgid <= 0)
		return NULL;
	for (i = 0; i < m->tasks.n; i++)
		if (m->tasks.v[i].thread_group_leader &&
		    m->tasks.v[i].tgid == m->kernel.current_tgid)
			return &m->tasks.v[i];
	return NULL;
}

const struct oms_memcg *oms_memcg_find(const struct oms_memcgs *memcgs,
				       uint64_t addr)
{
	size_t i;

	for (i = 0; addr && i < memcgs->n; i++)
		if (memcgs->v[i].addr == addr)
			return &memcgs->v[i];
	return NULL;
}

bool oms_memcg_is_descendant(const struct oms_memcgs *memcgs, uint64_t memcg,
			     uint64_t ancestor)
{
	const struct oms_memcg *mc;
	int depth;

	for (depth = 0; memcg && depth < MAX_CGROUP_DEPTH; depth++) {
		if (memcg == ancestor)
			return true;
		mc = oms_memcg_find(memcgs, memcg);
		if (!mc)
			return false;
		memcg = mc->parent;
	}
	return false;
}

uint64_t oms_memcg_get_max(const struct oms_memcg *mc,
			   uint64_t total_swap_pages)
{
	uint64_t max = mc->max, swap;

	if (!mc->swappiness)
		return max;
	if (!mc->on_dfl) {
		/* do_memsw_account(): swap excess capacity of memsw.max */
		swap = mc->swap_max - max;
		return max + (swap < total_swap_pages ? swap : total_swap_pages);
	}
	swap = mc->swap_max;
	return max + (swap < total_swap_pages ? swap : total_swap_pages);
}

int oms_stat_index(const char *const *names, int n, const char *name)
{
	int i;

	for (i = 0; names && i < n; i++)
		if (names[i] && !strcmp(names[i], name))
			return i;
	return -1;
}

static int64_t clamped(const int64_t *v, const char *const *names, int n,
		       const char *name, bool *found)
{
	int i = oms_stat_index(names, n, name);

	if (found)
		*found = i >= 0 && v;
	if (i < 0 || !v)
		return 0;
	return v[i] < 0 ? 0 : v[i];
}

int64_t oms_global_node_stat(const struct oms_meminfo *mi, const char *name,
			     bool *found)
{
	return clamped(mi->node_stat, mi->node_stat_names, mi->nr_node_stat,
		       name, found);
}

int64_t oms_global_zone_stat(const struct oms_meminfo *mi, const char *name,
			     bool *found)
{
	return clamped(mi->zone_stat, mi->zone_stat_names, mi->nr_zone_stat,
		       name, found);
}

int64_t oms_node_stat(const struct oms_meminfo *mi, const struct oms_node *nd,
		      const char *name, bool *found)
{
	int n = nd->nr_vm_stat < mi->nr_node_stat ? nd->nr_vm_stat :
						    mi->nr_node_stat;

	return clamped(nd->vm_stat, mi->node_stat_names, n, name, found);
}

int64_t oms_zone_stat(const struct oms_meminfo *mi, const struct oms_zone *z,
		      const char *name, bool *found)
{
	int n = z->nr_vm_stat < mi->nr_zone_stat ? z->nr_vm_stat :
						   mi->nr_zone_stat;

	return clamped(z->vm_stat, mi->zone_stat_names, n, name, found);
}

bool oms_model_free_pages(const struct oms_model *m, int64_t *ret)
{
	int i = m->meminfo.zone_stat_names ?
		oms_stat_index(m->meminfo.zone_stat_names,
			       m->meminfo.nr_zone_stat, "NR_FREE_PAGES") : -1;
	size_t z;

	if (i >= 0 && m->meminfo.zone_stat) {
		*ret = m->meminfo.zone_stat[i];
		return true;
	}
	if (!m->zones.n)
		return false;
	*ret = 0;
	for (z = 0; z < m->zones.n; z++)
		*ret += (int64_t)m->zones.v[z].free_pages;
	return true;
}
