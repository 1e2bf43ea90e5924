// SPDX-License-Identifier: GPL-2.0
/*
 * Where the types and symbols of the dump's kernel come from, chosen once
 * when the dump is opened:
 *   1. the debug vmlinux, given (--vmlinux), found in vmlinux.c's places
 *      or fetched by the dump's build-id from debuginfod: its DWARF
 *      (dwarf.c) and its .symtab plus KERNELOFFSET;
 *   2. else the kernel's own BTF and kallsyms, read out of the dump
 *      (btf.c, kallsyms.c): nothing but the vmcore (Linux 6.0 and later,
 *      CONFIG_DEBUG_INFO_BTF);
 *   3. else one error that says what the dump lacks and how to get the
 *      vmlinux of its release.
 * The analysis asks the same questions of both, through the target.
 *
 * Every answer goes to the type cache of the build (typecache.c): the
 * DWARF ones to types/BUILD_ID, the BTF and kallsyms ones to
 * types/BUILD_ID.btf.  On the BTF side the tables are read only on a
 * question the cache cannot answer: kallsyms when a symbol is not in it,
 * the BTF blob when a type is not, so that a batch of dumps of one build
 * reads them once.  Opening always finds __start_BTF and __stop_BTF and
 * checks that a BTF header is there, so that a dump without BTF fails at
 * once with its reason.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf.h"
#include "debuginfo.h"
#include "image.h"
#include "kallsyms.h"
#include "../../model/vec.h"

#define BTF_HEADER_SIZE 24

struct oms_debuginfo {
	bool btf_side;
	uint64_t kaslr_offset;
	struct oms_typecache *cache;	/* the DWARF side: dwarf.c's own */
	/* DWARF */
	struct oms_vmlinux *vm;
	struct oms_types *types;
	/* BTF and kallsyms, loaded on the first question the cache misses */
	const struct oms_target *mem;
	struct oms_kallsyms *ks;
	struct oms_error *ks_err;	/* the load that failed, kept */
	struct oms_btf *btf;
	struct oms_error *btf_err;
	uint64_t btf_start, btf_stop;
	/* a kallsyms of functions only (no CONFIG_KALLSYMS_ALL): the data
	 * symbols from the image (image.h), loaded on the first miss */
	int text_only;		/* -1: not known yet */
	struct oms_image *img;
	struct oms_error *img_err;
	struct oms_ksymtab *kt;
	struct oms_error *kt_err;
	uint64_t percpu_start;		/* __per_cpu_start, 0 until found */
	struct oms_error *percpu_err;
	/* the symbols that came from the image, and how, for the report */
	struct recovered {
		char *name;
		enum oms_symbol_origin how;
	} *recovered;
	size_t n_recovered, recovered_cap;
	bool opened;		/* a failed open leaves the cache as it was */
};

/* an error of its own for each caller: a kept one is copied */
static struct oms_error *copy_error(const struct oms_error *err)
{
	if (err == &oms_enomem)
		return &oms_enomem;
	return oms_error_create(err->code, "%s", err->message);
}

/* --- symbols ------------------------------------------------------------ */

/*
 * Kept in the cache as the running kernel had them less KERNELOFFSET, and
 * whether they were shifted by it: not a per-cpu symbol (.data..percpu in
 * the vmlinux; in kallsyms an address in the lower half, which no 64-bit
 * kernel's text or data has), so that the dumps of other boots use them
 */
static struct oms_error *load_kallsyms(struct oms_debuginfo *di)
{
	if (!di->ks && !di->ks_err) {
		di->ks_err = oms_kallsyms_create(di->mem, &di->ks);
		if (di->ks_err)
			di->ks_err = oms_error_prefix(di->ks_err,
						      "the kernel's kallsyms in the dump");
	}
	return di->ks_err ? copy_error(di->ks_err) : NULL;
}

static struct oms_error *load_btf(struct oms_debuginfo *di);

/* the image from _stext, which VMCOREINFO gives since 2.6.x */
static struct oms_error *load_image(struct oms_debuginfo *di)
{
	struct oms_error *err;
	uint64_t stext;
	char *value, *end;

	if (di->img || di->img_err)
		return di->img_err ? copy_error(di->img_err) : NULL;
	err = oms_vmcoreinfo(di->mem, "SYMBOL(_stext)", &value);
	if (!err) {
		stext = strtoull(value, &end, 16);
		if (end == value || !stext)
			err = oms_error_create(OMS_ERR_CORRUPT,
					       "VMCOREINFO's SYMBOL(_stext)=%s is not an address",
					       value);
		free(value);
	}
	if (!err)
		err = oms_image_read(di->mem, stext, OMS_IMAGE_MAX, &di->img);
	if (err) {
		di->img_err = err;
		return copy_error(err);
	}
	return NULL;
}

/*
 * __ksymtab, found from the first of a few functions that every kernel
 * exports (mm/slab_common.c, kernel/printk/printk.c) and kallsyms has
 */
static struct oms_error *load_ksymtab(struct oms_debuginfo *di)
{
	static const char *const seeds[] = { "kfree", "_printk", "printk",
					     "kmalloc_trace", "vfree" };
	struct oms_error *err;
	uint64_t addr;
	size_t i;

	if (di->kt || di->kt_err)
		return di->kt_err ? copy_error(di->kt_err) : NULL;
	err = load_image(di);
	if (err)
		return err;
	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		err = oms_kallsyms_lookup(di->ks, seeds[i], &addr);
		if (!err)
			err = oms_ksymtab_create(di->img, seeds[i], addr,
						 &di->kt);
		if (!err || err->code != OMS_ERR_NOT_FOUND)
			break;
		oms_error_destroy(err);
		err = NULL;
	}
	if (!err && !di->kt)
		err = oms_error_create(OMS_ERR_NOT_FOUND,
				       "no __ksymtab in the kernel image (none of kfree, _printk, printk, kmalloc_trace, vfree exported there)");
	if (err) {
		di->kt_err = err;
		return copy_error(err);
	}
	return NULL;
}

/*
 * __per_cpu_start: where an exported per-cpu variable is (cpu_number on
 * arm64: EXPORT_PER_CPU_SYMBOL) less its offset in the BTF's DATASEC
 * .data..percpu; each exported one must agree
 */
static struct oms_error *load_percpu(struct oms_debuginfo *di)
{
	const char *name, *anchor = NULL;
	struct oms_error *err;
	uint64_t addr, start = 0;
	uint32_t i, off;

	if (di->percpu_start || di->percpu_err)
		return di->percpu_err ? copy_error(di->percpu_err) : NULL;
	if ((err = load_btf(di)) || (err = load_ksymtab(di)))
		return err;
	for (i = 0; oms_btf_datasec_var(di->btf, ".data..percpu", i, &name,
					&off); i++) {
		if (!*name || oms_ksymtab_lookup(di->kt, name, &addr) ||
		    addr < off)
			continue;
		if (!anchor) {
			anchor = name;
			start = addr - off;
		} else if (addr - off != start) {
			di->percpu_err = oms_error_create(OMS_ERR_CORRUPT,
							  "the exported per-cpu variables '%s' and '%s' put .data..percpu at 0x%" PRIx64 " and 0x%" PRIx64,
							  anchor, name, start,
							  addr - off);
			return copy_error(di->percpu_err);
		}
	}
	if (!anchor) {
		di->percpu_err = oms_error_create(OMS_ERR_NOT_FOUND,
						  "no per-cpu variable of the BTF's .data..percpu is in __ksymtab");
		return copy_error(di->percpu_err);
	}
	di->percpu_start = start;
	return NULL;
}

/* a per-cpu variable's offset in .data..percpu, false if the BTF has none */
static bool percpu_offset(struct oms_debuginfo *di, const char *name,
			  uint32_t *ret)
{
	const char *var;
	uint32_t i;

	for (i = 0; oms_btf_datasec_var(di->btf, ".data..percpu", i, &var,
					ret); i++)
		if (!strcmp(var, name))
			return true;
	return false;
}

/* a symbol that none of kallsyms of functions only and the image gave */
static struct oms_error *not_found(const char *name)
{
	return oms_error_create(OMS_ERR_NOT_FOUND,
				"no symbol '%s' (the kernel's kallsyms has functions only, CONFIG_KALLSYMS_ALL off, and the dump gives it no other way)",
				name);
}

/* the sysctls oomscan reads, and their names in /proc/sys/vm */
static const char *const sysctls[][2] = {
	{ "sysctl_panic_on_oom", "panic_on_oom" },
	{ "sysctl_oom_kill_allocating_task", "oom_kill_allocating_task" },
	{ "sysctl_oom_dump_tasks", "oom_dump_tasks" },
	{ "sysctl_overcommit_memory", "overcommit_memory" },
	{ "sysctl_overcommit_ratio", "overcommit_ratio" },
	{ "sysctl_overcommit_kbytes", "overcommit_kbytes" },
	{ "vm_swappiness", "swappiness" },
};

/*
 * A sysctl's variable from its struct ctl_table entry (kernel/sysctl.c's
 * vm_table, mm/oom_kill.c's vm_oom_kill_table): found by its procname,
 * its .maxlen the variable's size (the BTF's), its .proc_handler a
 * function of kallsyms' text
 */
static struct oms_error *sysctl_symbol(struct oms_debuginfo *di,
				       const char *name, uint64_t *value_ret)
{
	static const char *const members[] = {
		"procname", "data", "maxlen", "proc_handler",
	};
	struct oms_ctl_table_layout l;
	uint64_t *offs[] = { &l.procname, &l.data, &l.maxlen,
			     &l.proc_handler };
	struct oms_member m;
	struct oms_error *err;
	uint64_t lo, hi, size;
	char type[64];
	size_t i;

	for (i = 0; i < sizeof(sysctls) / sizeof(sysctls[0]); i++)
		if (!strcmp(sysctls[i][0], name))
			break;
	if (i == sizeof(sysctls) / sizeof(sysctls[0]))
		return oms_error_create(OMS_ERR_NOT_FOUND, "not a sysctl");
	if ((err = load_btf(di)) || (err = load_image(di)))
		return err;
	err = oms_btf_type_size(di->btf, "struct ctl_table", &l.size);
	for (size_t k = 0; !err && k < 4; k++) {
		err = oms_btf_member(di->btf, "struct ctl_table", members[k],
				     &m);
		*offs[k] = m.offset;
	}
	/* the variable's size, as .maxlen = sizeof(it) says */
	snprintf(type, sizeof(type), "%s",
		 !strcmp(name, "sysctl_overcommit_kbytes") ? "unsigned long" :
		 "int");
	if (!err)
		err = oms_btf_type_size(di->btf, type, &size);
	if (!err)
		err = oms_kallsyms_lookup(di->ks, "_stext", &lo);
	if (!err)
		err = oms_kallsyms_lookup(di->ks, "_etext", &hi);
	if (!err)
		err = oms_image_find_sysctl(di->img, &l, sysctls[i][1],
					    (int32_t)size, lo, hi, value_ret);
	return err;
}

/*
 * panic_cpu on arm64 (VMCOREINFO's NUMBER(kimage_voffset), which only
 * arm64's arch_crash_save_vmcoreinfo() writes): what nmi_panic()'s
 * atomic_cmpxchg(&panic_cpu, PANIC_CPU_INVALID, cpu) works on (arm64.c),
 * the function's first atomic (kernel/panic.c since 1717f2096b54, 4.5);
 * it must hold a cpu number or PANIC_CPU_INVALID (-1)
 */
static struct oms_error *panic_cpu_symbol(struct oms_debuginfo *di,
					  uint64_t *value_ret)
{
	struct oms_error *err;
	uint64_t fn, var;
	int32_t cpu;
	char *value;

	err = oms_vmcoreinfo(di->mem, "NUMBER(kimage_voffset)", &value);
	if (err)
		return err;
	free(value);
	if ((err = load_image(di)) ||
	    (err = oms_kallsyms_lookup(di->ks, "nmi_panic", &fn)))
		return err;
	if (fn < di->img->start || fn - di->img->start >= di->img->len ||
	    !oms_arm64_atomic_target(di->img->buf + (fn - di->img->start),
				     di->img->len - (size_t)(fn - di->img->start),
				     fn, &var) ||
	    var < di->img->start || var - di->img->start + 4 > di->img->len)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no panic_cpu in the code of nmi_panic() at 0x%" PRIx64,
					fn);
	memcpy(&cpu, di->img->buf + (var - di->img->start), sizeof(cpu));
	if (cpu < -1 || cpu >= 8192)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"what nmi_panic() at 0x%" PRIx64 " takes for panic_cpu, at 0x%" PRIx64 ", holds %" PRId32 ", not a cpu",
					fn, var, cpu);
	*value_ret = var;
	return NULL;
}

/*
 * slab_caches, the list_head of every struct kmem_cache by its .list
 * (mm/slab_common.c): from a cache of the exported kmalloc_caches[0][],
 * the one link of the list that is in the kernel image; every cache is
 * in slab memory (slub's bootstrap() moved kmem_cache_boot, __initdata,
 * there)
 */
static struct oms_error *slab_caches_symbol(struct oms_debuginfo *di,
					    uint64_t *value_ret)
{
	struct oms_error *err;
	struct oms_member m;
	uint64_t caches, cache = 0, start, link, next;
	size_t i;

	if ((err = load_btf(di)) || (err = load_ksymtab(di)))
		return err;
	err = oms_btf_member(di->btf, "struct kmem_cache", "list", &m);
	if (!err)
		err = oms_ksymtab_lookup(di->kt, "kmalloc_caches", &caches);
	/* the first cache of the first row, KMALLOC_NORMAL's */
	for (i = 0; !err && !cache && i < 32; i++)
		err = oms_read_u64(di->mem, caches + 8 * i, &cache);
	if (err)
		return err;
	if (!cache)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no cache in kmalloc_caches[0] at 0x%" PRIx64,
					caches);
	start = link = cache + m.offset;
	for (i = 0; i < 100000; i++) {
		err = oms_read_u64(di->mem, link, &next);
		if (err)
			return oms_error_prefix(err,
						"cannot follow the list of kmem_cache at 0x%" PRIx64 " to slab_caches",
						cache);
		if (next >= di->img->start &&
		    next - di->img->start < di->img->len) {
			*value_ret = next;
			return NULL;
		}
		if (next == start)
			break;
		link = next;
	}
	return oms_error_create(OMS_ERR_NOT_FOUND,
				"the list of kmem_cache at 0x%" PRIx64 " has no link in the kernel image",
				cache);
}

/*
 * The sum over the online nodes (VMCOREINFO's node_online_map, the first
 * 64) of pglist_data's member, or of zone's member over their zones
 */
static struct oms_error *node_sum(struct oms_debuginfo *di, const char *type,
				  const char *member, uint64_t *ret)
{
	struct oms_member m, zones;
	struct oms_error *err;
	uint64_t online, nodes, pgdat, zone_size, v;
	int64_t nr_zones = 1;
	char *value;
	int nid, z;

	*ret = 0;
	err = oms_vmcoreinfo(di->mem, "SYMBOL(node_online_map)", &value);
	if (err)
		return err;
	nodes = strtoull(value, NULL, 16);
	free(value);
	if ((err = oms_read_u64(di->mem, nodes, &online)) ||
	    (err = oms_ksymtab_lookup(di->kt, "node_data", &nodes)) ||
	    (err = oms_btf_member(di->btf, type, member, &m)))
		return err;
	zones.offset = 0;
	zone_size = 0;
	if (!strcmp(type, "struct zone") &&
	    ((err = oms_btf_member(di->btf, "struct pglist_data", "node_zones",
				   &zones)) ||
	     (err = oms_btf_type_size(di->btf, "struct zone", &zone_size)) ||
	     (err = oms_btf_enumerator(di->btf, "__MAX_NR_ZONES", &nr_zones))))
		return err;
	for (nid = 0; nid < 64; nid++) {
		if (!(online >> nid & 1))
			continue;
		if ((err = oms_read_u64(di->mem, nodes + 8 * (uint64_t)nid,
					&pgdat)))
			return err;
		for (z = 0; z < nr_zones; z++) {
			err = oms_read_u64(di->mem, pgdat + zones.offset +
					   (uint64_t)z * zone_size + m.offset,
					   &v);
			if (err)
				return err;
			*ret += v;
		}
	}
	return NULL;
}

/*
 * A counter that its users load by ADRP, ADD and LDR (arm64.c), through
 * a section anchor maybe: of the addresses each of the functions loads
 * from (up to the next symbol), in the image and not an exported
 * symbol's, the one that holds
 *  - the sum of the per-node (or per-zone) counter it totals:
 *    totalreserve_pages of pgdat's totalreserve_pages
 *    (calculate_totalreserve_pages()), totalcma_pages of zone's
 *    cma_pages (init_cma_reserved_pageblock()); a sum of 0 says nothing;
 *  - or, with no such sum, the only one that the one function loads
 *    (an unsigned long, below 2^40): total_swap_pages in si_swapinfo()
 *    (at least the exported nr_swap_pages; swap_info[] is not
 *    exported), nr_vmalloc_pages in vmalloc_nr_pages(), and
 *    pcpu_nr_populated in pcpu_nr_pages().  Not its one int load,
 *    pcpu_nr_units (an LDRSW, which arm64.c reads): the ledger's percpu
 *    line needs pcpu_first_chunk and pcpu_reserved_chunk with it, which
 *    no function loads alone, and without them it would be a warning
 *    more and nothing gained
 * Two addresses that qualify say nothing
 */
static struct oms_error *counter_symbol(struct oms_debuginfo *di,
					const char *name, uint64_t *value_ret)
{
	static const struct {
		const char *name, *type, *member, *users[3];
	} counters[] = {
		{ "totalreserve_pages", "struct pglist_data",
		  "totalreserve_pages",
		  { "si_mem_available", "global_dirty_limits", "node_dirty_ok" } },
		{ "totalcma_pages", "struct zone", "cma_pages",
		  { "meminfo_proc_show", "__show_mem", NULL } },
		{ "total_swap_pages", NULL, "nr_swap_pages",
		  { "si_swapinfo", NULL, NULL } },
		{ "nr_vmalloc_pages", NULL, NULL,
		  { "vmalloc_nr_pages", NULL, NULL } },
		{ "pcpu_nr_populated", NULL, NULL,
		  { "pcpu_nr_pages", NULL, NULL } },
	};
	unsigned size = 8;
	uint64_t targets[64], fn, end, want = 0, v, found = 0, at_least = 0;
	struct oms_error *err;
	size_t i, k, n, off, len;
	char *value;

	for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++)
		if (!strcmp(counters[i].name, name))
			break;
	if (i == sizeof(counters) / sizeof(counters[0]))
		return oms_error_create(OMS_ERR_NOT_FOUND, "not a counter");
	err = oms_vmcoreinfo(di->mem, "NUMBER(kimage_voffset)", &value);
	if (err)
		return err;
	free(value);
	if ((err = load_btf(di)) || (err = load_ksymtab(di)))
		return err;
	if (counters[i].type) {
		err = node_sum(di, counters[i].type, counters[i].member, &want);
		if (err)
			return err;
		if (!want)
			return oms_error_create(OMS_ERR_NOT_FOUND,
						"'%s' is 0 by its nodes: no telling where it is",
						name);
	} else if (counters[i].member &&
		   ((err = oms_ksymtab_lookup(di->kt, counters[i].member, &v)) ||
		    (err = oms_read_u64(di->mem, v, &at_least)))) {
		return err;
	}
	for (k = 0; k < 3 && counters[i].users[k]; k++) {
		if (oms_kallsyms_lookup(di->ks, counters[i].users[k], &fn) ||
		    fn < di->img->start || fn - di->img->start >= di->img->len)
			continue;
		off = (size_t)(fn - di->img->start);
		end = oms_kallsyms_next(di->ks, fn);
		len = di->img->len - off;
		if (end - fn < len)
			len = (size_t)(end - fn);
		n = oms_arm64_load_targets(di->img->buf + off, len, fn, size,
					   targets, 64);
		while (n--) {
			uint64_t t = targets[n];

			uint32_t v32;

			if (t % size || t < di->img->start ||
			    t - di->img->start + size > di->img->len ||
			    oms_ksymtab_has_address(di->kt, t))
				continue;
			if (size == 4) {
				memcpy(&v32, di->img->buf + (t - di->img->start), 4);
				v = v32;
				if (!v || v > 1u << 16)
					continue;
			} else {
				memcpy(&v, di->img->buf + (t - di->img->start), 8);
			}
			if ((counters[i].type ? v != want :
			     v < at_least || v >> 40) || t == found)
				continue;
			if (found)
				return oms_error_create(OMS_ERR_NOT_FOUND,
							"both 0x%" PRIx64 " and 0x%" PRIx64 " may be '%s'",
							found, t, name);
			found = t;
		}
	}
	if (!found)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no load of '%s' in the code of its users",
					name);
	*value_ret = found;
	return NULL;
}

/*
 * gfpflag_names[] of mm/debug.c: struct trace_print_flags { mask, name }
 * up to { 0, NULL }, __def_gfpflag_names of include/trace/events/
 * mmflags.h, whose first is GFP_TRANSHUGE: the pointer to that name, in
 * an entry after which each name is a "GFP_" or "__GFP_" one, up to the
 * end.  Of several such arrays, none
 */
static struct oms_error *gfpflag_names_symbol(struct oms_debuginfo *di,
					      uint64_t *value_ret)
{
	static const char first[] = "GFP_TRANSHUGE";
	const unsigned char *p, *end;
	struct oms_member mask, name;
	struct oms_error *err;
	uint64_t size, found = 0;

	if ((err = load_btf(di)) || (err = load_image(di)) ||
	    (err = oms_btf_member(di->btf, "struct trace_print_flags", "mask",
				  &mask)) ||
	    (err = oms_btf_member(di->btf, "struct trace_print_flags", "name",
				  &name)) ||
	    (err = oms_btf_type_size(di->btf, "struct trace_print_flags",
				     &size)))
		return err;
	if (size < 16 || name.offset + 8 > size || mask.offset + 8 > size)
		return oms_error_create(OMS_ERR_FORMAT,
					"struct trace_print_flags of %" PRIu64 " bytes",
					size);
	p = di->img->buf;
	end = p + di->img->len;
	while (p < end && (p = memmem(p, (size_t)(end - p), first,
				      sizeof(first)))) {
		uint64_t str = di->img->start + (uint64_t)(p - di->img->buf);
		size_t off, e, k;
		uint64_t v;

		for (off = name.offset; off + 8 <= di->img->len; off += 8) {
			memcpy(&v, di->img->buf + off, 8);
			if (v != str || off < name.offset)
				continue;
			e = off - name.offset;
			/* the entries after it: GFP names up to { 0, NULL } */
			for (k = 0; k < 128 && e + size <= di->img->len;
			     k++, e += size) {
				uint64_t s, m;

				memcpy(&s, di->img->buf + e + name.offset, 8);
				memcpy(&m, di->img->buf + e + mask.offset, 8);
				if (!s && !m)
					break;
				if (s < di->img->start ||
				    s - di->img->start + 7 > di->img->len ||
				    (memcmp(di->img->buf + (s - di->img->start),
					    "GFP_", 4) &&
				     memcmp(di->img->buf + (s - di->img->start),
					    "__GFP_", 6))) {
					k = 128;
					break;
				}
			}
			if (k == 128 || e + size > di->img->len)
				continue;
			v = di->img->start + off - name.offset;
			if (found && found != v)
				return oms_error_create(OMS_ERR_NOT_FOUND,
							"two arrays of GFP flag names (0x%" PRIx64 ", 0x%" PRIx64 ")",
							found, v);
			found = v;
		}
		p++;
	}
	if (!found)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no array of GFP flag names in the kernel image");
	*value_ret = found;
	return NULL;
}

/*
 * crashk_res (kernel/crash_core.c): the resource "Crash kernel" of the
 * exported iomem_resource's tree that is in the kernel image (the rest
 * are kmalloc'ed), inserted by reserve_crashkernel(); crashk_low_res has
 * the name too, and when both are in the tree neither is told apart
 */
static struct oms_error *crashk_res_symbol(struct oms_debuginfo *di,
					   uint64_t *value_ret)
{
	static const char *const members[] = { "name", "sibling", "child" };
	struct oms_member m[3];
	struct oms_error *err;
	uint64_t stack[64], r, found = 0, name;
	size_t k, depth = 0, visited = 0;
	char buf[16];

	if ((err = load_btf(di)) || (err = load_ksymtab(di)))
		return err;
	for (k = 0; k < 3; k++)
		if ((err = oms_btf_member(di->btf, "struct resource",
					  members[k], &m[k])))
			return err;
	if ((err = oms_ksymtab_lookup(di->kt, "iomem_resource", &r)) ||
	    (err = oms_read_u64(di->mem, r + m[2].offset, &r)))
		return err;
	/* depth first: a child, else the next sibling, else back up */
	while (r && visited++ < 100000) {
		if (!oms_read_u64(di->mem, r + m[0].offset, &name) && name &&
		    !oms_read_string(di->mem, name, buf, sizeof(buf)) &&
		    !strcmp(buf, "Crash kernel") && r >= di->img->start &&
		    r - di->img->start < di->img->len) {
			if (found && found != r)
				return oms_error_create(OMS_ERR_NOT_FOUND,
							"two 'Crash kernel' resources in the image (crashk_res and crashk_low_res)");
			found = r;
		}
		if (depth < 64 && !oms_read_u64(di->mem, r + m[2].offset,
						 &stack[depth]) && stack[depth]) {
			uint64_t child = stack[depth];

			stack[depth++] = r;
			r = child;
			continue;
		}
		for (;;) {
			uint64_t next = 0;

			err = oms_read_u64(di->mem, r + m[1].offset, &next);
			oms_error_destroy(err);
			if (next) {
				r = next;
				break;
			}
			if (!depth) {
				r = 0;
				break;
			}
			r = stack[--depth];
		}
	}
	if (!found)
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no 'Crash kernel' resource of iomem_resource in the kernel image");
	*value_ret = found;
	return NULL;
}

/*
 * VMCOREINFO's SYMBOL()s that are the symbol's address (kallsyms.c's
 * vmcoreinfo_symbols[], checked against kallsyms where it has them): not
 * mem_section, whose SYMBOL() is its value
 */
static struct oms_error *vmcoreinfo_symbol(struct oms_debuginfo *di,
					   const char *name,
					   uint64_t *value_ret)
{
	static const char *const names[] = {
		"init_uts_ns", "node_online_map", "swapper_pg_dir",
		"vmap_area_list", "mem_map", "contig_page_data", "prb",
		"printk_rb_static", "clear_seq",
	};
	struct oms_error *err;
	char key[64], *value, *end;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i], name))
			break;
	if (i == sizeof(names) / sizeof(names[0]))
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"no SYMBOL(%s) in VMCOREINFO", name);
	snprintf(key, sizeof(key), "SYMBOL(%s)", name);
	err = oms_vmcoreinfo(di->mem, key, &value);
	if (err)
		return err;
	*value_ret = strtoull(value, &end, 16);
	if (end == value || !*value_ret)
		err = oms_error_create(OMS_ERR_CORRUPT,
				       "VMCOREINFO's %s=%s is not an address",
				       key, value);
	free(value);
	return err;
}

/*
 * A symbol that a kallsyms of functions only lacks: from VMCOREINFO, or
 * from the image: the BTF's bounds, an exported symbol, a per-cpu
 * variable, a sysctl's variable
 */
static struct oms_error *image_symbol(struct oms_debuginfo *di,
				      const char *name, uint64_t *value_ret,
				      enum oms_symbol_origin *how_ret)
{
	struct oms_error *err;
	uint32_t off;
	size_t size;

	err = vmcoreinfo_symbol(di, name, value_ret);
	if (!err) {
		*how_ret = OMS_SYMBOL_VMCOREINFO;
		return NULL;
	}
	if (err->code != OMS_ERR_NOT_FOUND)
		return err;
	oms_error_destroy(err);
	if (!strcmp(name, "__start_BTF") || !strcmp(name, "__stop_BTF")) {
		err = load_image(di);
		if (!err)
			err = oms_image_find_btf(di->img, value_ret, &size);
		if (err)
			return err;
		if (!strcmp(name, "__stop_BTF"))
			*value_ret += size;
		*how_ret = OMS_SYMBOL_BTF_SCAN;
		return NULL;
	}
	err = load_ksymtab(di);
	if (!err) {
		err = oms_ksymtab_lookup(di->kt, name, value_ret);
		if (!err) {
			*how_ret = OMS_SYMBOL_KSYMTAB;
			return NULL;
		}
	}
	if (err && err->code != OMS_ERR_NOT_FOUND)
		return err;
	oms_error_destroy(err);
	/* a per-cpu variable: the BTF knows its offset */
	err = load_btf(di);
	if (err)
		return err;
	if (percpu_offset(di, name, &off)) {
		err = load_percpu(di);
		if (err)
			return oms_error_prefix(err,
						"per-cpu '%s' at offset 0x%" PRIx32 " of .data..percpu, whose start is unknown",
						name, off);
		*value_ret = di->percpu_start + off;
		*how_ret = OMS_SYMBOL_PERCPU;
		return NULL;
	}
	err = sysctl_symbol(di, name, value_ret);
	if (!err) {
		*how_ret = OMS_SYMBOL_SYSCTL;
		return NULL;
	}
	if (err->code == OMS_ERR_NOT_FOUND) {
		oms_error_destroy(err);
		err = counter_symbol(di, name, value_ret);
		if (!err) {
			*how_ret = OMS_SYMBOL_CODE;
			return NULL;
		}
	}
	if (err->code == OMS_ERR_NOT_FOUND && !strcmp(name, "gfpflag_names")) {
		oms_error_destroy(err);
		err = gfpflag_names_symbol(di, value_ret);
		if (!err) {
			*how_ret = OMS_SYMBOL_STRINGS;
			return NULL;
		}
	}
	if (err->code == OMS_ERR_NOT_FOUND && !strcmp(name, "crashk_res")) {
		oms_error_destroy(err);
		err = crashk_res_symbol(di, value_ret);
		if (!err) {
			*how_ret = OMS_SYMBOL_LIST;
			return NULL;
		}
	}
	if (err->code == OMS_ERR_NOT_FOUND && !strcmp(name, "slab_caches")) {
		oms_error_destroy(err);
		err = slab_caches_symbol(di, value_ret);
		if (!err) {
			*how_ret = OMS_SYMBOL_LIST;
			return NULL;
		}
	}
	if (err->code == OMS_ERR_NOT_FOUND && !strcmp(name, "panic_cpu")) {
		oms_error_destroy(err);
		err = panic_cpu_symbol(di, value_ret);
		if (!err) {
			*how_ret = OMS_SYMBOL_CODE;
			return NULL;
		}
	}
	if (err->code != OMS_ERR_NOT_FOUND)
		return err;
	oms_error_destroy(err);
	*how_ret = OMS_SYMBOL_NONE;
	return not_found(name);
}

static struct oms_error *raw_symbol(struct oms_debuginfo *di,
				    const char *name, uint64_t *value_ret,
				    bool *shifted_ret,
				    enum oms_symbol_origin *how_ret)
{
	struct oms_error *err;
	bool percpu;

	*how_ret = OMS_SYMBOL_TABLE;
	if (!di->btf_side) {
		err = oms_vmlinux_symbol(di->vm, name, value_ret, &percpu);
		*shifted_ret = !err && !percpu;
		return err;
	}
	err = load_kallsyms(di);
	if (!err)
		err = oms_kallsyms_lookup(di->ks, name, value_ret);
	if (err && err->code == OMS_ERR_NOT_FOUND && di->text_only < 0)
		di->text_only = !oms_kallsyms_has_data(di->ks);
	if (err && err->code == OMS_ERR_NOT_FOUND && di->text_only) {
		oms_error_destroy(err);
		err = image_symbol(di, name, value_ret, how_ret);
	}
	if (err)
		return err;
	*shifted_ret = *value_ret >> 63;
	if (*shifted_ret)
		*value_ret -= di->kaslr_offset;
	return NULL;
}

/* keep name in the report's list of symbols from elsewhere */
static void note_recovered(struct oms_debuginfo *di, const char *name,
			   enum oms_symbol_origin how)
{
	struct recovered *r;
	size_t i;

	if (how == OMS_SYMBOL_TABLE)
		return;	/* kallsyms' own, or the vmlinux's */
	for (i = 0; i < di->n_recovered; i++)
		if (!strcmp(di->recovered[i].name, name))
			return;
	r = oms_grow(di->recovered, &di->recovered_cap, di->n_recovered + 1,
		     sizeof(*r));
	if (!r)
		return;
	di->recovered = r;
	r[di->n_recovered].name = strdup(name);
	if (r[di->n_recovered].name)
		r[di->n_recovered++].how = how;
}

const char *oms_symbol_origin_name(enum oms_symbol_origin how)
{
	switch (how) {
	case OMS_SYMBOL_TABLE: return "kallsyms";
	case OMS_SYMBOL_BTF_SCAN: return "btf-header";
	case OMS_SYMBOL_KSYMTAB: return "ksymtab";
	case OMS_SYMBOL_PERCPU: return "percpu";
	case OMS_SYMBOL_VMCOREINFO: return "vmcoreinfo";
	case OMS_SYMBOL_SYSCTL: return "sysctl";
	case OMS_SYMBOL_CODE: return "code";
	case OMS_SYMBOL_LIST: return "list";
	case OMS_SYMBOL_STRINGS: return "strings";
	case OMS_SYMBOL_NONE: return NULL;
	}
	return "unknown";
}

size_t oms_debuginfo_recovered_count(const struct oms_debuginfo *di)
{
	return di->n_recovered;
}

void oms_debuginfo_recovered(const struct oms_debuginfo *di, size_t i,
			     const char **name_ret,
			     enum oms_symbol_origin *how_ret)
{
	*name_ret = di->recovered[i].name;
	*how_ret = di->recovered[i].how;
}

struct oms_error *oms_debuginfo_symbol(struct oms_debuginfo *di,
				       const char *name, uint64_t *addr_ret)
{
	enum oms_symbol_origin how;
	struct oms_typecache_value v;
	struct oms_error *err;
	uint64_t value;
	bool shifted;
	char *key;

	/* the cache spares hashing the ~190000 symbols of .symtab, or
	 * decoding the ~150000 of kallsyms */
	if (asprintf(&key, "y %s", name) < 0)
		return &oms_enomem;
	if (oms_typecache_get(di->cache, key, &v)) {
		free(key);
		if (!v.found && v.v[2] == OMS_SYMBOL_NONE) {
			note_recovered(di, name, OMS_SYMBOL_NONE);
			return not_found(name);
		}
		if (!v.found)
			return oms_error_create(OMS_ERR_NOT_FOUND,
						"no symbol '%s'", name);
		value = (uint64_t)v.v[0];
		shifted = !v.v[1];	/* v[1]: a per-cpu symbol */
		how = (enum oms_symbol_origin)v.v[2];
	} else {
		err = raw_symbol(di, name, &value, &shifted, &how);
		if (err && err->code != OMS_ERR_NOT_FOUND) {
			free(key);
			return err;
		}
		v = (struct oms_typecache_value){ !err,
			{ err ? 0 : (int64_t)value, !shifted, how } };
		oms_typecache_put(di->cache, key, &v);
		free(key);
		if (err && how == OMS_SYMBOL_NONE)
			note_recovered(di, name, how);
		if (err)
			return err;
	}
	note_recovered(di, name, how);
	/* a per-cpu symbol is an offset from __per_cpu_offset[cpu] */
	*addr_ret = shifted ? value + di->kaslr_offset : value;
	return NULL;
}

/* --- types: DWARF, or BTF through the cache --------------------------- */

static struct oms_error *load_btf(struct oms_debuginfo *di)
{
	struct oms_error *err;
	size_t size;
	void *blob;

	if (di->btf || di->btf_err)
		return di->btf_err ? copy_error(di->btf_err) : NULL;
	err = oms_btf_read(di->mem, di->btf_start, di->btf_stop, &blob, &size);
	if (!err) {
		err = oms_btf_check_header(blob, size);
		if (!err)
			err = oms_btf_create(blob, size, &di->btf);
		free(blob);
	}
	if (err) {
		di->btf_err = oms_error_prefix(err,
					       "the kernel's BTF at 0x%" PRIx64 " in the dump",
					       di->btf_start);
		return copy_error(di->btf_err);
	}
	return NULL;
}

/* a member from the BTF, read on the first question the cache misses */
static struct oms_error *btf_member(void *arg, const char *type,
				    const char *member, struct oms_member *ret)
{
	struct oms_debuginfo *di = arg;
	struct oms_error *err = load_btf(di);

	return err ? err : oms_btf_member(di->btf, type, member, ret);
}

struct oms_error *oms_debuginfo_member(struct oms_debuginfo *di,
				       const char *type, const char *member,
				       struct oms_member *ret)
{
	if (!di->btf_side)
		return oms_types_member(di->types, type, member, ret);
	return oms_typecache_member(di->cache, type, member, ret, btf_member,
				    di);
}

/* the cached one-value answers: "s TYPE" (sizeof), "e NAME" (enumerator) */
static struct oms_error *cached_value(struct oms_debuginfo *di, char kind,
				      const char *name, int64_t *ret)
{
	struct oms_typecache_value v;
	struct oms_error *err;
	uint64_t size;
	char *key;

	if (asprintf(&key, "%c %s", kind, name) < 0)
		return &oms_enomem;
	if (oms_typecache_get(di->cache, key, &v)) {
		free(key);
		if (v.found) {
			*ret = v.v[0];
			return NULL;
		}
		return kind == 's' ?
		       oms_error_create(OMS_ERR_NOT_FOUND, "no type '%s'", name) :
		       oms_error_create(OMS_ERR_NOT_FOUND, "no enumerator '%s'",
					name);
	}
	err = load_btf(di);
	if (!err && kind == 's') {
		err = oms_btf_type_size(di->btf, name, &size);
		*ret = (int64_t)size;
	} else if (!err) {
		err = oms_btf_enumerator(di->btf, name, ret);
	}
	if (!err)
		v = (struct oms_typecache_value){ true, { *ret } };
	else if (err->code == OMS_ERR_NOT_FOUND)
		v = (struct oms_typecache_value){ false, { 0 } };
	if (!err || err->code == OMS_ERR_NOT_FOUND)
		oms_typecache_put(di->cache, key, &v);
	free(key);
	return err;
}

struct oms_error *oms_debuginfo_type_size(struct oms_debuginfo *di,
					  const char *type, uint64_t *size_ret)
{
	struct oms_error *err;
	int64_t v;

	if (!di->btf_side)
		return oms_types_size(di->types, type, size_ret);
	err = cached_value(di, 's', type, &v);
	if (!err)
		*size_ret = (uint64_t)v;
	return err;
}

struct oms_error *oms_debuginfo_enumerator(struct oms_debuginfo *di,
					   const char *name, int64_t *value_ret)
{
	if (!di->btf_side)
		return oms_types_enumerator(di->types, name, value_ret);
	return cached_value(di, 'e', name, value_ret);
}

/* --- choosing ----------------------------------------------------------- */

static struct oms_error *open_dwarf(struct oms_debuginfo *di,
				    const struct oms_debuginfo_options *o,
				    const struct oms_vmlinux_want *want,
				    char **warning_ret)
{
	struct oms_error *err;

	err = oms_vmlinux_open(o->vmlinux, want, o->force, &di->vm,
			       warning_ret);
	if (!err)
		err = oms_types_create(di->vm, &di->types);
	if (!err)
		di->cache = oms_types_cache(di->types);
	return err;
}

/* __start_BTF and __stop_BTF, and a BTF header at the first */
static struct oms_error *open_btf(struct oms_debuginfo *di,
				  const char *build_id)
{
	unsigned char hdr[BTF_HEADER_SIZE];
	struct oms_error *err;
	bool had_answers;
	uint16_t magic;

	di->btf_side = true;
	di->cache = oms_typecache_create(build_id, "btf");
	if (!di->cache)
		return &oms_enomem;
	had_answers = oms_typecache_count(di->cache) > 0;
	err = oms_debuginfo_symbol(di, "__start_BTF", &di->btf_start);
	if (!err)
		err = oms_debuginfo_symbol(di, "__stop_BTF", &di->btf_stop);
	if (err && err->code == OMS_ERR_NOT_FOUND &&
	    (!di->ks || !di->text_only)) {
		oms_error_destroy(err);
		return oms_error_create(OMS_ERR_NOT_FOUND,
					"its kernel has no BTF (no '__start_BTF' in kallsyms: CONFIG_DEBUG_INFO_BTF is off)");
	}
	/* a kallsyms of functions only: the image was searched */
	if (err && err->code == OMS_ERR_NOT_FOUND) {
		struct oms_error *why = err;

		err = oms_error_create(OMS_ERR_NOT_FOUND,
				       "its kernel has no BTF (no '__start_BTF' in kallsyms, which has functions only, and %s: CONFIG_DEBUG_INFO_BTF is off)",
				       why->message);
		oms_error_destroy(why);
	}
	if (err)
		return err;
	if (di->btf_stop <= di->btf_start ||
	    di->btf_stop - di->btf_start < BTF_HEADER_SIZE ||
	    di->btf_stop - di->btf_start > OMS_BTF_MAX_SIZE)
		return oms_error_create(OMS_ERR_CORRUPT,
					"its BTF from __start_BTF 0x%" PRIx64 " to __stop_BTF 0x%" PRIx64 " is not a BTF's size",
					di->btf_start, di->btf_stop);
	err = oms_read(di->mem, di->btf_start, hdr, sizeof(hdr));
	if (err)
		return oms_error_prefix(err, "cannot read its BTF header at 0x%" PRIx64,
					di->btf_start);
	memcpy(&magic, hdr, sizeof(magic));
	if (magic != 0xeb9f || hdr[2] != 1)
		return oms_error_create(OMS_ERR_FORMAT,
					"its BTF at 0x%" PRIx64 " has no BTF header (magic 0x%04x, version %u; BTF's: 0xeb9f, 1)",
					di->btf_start, magic, hdr[2]);
	/* a cold cache will need all of it: read it now, so that a BTF that
	 * cannot be read fails here with its reason, not a question later */
	if (!had_answers) {
		err = load_btf(di);
		if (err)
			return err;
	}
	return NULL;
}

static void destroy(struct oms_debuginfo *di)
{
	if (!di)
		return;
	if (di->btf_side) {
		if (di->opened)
			oms_typecache_save(di->cache);
		oms_typecache_destroy(di->cache);
	}
	oms_types_destroy(di->types);	/* saves and frees its cache */
	oms_vmlinux_destroy(di->vm);
	oms_kallsyms_destroy(di->ks);
	oms_error_destroy(di->ks_err);
	oms_btf_destroy(di->btf);
	oms_error_destroy(di->btf_err);
	oms_ksymtab_destroy(di->kt);
	oms_error_destroy(di->kt_err);
	oms_image_destroy(di->img);
	oms_error_destroy(di->img_err);
	oms_error_destroy(di->percpu_err);
	while (di->n_recovered)
		free(di->recovered[--di->n_recovered].name);
	free(di->recovered);
	free(di);
}

void oms_debuginfo_destroy(struct oms_debuginfo *di)
{
	destroy(di);
}

struct oms_error *oms_debuginfo_open(const struct oms_target *mem,
				     const struct oms_vmlinux_want *want,
				     const struct oms_debuginfo_options *o,
				     uint64_t kaslr_offset,
				     struct oms_debuginfo **ret,
				     char **warning_ret)
{
	struct oms_debuginfo *di;
	struct oms_error *err, *dwarf_err = NULL;
	const char *release = want->release ? want->release : "(unknown)";

	*warning_ret = NULL;
	di = calloc(1, sizeof(*di));
	if (!di)
		return &oms_enomem;
	di->mem = mem;
	di->kaslr_offset = kaslr_offset;
	di->text_only = -1;

	/* a vmlinux given is the one to use, or an error */
	if (o->vmlinux || !o->btf_only) {
		err = open_dwarf(di, o, want, warning_ret);
		if (!err || o->vmlinux ||
		    (err->code != OMS_ERR_NOT_FOUND &&
		     err->code != OMS_ERR_MISMATCH)) {
			if (err)
				goto out_destroy;
			*ret = di;
			return NULL;
		}
		/* none, or only one of another build: the dump's own */
		dwarf_err = err;
		oms_types_destroy(di->types);
		oms_vmlinux_destroy(di->vm);
		di->types = NULL;
		di->vm = NULL;
		di->cache = NULL;
	}
	err = open_btf(di, want->build_id);
	if (err) {
		struct oms_error *why = err;

		if (dwarf_err)
			err = oms_error_create(why->code == OMS_ERR_NOT_FOUND &&
					       dwarf_err->code == OMS_ERR_NOT_FOUND ?
					       OMS_ERR_NOT_FOUND : why->code,
					       "%s; nor can its types and symbols come from the dump: %s",
					       dwarf_err->message, why->message);
		else
			err = oms_error_create(why->code,
					       "kernel %s: its types and symbols cannot come from the dump (--btf-only): %s; give its debug vmlinux (--vmlinux) instead",
					       release, why->message);
		if (why != &oms_enomem)
			oms_error_destroy(why);
		goto out_destroy;
	}
	/* say why the vmlinux was passed over when something was tried:
	 * a debuginfod that failed, a vmlinux of another build */
	if (dwarf_err && (dwarf_err->code == OMS_ERR_MISMATCH ||
			  strstr(dwarf_err->message, "debuginfod:"))) {
		const char *m = dwarf_err->message, *d = strstr(m, "debuginfod:");
		size_t len = d ? strcspn(d, ";)") : strlen(m);

		if (asprintf(warning_ret, "%.*s: using the kernel's BTF and kallsyms from the dump",
			     (int)len, d ? d : m) < 0)
			*warning_ret = NULL;
	}
	oms_error_destroy(dwarf_err);
	di->opened = true;
	*ret = di;
	return NULL;

out_destroy:
	if (dwarf_err != &oms_enomem)
		oms_error_destroy(dwarf_err);
	destroy(di);
	return err;
}

bool oms_debuginfo_is_btf(const struct oms_debuginfo *di)
{
	return di->btf_side;
}

const char *oms_debuginfo_vmlinux(const struct oms_debuginfo *di)
{
	return di->vm ? oms_vmlinux_path(di->vm) : NULL;
}

const char *oms_debuginfo_debuginfod(const struct oms_debuginfo *di)
{
	return di->vm ? oms_vmlinux_debuginfod(di->vm) : NULL;
}
