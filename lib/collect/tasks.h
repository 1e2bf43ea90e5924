/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tasks: for_each_process() over init_task.tasks, each process with its
 * memory counters as the OOM killer sees them (the mm of the thread that
 * find_lock_task_mm() picks), its signal_struct's OOM fields and its
 * memory cgroup (the task running on the panic cpu: kernel.h).
 *
 * The walk is bounded and cycle-checked; a page not in the dump is a
 * warning and ends (or skips) what it cuts, with
 * tasks->complete false.
 */
#ifndef OMS_TASKS_H
#define OMS_TASKS_H

#include <stdbool.h>

#include "../model/model.h"
#include "../target.h"


/* no more processes than PID_MAX_LIMIT, no more threads in one group */
#define OMS_MAX_TASKS		4194304
#define OMS_MAX_THREADS		65536

/*
 * Fill tasks (processes in for_each_process() order; with all_threads,
 * each process is followed by its other threads, thread_group_leader
 * false), and memcgs with the tasks' memory cgroups and their ancestors;
 * what cannot be read is a warning in warnings.  Errors are only for what
 * makes any walk impossible (a member missing, out of memory).
 */
struct oms_error *oms_tasks_collect(const struct oms_target *t,
				    struct oms_tasks *tasks,
				    struct oms_memcgs *memcgs,
				    struct oms_warnings *warnings, bool all_threads);

#endif
