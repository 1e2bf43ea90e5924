/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page census (--pages): the struct page of every present pfn of the
 * zones, read a section at a time, each classified as the kernel's
 * page-flags.h tests tell (include/linux/page-flags.h).
 */
#ifndef OMS_CENSUS_H
#define OMS_CENSUS_H

#include "../model/model.h"
#include "../target.h"

/* k: the page size (PAGE_SHIFT, SECTIONS_PER_ROOT) */
struct oms_error *oms_census_collect(const struct oms_target *t,
				     const struct oms_kernel *k,
				     const struct oms_zones *zones,
				     struct oms_census *c,
				     struct oms_warnings *w);

#endif
