// SPDX-License-Identifier: GPL-2.0
/*
 * The ledger and the diagnosis on hand-built models: one case per class,
 * each the rule of lib/analysis/diagnosis.c worked out by hand (the
 * figures in the comments), and the ledger's one invariant: its lines
 * (subsets aside) sum to the zones' present pages, whatever the counters.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/analysis/diagnosis.h"
#include "../../lib/analysis/ledger.h"
#include "../../lib/oomscan.h"
#include "tap.h"

static const char *node_names[] = {
	"NR_INACTIVE_ANON", "NR_ACTIVE_ANON", "NR_INACTIVE_FILE",
	"NR_ACTIVE_FILE", "NR_UNEVICTABLE", "NR_SLAB_RECLAIMABLE_B",
	"NR_SLAB_UNRECLAIMABLE_B", "NR_PAGETABLE", "NR_KERNEL_STACK_KB",
};
enum { ANON, ANON_A, FILE_I, FILE_A, UNEV, SRECL, SUNRECL, PGT, STACK_KB,
       NR_NODE };

struct fixture {
	struct oms_model m;
	int64_t node[NR_NODE];
	struct oms_zone zones[2];
	struct oms_wmark_check checks[2];
};

/* one DMA32 zone of 100,000 present, 80,000 managed pages, 500 free */
static void setup(struct fixture *f)
{
	struct oms_model *m = &f->m;

	memset(f, 0, sizeof(*f));
	oms_model_init(m);
	m->kernel.page_size = 4096;
	m->report.found = true;
	m->meminfo.valid = true;
	m->meminfo.node_stat = f->node;
	m->meminfo.node_stat_names = node_names;
	m->meminfo.nr_node_stat = NR_NODE;
	strcpy(f->zones[0].name, "DMA32");
	f->zones[0].populated = true;
	f->zones[0].present_pages = 100000;
	f->zones[0].managed_pages = 80000;
	f->zones[0].free_pages = 500;
	f->zones[0].min = 600;
	m->zones.v = f->zones;
	m->zones.n = 1;
}

static void run(struct fixture *f)
{
	oms_ledger_compute(&f->m);
	oms_diagnosis_compute(&f->m);
}

/* the ledger's sum: every line that is not a subset */
static int64_t ledger_sum(const struct oms_ledger *l)
{
	int64_t s = 0;

	for (size_t i = 0; i < l->n_lines; i++)
		if (!l->lines[i].subset)
			s += l->lines[i].pages;
	return s;
}

static void done(struct fixture *f)
{
	/* the fixture owns the arrays, not the model */
	memset(&f->m.meminfo, 0, sizeof(f->m.meminfo));
	memset(&f->m.zones, 0, sizeof(f->m.zones));
	oms_model_deinit(&f->m);
}

int main(void)
{
	struct fixture f;

	/* user memory: anon 70,000 of 80,000 managed */
	setup(&f);
	f.node[ANON] = 70000;
	f.node[SUNRECL] = 2000;
	run(&f);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "user_memory",
	       "anon 70,000 pages: user memory");
	OK(!f.m.diagnosis.has_runner_up, "no runner-up: slab 2,000 < 35,000");
	IS_INT(ledger_sum(&f.m.ledger), 100000, "the ledger sums to present");
	IS_INT(f.m.ledger.groups[OMS_LEDGER_RESERVED].pages, 20000,
	       "reserved = present - managed = 20,000");
	/* 80,000 managed - 500 free - 70,000 - 2,000 = 7,500 unaccounted */
	IS_INT(f.m.ledger.groups[OMS_LEDGER_UNACCOUNTED].pages, 7500,
	       "unaccounted = managed less the counters");
	OK(strstr(f.m.diagnosis.evidence[0], "280000 kB of 320000 kB managed (87%)") != NULL,
	   "evidence: the LRU's kB and share (%s)", f.m.diagnosis.evidence[0]);
	done(&f);

	/* swap exhausted: the same, with 10,000 swap pages, 50 free (0.5%) */
	setup(&f);
	f.node[ANON] = 70000;
	f.m.meminfo.total_swap_pages = 10000;
	f.m.meminfo.free_swap_pages = 50;
	run(&f);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "swap_exhausted",
	       "user memory with 0.5%% swap free: swap exhausted");
	f.m.meminfo.free_swap_pages = 2000;
	oms_diagnosis_compute(&f.m);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "user_memory",
	       "20%% swap free: user memory");
	done(&f);

	/* slab: unreclaimable 60,000, LRU 3,000 */
	setup(&f);
	f.node[ANON] = 3000;
	f.node[SUNRECL] = 60000;
	run(&f);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "slab",
	       "slab 60,000 pages: kernel slab");
	done(&f);

	/* page tables 40,000 and anon 25,000: page tables, runner-up user
	 * memory (25,000 >= 40,000 / 2) */
	setup(&f);
	f.node[ANON] = 25000;
	f.node[PGT] = 40000;
	run(&f);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "pagetables",
	       "page tables 40,000: page tables");
	OK(f.m.diagnosis.has_runner_up &&
	   f.m.diagnosis.runner_up == OMS_DIAG_USER,
	   "runner-up: user memory at 25,000");
	done(&f);

	/* unaccounted: counters 5,000 in all, stacks 1,000 pages (4,000 kB)
	 * among them: 80,000 - 500 - 5,000 = 74,500 in no counter */
	setup(&f);
	f.node[ANON] = 2000;
	f.node[SUNRECL] = 2000;
	f.node[STACK_KB] = 4000;
	run(&f);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "unaccounted",
	       "74,500 pages in no counter: unaccounted");
	IS_INT(f.m.ledger.groups[OMS_LEDGER_UNACCOUNTED].pages, 74500,
	       "unaccounted pages");
	IS_INT(f.m.ledger.groups[OMS_LEDGER_KERNEL].pages, 1000,
	       "stacks: 4,000 kB = 1,000 pages");
	done(&f);

	/* a memcg's limit decides before any holder */
	setup(&f);
	f.node[ANON] = 70000;
	f.m.oom.constraint = OMS_CONSTRAINT_MEMCG;
	run(&f);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "memcg_limit",
	       "CONSTRAINT_MEMCG: a memcg limit");
	f.m.oom.constraint = OMS_CONSTRAINT_CPUSET;
	oms_diagnosis_compute(&f.m);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "cpuset",
	       "CONSTRAINT_CPUSET: cpuset");
	f.m.oom.constraint = OMS_CONSTRAINT_MEMORY_POLICY;
	oms_diagnosis_compute(&f.m);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "mempolicy",
	       "CONSTRAINT_MEMORY_POLICY: mempolicy");
	done(&f);

	/* fragmentation: order 2, the zone passes order 0, no block */
	setup(&f);
	f.node[ANON] = 20000;
	f.zones[0].free_pages = 50000;
	f.m.allocation.order = 2;
	f.m.watermarks.computed = true;
	f.checks[0].result = OMS_WMARK_NO_BLOCK;
	f.checks[0].free = 50000;
	f.m.watermarks.v = f.checks;
	f.m.watermarks.n = 1;
	run(&f);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "fragmentation",
	       "order 2, no free block: fragmentation");
	f.m.allocation.order = 0;
	oms_diagnosis_compute(&f.m);
	OK(f.m.diagnosis.class != OMS_DIAG_FRAGMENTATION,
	   "order 0 is never fragmentation");
	f.m.watermarks.v = NULL;
	done(&f);

	/* zone-specific: a GFP_DMA32 allocation fails while Normal has
	 * 20,000 pages above its min of 500 (more than 1% of its 40,000) */
	setup(&f);
	f.node[ANON] = 20000;
	strcpy(f.zones[1].name, "Normal");
	f.zones[1].populated = true;
	f.zones[1].present_pages = 40000;
	f.zones[1].managed_pages = 40000;
	f.zones[1].free_pages = 20500;
	f.zones[1].min = 500;
	f.m.zones.n = 2;
	f.m.watermarks.computed = true;
	f.checks[0].result = OMS_WMARK_BELOW_MIN;
	f.checks[1].ineligible = OMS_WMARK_ZONE_TOO_HIGH;
	f.m.watermarks.v = f.checks;
	f.m.watermarks.n = 2;
	strcpy(f.m.watermarks.highest_zone, "ZONE_DMA32");
	run(&f);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "zone_specific",
	       "DMA32 only while Normal is free: zone-specific");
	IS_INT(ledger_sum(&f.m.ledger), 140000, "two zones: the ledger sums to 140,000");
	f.zones[1].free_pages = 800;	/* 300 above min: < 1% of 40,000 */
	oms_diagnosis_compute(&f.m);
	OK(f.m.diagnosis.class != OMS_DIAG_ZONE,
	   "Normal 300 pages above min is not enough to blame the zone");
	f.m.watermarks.v = NULL;
	done(&f);

	/* no OOM: none */
	setup(&f);
	f.m.report.found = false;
	run(&f);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "none", "no OOM: none");
	done(&f);

	/* no zones: no ledger, no diagnosis, a reason */
	setup(&f);
	f.m.zones.n = 0;
	run(&f);
	OK(!f.m.ledger.valid && f.m.ledger.why_not[0], "no zones: no ledger (%s)",
	   f.m.ledger.why_not);
	IS_STR(oms_diag_class_name(f.m.diagnosis.class), "none",
	       "no ledger: no class");
	done(&f);
	return tap_done();
}
