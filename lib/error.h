/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Errors of liboomscan.
 *
 * A fallible function returns a struct oms_error *: NULL on success, else
 * an error that says what failed, on which symbol, member or address
 * (libdrgn's convention).  The caller owns it and frees it with
 * oms_error_destroy(); the static out-of-memory error is never freed.
 */
#ifndef OMS_ERROR_H
#define OMS_ERROR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

enum oms_error_code {
	OMS_ERR_NOMEM = 1,	/* out of memory */
	OMS_ERR_OS,		/* a system call failed (errno in the message) */
	OMS_ERR_NOT_FOUND,	/* no such symbol, type, member or enumerator */
	OMS_ERR_NODATA,		/* the page is not in the dump (filtered out) */
	OMS_ERR_FAULT,		/* the address cannot be read */
	OMS_ERR_CORRUPT,	/* kernel data that cannot be right (cycle, bad length) */
	OMS_ERR_FORMAT,		/* a file the backend cannot read */
	OMS_ERR_MISMATCH,	/* the vmlinux does not belong to the dump */
	OMS_ERR_USAGE,		/* a bad argument */
};

struct oms_error {
	enum oms_error_code code;
	uint64_t address;	/* for NODATA and FAULT, else 0 */
	char *message;		/* "cannot read 'mm_struct.rss_stat' at 0x..." */
};

/* the one error that needs no allocation */
extern struct oms_error oms_enomem;

struct oms_error *oms_error_create(enum oms_error_code code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
struct oms_error *oms_error_vcreate(enum oms_error_code code, const char *fmt,
				    va_list ap);
struct oms_error *oms_error_fault(enum oms_error_code code, uint64_t address,
				  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* put "PREFIX: " in front of err's message; returns err */
struct oms_error *oms_error_prefix(struct oms_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void oms_error_destroy(struct oms_error *err);

/* for a best-effort step whose failure is not worth a word: true when err
 * is NULL; the error, if any, is freed */
static inline bool oms_ok(struct oms_error *err)
{
	oms_error_destroy(err);
	return !err;
}

/* a page that is not in the dump, or an address that cannot be read */
static inline int oms_error_is_memory(const struct oms_error *err)
{
	return err && (err->code == OMS_ERR_NODATA || err->code == OMS_ERR_FAULT);
}

#endif
