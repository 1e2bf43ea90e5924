// SPDX-License-Identifier: GPL-2.0
/*
 * The OOM killer's decision on the model: see oom.h.  Hold it next to
 * mm/oom_kill.c of 5.9+ (6.1 and 6.12 are the same here): each function
 * below names the kernel function it follows, out_of_memory() the driver,
 * and says which of the kernel's branches it leaves out and why.  What is
 * not the kernel's (the processes the dump cannot score, the ranking, the
 * runner-up and the margin) is apart and says so.  The decision is kept
 * as numbers and a rule (enum oms_oom_rule); the sentence that explains
 * it is the report's (oom_reason.c).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../error.h"
#include "../model/lookup.h"
#include "gfp.h"
#include "oom.h"

const char *oms_constraint_name(enum oms_constraint c)
{
	switch (c) {
	case OMS_CONSTRAINT_NONE: return "CONSTRAINT_NONE";
	case OMS_CONSTRAINT_CPUSET: return "CONSTRAINT_CPUSET";
	case OMS_CONSTRAINT_MEMORY_POLICY: return "CONSTRAINT_MEMORY_POLICY";
	case OMS_CONSTRAINT_MEMCG: return "CONSTRAINT_MEMCG";
	}
	return "?";
}

const char *oms_skip_name(enum oms_skip s)
{
	switch (s) {
	case OMS_SKIP_NONE: return "eligible";
	case OMS_SKIP_UNKILLABLE: return "unkillable (init or a kernel thread)";
	case OMS_SKIP_NO_MM: return "no mm (exited)";
	case OMS_SKIP_ADJ_MIN: return "oom_score_adj -1000";
	case OMS_SKIP_OOM_SKIP: return "MMF_OOM_SKIP (already reaped)";
	case OMS_SKIP_IN_VFORK: return "in vfork";
	case OMS_SKIP_NOT_ELIGIBLE: return "no memory on the allowed nodes";
	case OMS_SKIP_VICTIM_REAPED: return "an earlier victim, already reaped";
	case OMS_SKIP_NOT_SCANNED: return "not scanned (the scan was aborted)";
	case OMS_SKIP_UNSCORED: return "not scored (fields not in the dump)";
	}
	return "?";
}

/* oom_unkillable_task(): is_global_init() or PF_KTHREAD */
static bool unkillable(const struct oms_task *t)
{
	return t->tgid == 1 || t->kthread;
}

static const struct oms_task *current_process(const struct oms_model *m)
{
	/* a linear search: done once in oms_oom_compute(), not per task */
	if (m->oom.current_resolved)
		return m->oom.current_process;
	return oms_current_process(m);
}

/* oom_cpuset_eligible(): with the kernel's nodemask (a mempolicy OOM)
 * mempolicy_in_oom_domain(tsk, mask), else
 * cpuset_mems_allowed_intersects(current, tsk); over the threads, the
 * process's (mems_allowed is the leader's) */
static bool cpuset_eligible(const struct oms_model *m, const struct oms_task *t)
{
	const struct oms_task *cur = current_process(m);
	const struct oms_allocation *a = &m->allocation;

	/* oc->nodemask is kept only for CONSTRAINT_MEMORY_POLICY: then a
	 * thread's cpuset is irrelevant, mempolicy_in_oom_domain() asks
	 * whether its MPOL_BIND nodes (if it has some) meet the nodemask */
	if (m->oom.constraint == OMS_CONSTRAINT_MEMORY_POLICY && a->found &&
	    a->nodemask_addr)
		return !t->mpol_bound || (t->mpol_nodes & a->nodemask);
	if (!cur)
		return true;
	return (cur->mems_allowed & t->mems_allowed) != 0;
}

bool oms_oom_dumps_task(const struct oms_model *m, const struct oms_task *t)
{
	if (!t->thread_group_leader || unkillable(t) ||
	    (!t->mm && oms_task_known(t, OMS_TASK_MM)))
		return false;
	if (m->oom.constraint == OMS_CONSTRAINT_MEMCG)
		return oms_memcg_is_descendant(&m->memcgs, t->memcg, m->oom.memcg);
	return cpuset_eligible(m, t);
}

/* the nodes with memory, as a mask (node_states[N_MEMORY]) */
static uint64_t memory_nodes(const struct oms_model *m, uint64_t *present)
{
	uint64_t mask = 0;
	size_t i;

	for (i = 0; i < m->zones.n; i++) {
		int nid = m->zones.v[i].node;

		if (nid < 0 || nid > 63 || !m->zones.v[i].present_pages)
			continue;
		mask |= 1ULL << nid;
		if (present)
			present[nid] += m->zones.v[i].present_pages;
	}
	return mask;
}

/*
 * The memcg out of memory, if the OOM is one of a memcg: of the invoking
 * task's memcg and its ancestors,
 *  - the highest with oom_lock set: mem_cgroup_oom() locks the subtree of
 *    the memcg whose charge failed (mem_over_limit) while it runs
 *    mem_cgroup_out_of_memory(), where panic_on_oom panics;
 *  - else the lowest whose usage + the charge is over its max (the charge
 *    page_counter_try_charge() failed); other tasks may have uncharged
 *    since, so this can miss (seen: usage 4 pages under max);
 *  - else the one the kernel's report names ("Memory cgroup stats for").
 */
static const struct oms_memcg *oom_memcg(const struct oms_model *m,
					 const struct oms_task *cur,
					 uint64_t nr_pages)
{
	const struct oms_memcg *mc, *locked = NULL, *over = NULL, *named = NULL;
	int depth;

	for (mc = oms_memcg_find(&m->memcgs, cur->memcg), depth = 0; mc && depth < 64;
	     mc = oms_memcg_find(&m->memcgs, mc->parent), depth++) {
		if (mc->is_root)
			break;
		if (!mc->valid)
			continue;
		if (mc->oom_lock)
			locked = mc;
		if (!over && mc->usage + nr_pages > mc->max)
			over = mc;
		if (m->report.found && m->report.memcg && m->report.memcg_path[0] &&
		    !strcmp(m->report.memcg_path, mc->path))
			named = mc;
	}
	return locked ? locked : over ? over : named;
}

/* constrained_alloc() and, for a memcg, mem_cgroup_get_max() ?: 1, worked
 * out from the structures (and, when the stack held it, the allocation's
 * gfp_mask, zonelist and nodemask) */
static void emulate_constrained_alloc(struct oms_model *m,
				      enum oms_constraint *c_ret,
				      uint64_t *total_ret, uint64_t *memcg_ret)
{
	const struct oms_task *cur = current_process(m);
	const struct oms_allocation *a = &m->allocation;
	uint64_t present[64] = { 0 }, nodes, nr_pages = 1;
	const struct oms_memcg *mc;
	int nid;

	*c_ret = OMS_CONSTRAINT_NONE;
	*memcg_ret = 0;
	*total_ret = m->meminfo.totalram_pages + m->meminfo.total_swap_pages;
	/* sysrq+f: no memcg, no zonelist (moom_callback()), so NONE */
	if (!cur || m->oom.sysrq)
		return;
	/* a memcg OOM: the invoking task's memcg or an ancestor could not
	 * charge 1 << order pages (try_charge_memcg -> mem_cgroup_oom) */
	if (a->source == OMS_ALLOC_STACK && a->order > 0 && a->order < 20)
		nr_pages = 1ULL << a->order;
	else if (m->report.found && m->report.has_header && m->report.order > 0 &&
		 m->report.order < 20)
		nr_pages = 1ULL << m->report.order;
	if ((mc = oom_memcg(m, cur, nr_pages))) {
		uint64_t max = oms_memcg_get_max(mc, m->meminfo.total_swap_pages);

		*c_ret = OMS_CONSTRAINT_MEMCG;
		*memcg_ret = mc->addr;
		*total_ret = max ? max : 1;
		return;
	}
	/* !oc->zonelist (no NUMA, or sysrq): NONE; __GFP_THISNODE: NONE */
	if (a->found && !a->zonelist)
		return;
	if (a->found && (a->gfp_mask & oms_gfp_flag(&a->gfp_names, "__GFP_THISNODE")))
		return;
	nodes = memory_nodes(m, present);
	/* a nodemask that does not cover node_states[N_MEMORY]: a mempolicy
	 * (the nodemask is only known from the stack) */
	if (a->found && a->nodemask_addr && nodes && (nodes & ~a->nodemask)) {
		*c_ret = OMS_CONSTRAINT_MEMORY_POLICY;
		*total_ret = m->meminfo.total_swap_pages;
		for (nid = 0; nid < 64; nid++)
			if (a->nodemask & (1ULL << nid))
				*total_ret += present[nid];
		return;
	}
	/* a cpuset: current may not use every node with memory (the kernel
	 * checks cpuset_zone_allowed() along the zonelist; this asks the
	 * same of the nodes with memory) */
	if (nodes && (cur->mems_allowed & nodes) != nodes) {
		*c_ret = OMS_CONSTRAINT_CPUSET;
		*total_ret = m->meminfo.total_swap_pages;
		for (nid = 0; nid < 64; nid++)
			if (cur->mems_allowed & (1ULL << nid))
				*total_ret += present[nid];
	}
}

/* the kernel's own answer where the stack kept it, else the emulation's;
 * each compared with the other */
static void constrained_alloc(struct oms_model *m)
{
	const struct oms_allocation *a = &m->allocation;
	struct oms_oom *oom = &m->oom;
	const struct oms_memcg *mc;

	emulate_constrained_alloc(m, &oom->emulated_constraint,
				  &oom->emulated_totalpages, &oom->emulated_memcg);
	oom->constraint = oom->emulated_constraint;
	oom->totalpages = oom->emulated_totalpages;
	oom->memcg = oom->emulated_memcg;
	oom->emulation_agrees = -1;
	oom->allocation_log_agrees = -1;
	if (a->found && m->report.found && m->report.has_header)
		oom->allocation_log_agrees = a->gfp_mask == m->report.gfp_mask &&
					     a->order == m->report.order;
	oom->from_kernel = a->found && a->constraint >= 0 && !oom->sysrq;
	if (oom->from_kernel) {
		oom->emulation_agrees =
			oom->emulated_constraint == (enum oms_constraint)a->constraint &&
			oom->emulated_totalpages == a->totalpages &&
			oom->emulated_memcg == a->memcg;
		oom->constraint = (enum oms_constraint)a->constraint;
		oom->totalpages = a->totalpages;
		oom->memcg = a->memcg;
	}
	oom->memcg_path[0] = '\0';
	if (oom->constraint == OMS_CONSTRAINT_MEMCG &&
	    (mc = oms_memcg_find(&m->memcgs, oom->memcg)))
		snprintf(oom->memcg_path, sizeof(oom->memcg_path), "%s",
			 mc->path);
}

static uint64_t counter(const struct oms_task *t, enum oms_rss i, bool exact)
{
	if (exact && t->rss_exact_valid)
		return t->rss_exact[i] < 0 ? 0 : (uint64_t)t->rss_exact[i];
	return t->rss_kernel[i];
}

/* oom_badness(): LONG_MIN (skip) for adj -1000, MMF_OOM_SKIP, in_vfork;
 * else rss + swapents + pgtables_bytes / PAGE_SIZE + adj * totalpages/1000 */
static void oom_badness(const struct oms_model *m, const struct oms_task *t,
			bool exact, struct oms_score *s)
{
	uint64_t page_size = m->kernel.page_size ? m->kernel.page_size : 4096;
	long adj = t->oom_score_adj;

	s->rss = counter(t, OMS_RSS_FILE, exact) + counter(t, OMS_RSS_ANON, exact) +
		 counter(t, OMS_RSS_SHMEM, exact);
	s->swapents = counter(t, OMS_RSS_SWAPENTS, exact);
	s->pgtables = t->pgtables_bytes / page_size;
	/* left out, oom_unkillable_task(p): oom_evaluate_task() asked it
	 * first (the kernel asks again for /proc/PID/oom_score's sake) */
	if (!t->mm) {			/* find_lock_task_mm() found none */
		s->skip = OMS_SKIP_NO_MM;
		return;
	}
	if (adj == OMS_OOM_SCORE_ADJ_MIN) {
		s->skip = OMS_SKIP_ADJ_MIN;
		return;
	}
	if (t->mmf_oom_skip) {
		s->skip = OMS_SKIP_OOM_SKIP;
		return;
	}
	if (t->in_vfork) {
		s->skip = OMS_SKIP_IN_VFORK;
		return;
	}
	/* adj *= totalpages / 1000: a long times an unsigned long */
	s->adj_points = (int64_t)((uint64_t)adj * (m->oom.totalpages / 1000));
	/* points += adj in unsigned arithmetic: it wraps as the kernel's
	 * long does (-fno-strict-overflow), where a signed sum of counters
	 * near 2^63 would be undefined behaviour */
	s->points = (int64_t)(s->rss + s->swapents + s->pgtables +
			      (uint64_t)s->adj_points);
}

/*
 * A process whose fields the evaluation needs are not all in the dump:
 * true when it cannot be scored (s->skip OMS_SKIP_UNSCORED, s->unknown
 * what was missing, s->points_max the most it could have had: an unknown
 * rss is at most totalram, swap at most the swap space, page tables at
 * most totalram, oom_score_adj at most 1000; LONG_MIN when what is known
 * already makes oom_badness() skip it).  What is known is used: a known
 * oom_score_adj of -1000 still skips it, unless an unknown earlier check
 * (an earlier victim) could have stopped the scan first.
 */
static bool unscored(const struct oms_model *m, const struct oms_task *t,
		     bool exact, struct oms_score *s)
{
	uint32_t need = OMS_TASK_MM | OMS_TASK_RSS | OMS_TASK_SWAPENTS |
			OMS_TASK_PGTABLES | OMS_TASK_MMF_OOM_SKIP |
			OMS_TASK_ADJ | OMS_TASK_VICTIM | OMS_TASK_ORIGIN |
			OMS_TASK_VFORK | OMS_TASK_PID | OMS_TASK_FLAGS;
	uint64_t tp1000 = m->oom.totalpages / 1000, ram = m->meminfo.totalram_pages;
	uint64_t rss, swap, pgt;
	int64_t adj;

	if (m->oom.constraint == OMS_CONSTRAINT_MEMCG)
		need |= OMS_TASK_MEMCG;
	else
		need |= OMS_TASK_MEMS;
	if (!(t->unknown & need))
		return false;
	oom_badness(m, t, exact, s);
	s->skip = OMS_SKIP_UNSCORED;
	s->unknown = t->unknown & need;
	s->points = 0;
	rss = oms_task_known(t, OMS_TASK_RSS | OMS_TASK_MM) ? s->rss : ram;
	swap = oms_task_known(t, OMS_TASK_SWAPENTS | OMS_TASK_MM) ? s->swapents
			: m->meminfo.total_swap_pages;
	pgt = oms_task_known(t, OMS_TASK_PGTABLES | OMS_TASK_MM) ? s->pgtables : ram;
	adj = oms_task_known(t, OMS_TASK_ADJ) ? t->oom_score_adj
					      : OMS_OOM_SCORE_ADJ_MAX;
	if (!(s->unknown & OMS_TASK_VICTIM) &&
	    ((oms_task_known(t, OMS_TASK_MM) && !t->mm) ||
	     adj == OMS_OOM_SCORE_ADJ_MIN ||
	     (oms_task_known(t, OMS_TASK_MM | OMS_TASK_MMF_OOM_SKIP) && t->mmf_oom_skip) ||
	     (oms_task_known(t, OMS_TASK_MM | OMS_TASK_VFORK) && t->in_vfork))) {
		s->points_max = LONG_MIN;	/* skipped, whatever else it holds */
		return true;
	}
	/* saturated: it is a bound, not the kernel's arithmetic */
	if (__builtin_add_overflow(rss, swap, &rss) ||
	    __builtin_add_overflow(rss, pgt, &rss) || rss > INT64_MAX / 2 ||
	    tp1000 > INT64_MAX / 2 / 1000)
		s->points_max = INT64_MAX;
	else
		s->points_max = (int64_t)rss + adj * (int64_t)tp1000;
	return true;
}

/*
 * The state of one out_of_memory(): the part of the kernel's struct
 * oom_control the emulation needs, and the rows of the ranking the scan
 * fills (one a process it visits, in its order).
 */
struct oom_control {
	struct oms_model *m;
	bool exact;			/* score on rss_exact */
	const struct oms_task *cur;	/* current's process, or NULL */
	struct oms_score *scores;
	size_t n;			/* rows filled */
	size_t n_eligible;		/* of them, skip == OMS_SKIP_NONE */
	/* oc->chosen and oc->chosen_points; abort is (void *)-1UL */
	bool chosen;
	size_t chosen_task;		/* index in oms_tasks.v */
	int64_t chosen_points;
	bool chosen_origin;		/* by oom_task_origin(), not its badness */
	bool aborted;
};

/*
 * oom_evaluate_task(), on the row s of the process at index i: 1 to abort
 * the scan (oc->chosen = -1UL), else 0.
 */
static int oom_evaluate_task(struct oom_control *oc, size_t i,
			     struct oms_score *s)
{
	struct oms_model *m = oc->m;
	struct oms_oom *oom = &m->oom;
	const struct oms_task *t = &m->tasks.v[i];

	if (unkillable(t)) {
		s->skip = OMS_SKIP_UNKILLABLE;
		return 0;
	}
	/* p may not have freeable memory in nodemask */
	if (oom->constraint != OMS_CONSTRAINT_MEMCG && !cpuset_eligible(m, t)) {
		s->skip = OMS_SKIP_NOT_ELIGIBLE;
		return 0;
	}
	/* not the kernel's: a process whose fields are not all in the dump is
	 * set apart here, with the most it could have had (unscored()) */
	if (unscored(m, t, oc->exact, s)) {
		oom->n_unscored++;
		return 0;
	}
	/* !is_sysrq_oom(oc) && tsk_is_oom_victim(task) */
	if (t->oom_victim && !oom->sysrq) {
		oom_badness(m, t, oc->exact, s);	/* its terms, for the row */
		if (t->oom_victim_mm_skip) {	/* MMF_OOM_SKIP on oom_mm */
			s->skip = OMS_SKIP_VICTIM_REAPED;
			return 0;
		}
		s->skip = OMS_SKIP_NOT_SCANNED;
		oom->aborted = true;
		oom->aborted_by = i;
		return 1;
	}
	/* oom_task_origin(): points = LONG_MAX; goto select */
	oom_badness(m, t, oc->exact, s);
	if (t->oom_origin) {
		s->skip = OMS_SKIP_NONE;
		s->points = LONG_MAX;
	} else if (s->skip != OMS_SKIP_NONE) {
		return 0;			/* points == LONG_MIN */
	}
	oc->n_eligible++;
	/* points < oc->chosen_points: next; so an equal later task wins */
	if (!t->oom_origin && s->points < oc->chosen_points)
		return 0;
	oc->chosen = true;
	oc->chosen_task = i;
	oc->chosen_points = s->points;
	oc->chosen_origin = t->oom_origin;
	return 0;
}

/*
 * select_bad_process(): for_each_process, or the memcg's tasks
 * (mem_cgroup_scan_tasks(); here in process-list order too).  Where the
 * kernel stops at an abort, the rest get a row as not scanned.
 */
static void select_bad_process(struct oom_control *oc)
{
	struct oms_model *m = oc->m;
	struct oms_oom *oom = &m->oom;
	size_t i;

	oc->chosen_points = LONG_MIN;
	for (i = 0; i < m->tasks.n; i++) {
		const struct oms_task *t = &m->tasks.v[i];
		struct oms_score *s;

		if (!t->thread_group_leader)
			continue;
		if (oom->constraint == OMS_CONSTRAINT_MEMCG &&
		    oms_task_known(t, OMS_TASK_MEMCG) &&
		    !oms_memcg_is_descendant(&m->memcgs, t->memcg, oom->memcg))
			continue;	/* not in the kernel's scan at all */
		s = &oc->scores[oc->n++];
		s->task = i;
		if (oc->aborted) {
			s->skip = OMS_SKIP_NOT_SCANNED;
			continue;
		}
		if (oom_evaluate_task(oc, i, s)) {
			oc->aborted = true;
			oc->chosen = false;
		}
	}
}

/*
 * check_panic_on_oom(): 2 always, any other value but 0 (only corruption
 * gives one outside 0..2) for CONSTRAINT_NONE only, never for sysrq+f.
 * The kernel panics here, before it chooses; we go on to say whom.
 */
static void check_panic_on_oom(struct oom_control *oc)
{
	struct oms_model *m = oc->m;
	struct oms_oom *oom = &m->oom;

	if (!m->sysctl.panic_on_oom)
		return;
	if (m->sysctl.panic_on_oom != 2 &&
	    oom->constraint != OMS_CONSTRAINT_NONE)
		return;
	if (oom->sysrq)
		return;
	oom->panicked_before_choosing = true;
}

/*
 * out_of_memory()'s sysctl_oom_kill_allocating_task branch: not for a
 * memcg OOM; current killable, eligible, with an mm and not oom_score_adj
 * -1000 (for sysrq+f current is a kworker, a kernel thread: never).
 */
static void kill_allocating_task(struct oom_control *oc)
{
	struct oms_model *m = oc->m;
	struct oms_oom *oom = &m->oom;
	const struct oms_task *cur = oc->cur;
	size_t i;

	if (oom->constraint == OMS_CONSTRAINT_MEMCG || oom->sysrq ||
	    !m->sysctl.oom_kill_allocating_task || !cur || !cur->mm ||
	    unkillable(cur) || !cpuset_eligible(m, cur) ||
	    cur->oom_score_adj == OMS_OOM_SCORE_ADJ_MIN)
		return;
	oom->allocating_task = true;
	oom->aborted = false;		/* the kernel would not have scanned */
	oom->has_victim = true;
	oom->victim = (size_t)(cur - m->tasks.v);
	for (i = 0; i < oc->n; i++)
		if (oc->scores[i].task == oom->victim)
			oom->victim_points = oc->scores[i].skip == OMS_SKIP_NONE ?
					     oc->scores[i].points : 0;
}

/*
 * out_of_memory(), from the point where the kernel could still kill: what
 * it would choose now, and by which rule.
 */
/*
 * task_will_free_mem(current), on what was read of current itself: it has
 * an mm, __task_will_free_mem() (no core dump, SIGNAL_GROUP_EXIT, or the
 * only thread and PF_EXITING), no MMF_OOM_SKIP, and no other user of its
 * mm (mm_users <= 1; with more, the kernel walks every process for the
 * other users, left out: then it is not concluded)
 */
static bool task_will_free_mem_current(const struct oms_allocation *a)
{
	if (!a->current_known || !a->current_mm)
		return false;
	if (a->core_state)
		return false;
	if (!(a->signal_flags & OMS_SIGNAL_GROUP_EXIT) &&
	    !(a->nr_threads <= 1 && (a->current_flags & OMS_PF_EXITING)))
		return false;
	if (a->mm_oom_skip)
		return false;
	return a->mm_users >= 0 && a->mm_users <= 1;
}

/* the allocation's gfp_mask: the stack's, else the log's */
static bool alloc_gfp(const struct oms_model *m, uint64_t *gfp)
{
	if (m->allocation.source == OMS_ALLOC_STACK)
		*gfp = m->allocation.gfp_mask;
	else if (m->report.found && m->report.has_header)
		*gfp = m->report.gfp_mask;
	else
		return false;
	return true;
}

/* out_of_memory()'s returns before the scan, in its order; NONE: none */
static enum oms_oom_rule early_exit(struct oms_model *m)
{
	const struct oms_allocation *a = &m->allocation;
	uint64_t gfp, fs = oms_gfp_flag(&a->gfp_names, "__GFP_FS");

	if (a->oom_killer_disabled == 1)
		return OMS_OOM_RULE_DISABLED;
	/* left out, the oom notifier (blocking_notifier_call_chain(
	 * &oom_notify_list), virtio_balloon's): what it would free now is not
	 * in the dump; where the kernel's report was printed, it freed nothing */
	if (task_will_free_mem_current(a))
		return OMS_OOM_RULE_CURRENT_EXITING;
	/* !(oc->gfp_mask & __GFP_FS) && !is_memcg_oom(oc); a gfp_mask of 0
	 * (sysrq+f's) is not taken for one without __GFP_FS, as up to 6.1 */
	if (fs && alloc_gfp(m, &gfp) && gfp && !(gfp & fs) &&
	    m->oom.constraint != OMS_CONSTRAINT_MEMCG)
		return OMS_OOM_RULE_NOFS;
	return OMS_OOM_RULE_NONE;
}

static void out_of_memory(struct oom_control *oc)
{
	struct oms_model *m = oc->m;
	struct oms_oom *oom = &m->oom;
	enum oms_oom_rule exit;

	/* is_sysrq_oom(): oc->order == -1, which dump_header() prints */
	oom->sysrq = m->report.has_header && m->report.order == -1;
	/* the kernel takes its early exits before constrained_alloc(); the
	 * __GFP_FS one asks is_memcg_oom(), which this answers */
	constrained_alloc(m);
	exit = early_exit(m);
	if (exit != OMS_OOM_RULE_NONE) {
		/* no panic, no scan, no kill: the rule says why; a dying
		 * current is marked the victim (mark_oom_victim()) */
		oom->rule = exit;
		if (exit == OMS_OOM_RULE_CURRENT_EXITING && oc->cur) {
			oom->has_victim = true;
			oom->victim = (size_t)(oc->cur - m->tasks.v);
		}
		return;
	}
	/* oc->nodemask = NULL unless CONSTRAINT_MEMORY_POLICY: never
	 * concluded here, and cpuset_eligible() has no nodemask */
	check_panic_on_oom(oc);
	/* sysctl_oom_kill_allocating_task: the kernel checks it here, before
	 * any scan; we scan first, to show what the scan would choose too */
	select_bad_process(oc);
	oom->has_victim = oc->chosen && !oc->aborted;
	oom->victim = oc->chosen_task;
	oom->victim_points = oom->has_victim ? oc->chosen_points : 0;
	oom->has_scan_victim = oom->has_victim;
	oom->scan_victim = oc->chosen_task;
	oom->scan_victim_points = oc->chosen_points;
	kill_allocating_task(oc);

	if (oom->aborted)
		oom->rule = OMS_OOM_RULE_ABORTED;
	/* !oc->chosen: "Out of memory and no killable processes...", and
	 * panic("System is deadlocked on memory") unless sysrq or memcg */
	else if (!oom->has_victim)
		oom->rule = m->tasks.complete ? OMS_OOM_RULE_NO_KILLABLE
					      : OMS_OOM_RULE_INCOMPLETE;
	else if (oom->allocating_task)
		oom->rule = OMS_OOM_RULE_ALLOCATING_TASK;
	else if (oc->chosen_origin)
		oom->rule = OMS_OOM_RULE_ORIGIN;
	else
		oom->rule = OMS_OOM_RULE_BADNESS;
	/* left out, oom_kill_process(): its task_will_free_mem(victim) exit
	 * and the oom_group kill come after the choice */
}

/*
 * Not the kernel's: could an unscored process have been chosen, or have
 * stopped the scan (an earlier victim), or gone first (oom_task_origin)?
 */
static void unscored_could_change(struct oom_control *oc)
{
	struct oms_oom *oom = &oc->m->oom;
	size_t i;

	for (i = 0; i < oc->n; i++) {
		struct oms_score *s = &oc->scores[i];

		if (s->skip != OMS_SKIP_UNSCORED)
			continue;
		s->could_change = (s->unknown & (OMS_TASK_VICTIM | OMS_TASK_ORIGIN)) ||
				  (s->points_max > LONG_MIN &&
				   (!oom->has_victim || s->points_max >= oom->victim_points));
		if (oom->allocating_task && !(s->unknown & OMS_TASK_VICTIM))
			s->could_change = false;
		oom->n_could_change += s->could_change;
	}
}

static int cmp_scores(const void *a, const void *b)
{
	const struct oms_score *x = a, *y = b;

	if (x->skip != y->skip) {
		if (x->skip == OMS_SKIP_NONE)
			return -1;
		if (y->skip == OMS_SKIP_NONE)
			return 1;
	}
	if (x->skip == OMS_SKIP_NONE) {
		if (x->points != y->points)
			return x->points > y->points ? -1 : 1;
		/* equal points: the later one in the scan wins */
		return x->task > y->task ? -1 : (x->task < y->task);
	}
	return x->task < y->task ? -1 : (x->task > y->task);
}

/*
 * Not the kernel's: the rows best first (cmp_scores()), the runner-up (the
 * best eligible other than the victim) and the margin, and at most top_n
 * eligible rows, then every skipped one.  The rows move to m->oom.
 */
static void rank(struct oom_control *oc, size_t top_n)
{
	struct oms_oom *oom = &oc->m->oom;
	struct oms_score *scores = oc->scores;
	size_t i, n = oc->n, kept = oc->n;

	qsort(scores, n, sizeof(*scores), cmp_scores);
	for (i = 0; oom->has_victim && i < n; i++) {
		if (scores[i].skip != OMS_SKIP_NONE)
			break;
		if (scores[i].task != oom->victim) {
			oom->has_runner_up = true;
			oom->runner_up = scores[i].task;
			/* saturated: LONG_MAX (oom_task_origin()) less a
			 * negative score would overflow, undefined */
			if (__builtin_sub_overflow(oom->victim_points,
						   scores[i].points,
						   &oom->margin))
				oom->margin = oom->victim_points > 0 ?
					      INT64_MAX : INT64_MIN;
			break;
		}
	}
	if (top_n && oc->n_eligible > top_n) {
		memmove(&scores[top_n], &scores[oc->n_eligible],
			(n - oc->n_eligible) * sizeof(*scores));
		kept = n - (oc->n_eligible - top_n);
	}
	oom->ranking = scores;
	oom->n_ranking = kept;
	oc->scores = NULL;
}

struct oms_error *oms_oom_compute(struct oms_model *m,
				  const struct oms_oom_options *o)
{
	static const struct oms_oom_options defaults;
	struct oms_oom *oom = &m->oom;
	struct oom_control oc = { .m = m };

	if (!o)
		o = &defaults;
	oms_oom_deinit(oom);
	/* gfp_mask and order: the stack's oom_control, else the log's line */
	if (!m->allocation.found) {
		m->allocation.source = m->report.found && m->report.has_header ?
				       OMS_ALLOC_LOG : OMS_ALLOC_UNKNOWN;
		if (m->allocation.source == OMS_ALLOC_LOG) {
			m->allocation.gfp_mask = (uint32_t)m->report.gfp_mask;
			m->allocation.order = m->report.order;
		}
	}
	oom->current_process = oms_current_process(m);
	oom->current_resolved = true;
	oom->use_exact_rss = o->use_exact_rss;
	oc.exact = o->use_exact_rss;
	oc.cur = current_process(m);
	oc.scores = calloc(m->tasks.n ? m->tasks.n : 1, sizeof(*oc.scores));
	if (!oc.scores)
		return &oms_enomem;
	out_of_memory(&oc);
	unscored_could_change(&oc);
	rank(&oc, o->top_n);
	return NULL;
}

