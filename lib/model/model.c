// SPDX-License-Identifier: GPL-2.0
/*
 * The model's life cycle: init, and the deinit of every part side by
 * side (the model owns its memory; the collectors and the analysis fill
 * it), and what the front ends ask of a whole model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"


void oms_kernel_init(struct oms_kernel *k)
{
	memset(k, 0, sizeof(*k));
	k->panic_cpu = -1;
	k->current_pid = -1;
	k->current_tgid = -1;
	k->note_pid = -1;
	k->current_tgid = -1;
}

void oms_allocation_init(struct oms_allocation *a)
{
	memset(a, 0, sizeof(*a));
	a->order = -1;
	a->zonelist_node = -1;
	a->zonelist_kind = -1;
	a->constraint = -1;
	a->oom_killer_disabled = -1;
	a->mm_users = -1;
}

void oms_watermarks_deinit(struct oms_watermarks *w)
{
	free(w->v);
	memset(w, 0, sizeof(*w));
}

void oms_model_init(struct oms_model *m)
{
	memset(m, 0, sizeof(*m));
	oms_kernel_init(&m->kernel);
	oms_allocation_init(&m->allocation);
}

void oms_tasks_deinit(struct oms_tasks *tasks)
{
	free(tasks->v);
	memset(tasks, 0, sizeof(*tasks));
}

void oms_memcgs_deinit(struct oms_memcgs *memcgs)
{
	free(memcgs->v);
	memset(memcgs, 0, sizeof(*memcgs));
}

void oms_zones_deinit(struct oms_zones *zones)
{
	size_t i;

	for (i = 0; i < zones->n; i++)
		free(zones->v[i].vm_stat);
	free(zones->v);
	memset(zones, 0, sizeof(*zones));
}

void oms_meminfo_deinit(struct oms_meminfo *mi)
{
	size_t i;

	free(mi->zone_stat);
	free((void *)mi->zone_stat_names);
	free(mi->node_stat);
	free((void *)mi->node_stat_names);
	for (i = 0; i < mi->n_nodes; i++)
		free(mi->nodes[i].vm_stat);
	free(mi->nodes);
	memset(mi, 0, sizeof(*mi));
}

void oms_slab_deinit(struct oms_slab *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void oms_kreport_deinit(struct oms_kernel_report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_meminfo; i++) {
		free(r->meminfo[i].scope);
		free(r->meminfo[i].name);
	}
	free(r->meminfo);
	free(r->zones);
	free(r->tasks);
	free(r->killed);
	free(r->slabs);
	memset(r, 0, sizeof(*r));
}

void oms_oom_deinit(struct oms_oom *oom)
{
	free(oom->ranking);
	memset(oom, 0, sizeof(*oom));
}

void oms_crosscheck_deinit(struct oms_crosscheck *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->v[i].what);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

void oms_model_deinit(struct oms_model *m)
{
	oms_crosscheck_deinit(&m->crosscheck);
	oms_oom_deinit(&m->oom);
	oms_watermarks_deinit(&m->watermarks);
	oms_kreport_deinit(&m->report);
	oms_tasks_deinit(&m->tasks);
	oms_memcgs_deinit(&m->memcgs);
	oms_zones_deinit(&m->zones);
	oms_meminfo_deinit(&m->meminfo);
	oms_slab_deinit(&m->slab);
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
