// SPDX-License-Identifier: GPL-2.0
/*
 * The page census.  Hold it next to include/linux/page-flags.h and
 * include/linux/mmzone.h (SPARSEMEM_EXTREME's mem_section).  Bits and
 * values come from the dump: enum pageflags, enum pagetype (6.10+) and
 * VMCOREINFO's PAGE_*_MAPCOUNT_VALUE (6.1's page types are #defines).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/warn.h"
#include "census.h"

#define PAGE_MAPPING_ANON 1
/* 6.1 include/linux/page-flags.h: PAGE_TYPE_BASE, PG_table (0x200), PG_guard are
 * #defines, in neither DWARF nor VMCOREINFO */
#define PAGE_TYPE_BASE_61 0xf0000000u
#define PG_TABLE_61 0x00000200u
#define PG_GUARD_61 0x00000400u

struct census_layout {
	uint64_t page_size;		/* sizeof(struct page) */
	struct oms_field flags, compound_head, mapping, private_, refcount,
		page_type;
	int64_t pg_lru, pg_slab, pg_swapbacked, pg_reserved, pg_unevictable,
		pg_head;
	bool has_pg_slab;
	bool top_byte;			/* enum pagetype: type in bits 24..31 */
	int64_t ty_buddy, ty_offline, ty_table, ty_slab, ty_hugetlb;
	uint64_t section_map_mask, present_mask;
	int section_shift;		/* SECTION_SIZE_BITS - PAGE_SHIFT */
	uint64_t roots;			/* VMCOREINFO SYMBOL(mem_section) */
	uint64_t nr_roots;
	uint64_t ms_size;		/* sizeof(struct mem_section) */
	int max_order;
};

static struct oms_error *vmci_u64(const struct oms_target *t, const char *key,
				  int base, uint64_t *ret)
{
	struct oms_error *err;
	char *v = NULL;

	err = oms_vmcoreinfo(t, key, &v);
	if (err)
		return err;
	*ret = strtoull(v, NULL, base);
	free(v);
	return NULL;
}

static struct oms_error *vmci_s64(const struct oms_target *t, const char *key,
				  int64_t *ret)
{
	uint64_t v;
	struct oms_error *err = vmci_u64(t, key, 10, &v);

	if (!err)
		*ret = (int64_t)v;
	return err;
}

static struct oms_error *layout_init(const struct oms_target *t,
				     uint64_t page_size,
				     struct census_layout *l)
{
	struct oms_error *err;
	int64_t v, last, present;
	uint64_t bits;
	int page_shift = 0;

	while ((1ULL << page_shift) < page_size && page_shift < 63)
		page_shift++;

	memset(l, 0, sizeof(*l));
	err = oms_type_size(t, "struct page", &l->page_size);
	if (!err)
		err = oms_field(t, "struct page", "flags", &l->flags);
	if (!err)
		err = oms_field(t, "struct page", "compound_head",
				&l->compound_head);
	if (!err)
		err = oms_field(t, "struct page", "mapping", &l->mapping);
	if (!err)
		err = oms_field(t, "struct page", "private", &l->private_);
	if (!err)
		err = oms_field(t, "struct page", "_refcount", &l->refcount);
	if (!err)
		err = oms_field(t, "struct page", "page_type", &l->page_type);
	if (!err)
		err = oms_enumerator(t, "PG_lru", &l->pg_lru);
	if (!err)
		err = oms_enumerator(t, "PG_swapbacked", &l->pg_swapbacked);
	if (!err)
		err = oms_enumerator(t, "PG_reserved", &l->pg_reserved);
	if (!err)
		err = oms_enumerator(t, "PG_unevictable", &l->pg_unevictable);
	if (!err)
		err = oms_enumerator(t, "PG_head", &l->pg_head);
	if (err)
		return err;
	if (l->page_size < 32 || l->page_size > 4096)
		return oms_error_create(OMS_ERR_CORRUPT,
					"'struct page' has size %llu",
					(unsigned long long)l->page_size);
	/* 46df8e73a4a3 (6.10) made slab a page type */
	err = oms_enumerator(t, "PG_slab", &l->pg_slab);
	l->has_pg_slab = !err;
	oms_error_destroy(err);
	/* enum pagetype, PGTY_buddy.. in the top byte (6.12) */
	err = oms_enumerator(t, "PGTY_buddy", &l->ty_buddy);
	l->top_byte = !err;
	oms_error_destroy(err);
	l->ty_offline = l->ty_table = l->ty_slab = l->ty_hugetlb = -1;
	if (l->top_byte) {
		if (oms_enumerator(t, "PGTY_offline", &v) == NULL)
			l->ty_offline = v;
		if (oms_enumerator(t, "PGTY_table", &v) == NULL)
			l->ty_table = v;
		if (oms_enumerator(t, "PGTY_slab", &v) == NULL)
			l->ty_slab = v;
		if (oms_enumerator(t, "PGTY_hugetlb", &v) == NULL)
			l->ty_hugetlb = v;
	} else {
		err = vmci_s64(t, "NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)", &v);
		if (err)
			return err;
		l->ty_buddy = (uint32_t)~v;
		if (!vmci_s64(t, "NUMBER(PAGE_OFFLINE_MAPCOUNT_VALUE)", &v))
			l->ty_offline = (uint32_t)~v;
		l->ty_table = PG_TABLE_61;
	}
	/* include/linux/mmzone.h: enum { SECTION_MARKED_PRESENT_BIT, ...,
	 * SECTION_MAP_LAST_BIT } (2d070eab2e82, 5.18) */
	err = oms_enumerator(t, "SECTION_MAP_LAST_BIT", &last);
	if (!err)
		err = oms_enumerator(t, "SECTION_MARKED_PRESENT_BIT", &present);
	if (!err)
		err = vmci_u64(t, "NUMBER(SECTION_SIZE_BITS)", 10, &bits);
	if (!err)
		err = vmci_u64(t, "SYMBOL(mem_section)", 16, &l->roots);
	if (!err)
		err = vmci_u64(t, "LENGTH(mem_section)", 10, &l->nr_roots);
	if (!err)
		err = oms_type_size(t, "struct mem_section", &l->ms_size);
	if (err)
		return oms_error_prefix(err, "SPARSEMEM_EXTREME's mem_section");
	if (last < 1 || last > 20 || bits < 13 || bits > 40 || !l->ms_size)
		return oms_error_create(OMS_ERR_CORRUPT,
					"mem_section's SECTION_MAP_LAST_BIT %lld or SECTION_SIZE_BITS %llu",
					(long long)last, (unsigned long long)bits);
	l->section_map_mask = ~((1ULL << last) - 1);
	l->present_mask = 1ULL << present;
	l->section_shift = (int)bits - page_shift;
	if (l->section_shift < 0)
		return oms_error_create(OMS_ERR_CORRUPT,
					"SECTION_SIZE_BITS %llu is below PAGE_SHIFT %d",
					(unsigned long long)bits, page_shift);
	return NULL;
}

static bool flag(uint64_t flags, int64_t bit)
{
	return bit >= 0 && bit < 64 && ((flags >> bit) & 1);
}

/* the page type test of page-flags.h: 6.12 top byte, 6.1 BASE|flag */
static bool has_type(const struct census_layout *l, uint32_t pt, int64_t ty)
{
	if (ty < 0)
		return false;
	if (l->top_byte)
		return (pt >> 24) == (uint32_t)ty;
	return (pt & (PAGE_TYPE_BASE_61 | (uint32_t)ty)) == PAGE_TYPE_BASE_61;
}

static bool any_type(const struct census_layout *l, uint32_t pt)
{
	if (l->top_byte)
		return (pt >> 24) >= 0xf0 && pt != 0xffffffffu;
	return (pt & PAGE_TYPE_BASE_61) == PAGE_TYPE_BASE_61 &&
	       pt != 0xffffffffu;
}

static uint64_t field(const unsigned char *p, const struct oms_field *f)
{
	uint64_t v = 0;

	oms_int_of_bytes(p + f->offset, f->size, false, &v);
	return v;
}

struct walk {
	const struct census_layout *l;
	struct oms_census *c;
	uint64_t head;			/* the last compound head seen */
	enum oms_page_class head_class;
	uint64_t skip;			/* buddy tails still to skip */
};

static enum oms_page_class classify(struct walk *wk, const unsigned char *p,
				    uint64_t addr)
{
	const struct census_layout *l = wk->l;
	uint64_t flags = field(p, &l->flags);
	uint64_t ch = field(p, &l->compound_head);
	uint32_t pt = (uint32_t)field(p, &l->page_type);
	uint32_t ref = (uint32_t)field(p, &l->refcount);
	enum oms_page_class cls;

	if (ch & 1)	/* a tail: its head's class */
		return ch - 1 == wk->head ? wk->head_class :
		       OMS_PAGE_OTHER_ALLOCATED;
	if (has_type(l, pt, l->ty_buddy)) {
		uint64_t order = field(p, &l->private_);

		if (order < (uint64_t)l->max_order) {
			wk->skip = (1ULL << order) - 1;
			return OMS_PAGE_BUDDY;
		}
		wk->c->bad_buddy_order++;
		return OMS_PAGE_OTHER_ALLOCATED;
	}
	if (flag(flags, l->pg_reserved))
		cls = OMS_PAGE_RESERVED;
	else if ((l->has_pg_slab && flag(flags, l->pg_slab)) ||
		 has_type(l, pt, l->ty_slab))
		cls = OMS_PAGE_SLAB;
	else if (has_type(l, pt, l->ty_hugetlb))
		cls = OMS_PAGE_HUGETLB;
	else if (has_type(l, pt, l->ty_table))
		cls = OMS_PAGE_PAGETABLE;
	else if (has_type(l, pt, l->ty_offline))
		cls = OMS_PAGE_OFFLINE;
	else if (!l->top_byte && any_type(l, pt))
		cls = OMS_PAGE_OTHER_TYPE;
	else if (l->top_byte && any_type(l, pt))
		cls = OMS_PAGE_OTHER_TYPE;
	else if (flag(flags, l->pg_lru)) {
		if (flag(flags, l->pg_unevictable))
			cls = OMS_PAGE_UNEVICTABLE;
		else if (field(p, &l->mapping) & PAGE_MAPPING_ANON)
			cls = OMS_PAGE_LRU_ANON;
		else if (flag(flags, l->pg_swapbacked))
			cls = OMS_PAGE_LRU_SHMEM;
		else
			cls = OMS_PAGE_LRU_FILE;
	} else if (ref == 0)
		cls = OMS_PAGE_FREE_UNFLAGGED;
	else
		cls = OMS_PAGE_OTHER_ALLOCATED;
	if (flag(flags, l->pg_head)) {
		wk->head = addr;
		wk->head_class = cls;
	}
	return cls;
}

static void count_range(struct walk *wk, const unsigned char *buf,
			uint64_t addr, uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++) {
		wk->c->pages_scanned++;
		if (wk->skip) {
			wk->skip--;
			wk->c->count[OMS_PAGE_BUDDY]++;
			continue;
		}
		wk->c->count[classify(wk, buf + i * wk->l->page_size,
				      addr + i * wk->l->page_size)]++;
	}
}

/* pfns [pfn, pfn + n) of one section, struct pages at addr */
static void walk_pages(const struct oms_target *t, struct walk *wk,
		       uint64_t addr, uint64_t n, unsigned char *buf,
		       uint64_t *missing_bytes)
{
	const uint64_t ps = wk->l->page_size;
	uint64_t done = 0, chunk;

	if (!oms_read(t, addr, buf, n * ps)) {
		count_range(wk, buf, addr, n);
		return;
	}
	/* something is missing: 4 KiB of struct pages at a time */
	while (done < n) {
		struct oms_error *err;
		uint64_t a = addr + done * ps;

		chunk = (4096 - (a & 4095)) / ps;
		if (!chunk)
			chunk = 1;
		if (chunk > n - done)
			chunk = n - done;
		err = oms_read(t, a, buf, chunk * ps);
		if (err) {
			oms_error_destroy(err);
			wk->c->pages_scanned += chunk;
			wk->c->count[OMS_PAGE_MISSING] += chunk;
			*missing_bytes += chunk * ps;
			wk->skip = 0;
		} else {
			count_range(wk, buf, a, chunk);
		}
		done += chunk;
	}
}

struct oms_error *oms_census_collect(const struct oms_target *t,
				     const struct oms_kernel *k,
				     const struct oms_zones *zones,
				     struct oms_census *c,
				     struct oms_warnings *w)
{
	struct census_layout l;
	struct oms_error *err;
	struct oms_field start_f;
	struct walk wk;
	unsigned char *buf;
	uint64_t per_section, per_root, missing_bytes = 0, missing_sections = 0;
	size_t z;

	memset(c, 0, sizeof(*c));
	err = layout_init(t, k->page_size ? k->page_size : 4096, &l);
	if (!err)
		err = oms_field(t, "struct zone", "zone_start_pfn", &start_f);
	if (err)
		return err;
	l.max_order = zones->n ? zones->v[0].nr_orders : 11;
	per_section = 1ULL << l.section_shift;
	/* SECTIONS_PER_ROOT: PAGE_SIZE / sizeof(struct mem_section) */
	per_root = (k->page_size ? k->page_size : 4096) / l.ms_size;
	buf = malloc(per_section * l.page_size);
	if (!buf)
		return oms_error_create(OMS_ERR_NOMEM, "census buffer");
	memset(&wk, 0, sizeof(wk));
	wk.l = &l;
	wk.c = c;
	for (z = 0; z < zones->n; z++) {
		const struct oms_zone *zone = &zones->v[z];
		uint64_t start, pfn, end;

		if (!zone->populated)
			continue;
		c->present_pages += zone->present_pages;
		err = oms_read_field(t, zone->addr, &start_f, &start);
		if (err) {
			oms_warn(w, "census: zone %s: %s", zone->name,
				 err->message);
			oms_error_destroy(err);
			continue;
		}
		end = start + zone->spanned_pages;
		for (pfn = start; pfn < end;) {
			uint64_t nr = pfn >> l.section_shift, root, ms, map;
			uint64_t next = (nr + 1) << l.section_shift;

			if (next > end)
				next = end;
			root = nr / per_root;
			err = root < l.nr_roots ?
			      oms_read_u64(t, l.roots + root * 8, &ms) :
			      oms_error_create(OMS_ERR_CORRUPT, "section");
			if (!err && ms)
				err = oms_read_u64(t, ms + (nr % per_root) *
						   l.ms_size, &map);
			if (err) {
				oms_error_destroy(err);
				missing_sections++;
			} else if (ms && (map & l.present_mask)) {
				map &= l.section_map_mask;
				walk_pages(t, &wk, map + pfn * l.page_size,
					   next - pfn, buf, &missing_bytes);
			}
			pfn = next;
		}
	}
	free(buf);
	if (missing_bytes)
		oms_warn(w, "census: %llu bytes of the memmap not in the dump (%llu pages counted missing)",
			 (unsigned long long)missing_bytes,
			 (unsigned long long)c->count[OMS_PAGE_MISSING]);
	if (missing_sections)
		oms_warn(w, "census: %llu mem_section entries unreadable",
			 (unsigned long long)missing_sections);
	if (c->bad_buddy_order)
		oms_warn(w, "census: %llu PageBuddy pages with an order past %d counted as other",
			 (unsigned long long)c->bad_buddy_order, l.max_order - 1);
	c->collected = true;
	return NULL;
}
