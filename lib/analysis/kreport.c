// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's own OOM report, parsed out of the log.  What it looks like
 * (mm/oom_kill.c dump_header(), mm/show_mem.c or, before 6.2,
 * mm/page_alloc.c show_free_areas(), mm/memcontrol.c
 * mem_cgroup_print_oom_meminfo()):
 *
 *   grower invoked oom-killer: gfp_mask=0x140dca(GFP_...), order=0, oom_score_adj=0
 *   ...stack...
 *   Mem-Info:
 *   active_anon:70033 inactive_anon:0 isolated_anon:0      (one record of
 *    active_file:0 ...                                      several lines)
 *   Node 0 active_anon:280132kB ... all_unreclaimable? yes
 *   Node 0 DMA32 free:664kB boost:4548kB min:6572kB ... reserved_highatomic:0KB ...
 *   lowmem_reserve[]: 0 0 0 0 0
 *   Node 0 DMA32: 0*4kB 1*8kB (U) ... = 664kB
 *   Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB
 *   3399 total pagecache pages / 0 pages in swap cache / Free swap  = 0kB /
 *   Total swap = 0kB / 130939 pages RAM / ... / 53215 pages reserved
 * or, for a memcg OOM:
 *   memory: usage 65536kB, limit 65536kB, failcnt 68
 *   Memory cgroup stats for /box:
 *   anon 66523136
 *    file 16384 ...
 * then
 *   Tasks state (memory values in pages):
 *   [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
 *   [    151]     0   151    10508    10384   118784        0         -1000 hog_m1000
 *   (rss_anon rss_file rss_shmem after rss from v6.8-rc1 on)
 *   oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),...     (a kill)
 *   Out of memory: Killed process 223 (grower) total-vm:...      (a kill)
 *   Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled
 *
 * The parser works line by line on what each line says, so that lines of
 * other CPUs in between, or a report whose top was overwritten, do no harm.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kreport.h"
#include "../model/vec.h"

#define MAX_COLUMNS 16

/* the model's enum oms_report_column */
enum column {
	COL_OTHER = OMS_RCOL_OTHER,
	COL_UID = OMS_RCOL_UID,
	COL_TGID = OMS_RCOL_TGID,
	COL_TOTAL_VM = OMS_RCOL_TOTAL_VM,
	COL_RSS = OMS_RCOL_RSS,
	COL_RSS_ANON = OMS_RCOL_RSS_ANON,
	COL_RSS_FILE = OMS_RCOL_RSS_FILE,
	COL_RSS_SHMEM = OMS_RCOL_RSS_SHMEM,
	COL_PGTABLES_BYTES = OMS_RCOL_PGTABLES_BYTES,
	COL_SWAPENTS = OMS_RCOL_SWAPENTS,
	COL_OOM_SCORE_ADJ = OMS_RCOL_OOM_SCORE_ADJ,
};

static const struct {
	const char *name;
	enum column col;
} column_names[] = {
	{ "uid", COL_UID },
	{ "tgid", COL_TGID },
	{ "total_vm", COL_TOTAL_VM },
	{ "rss", COL_RSS },
	{ "rss_anon", COL_RSS_ANON },
	{ "rss_file", COL_RSS_FILE },
	{ "rss_shmem", COL_RSS_SHMEM },
	{ "pgtables_bytes", COL_PGTABLES_BYTES },
	{ "swapents", COL_SWAPENTS },
	{ "oom_score_adj", COL_OOM_SCORE_ADJ },
};

/* the two layouts of dump_task(), for rows whose header was lost */
static const enum column layout_6_1[] = {
	COL_UID, COL_TGID, COL_TOTAL_VM, COL_RSS, COL_PGTABLES_BYTES,
	COL_SWAPENTS, COL_OOM_SCORE_ADJ,
};
static const enum column layout_6_8[] = {
	COL_UID, COL_TGID, COL_TOTAL_VM, COL_RSS, COL_RSS_ANON, COL_RSS_FILE,
	COL_RSS_SHMEM, COL_PGTABLES_BYTES, COL_SWAPENTS, COL_OOM_SCORE_ADJ,
};

static const char *const summary_names[] = {
	"total pagecache pages", "pages in swap cache", "pages RAM",
	"pages HighMem/MovableOnly", "pages reserved", "pages cma reserved",
	"pages hwpoisoned",
};

/* zone names of the zones a kernel without CONFIG_NUMA prints bare */
static const char *const zone_names[] = {
	"DMA", "DMA32", "Normal", "HighMem", "Movable", "Device",
};

struct parser {
	struct oms_kernel_report *r;
	size_t kv_cap, zones_cap, tasks_cap;
	bool nomem;
	bool in_global;			/* after "Mem-Info:" */
	bool in_slab;			/* after "Unreclaimable slab info:" */
	size_t slabs_cap;
	char stats_scope[160];		/* in "Memory cgroup stats for X:" */
	char zone_scope[64];		/* the last zone line, for lowmem_reserve */
	enum column cols[MAX_COLUMNS];	/* the table header's numbers */
	int n_cols;
};

static void *grow(struct parser *p, void *v, size_t n, size_t *cap,
		  size_t size)
{
	void *nv = oms_grow(v, cap, n + 1, size);

	if (!nv)
		p->nomem = true;
	return nv;
}

static void add_kv(struct parser *p, const char *scope, const char *name,
		   int64_t value, bool kb)
{
	struct oms_kernel_report *r = p->r;
	struct oms_kv *v;

	if (p->nomem)
		return;
	v = grow(p, r->meminfo, r->n_meminfo, &p->kv_cap, sizeof(*v));
	if (!v)
		return;
	r->meminfo = v;
	v += r->n_meminfo;
	v->scope = strdup(scope);
	v->name = strdup(name);
	v->value = value;
	v->kb = kb;
	if (!v->scope || !v->name) {
		free(v->scope);
		free(v->name);
		p->nomem = true;
		return;
	}
	r->n_meminfo++;
}

static void copy_str(char *dst, size_t size, const char *src, size_t len)
{
	if (len >= size)
		len = size - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A comm as printed, its bytes back: the log's text has a byte that is
 * not printable as "\xffffffNN" (makedumpfile's signed char, >= 0x80) or
 * "\xNN" (makedumpfile below 0x80, /dev/kmsg, oomscan's own text rule,
 * printable.h).  Decoding both sides' names the same way lets a name that
 * is not ASCII compare equal, whichever printed it.
 */
static void copy_comm(char *dst, size_t size, const char *src, size_t len)
{
	size_t i = 0, n = 0;
	int hi, lo;

	while (i < len && n + 1 < size) {
		if (src[i] == '\\' && i + 3 < len && src[i + 1] == 'x') {
			size_t at = i + 2;

			if (at + 8 <= len && !strncmp(src + at, "ffffff", 6) &&
			    hex_digit(src[at + 6]) >= 8 &&
			    hex_digit(src[at + 7]) >= 0)
				at += 6;
			hi = hex_digit(src[at]);
			lo = hex_digit(src[at + 1]);
			if (hi >= 0 && lo >= 0) {
				dst[n++] = (char)(hi << 4 | lo);
				i = at + 2;
				continue;
			}
		}
		dst[n++] = src[i++];
	}
	dst[n] = '\0';
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* a decimal integer at *s (optional '-'), saturating; moves *s past it */
static bool parse_int(const char **s, int64_t *ret)
{
	const char *q = *s;
	char *end;
	long long v;

	if (*q != '-' && !isdigit((unsigned char)*q))
		return false;
	if (*q == '-' && !isdigit((unsigned char)q[1]))
		return false;
	errno = 0;
	v = strtoll(q, &end, 10);
	*ret = v;
	*s = end;
	return true;
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/*
 * Strip the prefixes of a log line: the "[   11.186297] " timestamp, a
 * "[ T123] " or "[    C1] " caller id (CONFIG_PRINTK_CALLER, as dmesg and
 * makedumpfile >= 1.7.5 print it), and the indentation of continuation
 * lines.
 */
static char *skip_digits(char *q)
{
	while (isdigit((unsigned char)*q))
		q++;
	return q;
}

/* past one "[...] " prefix: "[   11.186297]" or, with caller_id,
 * "[ T123]"/"[    C1]"; s itself when it is not one */
static char *skip_bracket(char *s, bool caller_id)
{
	char *q;

	if (*s != '[')
		return s;
	q = (char *)skip_spaces(s + 1);
	if (caller_id) {
		if ((*q != 'T' && *q != 'C') || !isdigit((unsigned char)q[1]))
			return s;
		q = skip_digits(q + 1);
	} else {
		if (!isdigit((unsigned char)*q))
			return s;
		q = skip_digits(q);
		if (*q != '.')
			return s;
		q = skip_digits(q + 1);
	}
	if (*q != ']')
		return s;
	return q[1] == ' ' ? q + 2 : q + 1;
}

static char *strip_prefix(char *s)
{
	return (char *)skip_spaces(skip_bracket(skip_bracket(s, false), true));
}

/*
 * "name:123", "name:123kB", "name:123KB", "name: 0kB" (6.1's shmem_thp),
 * "all_unreclaimable? yes": one number each.  With dry, only say whether
 * the whole line is made of them.
 */
static bool parse_kv_tokens(struct parser *p, const char *scope,
			    const char *s, bool dry)
{
	char name[64];
	int n = 0;

	for (s = skip_spaces(s); *s; s = skip_spaces(s)) {
		const char *colon, *end = s;
		int64_t v;
		bool kb = false;

		while (*end && *end != ' ' && *end != ':' && *end != '?')
			end++;
		if (end == s || (*end != ':' && *end != '?'))
			return false;
		copy_str(name, sizeof(name), s, end - s);
		colon = end;
		if (*colon == '?') {
			/* "all_unreclaimable? yes" */
			s = skip_spaces(colon + 1);
			if (starts_with(s, "yes"))
				v = 1, s += 3;
			else if (starts_with(s, "no"))
				v = 0, s += 2;
			else
				return false;
		} else {
			s = colon + 1;
			if (*s == ' ')
				s = skip_spaces(s);
			if (!parse_int(&s, &v))
				return false;
			if (starts_with(s, "kB") || starts_with(s, "KB")) {
				kb = true;
				s += 2;
			}
		}
		if (*s && *s != ' ' && *s != '\t')
			return false;
		if (!dry)
			add_kv(p, scope, name, v, kb);
		n++;
	}
	return n > 0;
}

/* "Node 0 DMA32: 0*4kB 1*8kB (U) ... = 664kB" after the "ZONE: " */
static void parse_free_list(struct parser *p, int node, const char *zone,
			    const char *s)
{
	struct oms_kernel_report *r = p->r;
	struct oms_report_zone_free zf, *v;
	int64_t nr, size;

	memset(&zf, 0, sizeof(zf));
	zf.node = node;
	copy_str(zf.zone, sizeof(zf.zone), zone, strlen(zone));
	for (s = skip_spaces(s); *s; s = skip_spaces(s)) {
		if (*s == '=') {
			s = skip_spaces(s + 1);
			if (!parse_int(&s, &size) || !starts_with(s, "kB"))
				return;
			zf.total_kb = size;
			break;
		} else if (*s == '(') {
			const char *end = strchr(s, ')');

			if (!end || !zf.nr_orders)
				return;
			copy_str(zf.types[zf.nr_orders - 1],
				 sizeof(zf.types[0]), s + 1, end - s - 1);
			s = end + 1;
		} else {
			if (!parse_int(&s, &nr) || *s != '*')
				return;
			s++;
			if (!parse_int(&s, &size) || !starts_with(s, "kB"))
				return;
			s += 2;
			if (zf.nr_orders >= OMS_MAX_ORDERS)
				return;
			zf.nr[zf.nr_orders++] = nr;
		}
	}
	if (!zf.nr_orders)
		return;
	v = grow(p, r->zones, r->n_zones, &p->zones_cap, sizeof(*v));
	if (!v)
		return;
	r->zones = v;
	r->zones[r->n_zones++] = zf;
}

/* "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB" */
static void parse_hugepages(struct parser *p, int node, const char *s)
{
	int64_t total, free, surp, size;
	char scope[64];
	int n = 0;

	if (sscanf(s, "hugepages_total=%" SCNd64 " hugepages_free=%" SCNd64
		   " hugepages_surp=%" SCNd64 " hugepages_size=%" SCNd64 "kB%n",
		   &total, &free, &surp, &size, &n) != 4 || !n)
		return;
	snprintf(scope, sizeof(scope), "Node %d hugepages %" PRId64 "kB",
		 node, size);
	add_kv(p, scope, "hugepages_total", total, false);
	add_kv(p, scope, "hugepages_free", free, false);
	add_kv(p, scope, "hugepages_surp", surp, false);
	add_kv(p, scope, "hugepages_size", size, true);
}

static bool is_zone_name(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(zone_names) / sizeof(zone_names[0]); i++)
		if (strlen(zone_names[i]) == len && !strncmp(s, zone_names[i], len))
			return true;
	return false;
}

/* a zone's line or free list, after "Node N " (or bare, without NUMA) */
static bool parse_zone(struct parser *p, int node, const char *scope_node,
		       const char *s)
{
	const char *end = s;
	char zone[16], scope[64];

	while (*end && *end != ' ' && *end != ':')
		end++;
	if (end == s || end - s >= (long)sizeof(zone))
		return false;
	copy_str(zone, sizeof(zone), s, end - s);
	snprintf(scope, sizeof(scope), "%s%s", scope_node, zone);
	if (*end == ':' && end[1] == ' ') {
		parse_free_list(p, node, zone, end + 1);
		return true;
	}
	if (*end != ' ' || !starts_with(skip_spaces(end), "free:"))
		return false;
	parse_kv_tokens(p, scope, end, false);
	snprintf(p->zone_scope, sizeof(p->zone_scope), "%s", scope);
	return true;
}

/* "Node N ..." */
static void parse_node_line(struct parser *p, const char *s)
{
	const char *q = s + strlen("Node "), *w;
	char scope[32];
	int64_t node;

	if (!parse_int(&q, &node) || node < 0 || node > 1 << 20 || *q != ' ')
		return;
	p->in_global = false;
	w = skip_spaces(q);
	if (starts_with(w, "hugepages_total=")) {
		parse_hugepages(p, (int)node, w);
		return;
	}
	snprintf(scope, sizeof(scope), "Node %d", (int)node);
	/* the node's line: "Node 0 active_anon:...kB" */
	if (parse_kv_tokens(p, scope, w, true)) {
		parse_kv_tokens(p, scope, w, false);
		return;
	}
	/* the kv parse of a node line fails on nothing but garbage, but
	 * "all_unreclaimable? yes" is at the end; a zone otherwise */
	snprintf(scope, sizeof(scope), "Node %d ", (int)node);
	parse_zone(p, (int)node, scope, w);
}

/* "lowmem_reserve[]: 0 264 264 264 264" */
static void parse_lowmem_reserve(struct parser *p, const char *s)
{
	char name[32];
	int64_t v;
	int i;

	s = skip_spaces(s + strlen("lowmem_reserve[]:"));
	for (i = 0; *s && i < OMS_MAX_ZONES; i++) {
		if (!parse_int(&s, &v))
			return;
		snprintf(name, sizeof(name), "lowmem_reserve[%d]", i);
		add_kv(p, p->zone_scope, name, v, false);
		s = skip_spaces(s);
	}
}

/* "3399 total pagecache pages", "Free swap  = 0kB" */
static bool parse_summary(struct parser *p, const char *s)
{
	const char *q = s;
	int64_t v;
	size_t i;

	if (parse_int(&q, &v) && *q == ' ') {
		for (i = 0; i < sizeof(summary_names) / sizeof(summary_names[0]); i++) {
			if (!strcmp(q + 1, summary_names[i])) {
				add_kv(p, "", summary_names[i], v, false);
				return true;
			}
		}
		return false;
	}
	if (starts_with(s, "Free swap") || starts_with(s, "Total swap")) {
		const char *eq = strchr(s, '=');
		char name[16];
		size_t n;

		if (!eq)
			return false;
		for (n = eq - s; n && s[n - 1] == ' '; n--)
			;
		q = skip_spaces(eq + 1);
		if (!parse_int(&q, &v) || strcmp(q, "kB"))
			return false;
		copy_str(name, sizeof(name), s, n);
		add_kv(p, "", name, v, true);
		return true;
	}
	return false;
}

/* "memory: usage 65536kB, limit 65536kB, failcnt 68" (also swap:,
 * memory+swap:, kmem: of cgroup v1) */
static bool parse_memcg_usage(struct parser *p, const char *s)
{
	int64_t usage, limit, failcnt;
	char scope[32];
	int n = 0;

	if (sscanf(s, "%31[a-z+]: usage %" SCNd64 "kB, limit %" SCNd64
		   "kB, failcnt %" SCNd64 "%n", scope, &usage, &limit,
		   &failcnt, &n) != 4 || s[n])
		return false;
	add_kv(p, scope, "usage", usage, true);
	add_kv(p, scope, "limit", limit, true);
	add_kv(p, scope, "failcnt", failcnt, false);
	if (!strcmp(scope, "memory"))
		p->r->memcg = true;
	return true;
}

/* "anon 66523136" in "Memory cgroup stats for /box:" */
static bool parse_memcg_stat(struct parser *p, const char *s)
{
	const char *q = s;
	char name[64];
	int64_t v;

	while (*q == '_' || islower((unsigned char)*q) || isdigit((unsigned char)*q))
		q++;
	if (q == s || *q != ' ')
		return false;
	copy_str(name, sizeof(name), s, q - s);
	q++;
	if (!parse_int(&q, &v) || *q)
		return false;
	add_kv(p, p->stats_scope, name, v, false);
	return true;
}

static void set_column_layout(struct parser *p, const enum column *cols,
			      int n)
{
	memcpy(p->cols, cols, n * sizeof(*cols));
	p->n_cols = n;
}

/* "[  pid  ]   uid  tgid total_vm      rss ... oom_score_adj name" */
static bool parse_table_header(struct parser *p, const char *s)
{
	const char *q = skip_spaces(s + 1);
	char word[32];
	int n = 0;
	size_t i;

	if (!starts_with(q, "pid"))
		return false;
	q = skip_spaces(q + 3);
	if (*q != ']')
		return false;
	for (q = skip_spaces(q + 1); *q; q = skip_spaces(q)) {
		const char *end = q;

		while (*end && *end != ' ')
			end++;
		copy_str(word, sizeof(word), q, end - q);
		q = end;
		if (!strcmp(word, "name"))
			break;
		if (n == MAX_COLUMNS)
			return false;
		p->cols[n] = COL_OTHER;
		for (i = 0; i < sizeof(column_names) / sizeof(column_names[0]); i++)
			if (!strcmp(word, column_names[i].name))
				p->cols[n] = column_names[i].col;
		n++;
	}
	p->n_cols = n;
	p->r->tasks_has_header = true;
	return true;
}

/* "[    151]     0   151    10508 ... -1000 hog_m1000" */
static bool parse_task_row(struct parser *p, const char *s)
{
	struct oms_kernel_report *r = p->r;
	struct oms_report_task t, *v;
	int64_t nums[MAX_COLUMNS], pid;
	const char *q = skip_spaces(s + 1), *name[MAX_COLUMNS + 1];
	uint32_t qmarks = 0;
	int n = 0, ncols, i;

	if (!parse_int(&q, &pid) || *q != ']')
		return false;
	q = skip_spaces(q + 1);
	/* the numbers, and where the name would start after each */
	while (n < MAX_COLUMNS) {
		const char *num = q;

		/* "?": a field oomscan's own rendering could not read */
		if (q[0] == '?' && q[1] == ' ') {
			nums[n] = 0;
			qmarks |= 1u << n;
			q++;
		} else if (!parse_int(&q, &nums[n]) || (*q && *q != ' ')) {
			q = num;
			break;
		}
		q = skip_spaces(q);
		name[++n] = q;
	}
	if (r->tasks_has_header) {
		ncols = p->n_cols;
	} else {
		/* no header: 7 numbers in the 6.1 layout, 10 from v6.8-rc1 on */
		if (n >= 10)
			set_column_layout(p, layout_6_8, 10);
		else if (n >= 7)
			set_column_layout(p, layout_6_1, 7);
		else
			return false;
		ncols = p->n_cols;
	}
	if (n < ncols || ncols == 0)
		return false;
	memset(&t, 0, sizeof(t));
	t.pid = (int32_t)pid;
	for (i = 0; i < ncols; i++) {
		if (qmarks & (1u << i))
			t.unknown |= 1u << p->cols[i];
		switch (p->cols[i]) {
		case COL_UID: t.uid = (int32_t)nums[i]; break;
		case COL_TGID: t.tgid = (int32_t)nums[i]; break;
		case COL_TOTAL_VM: t.total_vm = nums[i]; break;
		case COL_RSS: t.rss = nums[i]; break;
		case COL_RSS_ANON: t.rss_anon = nums[i]; t.has_rss_split = true; break;
		case COL_RSS_FILE: t.rss_file = nums[i]; break;
		case COL_RSS_SHMEM: t.rss_shmem = nums[i]; break;
		case COL_PGTABLES_BYTES: t.pgtables_bytes = nums[i]; break;
		case COL_SWAPENTS: t.swapents = nums[i]; break;
		case COL_OOM_SCORE_ADJ: t.oom_score_adj = (int32_t)nums[i]; break;
		default: break;
		}
	}
	copy_comm(t.name, sizeof(t.name), name[ncols], strlen(name[ncols]));
	if (!strcmp(t.name, "?"))
		t.unknown |= 1u << OMS_RCOL_NAME;
	v = grow(p, r->tasks, r->n_tasks, &p->tasks_cap, sizeof(*v));
	if (!v)
		return true;
	r->tasks = v;
	r->tasks[r->n_tasks++] = t;
	return true;
}

/* "grower invoked oom-killer: gfp_mask=0x140dca(...), order=0, oom_score_adj=0" */
static void parse_header(struct parser *p, const char *s, const char *at)
{
	struct oms_kernel_report *r = p->r;
	const char *q;
	int64_t v;

	copy_comm(r->invoker, sizeof(r->invoker), s, at - s);
	r->has_header = true;
	q = strstr(at, "gfp_mask=");
	if (q) {
		char *end;

		r->gfp_mask = strtoull(q + strlen("gfp_mask="), &end, 16);
		/* "(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO)": %pGg's */
		if (*end == '(') {
			size_t n = strcspn(end + 1, ")");

			if (end[1 + n] == ')' && n < sizeof(r->gfp_names))
				snprintf(r->gfp_names, sizeof(r->gfp_names),
					 "%.*s", (int)n, end + 1);
		}
	}
	q = strstr(at, "order=");
	if (q) {
		q += strlen("order=");
		if (parse_int(&q, &v))
			r->order = (int)v;
	}
	q = strstr(at, "oom_score_adj=");
	if (q) {
		q += strlen("oom_score_adj=");
		if (parse_int(&q, &v))
			r->oom_score_adj = (int)v;
	}
}

/* a number ending in "KB" just before *end (the line's end or a space):
 * *end moves to the number's first digit */
static bool parse_kb_back(const char *s, const char **end, uint64_t *ret)
{
	const char *e = *end, *b;
	uint64_t v = 0;

	if (e - s < 3 || e[-1] != 'B' || e[-2] != 'K')
		return false;
	e -= 2;
	for (b = e; b > s && b[-1] >= '0' && b[-1] <= '9'; b--)
		;
	if (b == e || e - b > 19)
		return false;
	for (*end = b; b < e; b++)
		v = v * 10 + (uint64_t)(*b - '0');
	*ret = v;
	return true;
}

/* dump_unreclaimable_slab()'s "%-17s %10luKB %10luKB": the name may be
 * longer than 17 and is taken up to the spaces before the numbers */
static bool parse_slab_row(struct parser *p, const char *s)
{
	struct oms_kernel_report *r = p->r;
	const char *end = s + strlen(s);
	struct oms_report_slab *row;
	uint64_t used, total;

	if (!parse_kb_back(s, &end, &total) || end == s || end[-1] != ' ')
		return false;
	while (end > s && end[-1] == ' ')
		end--;
	if (!parse_kb_back(s, &end, &used) || end == s || end[-1] != ' ')
		return false;
	while (end > s && end[-1] == ' ')
		end--;
	if (end == s)
		return false;
	row = grow(p, r->slabs, r->n_slabs, &p->slabs_cap, sizeof(*row));
	if (!row)
		return true;
	r->slabs = row;
	row = &r->slabs[r->n_slabs++];
	copy_str(row->name, sizeof(row->name), s, (size_t)(end - s));
	row->used_kb = used;
	row->total_kb = total;
	return true;
}

static void parse_line(struct parser *p, const char *s)
{
	struct oms_kernel_report *r = p->r;
	const char *q;

	if (p->in_slab) {
		if (starts_with(s, "Name ") && strstr(s, " Used ") &&
		    strstr(s, " Total"))
			return;
		if (parse_slab_row(p, s))
			return;
		p->in_slab = false;
	}
	if (!strcmp(s, "Unreclaimable slab info:")) {
		r->slab_block = true;
		p->in_slab = true;
		return;
	}

	if (p->stats_scope[0]) {
		if (parse_memcg_stat(p, s))
			return;
		p->stats_scope[0] = '\0';
	}
	if (!strcmp(s, "Mem-Info:")) {
		p->in_global = true;
		return;
	}
	if (p->in_global) {
		if (parse_kv_tokens(p, "", s, true)) {
			parse_kv_tokens(p, "", s, false);
			return;
		}
		p->in_global = false;
	}
	if (s[0] == '[') {
		if (!parse_table_header(p, s))
			parse_task_row(p, s);
		return;
	}
	if (starts_with(s, "Node ")) {
		parse_node_line(p, s);
		return;
	}
	if (starts_with(s, "lowmem_reserve[]:")) {
		parse_lowmem_reserve(p, s);
		return;
	}
	if (starts_with(s, "Memory cgroup stats for ")) {
		q = s + strlen("Memory cgroup stats for ");
		if (!*q || s[strlen(s) - 1] != ':')
			return;
		copy_str(p->stats_scope, sizeof(p->stats_scope), s,
			 strlen(s) - 1);
		copy_str(r->memcg_path, sizeof(r->memcg_path), q, strlen(q) - 1);
		r->memcg = true;
		return;
	}
	if (starts_with(s, "oom-kill:")) {
		q = strstr(s, "constraint=");
		if (q) {
			q += strlen("constraint=");
			copy_str(r->constraint, sizeof(r->constraint), q,
				 strcspn(q, ","));
		}
		return;
	}
	if ((starts_with(s, "Out of memory") ||
	     starts_with(s, "Memory cgroup out of memory")) &&
	    strstr(s, "Killed process ")) {
		free(r->killed);
		r->killed = strdup(s);
		if (!r->killed)
			p->nomem = true;
		return;
	}
	if (parse_summary(p, s) || parse_memcg_usage(p, s))
		return;
	/* a zone of a kernel without CONFIG_NUMA: "DMA32 free:..." */
	q = s;
	while (*q && *q != ' ' && *q != ':')
		q++;
	if (is_zone_name(s, q - s))
		parse_zone(p, 0, "", s);
}

/* the lines of text, prefixes stripped, in a buffer the caller frees;
 * a NUL inside the text ends its line there */
static char **split_lines(const char *text, size_t len, char **buf_ret,
			  size_t *n_ret)
{
	char *buf, **lines;
	size_t n = 1, i, j = 0, begin = 0;

	buf = malloc(len + 1);
	if (!buf)
		return NULL;
	memcpy(buf, text, len);
	buf[len] = '\0';
	for (i = 0; i < len; i++)
		if (buf[i] == '\n')
			n++;
	lines = malloc(n * sizeof(*lines));
	if (!lines) {
		free(buf);
		return NULL;
	}
	for (i = 0; i <= len; i++) {
		if (i < len && buf[i] != '\n')
			continue;
		buf[i] = '\0';
		if (i > begin && buf[i - 1] == '\r')
			buf[i - 1] = '\0';
		lines[j++] = strip_prefix(buf + begin);
		begin = i + 1;
	}
	*buf_ret = buf;
	*n_ret = j;
	return lines;
}

/* a "NNNK" figure: the number, *s past the K; false if none */
static bool parse_kb(const char **s, uint64_t *ret)
{
	char *end;
	unsigned long long v;

	if (**s < '0' || **s > '9')
		return false;
	v = strtoull(*s, &end, 10);
	if (*end != 'K')
		return false;
	*ret = v;
	*s = end + 1;
	return true;
}

/*
 * mm/mm_init.c (mem_init_print_info(), mm/page_alloc.c before 6.4):
 * "Memory: 395384K/523768K available (10240K kernel code, ..., 128128K
 * reserved, 0K cma-reserved)", and the "Freeing ... memory: 2756K" lines
 * of free_reserved_area() and free_initrd_mem() that give reserved pages
 * back after it (init sections, the initrd, SMP alternatives).
 */
static void parse_boot_memory(const char *s, struct oms_boot_memory *b)
{
	const char *q, *r;
	uint64_t v;

	if (starts_with(s, "Memory: ")) {
		q = s + strlen("Memory: ");
		if (!parse_kb(&q, &b->available_kb) || *q != '/')
			return;
		q++;
		if (!parse_kb(&q, &b->total_kb) ||
		    !starts_with(q, " available ("))
			return;
		r = strstr(q, "K reserved");
		if (!r)
			return;
		while (r > q && r[-1] >= '0' && r[-1] <= '9')
			r--;
		if (!parse_kb(&r, &b->reserved_kb))
			return;
		r = strstr(q, "K cma-reserved");
		if (r) {
			while (r > q && r[-1] >= '0' && r[-1] <= '9')
				r--;
			parse_kb(&r, &b->cma_reserved_kb);
		}
		b->found = true;
		b->freed_kb = 0;
		b->n_freed = 0;
		return;
	}
	if (b->found && starts_with(s, "Freeing ") &&
	    (q = strstr(s, " memory: ")) != NULL) {
		q += strlen(" memory: ");
		if (parse_kb(&q, &v) && !*q) {
			b->freed_kb += v;
			b->n_freed++;
		}
	}
}

/*
 * dump_stack_print_info()'s "CPU: 0 PID: 218 Comm: grower Not tainted ..."
 * (from 6.10, 4ccc0f5de3d9 "printk: Add UID to the dump_stack() header":
 * "CPU: 0 UID: 0 PID: ..."); comm is %.20s of current->comm
 */
/* "LABEL N " at *s: N, and *s past it and the spaces after it */
static bool labelled_int(const char **s, const char *label, int64_t *v)
{
	const char *q = *s;

	if (!starts_with(q, label))
		return false;
	q += strlen(label);
	if (!parse_int(&q, v) || *v < 0 || *v > INT32_MAX)
		return false;
	*s = skip_spaces(q);
	return true;
}

static bool parse_cpu_line(const char *s, struct oms_kernel_report *r)
{
	int64_t cpu, pid, uid;
	const char *q;

	if (!labelled_int(&s, "CPU: ", &cpu))
		return false;
	if (starts_with(s, "UID: ") && !labelled_int(&s, "UID: ", &uid))
		return false;
	if (!labelled_int(&s, "PID: ", &pid) || !starts_with(s, "Comm: "))
		return false;
	s += 6;
	q = strchr(s, ' ');
	r->has_panic_task = true;
	r->panic_task_cpu = (int)cpu;
	r->panic_task_pid = (int32_t)pid;
	copy_str(r->panic_task_comm, sizeof(r->panic_task_comm), s,
		 q ? (size_t)(q - s) : strlen(s));
	return true;
}

struct oms_error *oms_kreport_parse(const char *text, size_t len,
				    struct oms_kernel_report *ret)
{
	struct parser p = { .r = ret };
	size_t n, i, start = 0;
	char **lines, *buf;
	const char *at;

	memset(ret, 0, sizeof(*ret));
	lines = split_lines(text ? text : "", text ? len : 0, &buf, &n);
	if (!lines)
		return &oms_enomem;

	/* the panic line: the last one of the log, OOM or not, and the
	 * cpu and task dump_stack() prints after it */
	for (i = n; i-- > 0;) {
		if (starts_with(lines[i], "Kernel panic - not syncing: ")) {
			copy_str(ret->panic_line, sizeof(ret->panic_line),
				 lines[i], strlen(lines[i]));
			if (i + 1 < n)
				parse_cpu_line(lines[i + 1], ret);
			break;
		}
	}
	for (i = 0; i < n; i++)
		parse_boot_memory(lines[i], &ret->boot);
	/* the last report starts at its last "invoked oom-killer" line;
	 * without one the log wrapped over it, or there is none: look at
	 * the whole log for what survives */
	for (i = n; i-- > 0;) {
		at = strstr(lines[i], " invoked oom-killer: ");
		if (at) {
			parse_header(&p, lines[i], at);
			start = i + 1;
			/* no panic's: the OOM report's own dump_stack() */
			if (!ret->has_panic_task && start < n)
				parse_cpu_line(lines[start], ret);
			break;
		}
	}
	for (i = start; i < n && !p.nomem; i++)
		parse_line(&p, lines[i]);
	free(lines);
	free(buf);
	if (p.nomem) {
		oms_kreport_deinit(ret);
		return &oms_enomem;
	}
	/* "Out of memory: system-wide panic_on_oom is enabled", "Out of
	 * memory: compulsory panic_on_oom is enabled", "System is
	 * deadlocked on memory", "Out of memory and no killable processes..." */
	ret->found = ret->has_header || ret->n_tasks || ret->killed ||
		     strstr(ret->panic_line, "Out of memory") ||
		     strstr(ret->panic_line, "deadlocked on memory");
	ret->truncated = ret->found && !ret->has_header;
	return NULL;
}
