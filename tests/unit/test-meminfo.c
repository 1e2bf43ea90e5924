// SPDX-License-Identifier: GPL-2.0
/*
 * lib/meminfo.c and lib/sysctl.c on a synthetic kernel: the global and
 * per-node counters by enumerator name, clamping at 0 as
 * global_node_page_state() does, hugepage states per node, the totals,
 * the sysctls, and a sysctl the kernel lacks (a warning, not an error).
 */
#include <stdlib.h>

#include "../../lib/model/lookup.h"
#include "../../lib/backend/fake.h"
#include "../../lib/collect/meminfo.h"
#include "../../lib/analysis/show_mem.h"
#include "../../lib/collect/sysctl.h"
#include "../../lib/model/warn.h"
#include "tap.h"

#define PGDAT_VMSTAT 64
#define NR_NODE_ITEMS 6
#define NR_ZONE_ITEMS 3
#define HSTATE_SIZE 128

static uint64_t sym(struct oms_fake *f, const char *name, size_t len)
{
	uint64_t a = oms_fake_alloc(f, len);

	oms_fake_add_symbol(f, name, a);
	return a;
}

static struct oms_fake *build(bool with_kbytes)
{
	struct oms_fake *f = oms_fake_create();
	uint64_t a, pgdat, hs;
	static const char *const node_items[NR_NODE_ITEMS] = {
		"NR_INACTIVE_ANON", "NR_ACTIVE_ANON", "NR_ISOLATED_ANON",
		"NR_FILE_PAGES", "NR_SHMEM", "NR_SWAPCACHE",
	};
	int i;

	oms_fake_add_vmcoreinfo(f, "PAGESIZE", "4096");
	for (i = 0; i < NR_NODE_ITEMS; i++)
		oms_fake_add_enum(f, node_items[i], i);
	oms_fake_add_enum(f, "NR_LRU_BASE", 0);	/* an alias of index 0 */
	oms_fake_add_enum(f, "NR_VM_NODE_STAT_ITEMS", NR_NODE_ITEMS);
	oms_fake_add_enum(f, "NR_FREE_PAGES", 0);
	oms_fake_add_enum(f, "NR_BOUNCE", 1);
	oms_fake_add_enum(f, "NR_FREE_CMA_PAGES", 2);
	oms_fake_add_enum(f, "NR_VM_ZONE_STAT_ITEMS", NR_ZONE_ITEMS);

	a = sym(f, "vm_node_stat", 8 * NR_NODE_ITEMS);
	oms_fake_poke_u64(f, a + 0, 700);
	oms_fake_poke_u64(f, a + 8, 300);
	oms_fake_poke_u64(f, a + 16, (uint64_t)-3);	/* negative: printed 0 */
	oms_fake_poke_u64(f, a + 24, 55);
	a = sym(f, "vm_zone_stat", 8 * NR_ZONE_ITEMS);
	oms_fake_poke_u64(f, a, 123);

	oms_fake_poke_u64(f, sym(f, "_totalram_pages", 8), 79047);
	oms_fake_poke_u64(f, sym(f, "totalreserve_pages", 8), 1075);
	oms_fake_poke_u64(f, sym(f, "total_swap_pages", 8), 32767);
	oms_fake_poke_u64(f, sym(f, "nr_swap_pages", 8), 100);

	/* non-NUMA: contig_page_data with vm_stat */
	oms_fake_add_type(f, "struct zone", 64);
	oms_fake_add_type(f, "struct pglist_data", 256);
	oms_fake_add_member(f, "struct pglist_data", "node_zones", 0, 64);
	oms_fake_add_member(f, "struct pglist_data", "node_id", 200, 4);
	oms_fake_add_member(f, "struct pglist_data", "kswapd_failures", 204, 4);
	oms_fake_add_member(f, "struct pglist_data", "vm_stat", PGDAT_VMSTAT,
			    8 * NR_NODE_ITEMS);
	pgdat = sym(f, "contig_page_data", 256);
	oms_fake_poke_u64(f, pgdat + PGDAT_VMSTAT + 8, 299);
	oms_fake_poke_u32(f, pgdat + 204, 16);

	/* two hstates, 1 GB and 2 MB, like x86 */
	oms_fake_add_type(f, "struct hstate", HSTATE_SIZE);
	oms_fake_add_member(f, "struct hstate", "order", 0, 4);
	oms_fake_add_member(f, "struct hstate", "nr_huge_pages", 8, 8);
	oms_fake_add_member(f, "struct hstate", "free_huge_pages", 16, 8);
	oms_fake_add_member(f, "struct hstate", "surplus_huge_pages", 24, 8);
	oms_fake_add_member(f, "struct hstate", "nr_huge_pages_node", 32, 16);
	oms_fake_add_member(f, "struct hstate", "free_huge_pages_node", 48, 16);
	oms_fake_add_member(f, "struct hstate", "surplus_huge_pages_node", 64, 16);
	hs = sym(f, "hstates", 2 * HSTATE_SIZE);
	oms_fake_poke_u32(f, hs, 18);
	oms_fake_poke_u32(f, hs + HSTATE_SIZE, 9);
	oms_fake_poke_u64(f, hs + HSTATE_SIZE + 8, 6);
	oms_fake_poke_u64(f, hs + HSTATE_SIZE + 16, 2);
	oms_fake_poke_u32(f, hs + HSTATE_SIZE + 32, 6);
	oms_fake_poke_u32(f, hs + HSTATE_SIZE + 48, 2);
	oms_fake_poke_u32(f, hs + HSTATE_SIZE + 64, 1);
	oms_fake_poke_u32(f, sym(f, "hugetlb_max_hstate", 4), 2);
	oms_fake_poke_u32(f, sym(f, "default_hstate_idx", 4), 1);

	/* the sysctls */
	oms_fake_poke_u32(f, sym(f, "sysctl_panic_on_oom", 4), 2);
	oms_fake_poke_u32(f, sym(f, "sysctl_oom_kill_allocating_task", 4), 1);
	oms_fake_poke_u32(f, sym(f, "sysctl_oom_dump_tasks", 4), 1);
	oms_fake_poke_u32(f, sym(f, "sysctl_overcommit_memory", 4), 2);
	oms_fake_poke_u32(f, sym(f, "sysctl_overcommit_ratio", 4), 50);
	if (with_kbytes)
		oms_fake_poke_u64(f, sym(f, "sysctl_overcommit_kbytes", 8),
				  1ULL << 33);
	return f;
}

int main(void)
{
	struct oms_fake *f = build(true);
	const struct oms_target *t = oms_fake_target(f);
	struct oms_meminfo *mi;
	struct oms_model m;
	struct oms_zone zone = {0};
	bool found;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	memset(&m, 0, sizeof(m));
	m.kernel.panic_cpu = -1;
	m.kernel.page_size = 4096;	/* oms_kernel_collect's (test-kernel.c) */
	mi = &m.meminfo;
	NO_ERR(oms_meminfo_collect(t, &m.kernel, &m.meminfo, &m.warnings), "collect");
	OK(mi->valid, "valid");
	IS_INT(mi->totalram_pages, 79047, "_totalram_pages");
	IS_INT(mi->totalreserve_pages, 1075, "totalreserve_pages");
	IS_INT(mi->total_swap_pages, 32767, "total_swap_pages");
	IS_INT(mi->free_swap_pages, 100, "nr_swap_pages");
	IS_INT(mi->nr_node_stat, NR_NODE_ITEMS, "NR_VM_NODE_STAT_ITEMS counters");
	IS_STR(mi->node_stat_names[0], "NR_INACTIVE_ANON",
	       "index 0 named by the item, not the alias NR_LRU_BASE");
	IS_INT(oms_global_node_stat(mi, "NR_ACTIVE_ANON", &found), 300,
	       "global NR_ACTIVE_ANON");
	OK(found, "found");
	IS_INT(mi->node_stat[2], -3, "the raw atomic is kept");
	IS_INT(oms_global_node_stat(mi, "NR_ISOLATED_ANON", NULL), 0,
	       "a negative atomic reads as 0, like global_node_page_state()");
	oms_global_node_stat(mi, "NR_KERNEL_SCS_KB", &found);
	OK(!found, "an item this kernel lacks is not found");
	IS_INT(oms_global_zone_stat(mi, "NR_FREE_PAGES", NULL), 123,
	       "global NR_FREE_PAGES");
	IS_INT(m.meminfo.n_nodes, 1, "contig_page_data: one node");
	IS_INT(oms_node_stat(mi, &m.meminfo.nodes[0], "NR_ACTIVE_ANON", NULL), 299,
	       "node 0 NR_ACTIVE_ANON from pglist_data.vm_stat");
	IS_INT(m.meminfo.nodes[0].kswapd_failures, 16, "kswapd_failures");
	IS_INT(mi->nr_hstates, 2, "two hstates");
	IS_INT(mi->hstate_size_kb[0], 1048576, "hstate 0: 1 GB");
	IS_INT(mi->hstate_size_kb[1], 2048, "hstate 1: 2 MB");
	IS_INT(mi->hugepages_total, 6, "default hstate total");
	IS_INT(mi->hugepage_size_kb, 2048, "default hstate size");
	IS_INT(m.meminfo.nodes[0].huge_total[1], 6, "node 0 2 MB total");
	IS_INT(m.meminfo.nodes[0].huge_free[1], 2, "node 0 2 MB free");
	IS_INT(m.meminfo.nodes[0].huge_surp[1], 1, "node 0 2 MB surplus");
	OK(!mi->numa && !mi->thp && !mi->cma && !mi->hwpoison,
	   "config: none of NUMA, THP, CMA, MEMORY_FAILURE");

	out = open_memstream(&text, &len);
	oms_show_mem(out, &m);
	fclose(out);
	OK(strstr(text, "\nactive_anon:300 inactive_anon:700 isolated_anon:0\n"),
	   "rendered: the first counters line");
	OK(strstr(text, "\n free:123 free_pcp:0 free_cma:0\n"),
	   "rendered: free line of the counters");
	OK(!strstr(text, "Node 0 active_anon:"),
	   "rendered: no node line for a node without managed zones (mm/show_mem.c)");
	OK(strstr(text, "\nNode 0 hugepages_total=6 hugepages_free=2 "
		  "hugepages_surp=1 hugepages_size=2048kB\n"),
	   "rendered: hugepages of node 0");
	OK(strstr(text, "\n55 total pagecache pages\n0 pages in swap cache\n"
		  "Free swap  = 400kB\nTotal swap = 131068kB\n"),
	   "rendered: pagecache and swap");
	OK(!strstr(text, "hwpoisoned") && !strstr(text, "cma reserved"),
	   "rendered: no CMA or hwpoison lines without the config");
	free(text);

	/* a managed zone on node 0: its node line is printed */
	zone.node = 0;
	zone.managed_pages = 10;
	zone.present_pages = 12;
	snprintf(zone.name, sizeof(zone.name), "DMA32");
	m.zones.v = &zone;
	m.zones.n = 1;
	text = NULL;
	out = open_memstream(&text, &len);
	oms_show_mem(out, &m);
	fclose(out);
	OK(strstr(text, "\nNode 0 active_anon:1196kB inactive_anon:0kB "),
	   "rendered: the node line in kB");
	OK(strstr(text, " all_unreclaimable? yes\n"),
	   "rendered: kswapd_failures 16 is all_unreclaimable");
	OK(strstr(text, "\n12 pages RAM\n0 pages HighMem/MovableOnly\n2 pages reserved\n"),
	   "rendered: RAM and reserved from present - managed");
	OK(strstr(text, "\nDMA32 free:0kB"),
	   "rendered: no \"Node N \" before zones without CONFIG_NUMA");
	free(text);
	m.zones.v = NULL;
	m.zones.n = 0;

	NO_ERR(oms_sysctl_collect(t, &m.sysctl, &m.warnings), "sysctls");
	OK(m.sysctl.valid, "sysctls valid");
	IS_INT(m.sysctl.panic_on_oom, 2, "panic_on_oom");
	IS_INT(m.sysctl.oom_kill_allocating_task, 1, "oom_kill_allocating_task");
	IS_INT(m.sysctl.overcommit_memory, 2, "overcommit_memory");
	IS_INT(m.sysctl.overcommit_ratio, 50, "overcommit_ratio");
	OK(m.sysctl.overcommit_kbytes == 1ULL << 33, "overcommit_kbytes, 8 bytes");
	IS_INT(m.warnings.n, 0, "no warnings");
	oms_meminfo_deinit(&m.meminfo);
	oms_fake_destroy(f);

	f = build(false);
	t = oms_fake_target(f);
	NO_ERR(oms_sysctl_collect(t, &m.sysctl, &m.warnings), "missing sysctl: no error");
	OK(!m.sysctl.valid, "missing sysctl: not valid");
	IS_INT(m.sysctl.panic_on_oom, 2, "missing sysctl: the others read");
	OK(m.warnings.n == 1 &&
	   strstr(m.warnings.v[0].message, "sysctl_overcommit_kbytes"),
	   "missing sysctl: one warning naming it");
	oms_warnings_deinit(&m.warnings);
	oms_fake_destroy(f);
	return tap_done();
}
