/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The OOM killer's decision, emulated on the model the way mm/oom_kill.c
 * (5.9 and later: long badness, LONG_MIN for "skip") makes it:
 * out_of_memory() -> constrained_alloc() -> check_panic_on_oom() ->
 * select_bad_process() / oom_evaluate_task() / oom_badness(), and the
 * oom_kill_allocating_task rule after the scan (the kernel checks it
 * first and does not scan; we scan to show what it would choose too).
 * Pure: it reads the model, never the target.
 *
 * Inputs: m->tasks, m->memcgs.v, m->kernel.current_tgid (the invoking task),
 * m->sysctl, m->meminfo.totalram_pages and total_swap_pages, m->kernel.page_size,
 * m->zones.v (node present pages, for a cpuset constraint) and, when found,
 * m->report.order.  Output: m->oom, with the rule that decided
 * (m->oom.rule); the sentence is the report's (oom_reason.h).
 */
#ifndef OMS_OOM_H
#define OMS_OOM_H

#include <stdbool.h>
#include <stddef.h>

#include "../model/model.h"

struct oms_error;

struct oms_oom_options {
	/* score on rss_exact (every per-thread cache or per-cpu delta added)
	 * instead of what the kernel read (get_mm_counter()) */
	bool use_exact_rss;
	/* keep at most this many eligible processes in the ranking (0: all);
	 * the skipped ones are always kept */
	size_t top_n;
};

/* NULL, or out of memory (m->oom is then empty, its rule OMS_OOM_RULE_NONE) */
struct oms_error *oms_oom_compute(struct oms_model *m,
				  const struct oms_oom_options *o);

/* the rows dump_tasks() prints for this OOM: processes that are not
 * unkillable, have an mm, and are in the OOM's memcg (memcg OOM) or may
 * have memory on the allowed nodes (otherwise); needs m->oom computed */
bool oms_oom_dumps_task(const struct oms_model *m, const struct oms_task *t);

const char *oms_constraint_name(enum oms_constraint c);	/* "CONSTRAINT_NONE" */
const char *oms_skip_name(enum oms_skip s);		/* "oom_score_adj -1000" */

#endif
