/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reports: the model in, bytes out (text.c, json.c); they compute
 * nothing.  The names of the model's enums in the JSON (names.c).
 */
#ifndef OMS_REPORT_H
#define OMS_REPORT_H

#include <stdio.h>

#include "../model/model.h"
#include "../model/options.h"

void oms_report_text(FILE *out, const struct oms_model *m,
		     const struct oms_options *o,
		     const struct oms_source *src);
void oms_report_json(FILE *out, const struct oms_model *m,
		     const struct oms_options *o,
		     const struct oms_source *src);

/* the machine name of a skip reason in the JSON report ("oom_score_adj_min") */
const char *oms_skip_key(enum oms_skip s);
/* the machine name of a constraint in the JSON report ("none", "memcg") */
const char *oms_constraint_key(enum oms_constraint c);
const char *oms_page_class_key(enum oms_page_class c);

#endif
