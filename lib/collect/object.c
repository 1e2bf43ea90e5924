// SPDX-License-Identifier: GPL-2.0
/* Reading a kernel object by the fields used: see object.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "object.h"

void oms_span_add_range(struct oms_span *s, uint64_t off, uint64_t len)
{
	if (!len)
		return;
	if (s->start == s->end) {
		s->start = off;
		s->end = off + len;
		return;
	}
	if (off < s->start)
		s->start = off;
	if (off + len > s->end)
		s->end = off + len;
}

void oms_span_add(struct oms_span *s, const struct oms_field *f)
{
	if (f->present)
		oms_span_add_range(s, f->offset, f->size);
}

void oms_object_init(struct oms_object *o)
{
	memset(o, 0, sizeof(*o));
}

void oms_object_deinit(struct oms_object *o)
{
	free(o->buf);
	memset(o, 0, sizeof(*o));
}

struct oms_error *oms_object_read(const struct oms_target *t,
				  struct oms_object *o, uint64_t addr,
				  const struct oms_span *s)
{
	uint64_t len = s->end - s->start, first, pos, end, base;
	struct oms_error *err;
	unsigned int i;

	o->addr = addr;
	o->span = *s;
	o->readable = 0;
	o->any = o->all = false;
	o->missing_addr = 0;
	o->missing_message[0] = '\0';
	if (s->end < s->start ||
	    len > (uint64_t)(OMS_OBJECT_MAX_PAGES - 1) * OMS_OBJECT_PAGE)
		return oms_error_create(OMS_ERR_USAGE,
					"a span of %llu bytes is too long to read",
					(unsigned long long)len);
	if (len > o->cap) {
		unsigned char *b = realloc(o->buf, len);

		if (!b)
			return &oms_enomem;
		o->buf = b;
		o->cap = len;
	}
	first = addr + s->start;
	base = first & ~(uint64_t)(OMS_OBJECT_PAGE - 1);
	o->npieces = len ? (unsigned int)((first + len - 1 - base) /
					  OMS_OBJECT_PAGE + 1) : 0;
	if (!len) {
		o->all = true;
		return NULL;
	}
	err = oms_read(t, first, o->buf, len);
	if (!err) {
		o->readable = (uint32_t)((1ULL << o->npieces) - 1);
		o->any = o->all = true;
		return NULL;
	}
	oms_error_destroy(err);
	/* page by page: what is there is kept */
	o->all = true;
	for (i = 0, pos = first; i < o->npieces; i++, pos = end) {
		end = base + (uint64_t)(i + 1) * OMS_OBJECT_PAGE;
		if (end > first + len)
			end = first + len;
		err = oms_read(t, pos, o->buf + (pos - first), end - pos);
		if (!err) {
			o->readable |= 1U << i;
			o->any = true;
			continue;
		}
		if (o->all) {
			o->missing_addr = pos;
			o->missing_code = err->code;
			snprintf(o->missing_message, sizeof(o->missing_message),
				 "%s", err->message);
		}
		o->all = false;
		if (err == &oms_enomem)
			return err;
		oms_error_destroy(err);
	}
	return NULL;
}

const void *oms_object_bytes(const struct oms_object *o, uint64_t off,
			     uint64_t len)
{
	uint64_t first = o->addr + o->span.start, base, a, b;
	unsigned int i;

	if (off < o->span.start || off + len > o->span.end || off + len < off)
		return NULL;
	if (!o->all) {
		if (!len)
			return o->buf + (off - o->span.start);
		base = first & ~(uint64_t)(OMS_OBJECT_PAGE - 1);
		a = (o->addr + off - base) / OMS_OBJECT_PAGE;
		b = (o->addr + off + len - 1 - base) / OMS_OBJECT_PAGE;
		for (i = (unsigned int)a; i <= b; i++)
			if (!(o->readable & (1U << i)))
				return NULL;
	}
	return o->buf + (off - o->span.start);
}

static bool get_sized(const struct oms_object *o, uint64_t off, uint32_t size,
		      bool is_signed, uint64_t *ret)
{
	const unsigned char *p = oms_object_bytes(o, off, size);

	return p && oms_int_of_bytes(p, size, is_signed, ret);
}

bool oms_object_get(const struct oms_object *o, const struct oms_field *f,
		    uint64_t *ret)
{
	return f->present && get_sized(o, f->offset, f->size, false, ret);
}

bool oms_object_get_signed(const struct oms_object *o,
			   const struct oms_field *f, int64_t *ret)
{
	return f->present &&
	       get_sized(o, f->offset, f->size, true, (uint64_t *)ret);
}

bool oms_object_get_u64(const struct oms_object *o, uint64_t off,
			uint64_t *ret)
{
	return get_sized(o, off, 8, false, ret);
}
