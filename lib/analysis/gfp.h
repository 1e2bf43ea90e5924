/* SPDX-License-Identifier: GPL-2.0 */
/* gfp masks as the kernel prints them (%pGg), from its own names table. */
#ifndef OMS_ANALYSIS_GFP_H
#define OMS_ANALYSIS_GFP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../model/model.h"

/*
 * lib/vsprintf.c's format_flags() with gfpflag_names[]: each name whose
 * whole mask is in the flags, in the table's order, taken out of them and
 * joined by '|'; what is left as 0x%lx.  Writes at most size bytes (NUL
 * included); false when the table is unknown (buf "")
 */
bool oms_gfp_format(const struct oms_gfp_names *names, uint64_t gfp,
		    char *buf, size_t size);

/* the mask of the name in the kernel's table, 0 if it has none */
uint64_t oms_gfp_flag(const struct oms_gfp_names *names, const char *name);

#endif
