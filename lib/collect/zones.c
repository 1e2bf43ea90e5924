// SPDX-License-Identifier: GPL-2.0
/*
 * Zones and free areas.  Hold it next to include/linux/mmzone.h and
 * show_free_areas() (mm/page_alloc.c up to 6.3, mm/show_mem.c after).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "percpu.h"
#include "../model/warn.h"
#include "zones.h"

/* struct list_head: next, prev */
#define LIST_HEAD_SIZE 16
/* never walk more than this many blocks on one order, whatever nr_free says */
#define FREE_LIST_HARD_LIMIT (1ULL << 26)
/* node_states[] of a kernel without N_ONLINE in its DWARF: N_POSSIBLE = 0,
 * N_ONLINE = 1 since 2.6.23 (include/linux/nodemask.h) */
#define N_ONLINE_DEFAULT 1

struct zone_layout {
	uint64_t zone_size;
	struct oms_field node_zones;	/* pglist_data.node_zones[] */
	int nr_node_zones;		/* MAX_NR_ZONES */
	struct oms_field node_id;
	struct oms_field watermark;	/* _watermark[] (4.21+), watermark[] */
	struct oms_field watermark_boost;
	struct oms_field nr_reserved_highatomic, nr_free_highatomic;
	struct oms_field lowmem_reserve;
	struct oms_field present_pages, spanned_pages, managed_pages;
	struct oms_field name;
	struct oms_field vm_stat;
	struct oms_field free_area;
	uint64_t free_area_size;
	int nr_orders;			/* NR_PAGE_ORDERS: the array's length */
	struct oms_field free_list, nr_free;
	int nr_lists;			/* MIGRATE_TYPES: free_list's length */
	struct oms_field pageset;	/* zone.per_cpu_pageset or zone.pageset */
	uint64_t pcp_count_offset;	/* of count from the per-cpu pointer */
	int64_t wmark[3];		/* WMARK_MIN, WMARK_LOW, WMARK_HIGH */
};

static struct oms_error *zone_layout_init(const struct oms_target *t,
					  struct zone_layout *l)
{
	struct oms_error *err;
	struct oms_field f;
	uint64_t lh_size;
#define F(T, M, L, O) OMS_FIELD(struct zone_layout, T, M, L, O)
	static const struct oms_field_spec pgdat_fields[] = {
		F(pglist_data, "node_zones", node_zones, false),
		F(pglist_data, "node_id", node_id, false),
	};
	static const struct oms_field_spec zone_fields[] = {
		/* 1c30844d2dfe (5.0) renamed watermark[] to _watermark[]
		 * and added watermark_boost, which the *_wmark_pages()
		 * macros add */
		OMS_FIELD_OR(struct zone_layout, zone, "_watermark",
			     "watermark", watermark, false),
		F(zone, "watermark_boost", watermark_boost, true),
		F(zone, "nr_reserved_highatomic", nr_reserved_highatomic, true),
		/* c928807f6f6b (v6.12): the free pages of the reserve,
		 * what __zone_watermark_unusable_free() takes out */
		F(zone, "nr_free_highatomic", nr_free_highatomic, true),
		F(zone, "lowmem_reserve", lowmem_reserve, false),
		F(zone, "present_pages", present_pages, false),
		F(zone, "spanned_pages", spanned_pages, false),
		F(zone, "managed_pages", managed_pages, false),
		F(zone, "name", name, false),
		F(zone, "vm_stat", vm_stat, true),
	};
	static const struct oms_field_spec free_area_fields[] = {
		F(free_area, "free_list", free_list, false),
		F(free_area, "nr_free", nr_free, false),
	};
#undef F
	static const char *const wmarks[3] = {
		"WMARK_MIN", "WMARK_LOW", "WMARK_HIGH"
	};
	int i;

	memset(l, 0, sizeof(*l));
	err = oms_type_size(t, "struct zone", &l->zone_size);
	if (err)
		return err;
	if (!l->zone_size)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'struct zone' has size 0");
	err = oms_resolve_fields(t, pgdat_fields, OMS_ARRAY_SIZE(pgdat_fields),
				 l);
	if (err)
		return err;
	l->nr_node_zones = (int)(l->node_zones.size / l->zone_size);
	if (l->nr_node_zones < 1 || l->nr_node_zones > OMS_MAX_ZONES)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'pglist_data.node_zones' holds %d zones, not 1..%d",
					l->nr_node_zones, OMS_MAX_ZONES);
	err = oms_resolve_fields(t, zone_fields, OMS_ARRAY_SIZE(zone_fields),
				 l);
	if (err)
		return err;
	for (i = 0; i < 3; i++) {
		err = oms_enumerator(t, wmarks[i], &l->wmark[i]);
		if (err)
			return err;
		if (l->wmark[i] < 0 ||
		    (uint64_t)(l->wmark[i] + 1) * 8 > l->watermark.size)
			return oms_error_create(OMS_ERR_CORRUPT,
						"'%s' is %lld, outside 'zone._watermark'",
						wmarks[i], (long long)l->wmark[i]);
	}

	/* free_area[MAX_ORDER] (MAX_ORDER exclusive), [MAX_ORDER + 1] since
	 * 23baf831a32c (6.4, inclusive), [NR_PAGE_ORDERS] since fd37721803c6
	 * (6.8): the array's own length says it for all three */
	err = oms_field(t, "struct zone", "free_area", &l->free_area);
	if (!err)
		err = oms_type_size(t, "struct free_area", &l->free_area_size);
	if (!err)
		err = oms_resolve_fields(t, free_area_fields,
					 OMS_ARRAY_SIZE(free_area_fields), l);
	if (!err)
		err = oms_type_size(t, "struct list_head", &lh_size);
	if (err)
		return err;
	if (!l->free_area_size || lh_size != LIST_HEAD_SIZE)
		return oms_error_create(OMS_ERR_CORRUPT,
					"unexpected sizes of 'struct free_area' (%llu) or 'struct list_head' (%llu)",
					(unsigned long long)l->free_area_size,
					(unsigned long long)lh_size);
	l->nr_orders = (int)(l->free_area.size / l->free_area_size);
	l->nr_lists = (int)(l->free_list.size / LIST_HEAD_SIZE);
	if (l->nr_orders < 1 || l->nr_orders > OMS_MAX_ORDERS ||
	    l->nr_lists < 1 || l->nr_lists > OMS_MAX_MIGRATETYPES)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'zone.free_area' has %d orders of %d lists, not 1..%d of 1..%d",
					l->nr_orders, l->nr_lists,
					OMS_MAX_ORDERS, OMS_MAX_MIGRATETYPES);

	/* 28f836b6777b (5.14) split zone->pageset (struct per_cpu_pageset,
	 * pcp inside) into zone->per_cpu_pageset (struct per_cpu_pages) */
	err = oms_field_optional(t, "struct zone", "per_cpu_pageset",
				 &l->pageset);
	if (err)
		return err;
	err = oms_field(t, "struct per_cpu_pages", "count", &f);
	if (err)
		return err;
	l->pcp_count_offset = f.offset;
	if (!l->pageset.present) {
		err = oms_field(t, "struct zone", "pageset", &l->pageset);
		if (!err)
			err = oms_field(t, "struct per_cpu_pageset", "pcp", &f);
		if (err)
			return err;
		l->pcp_count_offset += f.offset;
	}
	return NULL;
}

static bool bit_is_set(const struct oms_target *t, uint64_t bitmap, int bit,
		       struct oms_error **err)
{
	uint64_t word;

	*err = oms_read_u64(t, bitmap + (uint64_t)(bit / 64) * 8, &word);
	return !*err && ((word >> (bit % 64)) & 1);
}

struct oms_error *oms_online_nodes(const struct oms_target *t,
				   struct oms_warnings *w, int **ids_ret,
				   uint64_t **pgdats_ret, size_t *n_ret)
{
	struct oms_error *err;
	uint64_t node_data, node_states, mask_size, pgdat, word = 0;
	int64_t n_online = N_ONLINE_DEFAULT;
	int *ids = NULL;
	uint64_t *pgdats = NULL;
	size_t n = 0;
	int max_nodes, nid, n_null = 0;

	*ids_ret = NULL;
	*pgdats_ret = NULL;
	*n_ret = 0;
	/* !CONFIG_NUMA (and CONFIG_FLATMEM): one node, contig_page_data */
	if (!oms_symbol_exists(t, "node_data")) {
		err = oms_symbol(t, "contig_page_data", &pgdat);
		if (err)
			return oms_error_prefix(err,
						"neither 'node_data' nor 'contig_page_data'");
		ids = malloc(sizeof(*ids));
		pgdats = malloc(sizeof(*pgdats));
		if (!ids || !pgdats)
			goto out_nomem;
		ids[0] = 0;
		pgdats[0] = pgdat;
		*ids_ret = ids;
		*pgdats_ret = pgdats;
		*n_ret = 1;
		return NULL;
	}
	err = oms_symbol(t, "node_data", &node_data);
	if (err)
		return err;
	err = oms_symbol(t, "node_states", &node_states);
	if (!err)
		err = oms_type_size(t, "nodemask_t", &mask_size);
	if (err)
		return oms_error_prefix(err, "cannot find the online nodes");
	if (!mask_size || mask_size % 8 || mask_size > 4096)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'nodemask_t' has size %llu",
					(unsigned long long)mask_size);
	oms_error_destroy(oms_enumerator(t, "N_ONLINE", &n_online));
	max_nodes = (int)(mask_size * 8);	/* MAX_NUMNODES */
	ids = calloc((size_t)max_nodes, sizeof(*ids));
	pgdats = calloc((size_t)max_nodes, sizeof(*pgdats));
	if (!ids || !pgdats)
		goto out_nomem;
	/* a word of the mask at a time: MAX_NUMNODES is 1024 on Debian's
	 * kernels, of which one or two are online */
	for (nid = 0; nid < max_nodes; nid++) {
		if (nid % 64 == 0) {
			err = oms_read_u64(t, node_states +
					   (uint64_t)n_online * mask_size +
					   (uint64_t)(nid / 64) * 8, &word);
			if (err)
				goto out_free;
		}
		if (!((word >> (nid % 64)) & 1))
			continue;
		err = oms_read_u64(t, node_data + (uint64_t)nid * 8, &pgdat);
		if (err)
			goto out_free;
		if (!pgdat) {
			/* NODE_DATA() of an online node is never NULL: the
			 * mask or the array is corrupt */
			n_null++;
			if (w)
				oms_warn(w, "node %d is online ('node_states[N_ONLINE]' at 0x%llx) but 'node_data[%d]' at 0x%llx is NULL: its zones are not read",
					 nid, (unsigned long long)(node_states +
					 (uint64_t)n_online * mask_size), nid,
					 (unsigned long long)(node_data +
					 (uint64_t)nid * 8));
			continue;
		}
		ids[n] = nid;
		pgdats[n++] = pgdat;
	}
	if (!n) {
		err = oms_error_create(OMS_ERR_CORRUPT,
				       n_null ? "no online node has a 'pglist_data': 'node_data' at 0x%llx holds NULL for each" :
				       "no node is online: 'node_states[N_ONLINE]' at 0x%llx is empty",
				       (unsigned long long)(n_null ? node_data :
				       node_states + (uint64_t)n_online * mask_size));
		goto out_free;
	}
	*ids_ret = ids;
	*pgdats_ret = pgdats;
	*n_ret = n;
	return NULL;

out_free:
	free(ids);
	free(pgdats);
	return oms_error_prefix(err, "cannot read the online nodes");
out_nomem:
	free(ids);
	free(pgdats);
	return &oms_enomem;
}

/* the migratetype letters of show_migration_types() */
static void collect_migratetypes(const struct oms_target *t,
				 struct oms_migratetypes *mt,
				 struct oms_warnings *w, int nr_lists)
{
	static const struct {
		const char *enumerator, *name;
		char letter;
	} types[] = {
		{ "MIGRATE_UNMOVABLE", "Unmovable", 'U' },
		{ "MIGRATE_MOVABLE", "Movable", 'M' },
		{ "MIGRATE_RECLAIMABLE", "Reclaimable", 'E' },
		{ "MIGRATE_HIGHATOMIC", "HighAtomic", 'H' },
		{ "MIGRATE_CMA", "CMA", 'C' },		/* CONFIG_CMA */
		{ "MIGRATE_ISOLATE", "Isolate", 'I' },	/* CONFIG_MEMORY_ISOLATION */
	};
	struct oms_error *err;
	int64_t v;
	size_t i;

	memset(mt, 0, sizeof(*mt));
	err = oms_enumerator(t, "MIGRATE_TYPES", &v);
	if (err || v != nr_lists) {
		oms_warn(w,
			 "'MIGRATE_TYPES' is %s, 'free_area.free_list' has %d lists: using %d",
			 err ? "unknown" : "different", nr_lists, nr_lists);
		oms_error_destroy(err);
	}
	mt->nr = nr_lists;
	for (i = 0; i < (size_t)mt->nr; i++) {
		mt->letter[i] = '?';
		snprintf(mt->name[i], sizeof(mt->name[i]), "type %d", (int)i);
	}
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		err = oms_enumerator(t, types[i].enumerator, &v);
		if (err) {
			oms_error_destroy(err);
			continue;
		}
		if (v < 0 || v >= mt->nr)
			continue;
		mt->letter[v] = types[i].letter;
		snprintf(mt->name[v], sizeof(mt->name[v]), "%s", types[i].name);
	}
}

/*
 * Count the blocks on one free list: struct list_head entries linked
 * through page->lru (page->buddy_list since 6.0), from the list head in
 * the zone.  At most *budget entries; a broken ->prev, an unreadable
 * entry, a NULL or a cycle (Brent's) ends the walk and returns false.
 */
static bool walk_free_list(const struct oms_target *t, uint64_t head,
			   uint64_t first, uint64_t *budget, uint64_t *count,
			   char *why, size_t why_len)
{
	uint64_t pos = first, prev = head, tortoise = first;
	uint64_t power = 1, lam = 0, link[2];
	struct oms_error *err;

	*count = 0;
	while (pos != head) {
		if (!pos) {
			snprintf(why, why_len, "a NULL 'next' after 0x%llx",
				 (unsigned long long)prev);
			return false;
		}
		if (!*budget) {
			snprintf(why, why_len, "longer than nr_free + %d",
				 OMS_FREE_LIST_SLACK);
			return false;
		}
		err = oms_read(t, pos, link, sizeof(link));
		if (err) {
			snprintf(why, why_len, "%s", err->message);
			oms_error_destroy(err);
			return false;
		}
		if (link[1] != prev) {
			snprintf(why, why_len,
				 "0x%llx->prev is 0x%llx, not 0x%llx",
				 (unsigned long long)pos,
				 (unsigned long long)link[1],
				 (unsigned long long)prev);
			return false;
		}
		(*count)++;
		(*budget)--;
		prev = pos;
		pos = link[0];
		if (pos == tortoise) {
			snprintf(why, why_len, "a cycle at 0x%llx",
				 (unsigned long long)pos);
			return false;
		}
		if (++lam == power) {
			tortoise = pos;
			power *= 2;
			lam = 0;
		}
	}
	return true;
}

static void collect_free_area(const struct oms_target *t, struct oms_warnings *w,
			      const struct zone_layout *l, struct oms_zone *z,
			      int order, bool walk)
{
	struct oms_free_area *fa = &z->free_area[order];
	uint64_t area = z->addr + l->free_area.offset +
			(uint64_t)order * l->free_area_size;
	uint64_t budget, total = 0, heads[2 * OMS_MAX_MIGRATETYPES];
	struct oms_error *err;
	char why[160];
	int mt;

	memset(fa, 0, sizeof(*fa));
	err = oms_read_field(t, area, &l->nr_free, &fa->nr_free);
	if (!err)
		err = oms_read(t, area + l->free_list.offset, heads,
			       (size_t)l->nr_lists * LIST_HEAD_SIZE);
	if (err) {
		oms_warn(w, "node %d %s order %d: cannot read 'free_area': %s",
			 z->node, z->name, order, err->message);
		oms_error_destroy(err);
		fa->corrupt = true;
		z->partial = true;
		return;
	}
	/* free_area_empty(): list_empty(&area->free_list[type]) */
	for (mt = 0; mt < l->nr_lists; mt++) {
		uint64_t head = area + l->free_list.offset +
				(uint64_t)mt * LIST_HEAD_SIZE;

		if (heads[2 * mt] != head)
			fa->nonempty |= 1U << mt;
	}
	if (!walk)
		return;
	budget = fa->nr_free + OMS_FREE_LIST_SLACK;
	if (budget > FREE_LIST_HARD_LIMIT)
		budget = FREE_LIST_HARD_LIMIT;
	fa->walked = true;
	for (mt = 0; mt < l->nr_lists; mt++) {
		uint64_t head = area + l->free_list.offset +
				(uint64_t)mt * LIST_HEAD_SIZE;
		uint64_t n;

		if (!walk_free_list(t, head, heads[2 * mt], &budget, &n, why,
				    sizeof(why))) {
			oms_warn(w,
				 "node %d %s order %d free_list[%d]: walk stopped after %llu blocks: %s",
				 z->node, z->name, order, mt,
				 (unsigned long long)n, why);
			fa->walked = false;
			fa->corrupt = true;
		}
		fa->by_migratetype[mt] = n;
		total += n;
	}
	if (fa->walked && total != fa->nr_free)
		oms_warn(w,
			 "node %d %s order %d: %llu blocks on the free lists, nr_free says %llu",
			 z->node, z->name, order, (unsigned long long)total,
			 (unsigned long long)fa->nr_free);
}

static void collect_pcp(const struct oms_target *t, struct oms_warnings *w,
			const struct zone_layout *l,
			const struct oms_percpu *pc,
			const unsigned char *online, int cpu_report,
			struct oms_zone *z)
{
	struct oms_error *err;
	uint64_t ptr;
	int32_t count;
	int cpu;

	z->local_pcp_cpu = -1;
	err = oms_read_field(t, z->addr, &l->pageset, &ptr);
	if (err)
		goto out_warn;
	/* for_each_online_cpu(), as show_free_areas() sums */
	for (cpu = 0; cpu < pc->nr_cpu_ids; cpu++) {
		if (!online[cpu])
			continue;
		err = oms_read(t, oms_per_cpu_ptr(pc, ptr, cpu) +
			       l->pcp_count_offset, &count, sizeof(count));
		if (err)
			goto out_warn;
		z->free_pcp += (uint64_t)(int64_t)count;
		if (cpu == cpu_report) {
			z->local_pcp = (uint64_t)(int64_t)count;
			z->local_pcp_cpu = cpu;
		}
	}
	return;

out_warn:
	oms_warn(w, "node %d %s: cannot read the per-cpu pages: %s",
		 z->node, z->name, err->message);
	oms_error_destroy(err);
	z->partial = true;
}

/* a part of a zone that could not be read: named, and the rest goes on */
static void zone_lost(struct oms_warnings *w, struct oms_zone *z,
		      const char *what, struct oms_error *err)
{
	oms_warn(w, "node %d %s: cannot read '%s' of the zone at 0x%llx%s: %s",
		 z->node, z->name, what, (unsigned long long)z->addr,
		 err->code == OMS_ERR_NODATA ? " (not in the dump)" : "",
		 err->message);
	oms_error_destroy(err);
	z->partial = true;
}

/* each part of the zone on its own, so that a page not in the dump costs
 * only what is on it; only out of memory is an error */
static struct oms_error *collect_zone(const struct oms_target *t,
				      struct oms_warnings *w,
				      const struct zone_layout *l,
				      struct oms_zone *z, bool walk)
{
	struct oms_error *err;
	uint64_t name, v;
	int i, n;

	snprintf(z->name, sizeof(z->name), "zone %d", z->index);
	err = oms_read_field(t, z->addr, &l->name, &name);
	if (!err)
		err = oms_read_string(t, name, z->name, sizeof(z->name));
	if (err)
		zone_lost(w, z, "name", err);
	err = oms_read_field(t, z->addr, &l->spanned_pages, &z->spanned_pages);
	if (err)
		zone_lost(w, z, "spanned_pages", err);
	err = oms_read_field(t, z->addr, &l->managed_pages, &z->managed_pages);
	if (err)
		zone_lost(w, z, "managed_pages", err);
	/* {min,low,high}_wmark_pages(): _watermark[] + watermark_boost */
	err = NULL;
	if (l->watermark_boost.present)
		err = oms_read_field(t, z->addr, &l->watermark_boost,
				     &z->watermark_boost);
	for (i = 0; !err && i < 3; i++) {
		err = oms_read_u64(t, z->addr + l->watermark.offset +
				   (uint64_t)l->wmark[i] * 8, &v);
		if (!err)
			*(i == 0 ? &z->min : i == 1 ? &z->low : &z->high) =
				v + z->watermark_boost;
	}
	if (err)
		zone_lost(w, z, "_watermark", err);
	if (l->nr_reserved_highatomic.present) {
		err = oms_read_field(t, z->addr, &l->nr_reserved_highatomic,
				     &z->nr_reserved_highatomic);
		if (err)
			zone_lost(w, z, "nr_reserved_highatomic", err);
	}
	if (l->nr_free_highatomic.present) {
		err = oms_read_field(t, z->addr, &l->nr_free_highatomic,
				     &z->nr_free_highatomic);
		z->has_nr_free_highatomic = !err;
		if (err)
			zone_lost(w, z, "nr_free_highatomic", err);
	}
	n = (int)(l->lowmem_reserve.size / 8);
	if (n > OMS_MAX_ZONES)
		n = OMS_MAX_ZONES;
	err = oms_read(t, z->addr + l->lowmem_reserve.offset,
		       z->lowmem_reserve, (size_t)n * 8);
	if (err)
		zone_lost(w, z, "lowmem_reserve", err);
	else
		z->nr_lowmem_reserve = n;

	if (l->vm_stat.present) {
		n = (int)(l->vm_stat.size / 8);
		z->vm_stat = calloc((size_t)n, sizeof(*z->vm_stat));
		if (!z->vm_stat)
			return &oms_enomem;
		err = oms_read(t, z->addr + l->vm_stat.offset, z->vm_stat,
			       (size_t)n * 8);
		if (err) {
			zone_lost(w, z, "vm_stat", err);
			free(z->vm_stat);
			z->vm_stat = NULL;
		} else {
			z->nr_vm_stat = n;
			/* NR_FREE_PAGES is the first zone_stat_item of every
			 * kernel with zone->vm_stat (2.6.18+) */
			z->free_pages = z->vm_stat[0] < 0 ? 0 : (uint64_t)z->vm_stat[0];
		}
	} else {
		oms_warn(w, "node %d %s: no 'zone.vm_stat' in this kernel",
			 z->node, z->name);
		z->partial = true;
	}

	z->nr_orders = l->nr_orders;
	for (i = 0; i < l->nr_orders; i++)
		collect_free_area(t, w, l, z, i, walk);
	return NULL;
}

static struct oms_error *read_online_cpus(const struct oms_target *t,
					  struct oms_warnings *w,
					  const struct oms_percpu *pc,
					  unsigned char **ret)
{
	struct oms_error *err;
	unsigned char *online;
	uint64_t mask;
	int cpu;

	online = calloc((size_t)pc->nr_cpu_ids, 1);
	if (!online)
		return &oms_enomem;
	err = oms_symbol(t, "__cpu_online_mask", &mask);
	for (cpu = 0; !err && cpu < pc->nr_cpu_ids; cpu++)
		online[cpu] = bit_is_set(t, mask, cpu, &err);
	if (err) {
		/* the possible cpus are the best guess left */
		oms_warn(w,
			 "cannot read '__cpu_online_mask', summing free_pcp over the possible cpus: %s",
			 err->message);
		oms_error_destroy(err);
		for (cpu = 0; cpu < pc->nr_cpu_ids; cpu++)
			online[cpu] = oms_cpu_possible(pc, cpu);
	}
	*ret = online;
	return NULL;
}

struct oms_error *oms_zones_collect(const struct oms_target *t,
				    const struct oms_kernel *k,
				    struct oms_zones *zones,
				    struct oms_warnings *w, bool walk_free_lists)
{
	struct oms_error *err;
	struct zone_layout l;
	struct oms_percpu pc;
	unsigned char *online = NULL;
	int *ids = NULL;
	uint64_t *pgdats = NULL;
	size_t n_nodes, i;
	int zi, cpu_report;

	oms_zones_deinit(zones);
	{
		static const char *const types[OMS_ZONE_TYPES] = {
			"ZONE_DMA", "ZONE_DMA32", "ZONE_NORMAL", "ZONE_HIGHMEM",
			"ZONE_MOVABLE", "ZONE_DEVICE",
		};
		int64_t v;

		for (i = 0; i < OMS_ZONE_TYPES; i++)
			zones->type_index[i] = oms_ok(oms_enumerator(t, types[i], &v)) &&
					       v >= 0 && v < OMS_MAX_ZONES ? (int)v : -1;
		zones->types_known = true;
	}
	err = zone_layout_init(t, &l);
	if (err)
		return oms_error_prefix(err, "cannot resolve the zone layout");
	collect_migratetypes(t, &zones->migratetypes, w, l.nr_lists);
	err = oms_percpu_init(&pc, t);
	if (err)
		return err;
	err = read_online_cpus(t, w, &pc, &online);
	if (err)
		goto out_percpu;
	/* the cpu whose local_pcp the report printed: the one that panicked */
	cpu_report = k->panic_cpu;
	err = oms_online_nodes(t, w, &ids, &pgdats, &n_nodes);
	if (err)
		goto out_online;
	zones->v = calloc(n_nodes * (size_t)l.nr_node_zones, sizeof(*zones->v));
	if (!zones->v && n_nodes) {
		err = &oms_enomem;
		goto out_nodes;
	}
	for (i = 0; i < n_nodes; i++) {
		for (zi = 0; zi < l.nr_node_zones; zi++) {
			struct oms_zone *z = &zones->v[zones->n];

			memset(z, 0, sizeof(*z));
			z->node = ids[i];
			z->index = zi;
			z->addr = pgdats[i] + l.node_zones.offset +
				  (uint64_t)zi * l.zone_size;
			z->local_pcp_cpu = -1;
			/* populated_zone(): present_pages != 0 */
			err = oms_read_field(t, z->addr, &l.present_pages,
					     &z->present_pages);
			if (err) {
				oms_warn(w,
					 "node %d zone %d: cannot read 'zone.present_pages': %s",
					 ids[i], zi, err->message);
				oms_error_destroy(err);
				err = NULL;
				continue;
			}
			if (!z->present_pages)
				continue;
			z->populated = true;
			zones->n++;
			err = collect_zone(t, w, &l, z, walk_free_lists);
			if (err == &oms_enomem)
				goto out_nodes;
			if (err) {
				oms_warn(w,
					 "node %d zone %d at 0x%llx: %s",
					 ids[i], zi,
					 (unsigned long long)z->addr,
					 err->message);
				oms_error_destroy(err);
				err = NULL;
				z->partial = true;
				continue;
			}
			collect_pcp(t, w, &l, &pc, online, cpu_report, z);
		}
	}
	/* a machine that ran has memory: no zone is no empty section */
	if (!zones->n)
		oms_warn(w,
			 "no populated zone (present_pages != 0) in the %zu online node%s, the first 'pglist_data' at 0x%llx",
			 n_nodes, n_nodes == 1 ? "" : "s",
			 (unsigned long long)pgdats[0]);

out_nodes:
	free(ids);
	free(pgdats);
out_online:
	free(online);
out_percpu:
	oms_percpu_deinit(&pc);
	return err;
}

