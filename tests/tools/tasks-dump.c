// SPDX-License-Identifier: GPL-2.0
/*
 * tasks-dump [-x] VMCORE [VMLINUX]: the processes of a real dump as
 * oomscan reads them from the kernel's structures, and the OOM killer's
 * decision emulated on them.  Prints, in order:
 *   the "Tasks state" table as dump_tasks() prints it (oms_dump_tasks),
 *   "process PID TGID COMM" for every process walked (for_each_process),
 *   "current cpu=N pid=N tgid=N", "constraint NAME totalpages=N memcg=PATH",
 *   "panic_before_choosing 0|1", "victim pid=N comm=NAME points=N" (or
 *   "victim none"), "margin N", one "rank ..." line per ranked process,
 *   "reason: ...", and "warning: ..." lines.
 * -x scores on the exact rss (per-thread caches, per-cpu deltas added).
 * tests/tasks.test compares it with the kernel's report and drgn.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/backend/dump/dump.h"
#include "../../lib/oomscan.h"
#include "../../lib/analysis/kreport.h"
#include "../../lib/collect/memcg.h"
#include "../../lib/collect/meminfo.h"
#include "../../lib/analysis/oom.h"
#include "../../lib/collect/printk.h"
#include "../../lib/analysis/dump_tasks.h"
#include "../../lib/collect/sysctl.h"
#include "../../lib/collect/allocation.h"
#include "../../lib/collect/kernel.h"
#include "../../lib/collect/tasks.h"
#include "../../lib/model/warn.h"
#include "../../lib/collect/zones.h"
#include "../../lib/report/oom_reason.h"

/* a collector's error: printed as a warning, the rest goes on */
static void soft(struct oms_model *m, const char *what, struct oms_error *err)
{
	if (!err)
		return;
	oms_warn(&m->warnings, "%s: %s", what, err->message);
	oms_error_destroy(err);
}

int main(int argc, char **argv)
{
	struct oms_dump_options opts = {0};
	struct oms_oom_options oo = {0};
	struct oms_model m;
	struct oms_error *err;
	struct oms_dump *d;
	const struct oms_target *t;
	char *text = NULL, reason[OMS_OOM_REASON_SIZE];
	size_t i, len;
	int argi = 1;

	if (argc > 1 && !strcmp(argv[1], "-x")) {
		oo.use_exact_rss = true;
		argi++;
	}
	if (argc - argi < 1 || argc - argi > 2) {
		fprintf(stderr, "usage: tasks-dump [-x] VMCORE [VMLINUX]\n");
		return 2;
	}
	if (argc - argi == 2)
		opts.vmlinux = argv[argi + 1];
	err = oms_dump_open(argv[argi], &opts, &d);
	if (err) {
		fprintf(stderr, "tasks-dump: %s\n", err->message);
		oms_error_destroy(err);
		return 1;
	}
	t = oms_dump_target(d);
	oms_model_init(&m);
	/* as oms_analyze() does: the kernel's part first */
	err = oms_kernel_collect(t, &m.kernel, &m.warnings);
	if (err) {
		fprintf(stderr, "tasks-dump: %s\n", err->message);
		oms_error_destroy(err);
		oms_dump_destroy(d);
		return 1;
	}
	soft(&m, "current", oms_current_collect(t, &m.kernel, &m.warnings));
	soft(&m, "sysctls", oms_sysctl_collect(t, &m.sysctl, &m.warnings));
	soft(&m, "meminfo", oms_meminfo_collect(t, &m.kernel, &m.meminfo, &m.warnings));
	soft(&m, "zones", oms_zones_collect(t, &m.kernel, &m.zones, &m.warnings, false));
	err = oms_printk_read(t, &text, &len);
	if (!err)
		err = oms_kreport_parse(text, len, &m.report);
	soft(&m, "the kernel's report", err);
	free(text);
	err = oms_tasks_collect(t, &m.tasks, &m.memcgs, &m.warnings, false);
	if (err) {
		fprintf(stderr, "tasks-dump: %s\n", err->message);
		oms_error_destroy(err);
		oms_dump_destroy(d);
		return 1;
	}
	oms_current_from_rows(&m.kernel, &m.tasks);
	/* the kernel's own oom_control, as oms_analyze() reads it */
	soft(&m, "the failing allocation",
	     oms_allocation_collect(t, &m.kernel, &m.zones, &m.meminfo, &m.tasks,
				    &m.memcgs, &m.allocation, &m.warnings));
	soft(&m, "the OOM decision", oms_oom_compute(&m, &oo));

	oms_dump_tasks(stdout, &m);
	for (i = 0; i < m.tasks.n; i++)
		printf("process %d %d %s\n", m.tasks.v[i].pid,
		       m.tasks.v[i].tgid, m.tasks.v[i].comm);
	printf("complete %d processes=%zu threads=%zu\n", m.tasks.complete,
	       m.tasks.n, m.tasks.nr_threads_total);
	printf("current cpu=%d pid=%d tgid=%d\n", m.kernel.panic_cpu, m.kernel.current_pid,
	       m.kernel.current_tgid);
	printf("sysctl panic_on_oom=%d oom_kill_allocating_task=%d\n",
	       m.sysctl.panic_on_oom, m.sysctl.oom_kill_allocating_task);
	printf("constraint %s totalpages=%" PRIu64 " memcg=%s\n",
	       oms_constraint_name(m.oom.constraint), m.oom.totalpages,
	       m.oom.memcg_path[0] ? m.oom.memcg_path : "-");
	printf("panic_before_choosing %d\n", m.oom.panicked_before_choosing);
	if (m.oom.has_victim)
		printf("victim pid=%d comm=%s points=%" PRId64 "%s\n",
		       m.tasks.v[m.oom.victim].pid,
		       m.tasks.v[m.oom.victim].comm, m.oom.victim_points,
		       m.oom.allocating_task ? " allocating_task" : "");
	else
		printf("victim none%s\n", m.oom.aborted ? " aborted" : "");
	if (m.oom.has_runner_up)
		printf("margin %" PRId64 "\n", m.oom.margin);
	for (i = 0; i < m.oom.n_ranking; i++) {
		const struct oms_score *s = &m.oom.ranking[i];
		const struct oms_task *tk = &m.tasks.v[s->task];

		if (s->skip == OMS_SKIP_NONE)
			printf("rank pid=%d comm=%s points=%" PRId64
			       " rss=%" PRIu64 " swapents=%" PRIu64
			       " pgtables=%" PRIu64 " adj=%d\n", tk->pid,
			       tk->comm, s->points, s->rss, s->swapents,
			       s->pgtables, tk->oom_score_adj);
		else
			printf("skip pid=%d comm=%s why=%s\n", tk->pid,
			       tk->comm, oms_skip_name(s->skip));
	}
	printf("reason: %s\n", oms_oom_reason(&m, reason, sizeof(reason)));
	for (i = 0; i < m.warnings.n; i++)
		printf("warning: %s\n", m.warnings.v[i].message);

	oms_oom_deinit(&m.oom);
	oms_tasks_deinit(&m.tasks);
	oms_memcgs_deinit(&m.memcgs);
	oms_kreport_deinit(&m.report);
	oms_zones_deinit(&m.zones);
	oms_meminfo_deinit(&m.meminfo);
	oms_warnings_deinit(&m.warnings);
	oms_dump_destroy(d);
	return 0;
}
