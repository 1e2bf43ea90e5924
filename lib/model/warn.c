// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"
#include "warn.h"

void oms_warn(struct oms_warnings *w, const char *fmt, ...)
{
	struct oms_warning *v;
	char *message;
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&message, fmt, ap);
	va_end(ap);
	if (r < 0)
		return;
	v = oms_grow(w->v, &w->cap, w->n + 1, sizeof(*v));
	if (!v) {
		free(message);
		return;
	}
	w->v = v;
	w->v[w->n++].message = message;
}

void oms_warnings_deinit(struct oms_warnings *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i].message);
	free(w->v);
	memset(w, 0, sizeof(*w));
}
