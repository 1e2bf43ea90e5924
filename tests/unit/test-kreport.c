// SPDX-License-Identifier: GPL-2.0
/*
 * The parser of the kernel's OOM report.
 *
 * Real input: the dmesg.txt of every dump found ($OOMSCAN_TEST_DUMPS, a
 * folder of dump folders, else ~/.cache/oomscan/dumps and
 * sample-dumps/bundled), the kernel's own output as makedumpfile extracted
 * it.  The expected numbers are taken from the same file by this test on
 * its own, with sscanf on the specific lines, never from the parser.
 * Small inline texts cover both table layouts, a header in another column
 * order, the wrapped log, caller ids, and garbage.
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/analysis/kreport.h"
#include "tap.h"

static const struct oms_kv *kv(const struct oms_kernel_report *r,
			       const char *scope, const char *name)
{
	size_t i;

	for (i = 0; i < r->n_meminfo; i++)
		if (!strcmp(r->meminfo[i].scope, scope) &&
		    !strcmp(r->meminfo[i].name, name))
			return &r->meminfo[i];
	return NULL;
}

static long long kv_value(const struct oms_kernel_report *r,
			  const char *scope, const char *name)
{
	const struct oms_kv *v = kv(r, scope, name);

	return v ? v->value : -1;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n + 1);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

/* --- the real dumps' logs ---------------------------------------------- */

struct expect {
	bool header, table_header, split, memcg;
	char invoker[64], memcg_path[128], panic[512];
	unsigned long gfp;
	int order, adj;
	size_t rows;
	unsigned long long sum_rss, sum_pgtables, sum_swapents, sum_rss_anon;
	long long sum_adj;
	int last_pid;
	char last_name[64];
	long long pages_ram, pages_reserved, free_swap, total_swap, global_free;
	int n_free_lines;
};

/* what the file says, read line by line with sscanf */
static void expect_from_file(char *text, struct expect *e)
{
	char *line, *save = NULL;

	memset(e, 0, sizeof(*e));
	e->pages_ram = e->pages_reserved = e->free_swap = e->total_swap = -1;
	e->global_free = -1;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long long a[12];
		char name[64], *p;
		int pid, n;
		long long v;

		if (sscanf(line, "[%*f] %31s invoked oom-killer: gfp_mask=%lx(%*[^)]), order=%d, oom_score_adj=%d",
			   name, &e->gfp, &e->order, &e->adj) == 4) {
			/* a later report replaces an earlier one */
			snprintf(e->invoker, sizeof(e->invoker), "%s", name);
			e->header = true;
			e->table_header = false;
			e->rows = 0;
			e->sum_rss = e->sum_pgtables = e->sum_swapents = 0;
			e->sum_rss_anon = 0;
			e->sum_adj = 0;
			e->n_free_lines = 0;
		}
		if (strstr(line, "] [  pid  ]   uid  tgid total_vm")) {
			e->table_header = true;
			e->split = strstr(line, " rss_anon rss_file rss_shmem ");
		}
		if (e->split || (!e->table_header &&
				 sscanf(line, "[%*f] [%d] %llu %llu %llu %llu %llu %llu %llu %llu %llu %lld %63s",
					&pid, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5],
					&a[6], &a[7], &a[8], &v, name) == 12)) {
			if (sscanf(line, "[%*f] [%d] %llu %llu %llu %llu %llu %llu %llu %llu %llu %lld %63s",
				   &pid, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5],
				   &a[6], &a[7], &a[8], &v, name) == 12) {
				e->split = true;
				e->rows++;
				e->sum_rss += a[3];
				e->sum_rss_anon += a[4];
				e->sum_pgtables += a[7];
				e->sum_swapents += a[8];
				e->sum_adj += v;
				e->last_pid = pid;
				snprintf(e->last_name, sizeof(e->last_name), "%s", name);
			}
		} else if (sscanf(line, "[%*f] [%d] %llu %llu %llu %llu %llu %llu %lld %63s",
				  &pid, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5],
				  &v, name) == 9) {
			e->rows++;
			e->sum_rss += a[3];
			e->sum_pgtables += a[4];
			e->sum_swapents += a[5];
			e->sum_adj += v;
			e->last_pid = pid;
			snprintf(e->last_name, sizeof(e->last_name), "%s", name);
		}
		n = 0;
		if (sscanf(line, "[%*f] %lld pages RAM%n", &v, &n) == 1 &&
		    n && !line[n])
			e->pages_ram = v;
		n = 0;
		if (sscanf(line, "[%*f] %lld pages reserved%n", &v, &n) == 1 &&
		    n && !line[n])
			e->pages_reserved = v;
		sscanf(line, "[%*f] Free swap  = %lldkB", &e->free_swap);
		sscanf(line, "[%*f] Total swap = %lldkB", &e->total_swap);
		/* the continuation line of the global counters */
		sscanf(line, " free:%lld free_pcp:", &e->global_free);
		if (sscanf(line, "[%*f] Memory cgroup stats for %127[^:]:",
			   e->memcg_path) == 1)
			e->memcg = true;
		/* "... 1*4096kB (M) = 7488kB": the last order may carry its
		 * migratetype letters before the total */
		if ((strstr(line, "kB = ") || strstr(line, ") = ")) &&
		    strstr(line, "] Node "))
			e->n_free_lines++;
		p = strstr(line, "] Kernel panic - not syncing: ");
		if (p)
			snprintf(e->panic, sizeof(e->panic), "%s", p + 2);
	}
}

/* each "Node N ZONE: ..." line the parser read: orders add up to its total,
 * and its total is the one printed */
static void check_free_lines(const char *name, const char *text,
			     const struct oms_kernel_report *r)
{
	size_t i;

	for (i = 0; i < r->n_zones; i++) {
		const struct oms_report_zone_free *z = &r->zones[i];
		unsigned long long sum = 0, printed = 0;
		char want[64], *at;
		int o, stars = 0;
		const char *p;

		for (o = 0; o < z->nr_orders; o++)
			sum += z->nr[o] * (4ULL << o);
		snprintf(want, sizeof(want), "] Node %d %s: ", z->node, z->zone);
		at = strstr(text, want);
		/* the last such line of the log */
		while (at && strstr(at + 1, want))
			at = strstr(at + 1, want);
		if (!at) {
			OK(0, "%s: free list line of Node %d %s in the log", name,
			   z->node, z->zone);
			continue;
		}
		for (p = at; *p && *p != '\n'; p++)
			if (*p == '*')
				stars++;
		p = strstr(at, " = ");
		if (p)
			sscanf(p, " = %llukB", &printed);
		IS_INT(z->nr_orders, stars, "%s: Node %d %s: every order", name,
		       z->node, z->zone);
		IS_INT(z->total_kb, printed, "%s: Node %d %s: total", name,
		       z->node, z->zone);
		IS_INT(sum, printed, "%s: Node %d %s: orders add up to the total",
		       name, z->node, z->zone);
	}
}

static void check_dump_log(const char *dir, const char *name)
{
	struct oms_kernel_report r;
	struct expect e;
	char path[8192], *text, *copy;
	unsigned long long rss = 0, pgt = 0, swp = 0, anon = 0;
	long long adj = 0;
	size_t len, i;

	snprintf(path, sizeof(path), "%s/dmesg.txt", dir);
	text = slurp(path, &len);
	if (!text)
		return;
	copy = strdup(text);
	expect_from_file(copy, &e);
	free(copy);

	NO_ERR(oms_kreport_parse(text, len, &r), "%s: parse", name);
	if (strstr(name, "no-oom")) {
		OK(!r.found, "%s: no report found", name);
		OK(strstr(r.panic_line, "sysrq triggered crash") != NULL,
		   "%s: panic line '%s'", name, r.panic_line);
	} else {
		OK(r.found, "%s: report found", name);
	}
	IS_STR(r.panic_line, e.panic, "%s: panic line", name);
	IS_INT(r.has_header, e.header, "%s: has_header", name);
	IS_INT(r.truncated, r.found && !e.header, "%s: truncated", name);
	if (strstr(name, "many"))
		OK(r.truncated && !r.has_header && !r.tasks_has_header,
		   "%s: a wrapped log: truncated, no headers", name);
	if (e.header) {
		IS_STR(r.invoker, e.invoker, "%s: invoker", name);
		IS_INT(r.gfp_mask, e.gfp, "%s: gfp_mask", name);
		IS_INT(r.order, e.order, "%s: order", name);
		IS_INT(r.oom_score_adj, e.adj, "%s: oom_score_adj", name);
	}
	IS_INT(r.tasks_has_header, e.table_header, "%s: table header", name);
	IS_INT(r.n_tasks, e.rows, "%s: task rows", name);
	for (i = 0; i < r.n_tasks; i++) {
		rss += r.tasks[i].rss;
		pgt += r.tasks[i].pgtables_bytes;
		swp += r.tasks[i].swapents;
		anon += r.tasks[i].rss_anon;
		adj += r.tasks[i].oom_score_adj;
		if (r.tasks[i].has_rss_split != e.split) {
			OK(0, "%s: row %zu layout", name, i);
			break;
		}
	}
	IS_INT(rss, e.sum_rss, "%s: sum of rss", name);
	IS_INT(pgt, e.sum_pgtables, "%s: sum of pgtables_bytes", name);
	IS_INT(swp, e.sum_swapents, "%s: sum of swapents", name);
	IS_INT(anon, e.sum_rss_anon, "%s: sum of rss_anon", name);
	IS_INT(adj, e.sum_adj, "%s: sum of oom_score_adj", name);
	if (r.n_tasks) {
		IS_INT(r.tasks[r.n_tasks - 1].pid, e.last_pid, "%s: last row's pid", name);
		IS_STR(r.tasks[r.n_tasks - 1].name, e.last_name, "%s: last row's name", name);
	}
	IS_INT(r.memcg, e.memcg, "%s: memcg", name);
	if (e.memcg)
		IS_STR(r.memcg_path, e.memcg_path, "%s: memcg path", name);
	IS_INT(kv_value(&r, "", "pages RAM"), e.pages_ram, "%s: pages RAM", name);
	IS_INT(kv_value(&r, "", "pages reserved"), e.pages_reserved,
	       "%s: pages reserved", name);
	IS_INT(kv_value(&r, "", "Free swap"), e.free_swap, "%s: Free swap", name);
	IS_INT(kv_value(&r, "", "Total swap"), e.total_swap, "%s: Total swap", name);
	IS_INT(kv_value(&r, "", "free"), e.global_free, "%s: global free", name);
	IS_INT(r.n_zones, e.n_free_lines, "%s: free list lines", name);
	check_free_lines(name, text, &r);
	oms_kreport_deinit(&r);
	free(text);
}

static int real_dumps(void)
{
	const char *env = getenv("OOMSCAN_TEST_DUMPS"), *home = getenv("HOME");
	char dirs[2][4096], path[4096 + 256];
	int n = 0, d;

	if (env) {
		snprintf(dirs[0], sizeof(dirs[0]), "%s", env);
		dirs[1][0] = '\0';
	} else {
		snprintf(dirs[0], sizeof(dirs[0]), "%s/.cache/oomscan/dumps",
			 home ? home : "/nonexistent");
		/* tests/unit/test-kreport -> sample-dumps/bundled */
		ssize_t k = readlink("/proc/self/exe", path, sizeof(path) - 1);
		char *slash;

		path[k > 0 ? k : 0] = '\0';
		slash = strrchr(path, '/');
		if (slash)
			*slash = '\0';
		snprintf(dirs[1], sizeof(dirs[1]), "%.4000s/../../sample-dumps/bundled",
			 path);
	}
	for (d = 0; d < 2; d++) {
		struct dirent **ents;
		int i, k;

		if (!dirs[d][0])
			continue;
		k = scandir(dirs[d], &ents, NULL, alphasort);
		for (i = 0; i < k; i++) {
			const char *name = ents[i]->d_name;
			size_t nl = strlen(name);

			/* the cache's symlinks, not the keyed folders too */
			if (name[0] != '.' && !(nl > 13 && name[nl - 13] == '-' &&
						strspn(name + nl - 12, "0123456789abcdef") == 12)) {
				snprintf(path, sizeof(path), "%.3000s/%.255s", dirs[d], name);
				check_dump_log(path, name);
				n++;
			}
			free(ents[i]);
		}
		if (k >= 0)
			free(ents);
	}
	return n;
}

/* --- small texts --------------------------------------------------------- */

static const char report_6_1[] =
	"[    9.000000] something before\n"
	"[   11.097858] grower invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0\n"
	"[   11.098771] CPU: 1 PID: 173 Comm: grower Kdump: loaded Not tainted 6.1.0-57-cloud-amd64 #1  Debian 6.1.192-3\n"
	"[   11.108666] Mem-Info:\n"
	"[   11.109217] active_anon:989 inactive_anon:70948 isolated_anon:0\n"
	"                active_file:0 inactive_file:0 isolated_file:0\n"
	"                free:793 free_pcp:35 free_cma:0\n"
	"[   11.110525] Node 0 active_anon:3956kB inactive_anon:283792kB shmem_thp: 0kB anon_thp: 0kB all_unreclaimable? yes\n"
	"[   11.112876] Node 0 DMA32 free:1996kB boost:0kB min:2040kB low:2548kB high:3056kB reserved_highatomic:0KB managed:300828kB\n"
	"[   11.113775] lowmem_reserve[]: 0 0 7 0 0\n"
	"[   11.115113] Node 0 DMA32: 1*4kB (E) 4*8kB (UME) 1*16kB (U) 0*32kB = 52kB\n"
	"[   11.116685] Node 0 hugepages_total=1 hugepages_free=2 hugepages_surp=3 hugepages_size=2048kB\n"
	"[   11.117014] 3399 total pagecache pages\n"
	"[   11.117431] Free swap  = 12kB\n"
	"[   11.117555] Total swap = 34kB\n"
	"[   11.117763] 130939 pages RAM\n"
	"[   11.118147] Tasks state (memory values in pages):\n"
	"[   11.118354] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
	"[   11.118699] [    111]     1   112    10508    10384   118784        5         -1000 hog_m1000\n"
	"[   11.119000] [    173]     0   173    24332    24080   233472        0             0 my grower\n"
	"[   11.123592] Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled\n"
	"[   11.123960] CPU: 1 PID: 173 Comm: grower\n";

static void test_6_1(void)
{
	struct oms_kernel_report r;

	NO_ERR(oms_kreport_parse(report_6_1, strlen(report_6_1), &r), "6.1 text");
	OK(r.found && r.has_header && !r.truncated, "6.1: found, header, whole");
	IS_STR(r.invoker, "grower", "6.1: invoker");
	IS_INT(r.gfp_mask, 0x140dca, "6.1: gfp_mask");
	IS_INT(kv_value(&r, "", "inactive_anon"), 70948, "6.1: global counter");
	IS_INT(kv_value(&r, "", "free_pcp"), 35, "6.1: global counter on a continuation line");
	IS_INT(kv_value(&r, "Node 0", "shmem_thp"), 0, "6.1: 'shmem_thp: 0kB'");
	OK(kv(&r, "Node 0", "shmem_thp") && kv(&r, "Node 0", "shmem_thp")->kb,
	   "6.1: in kB");
	IS_INT(kv_value(&r, "Node 0", "anon_thp"), 0, "6.1: after it, anon_thp");
	IS_INT(kv_value(&r, "Node 0", "all_unreclaimable"), 1, "6.1: all_unreclaimable? yes");
	IS_INT(kv_value(&r, "Node 0 DMA32", "min"), 2040, "zone min");
	IS_INT(kv_value(&r, "Node 0 DMA32", "reserved_highatomic"), 0, "zone ...KB");
	IS_INT(kv_value(&r, "Node 0 DMA32", "managed"), 300828, "zone managed");
	IS_INT(kv_value(&r, "Node 0 DMA32", "lowmem_reserve[2]"), 7, "lowmem_reserve");
	IS_INT(kv_value(&r, "Node 0 hugepages 2048kB", "hugepages_surp"), 3, "hugepages");
	IS_INT(kv_value(&r, "", "total pagecache pages"), 3399, "pagecache");
	IS_INT(kv_value(&r, "", "Free swap"), 12, "Free swap");
	IS_INT(kv_value(&r, "", "Total swap"), 34, "Total swap");
	IS_INT(r.n_zones, 1, "one free list");
	if (r.n_zones == 1) {
		IS_INT(r.zones[0].nr_orders, 4, "4 orders");
		IS_INT(r.zones[0].nr[1], 4, "order 1");
		IS_STR(r.zones[0].types[1], "UME", "order 1 types");
		IS_STR(r.zones[0].types[3], "", "empty order: no types");
		IS_INT(r.zones[0].total_kb, 52, "total");
	}
	IS_INT(r.n_tasks, 2, "6.1: two rows");
	OK(r.tasks_has_header, "6.1: table header");
	if (r.n_tasks == 2) {
		IS_INT(r.tasks[0].uid, 1, "uid");
		IS_INT(r.tasks[0].tgid, 112, "tgid");
		IS_INT(r.tasks[0].pgtables_bytes, 118784, "pgtables_bytes");
		IS_INT(r.tasks[0].swapents, 5, "swapents");
		IS_INT(r.tasks[0].oom_score_adj, -1000, "oom_score_adj");
		OK(!r.tasks[0].has_rss_split, "no rss split");
		IS_STR(r.tasks[1].name, "my grower", "a name with a space");
	}
	IS_STR(r.panic_line,
	       "Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled",
	       "panic line");
	OK(r.has_panic_task && r.panic_task_cpu == 1 &&
	   r.panic_task_pid == 173 && !strcmp(r.panic_task_comm, "grower"),
	   "the panic's CPU: line: cpu 1, pid 173, grower");
	oms_kreport_deinit(&r);
}

/* dump_stack()'s header of 6.10+ (UID:), after the panic line or, without
 * a panic, after the report's header; no CPU: line, none */
static void test_cpu_lines(void)
{
	static const char uid[] =
		"[   10.1] [  T229] grower invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0\n"
		"[   10.1] [  T229] CPU: 0 UID: 0 PID: 229 Comm: grower Not tainted 6.12.117+deb12-cloud-amd64 #1  Debian 6.12.117-1~deb12u1\n"
		"[   10.2] [  T229] Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled\n"
		"[   10.2] [  T229] CPU: 1 UID: 0 PID: 229 Comm: grower Not tainted 6.12.117+deb12-cloud-amd64 #1  Debian 6.12.117-1~deb12u1\n";
	static const char no_panic[] =
		"hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
		"CPU: 3 PID: 4242 Comm: hog Not tainted 6.1.0-57-cloud-arm64 #1  Debian 6.1.192-3\n";
	static const char bad[] =
		"hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
		"CPU: x PID: 4242 Comm: hog\n";
	struct oms_kernel_report r;

	NO_ERR(oms_kreport_parse(uid, strlen(uid), &r), "6.12's CPU: lines");
	OK(r.has_panic_task && r.panic_task_cpu == 1 &&
	   r.panic_task_pid == 229 && !strcmp(r.panic_task_comm, "grower"),
	   "6.12: the panic's line (cpu 1), not the report's (cpu 0), UID: passed over");
	oms_kreport_deinit(&r);
	NO_ERR(oms_kreport_parse(no_panic, strlen(no_panic), &r), "no panic");
	OK(r.has_panic_task && r.panic_task_cpu == 3 &&
	   r.panic_task_pid == 4242 && !strcmp(r.panic_task_comm, "hog"),
	   "no panic: the report's own CPU: line");
	oms_kreport_deinit(&r);
	NO_ERR(oms_kreport_parse(bad, strlen(bad), &r), "a CPU: line without a number");
	OK(!r.has_panic_task, "a CPU: line without a number: no panicking task");
	oms_kreport_deinit(&r);
}

static void test_6_12_caller_ids(void)
{
	static const char text[] =
		"[   10.082778] [    T223] grower invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=3, oom_score_adj=-17\n"
		"[   10.095032] [    T223] memory: usage 65536kB, limit 65536kB, failcnt 68\n"
		"[   10.095033] [    T223] Memory cgroup stats for /a/b:\n"
		"[   10.095034] [    T223] anon 66523136\n"
		"                           file 16384\n"
		"[   10.106018] [     C1] Tasks state (memory values in pages):\n"
		"[   10.106195] [  T223] [  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name\n"
		"[   10.107145] [  T223] [    151]     0   151    10508    10384    10240        4       140   118784        9         -1000 hog_m1000\n"
		"[   10.107146] [  T223] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/a/b,task_memcg=/a/b,task=hog,pid=151,uid=0\n"
		"[   10.107147] [  T223] Memory cgroup out of memory: Killed process 151 (hog_m1000) total-vm:42032kB\n";
	struct oms_kernel_report r;

	NO_ERR(oms_kreport_parse(text, strlen(text), &r), "6.12 text with caller ids");
	IS_STR(r.invoker, "grower", "caller id stripped before the invoker");
	IS_INT(r.order, 3, "order");
	IS_INT(r.oom_score_adj, -17, "oom_score_adj");
	OK(r.memcg, "memcg");
	IS_STR(r.memcg_path, "/a/b", "memcg path");
	IS_INT(kv_value(&r, "memory", "failcnt"), 68, "failcnt");
	IS_INT(kv_value(&r, "Memory cgroup stats for /a/b", "file"), 16384,
	       "memcg stat on a continuation line");
	IS_INT(r.n_tasks, 1, "one row");
	if (r.n_tasks == 1) {
		OK(r.tasks[0].has_rss_split, "rss split");
		IS_INT(r.tasks[0].rss_anon, 10240, "rss_anon");
		IS_INT(r.tasks[0].rss_file, 4, "rss_file");
		IS_INT(r.tasks[0].rss_shmem, 140, "rss_shmem");
		IS_INT(r.tasks[0].pgtables_bytes, 118784, "pgtables_bytes");
		IS_INT(r.tasks[0].swapents, 9, "swapents");
	}
	IS_STR(r.constraint, "CONSTRAINT_MEMCG", "constraint");
	IS_STR(r.killed, "Memory cgroup out of memory: Killed process 151 (hog_m1000) total-vm:42032kB",
	       "killed line");
	OK(r.found && !r.truncated, "found, whole");
	oms_kreport_deinit(&r);
}

/* the header decides: columns in another order are read by name */
static void test_header_by_name(void)
{
	static const char text[] =
		"x invoked oom-killer: gfp_mask=0x0(), order=0, oom_score_adj=0\n"
		"[  pid  ]   uid  tgid total_vm      rss swapents pgtables_bytes rss_shmem oom_score_adj name\n"
		"[      5]     0     5      100       50        7           4096         3             0 five\n";
	struct oms_kernel_report r;

	NO_ERR(oms_kreport_parse(text, strlen(text), &r), "header in another order");
	IS_INT(r.n_tasks, 1, "one row");
	if (r.n_tasks == 1) {
		IS_INT(r.tasks[0].swapents, 7, "swapents by name");
		IS_INT(r.tasks[0].pgtables_bytes, 4096, "pgtables_bytes by name");
		IS_INT(r.tasks[0].rss_shmem, 3, "rss_shmem by name");
		IS_STR(r.tasks[0].name, "five", "name");
	}
	oms_kreport_deinit(&r);
}

static void test_wrapped(void)
{
	static const char old[] =
		"[   22.794476] [    643]     0   643      268        1    28672        0             0 idle\n"
		"[   22.794752] [    644]     0   644      268        2    28672        3           100 idle\n"
		"[   23.187804] Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled\n";
	static const char new[] =
		"[    1.000000] [    700]     0   700      268        5        4        0         1    28672        0             0 idle\n"
		"[    1.000001] Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled\n";
	struct oms_kernel_report r;

	NO_ERR(oms_kreport_parse(old, strlen(old), &r), "wrapped 6.1 log");
	OK(r.found && r.truncated && !r.has_header && !r.tasks_has_header,
	   "found, truncated, no headers");
	IS_INT(r.n_tasks, 2, "the rows that survived");
	if (r.n_tasks == 2) {
		IS_INT(r.tasks[1].rss, 2, "9 columns: 6.1 layout, rss");
		IS_INT(r.tasks[1].swapents, 3, "swapents");
		IS_INT(r.tasks[1].oom_score_adj, 100, "oom_score_adj");
	}
	oms_kreport_deinit(&r);

	NO_ERR(oms_kreport_parse(new, strlen(new), &r), "wrapped 6.12 log");
	IS_INT(r.n_tasks, 1, "the row that survived");
	if (r.n_tasks == 1) {
		OK(r.tasks[0].has_rss_split, "12 columns: 6.12 layout");
		IS_INT(r.tasks[0].rss_anon, 4, "rss_anon");
		IS_INT(r.tasks[0].rss_shmem, 1, "rss_shmem");
		IS_INT(r.tasks[0].pgtables_bytes, 28672, "pgtables_bytes");
	}
	oms_kreport_deinit(&r);
}

static void test_last_report(void)
{
	static const char text[] =
		"[1.0] a invoked oom-killer: gfp_mask=0x1(), order=1, oom_score_adj=1\n"
		"[1.1] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
		"[1.2] [      1]     0     1        1        1        1        1             1 one\n"
		"[1.3] Out of memory: Killed process 1 (one) total-vm:4kB\n"
		"[2.0] b invoked oom-killer: gfp_mask=0x2(), order=2, oom_score_adj=2\n"
		"[2.1] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n"
		"[2.2] [      2]     0     2        2        2        2        2             2 two\n";
	struct oms_kernel_report r;

	NO_ERR(oms_kreport_parse(text, strlen(text), &r), "two reports");
	IS_STR(r.invoker, "b", "the last one");
	IS_INT(r.n_tasks, 1, "its rows only");
	OK(!r.killed, "not the first one's kill");
	IS_STR(r.panic_line, "", "no panic");
	oms_kreport_deinit(&r);

	NO_ERR(oms_kreport_parse("", 0, &r), "empty text");
	OK(!r.found && !r.n_tasks && !r.n_meminfo, "nothing found");
	oms_kreport_deinit(&r);
}

/* random bytes, random cuts and splices of a real-looking report: no crash,
 * and the arrays stay within their bounds */
static void test_garbage(void)
{
	static const char alphabet[] = "[]0123456789 :=*()-kBKB.\nNodeDMA32 freeinvoked oom-killer: gfp_mask=0x order=pid";
	char buf[4096];
	unsigned int seed = 12345;
	bool sane = true;
	int i, j;

	for (i = 0; i < 3000 && sane; i++) {
		struct oms_kernel_report r;
		size_t len, k;
		struct oms_error *err;

		seed = seed * 1103515245 + 12345;
		if (i % 3 == 0) {
			/* a cut of the report */
			len = seed % sizeof(report_6_1);
			memcpy(buf, report_6_1, len);
		} else if (i % 3 == 1) {
			/* the report with bytes changed */
			len = sizeof(report_6_1) - 1;
			memcpy(buf, report_6_1, len);
			for (j = 0; j < 8; j++) {
				seed = seed * 1103515245 + 12345;
				buf[(seed >> 8) % len] = (char)(seed >> 20);
			}
		} else {
			/* soup of the report's own characters */
			len = seed % sizeof(buf);
			for (k = 0; k < len; k++) {
				seed = seed * 1103515245 + 12345;
				buf[k] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
			}
		}
		err = oms_kreport_parse(buf, len, &r);
		if (err) {
			sane = false;
			oms_error_destroy(err);
			break;
		}
		for (k = 0; k < r.n_zones; k++)
			if (r.zones[k].nr_orders > OMS_MAX_ORDERS ||
			    strlen(r.zones[k].zone) >= sizeof(r.zones[k].zone))
				sane = false;
		if (r.n_tasks > len || strlen(r.invoker) > OMS_COMM_LEN)
			sane = false;
		oms_kreport_deinit(&r);
	}
	OK(sane, "3000 garbled texts parsed without error or overrun");
}

int main(void)
{
	int n;

	test_6_1();
	test_cpu_lines();
	test_6_12_caller_ids();
	test_header_by_name();
	test_wrapped();
	test_last_report();
	test_garbage();
	n = real_dumps();
	if (!n)
		printf("ok %d # skip no dump's dmesg.txt found\n", ++tap_n);
	return tap_done();
}
