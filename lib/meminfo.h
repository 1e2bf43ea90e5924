/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Mem-Info counters: page size, totalram, totalreserve, swap totals,
 * hugepages, the global vm_zone_stat[] / vm_node_stat[] with their
 * enumerator names, and each online node's pglist_data.vm_stat[].
 */
#ifndef OMS_MEMINFO_H
#define OMS_MEMINFO_H

#include "model.h"
#include "target.h"

/* fill m->meminfo and m->nodes; what cannot be read is a warning */
struct oms_error *oms_meminfo_collect(const struct oms_target *t,
				      struct oms_model *m);
void oms_meminfo_deinit(struct oms_model *m);

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

#endif
