/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory cgroups: the struct mem_cgroup a task is charged to
 * (task->cgroups->subsys[memory_cgrp_id]), its path ("/box") from the
 * cgroup's kernfs node names, and the page counters the OOM killer looks
 * at (memory.max, memory.usage, swap.max or memsw.max).
 *
 * The reader resolves the layout once; each memcg met is added once, with
 * its ancestors, to the model's memcgs.  The pure helpers at the end read only the
 * model (oom.c uses them).
 */
#ifndef OMS_MEMCG_H
#define OMS_MEMCG_H

#include "../model/model.h"
#include "../target.h"

struct oms_memcg_reader;

/* OMS_ERR_NOT_FOUND when the kernel has no memory cgroups (!CONFIG_MEMCG) */
struct oms_error *oms_memcg_reader_create(const struct oms_target *t,
					  struct oms_memcg_reader **ret);
void oms_memcg_reader_destroy(struct oms_memcg_reader *r);

/*
 * The struct mem_cgroup * of the task at task_addr, added with its
 * ancestors to memcgs (a counter that cannot be read is a warning and
 * leaves that memcg's valid false).  *memcg_ret is 0 when the task has
 * none (a memory error reading the task itself is returned).
 */
struct oms_error *oms_memcg_of_task(struct oms_memcg_reader *r,
				    struct oms_memcgs *memcgs,
				    struct oms_warnings *w, uint64_t task_addr,
				    uint64_t *memcg_ret);


#endif
