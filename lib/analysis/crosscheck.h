/* SPDX-License-Identifier: GPL-2.0 */
/* The structures against the kernel's own OOM report in the log. */
#ifndef OMS_CROSSCHECK_H
#define OMS_CROSSCHECK_H

#include "../model/model.h"

/* fill m->crosscheck; nothing to do when the log had no report */
struct oms_error *oms_crosscheck_run(struct oms_model *m);

#endif
