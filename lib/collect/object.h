/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a kernel object by the fields a collector uses, never by its
 * type's size.
 *
 * A collector lists the fields it needs of one type (oms_span_add); the
 * span runs from the first byte of the first to the last byte of the
 * last.  oms_object_read() reads that span at an object's address in one
 * read, or, when part of it is not in the dump, page by page, so that a
 * missing page costs only the fields on it: oms_object_get() then says
 * which fields could be read.
 *
 * Why not sizeof(type): the type is not always what the kernel allocated.
 * x86's struct task_struct ends in thread.fpu, whose register union is
 * sized for the largest xstate (9,728 bytes in all on 6.1), while the slab
 * object is arch_task_struct_size bytes: the xstate size of the CPU the
 * kernel booted on (8,328 on the bundled 6.1 dump, whose fields end at
 * 3,464; thread.fpu starts at 5,312).  A read of sizeof() runs past the
 * object into the next slab page, which makedumpfile rightly drops when
 * it is free, and the whole task was lost with it.  Other objects end in
 * flexible arrays (mm_struct's cpu bitmap, signal_struct's none today):
 * the same rule holds for every object.
 */
#ifndef OMS_OBJECT_H
#define OMS_OBJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "../target.h"

/* the pages an object may straddle: spans of up to 60 KB */
#define OMS_OBJECT_MAX_PAGES 16
#define OMS_OBJECT_PAGE 4096	/* the unit of a partial read; dump pages are
				   4 KB or a multiple of it */

struct oms_span {
	uint64_t start, end;	/* bytes from the object's start; empty: equal */
};

/* widen s to cover f (a missing field is left out) */
void oms_span_add(struct oms_span *s, const struct oms_field *f);
/* widen s to cover [off, off + len) */
void oms_span_add_range(struct oms_span *s, uint64_t off, uint64_t len);

struct oms_object {
	uint64_t addr;		/* the object's address */
	struct oms_span span;
	unsigned char *buf;	/* span.end - span.start bytes */
	uint64_t cap;
	/* bit i: the i-th OMS_OBJECT_PAGE-aligned piece of the span was read */
	uint32_t readable;
	unsigned int npieces;
	bool any;		/* something was read */
	bool all;		/* everything was read */
	/* the first piece that could not be read, and why */
	uint64_t missing_addr;
	enum oms_error_code missing_code;
	char missing_message[160];
};

void oms_object_init(struct oms_object *o);
void oms_object_deinit(struct oms_object *o);
/*
 * Read the span s of the object at addr.  Returns an error only for out of
 * memory or a span that is too long; what could not be read is in o
 * (o->any, o->all, missing_*) and costs only the fields on it.
 */
struct oms_error *oms_object_read(const struct oms_target *t,
				  struct oms_object *o, uint64_t addr,
				  const struct oms_span *s);
/* [off, off + len) of the object read: a pointer into the buffer, or NULL
 * when some of it is outside the span or was not read */
const void *oms_object_bytes(const struct oms_object *o, uint64_t off,
			     uint64_t len);
/* a field of 1, 2, 4 or 8 bytes, unsigned or sign-extended: false when it
 * is missing in this kernel or not read */
bool oms_object_get(const struct oms_object *o, const struct oms_field *f,
		    uint64_t *ret);
bool oms_object_get_signed(const struct oms_object *o,
			   const struct oms_field *f, int64_t *ret);
/* a u64 at off */
bool oms_object_get_u64(const struct oms_object *o, uint64_t off,
			uint64_t *ret);

#endif
