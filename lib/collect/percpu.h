/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-cpu data: the possible CPUs (__cpu_possible_mask, nr_cpu_ids) and
 * per_cpu_ptr(), as __per_cpu_offset[cpu] + the per-cpu address.  Resolved
 * once per target.
 */
#ifndef OMS_PERCPU_H
#define OMS_PERCPU_H

#include "../model/model.h"
#include "../target.h"

#define OMS_MAX_CPUS 8192

struct oms_percpu {
	int nr_cpu_ids;
	uint64_t *offset;		/* __per_cpu_offset[cpu], nr_cpu_ids of them */
	unsigned char *possible;	/* 1 where the cpu is possible */
};

/* nr_cpu_ids: the variable, or where the kernel has it as the constant
 * NR_CPUS (no symbol), the highest possible cpu + 1 as setup_nr_cpu_ids()
 * computes it */
struct oms_error *oms_nr_cpu_ids(const struct oms_target *t, int *ret);

struct oms_error *oms_percpu_init(struct oms_percpu *pc,
				  const struct oms_target *t);
void oms_percpu_deinit(struct oms_percpu *pc);

static inline bool oms_cpu_possible(const struct oms_percpu *pc, int cpu)
{
	return cpu >= 0 && cpu < pc->nr_cpu_ids && pc->possible[cpu];
}

/* per_cpu_ptr(ptr, cpu) */
static inline uint64_t oms_per_cpu_ptr(const struct oms_percpu *pc,
				       uint64_t ptr, int cpu)
{
	return ptr + pc->offset[cpu];
}

#define oms_for_each_possible_cpu(cpu, pc) \
	for ((cpu) = 0; (cpu) < (pc)->nr_cpu_ids; (cpu)++) \
		if (oms_cpu_possible((pc), (cpu)))

#endif
