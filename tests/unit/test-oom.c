// SPDX-License-Identifier: GPL-2.0
/*
 * The OOM decision on hand-built models: each case is a rule of
 * mm/oom_kill.c (5.9+), the expected victim and points worked out by hand
 * in the comments.
 */
#include <limits.h>
#include <stdlib.h>

#include "../../lib/collect/memcg.h"
#include "../../lib/analysis/oom.h"
#include "../../lib/report/oom_reason.h"
#include "../../lib/oomscan.h"
#include "../../lib/collect/tasks.h"
#include "tap.h"

static struct oms_task *add(struct oms_model *m, int pid, uint64_t anon,
			    uint64_t swap, uint64_t pgtables_bytes, int adj)
{
	struct oms_task *t;

	m->tasks.v = realloc(m->tasks.v, (m->tasks.n + 1) * sizeof(*t));
	t = &m->tasks.v[m->tasks.n++];
	memset(t, 0, sizeof(*t));
	t->addr = 0xffff888000000000ULL + 0x1000 * (uint64_t)pid;
	t->pid = t->tgid = t->mm_pid = pid;
	snprintf(t->comm, sizeof(t->comm), "p%d", pid);
	strcpy(t->mm_comm, t->comm);
	t->thread_group_leader = true;
	t->mm = 0xffff888100000000ULL + 0x1000 * (uint64_t)pid;
	t->rss_kernel[OMS_RSS_ANON] = anon;
	t->rss_exact[OMS_RSS_ANON] = (int64_t)anon;
	t->rss_kernel[OMS_RSS_SWAPENTS] = swap;
	t->rss_exact[OMS_RSS_SWAPENTS] = (int64_t)swap;
	t->rss_exact_valid = true;
	t->pgtables_bytes = pgtables_bytes;
	t->oom_score_adj = (int16_t)adj;
	t->mems_allowed = 1;
	return t;
}

/* totalpages = 100000 + 0: adj * 100 */
static void model_init(struct oms_model *m, int panic_on_oom)
{
	memset(m, 0, sizeof(*m));
	m->kernel.page_size = 4096;
	m->meminfo.totalram_pages = 100000;
	m->sysctl.panic_on_oom = panic_on_oom;
	m->sysctl.valid = true;
	m->kernel.current_tgid = -1;
	m->tasks.complete = true;
	/* init and a kernel thread: never chosen */
	add(m, 1, 50000, 0, 4096, 0);
	add(m, 2, 0, 0, 0, 0)->kthread = true;
	m->tasks.v[1].mm = 0;
}

static void model_free(struct oms_model *m)
{
	oms_oom_deinit(&m->oom);
	free(m->tasks.v);
	free(m->memcgs.v);
}

/* the report's sentence (oom_reason.c) */
static const char *reason(const struct oms_model *m)
{
	static char buf[OMS_OOM_REASON_SIZE];

	return oms_oom_reason(m, buf, sizeof(buf));
}

/* the JSON report holds want */
static bool json_has(const struct oms_model *m, const char *want)
{
	struct oms_options o;
	char *text = NULL;
	size_t len = 0;
	bool found;
	FILE *out;

	oms_options_init(&o);
	out = open_memstream(&text, &len);
	if (!out)
		return false;
	oms_report_json(out, m, &o, NULL);
	fclose(out);
	found = strstr(text, want) != NULL;
	free(text);
	return found;
}

/* the JSON report holds "rule": "KEY" (oom.rule), KEY the rule's name */
static bool json_rule(const struct oms_model *m, const char *key)
{
	char want[64];

	snprintf(want, sizeof(want), "\"rule\": \"%s\",", key);
	return json_has(m, want);
}

static int victim_pid(const struct oms_model *m)
{
	return m->oom.has_victim ? m->tasks.v[m->oom.victim].pid : -1;
}

static enum oms_skip skip_of(const struct oms_model *m, int pid)
{
	size_t i;

	for (i = 0; i < m->oom.n_ranking; i++)
		if (m->tasks.v[m->oom.ranking[i].task].pid == pid)
			return m->oom.ranking[i].skip;
	return (enum oms_skip)-1;
}

static void test_basic_and_ties(void)
{
	struct oms_model m;

	model_init(&m, 0);
	/* 10: 1000 + 10 + 8192/4096 = 1012 points
	 * 11: 900 + 0 + 1 + 1*100 = 1001
	 * 12: 1012 too: equal to 10, later, so it wins */
	add(&m, 10, 1000, 10, 8192, 0);
	add(&m, 11, 900, 0, 4096, 1);
	add(&m, 12, 1002, 8, 8192, 0);
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.constraint, OMS_CONSTRAINT_NONE, "no memcg: CONSTRAINT_NONE");
	IS_INT(m.oom.totalpages, 100000, "totalpages = totalram + swap");
	OK(!m.oom.panicked_before_choosing, "panic_on_oom 0: no panic");
	IS_INT(victim_pid(&m), 12, "tie: the later equal task wins");
	IS_INT(m.oom.victim_points, 1012, "its points");
	OK(m.oom.has_runner_up, "a runner-up");
	IS_INT(m.oom.margin, 0, "margin 0 on a tie");
	IS_INT(m.tasks.v[m.oom.ranking[1].task].pid, 10, "the earlier equal one second");
	IS_INT(m.tasks.v[m.oom.ranking[2].task].pid, 11, "then 1001 points");
	IS_INT(skip_of(&m, 1), OMS_SKIP_UNKILLABLE, "init is unkillable");
	IS_INT(skip_of(&m, 2), OMS_SKIP_UNKILLABLE, "a kernel thread is unkillable");
	OK(strstr(reason(&m), "pid 12 (p12)") != NULL, "the reason names it: %s", reason(&m));
	IS_INT(m.oom.rule, OMS_OOM_RULE_BADNESS, "chosen by oom_badness(): OMS_OOM_RULE_BADNESS");
	OK(json_rule(&m, "badness"), "the JSON says \"rule\": \"badness\"");
	OK(m.oom.has_runner_up && m.tasks.v[m.oom.runner_up].pid == 10,
	   "the runner-up is pid 10, the earlier equal one");
	model_free(&m);

	/* swap out 10 so the tie does not reverse: order matters */
	model_init(&m, 0);
	add(&m, 12, 1002, 8, 8192, 0);
	add(&m, 10, 1000, 10, 8192, 0);
	oms_oom_compute(&m, NULL);
	IS_INT(victim_pid(&m), 10, "tie, reversed order: the later one again");
	model_free(&m);
}

/* arm64's 16K and 64K pages: pgtables_bytes / PAGE_SIZE of the dump's
 * page size, the rest in pages whatever their size */
static void test_page_sizes(void)
{
	static const uint64_t sizes[] = { 4096, 16384, 65536 };
	struct oms_model m;
	size_t i;

	for (i = 0; i < 3; i++) {
		model_init(&m, 0);
		m.kernel.page_size = sizes[i];
		/* 20: 1000 + 0 + 1048576 / PAGE_SIZE (256, 64, 16);
		 * 21: 1100 + 0 + 65536 / PAGE_SIZE (16, 4, 1) */
		add(&m, 20, 1000, 0, 1048576, 0);
		add(&m, 21, 1100, 0, 65536, 0);
		oms_oom_compute(&m, NULL);
		IS_INT(m.oom.victim_points, i == 0 ? 1256 : i == 1 ? 1104 : 1101,
		       "%llu-byte pages: the victim's points",
		       (unsigned long long)sizes[i]);
		IS_INT(victim_pid(&m), i == 0 ? 20 : 21,
		       "%llu-byte pages: %s", (unsigned long long)sizes[i],
		       i == 0 ? "its page tables make pid 20 the victim" :
		       "pid 21, its page tables fewer pages");
		model_free(&m);
	}
}

static void test_skips(void)
{
	struct oms_model m;

	model_init(&m, 0);
	add(&m, 20, 90000, 0, 0, -1000);		/* never */
	add(&m, 21, 80000, 0, 0, 0)->mmf_oom_skip = true;
	add(&m, 22, 70000, 0, 0, 0)->in_vfork = true;
	add(&m, 23, 60000, 0, 0, 0)->mm = 0;		/* exited */
	/* -500 * 100 = -50000: 60000 - 50000 = 10000 points: still chosen
	 * over 24 (9000), a negative adj does not make a task ineligible */
	add(&m, 24, 9000, 0, 0, 0);
	add(&m, 25, 60000, 0, 0, -500);
	oms_oom_compute(&m, NULL);
	IS_INT(skip_of(&m, 20), OMS_SKIP_ADJ_MIN, "-1000 is skipped");
	IS_INT(skip_of(&m, 21), OMS_SKIP_OOM_SKIP, "MMF_OOM_SKIP is skipped");
	IS_INT(skip_of(&m, 22), OMS_SKIP_IN_VFORK, "in_vfork is skipped");
	IS_INT(skip_of(&m, 23), OMS_SKIP_NO_MM, "no mm is skipped");
	IS_INT(victim_pid(&m), 25, "the -500 one with the most points");
	IS_INT(m.oom.victim_points, 10000, "60000 - 500 * 100");
	IS_INT(m.oom.margin, 1000, "1000 more than pid 24");
	model_free(&m);

	/* nothing killable */
	model_init(&m, 0);
	add(&m, 20, 90000, 0, 0, -1000);
	oms_oom_compute(&m, NULL);
	OK(!m.oom.has_victim && !m.oom.aborted, "no killable process: no victim");
	OK(strstr(reason(&m), "deadlocked") != NULL, "and the kernel's panic: %s", reason(&m));
	IS_INT(m.oom.rule, OMS_OOM_RULE_NO_KILLABLE, "!oc->chosen: OMS_OOM_RULE_NO_KILLABLE");
	OK(json_rule(&m, "no_killable"), "the JSON says \"rule\": \"no_killable\"");
	/* but not from a process list the dump cut short */
	m.tasks.complete = false;
	oms_oom_compute(&m, NULL);
	OK(strstr(reason(&m), "incomplete") && !strstr(reason(&m), "deadlocked"),
	   "an incomplete list names no one: %s", reason(&m));
	IS_INT(m.oom.rule, OMS_OOM_RULE_INCOMPLETE,
	       "no one from an incomplete list: OMS_OOM_RULE_INCOMPLETE");
	OK(json_rule(&m, "incomplete"), "the JSON says \"rule\": \"incomplete\"");
	model_free(&m);
}

/* the count of the text ranking's "skipped:" line of a reason, -1 if none */
static long skipped_in_text(const struct oms_model *m, enum oms_skip reason)
{
	struct oms_options o;
	char *text = NULL, *p, want[128];
	size_t len = 0;
	long n = -1;
	FILE *out;

	oms_options_init(&o);
	out = open_memstream(&text, &len);
	if (!out)
		return -2;
	oms_report_text(out, m, &o, NULL);
	fclose(out);
	snprintf(want, sizeof(want), " %s\n", oms_skip_name(reason));
	for (p = text; (p = strstr(p, " skipped: ")); p++) {
		char *end, *eol = strchr(p, '\n');
		long v = strtol(p + strlen(" skipped: "), &end, 10);

		if (eol && (size_t)(eol + 1 - end) == strlen(want) &&
		    !strncmp(end, want, strlen(want)))
			n = v;
	}
	free(text);
	return n;
}

/*
 * Every reason oom_evaluate_task() and oom_badness() have, one task (or
 * two) each, and the text ranking's "skipped:" counts of each: the count
 * is the number of tasks built here with that reason.  init and the
 * kernel thread of model_init are the two unkillable ones.
 */
static void test_skip_counts(void)
{
	static const struct { enum oms_skip reason; long count; } want[] = {
		{ OMS_SKIP_UNKILLABLE, 2 },	/* init, the kernel thread */
		{ OMS_SKIP_NO_MM, 1 },		/* 31 */
		{ OMS_SKIP_ADJ_MIN, 1 },	/* 32 */
		{ OMS_SKIP_OOM_SKIP, 1 },	/* 33 */
		{ OMS_SKIP_IN_VFORK, 1 },	/* 34 */
		{ OMS_SKIP_NOT_ELIGIBLE, 2 },	/* 35, 36 */
		{ OMS_SKIP_VICTIM_REAPED, 1 },	/* 37 */
		{ OMS_SKIP_NOT_SCANNED, 2 },	/* 38 (aborts), 39 (after it) */
		{ OMS_SKIP_UNSCORED, 1 },	/* 41 */
	};
	struct oms_model m;
	struct oms_task *t;
	size_t i;

	model_init(&m, 0);
	add(&m, 30, 100, 0, 0, 0);		/* current: node 0 */
	m.kernel.current_tgid = 30;
	m.kernel.current_pid = 30;
	add(&m, 31, 100, 0, 0, 0)->mm = 0;
	add(&m, 32, 100, 0, 0, -1000);
	add(&m, 33, 100, 0, 0, 0)->mmf_oom_skip = true;
	add(&m, 34, 100, 0, 0, 0)->in_vfork = true;
	add(&m, 35, 100, 0, 0, 0)->mems_allowed = 2;	/* node 1 only */
	add(&m, 36, 100, 0, 0, 0)->mems_allowed = 4;
	add(&m, 41, 100, 0, 0, 0)->unknown = OMS_TASK_ADJ;	/* not in the dump */
	t = add(&m, 37, 100, 0, 0, 0);
	t->oom_victim = true;
	t->oom_victim_mm_skip = true;
	add(&m, 38, 100, 0, 0, 0)->oom_victim = true;	/* not reaped: abort */
	add(&m, 39, 100, 0, 0, 0);
	oms_oom_compute(&m, NULL);
	OK(m.oom.aborted, "pid 38, a victim not reaped yet, aborts the scan");
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		size_t k, n = 0;

		for (k = 0; k < m.oom.n_ranking; k++)
			n += m.oom.ranking[k].skip == want[i].reason;
		IS_INT(n, want[i].count, "%ld task(s) skipped as '%s'",
		       want[i].count, oms_skip_name(want[i].reason));
		IS_INT(skipped_in_text(&m, want[i].reason), want[i].count,
		       "the text ranking says ' skipped: %ld %s'",
		       want[i].count, oms_skip_name(want[i].reason));
	}
	/* every reason of the enum is one above: none is left uncounted */
	IS_INT(sizeof(want) / sizeof(want[0]), OMS_SKIP_NR - 1,
	       "every skip reason of enum oms_skip is produced and counted");
	model_free(&m);
}

static void test_victims(void)
{
	struct oms_model m;
	struct oms_task *t;

	/* an existing victim not yet reaped aborts the scan */
	model_init(&m, 0);
	add(&m, 30, 5000, 0, 0, 0);
	t = add(&m, 31, 10, 0, 0, 0);
	t->oom_victim = true;
	add(&m, 32, 90000, 0, 0, 0);
	oms_oom_compute(&m, NULL);
	OK(m.oom.aborted && !m.oom.has_victim, "a victim not reaped: the scan aborts");
	IS_INT(m.tasks.v[m.oom.aborted_by].pid, 31, "at pid 31");
	IS_INT(skip_of(&m, 32), OMS_SKIP_NOT_SCANNED, "pid 32 is never scanned");
	IS_INT(m.oom.rule, OMS_OOM_RULE_ABORTED, "the abort: OMS_OOM_RULE_ABORTED");
	OK(json_rule(&m, "aborted"), "the JSON says \"rule\": \"aborted\"");
	model_free(&m);

	/* a reaped victim (MMF_OOM_SKIP on its oom_mm) is passed over */
	model_init(&m, 0);
	add(&m, 30, 5000, 0, 0, 0);
	t = add(&m, 31, 10, 0, 0, 0);
	t->oom_victim = true;
	t->oom_victim_mm_skip = true;
	add(&m, 32, 90000, 0, 0, 0);
	oms_oom_compute(&m, NULL);
	IS_INT(skip_of(&m, 31), OMS_SKIP_VICTIM_REAPED, "a reaped victim is passed over");
	IS_INT(victim_pid(&m), 32, "and the scan goes on");
	IS_INT(m.oom.rule, OMS_OOM_RULE_BADNESS, "to a choice by badness");
	model_free(&m);

	/* oom_task_origin: LONG_MAX */
	model_init(&m, 0);
	add(&m, 40, 10, 0, 0, 0)->oom_origin = true;
	add(&m, 41, 90000, 0, 0, 1000);
	oms_oom_compute(&m, NULL);
	IS_INT(victim_pid(&m), 40, "oom_task_origin goes first");
	OK(m.oom.victim_points == LONG_MAX, "with LONG_MAX points");
	IS_INT(m.oom.rule, OMS_OOM_RULE_ORIGIN, "oom_task_origin(): OMS_OOM_RULE_ORIGIN");
	OK(json_rule(&m, "origin"), "the JSON says \"rule\": \"origin\"");
	model_free(&m);
}

static void test_allocating_task(void)
{
	struct oms_model m;

	/* current (pid 50) is killed without a scan */
	model_init(&m, 0);
	m.sysctl.oom_kill_allocating_task = 1;
	add(&m, 50, 100, 0, 0, -200);
	add(&m, 51, 90000, 0, 0, 0);
	m.kernel.current_tgid = 50;
	oms_oom_compute(&m, NULL);
	OK(m.oom.allocating_task, "oom_kill_allocating_task: current chosen");
	IS_INT(victim_pid(&m), 50, "pid 50, not the biggest");
	IS_INT(m.oom.rule, OMS_OOM_RULE_ALLOCATING_TASK,
	       "oom_kill_allocating_task: OMS_OOM_RULE_ALLOCATING_TASK");
	OK(json_rule(&m, "allocating_task"), "the JSON says \"rule\": \"allocating_task\"");
	/* 100 - 200 * 100 = -19900 points for 50; the scan: 90000 for 51 */
	IS_INT(m.oom.victim_points, -19900, "pid 50's points: 100 - 200 * 100");
	OK(m.oom.has_scan_victim && m.tasks.v[m.oom.scan_victim].pid == 51 &&
	   m.oom.scan_victim_points == 90000,
	   "the scan would choose pid 51 with 90000 points");
	OK(strstr(reason(&m), "pid 51") != NULL, "the reason names the scan's choice: %s", reason(&m));
	model_free(&m);

	/* not when current has oom_score_adj -1000: the scan decides */
	model_init(&m, 0);
	m.sysctl.oom_kill_allocating_task = 1;
	add(&m, 50, 100, 0, 0, -1000);
	add(&m, 51, 90000, 0, 0, 0);
	m.kernel.current_tgid = 50;
	oms_oom_compute(&m, NULL);
	OK(!m.oom.allocating_task, "current at -1000: no allocating-task kill");
	IS_INT(victim_pid(&m), 51, "the scan's choice");
	IS_INT(m.oom.rule, OMS_OOM_RULE_BADNESS, "by badness");
	model_free(&m);
}

/* a memcg /box (max 1000 pages, at its limit) under the root */
static void test_memcg(int panic_on_oom)
{
	struct oms_model m;
	struct oms_memcg *mc;

	model_init(&m, panic_on_oom);
	m.meminfo.total_swap_pages = 500;
	m.memcgs.v = calloc(2, sizeof(*m.memcgs.v));
	m.memcgs.n = 2;
	mc = &m.memcgs.v[0];
	mc->addr = 0x1000;
	mc->is_root = mc->valid = mc->on_dfl = true;
	strcpy(mc->path, "/");
	mc->max = LONG_MAX / 4096;
	mc->usage = 90000;
	mc = &m.memcgs.v[1];
	mc->addr = 0x2000;
	mc->parent = 0x1000;
	mc->valid = mc->on_dfl = true;
	mc->swappiness = 60;
	strcpy(mc->path, "/box");
	mc->max = 1000;
	mc->usage = 1000;
	mc->swap_max = 200;	/* min(200, 500 swap): totalpages 1200 */
	add(&m, 60, 90000, 0, 0, 1000)->memcg = 0x1000;	/* outside */
	add(&m, 61, 300, 0, 0, 0)->memcg = 0x2000;
	add(&m, 62, 500, 0, 0, 0)->memcg = 0x2000;
	add(&m, 63, 100, 0, 0, 500)->memcg = 0x2000;	/* 100 + 500 = 600 */
	m.kernel.current_tgid = 62;
	m.sysctl.oom_kill_allocating_task = 1;		/* not for memcg */
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.constraint, OMS_CONSTRAINT_MEMCG, "memcg at its max: CONSTRAINT_MEMCG");
	IS_STR(m.oom.memcg_path, "/box", "the memcg's path");
	IS_INT(m.oom.totalpages, 1200, "mem_cgroup_get_max: max + min(swap.max, swap)");
	IS_INT(victim_pid(&m), 63, "the group's worst, not the bigger one outside");
	IS_INT(m.oom.victim_points, 600, "100 + 500 * (1200 / 1000, which is 1)");
	OK(!m.oom.allocating_task, "oom_kill_allocating_task does not apply");
	IS_INT(m.oom.rule, OMS_OOM_RULE_BADNESS, "a memcg OOM: by badness");
	IS_INT((int)skip_of(&m, 60), -1, "the task outside is not in the ranking");
	IS_INT(m.oom.panicked_before_choosing, panic_on_oom == 2,
	       "panic_on_oom %d and a memcg OOM: panic %d", panic_on_oom,
	       panic_on_oom == 2);
	OK(oms_oom_dumps_task(&m, &m.tasks.v[3]) && !oms_oom_dumps_task(&m, &m.tasks.v[2]),
	   "the table lists the group's tasks only");

	/* other tasks of the group uncharged pages after the failed charge
	 * (seen on a real 6.1 dump: usage 4 pages under max): oom_lock, set
	 * by mem_cgroup_oom() on the OOM memcg's subtree, still says it */
	m.memcgs.v[1].usage = 996;
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.constraint, OMS_CONSTRAINT_NONE,
	       "under its max, no oom_lock: not a memcg OOM");
	m.memcgs.v[1].oom_lock = true;
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.constraint, OMS_CONSTRAINT_MEMCG,
	       "under its max with oom_lock: CONSTRAINT_MEMCG");
	IS_STR(m.oom.memcg_path, "/box", "oom_lock: the memcg's path");
	m.memcgs.v[1].oom_lock = false;
	m.report.found = m.report.memcg = true;
	strcpy(m.report.memcg_path, "/box");
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.constraint, OMS_CONSTRAINT_MEMCG,
	       "under its max, named by the kernel's report: CONSTRAINT_MEMCG");
	model_free(&m);
}

static void test_panic_global(int panic_on_oom)
{
	struct oms_model m;

	model_init(&m, panic_on_oom);
	add(&m, 70, 100, 0, 0, 0);
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.panicked_before_choosing, panic_on_oom != 0,
	       "panic_on_oom %d, CONSTRAINT_NONE: panic %d", panic_on_oom,
	       panic_on_oom != 0);
	IS_INT(victim_pid(&m), 70, "panic_on_oom %d: still says whom", panic_on_oom);
	model_free(&m);
}

/* check_panic_on_oom(): a value outside 0..2 is 1; sysrq+f never panics,
 * nor does an earlier victim stop its scan */
static void test_panic_odd_and_sysrq(void)
{
	struct oms_model m;

	model_init(&m, 7);
	add(&m, 70, 100, 0, 0, 0);
	oms_oom_compute(&m, NULL);
	OK(m.oom.panicked_before_choosing, "panic_on_oom 7, CONSTRAINT_NONE: panics as 1");
	m.sysctl.panic_on_oom = -3;
	oms_oom_compute(&m, NULL);
	OK(m.oom.panicked_before_choosing, "panic_on_oom -3: panics as 1");

	m.report.found = m.report.has_header = true;
	m.report.order = -1;
	m.sysctl.panic_on_oom = 2;
	add(&m, 71, 50, 0, 0, 0)->oom_victim = true;
	oms_oom_compute(&m, NULL);
	OK(m.oom.sysrq && !m.oom.panicked_before_choosing,
	   "order=-1 (sysrq+f): no panic, even with panic_on_oom 2");
	OK(!m.oom.aborted && victim_pid(&m) == 70,
	   "sysrq+f: an earlier victim does not stop the scan");
	model_free(&m);
}

static void test_options(void)
{
	struct oms_model m;
	struct oms_oom_options o = { .use_exact_rss = true };

	model_init(&m, 0);
	add(&m, 80, 1000, 0, 0, 0);
	add(&m, 81, 990, 0, 0, 0)->rss_exact[OMS_RSS_ANON] = 1050;
	oms_oom_compute(&m, NULL);
	IS_INT(victim_pid(&m), 80, "the kernel's view: pid 80");
	oms_oom_compute(&m, &o);
	IS_INT(victim_pid(&m), 81, "the exact rss: pid 81");
	o.use_exact_rss = false;
	o.top_n = 1;
	oms_oom_compute(&m, &o);
	IS_INT(m.oom.n_ranking, 3, "top_n 1: one eligible + two skipped");
	model_free(&m);
}

/* every rule has its own JSON name, and no sentence before a compute */
/* out_of_memory()'s returns before the scan (mm/oom_kill.c, 6.1 and 6.12):
 * oom_killer_disabled; task_will_free_mem(current); !__GFP_FS outside a
 * memcg.  No panic and no scan after any of them. */
static void gfp_table(struct oms_model *m)
{
	/* include/linux/gfp_types.h (6.12), gfp.h (6.1): ___GFP_IO 0x40,
	 * ___GFP_FS 0x80, ___GFP_DIRECT_RECLAIM 0x400, ___GFP_KSWAPD_RECLAIM
	 * 0x800; GFP_KERNEL 0xcc0, GFP_NOFS 0xc40 */
	static const struct { uint64_t mask; const char *name; } t[] = {
		{ 0xcc0, "GFP_KERNEL" }, { 0xc40, "GFP_NOFS" },
		{ 0x40, "__GFP_IO" }, { 0x80, "__GFP_FS" },
		{ 0x400, "__GFP_DIRECT_RECLAIM" }, { 0x800, "__GFP_KSWAPD_RECLAIM" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		m->allocation.gfp_names.v[i].mask = t[i].mask;
		snprintf(m->allocation.gfp_names.v[i].name,
			 sizeof(m->allocation.gfp_names.v[i].name), "%s", t[i].name);
	}
	m->allocation.gfp_names.n = i;
	m->allocation.gfp_names.valid = true;
}

static void exits_model(struct oms_model *m)
{
	model_init(m, 1);
	oms_allocation_init(&m->allocation);
	m->allocation.oom_killer_disabled = 0;
	add(m, 50, 100, 0, 0, 0);
	add(m, 51, 90000, 0, 0, 0);
	m->kernel.current_tgid = 50;
	/* current: its own fields, as collect/allocation.c reads them */
	m->allocation.current_known = true;
	m->allocation.current_mm = m->tasks.v[2].mm;
	m->allocation.nr_threads = 1;
	m->allocation.mm_users = 1;
	gfp_table(m);
}

static void test_early_exits(void)
{
	struct oms_model m;

	exits_model(&m);
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.rule, OMS_OOM_RULE_BADNESS, "no exit: the scan decides (pid 51)");
	OK(m.oom.panicked_before_choosing, "and panic_on_oom=1 panics");
	model_free(&m);

	exits_model(&m);
	m.allocation.oom_killer_disabled = 1;
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.rule, OMS_OOM_RULE_DISABLED, "oom_killer_disabled: returns first");
	OK(!m.oom.has_victim && !m.oom.panicked_before_choosing,
	   "oom_killer_disabled: no victim, no panic");
	OK(json_rule(&m, "disabled") && strstr(reason(&m), "would not have killed anyone"),
	   "oom_killer_disabled: rule and reason say so: %s", reason(&m));
	model_free(&m);

	/* task_will_free_mem(current): SIGNAL_GROUP_EXIT, one mm user */
	exits_model(&m);
	m.allocation.signal_flags = OMS_SIGNAL_GROUP_EXIT;
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.rule, OMS_OOM_RULE_CURRENT_EXITING, "SIGNAL_GROUP_EXIT: current will free its memory");
	IS_INT(victim_pid(&m), 50, "current (pid 50) is the victim, not the biggest (51)");
	OK(!m.oom.panicked_before_choosing, "and no panic_on_oom panic");
	OK(json_rule(&m, "current_exiting"), "the JSON says \"rule\": \"current_exiting\"");
	model_free(&m);
	/* PF_EXITING counts for the group's only thread */
	exits_model(&m);
	m.allocation.current_flags = OMS_PF_EXITING;
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.rule, OMS_OOM_RULE_CURRENT_EXITING, "PF_EXITING, one thread: exiting");
	model_free(&m);
	exits_model(&m);
	m.allocation.current_flags = OMS_PF_EXITING;
	m.allocation.nr_threads = 2;
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.rule, OMS_OOM_RULE_BADNESS, "PF_EXITING with another thread: not (__task_will_free_mem)");
	model_free(&m);
	/* a core dump in progress, MMF_OOM_SKIP, another mm user, no mm */
	exits_model(&m);
	m.allocation.signal_flags = OMS_SIGNAL_GROUP_EXIT;
	m.allocation.core_state = true;
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.rule, OMS_OOM_RULE_BADNESS, "dumping core: not exiting promptly");
	model_free(&m);
	exits_model(&m);
	m.allocation.signal_flags = OMS_SIGNAL_GROUP_EXIT;
	m.allocation.mm_oom_skip = true;
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.rule, OMS_OOM_RULE_BADNESS, "MMF_OOM_SKIP: reaped already, not exiting");
	model_free(&m);
	exits_model(&m);
	m.allocation.signal_flags = OMS_SIGNAL_GROUP_EXIT;
	m.allocation.mm_users = 2;
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.rule, OMS_OOM_RULE_BADNESS, "mm shared (mm_users 2): not concluded");
	model_free(&m);
	exits_model(&m);
	m.allocation.signal_flags = OMS_SIGNAL_GROUP_EXIT;
	m.allocation.current_mm = 0;
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.rule, OMS_OOM_RULE_BADNESS, "no mm: not (it may be past exit_mm)");
	model_free(&m);

	/* !(gfp_mask & __GFP_FS), not a memcg OOM */
	exits_model(&m);
	m.allocation.source = OMS_ALLOC_STACK;
	m.allocation.found = true;
	m.allocation.gfp_mask = 0xc40;	/* GFP_NOFS */
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.rule, OMS_OOM_RULE_NOFS, "GFP_NOFS: returns without a kill");
	OK(!m.oom.has_victim && !m.oom.panicked_before_choosing, "GFP_NOFS: no victim, no panic");
	OK(json_rule(&m, "nofs") && strstr(reason(&m), "__GFP_FS"),
	   "GFP_NOFS: rule and reason: %s", reason(&m));
	model_free(&m);
	exits_model(&m);
	m.allocation.source = OMS_ALLOC_STACK;
	m.allocation.found = true;
	m.allocation.gfp_mask = 0xcc0;	/* GFP_KERNEL */
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.rule, OMS_OOM_RULE_BADNESS, "GFP_KERNEL has __GFP_FS: no exit");
	model_free(&m);
	exits_model(&m);
	m.allocation.source = OMS_ALLOC_STACK;
	m.allocation.found = true;
	m.allocation.gfp_mask = 0xc40;
	m.allocation.gfp_names.n = 0;	/* no table: __GFP_FS unknown */
	oms_oom_compute(&m, NULL);
	IS_INT(m.oom.rule, OMS_OOM_RULE_BADNESS, "no gfp names table: the exit is not guessed");
	model_free(&m);
}

static void test_rule_names(void)
{
	struct oms_model m;
	int r, k;
	bool distinct = true;

	for (r = 1; r < OMS_OOM_RULE_NR; r++)
		for (k = 1; k < r; k++)
			distinct &= oms_oom_rule_key(r) && oms_oom_rule_key(k) &&
				    strcmp(oms_oom_rule_key(r), oms_oom_rule_key(k));
	OK(distinct, "each of the %d rules has its own name", OMS_OOM_RULE_NR - 1);
	OK(!oms_oom_rule_key(OMS_OOM_RULE_NONE), "OMS_OOM_RULE_NONE: null");
	model_init(&m, 0);
	IS_STR(reason(&m), "", "not computed: no sentence");
	OK(json_has(&m, "\"rule\": null,") && json_has(&m, "\"reason\": null,"),
	   "not computed: rule and reason null in the JSON");
	NO_ERR(oms_oom_compute(&m, NULL), "oms_oom_compute() returns NULL");
	IS_INT(m.oom.rule, OMS_OOM_RULE_NO_KILLABLE, "init and a kernel thread only: no killable");
	model_free(&m);
}

int main(void)
{
	test_basic_and_ties();
	test_page_sizes();
	test_skips();
	test_skip_counts();
	test_victims();
	test_allocating_task();
	test_memcg(0);
	test_memcg(1);
	test_memcg(2);
	test_panic_global(0);
	test_panic_global(1);
	test_panic_global(2);
	test_panic_odd_and_sysrq();
	test_options();
	test_rule_names();
	test_early_exits();
	return tap_done();
}
