/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Nodes, zones and the buddy allocator's free areas, read from
 * pglist_data.node_zones[] of every online node: what show_free_areas()
 * prints (watermarks, lowmem_reserve, free_pcp, free_area[].nr_free and
 * the migratetypes of the non-empty free lists) and, when asked, the
 * blocks on each free_list[migratetype], as crash's `kmem -f` counts them.
 */
#ifndef OMS_ZONES_H
#define OMS_ZONES_H

#include "../model/model.h"
#include "../target.h"

/* the online nodes: NUMA kernels node_data[] + node_states[N_ONLINE],
 * others contig_page_data as node 0; the caller frees *ids and *pgdats.
 * An online node whose node_data[] is NULL is left out with a warning in
 * w (unless NULL); no node at all is an error (OMS_ERR_CORRUPT). */
struct oms_error *oms_online_nodes(const struct oms_target *t,
				   struct oms_warnings *w, int **ids_ret,
				   uint64_t **pgdats_ret, size_t *n_ret);

/* walk at most this many blocks more than nr_free says per order */
#define OMS_FREE_LIST_SLACK 64

/* fill zones (the populated zones of the online nodes, in the kernel's
 * for_each_populated_zone() order, and the migratetypes); walk the free
 * lists when walk_free_lists.  local_pcp is k->panic_cpu's (the cpu that
 * printed the report).  What cannot be read is a warning in w and the
 * zone is marked partial. */
struct oms_error *oms_zones_collect(const struct oms_target *t,
				    const struct oms_kernel *k,
				    struct oms_zones *zones,
				    struct oms_warnings *w, bool walk_free_lists);

#endif
