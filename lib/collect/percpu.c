// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "percpu.h"

/*
 * setup_nr_cpu_ids(): the highest bit of __cpu_possible_mask, plus one.
 * The mask is a struct cpumask, an unsigned long bitmap of NR_CPUS bits
 * (its size from the type, else one word).
 */
static struct oms_error *possible_last(const struct oms_target *t,
				       uint32_t *ret)
{
	struct oms_error *err;
	uint64_t addr, size = 8, word, i;

	err = oms_symbol(t, "__cpu_possible_mask", &addr);
	if (err)
		return err;
	if (oms_type_exists(t, "struct cpumask")) {
		err = oms_type_size(t, "struct cpumask", &size);
		if (err)
			return err;
	}
	if (size < 8 || size > OMS_MAX_CPUS / 8)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'struct cpumask' is %" PRIu64 " bytes",
					size);
	*ret = 0;
	for (i = 0; i < size / 8; i++) {
		err = oms_read_u64(t, addr + 8 * i, &word);
		if (err)
			return err;
		if (word)
			*ret = (uint32_t)(64 * i + 64 -
					  (uint64_t)__builtin_clzll(word));
	}
	if (!*ret)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'__cpu_possible_mask' is empty");
	return NULL;
}

struct oms_error *oms_nr_cpu_ids(const struct oms_target *t, int *ret)
{
	struct oms_error *err;
	uint64_t addr;
	uint32_t nr;

	if (oms_symbol_exists(t, "nr_cpu_ids")) {
		err = oms_symbol(t, "nr_cpu_ids", &addr);
		if (!err)
			err = oms_read_u32(t, addr, &nr);
		if (err)
			return oms_error_prefix(err, "cannot read 'nr_cpu_ids'");
	} else {
		/* CONFIG_FORCE_NR_CPUS or NR_CPUS 1: nr_cpu_ids is the
		 * constant NR_CPUS (include/linux/cpumask.h), no variable */
		err = possible_last(t, &nr);
		if (err)
			return oms_error_prefix(err, "no 'nr_cpu_ids' and cannot read '__cpu_possible_mask'");
	}
	if (nr == 0 || nr > OMS_MAX_CPUS)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'nr_cpu_ids' is %u, not 1..%d", nr,
					OMS_MAX_CPUS);
	*ret = (int)nr;
	return NULL;
}

struct oms_error *oms_percpu_init(struct oms_percpu *pc,
				  const struct oms_target *t)
{
	struct oms_error *err;
	uint64_t addr, mask_addr, word = 0;
	uint32_t nr;
	int cpu;

	memset(pc, 0, sizeof(*pc));
	err = oms_nr_cpu_ids(t, &pc->nr_cpu_ids);
	if (err)
		return err;
	nr = (uint32_t)pc->nr_cpu_ids;
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
