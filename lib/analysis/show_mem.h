/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's Mem-Info block, printed from the model the way __show_mem()
 * and show_free_areas() of the kernel in the dump print it, without the
 * log's "[ timestamp]" prefixes.  Every zone is shown (max_zone_idx =
 * MAX_NR_ZONES - 1, no node filter).
 */
#ifndef OMS_SHOW_MEM_H
#define OMS_SHOW_MEM_H

#include <stdio.h>

#include "../model/model.h"

void oms_show_mem(FILE *out, const struct oms_model *m);

/* "Node 0 DMA: 1*4kB (U) ... = 1176kB" without the newline, for one zone */
void oms_show_free_line(FILE *out, const struct oms_model *m,
			  const struct oms_zone *z);

/* the blocks found on each free_list[migratetype], as a table */
void oms_show_free_walk(FILE *out, const struct oms_model *m);

#endif
