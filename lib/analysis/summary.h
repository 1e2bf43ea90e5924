/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a dump comes to, computed once on the model for every front end
 * (the text verdict, the JSON's "summary", the batch table and its
 * signatures): free memory, the process with the largest rss, the memory
 * class that holds the most pages, and the signature that groups dumps
 * that failed alike.  Pure: it reads the model, never the target.
 *
 * Inputs: m->meminfo, m->zones.v, m->tasks and m->oom (oms_oom_compute()
 * first).  Output: m->summary.
 */
#ifndef OMS_SUMMARY_H
#define OMS_SUMMARY_H

#include "../model/model.h"

void oms_summary_compute(struct oms_model *m);

/* "anon", "file", "shmem", "slab", "unknown" */
const char *oms_mem_class_name(enum oms_mem_class c);

#endif
