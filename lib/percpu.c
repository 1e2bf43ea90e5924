// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "percpu.h"

struct oms_error *oms_percpu_init(struct oms_percpu *pc,
				  const struct oms_target *t)
{
	struct oms_error *err;
	uint64_t addr, mask_addr, word = 0;
	uint32_t nr;
	int cpu;

	memset(pc, 0, sizeof(*pc));
	err = oms_symbol(t, "nr_cpu_ids", &addr);
	if (!err)
		err = oms_read_u32(t, addr, &nr);
	if (err)
		return oms_error_prefix(err, "cannot read 'nr_cpu_ids'");
	if (nr == 0 || nr > OMS_MAX_CPUS)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'nr_cpu_ids' is %u, not 1..%d", nr,
					OMS_MAX_CPUS);
	pc->nr_cpu_ids = (int)nr;
	pc->offset = calloc(nr, sizeof(*pc->offset));
	pc->possible = calloc(nr, 1);
	if (!pc->offset || !pc->possible) {
		oms_percpu_deinit(pc);
		return &oms_enomem;
	}
	err = oms_symbol(t, "__per_cpu_offset", &addr);
	if (!err)
		err = oms_read(t, addr, pc->offset, nr * sizeof(*pc->offset));
	if (err) {
		oms_percpu_deinit(pc);
		return oms_error_prefix(err, "cannot read '__per_cpu_offset'");
	}
	/* struct cpumask __cpu_possible_mask: an unsigned long bitmap */
	err = oms_symbol(t, "__cpu_possible_mask", &mask_addr);
	for (cpu = 0; !err && cpu < pc->nr_cpu_ids; cpu++) {
		if (cpu % 64 == 0)
			err = oms_read_u64(t, mask_addr + (uint64_t)cpu / 8,
					   &word);
		if (!err)
			pc->possible[cpu] = (word >> (cpu % 64)) & 1;
	}
	if (err) {
		oms_percpu_deinit(pc);
		return oms_error_prefix(err, "cannot read '__cpu_possible_mask'");
	}
	return NULL;
}

void oms_percpu_deinit(struct oms_percpu *pc)
{
	free(pc->offset);
	free(pc->possible);
	memset(pc, 0, sizeof(*pc));
}
