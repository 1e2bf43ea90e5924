// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

struct oms_error oms_enomem = {
	.code = OMS_ERR_NOMEM,
	.message = "out of memory",
};

struct oms_error *oms_error_vcreate(enum oms_error_code code, const char *fmt,
				    va_list ap)
{
	struct oms_error *err = calloc(1, sizeof(*err));

	if (!err)
		return &oms_enomem;
	err->code = code;
	if (vasprintf(&err->message, fmt, ap) < 0) {
		free(err);
		return &oms_enomem;
	}
	return err;
}

struct oms_error *oms_error_create(enum oms_error_code code, const char *fmt, ...)
{
	struct oms_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = oms_error_vcreate(code, fmt, ap);
	va_end(ap);
	return err;
}

struct oms_error *oms_error_fault(enum oms_error_code code, uint64_t address,
				  const char *fmt, ...)
{
	struct oms_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = oms_error_vcreate(code, fmt, ap);
	va_end(ap);
	if (err != &oms_enomem)
		err->address = address;
	return err;
}

struct oms_error *oms_error_prefix(struct oms_error *err, const char *fmt, ...)
{
	char *prefix, *message;
	va_list ap;

	if (!err || err == &oms_enomem)
		return err;
	va_start(ap, fmt);
	if (vasprintf(&prefix, fmt, ap) < 0) {
		va_end(ap);
		return err;
	}
	va_end(ap);
	if (asprintf(&message, "%s: %s", prefix, err->message) >= 0) {
		free(err->message);
		err->message = message;
	}
	free(prefix);
	return err;
}

void oms_error_destroy(struct oms_error *err)
{
	if (!err || err == &oms_enomem)
		return;
	free(err->message);
	free(err);
}
