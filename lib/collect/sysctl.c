// SPDX-License-Identifier: GPL-2.0
/* The OOM sysctls: plain globals of mm/oom_kill.c and mm/util.c. */
#include <string.h>

#include "sysctl.h"
#include "../model/warn.h"

/* read an int sysctl (4 bytes) or an unsigned long one (8 bytes) */
static bool read_sysctl(const struct oms_target *t, struct oms_warnings *w,
			const char *name, size_t size, void *ret)
{
	struct oms_error *err;
	uint64_t addr;

	err = oms_symbol(t, name, &addr);
	if (!err)
		err = oms_read(t, addr, ret, size);
	if (err) {
		oms_warn(w, "cannot read '%s': %s", name,
			 err->message);
		oms_error_destroy(err);
		return false;
	}
	return true;
}

/* for a warning: where the sysctl is */
static uint64_t panic_on_oom_addr(const struct oms_target *t)
{
	uint64_t addr = 0;

	oms_error_destroy(oms_symbol(t, "sysctl_panic_on_oom", &addr));
	return addr;
}

struct oms_error *oms_sysctl_collect(const struct oms_target *t,
				     struct oms_sysctl *s,
				     struct oms_warnings *w)
{
	bool ok = true;
	int32_t v;
	uint64_t kb = 0;

	memset(s, 0, sizeof(*s));
#define INT_SYSCTL(field) do {						\
		v = 0;							\
		ok &= read_sysctl(t, w, "sysctl_" #field, 4, &v);	\
		s->field = v;						\
	} while (0)
	INT_SYSCTL(panic_on_oom);
	INT_SYSCTL(oom_kill_allocating_task);
	INT_SYSCTL(oom_dump_tasks);
	INT_SYSCTL(overcommit_memory);
	INT_SYSCTL(overcommit_ratio);
#undef INT_SYSCTL
	ok &= read_sysctl(t, w, "sysctl_overcommit_kbytes", 8, &kb);
	s->overcommit_kbytes = kb;
	s->valid = ok;
	/* proc_dointvec_minmax() keeps vm.panic_on_oom in 0..2: another
	 * value is corruption, which check_panic_on_oom() takes as 1 */
	if (s->panic_on_oom < 0 || s->panic_on_oom > 2)
		oms_warn(w,
			 "'sysctl_panic_on_oom' at 0x%llx is %d, outside 0..2: taken as 1, as the kernel does",
			 (unsigned long long)panic_on_oom_addr(t), s->panic_on_oom);
	return NULL;
}
