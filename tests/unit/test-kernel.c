// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel part of the model on the fake target (collect/kernel.c): the
 * release and machine from init_uts_ns, the page size from VMCOREINFO
 * PAGESIZE (kept only when a power of two from 4096: arm64's 16K and 64K
 * too), nr_cpu_ids, and the current task's pid from its row when its
 * task_struct is not in the dump.  The expected values are the ones put
 * into the fake kernel here.
 */
#include <stdlib.h>
#include <string.h>

#include "../../lib/backend/fake.h"
#include "../../lib/collect/kernel.h"
#include "../../lib/model/warn.h"
#include "tap.h"

/* struct new_utsname: six char[65]; release is the third, machine the fifth */
#define UTS_NAME_OFF	8	/* uts_namespace.name, after a kref */

static struct oms_fake *fake(const char *pagesize, bool uts)
{
	struct oms_fake *f = oms_fake_create();
	uint64_t addr;

	if (uts) {
		oms_fake_add_type(f, "struct uts_namespace", 512);
		oms_fake_add_member(f, "struct uts_namespace", "name",
				    UTS_NAME_OFF, 6 * 65);
		oms_fake_add_type(f, "struct new_utsname", 6 * 65);
		oms_fake_add_member(f, "struct new_utsname", "release",
				    2 * 65, 65);
		oms_fake_add_member(f, "struct new_utsname", "machine",
				    4 * 65, 65);
		addr = oms_fake_alloc(f, 512);
		oms_fake_poke(f, addr + UTS_NAME_OFF + 2 * 65, "6.1.0-57-cloud-amd64",
			      21);
		oms_fake_poke(f, addr + UTS_NAME_OFF + 4 * 65, "x86_64", 7);
		oms_fake_add_symbol(f, "init_uts_ns", addr);
	}
	if (pagesize)
		oms_fake_add_vmcoreinfo(f, "PAGESIZE", pagesize);
	addr = oms_fake_alloc(f, 4);
	oms_fake_poke_u32(f, addr, 6);
	oms_fake_add_symbol(f, "nr_cpu_ids", addr);
	return f;
}

static bool has_warning(const struct oms_warnings *w, const char *part)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (strstr(w->v[i].message, part))
			return true;
	return false;
}

static void page_size(const char *pagesize, uint64_t want, bool warned)
{
	struct oms_fake *f = fake(pagesize, true);
	struct oms_warnings w = { 0 };
	struct oms_kernel k;

	NO_ERR(oms_kernel_collect(oms_fake_target(f), &k, &w),
	       "PAGESIZE %s: collect", pagesize ? pagesize : "missing");
	IS_INT(k.page_size, want, "PAGESIZE %s: page size %llu",
	       pagesize ? pagesize : "missing", (unsigned long long)want);
	OK(has_warning(&w, "page size unknown") == warned,
	   "PAGESIZE %s: %s", pagesize ? pagesize : "missing",
	   warned ? "a warning says 4096 is assumed" : "no warning");
	oms_warnings_deinit(&w);
	oms_fake_destroy(f);
}

int main(void)
{
	struct oms_warnings w = { 0 };
	struct oms_tasks tasks = { 0 };
	struct oms_task rows[2];
	struct oms_error *err;
	struct oms_kernel k;
	struct oms_fake *f;

	f = fake("4096", true);
	NO_ERR(oms_kernel_collect(oms_fake_target(f), &k, &w), "collect");
	IS_STR(k.release, "6.1.0-57-cloud-amd64", "release from init_uts_ns");
	IS_STR(k.machine, "x86_64", "machine from init_uts_ns");
	IS_INT(k.page_size, 4096, "page size from VMCOREINFO");
	IS_INT(k.nr_cpu_ids, 6, "nr_cpu_ids");
	IS_INT(k.panic_cpu, -1, "panic_cpu unknown until oms_current_collect");
	IS_INT(w.n, 0, "no warnings");
	oms_fake_destroy(f);

	page_size("16384", 16384, false);
	page_size("65536", 65536, false);
	page_size(NULL, 4096, true);
	page_size("3000", 4096, true);
	page_size("2048", 4096, true);

	/* without the release nothing can be said: the one error */
	f = fake("4096", false);
	err = oms_kernel_collect(oms_fake_target(f), &k, &w);
	OK(err && strstr(err->message, "init_uts_ns"),
	   "no init_uts_ns: an error naming it (%s)", err ? err->message : "none");
	oms_error_destroy(err);
	oms_fake_destroy(f);

	/* the current task not in the dump: its pid from its row */
	memset(rows, 0, sizeof(rows));
	rows[0].addr = 0x1000;
	rows[0].pid = rows[0].tgid = 10;
	rows[1].addr = 0x2000;
	rows[1].pid = 21;
	rows[1].tgid = 20;
	tasks.v = rows;
	tasks.n = 2;
	oms_kernel_init(&k);
	k.current_task = 0x2000;
	oms_current_from_rows(&k, &tasks);
	IS_INT(k.current_pid, 21, "current from its row: pid");
	IS_INT(k.current_tgid, 20, "current from its row: tgid");
	k.current_pid = 5;
	k.current_tgid = 5;
	oms_current_from_rows(&k, &tasks);
	IS_INT(k.current_pid, 5, "current read from its task_struct: kept");
	rows[1].unknown = OMS_TASK_PID;
	oms_kernel_init(&k);
	k.current_task = 0x2000;
	oms_current_from_rows(&k, &tasks);
	IS_INT(k.current_pid, -1, "current's row without a pid: still unknown");
	oms_warnings_deinit(&w);
	return tap_done();
}
