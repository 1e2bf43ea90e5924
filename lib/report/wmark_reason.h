/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Each zone's verdict on the failing allocation in words: one plain
 * sentence a zone for the text report (and the crash command), a line for
 * the allocation, and the JSON of zones[].watermark_check.  Computes
 * nothing: oms_watermarks_compute() (analysis/watermark.h) decided.
 */
#ifndef OMS_WMARK_REASON_H
#define OMS_WMARK_REASON_H

#include <stddef.h>

#include "../model/model.h"

struct oms_json;

/* room for any sentence (a longer one is cut, as snprintf() cuts) */
#define OMS_WMARK_SENTENCE_SIZE 512
#define OMS_WMARK_SUMMARY_SIZE 1024

/*
 * Zone zone_index of m->zones.v into buf (len bytes, NUL-terminated);
 * returns buf, "" when m->watermarks was not computed:
 *   "DMA free 868 kB, but 1,188 kB is kept back (min 112 kB +
 *    lowmem_reserve 1,076 kB): unusable; below low and high, node 0
 *    kswapd_failures 16 (all_unreclaimable)"
 *   "DMA32 free 1,820 kB < min 2,040 kB: fails by 224 kB; ..."
 *   "Normal: not eligible (above gfp_zone()'s ZONE_DMA32)"
 * "Node N " comes before the zone's name when the model has more than
 * one node.
 */
char *oms_wmark_sentence(const struct oms_model *m, size_t zone_index,
			 char *buf, size_t len);

/* the allocation's line: gfp_zone(), the migratetype, alloc_flags, the
 * zonelist, how many zones pass, and what the verdict rests on that the
 * model does not hold; "no watermark check: WHY" when not computed */
char *oms_wmark_summary(const struct oms_model *m, char *buf, size_t len);

/* the JSON name of a zone's verdict ("below_min", "zone_too_high") */
const char *oms_wmark_reason_key(const struct oms_wmark_check *c);

/* "watermark_check": {eligible, free, unusable, required, reserve, ok,
 * reason} of zone zone_index, or null when not computed; for the zone
 * loop of json.c */
void oms_json_watermark_check(struct oms_json *j, const struct oms_model *m,
			      size_t zone_index);

#endif
