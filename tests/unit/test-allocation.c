// SPDX-License-Identifier: GPL-2.0
/*
 * The failing allocation's struct oom_control found on the current
 * task's stack (collect/allocation.c), on the fake target: one a case of
 * what the scan must take (a global OOM's, a memcg OOM's) and what it
 * must not (each member one the kernel cannot have put there), two that
 * disagree (ambiguous: the outermost is taken), a stack page not in the
 * dump.  The layout is x86-64's (6.1 and 6.12 alike, as both kernels'
 * DWARF and BTF give it); the values are the ones put on the stack here.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/backend/fake.h"
#include "../../lib/collect/allocation.h"
#include "../../lib/model/warn.h"
#include "tap.h"

#define STACK_SIZE	16384
#define OC_SIZE		64
#define ZONELIST_SIZE	64	/* 4 zonerefs of 16 bytes */

struct kernel {
	struct oms_fake *f;
	uint64_t task, stack, pgdat, zone0, zone1, memcg, gfpnames;
};

/* struct oom_control at addr */
static void put_oc(struct kernel *k, uint64_t addr, uint64_t zonelist,
		   uint64_t nodemask, uint64_t memcg, uint32_t gfp, int32_t order,
		   uint64_t totalpages, uint64_t chosen, int32_t constraint)
{
	unsigned char oc[OC_SIZE] = { 0 };

	memcpy(oc + 0, &zonelist, 8);
	memcpy(oc + 8, &nodemask, 8);
	memcpy(oc + 16, &memcg, 8);
	memcpy(oc + 24, &gfp, 4);
	memcpy(oc + 28, &order, 4);
	memcpy(oc + 32, &totalpages, 8);
	memcpy(oc + 40, &chosen, 8);
	memcpy(oc + 56, &constraint, 4);
	oms_fake_poke(k->f, addr, oc, sizeof(oc));
}

static void build(struct kernel *k)
{
	struct oms_fake *f = oms_fake_create();
	static const struct { uint64_t mask; const char *name; } names[] = {
		{ 0x140dca, "GFP_HIGHUSER_MOVABLE" }, { 0xcc0, "GFP_KERNEL" },
		{ 0x80, "__GFP_FS" }, { 0x100, "__GFP_ZERO" }, { 0x40000, "__GFP_COMP" },
	};
	uint64_t a, zl;
	size_t i;

	memset(k, 0, sizeof(*k));
	k->f = f;
	oms_fake_add_type(f, "struct oom_control", OC_SIZE);
	oms_fake_add_member(f, "struct oom_control", "zonelist", 0, 8);
	oms_fake_add_member(f, "struct oom_control", "nodemask", 8, 8);
	oms_fake_add_member(f, "struct oom_control", "memcg", 16, 8);
	oms_fake_add_member(f, "struct oom_control", "gfp_mask", 24, 4);
	oms_fake_add_member(f, "struct oom_control", "order", 28, 4);
	oms_fake_add_member(f, "struct oom_control", "totalpages", 32, 8);
	oms_fake_add_member(f, "struct oom_control", "chosen", 40, 8);
	oms_fake_add_member(f, "struct oom_control", "chosen_points", 48, 8);
	oms_fake_add_member(f, "struct oom_control", "constraint", 56, 4);
	oms_fake_add_type(f, "struct task_struct", 256);
	oms_fake_add_member(f, "struct task_struct", "stack", 32, 8);
	oms_fake_add_type(f, "struct pglist_data", 1024);
	oms_fake_add_member(f, "struct pglist_data", "node_zonelists", 512,
			    2 * ZONELIST_SIZE);
	oms_fake_add_type(f, "struct zonelist", ZONELIST_SIZE);
	oms_fake_add_type(f, "struct zoneref", 16);
	oms_fake_add_member(f, "struct zoneref", "zone", 0, 8);
	oms_fake_add_member(f, "struct zoneref", "zone_idx", 8, 4);
	oms_fake_add_enum(f, "CONSTRAINT_NONE", 0);
	oms_fake_add_enum(f, "CONSTRAINT_CPUSET", 1);
	oms_fake_add_enum(f, "CONSTRAINT_MEMORY_POLICY", 2);
	oms_fake_add_enum(f, "CONSTRAINT_MEMCG", 3);
	oms_fake_add_type(f, "struct trace_print_flags", 16);
	oms_fake_add_member(f, "struct trace_print_flags", "mask", 0, 8);
	oms_fake_add_member(f, "struct trace_print_flags", "name", 8, 8);
	/* gfpflag_names[], up to { 0, NULL } */
	k->gfpnames = oms_fake_alloc(f, 16 * (sizeof(names) / sizeof(names[0]) + 1));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		a = oms_fake_alloc(f, 64);
		oms_fake_poke(f, a, names[i].name, strlen(names[i].name) + 1);
		oms_fake_poke_u64(f, k->gfpnames + 16 * i, names[i].mask);
		oms_fake_poke_u64(f, k->gfpnames + 16 * i + 8, a);
	}
	oms_fake_add_symbol(f, "gfpflag_names", k->gfpnames);
	/* one node (contig_page_data), its fallback zonelist: DMA32, DMA */
	k->pgdat = oms_fake_alloc(f, 1024);
	oms_fake_add_symbol(f, "contig_page_data", k->pgdat);
	k->zone0 = oms_fake_alloc(f, 64);
	k->zone1 = oms_fake_alloc(f, 64);
	zl = k->pgdat + 512;
	oms_fake_poke_u64(f, zl, k->zone1);
	oms_fake_poke_u32(f, zl + 8, 1);
	oms_fake_poke_u64(f, zl + 16, k->zone0);
	oms_fake_poke_u32(f, zl + 24, 0);
	/* the current task and its 16 KB stack */
	k->task = oms_fake_alloc(f, 256);
	k->stack = oms_fake_alloc(f, STACK_SIZE);
	oms_fake_poke_u64(f, k->task + 32, k->stack);
	k->memcg = 0xffff888003000000ULL;
}

struct model {
	struct oms_kernel k;
	struct oms_zones zones;
	struct oms_zone z[2];
	struct oms_meminfo mi;
	struct oms_tasks tasks;
	struct oms_task t;
	struct oms_memcgs memcgs;
	struct oms_memcg mc;
	struct oms_allocation a;
	struct oms_warnings w;
};

static void collect(struct kernel *k, struct model *m, const char *what)
{
	memset(m, 0, sizeof(*m));
	oms_kernel_init(&m->k);
	m->k.page_size = 4096;
	m->k.current_task = k->task;
	m->z[0].addr = k->zone0;
	m->z[0].node = 0;
	m->z[0].nr_orders = 11;
	m->z[1].addr = k->zone1;
	m->z[1].node = 0;
	m->z[1].nr_orders = 11;
	m->zones.v = m->z;
	m->zones.n = 2;
	m->mi.totalram_pages = 79047;
	m->t.addr = k->task;
	m->tasks.v = &m->t;
	m->tasks.n = 1;
	m->mc.addr = k->memcg;
	m->memcgs.v = &m->mc;
	m->memcgs.n = 1;
	NO_ERR(oms_allocation_collect(oms_fake_target(k->f), &m->k, &m->zones,
				      &m->mi, &m->tasks, &m->memcgs, &m->a, &m->w),
	       "%s: the scan runs", what);
}

static bool warned(const struct model *m, const char *part)
{
	size_t i;

	for (i = 0; i < m->w.n; i++)
		if (strstr(m->w.v[i].message, part))
			return true;
	return false;
}

static void done(struct kernel *k, struct model *m)
{
	oms_warnings_deinit(&m->w);
	oms_fake_destroy(k->f);
}

/* an oom_control whose one member is bad, at offset 0x2000: not taken */
static void bad_one(const char *what, uint64_t zonelist, uint64_t memcg,
		    int32_t order, uint64_t totalpages, uint64_t chosen,
		    int32_t constraint, uint32_t gfp)
{
	struct kernel k;
	struct model m;

	build(&k);
	put_oc(&k, k.stack + 0x2000, zonelist, 0, memcg, gfp, order, totalpages,
	       chosen, constraint);
	collect(&k, &m, what);
	OK(!m.a.found && m.a.source == OMS_ALLOC_UNKNOWN &&
	   strstr(m.a.why_not, "no struct oom_control on the stack"),
	   "%s: not taken (%s)", what, m.a.why_not);
	done(&k, &m);
}

int main(void)
{
	struct kernel k;
	struct model m;
	uint64_t zl;

	/* a global OOM's, as __alloc_pages_may_oom() builds it and
	 * constrained_alloc() fills it */
	build(&k);
	put_oc(&k, k.stack + 0x3c98, k.pgdat + 512, 0, 0, 0x140dca, 0, 79047, 0, 0);
	collect(&k, &m, "global");
	OK(m.a.found && m.a.source == OMS_ALLOC_STACK, "global: found on the stack");
	IS_INT(m.a.address, k.stack + 0x3c98, "global: at its address");
	IS_INT(m.a.candidates, 1, "global: one candidate");
	OK(!m.a.ambiguous, "global: not ambiguous");
	IS_INT(m.a.gfp_mask, 0x140dca, "global: gfp_mask");
	IS_INT(m.a.order, 0, "global: order");
	IS_INT(m.a.totalpages, 79047, "global: totalpages");
	IS_INT(m.a.constraint, OMS_CONSTRAINT_NONE, "global: CONSTRAINT_NONE");
	IS_INT(m.a.zonelist_node, 0, "global: node 0's zonelist");
	IS_INT(m.a.zonelist_kind, 0, "global: ZONELIST_FALLBACK");
	IS_INT(m.a.n_zonerefs, 2, "global: its two zonerefs, up to the NULL zone");
	OK(m.a.zonerefs[0].zone == k.zone1 && m.a.zonerefs[0].zone_idx == 1 &&
	   m.a.zonerefs[0].node == 0, "global: the first zoneref is DMA32 of node 0");
	IS_INT(m.a.gfp_names.n, 5, "gfpflag_names[]: 5 entries to its { 0, NULL }");
	IS_STR(m.a.gfp_names.v[0].name, "GFP_HIGHUSER_MOVABLE", "gfpflag_names[0]'s name");
	done(&k, &m);

	/* a memcg OOM's: no zonelist, the memcg one of the tasks' */
	build(&k);
	put_oc(&k, k.stack + 0x3c90, 0, 0, k.memcg, 0xcc0, 0, 16384, 0, 3);
	collect(&k, &m, "memcg");
	OK(m.a.found && m.a.memcg == k.memcg && m.a.constraint == OMS_CONSTRAINT_MEMCG &&
	   m.a.zonelist_node == -1, "memcg: found, its memcg, CONSTRAINT_MEMCG, no zonelist");
	done(&k, &m);

	/* each member one the kernel cannot have put there (the fake
	 * kernel is built the same each time: the same addresses) */
	build(&k);
	zl = k.pgdat + 512;
	oms_fake_destroy(k.f);
	bad_one("zonelist not a node's", zl + 8, 0, 0, 79047, 0, 0, 0x140dca);
	bad_one("order 11 of 11 orders", zl, 0, 11, 79047, 0, 0, 0x140dca);
	bad_one("order -1 (sysrq's, with no zonelist)", 0, 0, -1, 79047, 0, 0, 0x140dca);
	bad_one("totalpages above totalram + swap", zl, 0, 0, 79048, 0, 0, 0x140dca);
	bad_one("totalpages 0", zl, 0, 0, 0, 0, 0, 0x140dca);
	bad_one("chosen not a task", zl, 0, 0, 79047, 0xffff888012345678ULL, 0, 0x140dca);
	bad_one("constraint 7", zl, 0, 0, 79047, 0, 7, 0x140dca);
	bad_one("CONSTRAINT_MEMCG with a zonelist", zl, 0, 0, 79047, 0, 3, 0x140dca);
	bad_one("a memcg not the tasks'", 0, 0xffff888004000000ULL, 0, 16384, 0, 3, 0xcc0);
	bad_one("a memcg with a zonelist", zl, 0xffff888003000000ULL, 0, 16384, 0, 3, 0xcc0);
	bad_one("gfp_mask 0", zl, 0, 0, 79047, 0, 0, 0);
	bad_one("a gfp bit no name has", zl, 0, 0, 79047, 0, 0, 0x140dca | 0x1000000);

	/* two that disagree: the outermost (the allocation's frame, above
	 * out_of_memory() and panic()) is taken, and a warning says so */
	build(&k);
	put_oc(&k, k.stack + 0x3c98, k.pgdat + 512, 0, 0, 0x140dca, 0, 79047, 0, 0);
	put_oc(&k, k.stack + 0x1000, k.pgdat + 512, 0, 0, 0xcc0, 0, 79047, 0, 0);
	collect(&k, &m, "two");
	OK(m.a.found && m.a.candidates == 2 && m.a.ambiguous, "two that disagree: ambiguous");
	OK(m.a.address == k.stack + 0x3c98 && m.a.gfp_mask == 0x140dca,
	   "two: the outermost is taken");
	OK(warned(&m, "look-alikes on the stack disagree"), "two: a warning says so");
	done(&k, &m);
	/* two that agree (a copy): not ambiguous */
	build(&k);
	put_oc(&k, k.stack + 0x3c98, k.pgdat + 512, 0, 0, 0x140dca, 0, 79047, 0, 0);
	put_oc(&k, k.stack + 0x1000, k.pgdat + 512, 0, 0, 0x140dca, 0, 79047, 0, 0);
	collect(&k, &m, "copy");
	OK(m.a.found && m.a.candidates == 2 && !m.a.ambiguous, "two that agree: not ambiguous");
	done(&k, &m);

	/* a stack page not in the dump, none elsewhere: not found, and said */
	build(&k);
	oms_fake_add_hole(k.f, k.stack + 0x3000, 4096);
	collect(&k, &m, "hole");
	OK(!m.a.found && warned(&m, "pages of the current task's stack") &&
	   strstr(m.a.why_not, "some pages not in the dump"),
	   "a stack page not in the dump: not found, and a warning says the page is missing");
	done(&k, &m);

	/* no current task: nothing to scan, said in why_not */
	build(&k);
	memset(&m, 0, sizeof(m));
	oms_kernel_init(&m.k);
	NO_ERR(oms_allocation_collect(oms_fake_target(k.f), &m.k, &m.zones, &m.mi,
				      &m.tasks, &m.memcgs, &m.a, &m.w), "no current: no error");
	OK(!m.a.found && strstr(m.a.why_not, "current task is unknown"),
	   "no current: not found, and why (%s)", m.a.why_not);
	done(&k, &m);
	return tap_done();
}
