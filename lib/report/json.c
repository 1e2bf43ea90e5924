// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON report, schema_version 1 (docs/oomscan.schema.json): the model
 * in, JSON out.  Names follow the schema; a number the dump could not give
 * is null.
 */
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "../analysis/gfp.h"
#include "../model/lookup.h"
#include "../analysis/oom.h"
#include "../analysis/slab.h"
#include "../analysis/ledger.h"
#include "../analysis/diagnosis.h"
#include "../analysis/summary.h"
#include "../model/options.h"
#include "oom_reason.h"
#include "report.h"
#include "wmark_reason.h"

static void json_opt_int(struct oms_json *j, const char *key, bool valid,
			 int64_t v)
{
	if (valid)
		oms_json_int(j, key, v);
	else
		oms_json_null(j, key);
}

static void json_source(struct oms_json *j, const struct oms_source *src)
{
	oms_json_object(j, "source");
	oms_json_str(j, "path", src ? src->path : NULL);
	oms_json_str(j, "format", src ? src->format : NULL);
	oms_json_str(j, "vmlinux", src ? src->vmlinux : NULL);
	oms_json_str(j, "build_id", src ? src->build_id : NULL);
	oms_json_str(j, "types", src ? src->types : NULL);
	oms_json_str(j, "symbols", src ? src->symbols : NULL);
	oms_json_str(j, "debuginfod", src ? src->debuginfod : NULL);
	/* only when there are any: no change for a kernel of KALLSYMS_ALL */
	if (src && src->n_recovered) {
		size_t i;

		oms_json_object(j, "recovered");
		/* NULL (null): the dump gave it no way */
		for (i = 0; i < src->n_recovered; i++)
			oms_json_str(j, src->recovered_names[i],
				     src->recovered_from[i]);
		oms_json_end_object(j);
	}
	oms_json_end_object(j);
}

static void json_kernel(struct oms_json *j, const struct oms_model *m)
{
	oms_json_object(j, "kernel");
	oms_json_str(j, "release", m->kernel.release);
	oms_json_str(j, "machine", m->kernel.machine);
	oms_json_int(j, "nr_cpu_ids", m->kernel.nr_cpu_ids);
	json_opt_int(j, "panic_cpu", m->kernel.panic_cpu >= 0, m->kernel.panic_cpu);
	json_opt_int(j, "current_pid", m->kernel.current_pid >= 0, m->kernel.current_pid);
	oms_json_str(j, "current_source", m->kernel.current_source);
	json_opt_int(j, "note_pid", m->kernel.note_pid >= 0, m->kernel.note_pid);
	oms_json_bool(j, "panic_is_oom", m->panic_is_oom);
	oms_json_end_object(j);
}

static void json_sysctl(struct oms_json *j, const struct oms_sysctl *s)
{
	oms_json_object(j, "sysctl");
	json_opt_int(j, "panic_on_oom", s->valid, s->panic_on_oom);
	json_opt_int(j, "oom_kill_allocating_task", s->valid,
		     s->oom_kill_allocating_task);
	json_opt_int(j, "oom_dump_tasks", s->valid, s->oom_dump_tasks);
	json_opt_int(j, "overcommit_memory", s->valid, s->overcommit_memory);
	json_opt_int(j, "overcommit_ratio", s->valid, s->overcommit_ratio);
	oms_json_end_object(j);
}

static void json_counters(struct oms_json *j, const char *key,
			  const int64_t *v, int n, const char **names)
{
	int i;

	if (!v || !names) {
		oms_json_null(j, key);
		return;
	}
	oms_json_object(j, key);
	for (i = 0; i < n; i++)
		if (names[i])
			oms_json_int(j, names[i], v[i]);
	oms_json_end_object(j);
}

static void json_meminfo(struct oms_json *j, const struct oms_model *m)
{
	const struct oms_meminfo *mi = &m->meminfo;
	const struct oms_summary *s = &m->summary;

	oms_json_object(j, "meminfo");
	oms_json_uint(j, "page_size", m->kernel.page_size);
	json_opt_int(j, "totalram_pages", mi->valid, (int64_t)mi->totalram_pages);
	json_opt_int(j, "free_pages", s->has_free, s->free_pages);
	json_opt_int(j, "total_swap_pages", mi->valid,
		     (int64_t)mi->total_swap_pages);
	json_opt_int(j, "free_swap_pages", mi->valid,
		     (int64_t)mi->free_swap_pages);
	json_opt_int(j, "totalreserve_pages", mi->valid,
		     (int64_t)mi->totalreserve_pages);
	json_opt_int(j, "hugepages_total", mi->valid,
		     (int64_t)mi->hugepages_total);
	json_opt_int(j, "hugepages_free", mi->valid,
		     (int64_t)mi->hugepages_free);
	json_counters(j, "vm_zone_stat", mi->zone_stat, mi->nr_zone_stat,
		      mi->zone_stat_names);
	json_counters(j, "vm_node_stat", mi->node_stat, mi->nr_node_stat,
		      mi->node_stat_names);
	oms_json_end_object(j);
}

static void json_zone(struct oms_json *j, const struct oms_model *m,
		      const struct oms_zone *z)
{
	const struct oms_migratetypes *mt = &m->zones.migratetypes;
	int o, t;

	oms_json_object(j, NULL);
	oms_json_int(j, "node", z->node);
	oms_json_str(j, "name", z->name);
	oms_json_uint(j, "present_pages", z->present_pages);
	oms_json_uint(j, "managed_pages", z->managed_pages);
	oms_json_uint(j, "free_pages", z->free_pages);
	oms_json_uint(j, "min", z->min);
	oms_json_uint(j, "low", z->low);
	oms_json_uint(j, "high", z->high);
	oms_json_uint(j, "watermark_boost", z->watermark_boost);
	oms_json_array(j, "lowmem_reserve");
	for (o = 0; o < z->nr_lowmem_reserve; o++)
		oms_json_uint(j, NULL, z->lowmem_reserve[o]);
	oms_json_end_array(j);
	oms_json_uint(j, "free_pcp", z->free_pcp);
	oms_json_array(j, "free_area");
	for (o = 0; o < z->nr_orders; o++) {
		const struct oms_free_area *fa = &z->free_area[o];
		uint64_t sum = 0;

		oms_json_object(j, NULL);
		oms_json_int(j, "order", o);
		oms_json_uint(j, "nr_free", fa->nr_free);
		if (fa->walked) {
			oms_json_object(j, "by_migratetype");
			for (t = 0; t < mt->nr; t++) {
				oms_json_uint(j, mt->name[t], fa->by_migratetype[t]);
				sum += fa->by_migratetype[t];
			}
			oms_json_end_object(j);
			oms_json_bool(j, "walk_agrees", sum == fa->nr_free && !fa->corrupt);
		} else {
			oms_json_null(j, "by_migratetype");
			oms_json_null(j, "walk_agrees");
		}
		oms_json_end_object(j);
	}
	oms_json_end_array(j);
	oms_json_watermark_check(j, m, (size_t)(z - m->zones.v));
	oms_json_end_object(j);
}

/* the names of the fields of t that are unknown, as an array */
static void json_unknown(struct oms_json *j, uint32_t bits)
{
	int i;

	oms_json_array(j, "unknown");
	for (i = 0; i < OMS_TASK_NR_FIELDS; i++)
		if (bits & (1u << i))
			oms_json_str(j, NULL, oms_task_field_name(1u << i));
	oms_json_end_array(j);
}

static void json_task(struct oms_json *j, const struct oms_model *m,
		      const struct oms_task *t, const struct oms_score *s)
{
	bool mm = t->mm != 0 && oms_task_known(t, OMS_TASK_MM);
	bool rss = mm && oms_task_known(t, OMS_TASK_RSS);
	int i;
	static const char *const rss_names[OMS_RSS_NR] = {
		"file", "anon", "swapents", "shmem",
	};

	char addr[24];

	oms_json_object(j, NULL);
	json_opt_int(j, "pid", oms_task_known(t, OMS_TASK_PID), oms_task_pid(t));
	snprintf(addr, sizeof(addr), "0x%llx", (unsigned long long)t->addr);
	oms_json_str(j, "task_struct", addr);
	json_opt_int(j, "tgid", oms_task_known(t, OMS_TASK_PID), t->tgid);
	json_opt_int(j, "uid", oms_task_known(t, OMS_TASK_UID), t->uid);
	oms_json_str(j, "comm", oms_task_known(t, OMS_TASK_COMM) ? t->comm : NULL);
	oms_json_str(j, "state", oms_task_known(t, OMS_TASK_STATE) ?
		     (char[]){ t->state ? t->state : '?', 0 } : NULL);
	if (oms_task_known(t, OMS_TASK_FLAGS))
		oms_json_bool(j, "kthread", t->kthread);
	else
		oms_json_null(j, "kthread");
	json_opt_int(j, "total_vm", mm && oms_task_known(t, OMS_TASK_TOTAL_VM),
		     (int64_t)t->total_vm);
	json_opt_int(j, "rss", rss, (int64_t)oms_task_rss(t));
	json_opt_int(j, "rss_anon", rss, (int64_t)t->rss_kernel[OMS_RSS_ANON]);
	json_opt_int(j, "rss_file", rss, (int64_t)t->rss_kernel[OMS_RSS_FILE]);
	json_opt_int(j, "rss_shmem", rss, (int64_t)t->rss_kernel[OMS_RSS_SHMEM]);
	json_opt_int(j, "swapents", mm && oms_task_known(t, OMS_TASK_SWAPENTS),
		     (int64_t)t->rss_kernel[OMS_RSS_SWAPENTS]);
	json_opt_int(j, "pgtables_bytes", mm && oms_task_known(t, OMS_TASK_PGTABLES),
		     (int64_t)t->pgtables_bytes);
	if (rss && t->rss_exact_valid) {
		oms_json_object(j, "rss_exact");
		for (i = 0; i < OMS_RSS_NR; i++)
			oms_json_int(j, rss_names[i], t->rss_exact[i]);
		oms_json_end_object(j);
	} else {
		oms_json_null(j, "rss_exact");
	}
	json_opt_int(j, "oom_score_adj", oms_task_known(t, OMS_TASK_ADJ),
		     t->oom_score_adj);
	json_opt_int(j, "oom_score_adj_min", oms_task_known(t, OMS_TASK_ADJ),
		     t->oom_score_adj_min);
	if (oms_task_known(t, OMS_TASK_MM | OMS_TASK_MMF_OOM_SKIP))
		oms_json_bool(j, "mmf_oom_skip", t->mmf_oom_skip);
	else
		oms_json_null(j, "mmf_oom_skip");
	if (oms_task_known(t, OMS_TASK_VICTIM))
		oms_json_bool(j, "oom_victim", t->oom_victim);
	else
		oms_json_null(j, "oom_victim");
	oms_json_str(j, "memcg", t->memcg_path[0] ? t->memcg_path : NULL);
	if (s && s->skip == OMS_SKIP_NONE) {
		oms_json_int(j, "points", s->points);
		oms_json_null(j, "skip");
	} else {
		oms_json_null(j, "points");
		oms_json_str(j, "skip", s ? oms_skip_key(s->skip) : "not_evaluated");
	}
	json_unknown(j, t->unknown);
	(void)m;
	oms_json_end_object(j);
}

static void json_score(struct oms_json *j, const struct oms_model *m,
		       const struct oms_score *s)
{
	const struct oms_task *t = &m->tasks.v[s->task];

	oms_json_object(j, NULL);
	json_opt_int(j, "pid", oms_task_known(t, OMS_TASK_PID), oms_task_pid(t));
	oms_json_str(j, "comm", oms_task_known(t, OMS_TASK_COMM) ? t->comm : NULL);
	if (s->skip == OMS_SKIP_NONE) {
		oms_json_int(j, "points", s->points);
		oms_json_null(j, "skip");
	} else {
		oms_json_null(j, "points");
		oms_json_str(j, "skip", oms_skip_key(s->skip));
	}
	oms_json_uint(j, "rss", s->rss);
	oms_json_uint(j, "swapents", s->swapents);
	oms_json_uint(j, "pgtables", s->pgtables);
	oms_json_int(j, "adj_points", s->adj_points);
	oms_json_end_object(j);
}

static const char *alloc_source_key(enum oms_alloc_source s)
{
	switch (s) {
	case OMS_ALLOC_STACK: return "stack";
	case OMS_ALLOC_LOG: return "log";
	default: return NULL;
	}
}

/* oom.allocation: the allocation that failed (collect/allocation.c) */
static void json_allocation(struct oms_json *j, const struct oms_model *m)
{
	const struct oms_allocation *a = &m->allocation;
	const struct oms_kernel_report *r = &m->report;
	bool from_log = a->source == OMS_ALLOC_LOG;
	char buf[320];
	int nid;

	oms_json_object(j, "allocation");
	oms_json_str(j, "source", alloc_source_key(a->source));
	if (a->source == OMS_ALLOC_UNKNOWN) {
		oms_json_null(j, "gfp_mask");
		oms_json_null(j, "gfp_flags");
		oms_json_null(j, "order");
	} else {
		uint64_t gfp = from_log ? r->gfp_mask : a->gfp_mask;

		snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)gfp);
		oms_json_str(j, "gfp_mask", buf);
		if (oms_gfp_format(&a->gfp_names, gfp, buf, sizeof(buf))) {
			oms_json_str(j, "gfp_names", buf);
			char *p = buf, *bar;

			oms_json_array(j, "gfp_flags");
			while (*p) {
				bar = strchr(p, '|');
				if (bar)
					*bar = '\0';
				oms_json_str(j, NULL, p);
				if (!bar)
					break;
				p = bar + 1;
			}
			oms_json_end_array(j);
		} else {
			oms_json_null(j, "gfp_names");
			oms_json_null(j, "gfp_flags");
		}
		oms_json_int(j, "order", from_log ? r->order : a->order);
	}
	oms_json_bool(j, "found", a->found);
	if (a->found) {
		snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)a->address);
		oms_json_str(j, "address", buf);
		oms_json_uint(j, "candidates", a->candidates);
		oms_json_bool(j, "ambiguous", a->ambiguous);
		json_opt_int(j, "zonelist_node", a->zonelist_node >= 0, a->zonelist_node);
		json_opt_int(j, "zonelist_kind", a->zonelist_kind >= 0, a->zonelist_kind);
		if (a->zonelist && m->watermarks.computed &&
		    m->watermarks.preferred_zone >= 0 &&
		    (size_t)m->watermarks.preferred_zone < m->zones.n) {
			const struct oms_zone *z = &m->zones.v[m->watermarks.preferred_zone];

			snprintf(buf, sizeof(buf), "Node %d %s", z->node, z->name);
			oms_json_str(j, "preferred_zone", buf);
		} else {
			oms_json_null(j, "preferred_zone");
		}
		if (a->nodemask_addr) {
			oms_json_array(j, "nodemask");
			for (nid = 0; nid < 64; nid++)
				if (a->nodemask & (1ULL << nid))
					oms_json_int(j, NULL, nid);
			oms_json_end_array(j);
		} else {
			oms_json_null(j, "nodemask");
		}
		{
			/* the allocating process's cpuset mems (mems_allowed):
			 * a CONSTRAINT_CPUSET OOM's nodes */
			const struct oms_task *cur = oms_current_process(m);

			if (cur && oms_task_known(cur, OMS_TASK_MEMS)) {
				oms_json_array(j, "mems_allowed");
				for (nid = 0; nid < 64; nid++)
					if (cur->mems_allowed & (1ULL << nid))
						oms_json_int(j, NULL, nid);
				oms_json_end_array(j);
			} else {
				oms_json_null(j, "mems_allowed");
			}
		}
		if (a->memcg) {
			const struct oms_memcg *mc = oms_memcg_find(&m->memcgs, a->memcg);

			oms_json_str(j, "memcg", mc ? mc->path : NULL);
		} else {
			oms_json_null(j, "memcg");
		}
		oms_json_str(j, "constraint", a->constraint >= 0 ?
			     oms_constraint_key((enum oms_constraint)a->constraint) : NULL);
		oms_json_uint(j, "totalpages", a->totalpages);
		oms_json_null(j, "why_not_found");
	} else {
		oms_json_str(j, "why_not_found", a->why_not[0] ? a->why_not : NULL);
	}
	/* the log's line, when it has one, and whether the stack agrees */
	if (r->found && r->has_header) {
		snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)r->gfp_mask);
		oms_json_object(j, "log");
		oms_json_str(j, "gfp_mask", buf);
		oms_json_str(j, "gfp_names", r->gfp_names[0] ? r->gfp_names : NULL);
		oms_json_int(j, "order", r->order);
		oms_json_end_object(j);
		if (m->oom.allocation_log_agrees >= 0)
			oms_json_bool(j, "agrees_with_log", m->oom.allocation_log_agrees);
		else
			oms_json_null(j, "agrees_with_log");
	} else {
		oms_json_null(j, "log");
		oms_json_null(j, "agrees_with_log");
	}
	oms_json_end_object(j);
}

static void json_oom(struct oms_json *j, const struct oms_model *m,
		     const struct oms_options *o)
{
	const struct oms_oom *oom = &m->oom;
	char reason[OMS_OOM_REASON_SIZE];
	size_t i, shown = 0;

	oms_json_object(j, "oom");
	oms_json_str(j, "constraint", oms_constraint_key(oom->constraint));
	oms_json_str(j, "memcg", oom->memcg_path[0] ? oom->memcg_path : NULL);
	oms_json_uint(j, "totalpages", oom->totalpages);
	oms_json_bool(j, "panic", oms_model_oom_panicked(m));
	oms_json_bool(j, "sysrq", oom->sysrq);
	oms_json_bool(j, "aborted", oom->aborted);
	oms_json_bool(j, "allocating_task", oom->allocating_task);
	if (oom->has_victim) {
		const struct oms_task *v = &m->tasks.v[oom->victim];

		oms_json_object(j, "victim");
		oms_json_int(j, "pid", oms_task_pid(v));
		oms_json_str(j, "comm", v->comm);
		oms_json_int(j, "points", oom->victim_points);
		oms_json_end_object(j);
	} else {
		oms_json_null(j, "victim");
	}
	json_opt_int(j, "margin", oom->has_victim && oom->n_ranking > 1 &&
		     oom->ranking[1].skip == OMS_SKIP_NONE, oom->margin);
	oms_json_str(j, "rule", oms_oom_rule_key(oom->rule));
	oms_json_str(j, "constraint_source", oom->from_kernel ? "stack" : "emulated");
	oms_json_object(j, "emulation");
	oms_json_str(j, "constraint", oms_constraint_key(oom->emulated_constraint));
	oms_json_uint(j, "totalpages", oom->emulated_totalpages);
	if (oom->emulation_agrees < 0)
		oms_json_null(j, "agrees");
	else
		oms_json_bool(j, "agrees", oom->emulation_agrees);
	oms_json_end_object(j);
	json_allocation(j, m);
	oms_oom_reason(m, reason, sizeof(reason));
	oms_json_str(j, "reason", reason[0] ? reason : NULL);
	oms_json_array(j, "ranking");
	for (i = 0; i < oom->n_ranking; i++) {
		if (oom->ranking[i].skip != OMS_SKIP_NONE)
			continue;
		if (o->top_n && shown == o->top_n)
			break;
		json_score(j, m, &oom->ranking[i]);
		shown++;
	}
	oms_json_end_array(j);
	/* the processes that could not be scored, and whether each could
	 * have changed the decision */
	oms_json_bool(j, "victim_certain", oom->n_could_change == 0);
	oms_json_array(j, "unscored");
	for (i = 0; i < oom->n_ranking; i++) {
		const struct oms_score *s = &oom->ranking[i];
		const struct oms_task *t = &m->tasks.v[s->task];

		if (s->skip != OMS_SKIP_UNSCORED)
			continue;
		oms_json_object(j, NULL);
		json_opt_int(j, "pid", oms_task_known(t, OMS_TASK_PID), oms_task_pid(t));
		oms_json_str(j, "comm", oms_task_known(t, OMS_TASK_COMM) ? t->comm : NULL);
		json_unknown(j, s->unknown);
		json_opt_int(j, "points_max", s->points_max != INT64_MIN, s->points_max);
		oms_json_bool(j, "could_change", s->could_change);
		oms_json_end_object(j);
	}
	oms_json_end_array(j);
	oms_json_end_object(j);
}

static void json_kernel_report(struct oms_json *j, const struct oms_model *m)
{
	const struct oms_kernel_report *r = &m->report;
	const struct oms_crosscheck *c = &m->crosscheck;
	char gfp[32];
	size_t i;

	oms_json_object(j, "kernel_report");
	oms_json_bool(j, "found", r->found);
	oms_json_bool(j, "truncated", r->truncated);
	oms_json_str(j, "invoker", r->has_header ? r->invoker : NULL);
	snprintf(gfp, sizeof(gfp), "0x%llx", (unsigned long long)r->gfp_mask);
	oms_json_str(j, "gfp_mask", r->has_header ? gfp : NULL);
	json_opt_int(j, "order", r->has_header, r->order);
	oms_json_str(j, "panic_line", r->panic_line[0] ? r->panic_line : NULL);
	if (r->has_panic_task) {
		oms_json_object(j, "panic_task");
		oms_json_int(j, "cpu", r->panic_task_cpu);
		oms_json_int(j, "pid", r->panic_task_pid);
		oms_json_str(j, "comm", r->panic_task_comm);
		oms_json_end_object(j);
	} else {
		oms_json_null(j, "panic_task");
	}
	oms_json_uint(j, "compared", c->compared);
	oms_json_uint(j, "not_rebuilt", c->not_rebuilt);
	oms_json_bool(j, "log_complete", !r->log_partial);
	if (oms_model_report_agrees(m) >= 0)
		oms_json_bool(j, "agrees", oms_model_report_agrees(m));
	else
		oms_json_null(j, "agrees");
	oms_json_array(j, "differences");
	for (i = 0; i < c->n; i++) {
		oms_json_object(j, NULL);
		oms_json_str(j, "what", c->v[i].what);
		if (c->v[i].kernel_text[0]) {
			oms_json_str(j, "kernel", c->v[i].kernel_text);
			oms_json_str(j, "dump", c->v[i].dump_text);
		} else {
			oms_json_int(j, "kernel", c->v[i].kernel);
			oms_json_int(j, "dump", c->v[i].dump);
		}
		oms_json_str(j, "reason", c->v[i].reason);
		oms_json_end_object(j);
	}
	oms_json_end_array(j);
	oms_json_end_object(j);
}

static void json_summary(struct oms_json *j, const struct oms_model *m)
{
	const struct oms_summary *s = &m->summary;

	oms_json_object(j, "summary");
	json_opt_int(j, "free_pages", s->has_free, s->free_pages);
	if (s->has_top) {
		const struct oms_task *t = &m->tasks.v[s->top];
		bool rss = t->mm && oms_task_known(t, OMS_TASK_MM | OMS_TASK_RSS);

		oms_json_object(j, "top");
		json_opt_int(j, "pid", oms_task_known(t, OMS_TASK_PID),
			     oms_task_pid(t));
		oms_json_str(j, "comm", oms_task_known(t, OMS_TASK_COMM) ?
			     t->comm : NULL);
		json_opt_int(j, "rss", rss, (int64_t)s->top_rss);
		oms_json_end_object(j);
	} else {
		oms_json_null(j, "top");
	}
	oms_json_str(j, "dominant_memory", s->dominant == OMS_MEM_UNKNOWN ?
		     NULL : oms_mem_class_name(s->dominant));
	oms_json_str(j, "signature", s->signature);
	oms_json_end_object(j);
}

/* slab[]: the caches, largest total_bytes first */
static void json_slab(struct oms_json *j, const struct oms_slab *s)
{
	size_t *idx = calloc(s->n ? s->n : 1, sizeof(*idx));
	size_t i;

	oms_json_array(j, "slab");
	if (idx)
		oms_slab_by_bytes(s, idx);
	for (i = 0; idx && i < s->n; i++) {
		const struct oms_slab_cache *c = &s->v[idx[i]];

		oms_json_object(j, NULL);
		oms_json_str(j, "name", c->name);
		oms_json_uint(j, "size", c->size);
		oms_json_uint(j, "object_size", c->object_size);
		oms_json_bool(j, "reclaimable", c->reclaimable);
		oms_json_uint(j, "nr_slabs", c->nr_slabs);
		oms_json_uint(j, "num_objs", c->num_objs);
		oms_json_uint(j, "active_objs", c->active_objs);
		oms_json_uint(j, "total_bytes", c->total_bytes);
		oms_json_end_object(j);
	}
	oms_json_end_array(j);
	free(idx);
}

/* ledger[]: every present page in one line; ledger_groups[] beside the
 * census; diagnosis */
static void json_ledger(struct oms_json *j, const struct oms_model *m)
{
	const struct oms_ledger *l = &m->ledger;
	size_t i;
	int g;

	oms_json_array(j, "ledger");
	for (i = 0; l->valid && i < l->n_lines; i++) {
		const struct oms_ledger_line *ln = &l->lines[i];

		oms_json_object(j, NULL);
		oms_json_str(j, "name", ln->name);
		oms_json_str(j, "group", oms_ledger_group_name(ln->group));
		oms_json_str(j, "source", ln->source);
		oms_json_int(j, "pages", ln->pages);
		oms_json_bool(j, "estimated", ln->estimated);
		oms_json_bool(j, "subset", ln->subset);
		oms_json_end_object(j);
	}
	oms_json_end_array(j);
	oms_json_object(j, "ledger_summary");
	oms_json_bool(j, "valid", l->valid);
	oms_json_str(j, "why_not", l->valid ? NULL : l->why_not);
	oms_json_uint(j, "total_pages", l->total_pages);
	oms_json_uint(j, "managed_pages", l->managed_pages);
	oms_json_array(j, "groups");
	for (g = 0; l->valid && g < OMS_LEDGER_NR_GROUPS; g++) {
		oms_json_object(j, NULL);
		oms_json_str(j, "group", oms_ledger_group_name(g));
		oms_json_int(j, "pages", l->groups[g].pages);
		json_opt_int(j, "census_pages", l->groups[g].has_census,
			     l->groups[g].census_pages);
		oms_json_end_object(j);
	}
	oms_json_end_array(j);
	json_opt_int(j, "boot_reserved_pages", l->has_boot,
		     l->boot_reserved_pages);
	json_opt_int(j, "boot_freed_pages", l->has_boot, l->boot_freed_pages);
	oms_json_end_object(j);
}

/* census: --pages's memmap walk, null without it */
static void json_census(struct oms_json *j, const struct oms_census *c)
{

	if (!c->collected) {
		oms_json_null(j, "census");
		return;
	}
	oms_json_object(j, "census");
	oms_json_uint(j, "pages_scanned", c->pages_scanned);
	oms_json_uint(j, "present_pages", c->present_pages);
	oms_json_object(j, "classes");
	for (int i = 0; i < OMS_PAGE_NR_CLASSES; i++)
		oms_json_uint(j, oms_page_class_key(i), c->count[i]);
	oms_json_end_object(j);
	oms_json_end_object(j);
}

static void json_diagnosis(struct oms_json *j, const struct oms_diagnosis *d)
{
	oms_json_object(j, "diagnosis");
	oms_json_str(j, "class", oms_diag_class_name(d->class));
	oms_json_str(j, "runner_up", d->has_runner_up ?
		     oms_diag_class_name(d->runner_up) : NULL);
	oms_json_array(j, "evidence");
	for (int i = 0; i < d->n_evidence; i++)
		oms_json_str(j, NULL, d->evidence[i]);
	oms_json_end_array(j);
	oms_json_end_object(j);
}

void oms_report_json(FILE *out, const struct oms_model *m,
		     const struct oms_options *o,
		     const struct oms_source *src)
{
	const struct oms_score **by_task;
	struct oms_json j;
	size_t i;

	by_task = calloc(m->tasks.n ? m->tasks.n : 1, sizeof(*by_task));
	for (i = 0; by_task && i < m->oom.n_ranking; i++)
		if (m->oom.ranking[i].task < m->tasks.n)
			by_task[m->oom.ranking[i].task] = &m->oom.ranking[i];

	oms_json_init(&j, out, !o->compact_json);
	oms_json_object(&j, NULL);
	oms_json_int(&j, "schema_version", OMS_SCHEMA_VERSION);
	oms_json_str(&j, "oomscan_version", OMS_VERSION);
	json_source(&j, src);
	json_kernel(&j, m);
	json_sysctl(&j, &m->sysctl);
	json_meminfo(&j, m);
	oms_json_array(&j, "zones");
	for (i = 0; i < m->zones.n; i++)
		if (m->zones.v[i].populated)
			json_zone(&j, m, &m->zones.v[i]);
	oms_json_end_array(&j);
	json_slab(&j, &m->slab);
	json_census(&j, &m->census);
	json_ledger(&j, m);
	json_diagnosis(&j, &m->diagnosis);
	oms_json_array(&j, "tasks");
	for (i = 0; i < m->tasks.n; i++)
		json_task(&j, m, &m->tasks.v[i], by_task ? by_task[i] : NULL);
	oms_json_end_array(&j);
	json_oom(&j, m, o);
	json_kernel_report(&j, m);
	json_summary(&j, m);
	oms_json_array(&j, "warnings");
	for (i = 0; i < m->warnings.n; i++)
		oms_json_str(&j, NULL, m->warnings.v[i].message);
	oms_json_end_array(&j);
	oms_json_bool(&j, "partial", oms_model_partial(m));
	oms_json_end_object(&j);
	oms_json_finish(&j);
	free(by_task);
}
