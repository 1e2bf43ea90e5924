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
#include "collect/meminfo.h"
#include "analysis/oom.h"
#include "analysis/summary.h"
#include "oomscan.h"
#include "collect/percpu.h"
#include "collect/printk.h"
#include "collect/sysctl.h"
#include "collect/tasks.h"
#include "model/warn.h"
#include "collect/zones.h"

void oms_options_init(struct oms_options *o)
{
	memset(o, 0, sizeof(*o));
	o->walk_free_lists = true;
	o->read_log = true;
	o->top_n = 10;
}

static struct oms_error *read_release(const struct oms_target *t,
				      struct oms_model *m)
{
	struct oms_field name, release, machine;
	struct oms_error *err;
	uint64_t uts;

	err = oms_symbol(t, "init_uts_ns", &uts);
	if (!err)
		err = oms_field(t, "struct uts_namespace", "name", &name);
	if (!err)
		err = oms_field(t, "struct new_utsname", "release", &release);
	if (!err)
		err = oms_field(t, "struct new_utsname", "machine", &machine);
	if (!err)
		err = oms_read_string(t, uts + name.offset + release.offset,
				      m->release, sizeof(m->release));
	if (!err)
		err = oms_read_string(t, uts + name.offset + machine.offset,
				      m->machine, sizeof(m->machine));
	return err ? oms_error_prefix(err, "cannot read the kernel release ('init_uts_ns')")
		   : NULL;
}

static void page_size(const struct oms_target *t, struct oms_model *m)
{
	struct oms_error *err;
	char *v = NULL;

	m->page_size = 4096;
	err = oms_vmcoreinfo(t, "PAGESIZE", &v);
	if (!err && v && strtoull(v, NULL, 10) >= 4096)
		m->page_size = strtoull(v, NULL, 10);
	oms_error_destroy(err);
	free(v);
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

	err = read_release(t, m);
	if (err)
		return err;
	page_size(t, m);
	step(m, oms_cpus_collect(t, m), "cpus");
	step(m, oms_sysctl_collect(t, m), "sysctls");
	step(m, oms_meminfo_collect(t, m), "Mem-Info counters");
	step(m, oms_zones_collect(t, m, o->walk_free_lists), "zones");
	step(m, oms_current_collect(t, m), "the panicking task");
	step(m, oms_tasks_collect(t, m, o->all_threads), "tasks");
	if (o->read_log)
		read_log(t, m);
	m->panic_is_oom = strstr(m->report.panic_line, "Out of memory") != NULL;

	memset(&oo, 0, sizeof(oo));
	oo.use_exact_rss = o->exact_rss;
	step(m, oms_oom_compute(m, &oo), "the OOM decision");
	oms_summary_compute(m);
	step(m, oms_crosscheck_run(m), "cross-check");
	return NULL;
}
