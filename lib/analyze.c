// SPDX-License-Identifier: GPL-2.0
/*
 * oms_analyze(): collect the model from a target, then compute.  Each part
 * that cannot be read becomes a warning and the rest goes on; only a target
 * that cannot even give the kernel release is an error.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/crosscheck.h"
#include "analysis/kreport.h"
#include "collect/allocation.h"
#include "collect/census.h"
#include "collect/kernel.h"
#include "collect/meminfo.h"
#include "analysis/oom.h"
#include "analysis/summary.h"
#include "analysis/ledger.h"
#include "analysis/diagnosis.h"
#include "analysis/watermark.h"
#include "oomscan.h"
#include "collect/printk.h"
#include "analysis/slab.h"
#include "collect/slab.h"
#include "collect/sysctl.h"
#include "collect/tasks.h"
#include "model/warn.h"
#include "collect/zones.h"

void oms_options_init(struct oms_options *o)
{
	memset(o, 0, sizeof(*o));
	o->walk_free_lists = true;
	o->read_log = true;
	o->walk_slab_partial = true;
	o->top_n = 10;
}

/* a part that failed: say so, go on */
static void step(struct oms_model *m, struct oms_error *err, const char *what)
{
	if (!err)
		return;
	oms_warn(&m->warnings, "%s: %s", what, err->message);
	oms_error_destroy(err);
}

static void read_log(const struct oms_target *t, struct oms_model *m)
{
	struct oms_error *err;
	char *text = NULL;
	size_t len = 0;

	/* with an error come the records that could be read (printk.h):
	 * parse them too, and free them */
	err = oms_printk_read(t, &text, &len);
	step(m, err, "the kernel's log");
	if (!text)
		return;
	step(m, oms_kreport_parse(text, len, &m->report),
	     "the kernel's OOM report");
	/* the parse starts from an empty report: after it */
	m->report.log_partial = err != NULL;
	free(text);
}

struct oms_error *oms_analyze(const struct oms_target *t,
			      const struct oms_options *o,
			      struct oms_model *m)
{
	struct oms_oom_options oo;
	struct oms_error *err;

	/* each collector fills its part; the kernel's first, for the rest */
	err = oms_kernel_collect(t, &m->kernel, &m->warnings);
	if (err)
		return err;
	step(m, oms_current_collect(t, &m->kernel, &m->warnings),
	     "the panicking task");
	step(m, oms_sysctl_collect(t, &m->sysctl, &m->warnings), "sysctls");
	step(m, oms_meminfo_collect(t, &m->kernel, &m->meminfo, &m->warnings),
	     "Mem-Info counters");
	step(m, oms_zones_collect(t, &m->kernel, &m->zones, &m->warnings,
				  o->walk_free_lists), "zones");
	step(m, oms_slab_collect(t, &m->meminfo, &m->slab, &m->warnings,
				 o->walk_slab_partial), "slab caches");
	step(m, oms_tasks_collect(t, &m->tasks, &m->memcgs, &m->warnings,
				  o->all_threads), "tasks");
	oms_current_from_rows(&m->kernel, &m->tasks);
	step(m, oms_allocation_collect(t, &m->kernel, &m->zones, &m->meminfo,
				       &m->tasks, &m->memcgs, &m->allocation,
				       &m->warnings), "the failing allocation");
	/* the page census, --pages only: the whole memmap */
	if (o->page_census)
		step(m, oms_census_collect(t, &m->kernel, &m->zones, &m->census,
					    &m->warnings), "page census");
	if (o->read_log)
		read_log(t, m);
	m->panic_is_oom = strstr(m->report.panic_line, "Out of memory") != NULL;

	memset(&oo, 0, sizeof(oo));
	oo.use_exact_rss = o->exact_rss;
	step(m, oms_oom_compute(m, &oo), "the OOM decision");
	step(m, oms_watermarks_compute(m), "the watermark check");
	oms_slab_compute(m);
	oms_summary_compute(m);
	oms_ledger_compute(m);
	oms_diagnosis_compute(m);
	step(m, oms_crosscheck_run(m), "cross-check");
	return NULL;
}
