// SPDX-License-Identifier: GPL-2.0
/*
 * The text report: a short verdict first, then the OOM killer's ranking,
 * then sections in the kernel's own formats (Mem-Info, the Tasks state
 * table) so that they diff against the kernel's log, then the cross-check
 * and what could not be read.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/gfp.h"
#include "../analysis/oom.h"
#include "../model/options.h"
#include "../analysis/printable.h"
#include "../analysis/show_mem.h"
#include "../analysis/slab.h"
#include "../analysis/dump_tasks.h"
#include "../analysis/diagnosis.h"
#include "../analysis/ledger.h"
#include "oom_reason.h"
#include "wmark_reason.h"
#include "report.h"

/* a string from the dump, by the text rule of printable.h */
#define SAFE(s, buf) oms_printable((s), (buf), sizeof(buf))

static const struct oms_task *victim_task(const struct oms_model *m)
{
	return m->oom.has_victim ? &m->tasks.v[m->oom.victim] : NULL;
}

static void verdict_panic(FILE *out, const struct oms_model *m)
{
	const struct oms_kernel_report *r = &m->report;
	char line[OMS_PRINTABLE_SIZE(sizeof(r->panic_line))];
	char comm[OMS_PRINTABLE_SIZE(OMS_COMM_LEN)];

	if (r->panic_line[0])
		fprintf(out, "  The kernel panicked: \"%s\".\n",
			SAFE(r->panic_line, line));
	else if (m->kernel.panic_cpu >= 0)
		fprintf(out, "  The kernel panicked on cpu %d (its log does not say why).\n",
			m->kernel.panic_cpu);
	else
		fprintf(out, "  The dump records no panic.\n");
	if (r->has_header)
		fprintf(out, "  %s invoked the OOM killer: gfp_mask=0x%" PRIx64
			", order=%d, oom_score_adj=%d.\n", SAFE(r->invoker, comm),
			r->gfp_mask, r->order, r->oom_score_adj);
	else if (r->found)
		fprintf(out, "  The log holds only the tail of the kernel's OOM report: its start was overwritten.\n");
	else if (!m->panic_is_oom)
		fprintf(out, "  It was not an OOM panic; below is what the OOM killer would do now.\n");
}

static void verdict_victim(FILE *out, const struct oms_model *m)
{
	const struct oms_oom *oom = &m->oom;
	const struct oms_task *v = victim_task(m);
	const struct oms_score *s = oom->n_ranking ? &oom->ranking[0] : NULL;
	char reason[OMS_OOM_REASON_SIZE];
	char path[OMS_PRINTABLE_SIZE(sizeof(oom->memcg_path))];
	char comm[OMS_PRINTABLE_SIZE(OMS_COMM_LEN)];

	if (m->sysctl.valid)
		fprintf(out, "  Sysctls: panic_on_oom=%d oom_kill_allocating_task=%d oom_dump_tasks=%d.\n",
			m->sysctl.panic_on_oom,
			m->sysctl.oom_kill_allocating_task,
			m->sysctl.oom_dump_tasks);
	fprintf(out, "  Constraint: %s%s%s, totalpages %" PRIu64 ".\n",
		oms_constraint_name(oom->constraint),
		oom->memcg_path[0] ? " " : "", SAFE(oom->memcg_path, path),
		oom->totalpages);
	if (oom->sysrq)
		fprintf(out, "  The OOM was sysrq+f's (order=-1): panic_on_oom does not apply to it, nor does an earlier victim stop the scan.\n");
	if (oms_model_oom_panicked(m))
		fprintf(out, "  panic_on_oom=%d applies, so the kernel panicked before choosing a victim.\n",
			m->sysctl.panic_on_oom);
	else if (oom->panicked_before_choosing)
		fprintf(out, "  An OOM now would panic too (panic_on_oom=%d), before choosing; the choice would be:\n",
			m->sysctl.panic_on_oom);
	oms_oom_reason(m, reason, sizeof(reason));
	if (!v) {
		fprintf(out, "  The OOM killer would find no victim%s",
			reason[0] ? ": " : "");
		oms_fputs_printable(reason, out);
		fprintf(out, ".\n");
		return;
	}
	fprintf(out, "  It would have killed pid %d (%s)", oms_task_pid(v),
		SAFE(v->comm, comm));
	if (oom->allocating_task) {
		fprintf(out, ", the allocating task (oom_kill_allocating_task=1).\n");
	} else if (s && s->skip == OMS_SKIP_NONE) {
		fprintf(out, ": %" PRId64 " points = rss %" PRIu64 " + swap %" PRIu64
			" + pgtables %" PRIu64 " %c adj %" PRId64 ".\n",
			s->points, s->rss, s->swapents, s->pgtables,
			s->adj_points < 0 ? '-' : '+',
			s->adj_points < 0 ? -s->adj_points : s->adj_points);
		if (oom->n_ranking > 1 && oom->ranking[1].skip == OMS_SKIP_NONE) {
			const struct oms_task *r = &m->tasks.v[oom->ranking[1].task];

			fprintf(out, "  Runner-up: pid %d (%s) with %" PRId64
				" points, %" PRId64 " behind.\n", oms_task_pid(r),
				SAFE(r->comm, comm), oom->ranking[1].points,
				oom->margin);
		}
	} else {
		fprintf(out, ".\n");
	}
	if (oom->n_unscored)
		fprintf(out, "  %zu process%s could not be scored (fields not in the dump, see OOM KILLER): %s.\n",
			oom->n_unscored, oom->n_unscored == 1 ? "" : "es",
			oom->n_could_change ?
			"the victim is uncertain, one of them could have been chosen" :
			"none of them could have been chosen, the victim stands");
	/* the ranking line above says it all, unless another rule decided */
	if (reason[0] && (oom->allocating_task || oom->aborted)) {
		fprintf(out, "  Why: ");
		oms_fputs_printable(reason, out);
		fprintf(out, "\n");
	}
}

static void verdict_memory(FILE *out, const struct oms_model *m)
{
	const struct oms_summary *s = &m->summary;
	uint64_t kb = m->kernel.page_size / 1024;

	if (!m->zones.n)
		return;
	fprintf(out, "  Memory: %" PRId64 " kB free of %" PRIu64
		" kB managed (min watermarks %" PRIu64 " kB)",
		(int64_t)((uint64_t)s->free_pages * kb), s->managed_pages * kb,
		s->min_pages * kb);
	if (m->meminfo.valid)
		fprintf(out, "; swap %" PRIu64 " kB free of %" PRIu64 " kB",
			m->meminfo.free_swap_pages * kb,
			m->meminfo.total_swap_pages * kb);
	fprintf(out, ".\n");
}

/* what a batch of dumps groups this one by */
static void verdict_signature(FILE *out, const struct oms_model *m)
{
	char sig[OMS_PRINTABLE_SIZE(sizeof(m->summary.signature))];

	fprintf(out, "  Signature: %s (constraint/victim/dominant memory).\n",
		SAFE(m->summary.signature, sig));
}

static void verdict_crosscheck(FILE *out, const struct oms_model *m)
{
	const struct oms_crosscheck *c = &m->crosscheck;

	if (c->done && c->not_rebuilt)
		fprintf(out, "  (%zu printed numbers, such as memcg statistics, are not rebuilt by oomscan.)\n",
			c->not_rebuilt);
	if (!c->done)
		fprintf(out, "  No OOM report in the log to check against.\n");
	else if (oms_model_report_agrees(m) > 0)
		fprintf(out, "  The kernel's own report agrees: %zu numbers compared, no difference.\n",
			c->compared);
	else if (!c->n && !c->compared)
		fprintf(out, "  No number of the kernel's report is left in the log to check against.\n");
	else if (!c->n)
		fprintf(out, "  The kernel's own report: %zu numbers compared, no difference, but the log lost records (see WARNINGS): what they held is not checked.\n",
			c->compared);
	else
		fprintf(out, "  The kernel's own report: %zu numbers compared, %zu differ (see CROSS-CHECK).\n",
			c->compared, c->n);
	if (m->warnings.n)
		fprintf(out, "  %zu part%s of the kernel's state could not be read (see WARNINGS).\n",
			m->warnings.n, m->warnings.n == 1 ? "" : "s");
}

static void section_ranking(FILE *out, const struct oms_model *m,
			    const struct oms_options *o)
{
	const struct oms_oom *oom = &m->oom;
	size_t i, shown = 0, skipped[OMS_SKIP_NR] = { 0 };
	char comm[OMS_PRINTABLE_SIZE(OMS_COMM_LEN)];

	fprintf(out, "\nOOM KILLER (emulated)\n");
	fprintf(out, " rank     pid comm                points        rss   swapents  pgtables  adj_points oom_score_adj\n");
	for (i = 0; i < oom->n_ranking; i++) {
		const struct oms_score *s = &oom->ranking[i];
		const struct oms_task *t = &m->tasks.v[s->task];

		if (s->skip != OMS_SKIP_NONE) {
			if (s->skip < OMS_SKIP_NR)
				skipped[s->skip]++;
			continue;
		}
		if (o->top_n && shown == o->top_n)
			continue;
		shown++;
		fprintf(out, " %4zu %7d %-16s %9" PRId64 " %10" PRIu64 " %10" PRIu64
			" %9" PRIu64 " %11" PRId64 " %13d\n", shown, oms_task_pid(t),
			SAFE(t->comm, comm), s->points, s->rss, s->swapents, s->pgtables,
			s->adj_points, t->oom_score_adj);
	}
	for (i = 1; i < OMS_SKIP_NR; i++)
		if (skipped[i])
			fprintf(out, " skipped: %zu %s\n", skipped[i],
				oms_skip_name((enum oms_skip)i));
	for (i = 0; i < oom->n_ranking; i++) {
		const struct oms_score *s = &oom->ranking[i];
		const struct oms_task *t = &m->tasks.v[s->task];

		/* the user-space tasks the kernel would not touch, by name */
		if (s->skip == OMS_SKIP_ADJ_MIN || s->skip == OMS_SKIP_OOM_SKIP ||
		    s->skip == OMS_SKIP_IN_VFORK)
			fprintf(out, "   pid %d (%s): %s\n", oms_task_pid(t),
				SAFE(t->comm, comm),
				oms_skip_name(s->skip));
	}
}

/* the processes that could not be scored: what they lacked, the most
 * they could have scored, and whether that could change the victim */
static void section_unscored(FILE *out, const struct oms_model *m)
{
	const struct oms_oom *oom = &m->oom;
	size_t i;
	int f;

	for (i = 0; i < oom->n_ranking; i++) {
		const struct oms_score *s = &oom->ranking[i];
		const struct oms_task *t = &m->tasks.v[s->task];
		const char *sep = "";

		if (s->skip != OMS_SKIP_UNSCORED)
			continue;
		char comm[OMS_PRINTABLE_SIZE(OMS_COMM_LEN)];

		if (oms_task_known(t, OMS_TASK_PID))
			fprintf(out, "   pid %d (%s): not scored, ", oms_task_pid(t),
				oms_task_known(t, OMS_TASK_COMM) ?
				SAFE(t->comm, comm) : "?");
		else
			fprintf(out, "   task_struct 0x%" PRIx64 ": not scored, ",
				t->addr);
		for (f = 0; f < OMS_TASK_NR_FIELDS; f++)
			if (s->unknown & (1u << f)) {
				fprintf(out, "%s%s", sep,
					oms_task_field_name(1u << f));
				sep = ", ";
			}
		if (s->points_max == INT64_MIN)
			fprintf(out, " unknown; skipped whatever they hold");
		else
			fprintf(out, " unknown; at most %" PRId64 " points",
				s->points_max);
		fprintf(out, ": %s\n", s->could_change ?
			"could change the victim" : "cannot change the victim");
	}
}

static void section_crosscheck(FILE *out, const struct oms_model *m)
{
	const struct oms_crosscheck *c = &m->crosscheck;
	size_t i;

	if (!c->done || !c->n)
		return;
	fprintf(out, "\nCROSS-CHECK (the kernel's printed report vs the structures in the dump)\n");
	for (i = 0; i < c->n; i++) {
		const struct oms_difference *d = &c->v[i];
		char k[OMS_PRINTABLE_SIZE(sizeof(d->kernel_text))];
		char o[OMS_PRINTABLE_SIZE(sizeof(d->dump_text))];

		fprintf(out, "  ");
		oms_fputs_printable(d->what, out);
		if (d->kernel_text[0])
			fprintf(out, ": kernel printed %s, dump holds %s",
				SAFE(d->kernel_text, k), SAFE(d->dump_text, o));
		else
			fprintf(out, ": kernel printed %" PRId64
				", dump holds %" PRId64, d->kernel, d->dump);
		fprintf(out, "%s%s\n", d->reason ? " -- " : "",
			d->reason ? d->reason : "");
	}
}

/* THE ALLOCATION: what failed, where that is known from, the kernel's
 * constraint and oomscan's own working of it */
static void section_allocation(FILE *out, const struct oms_model *m)
{
	const struct oms_allocation *a = &m->allocation;
	const struct oms_kernel_report *r = &m->report;
	const struct oms_oom *oom = &m->oom;
	uint64_t gfp;
	char names[320];
	int order, nid, shown = 0;

	fprintf(out, "\nTHE ALLOCATION (that failed)\n");
	if (a->source == OMS_ALLOC_UNKNOWN) {
		fprintf(out, "  Unknown: ");
		oms_fputs_printable(a->why_not[0] ? a->why_not :
				    "no oom_control on the stack", out);
		fprintf(out, ", and the log has no \"invoked oom-killer\" line.\n");
		return;
	}
	gfp = a->source == OMS_ALLOC_STACK ? a->gfp_mask : r->gfp_mask;
	order = a->source == OMS_ALLOC_STACK ? a->order : r->order;
	fprintf(out, "  gfp_mask=%#llx", (unsigned long long)gfp);
	if (oms_gfp_format(&a->gfp_names, gfp, names, sizeof(names))) {
		fprintf(out, "(");
		oms_fputs_printable(names, out);
		fprintf(out, ")");
	}
	fprintf(out, ", order=%d", order);
	if (a->source == OMS_ALLOC_STACK) {
		fprintf(out, ": the kernel's struct oom_control at 0x%llx on the stack of the task that ran out",
			(unsigned long long)a->address);
		if (oom->allocation_log_agrees == 1)
			fprintf(out, " (the log's line says the same)");
		else if (oom->allocation_log_agrees == 0)
			fprintf(out, " (the log's line says gfp_mask=%#llx, order=%d)",
				(unsigned long long)r->gfp_mask, r->order);
		else
			fprintf(out, " (the log has no line to compare)");
		fprintf(out, ".\n");
	} else {
		fprintf(out, ": from the log's line (no oom_control on the stack: ");
		oms_fputs_printable(a->why_not, out);
		fprintf(out, ").\n");
	}
	if (!a->found)
		return;
	if (a->zonelist)
		fprintf(out, "  Zonelist: node %d's %s; nodemask: ", a->zonelist_node,
			a->zonelist_kind == 1 ? "nofallback" : "fallback");
	else
		fprintf(out, "  No zonelist (a memory cgroup's charge); nodemask: ");
	if (!a->nodemask_addr) {
		fprintf(out, "none (every node)");
	} else {
		for (nid = 0; nid < 64; nid++)
			if (a->nodemask & (1ULL << nid))
				fprintf(out, "%s%d", shown++ ? "," : "", nid);
		if (!shown)
			fprintf(out, "(empty)");
	}
	fprintf(out, ".\n");
	if (a->constraint >= 0) {
		fprintf(out, "  The kernel's constrained_alloc(): %s, totalpages %" PRIu64,
			oms_constraint_name((enum oms_constraint)a->constraint),
			a->totalpages);
		if (oom->emulation_agrees == 1)
			fprintf(out, " (oomscan's own working agrees).\n");
		else
			fprintf(out, " (oomscan's own working says %s, totalpages %" PRIu64 ").\n",
				oms_constraint_name(oom->emulated_constraint),
				oom->emulated_totalpages);
	}
}

/* each zone's verdict on it (analysis/watermark.c, report/wmark_reason.c) */
static void section_watermarks(FILE *out, const struct oms_model *m)
{
	char line[OMS_WMARK_SENTENCE_SIZE > OMS_WMARK_SUMMARY_SIZE ?
		  OMS_WMARK_SENTENCE_SIZE : OMS_WMARK_SUMMARY_SIZE];
	size_t i;

	oms_wmark_summary(m, line, sizeof(line));
	if (line[0]) {
		fprintf(out, "  ");
		oms_fputs_printable(line, out);
		fprintf(out, "\n");
	}
	if (!m->watermarks.computed)
		return;
	for (i = 0; i < m->zones.n && i < m->watermarks.n; i++) {
		oms_wmark_sentence(m, i, line, sizeof(line));
		if (!line[0])
			continue;
		fprintf(out, "    ");
		oms_fputs_printable(line, out);
		fprintf(out, "\n");
	}
}

/* the largest caches, and dump_unreclaimable_slab()'s block where
 * should_dump_unreclaim_slab() holds (the kernel prints it outside a
 * memcg OOM) */
static void section_slab(FILE *out, const struct oms_model *m)
{
	const struct oms_slab *s = &m->slab;
	char name[OMS_PRINTABLE_SIZE(OMS_SLAB_NAME_LEN)];
	size_t *idx, i;

	if (!s->n)
		return;
	idx = calloc(s->n, sizeof(*idx));
	if (!idx)
		return;
	oms_slab_by_bytes(s, idx);
	fprintf(out, "\nSLAB (the largest caches by bytes, %zu of %zu)\n",
		s->n < 10 ? s->n : 10, s->n);
	fprintf(out, "  %-24s %8s %10s %10s %12s\n", "name", "size",
		"active", "objects", "bytes");
	for (i = 0; i < s->n && i < 10; i++) {
		const struct oms_slab_cache *c = &s->v[idx[i]];

		fprintf(out, "  %-24s %8" PRIu32 " %10" PRIu64 " %10" PRIu64
			" %12" PRIu64 "%s%s\n", SAFE(c->name, name), c->size,
			c->active_objs, c->num_objs, c->total_bytes,
			c->reclaimable ? " reclaimable" : "",
			c->partial ? " (partly read)" : "");
	}
	free(idx);
	if (s->counters_known)
		fprintf(out, "  unreclaimable slab %" PRIu64 " pages, LRU %" PRIu64
			" pages: should_dump_unreclaim_slab() %s\n",
			s->unreclaimable_pages, s->lru_pages,
			s->should_dump ? "holds" : "does not hold");
	if (s->should_dump) {
		fprintf(out, "\n");
		oms_dump_unreclaimable_slab(out, s);
	}
}

/* the first line: which kind of OOM, and the numbers that show it */
static void verdict_diagnosis(FILE *out, const struct oms_model *m)
{
	const struct oms_diagnosis *d = &m->diagnosis;
	int i;

	if (d->class == OMS_DIAG_NONE) {
		if (d->n_evidence) {
			fprintf(out, "  ");
			oms_fputs_printable(d->evidence[0], out);
			fprintf(out, ".\n");
		}
		return;
	}
	fprintf(out, "  Kind: %s", oms_diag_class_words(d->class));
	if (d->has_runner_up)
		fprintf(out, " (runner-up: %s)",
			oms_diag_class_words(d->runner_up));
	for (i = 0; i < d->n_evidence && i < 1; i++) {
		fprintf(out, ": ");
		oms_fputs_printable(d->evidence[i], out);
	}
	fprintf(out, ".\n");
	for (i = 1; i < d->n_evidence; i++) {
		fprintf(out, "    ");
		oms_fputs_printable(d->evidence[i], out);
		fprintf(out, "\n");
	}
}

/* a product or difference of dump numbers, wrapping (never undefined) */
static int64_t wrap_mul(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a * (uint64_t)b);
}

static int64_t wrap_sub(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a - (uint64_t)b);
}

/* every present page in one line, counters and census side by side */
static void section_ledger(FILE *out, const struct oms_model *m)
{
	const struct oms_ledger *l = &m->ledger;
	int64_t kb = (int64_t)(m->kernel.page_size ? m->kernel.page_size
						   : 4096) / 1024;
	size_t i;
	int g;

	fprintf(out, "\nWHERE THE PAGES WENT (the ledger, pages)\n");
	if (!l->valid) {
		fprintf(out, "  No ledger: %s.\n", l->why_not);
		return;
	}
	fprintf(out, "  %-34s %10s %12s", "", "pages", "kB");
	if (l->has_census)
		fprintf(out, " %10s %10s", "census", "difference");
	fprintf(out, "\n");
	for (g = 0; g < OMS_LEDGER_NR_GROUPS; g++) {
		const struct oms_ledger_group_row *row = &l->groups[g];
		bool any = false;

		for (i = 0; i < l->n_lines; i++)
			any |= l->lines[i].group == (enum oms_ledger_group)g;
		if (!any)
			continue;
		fprintf(out, "  %-34s %10" PRId64 " %12" PRId64,
			oms_ledger_group_name(g), row->pages,
			wrap_mul(row->pages, kb));
		if (row->has_census)
			fprintf(out, " %10" PRId64 " %10" PRId64,
				row->census_pages,
				wrap_sub(row->census_pages, row->pages));
		fprintf(out, "\n");
		for (i = 0; i < l->n_lines; i++) {
			const struct oms_ledger_line *ln = &l->lines[i];

			if (ln->group != (enum oms_ledger_group)g)
				continue;
			fprintf(out, "    %-32s %10" PRId64 " %12" PRId64
				"  %s%s%s\n", ln->name, ln->pages,
				wrap_mul(ln->pages, kb), ln->subset ? "(not summed) " : "",
				ln->estimated ? "~ " : "", ln->source);
		}
	}
	fprintf(out, "  %-34s %10" PRIu64 " %12" PRIu64
		" (managed %" PRIu64 ")\n", "total: the zones' present pages",
		l->total_pages, l->total_pages * (uint64_t)kb,
		l->managed_pages);
	if (l->has_boot)
		fprintf(out, "  The boot's \"Memory:\" line reserved %" PRId64
			" pages; the \"Freeing ... memory\" lines after it gave "
			"%" PRId64 " back: %" PRId64
			" expected, %" PRIu64 " reserved now.\n",
			l->boot_reserved_pages, l->boot_freed_pages,
			wrap_sub(l->boot_reserved_pages, l->boot_freed_pages),
			l->total_pages - l->managed_pages);
}

/* --pages: the census of collect/census.c */
static void section_census(FILE *out, const struct oms_model *m)
{
	const struct oms_census *c = &m->census;
	int i;

	if (!c->collected)
		return;
	fprintf(out, "\nPAGE CENSUS (%llu pages scanned, %llu present)\n",
		(unsigned long long)c->pages_scanned,
		(unsigned long long)c->present_pages);
	for (i = 0; i < OMS_PAGE_NR_CLASSES; i++)
		fprintf(out, "  %-16s %10llu\n", oms_page_class_key(i),
			(unsigned long long)c->count[i]);
}

/* a kallsyms of functions only: how many data symbols the dump gave
 * otherwise, and those it did not (JSON source.recovered) */
static void header_recovered(FILE *out, const struct oms_source *src)
{
	size_t i, found = 0, missing = 0;

	if (!src || !src->n_recovered)
		return;
	for (i = 0; i < src->n_recovered; i++)
		src->recovered_from[i] ? found++ : missing++;
	fprintf(out, "\nits kallsyms has functions only (CONFIG_KALLSYMS_ALL off): %zu data symbols found elsewhere in the dump",
		found);
	if (!missing)
		return;
	fprintf(out, "; %zu not, and what needs them is left out:", missing);
	for (i = 0; i < src->n_recovered; i++)
		if (!src->recovered_from[i]) {
			fputc(' ', out);
			oms_fputs_printable(src->recovered_names[i], out);
		}
}

void oms_report_text(FILE *out, const struct oms_model *m,
		     const struct oms_options *o,
		     const struct oms_source *src)
{
	char release[OMS_PRINTABLE_SIZE(sizeof(m->kernel.release))];
	size_t i;

	fprintf(out, "oomscan %s: ", OMS_VERSION);
	oms_fputs_printable(src && src->path ? src->path : "(target)", out);
	fprintf(out, "\nkernel %s", m->kernel.release[0] ?
		SAFE(m->kernel.release, release) : "(unknown)");
	if (src && src->format) {
		fprintf(out, ", ");
		oms_fputs_printable(src->format, out);
	}
	if (src && src->vmlinux) {
		fprintf(out, ", vmlinux ");
		oms_fputs_printable(src->vmlinux, out);
		if (src->debuginfod) {
			fprintf(out, " (from debuginfod ");
			oms_fputs_printable(src->debuginfod, out);
			fprintf(out, ")");
		}
	} else if (src && src->types && !strcmp(src->types, "btf")) {
		fprintf(out, ", types from the kernel's BTF and symbols from its kallsyms, in the dump");
	}
	header_recovered(out, src);
	fprintf(out, "\n\nVERDICT\n");
	verdict_diagnosis(out, m);
	verdict_panic(out, m);
	verdict_victim(out, m);
	verdict_memory(out, m);
	verdict_signature(out, m);
	verdict_crosscheck(out, m);

	section_allocation(out, m);
	section_watermarks(out, m);
	section_ledger(out, m);
	section_ranking(out, m, o);
	section_unscored(out, m);

	fprintf(out, "\nMEM-INFO (as the kernel prints it)\n");
	oms_show_mem(out, m);
	fprintf(out, "\nTASKS (as the kernel prints them)\n");
	oms_dump_tasks(out, m);
	section_slab(out, m);

	section_census(out, m);
	section_crosscheck(out, m);
	if (m->warnings.n) {
		fprintf(out, "\nWARNINGS (what could not be read)\n");
		for (i = 0; i < m->warnings.n; i++) {
			fprintf(out, "  ");
			oms_fputs_printable(m->warnings.v[i].message, out);
			fprintf(out, "\n");
		}
	}
}
