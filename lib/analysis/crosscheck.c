// SPDX-License-Identifier: GPL-2.0
/*
 * The cross-check: every number of the kernel's own OOM report (in the log
 * in the dump) against the same number rebuilt from the structures.
 *
 * Both sides go through the same path: our Mem-Info and Tasks state table
 * are rendered in the kernel's format (show_mem.c, dump_tasks.c) and
 * parsed by the parser that read the kernel's (kreport.c); then the two
 * parsed reports are compared field by field.  So the check covers the
 * numbers and the formats at once.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crosscheck.h"
#include "kreport.h"
#include "../model/lookup.h"
#include "show_mem.h"
#include "dump_tasks.h"
#include "../model/vec.h"

#define RAN_ON "the system ran on between the kernel's print and the panic"
#define ALLOCATOR_RAN_ON \
	"the allocating task kept running between the kernel's print and the panic"
#define EXITED "it exited between the kernel's print and the panic"
#define INCOMPLETE "the dump's task list is incomplete (pages not in the dump)"
#define UNREADABLE_SLAB "the cache is not all in the dump (see its warning)"
#define UNREADABLE "fields of the process are not in the dump (see its warning)"

static void add(struct oms_crosscheck *c, const char *reason, int64_t kernel,
		int64_t dump, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void add(struct oms_crosscheck *c, const char *reason, int64_t kernel,
		int64_t dump, const char *fmt, ...)
{
	struct oms_difference *d;
	va_list ap;

	d = oms_grow(c->v, &c->cap, c->n + 1, sizeof(*d));
	if (!d)
		return;
	c->v = d;
	d = &c->v[c->n];
	va_start(ap, fmt);
	if (vasprintf(&d->what, fmt, ap) < 0) {
		va_end(ap);
		return;
	}
	va_end(ap);
	d->kernel = kernel;
	d->dump = dump;
	d->kernel_text[0] = d->dump_text[0] = '\0';
	d->reason = reason;
	c->n++;
}

/* compare one number; differences are recorded */
static void cmp(struct oms_crosscheck *c, const char *reason, int64_t kernel,
		int64_t dump, const char *what, const char *field)
{
	c->compared++;
	if (kernel != dump)
		add(c, reason, kernel, dump, "%s%s%s", what, field[0] ? " " : "",
		    field);
}

static const struct oms_kv *find_kv(const struct oms_kernel_report *r,
				    const struct oms_kv *want)
{
	size_t i;

	for (i = 0; i < r->n_meminfo; i++)
		if (!strcmp(r->meminfo[i].scope, want->scope) &&
		    !strcmp(r->meminfo[i].name, want->name))
			return &r->meminfo[i];
	return NULL;
}

/* the memcg lines of a memcg OOM ("memory: usage 65536kB, limit 65536kB,
 * failcnt 81") against the OOM memcg's page_counter */
static bool check_memcg_kv(struct oms_crosscheck *c, const struct oms_model *m,
			   const struct oms_kv *kv)
{
	const struct oms_memcg *mc = m->oom.memcg ?
		oms_memcg_find(&m->memcgs, m->oom.memcg) : NULL;
	uint64_t kb = m->kernel.page_size / 1024;

	if (!mc || !mc->valid || strcmp(kv->scope, "memory"))
		return false;
	if (!strcmp(kv->name, "usage"))
		cmp(c, RAN_ON, kv->value, (int64_t)(mc->usage * kb),
		    "memcg memory", "usage (kB)");
	else if (!strcmp(kv->name, "limit"))
		cmp(c, NULL, kv->value, (int64_t)(mc->max * kb),
		    "memcg memory", "limit (kB)");
	else
		return false;
	return true;
}

static void check_meminfo(struct oms_crosscheck *c, const struct oms_model *m,
			  const struct oms_kernel_report *k,
			  const struct oms_kernel_report *ours)
{
	size_t i;

	for (i = 0; i < k->n_meminfo; i++) {
		const struct oms_kv *kv = &k->meminfo[i], *o = find_kv(ours, kv);
		char what[160];

		if (!o) {
			if (!check_memcg_kv(c, m, kv))
				c->not_rebuilt++;
			continue;
		}
		snprintf(what, sizeof(what), "Mem-Info %s%s%s", kv->scope,
			 kv->scope[0] ? " " : "", kv->name);
		cmp(c, RAN_ON, kv->value, o->value, what, kv->kb ? "(kB)" : "");
	}
}

static const struct oms_report_zone_free *
find_zone_free(const struct oms_kernel_report *r, int node, const char *zone)
{
	size_t i;

	for (i = 0; i < r->n_zones; i++)
		if (r->zones[i].node == node && !strcmp(r->zones[i].zone, zone))
			return &r->zones[i];
	return NULL;
}

static void check_free_lists(struct oms_crosscheck *c,
			     const struct oms_kernel_report *k,
			     const struct oms_kernel_report *ours)
{
	size_t i;
	int o;

	for (i = 0; i < k->n_zones; i++) {
		const struct oms_report_zone_free *kz = &k->zones[i], *oz;
		char what[64];

		snprintf(what, sizeof(what), "Node %d %s", kz->node, kz->zone);
		oz = find_zone_free(ours, kz->node, kz->zone);
		if (!oz) {
			c->not_rebuilt++;
			continue;
		}
		for (o = 0; o < kz->nr_orders; o++) {
			char field[48];

			snprintf(field, sizeof(field), "order %d free blocks", o);
			cmp(c, RAN_ON, (int64_t)kz->nr[o],
			    o < oz->nr_orders ? (int64_t)oz->nr[o] : -1,
			    what, field);
			c->compared++;
			if (o < oz->nr_orders &&
			    strcmp(kz->types[o], oz->types[o])) {
				add(c, RAN_ON, 0, 0, "%s order %d migratetypes",
				    what, o);
				snprintf(c->v[c->n - 1].kernel_text,
					 sizeof(c->v[0].kernel_text), "(%s)",
					 kz->types[o]);
				snprintf(c->v[c->n - 1].dump_text,
					 sizeof(c->v[0].dump_text), "(%s)",
					 oz->types[o]);
			}
		}
		cmp(c, RAN_ON, (int64_t)kz->total_kb, (int64_t)oz->total_kb,
		    what, "free total (kB)");
	}
}

static const struct oms_report_task *find_row(const struct oms_kernel_report *r,
					      int32_t pid)
{
	size_t i;

	for (i = 0; i < r->n_tasks; i++)
		if (r->tasks[i].pid == pid)
			return &r->tasks[i];
	return NULL;
}

/* a process of the model the table could not print whole: its row has a
 * ? where a field is not in the dump (or its pid itself is unknown) */
static bool unreadable_row(const struct oms_model *m, int32_t pid)
{
	size_t i;

	for (i = 0; i < m->tasks.n; i++) {
		const struct oms_task *t = &m->tasks.v[i];

		if (!t->unknown)
			continue;
		if (!oms_task_known(t, OMS_TASK_PID) || oms_task_pid(t) == pid)
			return true;
	}
	return false;
}

static void check_tasks(struct oms_crosscheck *c, const struct oms_model *m,
			const struct oms_kernel_report *k,
			const struct oms_kernel_report *ours)
{
	size_t i;

	for (i = 0; i < k->n_tasks; i++) {
		const struct oms_report_task *kt = &k->tasks[i], *ot;
		const char *why = RAN_ON;
		char what[64];

		snprintf(what, sizeof(what), "pid %d (%s)", kt->pid, kt->name);
		if (kt->pid == m->kernel.current_pid ||
		    (k->has_header && !strcmp(kt->name, k->invoker)))
			why = ALLOCATOR_RAN_ON;
		ot = find_row(ours, kt->pid);
		c->compared++;
		if (!ot) {
			add(c, unreadable_row(m, kt->pid) ? UNREADABLE :
			    m->tasks.complete ? EXITED : INCOMPLETE, 1, 0,
			    "%s in the task list", what);
			continue;
		}
		/* a field our row shows as "?" is not in the dump: not compared */
#define CMP(col, a, b, field) do {					\
		if (!(ot->unknown & (1u << (col))))			\
			cmp(c, why, (int64_t)(a), (int64_t)(b), what, field); \
	} while (0)
		CMP(OMS_RCOL_UID, kt->uid, ot->uid, "uid");
		CMP(OMS_RCOL_TGID, kt->tgid, ot->tgid, "tgid");
		CMP(OMS_RCOL_TOTAL_VM, kt->total_vm, ot->total_vm, "total_vm");
		CMP(OMS_RCOL_RSS, kt->rss, ot->rss, "rss");
		if (kt->has_rss_split && ot->has_rss_split) {
			CMP(OMS_RCOL_RSS_ANON, kt->rss_anon, ot->rss_anon, "rss_anon");
			CMP(OMS_RCOL_RSS_FILE, kt->rss_file, ot->rss_file, "rss_file");
			CMP(OMS_RCOL_RSS_SHMEM, kt->rss_shmem, ot->rss_shmem, "rss_shmem");
		}
		CMP(OMS_RCOL_PGTABLES_BYTES, kt->pgtables_bytes, ot->pgtables_bytes,
		    "pgtables_bytes");
		CMP(OMS_RCOL_SWAPENTS, kt->swapents, ot->swapents, "swapents");
		CMP(OMS_RCOL_OOM_SCORE_ADJ, kt->oom_score_adj, ot->oom_score_adj,
		    "oom_score_adj");
#undef CMP
		if (ot->unknown & (1u << OMS_RCOL_NAME))
			continue;
		c->compared++;
		if (strcmp(kt->name, ot->name))
			add(c, why, 0, 0, "%s name: dump has '%s'", what, ot->name);
	}
}

/* the kernel's "Unreclaimable slab info:" rows against the caches, by
 * name; the counts move as the system runs on, as Mem-Info's do */
static void check_slab(struct oms_crosscheck *c, const struct oms_model *m,
		       const struct oms_kernel_report *k)
{
	const struct oms_slab *s = &m->slab;
	size_t i, j;

	for (i = 0; i < k->n_slabs; i++) {
		const struct oms_report_slab *row = &k->slabs[i];
		const struct oms_slab_cache *sc = NULL;
		char what[128];

		for (j = 0; j < s->n && !sc; j++)
			if (!s->v[j].reclaimable &&
			    !strcmp(s->v[j].name, row->name))
				sc = &s->v[j];
		if (!sc) {
			c->not_rebuilt++;
			continue;
		}
		snprintf(what, sizeof(what), "slab %s", row->name);
		if (s->partial_lists_walked)
			cmp(c, sc->partial ? UNREADABLE_SLAB : RAN_ON,
			    (int64_t)row->used_kb,
			    (int64_t)(sc->active_objs * sc->size / 1024), what,
			    "used (kB)");
		else
			c->not_rebuilt++;
		cmp(c, sc->partial ? UNREADABLE_SLAB : RAN_ON,
		    (int64_t)row->total_kb,
		    (int64_t)(sc->num_objs * sc->size / 1024), what,
		    "total (kB)");
	}
}

/* parse what a renderer prints, as if the kernel had printed it */
static struct oms_error *parse_ours(const struct oms_model *m,
				    struct oms_kernel_report *ours)
{
	struct oms_error *err;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return &oms_enomem;
	fprintf(f, "oomscan invoked oom-killer: gfp_mask=0x0(), order=0, oom_score_adj=0\n");
	oms_show_mem(f, m);
	oms_dump_tasks(f, m);
	if (fclose(f)) {
		free(text);
		return &oms_enomem;
	}
	err = oms_kreport_parse(text, len, ours);
	free(text);
	return err;
}

/* the cpu and task of dump_stack()'s "CPU: N PID: P Comm: ..." line */
static void check_panic_task(struct oms_crosscheck *c,
			     const struct oms_model *m,
			     const struct oms_kernel_report *k)
{
	if (!k->has_panic_task)
		return;
	if (m->kernel.panic_cpu >= 0)
		cmp(c, NULL, k->panic_task_cpu, m->kernel.panic_cpu,
		    "the panicking cpu (the log's \"CPU:\" line)", "");
	if (m->kernel.current_pid >= 0)
		cmp(c, NULL, k->panic_task_pid, m->kernel.current_pid,
		    "the panicking task's pid (the log's \"CPU:\" line)", "");
}

struct oms_error *oms_crosscheck_run(struct oms_model *m)
{
	struct oms_kernel_report ours;
	struct oms_error *err;

	if (!m->report.found)
		return NULL;
	memset(&ours, 0, sizeof(ours));
	err = parse_ours(m, &ours);
	if (err)
		return oms_error_prefix(err, "cannot parse oomscan's own rendering");
	m->crosscheck.done = true;
	check_meminfo(&m->crosscheck, m, &m->report, &ours);
	check_free_lists(&m->crosscheck, &m->report, &ours);
	check_tasks(&m->crosscheck, m, &m->report, &ours);
	check_slab(&m->crosscheck, m, &m->report);
	check_panic_task(&m->crosscheck, m, &m->report);
	oms_kreport_deinit(&ours);
	return NULL;
}

