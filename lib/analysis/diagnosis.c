// SPDX-License-Identifier: GPL-2.0
/* The diagnosis (diagnosis.h): which kind of OOM, and the evidence. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../model/lookup.h"
#include "diagnosis.h"
#include "ledger.h"

static const char *const class_names[OMS_DIAG_NR][2] = {
	[OMS_DIAG_NONE] = { "none", "no OOM" },
	[OMS_DIAG_USER] = { "user_memory", "user memory" },
	[OMS_DIAG_MEMCG] = { "memcg_limit", "a memory cgroup's limit" },
	[OMS_DIAG_CPUSET] = { "cpuset", "a cpuset constraint" },
	[OMS_DIAG_MEMPOLICY] = { "mempolicy", "a memory policy constraint" },
	[OMS_DIAG_ZONE] = { "zone_specific", "a zone-specific allocation" },
	[OMS_DIAG_FRAGMENTATION] = { "fragmentation", "fragmentation" },
	[OMS_DIAG_SLAB] = { "slab", "kernel slab" },
	[OMS_DIAG_PAGETABLES] = { "pagetables", "page tables" },
	[OMS_DIAG_KERNEL] = { "kernel", "kernel memory (stacks, vmalloc, percpu)" },
	[OMS_DIAG_UNACCOUNTED] = { "unaccounted",
				   "memory no counter accounts for" },
	[OMS_DIAG_HUGETLB] = { "hugetlb", "hugetlb pools" },
	[OMS_DIAG_SWAP] = { "swap_exhausted", "user memory with swap exhausted" },
};

const char *oms_diag_class_name(enum oms_diag_class c)
{
	return (unsigned int)c < OMS_DIAG_NR ? class_names[c][0] : "?";
}

const char *oms_diag_class_words(enum oms_diag_class c)
{
	return (unsigned int)c < OMS_DIAG_NR ? class_names[c][1] : "?";
}

static void evidence(struct oms_diagnosis *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void evidence(struct oms_diagnosis *d, const char *fmt, ...)
{
	va_list ap;

	if (d->n_evidence >= OMS_DIAG_MAX_EVIDENCE)
		return;
	va_start(ap, fmt);
	vsnprintf(d->evidence[d->n_evidence++], sizeof(d->evidence[0]), fmt,
		  ap);
	va_end(ap);
}

/* K(): pages in kB, wrapping as the kernel's unsigned long would on
 * garbage counters (never undefined) */
static int64_t kb(const struct oms_model *m, int64_t pages)
{
	uint64_t per = (m->kernel.page_size ? m->kernel.page_size : 4096) / 1024;

	return (int64_t)((uint64_t)pages * per);
}

static int percent(int64_t part, int64_t whole)
{
	double p;

	if (whole <= 0)
		return 0;
	p = (double)part * 100.0 / (double)whole;
	return p > 1e6 ? 1000000 : p < -1e6 ? -1000000 : (int)p;
}

/* a >= b / 2, without the overflow of 2 * a */
static bool at_least_half(int64_t a, int64_t b)
{
	return a >= b / 2 + b % 2;
}

/* the holders the ledger tells apart, and their pages */
struct holder {
	enum oms_diag_class class;
	int64_t pages;
};

static size_t holders(const struct oms_model *m, struct holder *h)
{
	const struct oms_ledger_group_row *g = m->ledger.groups;
	size_t n = 0;

	h[n++] = (struct holder){ OMS_DIAG_USER, g[OMS_LEDGER_LRU].pages };
	h[n++] = (struct holder){ OMS_DIAG_SLAB, g[OMS_LEDGER_SLAB].pages };
	h[n++] = (struct holder){ OMS_DIAG_PAGETABLES,
				  g[OMS_LEDGER_PAGETABLES].pages };
	h[n++] = (struct holder){ OMS_DIAG_KERNEL, g[OMS_LEDGER_KERNEL].pages };
	h[n++] = (struct holder){ OMS_DIAG_HUGETLB,
				  g[OMS_LEDGER_HUGETLB].pages };
	h[n++] = (struct holder){ OMS_DIAG_UNACCOUNTED,
				  g[OMS_LEDGER_UNACCOUNTED].pages };
	/* largest first, the order above for a tie */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && h[j].pages > h[j - 1].pages; j--) {
			struct holder t = h[j];

			h[j] = h[j - 1];
			h[j - 1] = t;
		}
	return n;
}

static const struct oms_slab_cache *largest_cache(const struct oms_slab *s,
						  const struct oms_slab_cache *not1,
						  const struct oms_slab_cache *not2)
{
	const struct oms_slab_cache *best = NULL;

	for (size_t i = 0; i < s->n; i++) {
		const struct oms_slab_cache *c = &s->v[i];

		if (c == not1 || c == not2)
			continue;
		if (!best || c->total_bytes > best->total_bytes)
			best = c;
	}
	return best;
}

static void holder_evidence(const struct oms_model *m, struct oms_diagnosis *d,
			    enum oms_diag_class c, int64_t pages)
{
	const struct oms_ledger *l = &m->ledger;
	int64_t managed = (int64_t)l->managed_pages;

	switch (c) {
	case OMS_DIAG_USER:
	case OMS_DIAG_SWAP: {
		evidence(d, "LRU (anon, file, shmem, unevictable) %" PRId64
			    " kB of %" PRId64 " kB managed (%d%%)",
			 kb(m, pages), kb(m, managed), percent(pages, managed));
		if (m->summary.has_top) {
			const struct oms_task *t = &m->tasks.v[m->summary.top];

			evidence(d, "largest process: %s (pid %d), rss %" PRIu64
				    " kB",
				 t->comm, t->pid,
				 (uint64_t)kb(m, (int64_t)m->summary.top_rss));
		}
		break;
	}
	case OMS_DIAG_SLAB: {
		const struct oms_slab_cache *a, *b;

		evidence(d, "slab %" PRId64 " kB of %" PRId64
			    " kB managed (%d%%), LRU %" PRId64 " kB",
			 kb(m, pages), kb(m, managed), percent(pages, managed),
			 kb(m, l->groups[OMS_LEDGER_LRU].pages));
		if (m->slab.should_dump)
			evidence(d, "unreclaimable slab %" PRIu64
				    " pages > LRU %" PRIu64
				    " pages: the kernel prints its slab caches",
				 m->slab.unreclaimable_pages, m->slab.lru_pages);
		a = largest_cache(&m->slab, NULL, NULL);
		b = largest_cache(&m->slab, a, NULL);
		if (a && b)
			evidence(d, "largest caches: %s %" PRIu64 " kB, %s %" PRIu64
				    " kB",
				 a->name, a->total_bytes / 1024, b->name,
				 b->total_bytes / 1024);
		else if (a)
			evidence(d, "largest cache: %s %" PRIu64 " kB", a->name,
				 a->total_bytes / 1024);
		break;
	}
	case OMS_DIAG_PAGETABLES: {
		const struct oms_task *best = NULL;

		evidence(d, "page tables %" PRId64 " kB of %" PRId64
			    " kB managed (%d%%), LRU %" PRId64 " kB",
			 kb(m, pages), kb(m, managed), percent(pages, managed),
			 kb(m, l->groups[OMS_LEDGER_LRU].pages));
		for (size_t i = 0; i < m->tasks.n; i++) {
			const struct oms_task *t = &m->tasks.v[i];

			if (t->mm && (!best ||
				      t->pgtables_bytes > best->pgtables_bytes))
				best = t;
		}
		if (best && best->pgtables_bytes)
			evidence(d, "largest page tables: %s (pid %d), %" PRIu64
				    " kB",
				 best->comm, best->pid,
				 best->pgtables_bytes / 1024);
		break;
	}
	case OMS_DIAG_UNACCOUNTED:
		evidence(d, "%" PRId64 " kB of %" PRId64
			    " kB managed (%d%%) is in no counter: not free, "
			    "not LRU, not slab, not page tables, stacks, "
			    "vmalloc or percpu",
			 kb(m, pages), kb(m, managed), percent(pages, managed));
		if (l->has_census)
			evidence(d, "the page census: %" PRId64
				    " kB allocated with no page flag or type "
				    "beyond the counted kernel memory",
				 kb(m, l->groups[OMS_LEDGER_UNACCOUNTED]
					       .census_pages));
		break;
	default:
		evidence(d, "%s %" PRId64 " kB of %" PRId64
			    " kB managed (%d%%)",
			 oms_diag_class_words(c), kb(m, pages), kb(m, managed),
			 percent(pages, managed));
		break;
	}
}

/* an order > 0 allocation that found no block while a zone had the pages */
static bool fragmentation(const struct oms_model *m, struct oms_diagnosis *d)
{
	const struct oms_watermarks *w = &m->watermarks;
	int order = m->allocation.order;

	if (!w->computed || order <= 0)
		return false;
	for (size_t i = 0; i < w->n && i < m->zones.n; i++) {
		const struct oms_wmark_check *c = &w->v[i];
		const struct oms_zone *z = &m->zones.v[i];

		if (c->result != OMS_WMARK_NO_BLOCK)
			continue;
		evidence(d, "order-%d allocation: Node %d %s has %" PRId64
			    " kB free, above its min %" PRId64
			    " kB, but no free block of order %d or more of "
			    "a usable migratetype",
			 order, z->node, z->name, kb(m, c->free),
			 kb(m, c->required), order);
		return true;
	}
	return false;
}

/* the allowed zones failed while a zone above gfp_zone() had free memory */
static bool zone_specific(const struct oms_model *m, struct oms_diagnosis *d)
{
	const struct oms_watermarks *w = &m->watermarks;
	int64_t best_free = 0;
	const struct oms_zone *best = NULL;

	if (!w->computed || w->n_ok)
		return false;
	for (size_t i = 0; i < w->n && i < m->zones.n; i++) {
		const struct oms_wmark_check *c = &w->v[i];
		const struct oms_zone *z = &m->zones.v[i];
		int64_t spare = (int64_t)(z->free_pages - z->min);

		if (c->ineligible != OMS_WMARK_ZONE_TOO_HIGH || !z->populated)
			continue;
		if (spare > best_free) {
			best_free = spare;
			best = z;
		}
	}
	/* more than a little: a zone's free pages above min worth 1% of it */
	if (!best || (uint64_t)best_free <= best->managed_pages / 100)
		return false;
	evidence(d, "gfp_zone() allows up to %s only: Node %d %s has %" PRId64
		    " kB free above its min, out of reach",
		 w->highest_zone, best->node, best->name, kb(m, best_free));
	return true;
}

static bool constraint(const struct oms_model *m, struct oms_diagnosis *d)
{
	const struct oms_oom *o = &m->oom;
	int64_t free = 0;

	oms_model_free_pages(m, &free);
	switch (o->constraint) {
	case OMS_CONSTRAINT_MEMCG: {
		const struct oms_memcg *mc = oms_memcg_find(&m->memcgs, o->memcg);

		d->class = OMS_DIAG_MEMCG;
		if (mc && mc->valid)
			evidence(d, "memcg %s: usage %" PRId64 " kB, limit %" PRId64
				    " kB",
				 mc->path, kb(m, (int64_t)mc->usage),
				 kb(m, (int64_t)mc->max));
		else
			evidence(d, "the OOM is a memcg's (%s)",
				 o->memcg_path[0] ? o->memcg_path : "?");
		evidence(d, "the machine had %" PRId64 " kB free", kb(m, free));
		return true;
	}
	case OMS_CONSTRAINT_CPUSET:
	case OMS_CONSTRAINT_MEMORY_POLICY:
		d->class = o->constraint == OMS_CONSTRAINT_CPUSET
				   ? OMS_DIAG_CPUSET
				   : OMS_DIAG_MEMPOLICY;
		evidence(d, "%s: totalpages %" PRIu64 " of the allowed nodes, "
			    "while the machine had %" PRId64 " kB free",
			 o->constraint == OMS_CONSTRAINT_CPUSET
				 ? "CONSTRAINT_CPUSET"
				 : "CONSTRAINT_MEMORY_POLICY",
			 o->totalpages, kb(m, free));
		for (size_t i = 0; i < m->watermarks.n && i < m->zones.n; i++) {
			const struct oms_wmark_check *c = &m->watermarks.v[i];
			const struct oms_zone *z = &m->zones.v[i];

			if ((c->ineligible == OMS_WMARK_NOT_IN_NODEMASK ||
			     c->ineligible == OMS_WMARK_NOT_IN_CPUSET) &&
			    z->free_pages > z->min) {
				evidence(d, "Node %d %s, not allowed, had %" PRId64
					    " kB free",
					 z->node, z->name,
					 kb(m, (int64_t)z->free_pages));
				break;
			}
		}
		return true;
	default:
		return false;
	}
}

static bool is_oom(const struct oms_model *m)
{
	return m->report.found || m->allocation.found || m->panic_is_oom;
}

void oms_diagnosis_compute(struct oms_model *m)
{
	struct oms_diagnosis *d = &m->diagnosis;
	struct holder h[8];
	size_t n;
	const struct oms_meminfo *mi = &m->meminfo;

	memset(d, 0, sizeof(*d));
	if (!is_oom(m)) {
		d->class = OMS_DIAG_NONE;
		evidence(d, "no OOM: no OOM report in the log and no "
			    "struct oom_control on the panicking stack");
		return;
	}
	if (!m->ledger.valid) {
		d->class = OMS_DIAG_NONE;
		evidence(d, "no diagnosis: %s", m->ledger.why_not);
		return;
	}
	n = holders(m, h);
	if (!constraint(m, d)) {
		if (zone_specific(m, d))
			d->class = OMS_DIAG_ZONE;
		else if (fragmentation(m, d))
			d->class = OMS_DIAG_FRAGMENTATION;
	}
	if (d->class == OMS_DIAG_NONE) {
		d->class = h[0].class;
		if (d->class == OMS_DIAG_USER && mi->total_swap_pages &&
		    mi->free_swap_pages * 100 <= mi->total_swap_pages) {
			d->class = OMS_DIAG_SWAP;
			evidence(d, "swap %" PRId64 " kB, %" PRId64 " kB free",
				 kb(m, (int64_t)mi->total_swap_pages),
				 kb(m, (int64_t)mi->free_swap_pages));
		}
		holder_evidence(m, d, d->class, h[0].pages);
		if (n > 1 && h[1].pages > 0 && at_least_half(h[1].pages, h[0].pages)) {
			d->has_runner_up = true;
			d->runner_up = h[1].class;
			holder_evidence(m, d, h[1].class, h[1].pages);
		}
		return;
	}
	/* a limit or the allocation's shape decided: what held the memory */
	holder_evidence(m, d, h[0].class, h[0].pages);
}
