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

#include "model/model.h"
#include "model/options.h"
#include "report/report.h"
#include "target.h"

struct oms_error *oms_analyze(const struct oms_target *t,
			      const struct oms_options *o,
			      struct oms_model *m);

#endif
