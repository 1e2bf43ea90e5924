// SPDX-License-Identifier: GPL-2.0
/*
 * Each zone's verdict on the failing allocation in words and in JSON: see
 * wmark_reason.h.  Pages become kB by the dump's page size, with a comma
 * every three digits.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../analysis/watermark.h"
#include "json_writer.h"
#include "wmark_reason.h"

__attribute__((format(printf, 3, 4)))
static void append(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

/* the analysis' numbers differ as the kernel's long does: wrapping, on a
 * corrupt dump's counters too (watermark.c computes them the same way) */
static int64_t wsub(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a - (uint64_t)b);
}

/* pages as "1,188 kB" */
struct kb {
	char s[32];
};

static struct kb kb(const struct oms_model *m, int64_t pages)
{
	uint64_t page_size = m->kernel.page_size ? m->kernel.page_size : 4096;
	struct kb out;
	char digits[24];
	uint64_t v;
	size_t n, i, o = 0;

	v = (pages < 0 ? (uint64_t)0 - (uint64_t)pages : (uint64_t)pages) * (page_size / 1024);
	n = (size_t)snprintf(digits, sizeof(digits), "%" PRIu64, v);
	if (pages < 0)
		out.s[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			out.s[o++] = ',';
		out.s[o++] = digits[i];
	}
	snprintf(out.s + o, sizeof(out.s) - o, " kB");
	return out;
}

/* "DMA32", or "Node 1 DMA32" when the model has more than one node */
static void zone_label(const struct oms_model *m, const struct oms_zone *z,
		       char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < m->zones.n; i++)
		if (m->zones.v[i].node != z->node) {
			snprintf(buf, len, "Node %d %s", z->node, z->name);
			return;
		}
	snprintf(buf, len, "%s", z->name);
}

const char *oms_wmark_reason_key(const struct oms_wmark_check *c)
{
	switch (c->ineligible) {
	case OMS_WMARK_ELIGIBLE: break;
	case OMS_WMARK_ZONE_TOO_HIGH: return "zone_too_high";
	case OMS_WMARK_NOT_IN_NODEMASK: return "not_in_nodemask";
	case OMS_WMARK_NOT_IN_CPUSET: return "not_in_cpuset";
	case OMS_WMARK_NOT_ON_ZONELIST: return "not_on_zonelist";
	}
	switch (c->result) {
	case OMS_WMARK_NOT_ELIGIBLE: return "not_eligible";
	case OMS_WMARK_OK: return "ok";
	case OMS_WMARK_RESERVED: return "reserved";
	case OMS_WMARK_BELOW_MIN: return "below_min";
	case OMS_WMARK_NO_BLOCK: return "no_block";
	}
	return "unknown";
}

static const char *result_words(enum oms_wmark_result r)
{
	switch (r) {
	case OMS_WMARK_NOT_ELIGIBLE: return "not eligible";
	case OMS_WMARK_OK: return "ok";
	case OMS_WMARK_RESERVED: return "unusable (kept back by lowmem_reserve)";
	case OMS_WMARK_BELOW_MIN: return "below min";
	case OMS_WMARK_NO_BLOCK: return "no free block of the order";
	}
	return "?";
}

/* " (1,308 kB usable: less 512 kB highatomic reserve, 28 kB for order 3)" */
static void usable_part(const struct oms_model *m, const struct oms_wmark_check *c,
			char *buf, size_t len)
{
	int order = m->allocation.order;
	int64_t rounding = wsub(wsub(c->unusable, c->unusable_highatomic),
				c->unusable_cma);
	const char *sep = "less ";

	buf[0] = '\0';
	if (c->unusable <= 0)
		return;
	append(buf, len, " (%s usable: ", kb(m, wsub(c->free, c->unusable)).s);
	if (c->unusable_highatomic) {
		append(buf, len, "%s%s highatomic reserve", sep,
		       kb(m, c->unusable_highatomic).s);
		sep = ", ";
	}
	if (c->unusable_cma) {
		append(buf, len, "%s%s free CMA", sep, kb(m, c->unusable_cma).s);
		sep = ", ";
	}
	if (rounding)
		append(buf, len, "%s%s for order %d", sep, kb(m, rounding).s, order);
	append(buf, len, ")");
}

/* "min 1,020 kB (2,040 kB cut by ALLOC_MIN_RESERVE)" */
static void min_part(const struct oms_model *m, const struct oms_zone *z,
		     const struct oms_wmark_check *c, char *buf, size_t len)
{
	const struct oms_watermarks *w = &m->watermarks;
	uint32_t f = w->alloc_flags;
	const char *sep = "";

	snprintf(buf, len, "min %s", kb(m, c->min).s);
	if (c->min != c->min_wmark) {
		append(buf, len, " (%s cut by ", kb(m, c->min_wmark).s);
		if (f & OMS_ALLOC_MIN_RESERVE) {
			append(buf, len, "ALLOC_MIN_RESERVE");
			sep = ", ";
			if (f & OMS_ALLOC_NON_BLOCK)
				append(buf, len, "%sALLOC_NON_BLOCK", sep);
		}
		if (f & OMS_ALLOC_OOM)
			append(buf, len, "%sALLOC_OOM", sep);
		append(buf, len, ")");
	}
	if (c->notes & OMS_WMARK_Z_BOOST_IGNORED)
		append(buf, len, " (_watermark[WMARK_MIN]: the watermark_boost of %s left out for %s)",
		       kb(m, (int64_t)z->watermark_boost).s,
		       w->generation == OMS_GFP_GEN_ATOMIC ? "__GFP_ATOMIC" :
							     "ALLOC_MIN_RESERVE");
	else if (z->watermark_boost)
		append(buf, len, " (with watermark_boost %s)",
		       kb(m, (int64_t)z->watermark_boost).s);
}

static void verdict(const struct oms_model *m, const struct oms_zone *z,
		    const struct oms_wmark_check *c, const char *label,
		    char *buf, size_t len)
{
	char usable[160], min[200], reserve[64] = "";
	int64_t usable_pages = wsub(c->free, c->unusable);
	int order = m->allocation.order;

	usable_part(m, c, usable, sizeof(usable));
	min_part(m, z, c, min, sizeof(min));
	if (c->reserve)
		snprintf(reserve, sizeof(reserve), " + lowmem_reserve %s",
			 kb(m, c->reserve).s);

	switch (c->result) {
	case OMS_WMARK_RESERVED:
		snprintf(buf, len,
			 "%s free %s%s, but %s is kept back (%s%s): unusable",
			 label, kb(m, c->free).s, usable, kb(m, c->required).s,
			 min, reserve);
		break;
	case OMS_WMARK_BELOW_MIN:
		snprintf(buf, len, "%s free %s%s %s %s%s: fails by %s", label,
			 kb(m, c->free).s, usable,
			 usable_pages < c->min ? "<" : "not above", min, reserve,
			 kb(m, c->shortfall).s);
		break;
	case OMS_WMARK_OK:
		snprintf(buf, len, "%s free %s%s > %s%s", label, kb(m, c->free).s,
			 usable, min, reserve);
		if (order > 0)
			append(buf, len, ", a free block of order %d or above", order);
		append(buf, len, ": ok");
		break;
	case OMS_WMARK_NO_BLOCK:
		snprintf(buf, len,
			 "%s free %s%s > %s%s, but no free block of order %d or above of a migratetype it may use: fails",
			 label, kb(m, c->free).s, usable, min, reserve, order);
		if (c->notes & OMS_WMARK_Z_BLOCK_UNKNOWN)
			append(buf, len, " (free areas not all read)");
		break;
	case OMS_WMARK_NOT_ELIGIBLE:
		snprintf(buf, len, "%s: not eligible", label);
		break;
	}
}

/* kswapd's view, the other rules' verdict, what the verdict rests on */
static void after_verdict(const struct oms_model *m, const struct oms_zone *z,
			  const struct oms_wmark_check *c, char *buf, size_t len)
{
	const struct oms_watermarks *w = &m->watermarks;

	/* kswapd's checks are of the allocation's order: a zone whose free
	 * pages pass a mark can fail it for want of a block */
	bool by_block = m->allocation.order > 0 && (int64_t)z->free_pages > (int64_t)z->low;

	if (c->below_low && by_block)
		append(buf, len, "; kswapd's low %s and high %s checks fail too (no block of order %d)",
		       kb(m, (int64_t)z->low).s, kb(m, (int64_t)z->high).s,
		       m->allocation.order);
	else if (c->below_low)
		append(buf, len, "; below low %s and high %s", kb(m, (int64_t)z->low).s,
		       kb(m, (int64_t)z->high).s);
	else if (c->below_high)
		append(buf, len, "; above low, below high %s", kb(m, (int64_t)z->high).s);
	else
		append(buf, len, "; above high %s", kb(m, (int64_t)z->high).s);
	if (c->kswapd_failures >= 0)
		append(buf, len, ", node %d kswapd_failures %d%s", z->node,
		       c->kswapd_failures,
		       c->all_unreclaimable ? " (all_unreclaimable)" : "");
	if (w->generation == OMS_GFP_GEN_ATOMIC && c->result_harder != c->result)
		append(buf, len, "; by v6.1's ALLOC_HARDER rules (6.1.y before 6.1.116): %s",
		       result_words(c->result_harder));
	if (c->notes & OMS_WMARK_Z_HIGHATOMIC_RESERVED)
		append(buf, len, "; nr_free_highatomic not read, nr_reserved_highatomic counted: at most that");
	if (c->notes & OMS_WMARK_Z_CMA_UNKNOWN)
		append(buf, len, "; NR_FREE_CMA_PAGES not read, 0 counted");
	if (c->notes & OMS_WMARK_Z_RESERVE_UNKNOWN)
		append(buf, len, "; lowmem_reserve[%d] not read, 0 counted",
		       w->highest_zoneidx);
	if (c->notes & OMS_WMARK_Z_CPUSET_UNKNOWN)
		append(buf, len, "; current's mems_allowed not known: not excluded");
	if (c->notes & OMS_WMARK_Z_PARTIAL)
		append(buf, len, "; the zone was not all read");
}

char *oms_wmark_sentence(const struct oms_model *m, size_t zone_index,
			 char *buf, size_t len)
{
	const struct oms_watermarks *w = &m->watermarks;
	const struct oms_wmark_check *c;
	const struct oms_zone *z;
	char label[48];

	if (!len)
		return buf;
	buf[0] = '\0';
	if (!w->computed || zone_index >= w->n || zone_index >= m->zones.n)
		return buf;
	c = &w->v[zone_index];
	z = &m->zones.v[zone_index];
	zone_label(m, z, label, sizeof(label));
	switch (c->ineligible) {
	case OMS_WMARK_ZONE_TOO_HIGH:
		snprintf(buf, len, "%s: not eligible (above gfp_zone()'s %s)", label,
			 w->highest_zone);
		break;
	case OMS_WMARK_NOT_IN_NODEMASK:
		snprintf(buf, len,
			 "%s: not eligible (node %d is not in the allocation's nodemask)",
			 label, z->node);
		break;
	case OMS_WMARK_NOT_IN_CPUSET:
		snprintf(buf, len,
			 "%s: not eligible (node %d is not in current's mems_allowed, ALLOC_CPUSET)",
			 label, z->node);
		break;
	case OMS_WMARK_NOT_ON_ZONELIST:
		snprintf(buf, len, "%s: not eligible (not on the zonelist)", label);
		break;
	case OMS_WMARK_ELIGIBLE:
		verdict(m, z, c, label, buf, len);
		after_verdict(m, z, c, buf, len);
		if (!c->moved_on)
			break;
		append(buf, len, "; it passes with the dump's counters, later than the kernel's last, failed attempt (at the high mark, before its report): pages were freed since");
		if (c->log_free_kb >= 0 && c->log_min_kb >= 0)
			append(buf, len, " (the report printed free:%" PRId64 "kB min:%" PRId64 "kB for it)",
			       c->log_free_kb, c->log_min_kb);
		else
			append(buf, len, " (the log has no zone line for it to compare)");
		break;
	}
	return buf;
}

char *oms_wmark_summary(const struct oms_model *m, char *buf, size_t len)
{
	const struct oms_watermarks *w = &m->watermarks;
	const struct oms_allocation *a = &m->allocation;
	const struct oms_migratetypes *mt = &m->zones.migratetypes;
	bool atomic = w->generation == OMS_GFP_GEN_ATOMIC;
	char flags[200];

	if (!len)
		return buf;
	buf[0] = '\0';
	if (!w->computed) {
		snprintf(buf, len, "no watermark check: %s",
			 w->why_not[0] ? w->why_not : "not computed");
		return buf;
	}
	snprintf(buf, len, "gfp_mask %#" PRIx32 ", order %d: gfp_zone() %s",
		 a->gfp_mask, a->order, w->highest_zone);
	if (w->migratetype >= 0 && w->migratetype < mt->nr)
		append(buf, len, ", migratetype %s", mt->name[w->migratetype]);
	append(buf, len, "; alloc_flags %s by the %s rules (%s__GFP_ATOMIC in the kernel's gfp flag names)",
	       oms_alloc_flags_str(w->alloc_flags, false, flags, sizeof(flags)),
	       atomic ? "6.1.116+" : "v6.3+", atomic ? "" : "no ");
	append(buf, len, "; the zonelist of node %d%s %s: %zu of %zu zones eligible, %zu passing",
	       w->preferred_node, w->thisnode ? " (ZONELIST_NOFALLBACK)" : "",
	       w->notes & OMS_WMARK_ZONELIST_INFERRED ?
			"inferred from the zones (none on the stack)" : "from the stack",
	       w->n_eligible, w->n, w->n_ok);
	if (atomic)
		append(buf, len, "; v6.1's rules (6.1.y before 6.1.116, the same table) give %s%s",
		       oms_alloc_flags_str(w->alloc_flags_harder, true, flags, sizeof(flags)),
		       w->notes & OMS_WMARK_HARDER_DIFFERS ?
				" and judge a zone otherwise" : " and the same verdict");
	if (w->notes & OMS_WMARK_NODE_ORDER_GUESSED)
		append(buf, len, "; with no node distances in the model the preferred node and the others' order are guessed");
	if (w->notes & OMS_WMARK_ZONE_DERIVED)
		append(buf, len, "; %s has no populated zone: its index %d follows enum zone_type",
		       w->highest_zone, w->highest_zoneidx);
	if (w->notes & OMS_WMARK_GFP_ZONE_BAD)
		append(buf, len, "; the gfp zone modifiers are a combination GFP_ZONE_BAD forbids: GFP_ZONE_TABLE gives zone 0");
	if (w->notes & OMS_WMARK_RESERVE_FLAGS)
		append(buf, len, "; __gfp_pfmemalloc_flags() gave %s: it replaced the alloc_flags and dropped the nodemask",
		       w->alloc_flags & OMS_ALLOC_NO_WATERMARKS ? "ALLOC_NO_WATERMARKS" : "ALLOC_OOM");
	if (w->notes & OMS_WMARK_NO_WATERMARKS)
		append(buf, len, "; with ALLOC_NO_WATERMARKS the kernel tries each zone whatever its watermark");
	if (w->notes & OMS_WMARK_MEMCG)
		append(buf, len, "; a memcg OOM: the charge failed, not these zones");
	if (w->notes & OMS_WMARK_CURRENT_UNKNOWN)
		append(buf, len, "; current's process is not in the model: taken as no OOM victim, every node allowed");
	if (w->notes & OMS_WMARK_PF_MEMALLOC_UNKNOWN)
		append(buf, len, "; current's PF_MEMALLOC is not in the model: taken as not set");
	if (w->notes & OMS_WMARK_RT_UNKNOWN)
		append(buf, len, "; rt_task(current) is not in the model: taken as not realtime");
	return buf;
}

void oms_json_watermark_check(struct oms_json *j, const struct oms_model *m,
			      size_t zone_index)
{
	const struct oms_watermarks *w = &m->watermarks;
	const struct oms_wmark_check *c;
	bool eligible;

	if (!w->computed || zone_index >= w->n) {
		oms_json_null(j, "watermark_check");
		return;
	}
	c = &w->v[zone_index];
	eligible = c->ineligible == OMS_WMARK_ELIGIBLE;
	oms_json_object(j, "watermark_check");
	oms_json_bool(j, "eligible", eligible);
	oms_json_int(j, "free", c->free);
	if (eligible) {
		oms_json_int(j, "unusable", c->unusable);
		oms_json_int(j, "required", c->required);
		oms_json_int(j, "reserve", c->reserve);
		oms_json_bool(j, "ok", c->result == OMS_WMARK_OK);
	} else {
		oms_json_null(j, "unusable");
		oms_json_null(j, "required");
		oms_json_null(j, "reserve");
		oms_json_null(j, "ok");
	}
	oms_json_str(j, "reason", oms_wmark_reason_key(c));
	if (eligible)
		oms_json_bool(j, "state_moved_on", c->moved_on);
	else
		oms_json_null(j, "state_moved_on");
	oms_json_end_object(j);
}
