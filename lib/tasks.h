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

#include "model.h"
#include "target.h"

/* the #defines the walk needs (not in DWARF; include/linux/sched.h and
 * include/linux/sched/coredump.h, the same from 4.x to 6.12).  Checked in
 * the Debian 6.1 and 6.12 vmlinux: oom_badness() tests byte 0x2e of
 * task_struct (flags at 0x2c) with 0x20, i.e. 0x00200000, and mm->flags
 * with 0x200000, i.e. bit 21 */
#define OMS_PF_EXITING		0x00000004	/* getting shut down */
#define OMS_PF_KTHREAD		0x00200000	/* a kernel thread */
#define OMS_MMF_OOM_SKIP	21		/* bit of mm->flags */
#define OMS_OOM_SCORE_ADJ_MIN	(-1000)
#define OMS_OOM_SCORE_ADJ_MAX	1000

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

/* the process of m->current_tgid in m->tasks (a leader), or NULL */
const struct oms_task *oms_current_process(const struct oms_model *m);

void oms_tasks_deinit(struct oms_tasks *tasks);

#endif
