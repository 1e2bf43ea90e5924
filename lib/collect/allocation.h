/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The failing allocation: the kernel's struct oom_control found on the
 * stack of the panicking cpu's current task (allocation.c says how, and
 * how it can be fooled), and the kernel's table of gfp flag names.
 */
#ifndef OMS_COLLECT_ALLOCATION_H
#define OMS_COLLECT_ALLOCATION_H

#include "../model/model.h"
#include "../target.h"

/*
 * Fill a: the gfp flag names always (a warning in w without them); the
 * oom_control when the stack holds one (a->found), else a->why_not says
 * what the scan saw.  Needs what the other collectors read first: the
 * current task (k), the zones (the zonelist's nodes), the Mem-Info totals
 * (totalpages' bound), the tasks (oc->chosen) and their memcgs (oc->memcg).
 * An error only when no scan can be made (a member missing).
 */
struct oms_error *oms_allocation_collect(const struct oms_target *t,
					 const struct oms_kernel *k,
					 const struct oms_zones *zones,
					 const struct oms_meminfo *mi,
					 const struct oms_tasks *tasks,
					 const struct oms_memcgs *memcgs,
					 struct oms_allocation *a,
					 struct oms_warnings *w);

#endif
