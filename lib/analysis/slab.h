/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The slab part of the OOM report (mm/oom_kill.c, mm/slab_common.c):
 * should_dump_unreclaim_slab() on the model's counters, and the block of
 * dump_unreclaimable_slab() printed from the model's caches as the kernel
 * prints it (without the log's "[ timestamp]" prefixes).
 */
#ifndef OMS_SLAB_H
#define OMS_SLAB_H

#include <stdio.h>

#include "../model/model.h"

/* fill m->slab's unreclaimable_pages, lru_pages and should_dump from
 * m->meminfo's global node counters */
void oms_slab_compute(struct oms_model *m);

/* the caches by total_bytes, largest first (a tie: list order): n indices
 * into s->v in idx, which has room for s->n */
void oms_slab_by_bytes(const struct oms_slab *s, size_t *idx);

/* dump_unreclaimable_slab()'s lines, "Unreclaimable slab info:" first */
void oms_dump_unreclaimable_slab(FILE *out, const struct oms_slab *s);

#endif
