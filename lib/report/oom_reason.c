// SPDX-License-Identifier: GPL-2.0
/*
 * The OOM decision in words: see oom_reason.h.  One sentence per rule of
 * enum oms_oom_rule, with panic_on_oom's "panicked before choosing" in
 * front and the processes that could not be scored at the end.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../analysis/oom.h"
#include "oom_reason.h"

const char *oms_oom_rule_key(enum oms_oom_rule r)
{
	switch (r) {
	case OMS_OOM_RULE_NONE: return NULL;
	case OMS_OOM_RULE_BADNESS: return "badness";
	case OMS_OOM_RULE_ORIGIN: return "origin";
	case OMS_OOM_RULE_ALLOCATING_TASK: return "allocating_task";
	case OMS_OOM_RULE_ABORTED: return "aborted";
	case OMS_OOM_RULE_NO_KILLABLE: return "no_killable";
	case OMS_OOM_RULE_INCOMPLETE: return "incomplete";
	case OMS_OOM_RULE_DISABLED: return "disabled";
	case OMS_OOM_RULE_CURRENT_EXITING: return "current_exiting";
	case OMS_OOM_RULE_NOFS: return "nofs";
	}
	return "unknown";
}

/* the victim's row of the ranking, or NULL */
static const struct oms_score *victim_score(const struct oms_oom *oom)
{
	size_t i;

	for (i = 0; i < oom->n_ranking; i++)
		if (oom->ranking[i].task == oom->victim)
			return &oom->ranking[i];
	return NULL;
}

__attribute__((format(printf, 3, 4)))
static void append(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

/* the rule's sentence, after head ("panic_on_oom=1 panicked ...; ") */
static void rule_sentence(const struct oms_model *m, const char *head,
			  char *buf, size_t len)
{
	const struct oms_oom *oom = &m->oom;
	const struct oms_task *v = NULL, *a, *sv;
	const struct oms_score *vs;
	char scope[200] = "", tail[200] = "";

	if (oom->constraint == OMS_CONSTRAINT_MEMCG)
		snprintf(scope, sizeof(scope), " in memory cgroup %s",
			 oom->memcg_path);
	if (!m->tasks.complete)
		snprintf(tail, sizeof(tail),
			 " (among the %zu processes read: the dump's process list is incomplete)",
			 m->tasks.n);
	if (oom->has_runner_up) {
		const struct oms_task *r = &m->tasks.v[oom->runner_up];

		append(tail, sizeof(tail), ", %lld more than pid %d (%s)",
		       (long long)oom->margin, r->pid, r->comm);
	}
	if (oom->has_victim)
		v = &m->tasks.v[oom->victim];

	switch (oom->rule) {
	case OMS_OOM_RULE_NONE:
		break;
	case OMS_OOM_RULE_DISABLED:
		snprintf(buf, len,
			 "the kernel would not have killed anyone: the OOM killer is disabled (oom_killer_disabled, set between oom_killer_disable() and oom_killer_enable(), around suspend)");
		break;
	case OMS_OOM_RULE_CURRENT_EXITING:
		snprintf(buf, len,
			 "the kernel would not have killed anyone: the allocating task%s%s%s is exiting and frees its memory (task_will_free_mem(current)): it is made the OOM victim without a kill",
			 v ? " (" : "", v ? v->comm : "", v ? ")" : "");
		break;
	case OMS_OOM_RULE_NOFS:
		snprintf(buf, len,
			 "the kernel would not have killed anyone: the allocation may not enter the filesystem (no __GFP_FS) and is not a memory cgroup's: out_of_memory() returns before choosing, the OOM killer does not make up for reclaim without I/O");
		break;
	case OMS_OOM_RULE_ABORTED:
		a = &m->tasks.v[oom->aborted_by];
		snprintf(buf, len,
			 "%sthe scan stops at pid %d (%s), an OOM victim whose memory is not reaped yet: the kernel kills no one and waits",
			 head, a->pid, a->comm);
		break;
	case OMS_OOM_RULE_INCOMPLETE:
		snprintf(buf, len,
			 "%sno victim can be named: the dump's process list is incomplete (%zu processes read, none killable)",
			 head, m->tasks.n);
		break;
	case OMS_OOM_RULE_NO_KILLABLE:
		snprintf(buf, len, "%sno killable process%s%s", head, scope,
			 oom->constraint == OMS_CONSTRAINT_MEMCG || oom->sysrq ? "" :
			 ": the kernel panics with \"System is deadlocked on memory\"");
		break;
	case OMS_OOM_RULE_ALLOCATING_TASK:
		sv = oom->has_scan_victim ? &m->tasks.v[oom->scan_victim] : v;
		if (sv != v)
			snprintf(buf, len,
				 "%soom_kill_allocating_task=1: it would kill the allocating task pid %d (%s, %lld points) without a scan, where the scan would choose pid %d (%s, %lld points)",
				 head, v->pid, v->comm,
				 (long long)oom->victim_points, sv->pid,
				 sv->comm, (long long)oom->scan_victim_points);
		else
			snprintf(buf, len,
				 "%soom_kill_allocating_task=1: it would kill the allocating task pid %d (%s) without a scan, the one the scan would choose too",
				 head, v->pid, v->comm);
		break;
	case OMS_OOM_RULE_ORIGIN:
		snprintf(buf, len,
			 "%sit would kill pid %d (%s)%s: it is marked oom_task_origin (swapoff or KSM unmerge) and goes first",
			 head, v->pid, v->comm, scope);
		break;
	case OMS_OOM_RULE_BADNESS:
		vs = victim_score(oom);
		if (vs)
			snprintf(buf, len,
				 "%sit would kill pid %d (%s)%s: the highest badness, %lld points (rss %llu + swap %llu + page tables %llu + oom_score_adj %d x %llu)%s%s",
				 head, v->pid, v->comm, scope,
				 (long long)oom->victim_points,
				 (unsigned long long)vs->rss,
				 (unsigned long long)vs->swapents,
				 (unsigned long long)vs->pgtables,
				 v->oom_score_adj,
				 (unsigned long long)(oom->totalpages / 1000),
				 tail,
				 oom->use_exact_rss ? " (on the exact rss)" : "");
		else
			snprintf(buf, len,
				 "%sit would kill pid %d (%s)%s: the highest badness, %lld points%s",
				 head, v->pid, v->comm, scope,
				 (long long)oom->victim_points, tail);
		break;
	}
}

char *oms_oom_reason(const struct oms_model *m, char *buf, size_t len)
{
	const struct oms_oom *oom = &m->oom;
	char head[200] = "";

	if (!len)
		return buf;
	buf[0] = '\0';
	if (oom->rule == OMS_OOM_RULE_NONE)
		return buf;
	if (oom->panicked_before_choosing)
		snprintf(head, sizeof(head),
			 "panic_on_oom=%d panicked (%s) before choosing; ",
			 m->sysctl.panic_on_oom,
			 oms_constraint_name(oom->constraint));
	rule_sentence(m, head, buf, len);
	if (oom->n_unscored)
		append(buf, len,
		       "; %zu process%s not scored (fields not in the dump)%s",
		       oom->n_unscored, oom->n_unscored == 1 ? "" : "es",
		       oom->n_could_change ? ", which could change that" :
		       ", none of which could change that");
	return buf;
}
