// SPDX-License-Identifier: GPL-2.0
/* gfp masks as the kernel prints them: see gfp.h. */
#include <stdio.h>
#include <string.h>

#include "gfp.h"

bool oms_gfp_format(const struct oms_gfp_names *names, uint64_t gfp,
		    char *buf, size_t size)
{
	size_t i, len = 0;

	if (size)
		buf[0] = '\0';
	if (!names->valid)
		return false;
	/* format_flags(): for ( ; flags && names->name; names++) */
	for (i = 0; gfp && i < names->n; i++) {
		uint64_t mask = names->v[i].mask;

		if ((gfp & mask) != mask)
			continue;
		gfp &= ~mask;
		len += (size_t)snprintf(buf + (len < size ? len : size),
					len < size ? size - len : 0, "%s%s",
					names->v[i].name, gfp ? "|" : "");
	}
	/* the rest: number(..., default_flag_spec), base 16, SPECIAL|SMALL */
	if (gfp)
		snprintf(buf + (len < size ? len : size),
			 len < size ? size - len : 0, "%#llx",
			 (unsigned long long)gfp);
	return true;
}

uint64_t oms_gfp_flag(const struct oms_gfp_names *names, const char *name)
{
	size_t i;

	for (i = 0; i < names->n; i++)
		if (!strcmp(names->v[i].name, name))
			return names->v[i].mask;
	return 0;
}
