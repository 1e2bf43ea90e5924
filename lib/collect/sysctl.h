/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sysctls that decide what an OOM does: vm.panic_on_oom,
 * vm.oom_kill_allocating_task, vm.oom_dump_tasks, vm.overcommit_*.
 */
#ifndef OMS_SYSCTL_H
#define OMS_SYSCTL_H

#include "../model/model.h"
#include "../target.h"

/* fill s; a sysctl that cannot be read is a warning in w, and s->valid
 * is true only when all of them were read */
struct oms_error *oms_sysctl_collect(const struct oms_target *t,
				     struct oms_sysctl *s,
				     struct oms_warnings *w);

#endif
