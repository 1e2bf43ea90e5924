/* SPDX-License-Identifier: GPL-2.0 */
/* Pure look-ups on the model (lookup.c): they read the model only. */
#ifndef OMS_LOOKUP_H
#define OMS_LOOKUP_H

#include "model.h"

/* the process of m->kernel.current_tgid in m->tasks (a leader), or NULL */
const struct oms_task *oms_current_process(const struct oms_model *m);

/* pure: the memcg at addr in memcgs, or NULL */
const struct oms_memcg *oms_memcg_find(const struct oms_memcgs *memcgs,
				       uint64_t addr);
/* pure: memcg is ancestor or a descendant of it (mem_cgroup_is_descendant) */
bool oms_memcg_is_descendant(const struct oms_memcgs *memcgs, uint64_t memcg,
			     uint64_t ancestor);
/* pure: mem_cgroup_get_max() (mm/memcontrol.c, same in 6.1 and 6.12) */
uint64_t oms_memcg_get_max(const struct oms_memcg *mc,
			   uint64_t total_swap_pages);

/* the index of enumerator NAME in names[n], -1 if this kernel has none */
int oms_stat_index(const char *const *names, int n, const char *name);

/* a counter as global_{node,zone}_page_state() returns it: the global
 * atomic, clamped at 0 (CONFIG_SMP); *found false (and 0) if absent */
int64_t oms_global_node_stat(const struct oms_meminfo *mi, const char *name,
			     bool *found);
int64_t oms_global_zone_stat(const struct oms_meminfo *mi, const char *name,
			     bool *found);
/* node_page_state(pgdat, item), zone_page_state(zone, item): clamped */
int64_t oms_node_stat(const struct oms_meminfo *mi, const struct oms_node *nd,
		      const char *name, bool *found);
int64_t oms_zone_stat(const struct oms_meminfo *mi, const struct oms_zone *z,
		      const char *name, bool *found);
/* vm_zone_stat[NR_FREE_PAGES], or the zones' sum; false if neither */
bool oms_model_free_pages(const struct oms_model *m, int64_t *ret);

#endif
