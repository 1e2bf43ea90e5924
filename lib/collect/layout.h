/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A collector's layout resolved from a table: one entry a member, in the
 * order the kernel's variants are tried, each variant's commit beside it.
 *
 *	static const struct oms_field_spec fields[] = {
 *		OMS_FIELD(struct layout, task_struct, "pid", t_pid, false),
 *		// 2f064a59a11f (5.14): state became __state
 *		OMS_FIELD_OR(struct layout, task_struct, "__state", "state",
 *			     t_state, false),
 *	};
 *	err = oms_resolve_fields(t, fields, OMS_ARRAY_SIZE(fields), l);
 *
 * The first member that cannot be resolved ends the walk, and its error
 * (which names it) is returned; an optional member that is missing leaves
 * its field's present false.
 */
#ifndef OMS_LAYOUT_H
#define OMS_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "../target.h"

#define OMS_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct oms_field_spec {
	const char *type, *member;
	size_t off;		/* of its struct oms_field in the layout */
	bool optional;		/* missing: present false, not an error */
	/* the member missing: this one instead (its name in an older or
	 * newer kernel), optional as above */
	const char *alt;
};

/* member M of struct T into the struct oms_field DST of layout L */
#define OMS_FIELD(L, T, M, DST, OPTIONAL) \
	{ "struct " #T, M, offsetof(L, DST), OPTIONAL, NULL }
/* member M of struct T, or where it is missing member ALT */
#define OMS_FIELD_OR(L, T, M, ALT, DST, OPTIONAL) \
	{ "struct " #T, M, offsetof(L, DST), OPTIONAL, ALT }

struct oms_error *oms_resolve_fields(const struct oms_target *t,
				     const struct oms_field_spec *specs,
				     size_t n, void *layout);

#endif
