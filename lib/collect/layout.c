// SPDX-License-Identifier: GPL-2.0
/* A layout resolved from a table of members: see layout.h. */
#include "layout.h"

struct oms_error *oms_resolve_fields(const struct oms_target *t,
				     const struct oms_field_spec *specs,
				     size_t n, void *layout)
{
	struct oms_error *err = NULL;
	size_t i;

	for (i = 0; !err && i < n; i++) {
		const struct oms_field_spec *s = &specs[i];
		struct oms_field *dst = (void *)((char *)layout + s->off);

		if (s->optional || s->alt)
			err = oms_field_optional(t, s->type, s->member, dst);
		else
			err = oms_field(t, s->type, s->member, dst);
		if (!err && s->alt && !dst->present)
			err = s->optional ?
			      oms_field_optional(t, s->type, s->alt, dst) :
			      oms_field(t, s->type, s->alt, dst);
	}
	return err;
}
