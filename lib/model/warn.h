/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Warnings: what a collector could not read, kept with the model so the
 * report can say it.  A warning never stops a walk.
 */
#ifndef OMS_WARN_H
#define OMS_WARN_H

#include "model.h"

/* append one line; on out of memory the warning is dropped */
void oms_warn(struct oms_warnings *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
