/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The target interface (lib/target.h) over a running crash session:
 * readmem, symbol_value, datatype_info, enumerator_value and crash's
 * VMCOREINFO reader.  Crash is the backend; lib/backend/ is not linked.
 *
 * Every call into crash runs under oms_crash_guard(): if crash raises a
 * FATAL error on the way (a page-table page missing from the dump, gdb
 * failing), its longjmp lands back in the op, which returns an error, and
 * never unwinds through liboomscan's frames.
 */
#ifndef OMS_CRASH_TARGET_H
#define OMS_CRASH_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/target.h"

struct oms_enumerator {
	char *name;
	int64_t value;
};

/* a bitfield of a type, as gdb's ptype /o shows it */
struct oms_bitfield {
	char *name;
	uint64_t byte;			/* bit position / 8 */
	uint32_t bit, width;		/* bit position % 8, its width */
};

/* the bitfields of one type (none: n 0), looked up once */
struct oms_type_bits {
	char *type;
	struct oms_bitfield *v;
	size_t n;
};

/* the target's state for one command; zero it, deinit after the command */
struct oms_crash_target {
	bool interrupted;		/* the user pressed ^C: no more reads */
	unsigned long caught;		/* FATAL errors of crash caught */
	struct oms_enumerator *enums;	/* every enumerator of the enums seen */
	size_t n_enums, cap_enums;
	struct oms_type_bits *types;	/* the types whose bitfields were asked */
	size_t n_types;
};

extern const struct oms_target_ops oms_crash_target_ops;
void oms_crash_target_deinit(struct oms_crash_target *ct);

/* run fn(arg) and store its result; false if crash longjmp'd out of it */
bool oms_crash_guard(long (*fn)(void *), void *arg, long *ret);

#endif
