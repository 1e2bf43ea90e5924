// SPDX-License-Identifier: GPL-2.0
/*
 * mem-dump VMCORE [VMLINUX]: the Mem-Info block of a real dump, as
 * oomscan rebuilds it from the kernel's structures, then one line per
 * zone and order with the blocks found on each free_list[migratetype],
 * then the sysctls and the warnings.  tests/mem.test compares it with the
 * kernel's own report, crash and drgn.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../../lib/backend/dump/dump.h"
#include "../../lib/oomscan.h"
#include "../../lib/collect/allocation.h"
#include "../../lib/collect/kernel.h"
#include "../../lib/collect/tasks.h"
#include "../../lib/analysis/oom.h"
#include "../../lib/collect/meminfo.h"
#include "../../lib/analysis/show_mem.h"
#include "../../lib/collect/sysctl.h"
#include "../../lib/model/warn.h"
#include "../../lib/collect/zones.h"

int main(int argc, char **argv)
{
	struct oms_dump_options opts = {0};
	struct oms_model m;
	struct oms_error *err;
	struct oms_dump *d;
	const struct oms_target *t;
	size_t i;
	int rc = 1;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: mem-dump VMCORE [VMLINUX]\n");
		return 2;
	}
	if (argc == 3)
		opts.vmlinux = argv[2];
	err = oms_dump_open(argv[1], &opts, &d);
	if (err) {
		fprintf(stderr, "mem-dump: %s\n", err->message);
		oms_error_destroy(err);
		return 1;
	}
	t = oms_dump_target(d);
	oms_model_init(&m);
	/* the kernel's part first, as oms_analyze() reads it (page size,
	 * panic cpu: zones and Mem-Info use them) */
	err = oms_kernel_collect(t, &m.kernel, &m.warnings);
	if (!err) {
		/* no panic cpu: local_pcp unknown, the rest goes on */
		err = oms_current_collect(t, &m.kernel, &m.warnings);
		if (err)
			printf("warning: the panicking task: %s\n", err->message);
		oms_error_destroy(err);
		err = oms_sysctl_collect(t, &m.sysctl, &m.warnings);
	}
	if (!err)
		err = oms_meminfo_collect(t, &m.kernel, &m.meminfo, &m.warnings);
	if (!err)
		err = oms_zones_collect(t, &m.kernel, &m.zones, &m.warnings, true);
	if (err) {
		fprintf(stderr, "mem-dump: %s\n", err->message);
		oms_error_destroy(err);
		goto out;
	}
	/* the nodes the kernel's report shows (show_mem_node_skip()): the
	 * allocation's nodemask or current's cpuset mems, so the tasks, the
	 * allocation and the OOM decision too; a part that fails is a
	 * warning, the Mem-Info comes out */
	{
		struct oms_error *e;

		e = oms_tasks_collect(t, &m.tasks, &m.memcgs, &m.warnings, false);
		if (!e) {
			oms_current_from_rows(&m.kernel, &m.tasks);
			e = oms_allocation_collect(t, &m.kernel, &m.zones, &m.meminfo,
						   &m.tasks, &m.memcgs,
						   &m.allocation, &m.warnings);
		}
		if (!e)
			e = oms_oom_compute(&m, NULL);
		if (e)
			printf("warning: the OOM decision: %s\n", e->message);
		oms_error_destroy(e);
	}
	oms_show_mem(stdout, &m);
	oms_show_free_walk(stdout, &m);
	printf("sysctl panic_on_oom=%d oom_kill_allocating_task=%d "
	       "oom_dump_tasks=%d overcommit_memory=%d overcommit_ratio=%d "
	       "overcommit_kbytes=%lu valid=%d\n",
	       m.sysctl.panic_on_oom, m.sysctl.oom_kill_allocating_task,
	       m.sysctl.oom_dump_tasks, m.sysctl.overcommit_memory,
	       m.sysctl.overcommit_ratio, m.sysctl.overcommit_kbytes,
	       m.sysctl.valid);
	printf("totals totalram=%" PRIu64 " totalreserve=%" PRIu64
	       " total_swap=%" PRIu64 " free_swap=%" PRIu64 " page_size=%"
	       PRIu64 "\n", m.meminfo.totalram_pages,
	       m.meminfo.totalreserve_pages, m.meminfo.total_swap_pages,
	       m.meminfo.free_swap_pages, m.kernel.page_size);
	for (i = 0; i < m.warnings.n; i++)
		printf("warning: %s\n", m.warnings.v[i].message);
	rc = 0;
out:
	oms_zones_deinit(&m.zones);
	oms_meminfo_deinit(&m.meminfo);
	oms_warnings_deinit(&m.warnings);
	oms_dump_destroy(d);
	return rc;
}
