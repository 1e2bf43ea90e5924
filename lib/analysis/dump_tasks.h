/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "Tasks state (memory values in pages):" table, header and rows,
 * exactly as dump_tasks()/dump_task() of the kernel in the dump prints it
 * (mm/oom_kill.c), without the "[ timestamp]" prefixes: the 6.1 layout, or
 * from v6.8-rc1 on (m->tasks.rss_split_layout) with rss_anon rss_file
 * rss_shmem.  The rows are the processes dump_task() would print for the
 * OOM in m->oom (oms_oom_compute() first), in process-list order, with the
 * counters as the kernel read them (rss_kernel).
 */
#ifndef OMS_DUMP_TASKS_H
#define OMS_DUMP_TASKS_H

#include <stdio.h>

#include "../model/model.h"

void oms_dump_tasks(FILE *out, const struct oms_model *m);

#endif
