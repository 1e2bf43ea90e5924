/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The diagnosis: which kind of OOM this was, with the numbers that show it.
 * A limit decides first (a memcg, a cpuset, a memory policy: the OOM's own
 * constraint), then the shape of the allocation (a zone-specific one whose
 * allowed zones were full while others had free memory; an order > 0 one
 * that found no free block while the order-0 mark passed), then what held
 * the memory, by the ledger's groups (user memory, slab, page tables, the
 * kernel's stacks/vmalloc/percpu, hugetlb, unaccounted), user memory with
 * swap exhausted told apart.  The runner-up holder is given when it holds
 * at least half as much as the winner.  Pure: the model in (m->oom,
 * m->watermarks, m->zones, m->ledger, m->slab, m->tasks, m->memcgs,
 * m->meminfo, m->report), m->diagnosis out; oms_ledger_compute() first.
 */
#ifndef OMS_DIAGNOSIS_H
#define OMS_DIAGNOSIS_H

#include "../model/model.h"

void oms_diagnosis_compute(struct oms_model *m);

/* "user_memory", "memcg_limit", ... */
const char *oms_diag_class_name(enum oms_diag_class c);
/* "user memory", "a memcg limit", ... for the text */
const char *oms_diag_class_words(enum oms_diag_class c);

#endif
