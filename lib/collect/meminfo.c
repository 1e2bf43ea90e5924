// SPDX-License-Identifier: GPL-2.0
/*
 * The vm counters and totals that __show_mem() prints.  The counters are
 * the global atomics (vm_zone_stat[], vm_node_stat[]) and the per-node
 * pglist_data.vm_stat[], without the per-cpu diffs not yet folded in:
 * that is what global_*_page_state() and node_page_state() return, and
 * so what the kernel printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "meminfo.h"
#include "../model/warn.h"
#include "zones.h"

/* the enumerators of enum zone_stat_item that Mem-Info prints or that
 * help to read it; an alias (NR_ZONE_LRU_BASE) is never listed, so each
 * index gets the name that the renderer asks for */
static const char *const zone_stat_candidates[] = {
	"NR_FREE_PAGES", "NR_ZONE_INACTIVE_ANON", "NR_ZONE_ACTIVE_ANON",
	"NR_ZONE_INACTIVE_FILE", "NR_ZONE_ACTIVE_FILE", "NR_ZONE_UNEVICTABLE",
	"NR_ZONE_WRITE_PENDING", "NR_MLOCK", "NR_BOUNCE", "NR_ZSPAGES",
	"NR_FREE_CMA_PAGES", "NR_UNACCEPTED", "NR_PAGETABLE",
	"NR_KERNEL_STACK_KB",
};

static const char *const node_stat_candidates[] = {
	"NR_INACTIVE_ANON", "NR_ACTIVE_ANON", "NR_INACTIVE_FILE",
	"NR_ACTIVE_FILE", "NR_UNEVICTABLE", "NR_SLAB_RECLAIMABLE_B",
	"NR_SLAB_UNRECLAIMABLE_B", "NR_SLAB_RECLAIMABLE",
	"NR_SLAB_UNRECLAIMABLE", "NR_ISOLATED_ANON", "NR_ISOLATED_FILE",
	"WORKINGSET_NODES", "NR_ANON_MAPPED", "NR_FILE_MAPPED",
	"NR_FILE_PAGES", "NR_FILE_DIRTY", "NR_WRITEBACK", "NR_WRITEBACK_TEMP",
	"NR_SHMEM", "NR_SHMEM_THPS", "NR_SHMEM_PMDMAPPED", "NR_FILE_THPS",
	"NR_FILE_PMDMAPPED", "NR_ANON_THPS", "NR_UNSTABLE_NFS",
	"NR_VMSCAN_WRITE", "NR_VMSCAN_IMMEDIATE", "NR_DIRTIED", "NR_WRITTEN",
	"NR_THROTTLED_WRITTEN", "NR_KERNEL_MISC_RECLAIMABLE",
	"NR_FOLL_PIN_ACQUIRED", "NR_FOLL_PIN_RELEASED", "NR_KERNEL_STACK_KB",
	"NR_KERNEL_SCS_KB", "NR_PAGETABLE", "NR_SECONDARY_PAGETABLE",
	"NR_IOMMU_PAGES", "NR_SWAPCACHE",
	/* not NR_MEMMAP_PAGES/NR_MEMMAP_BOOT_PAGES: on 6.12 they belong to
	 * enum vm_stat_item, not to this enum, and Mem-Info does not print
	 * them; looking them up costs a scan of most of the DWARF */
};

/* names[] of enum ITEMS_ENUM's items, and the global array SYMBOL */
static struct oms_error *read_stats(const struct oms_target *t,
				    struct oms_warnings *w, const char *items_enum,
				    const char *symbol,
				    const char *const *candidates,
				    size_t n_candidates, int64_t **vals_ret,
				    const char ***names_ret, int *n_ret)
{
	struct oms_error *err;
	const char **names;
	int64_t n, v;
	int64_t *vals;
	uint64_t addr;
	size_t i;

	err = oms_enumerator(t, items_enum, &n);
	if (err)
		return err;
	if (n <= 0 || n > 4096)
		return oms_error_create(OMS_ERR_CORRUPT, "'%s' is %lld",
					items_enum, (long long)n);
	vals = calloc((size_t)n, sizeof(*vals));
	names = calloc((size_t)n, sizeof(*names));
	if (!vals || !names) {
		free(vals);
		free(names);
		return &oms_enomem;
	}
	for (i = 0; i < n_candidates; i++) {
		err = oms_enumerator(t, candidates[i], &v);
		if (err) {
			oms_error_destroy(err);
			continue;
		}
		if (v >= 0 && v < n && !names[v])
			names[v] = candidates[i];
	}
	*vals_ret = vals;
	*names_ret = names;
	*n_ret = (int)n;
	err = oms_symbol(t, symbol, &addr);
	if (!err)
		err = oms_read(t, addr, vals, (size_t)n * sizeof(*vals));
	if (err) {
		oms_warn(w, "cannot read '%s': %s", symbol,
			 err->message);
		oms_error_destroy(err);
		free(vals);
		*vals_ret = NULL;
	}
	return NULL;
}

static bool enum_exists(const struct oms_target *t, const char *name)
{
	struct oms_error *err;
	int64_t v;

	err = oms_enumerator(t, name, &v);
	oms_error_destroy(err);
	return !err;
}

static bool read_sym(const struct oms_target *t, struct oms_warnings *w,
		     const char *name, uint64_t *ret, bool warn)
{
	struct oms_error *err;
	uint64_t addr;

	err = oms_symbol(t, name, &addr);
	if (!err)
		err = oms_read_u64(t, addr, ret);
	if (err) {
		if (warn)
			oms_warn(w, "cannot read '%s': %s", name,
				 err->message);
		oms_error_destroy(err);
		return false;
	}
	return true;
}

struct hstate_layout {
	uint64_t size;
	struct oms_field order, nr, free, surp, nr_node, free_node, surp_node;
};

static struct oms_error *hstate_layout_init(const struct oms_target *t,
					    struct hstate_layout *l)
{
#define F(M, L) OMS_FIELD(struct hstate_layout, hstate, M, L, false)
	static const struct oms_field_spec fields[] = {
		F("order", order),
		F("nr_huge_pages", nr),
		F("free_huge_pages", free),
		F("surplus_huge_pages", surp),
		F("nr_huge_pages_node", nr_node),
		F("free_huge_pages_node", free_node),
		F("surplus_huge_pages_node", surp_node),
	};
#undef F
	struct oms_error *err;

	err = oms_type_size(t, "struct hstate", &l->size);
	if (!err)
		err = oms_resolve_fields(t, fields, OMS_ARRAY_SIZE(fields), l);
	return err;
}

/* one unsigned int of hstate.<array>_node[nid] */
static struct oms_error *read_node_count(const struct oms_target *t,
					 uint64_t h, const struct oms_field *f,
					 int nid, uint64_t *ret)
{
	uint32_t v;
	struct oms_error *err;

	if ((uint64_t)(nid + 1) * 4 > f->size)
		return oms_error_create(OMS_ERR_CORRUPT,
					"node %d beyond 'hstate' node arrays", nid);
	err = oms_read_u32(t, h + f->offset + (uint64_t)nid * 4, &v);
	*ret = v;
	return err;
}

/* hugetlb_show_meminfo_node(): for_each_hstate, per node */
static void collect_hugepages(const struct oms_target *t,
			      const struct oms_kernel *k,
			      struct oms_meminfo *mi, struct oms_warnings *w)
{
	struct hstate_layout l;
	struct oms_error *err;
	uint64_t hstates, addr, order;
	uint32_t max, def = 0;
	size_t i;
	int h;

	if (!oms_symbol_exists(t, "hstates"))
		return;		/* !CONFIG_HUGETLB_PAGE: nothing printed */
	err = hstate_layout_init(t, &l);
	if (!err)
		err = oms_symbol(t, "hstates", &hstates);
	if (!err)
		err = oms_symbol(t, "hugetlb_max_hstate", &addr);
	if (!err)
		err = oms_read_u32(t, addr, &max);
	if (err)
		goto out_warn;
	if (max > OMS_MAX_HSTATES) {
		oms_warn(w, "'hugetlb_max_hstate' is %u, reading %d",
			 max, OMS_MAX_HSTATES);
		max = OMS_MAX_HSTATES;
	}
	if (oms_symbol(t, "default_hstate_idx", &addr) == NULL) {
		err = oms_read_u32(t, addr, &def);
		if (err) {
			oms_warn(w,
				 "cannot read 'default_hstate_idx' at 0x%llx, taking hstate %u: %s",
				 (unsigned long long)addr, def, err->message);
			oms_error_destroy(err);
		}
	}
	for (h = 0; h < (int)max; h++) {
		uint64_t hs = hstates + (uint64_t)h * l.size;

		err = oms_read_field(t, hs, &l.order, &order);
		if (err)
			goto out_warn;
		if (order > 40) {
			err = oms_error_create(OMS_ERR_CORRUPT,
					       "'hstates[%d].order' is %llu", h,
					       (unsigned long long)order);
			goto out_warn;
		}
		mi->hstate_size_kb[h] = (k->page_size << order) / 1024;
		if ((uint32_t)h == def) {
			err = oms_read_field(t, hs, &l.nr, &mi->hugepages_total);
			if (!err)
				err = oms_read_field(t, hs, &l.free,
						     &mi->hugepages_free);
			if (err)
				goto out_warn;
			mi->hugepage_size_kb = mi->hstate_size_kb[h];
		}
		for (i = 0; i < mi->n_nodes; i++) {
			struct oms_node *nd = &mi->nodes[i];

			err = read_node_count(t, hs, &l.nr_node, nd->id,
					      &nd->huge_total[h]);
			if (!err)
				err = read_node_count(t, hs, &l.free_node,
						      nd->id, &nd->huge_free[h]);
			if (!err)
				err = read_node_count(t, hs, &l.surp_node,
						      nd->id, &nd->huge_surp[h]);
			if (err)
				goto out_warn;
		}
		mi->nr_hstates = h + 1;
	}
	return;

out_warn:
	oms_warn(w, "cannot read the hugepage states: %s",
		 err->message);
	oms_error_destroy(err);
}

/* what is read of each node's pglist_data */
struct pgdat_layout {
	struct oms_field vm_stat, kswapd_failures;
};

static void collect_nodes(const struct oms_target *t, struct oms_meminfo *mi,
			  struct oms_warnings *w)
{
	static const struct oms_field_spec fields[] = {
		OMS_FIELD(struct pgdat_layout, pglist_data, "vm_stat", vm_stat,
			  false),
		OMS_FIELD(struct pgdat_layout, pglist_data, "kswapd_failures",
			  kswapd_failures, true),
	};
	struct pgdat_layout l;
	struct oms_error *err;
	uint64_t *pgdats = NULL, v;
	int *ids = NULL;
	size_t n, i;

	/* a node left out is said by the zones, which read them too */
	err = oms_online_nodes(t, NULL, &ids, &pgdats, &n);
	if (!err)
		err = oms_resolve_fields(t, fields, OMS_ARRAY_SIZE(fields), &l);
	if (err)
		goto out_warn;
	mi->nodes = calloc(n ? n : 1, sizeof(*mi->nodes));
	if (!mi->nodes) {
		err = &oms_enomem;
		goto out_warn;
	}
	for (i = 0; i < n; i++) {
		struct oms_node *nd = &mi->nodes[mi->n_nodes++];
		int nr = (int)(l.vm_stat.size / 8);

		nd->id = ids[i];
		nd->addr = pgdats[i];
		if (l.kswapd_failures.present) {
			err = oms_read_field(t, nd->addr, &l.kswapd_failures,
					     &v);
			if (err) {
				oms_warn(w,
					 "node %d: cannot read 'pglist_data.kswapd_failures' at 0x%llx: %s",
					 nd->id, (unsigned long long)(nd->addr +
					 l.kswapd_failures.offset),
					 err->message);
				oms_error_destroy(err);
				err = NULL;
			} else {
				nd->kswapd_failures = (int)v;
			}
		}
		nd->vm_stat = calloc((size_t)nr, sizeof(*nd->vm_stat));
		if (!nd->vm_stat)
			continue;
		err = oms_read(t, nd->addr + l.vm_stat.offset, nd->vm_stat,
			       (size_t)nr * 8);
		if (err) {
			oms_warn(w,
				 "node %d: cannot read 'pglist_data.vm_stat': %s",
				 nd->id, err->message);
			oms_error_destroy(err);
			err = NULL;
			free(nd->vm_stat);
			nd->vm_stat = NULL;
			continue;
		}
		nd->nr_vm_stat = nr;
	}
	free(ids);
	free(pgdats);
	return;

out_warn:
	oms_warn(w, "cannot read the nodes: %s", err->message);
	oms_error_destroy(err);
	free(ids);
	free(pgdats);
}

/* a symbol's address, no read: false if absent */
static bool sym_addr(const struct oms_target *t, const char *name,
		     uint64_t *ret)
{
	struct oms_error *err = oms_symbol(t, name, ret);

	oms_error_destroy(err);
	return !err;
}

/* the pages of a struct resource (start..end inclusive), 0 if unset */
static bool resource_pages(const struct oms_target *t, const char *name,
			   uint64_t page_size, uint64_t *ret)
{
	struct oms_field start, end;
	struct oms_error *err;
	uint64_t addr, s = 0, e = 0;

	*ret = 0;
	if (!sym_addr(t, name, &addr))
		return false;
	err = oms_field(t, "struct resource", "start", &start);
	if (!err)
		err = oms_field(t, "struct resource", "end", &end);
	if (!err)
		err = oms_read_field(t, addr, &start, &s);
	if (!err)
		err = oms_read_field(t, addr, &end, &e);
	oms_error_destroy(err);
	if (err)
		return false;
	if (e > s)
		*ret = (e - s + 1) / page_size;
	return true;
}

/* a chunk's nr_populated, 0 for a NULL chunk pointer */
static bool chunk_populated(const struct oms_target *t, const char *name,
			    uint64_t *ret)
{
	struct oms_field f;
	struct oms_error *err;
	uint64_t chunk = 0;

	*ret = 0;
	if (!read_sym(t, NULL, name, &chunk, false))
		return false;
	if (!chunk)
		return true;
	err = oms_field(t, "struct pcpu_chunk", "nr_populated", &f);
	if (!err)
		err = oms_read_field(t, chunk, &f, ret);
	oms_error_destroy(err);
	return !err;
}

/*
 * What the ledger needs beyond the vm counters.  vmalloc: nr_vmalloc_pages
 * (mm/vmalloc.c, atomic_long_t since 4e5aa1f4c2b4, v5.8), which counts the
 * vmalloc'd stacks too under CONFIG_VMAP_STACK (kernel/fork.c's per-cpu
 * cached_stacks exist only then).  percpu: pcpu_nr_pages() =
 * pcpu_nr_populated * pcpu_nr_units (mm/percpu.c); pcpu_setup_first_chunk()
 * counts the first chunk, memblock memory outside the managed pages, in
 * it.  The kernel image: what stays of _text.._end after free_initmem().
 * crashk_res: the crash kernel's reservation.  Nothing here is an error:
 * a line the ledger cannot tell apart joins "other reserved" or
 * "unaccounted", and says so.
 */
static void collect_kmem(const struct oms_target *t, const struct oms_kernel *k,
			 struct oms_kmem *km, struct oms_warnings *w)
{
	uint64_t a, b, v, units, first, reserved;
	uint64_t ps = k->page_size ? k->page_size : 4096;

	/* a symbol this kernel has but the dump cannot give is a warning:
	 * its line of the ledger joins the remainder */
	km->has_vmalloc = oms_symbol_exists(t, "nr_vmalloc_pages") &&
			  read_sym(t, w, "nr_vmalloc_pages", &km->vmalloc_pages,
				   true);
	km->vmap_stack = oms_symbol_exists(t, "cached_stacks");
	if (oms_symbol_exists(t, "pcpu_nr_populated") &&
	    read_sym(t, w, "pcpu_nr_populated", &v, true) &&
	    sym_addr(t, "pcpu_nr_units", &a)) {
		uint32_t u;
		struct oms_error *err = oms_read_u32(t, a, &u);

		oms_error_destroy(err);
		units = u;
		if (err || !chunk_populated(t, "pcpu_first_chunk", &first) ||
		    !chunk_populated(t, "pcpu_reserved_chunk", &reserved)) {
			oms_warn(w, "cannot read the percpu chunks "
				    "(pcpu_nr_units, pcpu_first_chunk, "
				    "pcpu_reserved_chunk)");
		} else {
			km->has_percpu = true;
			km->percpu_pages = v * units;
			km->percpu_first_pages = (first + reserved) * units;
			if (km->percpu_first_pages > km->percpu_pages)
				km->percpu_first_pages = km->percpu_pages;
		}
	}
	/* the image's sections, as mem_init_print_info() counts them (code,
	 * rodata, rwdata, bss): the gaps between them and the init sections
	 * are given back (free_kernel_image_pages(), free_initmem()) */
	{
		static const char *const spans[][2] = {
			{ "_text", "_etext" },
			{ "__start_rodata", "__end_rodata" },
			{ "_sdata", "_edata" },
			{ "__bss_start", "__bss_stop" },
		};
		uint64_t len = 0;
		size_t i;

		for (i = 0; i < sizeof(spans) / sizeof(spans[0]); i++) {
			if (!sym_addr(t, spans[i][0], &a) ||
			    !sym_addr(t, spans[i][1], &b) || b < a)
				break;
			len += b - a;
		}
		if (i == sizeof(spans) / sizeof(spans[0])) {
			km->has_image = true;
			km->image_pages = (len + ps - 1) / ps;
		}
	}
	if (!km->has_image && sym_addr(t, "_text", &a) &&
	    sym_addr(t, "_end", &b) && b > a) {
		uint64_t init_b, init_e, len = b - a;

		if (sym_addr(t, "__init_begin", &init_b) &&
		    sym_addr(t, "__init_end", &init_e) && init_e > init_b &&
		    init_e - init_b < len)
			len -= init_e - init_b;
		km->has_image = true;
		km->image_pages = (len + ps - 1) / ps;
	}
	if (oms_symbol_exists(t, "crashk_res") &&
	    !resource_pages(t, "crashk_res", ps, &v))
		oms_warn(w, "cannot read 'crashk_res'");
	else if (oms_symbol_exists(t, "crashk_res")) {
		km->has_crashkernel = true;
		km->crashkernel_pages = v;
		if (resource_pages(t, "crashk_low_res", ps, &v))
			km->crashkernel_pages += v;
	}
	{
		struct oms_error *err = oms_type_size(t, "struct page", &v);

		oms_error_destroy(err);
		if (!err && v) {
			km->has_struct_page = true;
			km->struct_page_size = v;
		}
	}
}

struct oms_error *oms_meminfo_collect(const struct oms_target *t,
				      const struct oms_kernel *k,
				      struct oms_meminfo *mi,
				      struct oms_warnings *w)
{
	struct oms_error *err;
	uint64_t v;
	bool ok = true;

	oms_meminfo_deinit(mi);
	/* _totalram_pages (atomic_long_t) since ca79b0c211af (5.0) */
	if (!read_sym(t, w, "_totalram_pages", &mi->totalram_pages, false))
		ok &= read_sym(t, w, "totalram_pages", &mi->totalram_pages, true);
	ok &= read_sym(t, w, "totalreserve_pages", &mi->totalreserve_pages,
		       true);
	/* CONFIG_SWAP */
	if (oms_symbol_exists(t, "total_swap_pages")) {
		ok &= read_sym(t, w, "total_swap_pages", &mi->total_swap_pages,
			       true);
		ok &= read_sym(t, w, "nr_swap_pages", &mi->free_swap_pages,
			       true);
	}
	/* CONFIG_HIGHMEM */
	if (oms_symbol_exists(t, "_totalhigh_pages"))
		read_sym(t, w, "_totalhigh_pages", &mi->totalhigh_pages, true);

	err = read_stats(t, w, "NR_VM_ZONE_STAT_ITEMS", "vm_zone_stat",
			 zone_stat_candidates,
			 sizeof(zone_stat_candidates) / sizeof(char *),
			 &mi->zone_stat, &mi->zone_stat_names,
			 &mi->nr_zone_stat);
	if (!err)
		err = read_stats(t, w, "NR_VM_NODE_STAT_ITEMS", "vm_node_stat",
				 node_stat_candidates,
				 sizeof(node_stat_candidates) / sizeof(char *),
				 &mi->node_stat, &mi->node_stat_names,
				 &mi->nr_node_stat);
	if (err == &oms_enomem)
		return err;
	if (err) {
		oms_warn(w, "cannot read the vm counters: %s",
			 err->message);
		oms_error_destroy(err);
		ok = false;
	}
	ok &= mi->zone_stat && mi->node_stat;

	/* the config, as show_mem's #ifdefs see it */
	mi->numa = oms_symbol_exists(t, "node_data");
	mi->thp = oms_symbol_exists(t, "transparent_hugepage_flags");
	mi->cma = enum_exists(t, "MIGRATE_CMA");
	if (mi->cma)
		read_sym(t, w, "totalcma_pages", &mi->totalcma_pages, true);
	mi->hwpoison = oms_symbol_exists(t, "num_poisoned_pages");
	if (mi->hwpoison &&
	    read_sym(t, w, "num_poisoned_pages", &v, true))
		mi->num_poisoned_pages = v;
	/*
	 * Up to 6.3 show_free_areas() lived in mm/page_alloc.c as the global
	 * __show_free_areas() and printed "shmem_thp: %lukB" (with a space);
	 * its move to mm/show_mem.c (6.4) made it static show_free_areas()
	 * and dropped the spaces.  The global symbol tells the two apart.
	 */
	mi->old_show_free_areas = oms_symbol_exists(t, "__show_free_areas");

	collect_nodes(t, mi, w);
	collect_hugepages(t, k, mi, w);
	collect_kmem(t, k, &mi->kmem, w);
	mi->valid = ok;
	return NULL;
}

