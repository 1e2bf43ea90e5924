/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the collectors do differently on each architecture, and only that:
 * everything else in lib/ reads what every architecture's kernel has.
 */
#ifndef OMS_COLLECT_ARCH_H
#define OMS_COLLECT_ARCH_H

#include "percpu.h"
#include "../target.h"

/*
 * The task cpu ran, where the architecture keeps `current` in memory:
 * x86-64's per-cpu pcpu_hot.current_task (from v6.2, c063a217bc07
 * "x86/percpu: Move current_task to percpu hot section") or per-cpu
 * current_task before.  arm64 keeps it in the register sp_el0, which no
 * dump holds: NOT_FOUND, and the caller has the runqueue's curr and the
 * cpu's note (kernel.c).  *what_ret names the variable read.
 */
struct oms_error *oms_arch_current(const struct oms_target *t,
				   const struct oms_percpu *pc, int cpu,
				   uint64_t *task_ret, const char **what_ret);

#endif
