// SPDX-License-Identifier: GPL-2.0
/*
 * Types, members and enumerators from the vmlinux's DWARF, found lazily.
 *
 * A debug vmlinux has ~165 MB (6.1) of .debug_info in ~3000 compilation
 * units, and every unit repeats the types of the headers it includes.  So
 * nothing is indexed up front: a look-up scans the top-level DIEs of one
 * unit after another, in file order, recording every named type and every
 * enumerator it passes, until it has what it wants (the common types,
 * task_struct, mm_struct, zone, the vm_stat enums, are in the first few
 * units).  Types that only the file that uses them defines (the printk
 * ring buffer, struct mem_cgroup) are looked for first in that unit
 * (hints[] below), which saves a scan of the whole file.  Every answer,
 * including "there is none", goes to the on-disk cache (typecache.c), so
 * the next run on the same kernel does not open the DWARF at all.
 *
 * Pages of the mapped file that a scan touched are given back
 * (MADV_DONTNEED: the mapping is private and read-only, they are read
 * again on use), so that a scan of the whole file does not grow the
 * resident size by the size of the file.
 */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "debuginfo.h"
#include "../../model/vec.h"

/* give pages back after this many bytes of .debug_info are scanned */
#define DROP_AFTER	(16u << 20)

/*
 * Where a type or enumerator that few units define is defined: a prefix of
 * the look-up key ("struct NAME", "enum NAME", or an enumerator's name)
 * and the units (by the end of their name) to scan first.
 */
static const struct hint {
	const char *prefix;
	const char *units[3];
} hints[] = {
	/* kernel/printk/printk_ringbuffer.h, since 5.10 (896fbe20b4e2) */
	{ "struct prb_", { "kernel/printk/printk_ringbuffer.c",
			   "kernel/printk/printk.c" } },
	{ "struct printk_", { "kernel/printk/printk_ringbuffer.c",
			      "kernel/printk/printk.c" } },
	{ "struct dev_printk_info", { "kernel/printk/printk_ringbuffer.c" } },
	/* struct printk_log: the log buffer before 5.10 */
	{ "struct printk_log", { "kernel/printk/printk.c" } },
	{ "struct mem_cgroup", { "mm/memcontrol.c" } },
	{ "struct memcg_", { "mm/memcontrol.c" } },
	{ "struct obj_cgroup", { "mm/memcontrol.c" } },
	{ "struct lruvec_stats", { "mm/memcontrol.c" } },
	{ "enum memcg_", { "mm/memcontrol.c" } },
	{ "MEMCG_", { "mm/memcontrol.c" } },
	{ "struct page_counter", { "mm/page_counter.c", "mm/memcontrol.c" } },
	{ "struct cgroup", { "kernel/cgroup/cgroup.c" } },
	{ "struct css_set", { "kernel/cgroup/cgroup.c" } },
	{ "struct kernfs_", { "fs/kernfs/dir.c" } },
	{ "struct swap_info_struct", { "mm/swapfile.c" } },
	{ "struct hstate", { "mm/hugetlb.c" } },
	{ "struct oom_control", { "mm/oom_kill.c" } },
	{ "struct kmem_cache", { "mm/slub.c", "mm/slab_common.c" } },
	{ "struct vm_event_state", { "mm/vmstat.c" } },
};

struct oms_types {
	struct oms_vmlinux *vm;
	struct oms_typecache *cache;
	Dwarf *dw;		/* opened on the first look-up the cache misses */
	bool dw_failed;
	unsigned addr_size;
	/* the next unit of the in-order scan (its header); -1 at the end */
	Dwarf_Off next_unit;
	bool scan_done;
	/* units scanned out of order (hints); the in-order scan skips them */
	Dwarf_Off *scanned;
	size_t nscanned;
	/* every unit, listed on the first use of a hint */
	struct oms_units *units;
	size_t nunits;
	bool units_listed;
	/* what the scans found: "struct NAME" etc. -> DIE offset */
	struct oms_strmap types;
	/* enumerator name -> value */
	struct oms_strmap enums;
	char **names;		/* the keys of types, to free */
	size_t nnames, names_cap;
	/* for giving back pages */
	uint64_t scanned_bytes;
	const char *map_start;
	size_t map_len;
	const char *info;	/* .debug_info in the mapping */
	size_t info_size;
	const char *str;	/* .debug_str in the mapping */
	size_t str_size;
	size_t interned;	/* units[] that libdw has seen */
};

struct oms_error *oms_types_create(struct oms_vmlinux *vm,
				   struct oms_types **ret)
{
	struct oms_types *t = calloc(1, sizeof(*t));

	if (!t)
		return &oms_enomem;
	t->vm = vm;
	t->cache = oms_typecache_create(oms_vmlinux_build_id(vm), NULL);
	oms_strmap_init(&t->types);
	oms_strmap_init(&t->enums);
	t->addr_size = gelf_getclass(oms_vmlinux_elf(vm)) == ELFCLASS32 ? 4 : 8;
	*ret = t;
	return NULL;
}

void oms_types_destroy(struct oms_types *t)
{
	size_t i;

	if (!t)
		return;
	oms_typecache_save(t->cache);
	oms_typecache_destroy(t->cache);
	if (t->dw)
		dwarf_end(t->dw);
	for (i = 0; i < t->nnames; i++)
		free(t->names[i]);
	free(t->names);
	oms_strmap_deinit(&t->types);
	oms_strmap_deinit(&t->enums);
	free(t->scanned);
	oms_units_destroy(t->units);
	free(t);
}

struct oms_typecache *oms_types_cache(struct oms_types *t)
{
	return t->cache;
}

static struct oms_error *open_dwarf(struct oms_types *t)
{
	Elf *elf = oms_vmlinux_elf(t->vm);
	size_t shstrndx, lo = SIZE_MAX, hi = 0;
	Elf_Scn *scn = NULL;

	if (t->dw)
		return NULL;
	if (t->dw_failed)
		goto fail;
	t->dw = dwarf_begin_elf(elf, DWARF_C_READ, NULL);
	if (!t->dw) {
		t->dw_failed = true;
		goto fail;
	}
	/* the span of the .debug_* sections in the mapping, and .debug_info */
	if (!elf_getshdrstrndx(elf, &shstrndx)) {
		while ((scn = elf_nextscn(elf, scn))) {
			GElf_Shdr shdr;
			const char *name;
			Elf_Data *data;

			if (!gelf_getshdr(scn, &shdr) ||
			    !(name = elf_strptr(elf, shstrndx, shdr.sh_name)) ||
			    strncmp(name, ".debug_", 7) ||
			    shdr.sh_type == SHT_NOBITS ||
			    !(data = elf_rawdata(scn, NULL)) || !data->d_buf)
				continue;
			if (!strcmp(name, ".debug_info")) {
				t->info = data->d_buf;
				t->info_size = data->d_size;
			}
			if (!strcmp(name, ".debug_str") &&
			    !(shdr.sh_flags & SHF_COMPRESSED)) {
				t->str = data->d_buf;
				t->str_size = data->d_size;
			}
			if ((size_t)data->d_buf < lo)
				lo = (size_t)data->d_buf;
			if ((size_t)data->d_buf + data->d_size > hi)
				hi = (size_t)data->d_buf + data->d_size;
		}
	}
	if (lo < hi) {
		size_t page = (size_t)sysconf(_SC_PAGESIZE);

		lo = (lo + page - 1) & ~(page - 1);
		hi &= ~(page - 1);
		if (lo < hi) {
			t->map_start = (const char *)lo;
			t->map_len = hi - lo;
		}
	}
	return NULL;
fail:
	return oms_error_create(OMS_ERR_FORMAT, "cannot read the DWARF of '%s': %s",
				oms_vmlinux_path(t->vm), dwarf_errmsg(-1));
}

/* give back the pages of .debug_* a scan touched (see the top) */
static void drop_pages(struct oms_types *t)
{
	if (t->map_start)
		madvise((void *)t->map_start, t->map_len, MADV_DONTNEED);
	t->scanned_bytes = 0;
}

/* give back the pages of .debug_info around [from, to) */
static void drop_info(struct oms_types *t, uint64_t from, uint64_t to)
{
	const size_t around = 64 << 10;	/* the kernel's fault-around */
	uintptr_t lo, hi;

	if (!t->info || from >= t->info_size)
		return;
	if (to > t->info_size)
		to = t->info_size;
	lo = ((uintptr_t)t->info + from) & ~(uintptr_t)(around - 1);
	hi = ((uintptr_t)t->info + to + 2 * around - 1) &
	     ~(uintptr_t)(around - 1);
	madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

static bool is_declaration(Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	bool flag = false;

	return dwarf_attr(die, DW_AT_declaration, &attr) &&
	       !dwarf_formflag(&attr, &flag) && flag;
}

static bool base_is_signed(Dwarf_Die *type)
{
	Dwarf_Attribute attr;
	Dwarf_Word enc;

	if (!dwarf_attr(type, DW_AT_encoding, &attr) ||
	    dwarf_formudata(&attr, &enc))
		return false;
	return enc == DW_ATE_signed || enc == DW_ATE_signed_char;
}

/* an enumerator's DW_AT_const_value, sign-extended as its enum's type says */
static bool enumerator_value(Dwarf_Die *die, bool is_signed, int64_t *ret)
{
	Dwarf_Attribute attr;
	Dwarf_Word u;
	Dwarf_Sword s;
	unsigned bits;

	if (!dwarf_attr(die, DW_AT_const_value, &attr))
		return false;
	switch (dwarf_whatform(&attr)) {
	case DW_FORM_sdata:
	case DW_FORM_implicit_const:
		if (dwarf_formsdata(&attr, &s))
			return false;
		*ret = s;
		return true;
	case DW_FORM_data1: bits = 8; break;
	case DW_FORM_data2: bits = 16; break;
	case DW_FORM_data4: bits = 32; break;
	default: bits = 64; break;
	}
	if (dwarf_formudata(&attr, &u))
		return false;
	if (is_signed && bits < 64 && (u >> (bits - 1)) & 1)
		u |= ~0ULL << bits;
	*ret = (int64_t)u;
	return true;
}

static void index_enumerators(struct oms_types *t, Dwarf_Die *enum_die)
{
	Dwarf_Die child, type;
	bool is_signed = false;
	int64_t value;

	Dwarf_Attribute attr;

	/* DWARF 5 names the underlying type (GCC 12 does) */
	if (dwarf_attr(enum_die, DW_AT_type, &attr) &&
	    dwarf_formref_die(&attr, &type) &&
	    dwarf_peel_type(&type, &type) == 0)
		is_signed = base_is_signed(&type);
	if (dwarf_child(enum_die, &child))
		return;
	do {
		const char *name;

		if (dwarf_tag(&child) != DW_TAG_enumerator ||
		    !(name = dwarf_diename(&child)) ||
		    !enumerator_value(&child, is_signed, &value))
			continue;
		/* names point into .debug_str, which lives as long as dw */
		oms_strmap_put(&t->enums, name, (uint64_t)value, false);
	} while (dwarf_siblingof(&child, &child) == 0);
}

static void index_type(struct oms_types *t, const char *prefix,
		       const char *name, Dwarf_Off off)
{
	uint64_t old;
	char **names, *key;

	if (*prefix) {
		char buf[256];

		snprintf(buf, sizeof(buf), "%s%s", prefix, name);
		if (oms_strmap_get(&t->types, buf, &old))
			return;
		key = strdup(buf);
		if (!key)
			return;
		names = oms_grow(t->names, &t->names_cap, t->nnames + 1,
				 sizeof(*names));
		if (!names) {
			free(key);
			return;
		}
		t->names = names;
		if (!oms_strmap_put(&t->types, key, off, false)) {
			free(key);
			return;
		}
		t->names[t->nnames++] = key;
		return;
	}
	/* typedefs and base types: the name in .debug_str is the key */
	oms_strmap_put(&t->types, name, off, false);
}

/* record the named types and the enumerators at the top of one unit */
static void scan_unit(struct oms_types *t, Dwarf_Off cu_die_off,
		      Dwarf_Off unit_len)
{
	Dwarf_Die cu, die;

	t->scanned_bytes += unit_len;
	if (!dwarf_offdie(t->dw, cu_die_off, &cu) || dwarf_child(&cu, &die))
		return;
	do {
		const char *prefix, *name;
		int tag = dwarf_tag(&die);

		switch (tag) {
		case DW_TAG_structure_type: prefix = "struct "; break;
		case DW_TAG_union_type: prefix = "union "; break;
		case DW_TAG_enumeration_type: prefix = "enum "; break;
		case DW_TAG_typedef: case DW_TAG_base_type: prefix = ""; break;
		default: continue;
		}
		if (is_declaration(&die))
			continue;
		if (tag == DW_TAG_enumeration_type)
			index_enumerators(t, &die);
		name = dwarf_diename(&die);
		if (name)
			index_type(t, prefix, name, dwarf_dieoffset(&die));
	} while (dwarf_siblingof(&die, &die) == 0);
	if (t->scanned_bytes > DROP_AFTER)
		drop_pages(t);
}

static bool was_scanned(const struct oms_types *t, Dwarf_Off cu_die_off)
{
	size_t i;

	for (i = 0; i < t->nscanned; i++)
		if (t->scanned[i] == cu_die_off)
			return true;
	return false;
}

/* scan the next unit in file order; false at the end */
static bool scan_next(struct oms_types *t)
{
	Dwarf_Off off, next;
	size_t hsize;

	while (!t->scan_done) {
		off = t->next_unit;
		if (dwarf_next_unit(t->dw, off, &next, &hsize, NULL, NULL, NULL,
				    NULL, NULL, NULL)) {
			t->scan_done = true;
			drop_pages(t);
			return false;
		}
		t->next_unit = next;
		if (was_scanned(t, off + hsize))
			continue;
		scan_unit(t, off + hsize, next - off);
		return true;
	}
	return false;
}

static const struct oms_unit *unit(const struct oms_types *t, size_t i)
{
	return oms_units_get(t->units, i);
}

static void list_units(struct oms_types *t)
{
	if (t->units_listed)
		return;
	t->units_listed = true;
	t->units = oms_units_create(oms_vmlinux_elf(t->vm),
				    oms_vmlinux_fd(t->vm));
	t->nunits = oms_units_count(t->units);
}

/*
 * libdw learns of units in file order: before it finds the DIE of a unit
 * far into the file, it reads the header of every unit before it, each on
 * its own page, each page faulting in 64 KB of the file.  Walk it there in
 * steps, giving the pages back after each.
 */
static void intern_units(struct oms_types *t, Dwarf_Off die)
{
	size_t first = t->interned;
	Dwarf_Die cu;

	list_units(t);
	for (; t->interned < t->nunits && unit(t, t->interned)->die < die;
	     t->interned++) {
		dwarf_offdie(t->dw, unit(t, t->interned)->die, &cu);
		if (t->interned - first == 63) {
			drop_info(t, unit(t, first)->die,
				  unit(t, t->interned)->die);
			first = t->interned + 1;
		}
	}
	if (first < t->interned)
		drop_info(t, unit(t, first)->die,
			  unit(t, t->interned - 1)->die);
}

static void scan_out_of_order(struct oms_types *t, Dwarf_Off die,
			      Dwarf_Off end)
{
	Dwarf_Off *s;

	/* already scanned, in order or not */
	if (die < t->next_unit || t->scan_done || was_scanned(t, die))
		return;
	s = realloc(t->scanned, (t->nscanned + 1) * sizeof(*s));
	if (!s)
		return;
	t->scanned = s;
	t->scanned[t->nscanned++] = die;
	intern_units(t, die);
	scan_unit(t, die, end > die ? end - die : 0);
}

/* scan the unit whose name ends with name (the cache knows where it is) */
static void scan_unit_named(struct oms_types *t, const char *name)
{
	struct oms_typecache_value v;
	char key[300];
	ssize_t u;

	snprintf(key, sizeof(key), "u %s", name);
	if (oms_typecache_get(t->cache, key, &v)) {
		if (v.found)
			scan_out_of_order(t, (Dwarf_Off)v.v[0],
					  (Dwarf_Off)v.v[1]);
		return;
	}
	list_units(t);
	if (!t->nunits)
		return;
	/* the cheap way first */
	u = oms_units_find_by_address(t->units, t->vm, name);
	if (u < 0)
		u = oms_units_find_by_name(t->units, name);
	v = (struct oms_typecache_value){ false, { 0 } };
	if (u >= 0) {
		v = (struct oms_typecache_value){ true,
			{ (int64_t)unit(t, (size_t)u)->die,
			  (int64_t)unit(t, (size_t)u)->end } };
		scan_out_of_order(t, unit(t, (size_t)u)->die,
				  unit(t, (size_t)u)->end);
	}
	oms_typecache_put(t->cache, key, &v);
}

/* scan the units that hints[] names for key */
static void scan_hinted(struct oms_types *t, const char *key)
{
	size_t h, u;

	for (h = 0; h < sizeof(hints) / sizeof(hints[0]); h++) {
		if (strncmp(key, hints[h].prefix, strlen(hints[h].prefix)))
			continue;
		for (u = 0; u < 3 && hints[h].units[u]; u++)
			scan_unit_named(t, hints[h].units[u]);
	}
}

/*
 * Whether name can be in the DWARF at all: GCC puts every name longer
 * than 4 characters in .debug_str (DW_FORM_strp; shorter ones inline,
 * dwarf2out.c: AT_string_form),
 * and the linker merges equal strings and tails.  A name that is not
 * there spares a scan of the whole file (a type or enumerator of another
 * kernel version, e.g. PG_slab after 6.10).
 */
static bool may_exist(const struct oms_types *t, const char *name)
{
	size_t len = strlen(name);
	char needle[256];

	if (!t->str || len <= 4 || len + 1 > sizeof(needle))
		return true;
	memcpy(needle, name, len + 1);	/* with its NUL */
	return memmem(t->str, t->str_size, needle, len + 1) != NULL;
}

/* the DIE of a type by its key, scanning as far as needed */
static bool find_type(struct oms_types *t, const char *key, Dwarf_Die *ret)
{
	const char *name = strchr(key, ' ');
	bool hinted = false;
	uint64_t off;

	/* "struct NAME", "enum NAME", "union NAME"; else a typedef or base */
	if (!name || (strncmp(key, "struct ", 7) && strncmp(key, "union ", 6) &&
		      strncmp(key, "enum ", 5)))
		name = key;
	else
		name++;
	for (;;) {
		if (oms_strmap_get(&t->types, key, &off))
			return dwarf_offdie(t->dw, off, ret) != NULL;
		if (!hinted) {
			hinted = true;
			if (!may_exist(t, name))
				return false;
			scan_hinted(t, key);
			continue;
		}
		if (!scan_next(t))
			return false;
	}
}

static bool find_enumerator(struct oms_types *t, const char *name,
			    int64_t *ret)
{
	bool hinted = false;
	uint64_t v;

	for (;;) {
		if (oms_strmap_get(&t->enums, name, &v)) {
			*ret = (int64_t)v;
			return true;
		}
		if (!hinted) {
			hinted = true;
			if (!may_exist(t, name))
				return false;
			scan_hinted(t, name);
			continue;
		}
		if (!scan_next(t))
			return false;
	}
}

/* the size of a type DIE; an array of unknown length is 0 */
static bool type_die_size(Dwarf_Die *type, uint64_t *ret)
{
	Dwarf_Word size;
	Dwarf_Die peeled;

	if (!dwarf_aggregate_size(type, &size)) {
		*ret = size;
		return true;
	}
	if (dwarf_peel_type(type, &peeled) == 0 &&
	    dwarf_tag(&peeled) == DW_TAG_array_type) {
		*ret = 0;
		return true;
	}
	return false;
}

static bool member_type(Dwarf_Die *member, Dwarf_Die *ret)
{
	Dwarf_Attribute attr;

	return dwarf_attr_integrate(member, DW_AT_type, &attr) &&
	       dwarf_formref_die(&attr, ret);
}

static bool member_location(Dwarf_Die *member, uint64_t *ret)
{
	Dwarf_Attribute attr;
	Dwarf_Word u;
	Dwarf_Op *ops;
	size_t nops;

	*ret = 0;
	if (!dwarf_attr(member, DW_AT_data_member_location, &attr))
		return true;	/* a union's members */
	if (!dwarf_formudata(&attr, &u)) {
		*ret = u;
		return true;
	}
	/* DWARF 2: DW_OP_plus_uconst N */
	if (dwarf_getlocation(&attr, &ops, &nops) == 0 && nops == 1 &&
	    ops[0].atom == DW_OP_plus_uconst) {
		*ret = ops[0].number;
		return true;
	}
	return false;
}

static bool attr_udata(Dwarf_Die *die, unsigned name, uint64_t *ret)
{
	Dwarf_Attribute attr;
	Dwarf_Word u;

	if (!dwarf_attr(die, name, &attr) || dwarf_formudata(&attr, &u))
		return false;
	*ret = u;
	return true;
}

/* fill ret for member die at base bytes into the outer type */
static bool member_info(Dwarf_Die *die, uint64_t base, struct oms_member *ret)
{
	Dwarf_Die type;
	uint64_t loc, size, bit_size, bit_off;

	if (!member_type(die, &type) || !member_location(die, &loc) ||
	    !type_die_size(&type, &size))
		return false;
	memset(ret, 0, sizeof(*ret));
	ret->offset = base + loc;
	ret->size = size;
	if (!attr_udata(die, DW_AT_bit_size, &bit_size))
		return true;
	/* a bitfield: bits from the start of the outer type */
	if (attr_udata(die, DW_AT_data_bit_offset, &bit_off)) {
		bit_off += base * 8;
	} else {
		/* DWARF 2/3: DW_AT_bit_offset from the most significant bit
		 * of a DW_AT_byte_size storage unit (little-endian here) */
		uint64_t storage = size, msb_off = 0;

		attr_udata(die, DW_AT_byte_size, &storage);
		attr_udata(die, DW_AT_bit_offset, &msb_off);
		bit_off = (base + loc) * 8 + storage * 8 - msb_off - bit_size;
	}
	/* in a storage unit of the type's size, if it fits there */
	if (!size || size > 8)
		size = 1;
	ret->offset = bit_off / (size * 8) * size;
	if (bit_off - ret->offset * 8 + bit_size > size * 8) {
		ret->offset = bit_off / 8;
		size = (bit_off % 8 + bit_size + 7) / 8;
	}
	ret->size = size;
	ret->bit_offset = (uint32_t)(bit_off - ret->offset * 8);
	ret->bit_size = (uint32_t)bit_size;
	return true;
}

/*
 * The member name of the struct or union type (a DIE after typedefs and
 * qualifiers), also inside its anonymous structs and unions.  1 found,
 * 0 not there, -1 broken DWARF, -2 more than *anon_left anonymous members
 * entered (OMS_MAX_ANON)
 */
static int find_member(Dwarf_Die *type, const char *name, uint64_t base,
		       struct oms_member *ret, Dwarf_Die *die_ret, int depth,
		       unsigned *anon_left)
{
	Dwarf_Die child, sub, peeled;
	uint64_t loc;
	int r;

	if (depth > 16 || dwarf_child(type, &child))
		return 0;
	do {
		const char *n;

		if (dwarf_tag(&child) != DW_TAG_member)
			continue;
		n = dwarf_diename(&child);
		if (n) {
			if (strcmp(n, name))
				continue;
			if (!member_info(&child, base, ret))
				return -1;
			*die_ret = child;
			return 1;
		}
		/* an anonymous struct or union */
		if (!member_type(&child, &sub) ||
		    dwarf_peel_type(&sub, &peeled) ||
		    (dwarf_tag(&peeled) != DW_TAG_structure_type &&
		     dwarf_tag(&peeled) != DW_TAG_union_type) ||
		    !member_location(&child, &loc))
			continue;
		if (!*anon_left)
			return -2;
		--*anon_left;
		r = find_member(&peeled, name, base + loc, ret, die_ret,
				depth + 1, anon_left);
		if (r)
			return r;
	} while (dwarf_siblingof(&child, &child) == 0);
	return 0;
}

static bool is_aggregate(Dwarf_Die *die)
{
	int tag = dwarf_tag(die);

	return tag == DW_TAG_structure_type || tag == DW_TAG_union_type;
}

static struct oms_error *lookup_member(struct oms_types *t, const char *type,
				       const char *member,
				       struct oms_member *ret)
{
	struct oms_error *err;
	Dwarf_Die die, peeled, mdie;
	char *path, *part, *save;
	unsigned anon_left = OMS_MAX_ANON;
	uint64_t base = 0;
	int r = 0;

	err = open_dwarf(t);
	if (err)
		return err;
	if (!find_type(t, oms_gcc_spelling(type), &die) ||
	    dwarf_peel_type(&die, &peeled) || !is_aggregate(&peeled))
		return oms_error_create(OMS_ERR_NOT_FOUND, "no type '%s'", type);
	path = strdup(member);
	if (!path)
		return &oms_enomem;
	/* "a.b": a member of the member a */
	for (part = strtok_r(path, ".", &save); part;
	     part = strtok_r(NULL, ".", &save)) {
		if (r == 1) {
			base = ret->offset;
			if (!member_type(&mdie, &die) ||
			    dwarf_peel_type(&die, &peeled) ||
			    !is_aggregate(&peeled)) {
				r = 0;
				break;
			}
		}
		r = find_member(&peeled, part, base, ret, &mdie, 0,
				&anon_left);
		if (r != 1)
			break;
	}
	free(path);
	if (r == -2)
		return oms_error_create(OMS_ERR_FORMAT,
					"the DWARF of '%s' has more than %d anonymous structs or unions to search for '%s' (a loop?)",
					type, OMS_MAX_ANON, member);
	if (r < 0)
		return oms_error_create(OMS_ERR_FORMAT,
					"cannot read the DWARF of '%s.%s'",
					type, member);
	if (!r)
		return oms_error_create(OMS_ERR_NOT_FOUND, "no member '%s.%s'",
					type, member);
	return NULL;
}

static struct oms_error *member_lookup(void *arg, const char *type,
				       const char *member,
				       struct oms_member *ret)
{
	return lookup_member(arg, type, member, ret);
}

struct oms_error *oms_types_member(struct oms_types *t, const char *type,
				   const char *member, struct oms_member *ret)
{
	return oms_typecache_member(t->cache, type, member, ret, member_lookup,
				    t);
}

struct oms_error *oms_types_size(struct oms_types *t, const char *type,
				 uint64_t *size_ret)
{
	struct oms_typecache_value v;
	struct oms_error *err;
	Dwarf_Die die;
	char *key;

	if (oms_is_pointer_name(type)) {
		*size_ret = t->addr_size;
		return NULL;
	}
	if (asprintf(&key, "s %s", type) < 0)
		return &oms_enomem;
	if (oms_typecache_get(t->cache, key, &v)) {
		free(key);
		if (!v.found)
			return oms_error_create(OMS_ERR_NOT_FOUND,
						"no type '%s'", type);
		*size_ret = (uint64_t)v.v[0];
		return NULL;
	}
	err = open_dwarf(t);
	if (err)
		goto out_free_key;
	if (!find_type(t, oms_gcc_spelling(type), &die)) {
		err = oms_error_create(OMS_ERR_NOT_FOUND, "no type '%s'", type);
		v = (struct oms_typecache_value){ false, { 0 } };
	} else if (!type_die_size(&die, size_ret)) {
		err = oms_error_create(OMS_ERR_FORMAT,
				       "type '%s' has no size in the DWARF",
				       type);
		goto out_free_key;
	} else {
		v = (struct oms_typecache_value){ true,
						  { (int64_t)*size_ret } };
	}
	oms_typecache_put(t->cache, key, &v);
out_free_key:
	free(key);
	return err;
}

struct oms_error *oms_types_enumerator(struct oms_types *t, const char *name,
				       int64_t *value_ret)
{
	struct oms_typecache_value v;
	struct oms_error *err;
	char *key;

	if (asprintf(&key, "e %s", name) < 0)
		return &oms_enomem;
	if (oms_typecache_get(t->cache, key, &v)) {
		free(key);
		if (!v.found)
			return oms_error_create(OMS_ERR_NOT_FOUND,
						"no enumerator '%s'", name);
		*value_ret = v.v[0];
		return NULL;
	}
	err = open_dwarf(t);
	if (err)
		goto out_free_key;
	if (find_enumerator(t, name, value_ret)) {
		v = (struct oms_typecache_value){ true, { *value_ret } };
	} else {
		err = oms_error_create(OMS_ERR_NOT_FOUND, "no enumerator '%s'",
				       name);
		v = (struct oms_typecache_value){ false, { 0 } };
	}
	oms_typecache_put(t->cache, key, &v);
out_free_key:
	free(key);
	return err;
}
