/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Mem-Info counters: page size, totalram, totalreserve, swap totals,
 * hugepages, the global vm_zone_stat[] / vm_node_stat[] with their
 * enumerator names, and each online node's pglist_data.vm_stat[].
 */
#ifndef OMS_MEMINFO_H
#define OMS_MEMINFO_H

#include "../model/model.h"
#include "../target.h"

/* fill mi, the per-node counters too (k->page_size sizes the hugepage
 * states); what cannot be read is a warning in w */
struct oms_error *oms_meminfo_collect(const struct oms_target *t,
				      const struct oms_kernel *k,
				      struct oms_meminfo *mi,
				      struct oms_warnings *w);


#endif
