// SPDX-License-Identifier: GPL-2.0
/*
 * The allocation that failed, from the structures: the struct oom_control
 * that __alloc_pages_may_oom() (or mem_cgroup_out_of_memory()) built on
 * the stack of the task that ran out of memory.  By the time
 * check_panic_on_oom() panics, constrained_alloc() has filled its
 * constraint and totalpages, so the dump holds the kernel's own answer,
 * which the log never prints when panic_on_oom fires.
 *
 * How it is found: a validated scan of the panicking cpu's current task's
 * stack (THREAD_SIZE: __end_init_stack - __start_init_stack), not an
 * unwind.  Every 8-byte aligned offset is read as a struct oom_control and
 * kept only if every member is what the kernel can have put there:
 *   zonelist  &NODE_DATA(nid)->node_zonelists[i] of an online node, or
 *             NULL with a memcg (mem_cgroup_out_of_memory())
 *   nodemask  NULL or a kernel address, NULL with a memcg
 *   memcg     NULL with a zonelist, else one of the memcgs the tasks are
 *             in or their ancestors
 *   gfp_mask  not 0, no bit outside the kernel's gfpflag_names[]
 *   order     0 .. the zones' number of orders - 1
 *   totalpages 1 .. totalram_pages + total_swap_pages
 *   constraint an enum oom_constraint, CONSTRAINT_MEMCG exactly with a memcg
 *   chosen    NULL and chosen_points 0 (the panic came before the scan),
 *             or a task of the process list
 * How it can be fooled: by a stale copy of an oom_control from an earlier
 * OOM of the same task left in a dead part of the stack, with other
 * values.  Several candidates that disagree are reported as ambiguous and
 * the outermost (highest address: the frame of the allocation, above
 * out_of_memory() and panic()) is taken.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocation.h"
#include "layout.h"
#include "zones.h"
#include "../model/warn.h"

#define THREAD_SIZE_DEFAULT	16384	/* x86-64 and arm64 without KASAN */
#define THREAD_SIZE_MAX		(1u << 16)

/* what is read of struct oom_control and around it */
struct oc_layout {
	struct oms_field zonelist, nodemask, memcg, gfp_mask, order;
	struct oms_field totalpages, chosen, chosen_points, constraint;
	struct oms_field t_stack, node_zonelists, zr_zone, zr_zone_idx;
	uint64_t size, zonelist_size, zoneref_size;
};

static struct oms_error *resolve(const struct oms_target *t,
				 struct oc_layout *l)
{
	static const struct oms_field_spec fields[] = {
		OMS_FIELD(struct oc_layout, oom_control, "zonelist", zonelist, false),
		OMS_FIELD(struct oc_layout, oom_control, "nodemask", nodemask, false),
		OMS_FIELD(struct oc_layout, oom_control, "memcg", memcg, false),
		OMS_FIELD(struct oc_layout, oom_control, "gfp_mask", gfp_mask, false),
		OMS_FIELD(struct oc_layout, oom_control, "order", order, false),
		OMS_FIELD(struct oc_layout, oom_control, "totalpages", totalpages,
			  false),
		OMS_FIELD(struct oc_layout, oom_control, "chosen", chosen, false),
		OMS_FIELD(struct oc_layout, oom_control, "chosen_points",
			  chosen_points, false),
		OMS_FIELD(struct oc_layout, oom_control, "constraint", constraint,
			  false),
		OMS_FIELD(struct oc_layout, task_struct, "stack", t_stack, false),
		OMS_FIELD(struct oc_layout, pglist_data, "node_zonelists",
			  node_zonelists, false),
		OMS_FIELD(struct oc_layout, zoneref, "zone", zr_zone, false),
		OMS_FIELD(struct oc_layout, zoneref, "zone_idx", zr_zone_idx, false),
	};
	struct oms_error *err;

	err = oms_resolve_fields(t, fields, OMS_ARRAY_SIZE(fields), l);
	if (!err)
		err = oms_type_size(t, "struct oom_control", &l->size);
	if (!err)
		err = oms_type_size(t, "struct zonelist", &l->zonelist_size);
	if (!err)
		err = oms_type_size(t, "struct zoneref", &l->zoneref_size);
	if (!err && (l->size > 256 || !l->zonelist_size || !l->zoneref_size))
		err = oms_error_create(OMS_ERR_CORRUPT,
				       "struct oom_control of %" PRIu64 " bytes, struct zonelist of %" PRIu64 ": not a kernel's",
				       l->size, l->zonelist_size);
	return err;
}

/* gfpflag_names[]: { mask, name } up to { 0, NULL } (mm/debug.c) */
static void read_gfp_names(const struct oms_target *t,
			   struct oms_gfp_names *g, struct oms_warnings *w)
{
	struct oms_field mask, name;
	struct oms_error *err;
	uint64_t addr, size, i;

	memset(g, 0, sizeof(*g));
	err = oms_symbol(t, "gfpflag_names", &addr);
	if (!err)
		err = oms_field(t, "struct trace_print_flags", "mask", &mask);
	if (!err)
		err = oms_field(t, "struct trace_print_flags", "name", &name);
	if (!err)
		err = oms_type_size(t, "struct trace_print_flags", &size);
	for (i = 0; !err && i < OMS_MAX_GFP_NAMES + 1; i++) {
		uint64_t base = addr + i * size, m, p;

		err = oms_read_field(t, base, &mask, &m);
		if (!err)
			err = oms_read_field(t, base, &name, &p);
		if (err)
			break;
		if (!p) {
			g->valid = true;
			return;
		}
		if (i == OMS_MAX_GFP_NAMES) {
			err = oms_error_create(OMS_ERR_CORRUPT,
					       "more than %d entries", OMS_MAX_GFP_NAMES);
			break;
		}
		err = oms_read_string(t, p, g->v[i].name, sizeof(g->v[i].name));
		g->v[i].mask = m;
		g->n = (size_t)i + 1;
	}
	oms_warn(w, "the kernel's gfp flag names ('gfpflag_names'): %s; gfp_mask is shown in hex only",
		 err->message);
	oms_error_destroy(err);
	g->n = 0;
}

/* the zonelists an oom_control may point to: &node_zonelists[i] of the
 * online nodes */
struct zonelists {
	uint64_t addr[64 * 2];
	int node[64 * 2], kind[64 * 2];
	size_t n;
};

static struct oms_error *find_zonelists(const struct oms_target *t,
					const struct oc_layout *l,
					struct zonelists *z,
					struct oms_warnings *w)
{
	struct oms_error *err;
	uint64_t *pgdats = NULL;
	int *ids = NULL;
	size_t n, i, kinds, k;

	z->n = 0;
	err = oms_online_nodes(t, w, &ids, &pgdats, &n);
	if (err)
		return err;
	kinds = l->node_zonelists.size / l->zonelist_size;
	if (kinds > 2)
		kinds = 2;
	for (i = 0; i < n && z->n + kinds <= OMS_ARRAY_SIZE(z->addr); i++)
		for (k = 0; k < kinds; k++) {
			z->addr[z->n] = pgdats[i] + l->node_zonelists.offset +
					k * l->zonelist_size;
			z->node[z->n] = ids[i];
			z->kind[z->n] = (int)k;
			z->n++;
		}
	free(ids);
	free(pgdats);
	return NULL;
}

static uint64_t get(const unsigned char *p, const struct oms_field *f)
{
	uint64_t v = 0;

	memcpy(&v, p + f->offset, f->size < 8 ? f->size : 8);
	return v;
}

struct scan {
	const struct oc_layout *l;
	const struct zonelists *zl;
	const struct oms_memcgs *memcgs;
	const struct oms_tasks *tasks;
	uint64_t gfp_known;		/* every mask of gfpflag_names[] */
	uint64_t max_pages;		/* totalram + total swap */
	int nr_orders;
	/* enum oom_constraint's values, in enum oms_constraint order */
	int64_t constraints[4];
	int64_t constraint_memcg;
};

/* the kernel's enum oom_constraint value as enum oms_constraint, -1 if none */
static int constraint_of(const struct scan *s, int64_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		if (s->constraints[i] == v)
			return i;
	return -1;
}

static bool is_memcg(const struct scan *s, uint64_t addr)
{
	size_t i;

	for (i = 0; i < s->memcgs->n; i++)
		if (s->memcgs->v[i].addr == addr)
			return true;
	return false;
}

static bool is_task(const struct scan *s, uint64_t addr)
{
	size_t i;

	for (i = 0; i < s->tasks->n; i++)
		if (s->tasks->v[i].addr == addr)
			return true;
	return false;
}

/* every member what the kernel can have put there (see the top) */
static bool plausible(const struct scan *s, const unsigned char *p,
		      int *zl_ret)
{
	const struct oc_layout *l = s->l;
	uint64_t zonelist = get(p, &l->zonelist), nodemask = get(p, &l->nodemask);
	uint64_t memcg = get(p, &l->memcg), gfp = get(p, &l->gfp_mask);
	uint64_t total = get(p, &l->totalpages), chosen = get(p, &l->chosen);
	int64_t order = (int32_t)get(p, &l->order);
	int64_t points = (int64_t)get(p, &l->chosen_points);
	int64_t constraint = (int32_t)get(p, &l->constraint);
	size_t i;

	*zl_ret = -1;
	if (zonelist) {
		for (i = 0; i < s->zl->n; i++)
			if (s->zl->addr[i] == zonelist)
				break;
		if (i == s->zl->n || memcg)
			return false;
		*zl_ret = (int)i;
		if (nodemask && !(nodemask >> 63))
			return false;
		if (constraint == s->constraint_memcg)
			return false;
	} else {
		if (!memcg || nodemask || !is_memcg(s, memcg) ||
		    constraint != s->constraint_memcg)
			return false;
	}
	if (!gfp || (s->gfp_known && (gfp & ~s->gfp_known)))
		return false;
	if (order < 0 || order >= s->nr_orders)
		return false;
	if (!total || total > s->max_pages)
		return false;
	if (constraint_of(s, constraint) < 0)
		return false;
	if (chosen ? !is_task(s, chosen) : points != 0)
		return false;
	return true;
}

/* the zonelist's zonerefs, up to the NULL zone */
static void read_zonerefs(const struct oms_target *t, const struct oc_layout *l,
			  const struct oms_zones *zones, struct oms_allocation *a,
			  struct oms_warnings *w)
{
	uint64_t n = l->zonelist_size / l->zoneref_size, i, zone, idx;
	struct oms_error *err = NULL;
	size_t z;

	a->n_zonerefs = 0;
	for (i = 0; i < n && a->n_zonerefs < OMS_MAX_ZONEREFS; i++) {
		uint64_t base = a->zonelist + i * l->zoneref_size;
		struct oms_zoneref *r;

		err = oms_read_field(t, base, &l->zr_zone, &zone);
		if (!err)
			err = oms_read_field(t, base, &l->zr_zone_idx, &idx);
		if (err || !zone)
			break;
		r = &a->zonerefs[a->n_zonerefs++];
		r->zone = zone;
		r->zone_idx = (int)idx;
		r->node = -1;
		for (z = 0; z < zones->n; z++)
			if (zones->v[z].addr == zone)
				r->node = zones->v[z].node;
	}
	if (err) {
		oms_warn(w, "the allocation's zonelist at 0x%" PRIx64 ": %s",
			 a->zonelist, err->message);
		oms_error_destroy(err);
	}
}

/* the current task's stack, page by page: a page not in the dump stays 0
 * (no candidate there) */
static unsigned char *read_stack(const struct oms_target *t, uint64_t stack,
				 uint64_t size, const struct oms_kernel *k,
				 size_t *missing)
{
	unsigned char *buf = calloc(1, size);
	uint64_t page = k->page_size ? k->page_size : 4096, off;

	*missing = 0;
	if (!buf)
		return NULL;
	for (off = 0; off < size; off += page) {
		struct oms_error *err = oms_read(t, stack + off, buf + off,
						 size - off < page ? size - off : page);

		if (err)
			++*missing;
		oms_error_destroy(err);
	}
	return buf;
}

/* THREAD_SIZE: the init task's stack in the linker script's
 * INIT_TASK_DATA(), __start_init_stack.. (6.2+) or __start_init_task..
 * (before); else 16K, or a page where pages are larger (arm64's 64K) */
static uint64_t thread_size(const struct oms_target *t,
			    const struct oms_kernel *k)
{
	static const char *const bounds[][2] = {
		{ "__start_init_stack", "__end_init_stack" },
		{ "__start_init_task", "__end_init_task" },
	};
	uint64_t start, end;
	size_t i;

	for (i = 0; i < OMS_ARRAY_SIZE(bounds); i++)
		if (oms_ok(oms_symbol(t, bounds[i][0], &start)) &&
		    oms_ok(oms_symbol(t, bounds[i][1], &end)) && end > start &&
		    end - start <= THREAD_SIZE_MAX && !((end - start) & 4095))
			return end - start;
	return k->page_size > THREAD_SIZE_DEFAULT ? k->page_size :
						    THREAD_SIZE_DEFAULT;
}

/* what out_of_memory() looks at before any scan (see the model) */
static void read_exits(const struct oms_target *t, const struct oms_kernel *k,
		       struct oms_allocation *a, struct oms_warnings *w)
{
	struct oms_field t_flags, t_signal, t_mm, s_flags, s_core, s_threads;
	struct oms_field mm_users, mm_flags;
	struct oms_error *err;
	uint64_t addr, v, sig, mm, flags;

	err = oms_symbol(t, "oom_killer_disabled", &addr);
	if (!err)
		err = oms_read(t, addr, &v, 1);
	if (!err)
		a->oom_killer_disabled = (uint8_t)v != 0;
	oms_error_destroy(err);
	if (!k->current_task)
		return;
	err = oms_field(t, "struct task_struct", "flags", &t_flags);
	if (!err)
		err = oms_field(t, "struct task_struct", "signal", &t_signal);
	if (!err)
		err = oms_field(t, "struct task_struct", "mm", &t_mm);
	if (!err)
		err = oms_field(t, "struct signal_struct", "flags", &s_flags);
	if (!err)
		err = oms_field(t, "struct signal_struct", "core_state", &s_core);
	if (!err)
		err = oms_field(t, "struct signal_struct", "nr_threads", &s_threads);
	if (!err)
		err = oms_field(t, "struct mm_struct", "mm_users", &mm_users);
	if (!err)
		err = oms_field(t, "struct mm_struct", "flags", &mm_flags);
	if (!err)
		err = oms_read_field(t, k->current_task, &t_flags, &v);
	if (!err) {
		a->current_flags = (uint32_t)v;
		err = oms_read_field(t, k->current_task, &t_signal, &sig);
	}
	if (!err)
		err = oms_read_field(t, k->current_task, &t_mm, &mm);
	if (!err)
		err = oms_read_field(t, sig, &s_flags, &v);
	if (!err) {
		a->signal_flags = (uint32_t)v;
		err = oms_read_field(t, sig, &s_core, &v);
	}
	if (!err) {
		a->core_state = v != 0;
		err = oms_read_field(t, sig, &s_threads, &v);
	}
	if (!err) {
		a->nr_threads = (uint32_t)v;
		a->current_mm = mm;
		if (mm) {
			err = oms_read_field(t, mm, &mm_users, &v);
			if (!err) {
				a->mm_users = (int32_t)v;
				err = oms_read_field(t, mm, &mm_flags, &flags);
			}
			if (!err)
				a->mm_oom_skip = (flags >> OMS_MMF_OOM_SKIP) & 1;
		}
	}
	if (err) {
		oms_warn(w, "whether the current task at 0x%" PRIx64 " is exiting (task_will_free_mem()): %s",
			 k->current_task, err->message);
		oms_error_destroy(err);
		return;
	}
	a->current_known = true;
}

struct oms_error *oms_allocation_collect(const struct oms_target *t,
					 const struct oms_kernel *k,
					 const struct oms_zones *zones,
					 const struct oms_meminfo *mi,
					 const struct oms_tasks *tasks,
					 const struct oms_memcgs *memcgs,
					 struct oms_allocation *a,
					 struct oms_warnings *w)
{
	struct oms_gfp_names names;
	struct oc_layout l;
	struct zonelists zl;
	struct scan s = { .l = &l, .zl = &zl, .memcgs = memcgs, .tasks = tasks };
	struct oms_error *err;
	unsigned char *buf;
	uint64_t stack, size, off, best = 0;
	size_t missing, i;
	int zi, best_zl = -1;

	read_gfp_names(t, &names, w);
	oms_allocation_init(a);
	a->gfp_names = names;
	read_exits(t, k, a, w);
	if (!k->current_task) {
		snprintf(a->why_not, sizeof(a->why_not),
			 "the panicking cpu's current task is unknown");
		return NULL;
	}
	err = resolve(t, &l);
	if (!err)
		err = find_zonelists(t, &l, &zl, w);
	if (!err)
		err = oms_enumerator(t, "CONSTRAINT_NONE", &s.constraints[OMS_CONSTRAINT_NONE]);
	if (!err)
		err = oms_enumerator(t, "CONSTRAINT_CPUSET", &s.constraints[OMS_CONSTRAINT_CPUSET]);
	if (!err)
		err = oms_enumerator(t, "CONSTRAINT_MEMORY_POLICY",
				     &s.constraints[OMS_CONSTRAINT_MEMORY_POLICY]);
	if (!err)
		err = oms_enumerator(t, "CONSTRAINT_MEMCG", &s.constraints[OMS_CONSTRAINT_MEMCG]);
	if (!err)
		err = oms_read_u64(t, k->current_task + l.t_stack.offset, &stack);
	if (err) {
		snprintf(a->why_not, sizeof(a->why_not),
			 "the stack of the current task at 0x%" PRIx64 " cannot be found: %s",
			 k->current_task, err->message);
		return oms_error_prefix(err, "cannot look for the allocation's oom_control");
	}
	s.constraint_memcg = s.constraints[OMS_CONSTRAINT_MEMCG];
	for (i = 0; names.valid && i < names.n; i++)
		s.gfp_known |= names.v[i].mask;
	s.max_pages = mi->totalram_pages + mi->total_swap_pages;
	if (!s.max_pages)
		s.max_pages = UINT64_MAX;
	s.nr_orders = OMS_MAX_ORDERS;
	for (i = 0; i < zones->n; i++)
		if (zones->v[i].nr_orders > 0 && zones->v[i].nr_orders < s.nr_orders)
			s.nr_orders = zones->v[i].nr_orders;
	size = thread_size(t, k);
	buf = read_stack(t, stack, size, k, &missing);
	if (!buf)
		return &oms_enomem;
	for (off = 0; off + l.size <= size; off += 8) {
		if (!plausible(&s, buf + off, &zi))
			continue;
		if (a->candidates++ &&
		    memcmp(buf + best, buf + off, l.size))
			a->ambiguous = true;
		best = off;	/* the outermost so far */
		best_zl = zi;
	}
	if (!a->candidates) {
		snprintf(a->why_not, sizeof(a->why_not),
			 "no struct oom_control on the stack of the task at 0x%" PRIx64 " (%" PRIu64 " bytes at 0x%" PRIx64 "%s)",
			 k->current_task, size, stack,
			 missing ? ", some pages not in the dump" : "");
		/* it may have been on a page the dump lacks: say so */
		if (missing)
			oms_warn(w, "the allocation: %zu of the %" PRIu64 " pages of the current task's stack at 0x%" PRIx64 " are not in the dump, and no oom_control is on the others",
				 missing, size / (k->page_size ? k->page_size : 4096), stack);
		free(buf);
		return NULL;
	}
	a->found = true;
	a->source = OMS_ALLOC_STACK;
	a->address = stack + best;
	a->zonelist = get(buf + best, &l.zonelist);
	a->nodemask_addr = get(buf + best, &l.nodemask);
	a->memcg = get(buf + best, &l.memcg);
	a->gfp_mask = (uint32_t)get(buf + best, &l.gfp_mask);
	a->order = (int32_t)get(buf + best, &l.order);
	a->totalpages = get(buf + best, &l.totalpages);
	a->constraint = constraint_of(&s, (int32_t)get(buf + best, &l.constraint));
	free(buf);
	if (best_zl >= 0) {
		a->zonelist_node = zl.node[best_zl];
		a->zonelist_kind = zl.kind[best_zl];
		read_zonerefs(t, &l, zones, a, w);
	}
	if (a->nodemask_addr) {
		err = oms_read_u64(t, a->nodemask_addr, &a->nodemask);
		if (err) {
			oms_warn(w, "the allocation's nodemask at 0x%" PRIx64 ": %s",
				 a->nodemask_addr, err->message);
			oms_error_destroy(err);
		}
	}
	if (a->ambiguous)
		oms_warn(w, "the allocation: %zu struct oom_control look-alikes on the stack disagree; the outermost, at 0x%" PRIx64 ", is taken",
			 a->candidates, a->address);
	return NULL;
}
