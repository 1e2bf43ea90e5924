// SPDX-License-Identifier: GPL-2.0
/*
 * The architecture-specific leaves of the collectors: see arch.h.
 */
#include "arch.h"

struct oms_error *oms_arch_current(const struct oms_target *t,
				   const struct oms_percpu *pc, int cpu,
				   uint64_t *task_ret, const char **what_ret)
{
	struct oms_error *err;
	struct oms_field hot;
	uint64_t addr;

	err = oms_field_optional(t, "struct pcpu_hot", "current_task", &hot);
	if (err)
		return err;
	if (hot.present && oms_symbol_exists(t, "pcpu_hot")) {
		*what_ret = "pcpu_hot.current_task";
		err = oms_symbol(t, "pcpu_hot", &addr);
		addr += hot.offset;
	} else if (oms_symbol_exists(t, "current_task")) {
		*what_ret = "current_task";
		err = oms_symbol(t, "current_task", &addr);
	} else {
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no per-cpu current_task: the architecture keeps current in a register");
	}
	if (!err)
		err = oms_read_u64(t, oms_per_cpu_ptr(pc, addr, cpu), task_ret);
	return err;
}
