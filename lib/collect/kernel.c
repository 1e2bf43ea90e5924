// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel, read once and first: its release, the page size, the
 * number of cpu ids, the cpu that panicked and the task it was running.
 * The other collectors take what they need of it (const); none reads
 * these again.
 */
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "layout.h"
#include "arch.h"
#include "percpu.h"
#include "../model/warn.h"

/* what is read of init_uts_ns (struct uts_namespace) */
struct uts_layout {
	struct oms_field name, release, machine;
};

static struct oms_error *read_release(const struct oms_target *t,
				      struct oms_kernel *k)
{
	static const struct oms_field_spec fields[] = {
		OMS_FIELD(struct uts_layout, uts_namespace, "name", name, false),
		OMS_FIELD(struct uts_layout, new_utsname, "release", release,
			  false),
		OMS_FIELD(struct uts_layout, new_utsname, "machine", machine,
			  false),
	};
	struct uts_layout l;
	struct oms_error *err;
	uint64_t uts;

	err = oms_symbol(t, "init_uts_ns", &uts);
	if (!err)
		err = oms_resolve_fields(t, fields, OMS_ARRAY_SIZE(fields), &l);
	if (!err)
		err = oms_read_string(t, uts + l.name.offset + l.release.offset,
				      k->release, sizeof(k->release));
	if (!err)
		err = oms_read_string(t, uts + l.name.offset + l.machine.offset,
				      k->machine, sizeof(k->machine));
	return err ? oms_error_prefix(err, "cannot read the kernel release ('init_uts_ns')")
		   : NULL;
}

/* PAGE_SIZE: VMCOREINFO's PAGESIZE (crash_save_vmcoreinfo_init() always
 * writes it), a power of two from 4096 (arm64 has 16K and 64K pages) */
static void page_size(const struct oms_target *t, struct oms_kernel *k,
		      struct oms_warnings *w)
{
	struct oms_error *err;
	uint64_t size = 0;
	char *v = NULL;

	err = oms_vmcoreinfo(t, "PAGESIZE", &v);
	if (!err && v)
		size = strtoull(v, NULL, 10);
	if (size >= 4096 && !(size & (size - 1))) {
		k->page_size = size;
	} else {
		k->page_size = 4096;
		oms_warn(w, "page size unknown (VMCOREINFO PAGESIZE %s), assuming 4096",
			 err ? "missing" : v);
	}
	oms_error_destroy(err);
	free(v);
}

struct oms_error *oms_kernel_collect(const struct oms_target *t,
				     struct oms_kernel *k,
				     struct oms_warnings *w)
{
	struct oms_error *err;

	oms_kernel_init(k);
	err = read_release(t, k);
	if (err)
		return err;
	page_size(t, k, w);
	err = oms_nr_cpu_ids(t, &k->nr_cpu_ids);
	if (err) {
		oms_warn(w, "cpus: %s", err->message);
		oms_error_destroy(err);
	}
	return NULL;
}

/* the curr of cpu's struct rq (per-cpu runqueues): every architecture */
static struct oms_error *rq_curr(const struct oms_target *t,
				 const struct oms_percpu *pc, int cpu,
				 uint64_t *task_ret)
{
	struct oms_field curr;
	struct oms_error *err;
	uint64_t addr;

	err = oms_symbol(t, "runqueues", &addr);
	if (!err)
		err = oms_field(t, "struct rq", "curr", &curr);
	if (!err)
		err = oms_read_u64(t, oms_per_cpu_ptr(pc, addr, cpu) + curr.offset,
				   task_ret);
	return err;
}

/*
 * pr_pid of cpu's PRSTATUS note, -1 if none.  The dump has a note for
 * each cpu that was stopped, in the order of their ids (the capture
 * kernel drops the empty notes of cpus that were not): the index of a
 * cpu is the count of possible cpus before it, which holds where every
 * possible cpu was online, and is checked against the memory (below).
 */
static int32_t note_pid(const struct oms_target *t,
			const struct oms_percpu *pc, int cpu)
{
	struct oms_error *err;
	int32_t pid;
	int i, index = 0;

	oms_for_each_possible_cpu(i, pc)
		if (i < cpu)
			index++;
	err = oms_note_pid(t, index, &pid);
	if (err) {
		oms_error_destroy(err);
		return -1;
	}
	return pid;
}

/*
 * The task cpu ran, from what the architecture keeps in memory
 * (arch.c) and from the runqueue, checked against each other: the
 * first is `current` itself, the second differs only in the middle of a
 * context switch, which a panic does not interrupt
 */
static struct oms_error *find_current(const struct oms_target *t,
				      const struct oms_percpu *pc, int cpu,
				      struct oms_kernel *k,
				      struct oms_warnings *w)
{
	struct oms_error *e_arch, *e_rq;
	uint64_t arch = 0, rq = 0;
	const char *what = NULL;

	e_arch = oms_arch_current(t, pc, cpu, &arch, &what);
	e_rq = rq_curr(t, pc, cpu, &rq);
	if (!e_arch && !e_rq && arch != rq)
		oms_warn(w, "cpu %d: %s is 0x%llx but its runqueue's curr is 0x%llx: %s taken",
			 cpu, what, (unsigned long long)arch,
			 (unsigned long long)rq, what);
	if (!e_arch || !e_rq) {
		/* one was read (its value may still be 0: a corrupt dump) */
		k->current_task = !e_arch ? arch : rq;
		k->current_source = !e_arch ? what : "runqueues.curr";
		oms_error_destroy(e_arch);
		oms_error_destroy(e_rq);
		return NULL;
	}
	if (e_arch->code != OMS_ERR_NOT_FOUND) {
		/* the architecture's own word, then */
		oms_error_destroy(e_rq);
		return e_arch;
	}
	oms_error_destroy(e_arch);
	return e_rq;
}

struct oms_error *oms_current_collect(const struct oms_target *t,
				      struct oms_kernel *k,
				      struct oms_warnings *w)
{
	struct oms_percpu pc;
	struct oms_field f_pid, f_tgid;
	struct oms_error *err;
	uint64_t addr;
	uint32_t cpu;
	int32_t v;

	k->panic_cpu = -1;
	k->current_task = 0;
	k->current_pid = -1;
	k->current_tgid = -1;
	k->current_source = NULL;
	k->note_pid = -1;
	err = oms_symbol(t, "panic_cpu", &addr);
	if (!err)
		err = oms_read_u32(t, addr, &cpu);
	if (err)
		return oms_error_prefix(err, "cannot read 'panic_cpu'");
	if ((int32_t)cpu == -1)		/* PANIC_CPU_INVALID: no panic */
		return NULL;
	err = oms_percpu_init(&pc, t);
	if (err)
		return err;
	if ((int32_t)cpu < 0 || !oms_cpu_possible(&pc, (int)cpu)) {
		err = oms_error_create(OMS_ERR_CORRUPT,
				       "'panic_cpu' is %d, not a possible cpu",
				       (int32_t)cpu);
		goto out_deinit;
	}
	k->panic_cpu = (int)cpu;
	k->note_pid = note_pid(t, &pc, (int)cpu);
	err = find_current(t, &pc, (int)cpu, k, w);
	if (!err)
		err = oms_field(t, "struct task_struct", "pid", &f_pid);
	if (!err)
		err = oms_field(t, "struct task_struct", "tgid", &f_tgid);
	if (err) {
		err = oms_error_prefix(err, "cannot read the current task of cpu %u",
				       cpu);
		if (k->note_pid >= 0 && !k->current_task) {
			/* the note's pid: its row gives the rest */
			oms_warn(w, "%s; the pid of its note, %d, taken",
				 err->message, k->note_pid);
			oms_error_destroy(err);
			err = NULL;
			k->current_pid = k->note_pid;
			k->current_source = "note";
		}
		goto out_deinit;
	}
	err = oms_read(t, k->current_task + f_pid.offset, &v, sizeof(v));
	if (!err) {
		k->current_pid = v;
		err = oms_read(t, k->current_task + f_tgid.offset, &v, sizeof(v));
		if (!err)
			k->current_tgid = v;
	}
	if (err) {
		oms_warn(w,
			 "the current task of cpu %u at 0x%llx%s: %s", cpu,
			 (unsigned long long)k->current_task,
			 err->code == OMS_ERR_NODATA ? " is not in the dump" :
			 " cannot be read", err->message);
		oms_error_destroy(err);
		err = NULL;
	}
	if (k->current_pid >= 0 && k->note_pid >= 0 &&
	    k->current_pid != k->note_pid)
		oms_warn(w, "cpu %u: the current task (%s) is pid %d but the cpu's note says pid %d",
			 cpu, k->current_source, k->current_pid, k->note_pid);
out_deinit:
	oms_percpu_deinit(&pc);
	return err;
}

void oms_current_from_rows(struct oms_kernel *k, const struct oms_tasks *tasks)
{
	size_t i;

	if (!k->current_task && k->current_pid >= 0) {
		/* the note's pid: the task of that pid */
		for (i = 0; i < tasks->n; i++)
			if (oms_task_known(&tasks->v[i], OMS_TASK_PID) &&
			    tasks->v[i].pid == k->current_pid) {
				k->current_task = tasks->v[i].addr;
				k->current_tgid = tasks->v[i].tgid;
				return;
			}
		return;
	}
	if (!k->current_task || k->current_pid >= 0)
		return;
	for (i = 0; i < tasks->n; i++)
		if (tasks->v[i].addr == k->current_task &&
		    oms_task_known(&tasks->v[i], OMS_TASK_PID)) {
			k->current_pid = tasks->v[i].pid;
			k->current_tgid = tasks->v[i].tgid;
			return;
		}
}
