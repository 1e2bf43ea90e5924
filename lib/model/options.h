/* SPDX-License-Identifier: GPL-2.0 */
/* What the caller asks of an analysis and its reports, and where the dump
 * came from: set by the front ends, read by analyze.c and report/. */
#ifndef OMS_OPTIONS_H
#define OMS_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#define OMS_VERSION "0.1"
#define OMS_SCHEMA_VERSION 1

struct oms_options {
	bool walk_free_lists;	/* split free blocks by migratetype (default) */
	bool walk_slab_partial;	/* count the slab partial lists' free objects (default) */
	bool all_threads;	/* list threads too */
	bool exact_rss;		/* rank by exact counters, not the kernel's view */
	bool read_log;		/* read and cross-check the kernel's log (default) */
	size_t top_n;		/* ranking rows shown; 0 = all (default 10) */
	bool page_census;	/* --pages: classify every struct page */
	bool compact_json;	/* the JSON report on one line (a batch's JSON lines) */
};

/* where the dump came from, for the report's header */
struct oms_source {
	const char *path;
	const char *format;	/* "kdump-compressed", "elf", "flattened", "live crash session" */
	const char *vmlinux;	/* the debug vmlinux used, NULL with BTF */
	const char *build_id;
	const char *types;	/* "dwarf" or "btf"; NULL: unknown */
	const char *symbols;	/* "vmlinux" or "kallsyms"; NULL: unknown */
	const char *debuginfod;	/* the server the vmlinux came from, or NULL */
	/* the symbols that kallsyms lacked (a kernel without KALLSYMS_ALL),
	 * names[i] found from from[i] ("ksymtab", ...): 0 of them mostly */
	size_t n_recovered;
	const char *const *recovered_names;
	const char *const *recovered_from;
};

void oms_options_init(struct oms_options *o);

#endif
