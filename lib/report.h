/* SPDX-License-Identifier: GPL-2.0 */
/* Small things both renderers need. */
#ifndef OMS_REPORT_H
#define OMS_REPORT_H

#include "model.h"

/* the machine name of a skip reason in the JSON report ("oom_score_adj_min") */
const char *oms_skip_key(enum oms_skip s);
/* the machine name of a constraint in the JSON report ("none", "memcg") */
const char *oms_constraint_key(enum oms_constraint c);
/* panic_on_oom made the kernel panic before choosing: false when the
 * dump's panic is known to be something else (sysrq, oops) */
bool oms_model_oom_panicked(const struct oms_model *m);
/* the cross-check's verdict: 1 the kernel's report agrees, 0 it differs,
 * -1 nothing can be said: no report, no number of it compared, or no
 * difference in a log that lost records (m->report.log_partial) */
int oms_model_report_agrees(const struct oms_model *m);
/* vm_zone_stat[NR_FREE_PAGES], or the zones' sum; false if neither */
bool oms_model_free_pages(const struct oms_model *m, int64_t *ret);

#endif
