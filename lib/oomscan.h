/* SPDX-License-Identifier: GPL-2.0 */
/*
 * liboomscan: the analysis of a kernel crash dump's memory state and the
 * OOM killer's decision, on any target (lib/target.h).
 *
 *	struct oms_model m;
 *	oms_model_init(&m);
 *	err = oms_analyze(target, &opts, &m);	// collect + compute
 *	oms_report_text(stdout, &m, &opts, &src);	// or oms_report_json()
 *	oms_model_deinit(&m);
 *
 * oms_analyze() fails only when nothing can be said (the target cannot
 * even give the kernel release); anything less becomes a warning in the
 * model and the rest of the report still comes out.
 */
#ifndef OMS_OOMSCAN_H
#define OMS_OOMSCAN_H

#include <stdio.h>

#include "model.h"
#include "target.h"

#define OMS_VERSION "0.1"
#define OMS_SCHEMA_VERSION 1

struct oms_options {
	bool walk_free_lists;	/* split free blocks by migratetype (default) */
	bool all_threads;	/* list threads too */
	bool exact_rss;		/* rank by exact counters, not the kernel's view */
	bool read_log;		/* read and cross-check the kernel's log (default) */
	size_t top_n;		/* ranking rows shown; 0 = all (default 10) */
};

/* where the dump came from, for the report's header */
struct oms_source {
	const char *path;
	const char *format;	/* "kdump-compressed", "elf", "flattened", "live crash session" */
	const char *vmlinux;
	const char *build_id;
};

void oms_options_init(struct oms_options *o);
void oms_model_init(struct oms_model *m);
void oms_model_deinit(struct oms_model *m);
struct oms_error *oms_analyze(const struct oms_target *t,
			      const struct oms_options *o,
			      struct oms_model *m);
/* true when some part of the state could not be read (exit status 3) */
bool oms_model_partial(const struct oms_model *m);
/* what a partial report lacks, on one line: the first warning and how
 * many more there are (the report's WARNINGS has them all) */
void oms_model_partial_line(const struct oms_model *m, char *buf, size_t size);

void oms_report_text(FILE *out, const struct oms_model *m,
		     const struct oms_options *o,
		     const struct oms_source *src);
void oms_report_json(FILE *out, const struct oms_model *m,
		     const struct oms_options *o,
		     const struct oms_source *src);

#endif
