/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tasks: for_each_process() over init_task.tasks, each process with its
 * memory counters as the OOM killer sees them (the mm of the thread that
 * find_lock_task_mm() picks), its signal_struct's OOM fields and its
 * memory cgroup; and the task running on the panic cpu (current).
 *
 * The walk is bounded and cycle-checked; a page not in the dump is a
 * warning in m->warnings and ends (or skips) what it cuts, with
 * m->tasks.complete false.
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
 * Fill m->tasks (processes in for_each_process() order; with all_threads,
 * each process is followed by its other threads, thread_group_leader
 * false), and m->memcgs with the tasks' memory cgroups.  Sets
 * m->page_size from VMCOREINFO PAGESIZE if it is 0.  Errors are only for
 * what makes any walk impossible (a member missing, out of memory).
 */
struct oms_error *oms_tasks_collect(const struct oms_target *t,
				    struct oms_model *m, bool all_threads);

/*
 * m->panic_cpu (the symbol panic_cpu), and m->current_task,
 * m->current_pid, m->current_tgid: the task running on that cpu
 * (per-cpu current_task up to 6.1, pcpu_hot.current_task from 6.2).
 * A panic_cpu of -1 (no panic) leaves them unknown, without error.
 */
struct oms_error *oms_current_collect(const struct oms_target *t,
				      struct oms_model *m);



#endif
