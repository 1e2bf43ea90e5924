// SPDX-License-Identifier: GPL-2.0
/*
 * ablate [-v] [--pages N|all] [--name NAME] SNAPSHOT
 *
 * Page ablation: on a real dump made with makedumpfile -d 31 any page of
 * kernel memory can be missing, and a missing page must cost the report
 * what that page holds and what is derived from it, nothing more.  This
 * runs the analysis of SNAPSHOT (tests/fuzz/snapshot record; the replay
 * target answers without the dump) once in full, then once for each page
 * that analysis read with that page made a hole as the dump would have it
 * (OMS_ERR_NODATA, "... is not in the dump (filtered out)"), in this
 * process, and compares each model with the full one.
 *
 * What a page is allowed to cost.  Every read of the full run is logged
 * with the part of the model that was being collected: the collectors
 * that oms_analyze() calls, and the few calls inside them that this needs
 * to tell shared data from a process's own, are wrapped at link time
 * (-Wl,--wrap=..., see the Makefile), so lib/ is not changed for it:
 *   the kernel release       reads before the first collector
 *   sysctls, Mem-Info        oms_sysctl_collect, oms_meminfo_collect up to
 *                            its oms_online_nodes() call
 *   nodes                    the rest of oms_meminfo_collect (per-node
 *                            counters, hugepages)
 *   zone k                   oms_zones_collect from the first read inside
 *                            zone k's struct zone to zone k+1's; the reads
 *                            before the first zone are the zones' layout
 *   the current task         oms_current_collect (and the zones' local_pcp,
 *                            the panicking cpu's: a page of panic_cpu may
 *                            change it)
 *   process j                oms_tasks_collect from a read inside process
 *                            j's task_struct (below its thread member) to
 *                            the next read inside another row's, but the
 *                            reads inside oms_memcg_of_task (the list walk
 *                            reads the task_structs in order; the gap's
 *                            collection reads a children list of each
 *                            before it collects them)
 *   the pid IDR              oms_pid_leaders, when the list has a gap
 *   memcg lookup of j        the reads inside j's oms_memcg_of_task; the
 *                            memcgs that call added to the model depend on
 *                            them (and on their parent's)
 *   the task walk's start    the reads before the first process, split in
 *                            oms_percpu_init, oms_memcg_reader_create and
 *                            the rest (init_task.tasks)
 *   the log                  oms_printk_read
 *   the slab caches          oms_slab_collect (the caches' counts may change
 *                            only when a page it read is ablated)
 *   the failing allocation   oms_allocation_collect (it also depends on
 *                            the current task, the zones, Mem-Info, the
 *                            rows and memcgs: a page of those may change
 *                            it too)
 * Then for ablated page P, against the full report:
 *   - oms_analyze() returns (the CLI's exit is 0 or 3), unless P was read
 *     for the kernel release (without it nothing can be said): "vital";
 *   - every process row of the full report whose own reads did not touch
 *     P is there, by pid, every field of struct oms_task identical; its
 *     memcg and memcg_path may differ only when P was read by its memcg
 *     lookup or for its memcg or an ancestor, rss_exact only when P was
 *     read by the walk's oms_percpu_init; no row appears that the full
 *     report does not have (by task_struct address);
 *   - every memcg whose reads did not touch P is identical where both
 *     reports have it;
 *   - every zone whose reads (and the zones' layout reads) did not touch P
 *     is there and identical; sysctls, Mem-Info, nodes, the current task
 *     and the parsed OOM report of the log likewise, a part at a time;
 *   - the text and JSON reports come out (written to /dev/null).
 * On a dump whose list is cut already in the full run (a row whose
 * task_struct is not in the dump), a second cut on P can strand the
 * processes between the two that only P led to (their struct pids and
 * their parent's children list gone too): rows missing there, when P is a
 * process's page or the pid IDR's, are counted as stranded, a figure and
 * not a failure; and the current task, when its pid came from such a row,
 * may change with the rows.
 * What is derived from the whole (the victim, the ranking, the
 * cross-check, the warnings) may change.  A run that breaks one of these
 * "lost more than its page".  A run whose model differs from the full one
 * but does not say so (no warning, list complete: exit 0) is counted as
 * "silent" and fails too: the report must say what it could not read.
 *
 * The pages ablated: every page the full run read (not the recorded
 * holes); past 600 of them, N (--pages, default 300, or OOMSCAN_ABLATE=all for every
 * page) a deterministic sample: every page not read for a process row, and
 * process-row pages at an even stride.  It prints one line of figures
 * and the first failures (all of them with -v), and exits 0 when no run
 * lost more than its page or was silent, 1 when one did, 2 when it cannot run.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../lib/model/lookup.h"
#include "../../lib/collect/memcg.h"
#include "../../lib/collect/meminfo.h"
#include "../../lib/oomscan.h"
#include "../../lib/collect/percpu.h"
#include "../../lib/collect/pids.h"
#include "../../lib/collect/printk.h"
#include "../../lib/collect/slab.h"
#include "../../lib/collect/sysctl.h"
#include "../../lib/collect/tasks.h"
#include "../../lib/collect/zones.h"
#include "replay.h"

#define PAGE OMS_REPLAY_PAGE
/* every page up to ALL_PAGES read, else a sample of DEFAULT_PAGES */
#define ALL_PAGES 600
#define DEFAULT_PAGES 300
#define SHOW_FAILURES 8

/* --- the parts of the model a read belongs to ------------------------------ */

enum part {
	PART_RELEASE,		/* before the first collector */
	PART_SYSCTL,
	PART_MEMINFO,
	PART_NODES,
	PART_ZONES,		/* the zones' layout, before zone 0 */
	PART_CURRENT,
	PART_TASKS,		/* the task walk's start, before process 0 */
	PART_TASKS_PERCPU,	/* its oms_percpu_init */
	PART_TASKS_MEMCG,	/* its oms_memcg_reader_create */
	PART_PIDS,		/* its oms_pid_leaders (a gap in the list) */
	PART_LOG,
	PART_ALLOCATION,	/* oms_allocation_collect */
	PART_SLAB,		/* oms_slab_collect */
	PART_OTHER,		/* between the collectors: should be none */
	PART_NR,
};

static const char *const part_names[PART_NR] = {
	[PART_RELEASE] = "the kernel release",
	[PART_SYSCTL] = "sysctls",
	[PART_MEMINFO] = "Mem-Info counters",
	[PART_NODES] = "nodes and hugepages",
	[PART_ZONES] = "the zones' layout",
	[PART_CURRENT] = "the current task",
	[PART_TASKS] = "the task walk's start",
	[PART_TASKS_PERCPU] = "the task walk's per-cpu offsets",
	[PART_TASKS_MEMCG] = "the memcg reader",
	[PART_PIDS] = "the pid IDR",
	[PART_LOG] = "the log",
	[PART_ALLOCATION] = "the failing allocation",
	[PART_SLAB] = "the slab caches",
	[PART_OTHER] = "between the collectors",
};

struct logged_read {
	uint64_t addr;
	uint64_t len;
	enum part part;
	long memcg_call;	/* index in memcg_calls, -1: none */
};

struct memcg_call {
	size_t first_memcg, end_memcg;	/* the memcgs it added to the model */
};

/* the log of the full run; the wrappers' state */
static struct {
	bool on;
	enum part part;
	long memcg_call;
	struct logged_read *v;
	size_t n, cap;
	struct memcg_call *calls;
	size_t n_calls, cap_calls;
} rlog;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "ablate: out of memory\n");
		exit(2);
	}
	return p;
}

/* --- the logging target: the replay's, every read noted ---------------------- */

static const struct oms_target *inner;

static struct oms_error *log_read(void *priv, uint64_t addr, void *buf,
				  size_t len)
{
	(void)priv;
	if (rlog.on) {
		struct logged_read *r;

		if (rlog.n == rlog.cap) {
			rlog.cap = rlog.cap ? 2 * rlog.cap : 4096;
			rlog.v = xrealloc(rlog.v, rlog.cap * sizeof(*rlog.v));
		}
		r = &rlog.v[rlog.n++];
		r->addr = addr;
		r->len = len;
		r->part = rlog.part;
		r->memcg_call = rlog.memcg_call;
	}
	return inner->ops->read(inner->priv, addr, buf, len);
}

static struct oms_error *log_symbol(void *priv, const char *name, uint64_t *ret)
{
	(void)priv;
	return inner->ops->symbol(inner->priv, name, ret);
}

static struct oms_error *log_member(void *priv, const char *type,
				    const char *member, struct oms_member *ret)
{
	(void)priv;
	return inner->ops->member(inner->priv, type, member, ret);
}

static struct oms_error *log_type_size(void *priv, const char *type,
				       uint64_t *ret)
{
	(void)priv;
	return inner->ops->type_size(inner->priv, type, ret);
}

static struct oms_error *log_enumerator(void *priv, const char *name,
					int64_t *ret)
{
	(void)priv;
	return inner->ops->enumerator(inner->priv, name, ret);
}

static struct oms_error *log_vmcoreinfo(void *priv, const char *key, char **ret)
{
	(void)priv;
	return inner->ops->vmcoreinfo(inner->priv, key, ret);
}

static struct oms_error *log_note_pid(void *priv, int index, int32_t *ret)
{
	(void)priv;
	return oms_note_pid(inner, index, ret);
}

static const struct oms_target_ops log_ops = {
	.read = log_read,
	.symbol = log_symbol,
	.member = log_member,
	.type_size = log_type_size,
	.enumerator = log_enumerator,
	.vmcoreinfo = log_vmcoreinfo,
	.note_pid = log_note_pid,
};

/* --- the wrappers (-Wl,--wrap=NAME): which part is being collected ---------- */

/* the collectors oms_analyze() calls: the reads inside one are its part */
#define COLLECTOR(name, which, params, args)				\
	struct oms_error *__real_##name params;				\
	struct oms_error *__wrap_##name params;				\
	struct oms_error *__wrap_##name params				\
	{								\
		struct oms_error *err;					\
									\
		rlog.part = which;					\
		err = __real_##name args;				\
		rlog.part = PART_OTHER;					\
		return err;						\
	}

COLLECTOR(oms_sysctl_collect, PART_SYSCTL,
	  (const struct oms_target *t, struct oms_sysctl *s,
	   struct oms_warnings *w), (t, s, w))
COLLECTOR(oms_meminfo_collect, PART_MEMINFO,
	  (const struct oms_target *t, const struct oms_kernel *k,
	   struct oms_meminfo *mi, struct oms_warnings *w), (t, k, mi, w))
COLLECTOR(oms_zones_collect, PART_ZONES,
	  (const struct oms_target *t, const struct oms_kernel *k,
	   struct oms_zones *zones, struct oms_warnings *w, bool walk),
	  (t, k, zones, w, walk))
COLLECTOR(oms_current_collect, PART_CURRENT,
	  (const struct oms_target *t, struct oms_kernel *k,
	   struct oms_warnings *w), (t, k, w))
COLLECTOR(oms_tasks_collect, PART_TASKS,
	  (const struct oms_target *t, struct oms_tasks *tasks,
	   struct oms_memcgs *memcgs, struct oms_warnings *w, bool all),
	  (t, tasks, memcgs, w, all))
COLLECTOR(oms_allocation_collect, PART_ALLOCATION,
	  (const struct oms_target *t, const struct oms_kernel *k,
	   const struct oms_zones *zones, const struct oms_meminfo *mi,
	   const struct oms_tasks *tasks, const struct oms_memcgs *memcgs,
	   struct oms_allocation *a, struct oms_warnings *w),
	  (t, k, zones, mi, tasks, memcgs, a, w))
COLLECTOR(oms_slab_collect, PART_SLAB,
	  (const struct oms_target *t, const struct oms_meminfo *mi,
	   struct oms_slab *s, struct oms_warnings *w, bool walk),
	  (t, mi, s, w, walk))
COLLECTOR(oms_printk_read, PART_LOG,
	  (const struct oms_target *t, char **text_ret, size_t *len_ret),
	  (t, text_ret, len_ret))
#undef COLLECTOR

struct oms_error *__real_oms_online_nodes(const struct oms_target *t,
					  struct oms_warnings *w,
					  int **ids_ret, uint64_t **pgdats_ret,
					  size_t *n_ret);
struct oms_error *__wrap_oms_online_nodes(const struct oms_target *t,
					  struct oms_warnings *w,
					  int **ids_ret, uint64_t **pgdats_ret,
					  size_t *n_ret);
struct oms_error *__real_oms_pid_leaders(const struct oms_target *t,
					 struct oms_warnings *w,
					 struct oms_pid_leader **ret,
					 size_t *n_ret, bool *complete_ret);
struct oms_error *__wrap_oms_pid_leaders(const struct oms_target *t,
					 struct oms_warnings *w,
					 struct oms_pid_leader **ret,
					 size_t *n_ret, bool *complete_ret);
struct oms_error *__real_oms_percpu_init(struct oms_percpu *pc,
					 const struct oms_target *t);
struct oms_error *__wrap_oms_percpu_init(struct oms_percpu *pc,
					 const struct oms_target *t);
struct oms_error *__real_oms_memcg_reader_create(const struct oms_target *t,
						 struct oms_memcg_reader **ret);
struct oms_error *__wrap_oms_memcg_reader_create(const struct oms_target *t,
						 struct oms_memcg_reader **ret);
struct oms_error *__real_oms_memcg_of_task(struct oms_memcg_reader *r,
					   struct oms_memcgs *memcgs,
					   struct oms_warnings *w,
					   uint64_t task_addr,
					   uint64_t *memcg_ret);
struct oms_error *__wrap_oms_memcg_of_task(struct oms_memcg_reader *r,
					   struct oms_memcgs *memcgs,
					   struct oms_warnings *w,
					   uint64_t task_addr,
					   uint64_t *memcg_ret);

/* inside oms_meminfo_collect: the nodes and hugepages from here on */
struct oms_error *__wrap_oms_online_nodes(const struct oms_target *t,
					  struct oms_warnings *w,
					  int **ids_ret, uint64_t **pgdats_ret,
					  size_t *n_ret)
{
	if (rlog.part == PART_MEMINFO)
		rlog.part = PART_NODES;
	return __real_oms_online_nodes(t, w, ids_ret, pgdats_ret, n_ret);
}

/* inside oms_tasks_collect, for a gap of the list: the pid IDR */
struct oms_error *__wrap_oms_pid_leaders(const struct oms_target *t,
					 struct oms_warnings *w,
					 struct oms_pid_leader **ret,
					 size_t *n_ret, bool *complete_ret)
{
	enum part was = rlog.part;
	struct oms_error *err;

	rlog.part = PART_PIDS;
	err = __real_oms_pid_leaders(t, w, ret, n_ret, complete_ret);
	rlog.part = was;
	return err;
}

struct oms_error *__wrap_oms_percpu_init(struct oms_percpu *pc,
					 const struct oms_target *t)
{
	enum part was = rlog.part;
	struct oms_error *err;

	if (was == PART_TASKS)
		rlog.part = PART_TASKS_PERCPU;
	err = __real_oms_percpu_init(pc, t);
	rlog.part = was;
	return err;
}

struct oms_error *__wrap_oms_memcg_reader_create(const struct oms_target *t,
						 struct oms_memcg_reader **ret)
{
	enum part was = rlog.part;
	struct oms_error *err;

	if (was == PART_TASKS)
		rlog.part = PART_TASKS_MEMCG;
	err = __real_oms_memcg_reader_create(t, ret);
	rlog.part = was;
	return err;
}

struct oms_error *__wrap_oms_memcg_of_task(struct oms_memcg_reader *r,
					   struct oms_memcgs *memcgs,
					   struct oms_warnings *w,
					   uint64_t task_addr,
					   uint64_t *memcg_ret)
{
	struct oms_error *err;
	struct memcg_call *c;
	size_t before = memcgs->n;

	if (!rlog.on)
		return __real_oms_memcg_of_task(r, memcgs, w, task_addr, memcg_ret);
	if (rlog.n_calls == rlog.cap_calls) {
		rlog.cap_calls = rlog.cap_calls ? 2 * rlog.cap_calls : 256;
		rlog.calls = xrealloc(rlog.calls,
				      rlog.cap_calls * sizeof(*rlog.calls));
	}
	rlog.memcg_call = (long)rlog.n_calls++;
	err = __real_oms_memcg_of_task(r, memcgs, w, task_addr, memcg_ret);
	c = &rlog.calls[rlog.memcg_call];
	c->first_memcg = before;
	c->end_memcg = memcgs->n;
	rlog.memcg_call = -1;
	return err;
}

/* --- who read each page --------------------------------------------------------- */

/* an owner: a part, zone k, process j's own reads, j's memcg lookup */
enum owner_kind { OWN_PART, OWN_ZONE, OWN_ROW, OWN_ROW_MEMCG, OWN_MEMCG };

struct owner {
	enum owner_kind kind;
	size_t index;
};

struct page_info {
	struct owner *v;
	size_t n, cap;
	bool row_page;		/* read for a process row (for the sample) */
	size_t first_read;	/* the index of the first read of it */
	bool read;
};

/* where the fields of a process's own row come from (the kernel's
 * layout, from the snapshot), for the check of the page's own rows */
struct own_layout {
	bool ok;
	struct oms_field pid, tgid, comm, mm, signal, thread_node;
	struct oms_field thread_head, adj, adj_min, nr_threads;
	struct oms_field total_vm, pgtables, rss_stat;
};

struct row_addr {
	uint64_t addr;
	size_t row;
};

struct ablation {
	struct oms_replay *r;
	const struct oms_target *t;	/* the replay's */
	struct oms_target logging;
	const char *name;
	struct oms_model full;
	struct page_info *pages;	/* by the replay's page index */
	size_t n_pages;
	uint64_t task_size, zone_size, tasks_off, init_task;
	bool have_links;
	struct own_layout ol;
	uint64_t *signal;		/* full.tasks.v[j]'s task->signal */
	struct row_addr *by_addr;	/* the rows by task_struct address */
	size_t n_by_addr;
	/* the full run's list has a row whose task_struct is not in the
	 * dump (a cut already); its current task's pid came from such a row */
	bool full_cut, current_from_row;
	bool verbose;
};

static void add_owner(struct page_info *pi, enum owner_kind kind, size_t index)
{
	size_t i;

	for (i = 0; i < pi->n; i++)
		if (pi->v[i].kind == kind && pi->v[i].index == index)
			return;
	if (pi->n == pi->cap) {
		pi->cap = pi->cap ? 2 * pi->cap : 4;
		pi->v = xrealloc(pi->v, pi->cap * sizeof(*pi->v));
	}
	pi->v[pi->n].kind = kind;
	pi->v[pi->n].index = index;
	pi->n++;
}

static bool in_object(uint64_t addr, uint64_t base, uint64_t size)
{
	return addr >= base && addr - base < size;
}

/* attribute every read of the full run; false when the log does not fit
 * the model (a process or zone whose start was not found) */
static int cmp_row_addr(const void *x, const void *y)
{
	const struct row_addr *a = x, *b = y;

	return a->addr < b->addr ? -1 : a->addr > b->addr;
}

/* the row whose task_struct holds addr, -1 if none */
static long row_at(const struct ablation *a, uint64_t addr)
{
	size_t lo = 0, hi = a->n_by_addr;

	while (lo < hi) {		/* the last start <= addr */
		size_t mid = (lo + hi) / 2;

		if (a->by_addr[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || !in_object(addr, a->by_addr[lo - 1].addr, a->task_size))
		return -1;
	return (long)a->by_addr[lo - 1].row;
}

static bool attribute(struct ablation *a)
{
	const struct oms_model *m = &a->full;
	size_t i, next_row = 0, next_zone = 0;
	long row = -1, zone = -1;
	bool *seen_row = xrealloc(NULL, (m->tasks.n + 1) * sizeof(*seen_row));

	memset(seen_row, 0, (m->tasks.n + 1) * sizeof(*seen_row));
	a->n_by_addr = m->tasks.n;
	a->by_addr = xrealloc(NULL, (m->tasks.n + 1) * sizeof(*a->by_addr));
	for (i = 0; i < m->tasks.n; i++)
		a->by_addr[i] = (struct row_addr){ m->tasks.v[i].addr, i };
	qsort(a->by_addr, a->n_by_addr, sizeof(*a->by_addr), cmp_row_addr);

	a->n_pages = oms_replay_npages(a->r);
	a->pages = calloc(a->n_pages ? a->n_pages : 1, sizeof(*a->pages));
	if (!a->pages) {
		fprintf(stderr, "ablate: out of memory\n");
		exit(2);
	}
	for (i = 0; i < rlog.n; i++) {
		const struct logged_read *rd = &rlog.v[i];
		uint64_t pa, last;
		struct owner o = { OWN_PART, rd->part };

		if (rd->part == PART_TASKS) {
			/* a read inside a process's task_struct: its part
			 * from here on (the list walk reads them in order;
			 * the gap's collection reads a children list of
			 * each before it collects them) */
			long r = row_at(a, rd->addr);

			if (r >= 0) {
				if (!seen_row[r]) {
					seen_row[r] = true;
					next_row++;
				}
				row = r;
			}
			if (row >= 0) {
				o.kind = OWN_ROW;
				o.index = (size_t)row;
			}
			if (row >= 0 && rd->memcg_call >= 0)
				o.kind = OWN_ROW_MEMCG;
		} else if (rd->part == PART_ZONES) {
			if (next_zone < m->zones.n &&
			    in_object(rd->addr, m->zones.v[next_zone].addr,
				      a->zone_size))
				zone = (long)next_zone++;
			if (zone >= 0) {
				o.kind = OWN_ZONE;
				o.index = (size_t)zone;
			}
		}
		if (!rd->len)
			continue;
		last = rd->addr + rd->len - 1;
		for (pa = rd->addr - rd->addr % PAGE;; pa += PAGE) {
			size_t pi;

			if (oms_replay_page_index(a->r, pa, &pi)) {
				struct page_info *p = &a->pages[pi];

				if (!p->read) {
					p->read = true;
					p->first_read = i;
				}
				add_owner(p, o.kind, o.index);
				if (o.kind == OWN_ROW_MEMCG) {
					size_t k;
					const struct memcg_call *mc =
						&rlog.calls[rd->memcg_call];

					for (k = mc->first_memcg;
					     k < mc->end_memcg &&
					     k < m->memcgs.n; k++)
						add_owner(p, OWN_MEMCG, k);
				}
				if (o.kind == OWN_ROW || o.kind == OWN_ROW_MEMCG)
					p->row_page = true;
			}
			if (pa == last - last % PAGE)
				break;
		}
	}
	free(seen_row);
	if (next_row != m->tasks.n || next_zone != m->zones.n) {
		fprintf(stderr,
			"ablate: %s: the reads of %zu of %zu processes and %zu of %zu zones were found (a read inside each one's object starts it)\n",
			a->name, next_row, m->tasks.n, next_zone, m->zones.n);
		return false;
	}
	return true;
}

/* --- what a page holds, for the words ---------------------------------------- */

static void describe_owner(const struct ablation *a, const struct owner *o,
			   char *buf, size_t len)
{
	const struct oms_model *m = &a->full;

	switch (o->kind) {
	case OWN_PART:
		snprintf(buf, len, "%s", part_names[o->index]);
		break;
	case OWN_ZONE:
		snprintf(buf, len, "zone Node %d %s", m->zones.v[o->index].node,
			 m->zones.v[o->index].name);
		break;
	case OWN_ROW:
		snprintf(buf, len, "pid %d (%s)", m->tasks.v[o->index].pid,
			 m->tasks.v[o->index].comm);
		break;
	case OWN_ROW_MEMCG:
		snprintf(buf, len, "the memcg lookup of pid %d",
			 m->tasks.v[o->index].pid);
		break;
	case OWN_MEMCG:
		snprintf(buf, len, "memcg %s", m->memcgs.v[o->index].path);
		break;
	}
}

static void describe_page(const struct ablation *a, const struct page_info *p,
			  char *buf, size_t len)
{
	size_t i, pos = 0, shown = 0;
	char one[160];

	buf[0] = '\0';
	for (i = 0; i < p->n && pos + 1 < len; i++) {
		if (p->v[i].kind == OWN_MEMCG)
			continue;
		if (shown == 3) {
			snprintf(buf + pos, len - pos, ", ...");
			break;
		}
		describe_owner(a, &p->v[i], one, sizeof(one));
		pos += (size_t)snprintf(buf + pos, len - pos, "%s%s",
					shown ? ", " : "", one);
		shown++;
	}
}

/* --- the comparison ------------------------------------------------------------- */

/* what one run lost, in words, and the classes it falls in */
enum loss_class {
	CLASS_ERROR,
	CLASS_CUT_READABLE,
	CLASS_CUT_LINK,
	CLASS_ROWS_MISSING,
	CLASS_ROWS_CHANGED,
	CLASS_ROWS_ADDED,
	CLASS_OWN_DROPPED,
	CLASS_OWN_FIELDS,
	CLASS_MEMCG,
	CLASS_ZONES,
	CLASS_MEMINFO,
	CLASS_NODES,
	CLASS_SYSCTL,
	CLASS_CURRENT,
	CLASS_LOG,
	CLASS_ALLOCATION,
	CLASS_SLAB,
	CLASS_GLOBAL,
	CLASS_NR,
};

static const char *const class_names[CLASS_NR] = {
	[CLASS_ERROR] = "the analysis failed (exit 1) on a page that is not vital",
	[CLASS_CUT_READABLE] = "process list cut, although the page holds no 'tasks' link of the rows before the cut",
	[CLASS_CUT_LINK] = "process list cut at a 'tasks.next' on the page (a walk back along 'tasks.prev' would keep the rows after it)",
	[CLASS_ROWS_MISSING] = "process rows not on the page missing (not a cut of the list)",
	[CLASS_ROWS_CHANGED] = "process rows not on the page changed",
	[CLASS_ROWS_ADDED] = "process rows that the full report does not have",
	[CLASS_OWN_DROPPED] = "the page's own process row dropped, although its pid and the link to it are not on the page",
	[CLASS_OWN_FIELDS] = "fields of the page's own process rows lost, although neither they nor the pointers to them are on the page",
	[CLASS_MEMCG] = "memcgs not on the page changed",
	[CLASS_ZONES] = "zones not on the page missing or changed",
	[CLASS_MEMINFO] = "Mem-Info counters changed",
	[CLASS_NODES] = "node counters or hugepages changed",
	[CLASS_SYSCTL] = "sysctls changed",
	[CLASS_CURRENT] = "the current task changed",
	[CLASS_LOG] = "the log's OOM report changed",
	[CLASS_ALLOCATION] = "the failing allocation changed",
	[CLASS_SLAB] = "the slab caches changed",
	[CLASS_GLOBAL] = "the release, page size or migratetypes changed",
};

struct verdict {
	char text[2048];
	size_t len;
	/* rows stranded: missing on a dump whose list is cut already, where
	 * a second cut (on the page) may leave processes between the two
	 * that only the page led to (a figure, not a failure) */
	size_t stranded;
	bool cls[CLASS_NR];
	bool changed;		/* anything of the model differs */
	/* for the class summary: the fields lost, space-separated */
	char fields[512];
};

/* the fields lost, counted by name for the summary */
struct field_count {
	char name[32];
	size_t n;
};

static void count_fields(struct field_count *fc, size_t *n_fc, size_t cap,
			 const char *names)
{
	char buf[512], *tok, *save = NULL;
	size_t i;

	snprintf(buf, sizeof(buf), "%s", names);
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		for (i = 0; i < *n_fc && strcmp(fc[i].name, tok); i++)
			;
		if (i == *n_fc) {
			if (*n_fc == cap)
				continue;
			snprintf(fc[i].name, sizeof(fc[i].name), "%s", tok);
			fc[i].n = 0;
			(*n_fc)++;
		}
		fc[i].n++;
	}
}

static void add_fields(struct verdict *v, const char *names)
{
	size_t len = strlen(v->fields);

	snprintf(v->fields + len, sizeof(v->fields) - len, "%s%s",
		 len ? " " : "", names);
}

static void say(struct verdict *v, enum loss_class c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct verdict *v, enum loss_class c, const char *fmt, ...)
{
	va_list ap;

	v->cls[c] = true;
	if (v->len + 3 >= sizeof(v->text))
		return;
	if (v->len)
		v->len += (size_t)snprintf(v->text + v->len,
					   sizeof(v->text) - v->len, "; ");
	va_start(ap, fmt);
	v->len += (size_t)vsnprintf(v->text + v->len, sizeof(v->text) - v->len,
				    fmt, ap);
	va_end(ap);
	if (v->len >= sizeof(v->text))
		v->len = sizeof(v->text) - 1;
}

/* a list of differing field names */
struct diffs {
	char names[400];
	size_t len;
	int n;
};

static void diff_add(struct diffs *d, const char *name)
{
	d->n++;
	if (d->len + strlen(name) + 3 < sizeof(d->names))
		d->len += (size_t)snprintf(d->names + d->len,
					   sizeof(d->names) - d->len, "%s%s",
					   d->len ? " " : "", name);
}

#define DIFF(d, a, b, f) do { if ((a)->f != (b)->f) diff_add(d, #f); } while (0)
#define DIFF_STR(d, a, b, f) do { if (strcmp((a)->f, (b)->f)) diff_add(d, #f); } while (0)
#define DIFF_MEM(d, a, b, f) do { if (memcmp((a)->f, (b)->f, sizeof((a)->f))) diff_add(d, #f); } while (0)

/* two counter arrays (NULL: not read) */
static bool i64s_equal(const int64_t *x, int nx, const int64_t *y, int ny)
{
	if (!x || !y)
		return !x && !y;
	return nx == ny && (!nx || !memcmp(x, y, (size_t)nx * sizeof(*x)));
}

/* the fields of a row; memcg ones and rss_exact by themselves */
static void diff_task(struct diffs *d, const struct oms_task *a,
		      const struct oms_task *b, bool skip_memcg,
		      bool skip_exact)
{
	DIFF(d, a, b, addr);
	DIFF(d, a, b, pid);
	DIFF(d, a, b, tgid);
	DIFF(d, a, b, uid);
	DIFF_STR(d, a, b, comm);
	DIFF_STR(d, a, b, mm_comm);
	DIFF(d, a, b, state);
	DIFF(d, a, b, flags);
	DIFF(d, a, b, kthread);
	DIFF(d, a, b, exiting);
	DIFF(d, a, b, thread_group_leader);
	DIFF(d, a, b, in_vfork);
	DIFF(d, a, b, nr_threads);
	DIFF(d, a, b, mm);
	DIFF(d, a, b, mm_pid);
	DIFF(d, a, b, total_vm);
	DIFF(d, a, b, pgtables_bytes);
	DIFF(d, a, b, mmf_oom_skip);
	DIFF_MEM(d, a, b, rss_kernel);
	if (!skip_exact) {
		DIFF_MEM(d, a, b, rss_exact);
		DIFF(d, a, b, rss_exact_valid);
	}
	DIFF(d, a, b, oom_score_adj);
	DIFF(d, a, b, oom_score_adj_min);
	DIFF(d, a, b, oom_victim);
	DIFF(d, a, b, oom_victim_mm_skip);
	DIFF(d, a, b, oom_origin);
	if (!skip_memcg) {
		DIFF(d, a, b, memcg);
		DIFF_STR(d, a, b, memcg_path);
	}
	DIFF(d, a, b, mems_allowed);
	if (!skip_memcg && !skip_exact)
		DIFF(d, a, b, partial);
}

static void diff_memcg(struct diffs *d, const struct oms_memcg *a,
		       const struct oms_memcg *b)
{
	DIFF(d, a, b, parent);
	DIFF_STR(d, a, b, path);
	DIFF(d, a, b, usage);
	DIFF(d, a, b, max);
	DIFF(d, a, b, swap_max);
	DIFF(d, a, b, swappiness);
	DIFF(d, a, b, on_dfl);
	DIFF(d, a, b, is_root);
	DIFF(d, a, b, valid);
}

/* local: compare local_pcp too (it is the panic cpu's: derived from the
 * current task's part) */
static void diff_zone(struct diffs *d, const struct oms_zone *a,
		      const struct oms_zone *b, bool local)
{
	int i;

	DIFF_STR(d, a, b, name);
	DIFF(d, a, b, addr);
	DIFF(d, a, b, populated);
	DIFF(d, a, b, present_pages);
	DIFF(d, a, b, spanned_pages);
	DIFF(d, a, b, managed_pages);
	DIFF(d, a, b, free_pages);
	DIFF(d, a, b, min);
	DIFF(d, a, b, low);
	DIFF(d, a, b, high);
	DIFF(d, a, b, watermark_boost);
	DIFF(d, a, b, nr_reserved_highatomic);
	DIFF_MEM(d, a, b, lowmem_reserve);
	DIFF(d, a, b, nr_lowmem_reserve);
	DIFF(d, a, b, free_pcp);
	if (local) {
		DIFF(d, a, b, local_pcp);
		DIFF(d, a, b, local_pcp_cpu);
	}
	DIFF(d, a, b, partial);
	DIFF(d, a, b, nr_orders);
	for (i = 0; i < OMS_MAX_ORDERS; i++) {
		const struct oms_free_area *x = &a->free_area[i], *y = &b->free_area[i];

		if (x->nr_free != y->nr_free || x->walked != y->walked ||
		    x->corrupt != y->corrupt || x->nonempty != y->nonempty ||
		    memcmp(x->by_migratetype, y->by_migratetype,
			   sizeof(x->by_migratetype))) {
			diff_add(d, "free_area");
			break;
		}
	}
	if (!i64s_equal(a->vm_stat, a->nr_vm_stat, b->vm_stat, b->nr_vm_stat))
		diff_add(d, "vm_stat");
}

static void diff_meminfo(struct diffs *d, const struct oms_meminfo *a,
			 const struct oms_meminfo *b)
{
	int i;

	DIFF(d, a, b, totalram_pages);
	DIFF(d, a, b, totalreserve_pages);
	DIFF(d, a, b, total_swap_pages);
	DIFF(d, a, b, free_swap_pages);
	DIFF(d, a, b, totalhigh_pages);
	if (!i64s_equal(a->zone_stat, a->nr_zone_stat, b->zone_stat,
			b->nr_zone_stat))
		diff_add(d, "zone_stat");
	if (!i64s_equal(a->node_stat, a->nr_node_stat, b->node_stat,
			b->nr_node_stat))
		diff_add(d, "node_stat");
	for (i = 0; i < a->nr_zone_stat && i < b->nr_zone_stat; i++)
		if ((a->zone_stat_names[i] == NULL) != (b->zone_stat_names[i] == NULL) ||
		    (a->zone_stat_names[i] &&
		     strcmp(a->zone_stat_names[i], b->zone_stat_names[i]))) {
			diff_add(d, "zone_stat_names");
			break;
		}
	for (i = 0; i < a->nr_node_stat && i < b->nr_node_stat; i++)
		if ((a->node_stat_names[i] == NULL) != (b->node_stat_names[i] == NULL) ||
		    (a->node_stat_names[i] &&
		     strcmp(a->node_stat_names[i], b->node_stat_names[i]))) {
			diff_add(d, "node_stat_names");
			break;
		}
	DIFF(d, a, b, totalcma_pages);
	DIFF(d, a, b, num_poisoned_pages);
	DIFF(d, a, b, numa);
	DIFF(d, a, b, thp);
	DIFF(d, a, b, cma);
	DIFF(d, a, b, hwpoison);
	DIFF(d, a, b, old_show_free_areas);
	DIFF(d, a, b, valid);
}

static void diff_nodes(struct diffs *d, const struct oms_model *a,
		       const struct oms_model *b)
{
	const struct oms_meminfo *x = &a->meminfo, *y = &b->meminfo;
	size_t i;

	DIFF(d, x, y, hugepages_total);
	DIFF(d, x, y, hugepages_free);
	DIFF(d, x, y, hugepage_size_kb);
	DIFF(d, x, y, nr_hstates);
	DIFF_MEM(d, x, y, hstate_size_kb);
	if (a->meminfo.n_nodes != b->meminfo.n_nodes) {
		diff_add(d, "n_nodes");
		return;
	}
	for (i = 0; i < a->meminfo.n_nodes; i++) {
		const struct oms_node *p = &a->meminfo.nodes[i], *q = &b->meminfo.nodes[i];

		if (p->id != q->id || p->addr != q->addr ||
		    p->kswapd_failures != q->kswapd_failures ||
		    memcmp(p->huge_total, q->huge_total, sizeof(p->huge_total)) ||
		    memcmp(p->huge_free, q->huge_free, sizeof(p->huge_free)) ||
		    memcmp(p->huge_surp, q->huge_surp, sizeof(p->huge_surp)) ||
		    !i64s_equal(p->vm_stat, p->nr_vm_stat, q->vm_stat,
				q->nr_vm_stat)) {
			diff_add(d, "node");
			return;
		}
	}
}

static void diff_sysctl(struct diffs *d, const struct oms_sysctl *a,
			const struct oms_sysctl *b)
{
	DIFF(d, a, b, panic_on_oom);
	DIFF(d, a, b, oom_kill_allocating_task);
	DIFF(d, a, b, oom_dump_tasks);
	DIFF(d, a, b, overcommit_memory);
	DIFF(d, a, b, overcommit_ratio);
	DIFF(d, a, b, overcommit_kbytes);
	DIFF(d, a, b, valid);
}

static void diff_slab(struct diffs *d, const struct oms_slab *a,
		      const struct oms_slab *b)
{
	DIFF(d, a, b, valid);
	DIFF(d, a, b, n);
	if (a->n == b->n && a->n &&
	    memcmp(a->v, b->v, a->n * sizeof(*a->v)))
		diff_add(d, "caches");
}

static void diff_current(struct diffs *d, const struct oms_model *a,
			 const struct oms_model *b)
{
	DIFF(d, a, b, kernel.panic_cpu);
	DIFF(d, a, b, kernel.current_task);
	DIFF(d, a, b, kernel.current_pid);
	DIFF(d, a, b, kernel.current_tgid);
}

static void diff_global(struct diffs *d, const struct oms_model *a,
			const struct oms_model *b)
{
	DIFF_STR(d, a, b, kernel.release);
	DIFF_STR(d, a, b, kernel.machine);
	DIFF(d, a, b, kernel.page_size);
	DIFF(d, a, b, kernel.nr_cpu_ids);
	DIFF(d, a, b, tasks.rss_split_layout);
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void diff_report(struct diffs *d, const struct oms_kernel_report *a,
			const struct oms_kernel_report *b)
{
	size_t i;

	DIFF(d, a, b, found);
	DIFF(d, a, b, truncated);
	DIFF_STR(d, a, b, invoker);
	DIFF(d, a, b, gfp_mask);
	DIFF(d, a, b, order);
	DIFF(d, a, b, oom_score_adj);
	DIFF(d, a, b, has_header);
	DIFF_STR(d, a, b, constraint);
	DIFF_STR(d, a, b, panic_line);
	DIFF(d, a, b, memcg);
	DIFF_STR(d, a, b, memcg_path);
	DIFF(d, a, b, tasks_has_header);
	if (!str_eq(a->killed, b->killed))
		diff_add(d, "killed");
	if (a->n_meminfo != b->n_meminfo) {
		diff_add(d, "meminfo");
	} else {
		for (i = 0; i < a->n_meminfo; i++)
			if (!str_eq(a->meminfo[i].scope, b->meminfo[i].scope) ||
			    !str_eq(a->meminfo[i].name, b->meminfo[i].name) ||
			    a->meminfo[i].value != b->meminfo[i].value ||
			    a->meminfo[i].kb != b->meminfo[i].kb) {
				diff_add(d, "meminfo");
				break;
			}
	}
	if (a->n_zones != b->n_zones ||
	    (a->n_zones && memcmp(a->zones, b->zones,
				  a->n_zones * sizeof(*a->zones))))
		diff_add(d, "zones");
	if (a->n_tasks != b->n_tasks ||
	    (a->n_tasks && memcmp(a->tasks, b->tasks,
				  a->n_tasks * sizeof(*a->tasks))))
		diff_add(d, "tasks");
}

/* the failing allocation's own fields (the gfp names table, the oom_control
 * and its zonelist, what is read of current) */
static void diff_allocation(struct diffs *d, const struct oms_allocation *a,
			    const struct oms_allocation *b)
{
	DIFF(d, a, b, source);
	DIFF(d, a, b, found);
	DIFF(d, a, b, address);
	DIFF(d, a, b, gfp_mask);
	DIFF(d, a, b, order);
	DIFF(d, a, b, zonelist);
	DIFF(d, a, b, n_zonerefs);
	DIFF_MEM(d, a, b, zonerefs);
	DIFF(d, a, b, nodemask_addr);
	DIFF(d, a, b, nodemask);
	DIFF(d, a, b, memcg);
	DIFF(d, a, b, constraint);
	DIFF(d, a, b, totalpages);
	DIFF(d, a, b, gfp_names.n);
	DIFF_MEM(d, a, b, gfp_names.v);
	DIFF(d, a, b, oom_killer_disabled);
	DIFF(d, a, b, current_known);
	DIFF(d, a, b, current_flags);
	DIFF(d, a, b, signal_flags);
	DIFF(d, a, b, mm_users);
}

/* --- one ablated run against the full one ---------------------------------- */

/* what the ablated page touched: by owner */
struct hits {
	bool part[PART_NR];
	bool *zone, *row, *row_memcg, *memcg;
};

/* any zone's own reads (a zoneref's node is its zone's) */
static bool any_zone(const struct hits *h, const struct ablation *a)
{
	size_t j;

	for (j = 0; j < a->full.zones.n; j++)
		if (h->zone[j])
			return true;
	return false;
}

/* any memcg's or memcg lookup's reads (oc->memcg must be one of them) */
static bool any_memcg(const struct hits *h, const struct ablation *a)
{
	size_t j;

	for (j = 0; j < a->full.memcgs.n; j++)
		if (h->memcg[j])
			return true;
	for (j = 0; j < a->full.tasks.n; j++)
		if (h->row_memcg[j])
			return true;
	return false;
}

/* any process row's own reads */
static bool any_row(const struct hits *h, const struct ablation *a)
{
	size_t j;

	for (j = 0; j < a->full.tasks.n; j++)
		if (h->row[j])
			return true;
	return false;
}

static bool memcg_dep_hit(const struct ablation *a, const struct hits *h,
			  uint64_t addr)
{
	const struct oms_model *m = &a->full;
	int depth;
	size_t i;

	for (depth = 0; addr && depth < 64; depth++) {
		for (i = 0; i < m->memcgs.n && m->memcgs.v[i].addr != addr; i++)
			;
		if (i == m->memcgs.n)
			return false;
		if (h->memcg[i])
			return true;
		addr = m->memcgs.v[i].parent;
	}
	return false;
}

static const struct oms_task *find_row(const struct oms_model *m, int32_t pid)
{
	size_t i;

	for (i = 0; i < m->tasks.n; i++)
		if (m->tasks.v[i].pid == pid)
			return &m->tasks.v[i];
	return NULL;
}

static bool row_addr_known(const struct oms_model *m, uint64_t addr)
{
	size_t i;

	for (i = 0; i < m->tasks.n; i++)
		if (m->tasks.v[i].addr == addr)
			return true;
	return false;
}

/* the page holds the 'tasks.next' by which the walk leaves row j (-1:
 * init_task) */
static bool link_on_page(const struct ablation *a, long j, uint64_t page)
{
	uint64_t base = j < 0 ? a->init_task : a->full.tasks.v[j].addr;
	uint64_t next = base + a->tasks_off;

	return a->have_links && next - next % PAGE == page;
}

/* [base + f->offset, + f->size) has a byte on page */
static bool on_page(uint64_t base, const struct oms_field *f, uint64_t page)
{
	uint64_t first = base + f->offset, last = first + (f->size ? f->size : 1) - 1;

	return f->present && first - first % PAGE <= page &&
	       last - last % PAGE >= page;
}

/* the rows whose own reads touched the page: what is not on it (nor a
 * pointer on the way to it) must be there still */
static void compare_own_rows(const struct ablation *a, const struct hits *h,
			     const struct oms_model *b, uint64_t page,
			     struct verdict *v)
{
	const struct own_layout *l = &a->ol;
	const struct oms_model *m = &a->full;
	size_t j, n_dropped = 0, n_fields = 0;
	char first_dropped[64] = "", first_fields[400] = "";

	if (!l->ok)
		return;
	for (j = 0; j < m->tasks.n; j++) {
		const struct oms_task *x = &m->tasks.v[j], *y;
		uint64_t t = x->addr, sig = a->signal[j];
		struct diffs d = { .n = 0 };
		bool via_task_sig, via_mm;

		if (!h->row[j])
			continue;
		y = find_row(b, x->pid);
		if (!y) {
			if (!on_page(t, &l->pid, page) &&
			    !link_on_page(a, (long)j - 1, page)) {
				if (!n_dropped++)
					snprintf(first_dropped, sizeof(first_dropped),
						 "pid %d (%s)", x->pid, x->comm);
			}
			continue;
		}
		if (!on_page(t, &l->tgid, page) && x->tgid != y->tgid)
			diff_add(&d, "tgid");
		if (!on_page(t, &l->comm, page) && strcmp(x->comm, y->comm))
			diff_add(&d, "comm");
		via_task_sig = on_page(t, &l->signal, page) || !sig;
		if (!via_task_sig) {
			if (!on_page(sig, &l->adj, page) &&
			    x->oom_score_adj != y->oom_score_adj)
				diff_add(&d, "oom_score_adj");
			if (!on_page(sig, &l->adj_min, page) &&
			    x->oom_score_adj_min != y->oom_score_adj_min)
				diff_add(&d, "oom_score_adj_min");
			if (!on_page(sig, &l->nr_threads, page) &&
			    x->nr_threads != y->nr_threads)
				diff_add(&d, "nr_threads");
		}
		/* the mm: of the leader itself, found through the thread list */
		via_mm = via_task_sig || !x->mm || x->mm_pid != x->pid ||
			 on_page(t, &l->mm, page) ||
			 on_page(t, &l->thread_node, page) ||
			 on_page(sig, &l->thread_head, page);
		if (!via_mm) {
			if (!on_page(x->mm, &l->total_vm, page) &&
			    x->total_vm != y->total_vm)
				diff_add(&d, "total_vm");
			if (!on_page(x->mm, &l->pgtables, page) &&
			    x->pgtables_bytes != y->pgtables_bytes)
				diff_add(&d, "pgtables_bytes");
			if (!on_page(x->mm, &l->rss_stat, page) &&
			    memcmp(x->rss_kernel, y->rss_kernel,
				   sizeof(x->rss_kernel)))
				diff_add(&d, "rss_kernel");
		}
		if (d.n)
			add_fields(v, d.names);
		if (d.n && !n_fields++)
			snprintf(first_fields, sizeof(first_fields),
				 "pid %d (%s): %.300s", x->pid, x->comm, d.names);
	}
	if (n_dropped)
		say(v, CLASS_OWN_DROPPED,
		    "%zu of the page's own process rows dropped, their pid not on it (%s%s)",
		    n_dropped, first_dropped, n_dropped > 1 ? ", ..." : "");
	if (n_fields)
		say(v, CLASS_OWN_FIELDS,
		    "%zu of the page's own process rows lost fields not on it (%s)",
		    n_fields, first_fields);
}

static void compare_tasks(const struct ablation *a, const struct hits *h,
			  const struct oms_model *b, uint64_t page,
			  struct verdict *v)
{
	const struct oms_model *m = &a->full;
	size_t j, n_missing = 0, n_changed = 0, n_added = 0, tail;
	long first_missing = -1;
	char shown[256] = "", changed[400] = "";
	bool memcg_all = h->part[PART_TASKS_MEMCG];
	bool exact_all = h->part[PART_TASKS_PERCPU];

	if (h->part[PART_TASKS])
		return;		/* init_task.tasks and the like: all of it */
	for (j = 0; j < m->tasks.n; j++) {
		const struct oms_task *x = &m->tasks.v[j], *y;
		bool skip_memcg;
		struct diffs d = { .n = 0 };

		if (h->row[j])
			continue;
		skip_memcg = memcg_all || h->row_memcg[j] ||
			     memcg_dep_hit(a, h, x->memcg);
		y = find_row(b, x->pid);
		if (!y) {
			if (first_missing < 0)
				first_missing = (long)j;
			if (n_missing < 4)
				snprintf(shown + strlen(shown),
					 sizeof(shown) - strlen(shown), "%s%d",
					 n_missing ? " " : "", x->pid);
			n_missing++;
			continue;
		}
		diff_task(&d, x, y, skip_memcg, exact_all);
		if (d.n) {
			if (!n_changed)
				snprintf(changed, sizeof(changed),
					 "pid %d (%s): %.300s", x->pid, x->comm,
					 d.names);
			n_changed++;
			add_fields(v, d.names);
		}
	}
	for (j = 0; j < b->tasks.n; j++)
		if (!row_addr_known(m, b->tasks.v[j].addr))
			n_added++;
	if (n_missing && a->full_cut) {
		bool any_row = h->part[PART_PIDS];

		for (j = 0; j < m->tasks.n && !any_row; j++)
			any_row = h->row[j];
		if (any_row) {
			v->stranded += n_missing;
			n_missing = 0;
		}
	}
	if (n_missing) {
		long f, k;

		/* a cut: every row from some f on is missing */
		for (tail = m->tasks.n; tail > 0 &&
		     !find_row(b, m->tasks.v[tail - 1].pid); tail--)
			;
		if (tail <= (size_t)first_missing) {
			bool link = false;

			f = (long)tail;
			for (k = f - 1; k < first_missing && !link; k++)
				link = link_on_page(a, k, page);
			say(v, link ? CLASS_CUT_LINK : CLASS_CUT_READABLE,
			    "the process list is cut after %zu of %zu rows: %zu rows not on this page are missing (pid %s%s)",
			    tail, m->tasks.n, n_missing, shown,
			    n_missing > 4 ? " ..." : "");
		} else {
			say(v, CLASS_ROWS_MISSING,
			    "%zu process rows not on this page are missing (pid %s%s)",
			    n_missing, shown, n_missing > 4 ? " ..." : "");
		}
	}
	if (n_changed)
		say(v, CLASS_ROWS_CHANGED,
		    "%zu process rows not on this page changed (%s)", n_changed,
		    changed);
	if (n_added)
		say(v, CLASS_ROWS_ADDED,
		    "%zu process rows that the full report does not have",
		    n_added);

	/* the memcgs both have */
	for (j = 0; j < m->memcgs.n && !memcg_all; j++) {
		const struct oms_memcg *x = &m->memcgs.v[j];
		const struct oms_memcg *y = oms_memcg_find(&b->memcgs, x->addr);
		struct diffs d = { .n = 0 };

		if (!y || memcg_dep_hit(a, h, x->addr))
			continue;
		diff_memcg(&d, x, y);
		if (d.n) {
			say(v, CLASS_MEMCG, "memcg %s changed (%s)", x->path,
			    d.names);
			break;
		}
	}
}

static void compare_zones(const struct ablation *a, const struct hits *h,
			  const struct oms_model *b, struct verdict *v)
{
	const struct oms_model *m = &a->full;
	size_t i, k;

	if (h->part[PART_ZONES])
		return;
	if (m->zones.migratetypes.nr != b->zones.migratetypes.nr ||
	    memcmp(m->zones.migratetypes.letter, b->zones.migratetypes.letter,
		   sizeof(m->zones.migratetypes.letter)))
		say(v, CLASS_GLOBAL, "the migratetypes changed");
	for (i = 0; i < m->zones.n; i++) {
		const struct oms_zone *x = &m->zones.v[i];
		struct diffs d = { .n = 0 };

		if (h->zone[i])
			continue;
		for (k = 0; k < b->zones.n; k++)
			if (b->zones.v[k].node == x->node &&
			    b->zones.v[k].index == x->index)
				break;
		if (k == b->zones.n) {
			say(v, CLASS_ZONES, "zone Node %d %s is missing",
			    x->node, x->name);
			continue;
		}
		/* a page of panic_cpu's moves local_pcp to another cpu */
		diff_zone(&d, x, &b->zones.v[k], !h->part[PART_CURRENT]);
		if (d.n)
			say(v, CLASS_ZONES, "zone Node %d %s changed (%s)",
			    x->node, x->name, d.names);
	}
}

/* did anything of the model change (for "silent") */
static bool model_changed(const struct oms_model *m, const struct oms_model *b)
{
	struct diffs d = { .n = 0 };
	size_t i;

	diff_global(&d, m, b);
	diff_sysctl(&d, &m->sysctl, &b->sysctl);
	diff_meminfo(&d, &m->meminfo, &b->meminfo);
	diff_nodes(&d, m, b);
	diff_slab(&d, &m->slab, &b->slab);
	diff_current(&d, m, b);
	diff_report(&d, &m->report, &b->report);
	if (d.n || m->zones.n != b->zones.n || m->tasks.n != b->tasks.n ||
	    m->memcgs.n != b->memcgs.n)
		return true;
	for (i = 0; i < m->zones.n; i++) {
		diff_zone(&d, &m->zones.v[i], &b->zones.v[i], true);
		if (m->zones.v[i].node != b->zones.v[i].node ||
		    m->zones.v[i].index != b->zones.v[i].index)
			return true;
	}
	for (i = 0; i < m->tasks.n; i++)
		diff_task(&d, &m->tasks.v[i], &b->tasks.v[i], false, false);
	for (i = 0; i < m->memcgs.n; i++) {
		diff_memcg(&d, &m->memcgs.v[i], &b->memcgs.v[i]);
		if (m->memcgs.v[i].addr != b->memcgs.v[i].addr)
			return true;
	}
	return d.n > 0;
}

static void compare(const struct ablation *a, const struct hits *h,
		    const struct oms_model *b, uint64_t page,
		    struct verdict *v)
{
	const struct oms_model *m = &a->full;
	struct diffs d = { .n = 0 };

	diff_global(&d, m, b);
	if (d.n && !h->part[PART_RELEASE])
		say(v, CLASS_GLOBAL, "changed: %s", d.names);
#define PART(p, cls, what, call) do {					\
		struct diffs dd = { .n = 0 };				\
		call;							\
		if (dd.n && !h->part[p])				\
			say(v, cls, "%s changed (%s)", what, dd.names);	\
	} while (0)
	PART(PART_SYSCTL, CLASS_SYSCTL, "the sysctls",
	     diff_sysctl(&dd, &m->sysctl, &b->sysctl));
	PART(PART_MEMINFO, CLASS_MEMINFO, "Mem-Info",
	     diff_meminfo(&dd, &m->meminfo, &b->meminfo));
	PART(PART_NODES, CLASS_NODES, "the nodes", diff_nodes(&dd, m, b));
	if (!a->current_from_row)
		PART(PART_CURRENT, CLASS_CURRENT, "the current task",
		     diff_current(&dd, m, b));
	/* the caches' nodes are the Mem-Info nodes' */
	if (!h->part[PART_NODES] && !h->part[PART_MEMINFO])
		PART(PART_SLAB, CLASS_SLAB, "the slab caches",
		     diff_slab(&dd, &m->slab, &b->slab));
	PART(PART_LOG, CLASS_LOG, "the log's OOM report",
	     diff_report(&dd, &m->report, &b->report));
	/* the allocation is checked against the zones, the Mem-Info totals,
	 * the tasks and their memcgs, found from the current task: a page of
	 * any of them may change it too */
	if (!h->part[PART_CURRENT] && !h->part[PART_ZONES] &&
	    !h->part[PART_MEMINFO] && !h->part[PART_TASKS] &&
	    !h->part[PART_TASKS_MEMCG] && !h->part[PART_PIDS] && !any_row(h, a) &&
	    !any_zone(h, a) && !any_memcg(h, a) &&
	    /* without the oom_control, gfp_mask and order are the log's */
	    !(h->part[PART_LOG] && !a->full.allocation.found))
		PART(PART_ALLOCATION, CLASS_ALLOCATION, "the failing allocation",
		     diff_allocation(&dd, &m->allocation, &b->allocation));
#undef PART
	compare_zones(a, h, b, v);
	compare_tasks(a, h, b, page, v);
	if (!h->part[PART_TASKS])
		compare_own_rows(a, h, b, page, v);
	v->changed = model_changed(m, b);
}

/* --- the runs ---------------------------------------------------------------------- */

static FILE *devnull;

static struct oms_error *run(const struct oms_target *t, struct oms_model *m)
{
	struct oms_source src = { .path = "snapshot", .format = "replay" };
	struct oms_options o;
	struct oms_error *err;

	oms_options_init(&o);
	oms_model_init(m);
	err = oms_analyze(t, &o, m);
	if (!err) {
		oms_report_text(devnull, m, &o, &src);
		oms_report_json(devnull, m, &o, &src);
	}
	return err;
}

static int page_cmp_first_read(const void *x, const void *y, void *arg)
{
	const struct page_info *pages = arg;
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return pages[a].first_read < pages[b].first_read ? -1 :
	       pages[a].first_read > pages[b].first_read;
}

/* the pages to ablate, in the order they were first read */
static size_t *choose(const struct ablation *a, size_t limit, size_t *n_ret,
		      size_t *n_read_ret)
{
	size_t *all, *out, n = 0, i, n_out = 0, n_rows = 0, take;

	all = xrealloc(NULL, (a->n_pages + 1) * sizeof(*all));
	out = xrealloc(NULL, (a->n_pages + 1) * sizeof(*out));
	for (i = 0; i < a->n_pages; i++)
		if (a->pages[i].read && oms_replay_page_ok(a->r, i))
			all[n++] = i;
	qsort_r(all, n, sizeof(*all), page_cmp_first_read, a->pages);
	*n_read_ret = n;
	if (!limit || n <= limit || (limit == DEFAULT_PAGES && n <= ALL_PAGES)) {
		free(out);
		*n_ret = n;
		return all;
	}
	/* every page not read for a process row, then the rows' pages at
	 * an even stride: the k-th of take at k * n_rows / take */
	for (i = 0; i < n; i++) {
		if (!a->pages[all[i]].row_page && n_out < limit)
			out[n_out++] = all[i];
		else if (a->pages[all[i]].row_page)
			all[n_rows++] = all[i];	/* in place: n_rows <= i */
	}
	take = limit - n_out;
	for (i = 0; i < take && n_rows; i++)
		out[n_out++] = all[(size_t)((uint64_t)i * n_rows / take)];
	free(all);
	*n_ret = n_out;
	return out;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* the layout of the fields the own-row check follows; without it (a
 * snapshot that lacks one) that check is skipped and says so */
static void own_layout_init(struct ablation *a)
{
	static const struct {
		const char *type, *member;
		size_t off;
	} fields[] = {
#define F(T, M, L) { "struct " #T, M, offsetof(struct own_layout, L) }
		F(task_struct, "pid", pid), F(task_struct, "tgid", tgid),
		F(task_struct, "comm", comm), F(task_struct, "mm", mm),
		F(task_struct, "signal", signal),
		F(task_struct, "thread_node", thread_node),
		F(signal_struct, "thread_head", thread_head),
		F(signal_struct, "oom_score_adj", adj),
		F(signal_struct, "oom_score_adj_min", adj_min),
		F(signal_struct, "nr_threads", nr_threads),
		F(mm_struct, "total_vm", total_vm),
		F(mm_struct, "pgtables_bytes", pgtables),
		F(mm_struct, "rss_stat", rss_stat),
#undef F
	};
	struct own_layout *l = &a->ol;
	struct oms_error *err = NULL;
	size_t i;

	for (i = 0; !err && i < sizeof(fields) / sizeof(fields[0]); i++)
		err = oms_field(a->t, fields[i].type, fields[i].member,
				(void *)((char *)l + fields[i].off));
	if (err) {
		fprintf(stderr, "ablate: %s: the check of the page's own rows is skipped: %s\n",
			a->name, err->message);
		oms_error_destroy(err);
		return;
	}
	l->ok = true;
}

/* task->signal of every row, read before any page is ablated */
static void read_signals(struct ablation *a)
{
	size_t j;

	a->signal = xrealloc(NULL, (a->full.tasks.n + 1) * sizeof(*a->signal));
	for (j = 0; j < a->full.tasks.n; j++)
		if (!a->ol.ok ||
		    !oms_ok(oms_read_u64(a->t, a->full.tasks.v[j].addr +
					 a->ol.signal.offset, &a->signal[j])))
			a->signal[j] = 0;
}

static int ablate(struct ablation *a, size_t limit)
{
	struct oms_error *err;
	struct hits h;
	size_t *chosen, n_chosen, n_read, k, i;
	size_t n_vital = 0, n_errors = 0, n_failed = 0, n_silent = 0;
	size_t n_stranded = 0;
	size_t class_count[CLASS_NR] = { 0 };
	char vital[512] = "", what[512];
	struct field_count fc[64];
	size_t n_fc = 0;
	double t0 = now();
	size_t shown = 0;
	char *lines = NULL;
	size_t lines_len = 0;
	FILE *details = open_memstream(&lines, &lines_len);

	if (!details) {
		fprintf(stderr, "ablate: out of memory\n");
		return 2;
	}

	/* the full run, logged */
	a->logging.ops = &log_ops;
	a->logging.priv = NULL;
	inner = a->t;
	rlog.on = true;
	rlog.part = PART_RELEASE;
	rlog.memcg_call = -1;
	err = run(&a->logging, &a->full);
	rlog.on = false;
	if (err) {
		fprintf(stderr, "ablate: %s: the full analysis fails: %s\n",
			a->name, err->message);
		oms_error_destroy(err);
		return 2;
	}
	if (!attribute(a))
		return 2;
	for (i = 0; i < a->full.tasks.n; i++) {
		const struct oms_task *t = &a->full.tasks.v[i];

		if (oms_task_known(t, OMS_TASK_COMM | OMS_TASK_STATE))
			continue;
		a->full_cut = true;
		if (t->addr == a->full.kernel.current_task)
			a->current_from_row = true;
	}
	read_signals(a);
	for (i = 0; i < rlog.n; i++)
		if (rlog.v[i].part == PART_OTHER) {
			fprintf(stderr, "ablate: %s: a read at 0x%" PRIx64 " outside every collector\n",
				a->name, rlog.v[i].addr);
			return 2;
		}

	chosen = choose(a, limit, &n_chosen, &n_read);
	h.zone = calloc(a->full.zones.n + 1, 1);
	h.row = calloc(a->full.tasks.n + 1, 1);
	h.row_memcg = calloc(a->full.tasks.n + 1, 1);
	h.memcg = calloc(a->full.memcgs.n + 1, 1);
	if (!h.zone || !h.row || !h.row_memcg || !h.memcg) {
		fprintf(stderr, "ablate: out of memory\n");
		return 2;
	}
	for (k = 0; k < n_chosen; k++) {
		const struct page_info *p = &a->pages[chosen[k]];
		uint64_t page = oms_replay_page_addr(a->r, chosen[k]);
		struct oms_model b;
		struct verdict v;

		memset(&h.part, 0, sizeof(h.part));
		memset(h.zone, 0, a->full.zones.n);
		memset(h.row, 0, a->full.tasks.n);
		memset(h.row_memcg, 0, a->full.tasks.n);
		memset(h.memcg, 0, a->full.memcgs.n);
		for (i = 0; i < p->n; i++) {
			const struct owner *o = &p->v[i];

			switch (o->kind) {
			case OWN_PART: h.part[o->index] = true; break;
			case OWN_ZONE: h.zone[o->index] = true; break;
			case OWN_ROW: h.row[o->index] = true; break;
			case OWN_ROW_MEMCG: h.row_memcg[o->index] = true; break;
			case OWN_MEMCG: h.memcg[o->index] = true; break;
			}
		}
		memset(&v, 0, sizeof(v));
		oms_replay_exclude(a->r, chosen[k]);
		err = run(a->t, &b);
		oms_replay_restore(a->r);
		describe_page(a, p, what, sizeof(what));
		if (err && h.part[PART_RELEASE]) {
			if (n_vital < 4)
				snprintf(vital + strlen(vital),
					 sizeof(vital) - strlen(vital),
					 "%s0x%" PRIx64 " (%s)",
					 n_vital ? ", " : "", page, what);
			n_vital++;
			oms_error_destroy(err);
			oms_model_deinit(&b);
			continue;
		}
		if (err) {
			say(&v, CLASS_ERROR, "the analysis failed: %s",
			    err->message);
			oms_error_destroy(err);
			n_errors++;
		} else {
			compare(a, &h, &b, page, &v);
			if (v.changed && !oms_model_partial(&b)) {
				n_silent++;
				if (a->verbose)
					fprintf(details, "  page 0x%" PRIx64 " (%s): silent: the model changed, the report does not say so (exit 0)\n",
						page, what);
			}
		}
		oms_model_deinit(&b);
		n_stranded += v.stranded;
		if (!v.len)
			continue;
		n_failed++;
		for (i = 0; i < CLASS_NR; i++)
			class_count[i] += v.cls[i];
		count_fields(fc, &n_fc, sizeof(fc) / sizeof(fc[0]), v.fields);
		if (a->verbose || shown < SHOW_FAILURES) {
			fprintf(details, "  page 0x%" PRIx64 " (%s): %s\n", page,
				what, v.text);
			shown++;
		}
	}
	fclose(details);
	printf("ablate: %s: %zu pages ablated (%s of the %zu read), %zu vital, %zu other errors, %zu lost more than their page, %zu silent; %.1f s\n",
	       a->name, n_chosen, n_chosen == n_read ? "all" : "a sample",
	       n_read, n_vital, n_errors, n_failed, n_silent, now() - t0);
	if (n_stranded)
		printf("  %zu process rows stranded in all: the list is cut in the full run already, and a second cut on the page left processes that only the page led to\n",
		       n_stranded);
	if (n_vital)
		printf("  vital (the analysis cannot say anything without them): %s%s\n",
		       vital, n_vital > 4 ? ", ..." : "");
	for (i = 0; i < CLASS_NR; i++)
		if (class_count[i])
			printf("  %zu pages: %s\n", class_count[i], class_names[i]);
	if (n_fc) {
		printf("  the fields lost (pages):");
		for (i = 0; i < n_fc; i++)
			printf(" %s %zu", fc[i].name, fc[i].n);
		printf("\n");
	}
	fputs(lines, stdout);
	free(lines);
	if (!a->verbose && shown < n_failed)
		printf("  (%zu more failures: -v lists them all)\n",
		       n_failed - shown);
	free(chosen);
	free(h.zone);
	free(h.row);
	free(h.row_memcg);
	free(h.memcg);
	/* a page that changes the report without a word is as bad: the
	 * report must say what it could not read */
	return n_failed || n_silent ? 1 : 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: ablate [-v] [--pages N|all] [--name NAME] SNAPSHOT\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct ablation a = { .name = NULL };
	const char *env = getenv("OOMSCAN_ABLATE");
	struct oms_field f;
	struct oms_error *err;
	size_t limit = DEFAULT_PAGES, i;
	int argi, status;

	if (env && !strcmp(env, "all"))
		limit = 0;
	for (argi = 1; argi < argc && argv[argi][0] == '-'; argi++) {
		if (!strcmp(argv[argi], "-v")) {
			a.verbose = true;
		} else if (!strcmp(argv[argi], "--pages") && argi + 1 < argc) {
			argi++;
			limit = strcmp(argv[argi], "all") ?
				strtoul(argv[argi], NULL, 10) : 0;
		} else if (!strcmp(argv[argi], "--name") && argi + 1 < argc) {
			a.name = argv[++argi];
		} else {
			usage();
		}
	}
	if (argc - argi != 1)
		usage();
	if (!a.name)
		a.name = argv[argi];
	devnull = fopen("/dev/null", "w");
	if (!devnull) {
		perror("ablate: /dev/null");
		return 2;
	}
	err = oms_replay_load(argv[argi], &a.r);
	if (err) {
		fprintf(stderr, "ablate: %s\n", err->message);
		oms_error_destroy(err);
		return 2;
	}
	a.t = oms_replay_target(a.r);
	/* what tells one object's reads from the next one's: a process
	 * starts with its first read below its task_struct's thread_struct
	 * (sizeof would overlap the next object on x86, whose slab objects
	 * end with as much FPU state as the cpu has), a zone inside its
	 * struct zone */
	err = oms_field(a.t, "struct task_struct", "thread", &f);
	a.task_size = f.offset;
	if (!err)
		err = oms_type_size(a.t, "struct zone", &a.zone_size);
	if (err) {
		fprintf(stderr, "ablate: %s: %s (a snapshot of an older tests/fuzz/snapshot?)\n",
			a.name, err->message);
		oms_error_destroy(err);
		return 2;
	}
	a.have_links = oms_ok(oms_field(a.t, "struct task_struct", "tasks", &f)) &&
		       oms_ok(oms_symbol(a.t, "init_task", &a.init_task));
	a.tasks_off = f.offset;
	own_layout_init(&a);
	status = ablate(&a, limit);
	oms_model_deinit(&a.full);
	for (i = 0; i < a.n_pages; i++)
		free(a.pages[i].v);
	free(a.pages);
	free(a.signal);
	free(rlog.v);
	free(rlog.calls);
	oms_replay_destroy(a.r);
	fclose(devnull);
	return status;
}
