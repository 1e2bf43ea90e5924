// SPDX-License-Identifier: GPL-2.0
/* The model's life cycle, and the names the renderers share. */
#include <string.h>

#include "crosscheck.h"
#include "kreport.h"
#include "meminfo.h"
#include "memcg.h"
#include "oom.h"
#include "oomscan.h"
#include "report.h"
#include "tasks.h"
#include "warn.h"
#include "zones.h"

void oms_model_init(struct oms_model *m)
{
	memset(m, 0, sizeof(*m));
	m->panic_cpu = -1;
	m->current_pid = -1;
	m->current_tgid = -1;
}

void oms_model_deinit(struct oms_model *m)
{
	oms_crosscheck_deinit(&m->crosscheck);
	oms_oom_deinit(&m->oom);
	oms_kreport_deinit(&m->report);
	oms_tasks_deinit(&m->tasks);
	oms_memcgs_deinit(m);
	oms_zones_deinit(m);
	oms_meminfo_deinit(m);
	oms_warnings_deinit(&m->warnings);
	oms_model_init(m);
}

bool oms_model_partial(const struct oms_model *m)
{
	return m->warnings.n > 0 || !m->tasks.complete;
}

void oms_model_partial_line(const struct oms_model *m, char *buf, size_t size)
{
	size_t n = m->warnings.n;

	if (!n) {
		snprintf(buf, size, "the process list is incomplete");
		return;
	}
	if (n == 1)
		snprintf(buf, size, "%s", m->warnings.v[0].message);
	else
		snprintf(buf, size, "%s (and %zu more warning%s)",
			 m->warnings.v[0].message, n - 1, n == 2 ? "" : "s");
}

const char *oms_skip_key(enum oms_skip s)
{
	switch (s) {
	case OMS_SKIP_NONE: return NULL;
	case OMS_SKIP_UNKILLABLE: return "unkillable";
	case OMS_SKIP_NO_MM: return "no_mm";
	case OMS_SKIP_ADJ_MIN: return "oom_score_adj_min";
	case OMS_SKIP_OOM_SKIP: return "mmf_oom_skip";
	case OMS_SKIP_IN_VFORK: return "in_vfork";
	case OMS_SKIP_NOT_ELIGIBLE: return "not_eligible";
	case OMS_SKIP_VICTIM_REAPED: return "victim_reaped";
	case OMS_SKIP_NOT_SCANNED: return "not_scanned";
	case OMS_SKIP_UNSCORED: return "unscored";
	}
	return "unknown";
}

const char *oms_constraint_key(enum oms_constraint c)
{
	switch (c) {
	case OMS_CONSTRAINT_NONE: return "none";
	case OMS_CONSTRAINT_CPUSET: return "cpuset";
	case OMS_CONSTRAINT_MEMORY_POLICY: return "memory_policy";
	case OMS_CONSTRAINT_MEMCG: return "memcg";
	}
	return "unknown";
}

bool oms_model_free_pages(const struct oms_model *m, int64_t *ret)
{
	int i = m->meminfo.zone_stat_names ?
		oms_stat_index(m->meminfo.zone_stat_names,
			       m->meminfo.nr_zone_stat, "NR_FREE_PAGES") : -1;
	size_t z;

	if (i >= 0 && m->meminfo.zone_stat) {
		*ret = m->meminfo.zone_stat[i];
		return true;
	}
	if (!m->n_zones)
		return false;
	*ret = 0;
	for (z = 0; z < m->n_zones; z++)
		*ret += (int64_t)m->zones[z].free_pages;
	return true;
}

int oms_model_report_agrees(const struct oms_model *m)
{
	const struct oms_crosscheck *c = &m->crosscheck;

	if (!c->done)
		return -1;
	if (c->n)
		return 0;
	return c->compared && !m->report.log_partial ? 1 : -1;
}

bool oms_model_oom_panicked(const struct oms_model *m)
{
	return m->oom.panicked_before_choosing &&
	       (m->panic_is_oom || !m->report.panic_line[0]);
}

const char *oms_task_field_name(enum oms_task_field f)
{
	switch (f) {
	case OMS_TASK_PID: return "pid";
	case OMS_TASK_COMM: return "comm";
	case OMS_TASK_STATE: return "state";
	case OMS_TASK_FLAGS: return "flags";
	case OMS_TASK_MM: return "mm";
	case OMS_TASK_UID: return "uid";
	case OMS_TASK_TOTAL_VM: return "total_vm";
	case OMS_TASK_RSS: return "rss";
	case OMS_TASK_SWAPENTS: return "swapents";
	case OMS_TASK_PGTABLES: return "pgtables_bytes";
	case OMS_TASK_MMF_OOM_SKIP: return "mmf_oom_skip";
	case OMS_TASK_ADJ: return "oom_score_adj";
	case OMS_TASK_THREADS: return "nr_threads";
	case OMS_TASK_VICTIM: return "oom_victim";
	case OMS_TASK_ORIGIN: return "oom_origin";
	case OMS_TASK_VFORK: return "in_vfork";
	case OMS_TASK_MEMCG: return "memcg";
	case OMS_TASK_MEMS: return "mems_allowed";
	case OMS_TASK_NR_FIELDS: break;
	}
	return NULL;
}
