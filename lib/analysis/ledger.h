/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ledger: every present page of the machine in exactly one line, the
 * lines summing to the zones' present pages by construction.  Reserved
 * (present - managed) is split into the memmap, the kernel image, the crash
 * kernel and the percpu first chunk where the dump tells them, the rest
 * named "other reserved"; managed memory into the vm counters (free, per-cpu
 * lists, the LRU lists, slab, page tables, stacks, vmalloc, percpu,
 * zsmalloc, bounce, hugetlb), the rest named "unaccounted": what no counter
 * explains.  With the page census (--pages) each group gets its count from
 * the memmap beside the counters' one.  Pure: the model in, m->ledger out.
 *
 * Inputs: m->zones, m->meminfo, m->census, m->report.boot.
 */
#ifndef OMS_LEDGER_H
#define OMS_LEDGER_H

#include "../model/model.h"

void oms_ledger_compute(struct oms_model *m);

/* "reserved", "free", "lru", "slab", "pagetables", "kernel", "hugetlb",
 * "unaccounted" */
const char *oms_ledger_group_name(enum oms_ledger_group g);

#endif
