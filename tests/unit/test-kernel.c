// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel part of the model on the fake target (collect/kernel.c): the
 * release and machine from init_uts_ns, the page size from VMCOREINFO
 * PAGESIZE (kept only when a power of two from 4096: arm64's 16K and 64K
 * too), nr_cpu_ids, and the current task's pid from its row when its
 * task_struct is not in the dump; the panicking task from x86-64's per-cpu
 * current_task, from the runqueue's curr where there is none (arm64), and
 * from the cpu's PRSTATUS note where neither can be read, each checked
 * against the others.  The expected values are the ones put into the fake
 * kernel here.
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

/* the panicking task: cpu 1 of 2 panicked; its runqueue's curr is rq_task,
 * its current_task (where cur_task is not 0) cur_task; the notes' pids */
#define PCPU_STRIDE	0x1000
#define RQ_CURR		8
#define T_PID		0x10
#define T_TGID		0x14

struct panic_kernel {
	struct oms_fake *f;
	uint64_t task[2];	/* pids 222 (tgid 220) and 333 (tgid 330) */
	uint64_t cur_slot;	/* cpu 1's current_task */
};

static void panic_kernel(struct panic_kernel *pk, int which_rq,
			 int which_cur, const int32_t *notes, int n_notes)
{
	struct oms_fake *f = fake("4096", true);
	uint64_t area, a;
	int i;

	pk->f = f;
	oms_fake_add_type(f, "struct task_struct", 64);
	oms_fake_add_member(f, "struct task_struct", "pid", T_PID, 4);
	oms_fake_add_member(f, "struct task_struct", "tgid", T_TGID, 4);
	for (i = 0; i < 2; i++) {
		pk->task[i] = oms_fake_alloc(f, 64);
		oms_fake_poke_u32(f, pk->task[i] + T_PID, 222 + 111 * i);
		oms_fake_poke_u32(f, pk->task[i] + T_TGID, 220 + 110 * i);
	}
	a = oms_fake_alloc(f, 4);
	oms_fake_poke_u32(f, a, 1);
	oms_fake_add_symbol(f, "panic_cpu", a);
	/* two cpus: the per-cpu areas at area + cpu * PCPU_STRIDE */
	area = oms_fake_alloc(f, 2 * PCPU_STRIDE);
	a = oms_fake_alloc(f, 16);
	oms_fake_poke_u64(f, a, 0);
	oms_fake_poke_u64(f, a + 8, PCPU_STRIDE);
	oms_fake_add_symbol(f, "__per_cpu_offset", a);
	a = oms_fake_alloc(f, 8);
	oms_fake_poke_u64(f, a, 3);
	oms_fake_add_symbol(f, "__cpu_possible_mask", a);
	a = oms_fake_alloc(f, 4);
	oms_fake_poke_u32(f, a, 2);
	oms_fake_add_symbol(f, "nr_cpu_ids", a);
	if (which_rq >= 0) {
		oms_fake_add_type(f, "struct rq", 64);
		oms_fake_add_member(f, "struct rq", "curr", RQ_CURR, 8);
		oms_fake_add_symbol(f, "runqueues", area + 0x100);
		oms_fake_poke_u64(f, area + PCPU_STRIDE + 0x100 + RQ_CURR,
				  pk->task[which_rq]);
	}
	pk->cur_slot = area + PCPU_STRIDE + 0x200;
	if (which_cur >= 0) {
		oms_fake_add_symbol(f, "current_task", area + 0x200);
		oms_fake_poke_u64(f, area + PCPU_STRIDE + 0x200,
				  pk->task[which_cur]);
	}
	for (i = 0; i < n_notes; i++)
		oms_fake_add_note_pid(f, notes[i]);
}

static void panicking(const char *what, int which_rq, int which_cur,
		      const int32_t *notes, int n_notes, int32_t want_pid,
		      const char *want_source, const char *want_warning)
{
	struct panic_kernel pk;
	struct oms_warnings w = { 0 };
	struct oms_error *err;
	struct oms_kernel k;

	panic_kernel(&pk, which_rq, which_cur, notes, n_notes);
	oms_kernel_init(&k);
	err = oms_current_collect(oms_fake_target(pk.f), &k, &w);
	if (!want_source) {
		OK(err != NULL, "%s: an error (%s)", what,
		   err ? err->message : "none");
	} else {
		NO_ERR(err, "%s: collect", what);
		IS_INT(k.panic_cpu, 1, "%s: panic_cpu", what);
		IS_INT(k.current_pid, want_pid, "%s: current pid", what);
		IS_STR(k.current_source ? k.current_source : "(none)",
		       want_source, "%s: taken from %s", what, want_source);
		IS_INT(k.note_pid, n_notes > 1 ? notes[1] : -1,
		       "%s: the note's pid", what);
	}
	if (want_warning)
		OK(has_warning(&w, want_warning), "%s: a warning has \"%s\"",
		   what, want_warning);
	else
		IS_INT(w.n, 0, "%s: no warning", what);
	if (w.n && (!want_warning || !has_warning(&w, want_warning)))
		printf("#   %s\n", w.v[0].message);
	oms_warnings_deinit(&w);
	oms_fake_destroy(pk.f);
}

static void panicking_tasks(void)
{
	static const int32_t agree[] = { 1, 222 }, disagree[] = { 1, 333 };
	struct oms_tasks tasks = { 0 };
	struct oms_warnings w = { 0 };
	struct panic_kernel pk;
	struct oms_task rows[2];
	struct oms_kernel k;
	int i;

	panicking("arm64 (runqueue only)", 0, -1, NULL, 0, 222,
		  "runqueues.curr", NULL);
	panicking("x86-64 (current_task and runqueue)", 0, 0, agree, 2, 222,
		  "current_task", NULL);
	panicking("current_task and runqueue differ", 1, 0, NULL, 0, 222,
		  "current_task", "its runqueue's curr is");
	panicking("the note differs", 0, -1, disagree, 2, 222,
		  "runqueues.curr", "the cpu's note says pid 333");
	panicking("neither in the kernel: the note's pid", -1, -1, agree, 2,
		  222, "note", "the pid of its note, 222, taken");
	panicking("neither, no notes", -1, -1, NULL, 0, -1, NULL,
		  NULL);

	/* current_task read as 0 (a corrupt dump), no runqueue: no task,
	 * a warning, no crash */
	panic_kernel(&pk, -1, 0, NULL, 0);
	oms_fake_poke_u64(pk.f, pk.cur_slot, 0);
	oms_kernel_init(&k);
	NO_ERR(oms_current_collect(oms_fake_target(pk.f), &k, &w),
	       "current_task 0: collect");
	OK(k.current_pid == -1 && has_warning(&w, "cannot be read"),
	   "current_task 0: no pid, a warning that it cannot be read");
	oms_warnings_deinit(&w);
	memset(&w, 0, sizeof(w));
	oms_fake_destroy(pk.f);

	/* the note's pid: the task comes from its row */
	panic_kernel(&pk, -1, -1, agree, 2);
	oms_kernel_init(&k);
	oms_error_destroy(oms_current_collect(oms_fake_target(pk.f), &k, &w));
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < 2; i++) {
		rows[i].addr = pk.task[i];
		rows[i].pid = 222 + 111 * i;
		rows[i].tgid = 220 + 110 * i;
	}
	tasks.v = rows;
	tasks.n = 2;
	oms_current_from_rows(&k, &tasks);
	OK(k.current_task == pk.task[0] && k.current_tgid == 220,
	   "the note's pid: the task and tgid of its row");
	oms_warnings_deinit(&w);
	oms_fake_destroy(pk.f);
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
	panicking_tasks();
	return tap_done();
}
