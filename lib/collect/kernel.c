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

struct oms_error *oms_current_collect(const struct oms_target *t,
				      struct oms_kernel *k,
				      struct oms_warnings *w)
{
	struct oms_percpu pc;
	struct oms_field f_pid, f_tgid, hot;
	struct oms_error *err;
	uint64_t addr, cur;
	uint32_t cpu;
	int32_t v;

	k->panic_cpu = -1;
	k->current_task = 0;
	k->current_pid = -1;
	k->current_tgid = -1;
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
	/* current: pcpu_hot.current_task from v6.2 (c063a217bc07 "x86/percpu:
	 * Move current_task to percpu hot section"), per-cpu current_task
	 * before */
	err = oms_field_optional(t, "struct pcpu_hot", "current_task", &hot);
	if (!err && hot.present && oms_symbol_exists(t, "pcpu_hot")) {
		err = oms_symbol(t, "pcpu_hot", &addr);
		addr += hot.offset;
	} else if (!err) {
		err = oms_symbol(t, "current_task", &addr);
	}
	if (!err)
		err = oms_read_u64(t, oms_per_cpu_ptr(&pc, addr, (int)cpu), &cur);
	if (!err)
		err = oms_field(t, "struct task_struct", "pid", &f_pid);
	if (!err)
		err = oms_field(t, "struct task_struct", "tgid", &f_tgid);
	if (err) {
		err = oms_error_prefix(err, "cannot read the current task of cpu %u",
				       cpu);
		goto out_deinit;
	}
	k->current_task = cur;
	err = oms_read(t, cur + f_pid.offset, &v, sizeof(v));
	if (!err) {
		k->current_pid = v;
		err = oms_read(t, cur + f_tgid.offset, &v, sizeof(v));
		if (!err)
			k->current_tgid = v;
	}
	if (err) {
		oms_warn(w,
			 "the current task of cpu %u at 0x%llx%s: %s", cpu,
			 (unsigned long long)cur,
			 err->code == OMS_ERR_NODATA ? " is not in the dump" :
			 " cannot be read", err->message);
		oms_error_destroy(err);
		err = NULL;
	}
out_deinit:
	oms_percpu_deinit(&pc);
	return err;
}


void oms_current_from_rows(struct oms_kernel *k, const struct oms_tasks *tasks)
{
	size_t i;

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
