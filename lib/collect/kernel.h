/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel part of the model (struct oms_kernel), read first: every
 * other collector takes it const.
 */
#ifndef OMS_COLLECT_KERNEL_H
#define OMS_COLLECT_KERNEL_H

#include "../model/model.h"
#include "../target.h"

/*
 * k->release and k->machine (init_uts_ns), k->page_size (VMCOREINFO
 * PAGESIZE; missing or not a power of two from 4096: 4096 and a warning),
 * k->nr_cpu_ids (percpu.h; a warning if it cannot be had).  The one error
 * is a release that cannot be read: without it nothing can be said.
 */
struct oms_error *oms_kernel_collect(const struct oms_target *t,
				     struct oms_kernel *k,
				     struct oms_warnings *w);

/*
 * k->panic_cpu (the symbol panic_cpu), and k->current_task,
 * k->current_pid, k->current_tgid: the task running on that cpu, from
 * the architecture's `current` where it is in memory (arch.h: x86-64)
 * and the cpu's runqueue curr (every architecture), checked against
 * each other and against k->note_pid, the pid of the cpu's PRSTATUS
 * note (a warning each where they differ); k->current_source says which
 * was taken.  Where neither can be read, the note's pid is taken (its
 * row gives the task: oms_current_from_rows()).  A panic_cpu of -1 (no
 * panic) leaves them unknown, without error; a current task not in the
 * dump is a warning in w (its pid may still come from its row).
 */
struct oms_error *oms_current_collect(const struct oms_target *t,
				      struct oms_kernel *k,
				      struct oms_warnings *w);

/* the panicking cpu's current task whose task_struct is not in the dump
 * (k->current_pid -1): its pid, when its row has one (from its struct pid);
 * a current task known only by its note's pid: the task of that pid */
void oms_current_from_rows(struct oms_kernel *k, const struct oms_tasks *tasks);

#endif
